"""The payload stores: bounded, expiring, bound to a kid, fetched once; Redis shared by several
processes. Real redis-server; real HTTP between two demo processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from support import REPO

from sessionscope_flask import MemoryPayloadStore, RedisPayloadStore, generate_key
from sessionscope_flask.core.header import parse_debug_header
from sessionscope_flask.core.seal import open_text
from sessionscope_flask.core.store import PayloadTooLarge, StoreUnavailable, new_ref_id

KID_A = "A" * 22
KID_B = "B" * 22


def test_memory_store_bounds_expiry_and_fetch_once():
    clock = [0.0]
    store = MemoryPayloadStore(ttl_ms=1000, max_entries=3, max_bytes=100, max_entry_bytes=60, now=lambda: clock[0])
    with pytest.raises(PayloadTooLarge):
        store.put("big", KID_A, "x" * 61)
    for i in range(4):
        store.put(f"r{i}", KID_A, "x" * 10)
    assert store.size == 3 and store.take("r0", KID_A) is None  # the oldest went first
    assert store.take("r1", KID_B) is None  # another kid: a miss, and the entry stays
    assert store.take("r1", KID_A) == "x" * 10
    assert store.take("r1", KID_A) is None  # once
    store.put("w", KID_A, "y" * 50)
    store.put("v", KID_A, "z" * 50)
    assert store.bytes <= 100
    clock[0] = 2.0
    assert store.take("v", KID_A) is None  # expired
    assert len(new_ref_id()) == 43


def test_redis_store(redis_client):
    store = RedisPayloadStore(redis_client, ttl_ms=5000, max_entry_bytes=100)
    ref = new_ref_id()
    store.put(ref, KID_A, "jwe-text")
    assert 0 < redis_client.pttl(f"sessionscope:payload:{KID_A}:{ref}") <= 5000
    assert store.take(ref, KID_B) is None
    assert store.take(ref, KID_A) == "jwe-text"
    assert store.take(ref, KID_A) is None
    assert redis_client.keys("sessionscope:payload:*") == []
    with pytest.raises(PayloadTooLarge):
        store.put(ref, KID_A, "x" * 101)


def test_redis_store_down_is_store_unavailable():
    import redis

    store = RedisPayloadStore(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))
    with pytest.raises(StoreUnavailable):
        store.put(new_ref_id(), KID_A, "x")
    with pytest.raises(StoreUnavailable):
        store.take(new_ref_id(), KID_A)


def test_redis_store_needs_a_client():
    with pytest.raises(TypeError, match="redis-py client"):
        RedisPayloadStore(object())


def start_demo(store: str, key, env_extra: dict):
    env = {**os.environ, "SESSIONSCOPE_KEYS": key.pairing, **env_extra}
    proc = subprocess.Popen(
        ["/usr/bin/python3", str(REPO / "demo-flask" / "server.py"), "--store", store, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    for line in proc.stdout:
        if line.startswith("listening "):
            return proc, f"http://127.0.0.1:{int(line.split()[1])}"
    proc.kill()
    raise AssertionError(f"demo did not start: {proc.stderr.read()}")


def fetch(url, headers=None, data=None, cookie=None):
    request = urllib.request.Request(url, data=data, headers={**(headers or {}), **({"Cookie": cookie} if cookie else {})})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, dict(response.headers), response.headers.get_all("Set-Cookie") or [], response.read()


def test_two_processes_share_references_and_sessions_through_redis(redis_url):
    """Several workers (gunicorn -w N) behind one port: a reference minted by one is served by the
    other, and the session made on one is read on the other. Real HTTP, two processes."""
    key = generate_key()
    a, url_a = start_demo("redis", key, {"REDIS_URL": redis_url})
    b, url_b = start_demo("redis", key, {"REDIS_URL": redis_url})
    try:
        kid = {"X-Sessionscope-Kid": key.kid}
        cookie = None
        for _ in range(5):
            status, headers, set_cookie, _ = fetch(f"{url_a}/bloat", kid, data=b"", cookie=cookie)
            assert status == 303
            cookie = set_cookie[0].split(";")[0] if set_cookie else cookie
        header = parse_debug_header(headers["X-Sessionscope"])
        assert header["kind"] == "ref"
        status, _, _, body = fetch(f"{url_b}{header['url']}", kid)
        assert status == 200
        payload = json.loads(open_text(body.decode(), [key]))
        assert len(payload["session"]["after"]["bloat"]) == 5
        assert fetch(f"{url_a}{header['url']}", kid)[0] == 404  # served once, whichever process asks
        status, headers, _, _ = fetch(f"{url_b}/", kid, cookie=cookie)
        header = parse_debug_header(headers["X-Sessionscope"])
        assert header["kind"] == "ref"
        body = fetch(f"{url_a}{header['url']}", kid)[3]  # minted by B, fetched through A
        before = json.loads(open_text(body.decode(), [key]))["session"]["before"]
        assert len(before["bloat"]) == 5
    finally:
        for proc in (a, b):
            proc.terminate()
            proc.wait(10)


def test_real_http_unpaired_and_paired(tmp_path):
    """Over a real socket (werkzeug's server, the demo's command): the request url as sent, query
    redacted; unpaired responses carry nothing of ours."""
    key = generate_key()
    proc, url = start_demo("filesystem", key, {})
    try:
        status, headers, _, _ = fetch(f"{url}/health?token=s3cret&x=1")
        assert status == 200 and not any(h.lower().startswith("x-sessionscope") for h in headers)
        status, headers, _, _ = fetch(f"{url}/health?token=s3cret&x=1", {"X-Sessionscope-Kid": key.kid})
        payload = json.loads(open_text(parse_debug_header(headers["X-Sessionscope"])["jwe"], [key]))
        assert payload["request"]["url"] == "/health?token=[redacted]&x=1"
        assert headers["Cache-Control"] == "private, no-store"
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode is not None
    assert sys.executable  # the suite itself runs on Debian's python3 (scripts/test.sh)
