"""Observe, never alter: the same clicks through the demo without the adapter, with it but
unpaired, and paired give identical statuses, bodies, headers (bar the three a paired response
adds) and identical stored sessions. Randomness and clocks are pinned so that runs compare."""

from __future__ import annotations

import datetime as real_datetime
import itertools
import os
import struct
import types
import uuid

import pytest
from support import kid_headers

from sessionscope_flask import generate_key

CLICKS = [
    ("GET", "/", None),
    ("POST", "/login", {"username": "ann"}),
    ("GET", "/health", None),
    ("GET", "/", None),
    ("POST", "/cart/add", {"name": "Teapot", "qty": "2"}),
    ("POST", "/remember", {"remember": "on"}),
    ("POST", "/flash", {"message": "Saved!"}),
    ("GET", "/", None),
    ("GET", "/types", None),
    ("POST", "/bloat", None),
    ("POST", "/bloat", None),
    ("POST", "/bloat", None),
    ("POST", "/bloat", None),
    ("GET", "/", None),
    ("POST", "/login-fixation", {"username": "mallory"}),
    ("GET", "/logout", None),
    ("POST", "/remember", {"remember": "off"}),
    ("POST", "/clear", None),
    ("GET", "/", None),
]
PAIRED_ONLY = {"x-sessionscope", "cache-control"}


class FixedDatetime(real_datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2026, 3, 4, 5, 6, 7, tzinfo=tz)


@pytest.fixture()
def pinned(monkeypatch):
    """Every source of difference between two runs, pinned; `reset()` starts a run."""
    import demo_app
    import flask.sessions
    import flask_session.sessions
    import itsdangerous.timed

    state = {}

    def reset():
        state["uuid"] = itertools.count(1)
        state["bytes"] = itertools.count(1)

    monkeypatch.setattr(flask_session.sessions, "uuid4", lambda: uuid.UUID(int=next(state["uuid"])))
    # The demo's own randomness only (its module's names), not the adapter's request ids.
    fake_os = types.SimpleNamespace(**vars(os))
    fake_os.urandom = lambda n: bytes([next(state["bytes"]) % 256]) * n
    monkeypatch.setattr(demo_app, "os", fake_os)
    monkeypatch.setattr(demo_app, "secrets", types.SimpleNamespace(token_urlsafe=lambda n=None: f"token-{next(state['bytes'])}"))
    monkeypatch.setattr(demo_app, "datetime", FixedDatetime)
    monkeypatch.setattr(flask.sessions, "datetime", FixedDatetime)
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: 1_772_600_000)
    return reset


def snapshot(app, mode, redis):
    if mode == "cookie":
        return None
    if mode == "redis":
        return {k: (redis.get(k), round(redis.pttl(k) / 1000)) for k in sorted(redis.keys(b"session:*"))}
    directory = app.config["SESSION_FILE_DIR"]
    out = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), "rb") as f:
            raw = f.read()
        out[name] = (struct.unpack("I", raw[:4])[0] // 10, raw[4:]) if len(raw) >= 4 else raw
    return out


def run(mode, tmp_path, redis_url, redis, key, variant):
    from demo_app import create_app

    if redis is not None:
        redis.flushall()
    app = create_app(
        mode,
        keys=[key.pairing],
        redis_url=redis_url,
        file_dir=str(tmp_path / f"files-{variant}"),
        sessionscope=variant != "without",
    )
    client = app.test_client()
    headers = kid_headers(key) if variant == "paired" else {}
    replies = []
    for method, path, form in CLICKS:
        response = client.open(path, method=method, data=form, headers=headers)
        kept = [(k, v) for k, v in response.headers.items() if not (variant == "paired" and k.lower() in PAIRED_ONLY)]
        if variant == "paired":
            assert response.headers["X-Sessionscope"].startswith("v=1; ")
            assert response.headers["Cache-Control"] == "private, no-store"
            assert kept.pop(kept.index(("Vary", "X-Sessionscope-Kid"))) == ("Vary", "X-Sessionscope-Kid")
        replies.append((method, path, response.status, response.get_data(), kept))
    return replies, snapshot(app, mode, redis)


@pytest.mark.parametrize("mode", ["cookie", "redis", "filesystem"])
def test_same_clicks_same_replies_same_store(mode, tmp_path, pinned, request):
    redis_url = request.getfixturevalue("redis_url") if mode == "redis" else None
    redis = request.getfixturevalue("redis_client") if mode == "redis" else None
    key = generate_key()
    results = {}
    for variant in ("without", "unpaired", "paired"):
        pinned()
        results[variant] = run(mode, tmp_path, redis_url, redis, key, variant)
    without, unpaired, paired = results["without"], results["unpaired"], results["paired"]
    for a, b, c in zip(without[0], unpaired[0], paired[0]):
        assert a == b, f"unpaired differs at {a[0]} {a[1]}"
        assert a == c, f"paired differs at {a[0]} {a[1]}"
    assert any(("Set-Cookie" in dict(r[4])) for r in without[0])
    assert without[1] == unpaired[1] == paired[1]
    if mode != "cookie":
        assert without[1], "the store should hold the sessions the clicks made"
