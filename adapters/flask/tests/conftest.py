"""Shared fixtures: the repository's protocol vectors and a real redis-server on a free port."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ADAPTER = HERE.parent
REPO = ADAPTER.parent.parent
VECTORS = REPO / "protocol" / "vectors"

sys.path.insert(0, str(ADAPTER))
sys.path.insert(0, str(HERE))


def load_vectors(name: str) -> dict:
    return json.loads((VECTORS / name).read_text("utf-8"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway redis-server (Debian's), no persistence, on loopback."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed (npm test installs it: scripts/ensure-debian.sh)")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="sessionscope-pytest-redis-")
    proc = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.time() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.time() > deadline:
                proc.kill()
                pytest.fail("redis-server did not start within 10 s")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(5)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture()
def redis_client(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushall()
    yield client
    client.close()


@pytest.fixture(autouse=True)
def _no_env_keys(monkeypatch):
    """Tests configure keys explicitly; a developer's SESSIONSCOPE_KEYS must not leak in."""
    monkeypatch.delenv("SESSIONSCOPE_KEYS", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    os.environ.pop("SESSIONSCOPE_KEYS", None)
