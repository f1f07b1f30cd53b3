"""Flask-Session 0.3.2 (Debian 12) with Redis and with files, through the demo app, checked against
what the backend really stored: ids, regeneration, sizes, the store TTL."""

from __future__ import annotations

import pickle
import time

import pytest
from support import kid_headers, payload_of

from sessionscope_flask import generate_key


@pytest.fixture()
def key():
    return generate_key()


@pytest.fixture(params=["redis", "filesystem"])
def backend(request, tmp_path):
    if request.param == "redis":
        client = request.getfixturevalue("redis_client")
        url = request.getfixturevalue("redis_url")
        return {"mode": "redis", "redis_url": url, "redis": client, "dir": None}
    return {"mode": "filesystem", "redis_url": None, "redis": None, "dir": str(tmp_path / "sessions")}


@pytest.fixture()
def app(backend, key):
    from demo_app import create_app

    return create_app(backend["mode"], keys=[key.pairing], redis_url=backend["redis_url"], file_dir=backend["dir"])


def stored(app, sid):
    """What the backend holds for a sid, read behind Flask-Session's back."""
    interface = app.session_interface
    if hasattr(interface, "redis"):
        raw = interface.redis.get(interface.key_prefix + sid)
        return None if raw is None else pickle.loads(raw), raw
    value = interface.cache.get(interface.key_prefix + sid)
    return value, None


def test_ids_change_and_sizes(app, key, backend):
    client = app.test_client()
    first = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert first["middleware"]["kind"] == "flask-session"
    assert first["middleware"]["store"] == ("RedisSessionInterface" if backend["mode"] == "redis" else "FileSystemSessionInterface")
    assert first["session"]["change"] == "new"
    sid = first["session"]["idAfter"]
    assert isinstance(sid, str) and len(sid) == 36
    data, raw = stored(app, sid)
    assert data == {"visits": 1}
    assert first["session"]["after"] == {"visits": 1}
    assert first["sizes"]["sessionAfter"] == len(pickle.dumps(data))
    if raw is not None:
        assert first["sizes"]["sessionAfter"] == len(raw)  # exactly what Redis holds
    second = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert second["session"]["change"] == "modified"
    assert second["session"]["idBefore"] == sid == second["session"]["idAfter"]


def test_rotating_login_regenerates_and_the_other_does_not(app, key):
    client = app.test_client()
    sid = payload_of(client, client.get("/", headers=kid_headers(key)), key)["session"]["idAfter"]
    login = payload_of(client, client.post("/login", data={"username": "ann"}, headers=kid_headers(key)), key)
    assert login["session"]["change"] == "regenerated"
    assert login["session"]["idBefore"] == sid
    assert login["session"]["idAfter"] != sid
    assert stored(app, sid)[0] is None  # the old id is dead
    assert login["session"]["after"]["csrf_token"] == {"$ss": "redacted"}
    # The cookie holds only an id: nothing in it to redact, the payload's copy is as sent.
    assert login["response"]["setCookie"][0].startswith(f"session={login['session']['idAfter']};")
    new_sid = login["session"]["idAfter"]
    fixation = payload_of(client, client.post("/login-fixation", data={"username": "mallory"}, headers=kid_headers(key)), key)
    assert fixation["session"]["change"] == "modified"
    assert fixation["session"]["idBefore"] == fixation["session"]["idAfter"] == new_sid
    assert fixation["session"]["before"]["username"] == "ann"
    assert fixation["session"]["after"]["username"] == "mallory"


def test_permanent_session_store_ttl_matches_the_store(app, key, backend):
    client = app.test_client()
    p = payload_of(client, client.post("/remember", data={"remember": "on"}, headers=kid_headers(key)), key)
    week = 7 * 24 * 3600 * 1000
    assert p["storeTtlMs"] == week
    assert p["cookie"]["maxAge"] == week and p["cookie"]["rolling"] is True
    sid = p["session"]["idAfter"]
    interface = app.session_interface
    if backend["redis"] is not None:
        remaining = backend["redis"].pttl(interface.key_prefix + sid)
    else:
        import struct

        with open(interface.cache._get_filename(interface.key_prefix + sid), "rb") as f:
            remaining = (struct.unpack("I", f.read(4))[0] - time.time()) * 1000
    assert week - 10_000 < remaining <= week


def test_clear_destroys_and_the_entry_is_gone(app, key):
    client = app.test_client()
    sid = payload_of(client, client.get("/", headers=kid_headers(key)), key)["session"]["idAfter"]
    p = payload_of(client, client.post("/clear", headers=kid_headers(key)), key)
    assert p["session"]["change"] == "destroyed"
    assert p["session"]["after"] is None and p["storeTtlMs"] is None
    assert stored(app, sid)[0] is None


def test_a_cookie_naming_an_unknown_id_is_a_new_session(app, key):
    client = app.test_client()
    client.set_cookie("localhost", "session", "00000000-0000-0000-0000-000000000000")
    p = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert p["session"]["before"] is None
    assert p["session"]["change"] == "new"
    assert p["errors"] == []  # an id the store forgot is the ordinary lifecycle (PROTOCOL.md §4.6)
    # Flask-Session 0.3.2 adopts the id it was handed: exactly the fixation the panel looks for.
    assert p["session"]["idAfter"] == "00000000-0000-0000-0000-000000000000"


def test_sets_and_other_pickled_values(app, key):
    client = app.test_client()
    p = payload_of(client, client.get("/types", headers=kid_headers(key)), key)
    assert p["session"]["after"]["types"]["tags"] == {"$ss": "set", "size": 2, "values": ["a", "b"]}


def test_large_sessions_go_by_reference_and_are_served_once(app, key):
    client = app.test_client()
    for _ in range(5):
        response = client.post("/bloat", headers=kid_headers(key))
    assert response.headers["X-Sessionscope"].startswith("v=1; ref=")
    p = payload_of(client, response, key)
    assert len(p["session"]["after"]["bloat"]) == 5
    url = response.headers["X-Sessionscope"].split("url=")[1]
    assert client.get(url, headers=kid_headers(key)).status_code == 404


def test_a_tampered_signed_id_is_reported(tmp_path, key):
    from flask import Flask, session
    from flask_session import Session

    from sessionscope_flask import Sessionscope

    app = Flask("signed")
    app.secret_key = "s"
    app.testing = True
    app.config.update(SESSION_TYPE="filesystem", SESSION_FILE_DIR=str(tmp_path), SESSION_USE_SIGNER=True)
    Session(app)
    Sessionscope(app, keys=[key.pairing], logger=lambda m: None)

    @app.get("/")
    def home():
        session["v"] = session.get("v", 0) + 1
        return "ok"

    client = app.test_client()
    first = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert first["cookie"]["signed"] is True and first["errors"] == []
    again = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert again["session"]["change"] == "modified"
    client.set_cookie("localhost", "session", first["session"]["idAfter"] + ".forged-signature")
    p = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert p["session"]["before"] is None and p["session"]["change"] == "new"
    assert [e["code"] for e in p["errors"]] == ["ERR_SESSION_UNREADABLE"]
