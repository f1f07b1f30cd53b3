#!/usr/bin/python3
"""`npm run demo:flask [-- --store cookie|redis|filesystem] [--port N]`: the Flask demo with the
Sessionscope adapter, printing what a developer needs to pair the panel. With --port 0 it picks a
free port; the line `listening <port>` (for tests) comes last."""

from __future__ import annotations

import argparse
import os
import signal
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "adapters" / "flask"))

from sessionscope_flask.core.keys import generate_key  # noqa: E402

KEY_FILE = REPO / ".sessionscope-demo-key"


def demo_pairings() -> list:
    """SESSIONSCOPE_KEYS wins; else the saved demo key (shared with the Express demo); else a new one."""
    from_env = [k.strip() for k in os.environ.get("SESSIONSCOPE_KEYS", "").split(",") if k.strip()]
    if from_env:
        return from_env
    if KEY_FILE.exists() and KEY_FILE.read_text().strip():
        return [KEY_FILE.read_text().strip()]
    key = generate_key()
    KEY_FILE.write_text(key.pairing + "\n")
    KEY_FILE.chmod(0o600)
    return [key.pairing]


def local_redis():
    """A throwaway redis-server on a free loopback port, no persistence, stopped on exit."""
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit('Redis mode needs redis-server (Debian package "redis-server"), or REDIS_URL pointing at a Redis.')
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workdir = tempfile.mkdtemp(prefix="sessionscope-flask-demo-redis-")
    proc = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    deadline = time.time() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            return proc, url
        except redis.ConnectionError:
            if time.time() > deadline:
                proc.kill()
                sys.exit("redis-server did not start within 10 s")
            time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description="Sessionscope Flask demo")
    parser.add_argument("--store", choices=["cookie", "redis", "filesystem"], default=os.environ.get("SESSIONSCOPE_DEMO_STORE", "cookie"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()

    redis_proc = None
    redis_url = os.environ.get("REDIS_URL")
    if args.store == "redis" and not redis_url:
        redis_proc, redis_url = local_redis()
    file_dir = tempfile.mkdtemp(prefix="sessionscope-flask-demo-files-") if args.store == "filesystem" else None

    from demo_app import create_app
    from werkzeug.serving import make_server

    pairings = demo_pairings()
    app = create_app(args.store, keys=pairings, redis_url=redis_url, file_dir=file_dir)
    # SIGTERM (a test, a supervisor) stops like Ctrl-C: the finally below cleans up.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    server = make_server(args.host, args.port, app, threaded=True)
    url = f"http://{args.host}:{server.server_port}"
    extra = f"\nRedis: {redis_url}{' (started for this demo, stopped on exit)' if redis_proc else ''}\n" if args.store == "redis" else ""
    if file_dir:
        extra = f"\nSession files: {file_dir}\n"
    print(
        f"""
Sessionscope Flask demo ({args.store} sessions) at {url}
{extra}
Pairing string (paste it into the DevTools "Sessions" panel):
  {pairings[0]}

Load the extension (after "npm run build"):
  Chrome:  chrome://extensions → Developer mode → Load unpacked → dist/chrome
  Firefox: about:debugging → This Firefox → Load Temporary Add-on → dist/firefox/manifest.json
Then open {url}, open DevTools → Sessions, paste the pairing string and click around.
""",
        flush=True,
    )
    print(f"listening {server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if redis_proc:
            redis_proc.terminate()
        if file_dir:
            shutil.rmtree(file_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
