"""A debugging aid never breaks the response: its own failures become an error entry in the
payload, a degraded payload, or no header; never a 500, never an exception in the app."""

from __future__ import annotations

import pytest
from flask import Flask, session
from support import kid_headers, payload_of

from sessionscope_flask import MemoryPayloadStore, Sessionscope, generate_key
from sessionscope_flask import middleware as middleware_module


class Hostile:
    @property
    def boom(self):
        raise RuntimeError("property exploded")

    def __repr__(self):
        raise RuntimeError("repr exploded")


def make(**options):
    key = generate_key()
    app = Flask("breaks")
    app.secret_key = "s"
    app.testing = True
    app.config["SESSION_TYPE"] = "filesystem"
    lines = []
    Sessionscope(app, keys=[key.pairing], logger=lines.append, **options)

    @app.get("/")
    def home():
        session["v"] = session.get("v", 0) + 1
        return "body"

    @app.get("/big")
    def big():
        session["big"] = ["x" * 1000 for _ in range(60)]
        return "big body"

    return app, key, lines


def test_a_failing_sealer_costs_the_header_only(monkeypatch):
    app, key, lines = make()

    def broken(*_args):
        raise ValueError("sealer exploded")

    monkeypatch.setattr(middleware_module, "seal_text", broken)
    response = app.test_client().get("/", headers=kid_headers(key))
    assert response.status_code == 200
    assert response.get_data() == b"body"
    assert "X-Sessionscope" not in response.headers
    assert response.headers.getlist("Set-Cookie")
    assert any("sealer exploded" in line for line in lines)


def test_hostile_values_become_values(tmp_path):
    """Pickled sessions hold anything: a property that raises, a repr that raises, unorderable set
    members. Reading them never raises; the tree still shows what is there."""
    from flask_session.sessions import FileSystemSessionInterface

    app, key, _ = make()
    app.session_interface = FileSystemSessionInterface(str(tmp_path), 500, 0o600, "session:", False, False)

    @app.get("/put")
    def put():
        session["obj"] = Hostile()
        session["objs"] = {Hostile(), Hostile()}
        return "ok"

    client = app.test_client()
    response = client.get("/put", headers=kid_headers(key))
    assert response.status_code == 200 and response.get_data() == b"ok"
    after = payload_of(client, response, key)["session"]["after"]
    assert after["obj"] == {"$ss": "instance", "className": "Hostile", "entries": {}}
    assert after["objs"]["$ss"] == "set" and after["objs"]["size"] == 2


def test_an_oversized_payload_degrades_inline_with_the_reason():
    app, key, _ = make(payload_store=MemoryPayloadStore(max_entry_bytes=1000))
    client = app.test_client()
    p = payload_of(client, client.get("/big", headers=kid_headers(key)), key)
    assert p["session"]["after"] is None and p["truncated"] is True
    assert p["errors"][-1]["code"] == "ERR_PAYLOAD_TOO_LARGE"
    assert p["session"]["change"] == "new"


class FailingStore(MemoryPayloadStore):
    def put(self, ref, kid, jwe):
        raise ConnectionError("store down")


def test_a_store_that_refuses_degrades_inline_with_the_reason():
    app, key, lines = make(payload_store=FailingStore())
    client = app.test_client()
    response = client.get("/big", headers=kid_headers(key))
    assert response.get_data() == b"big body"
    p = payload_of(client, response, key)
    assert p["errors"][-1]["code"] == "ERR_STORE_UNAVAILABLE"
    assert "store down" in p["errors"][-1]["message"]
    assert any("refused" in line for line in lines)


def test_redis_down_never_delays_or_breaks_and_later_payloads_say_so(redis_url):
    import redis

    from sessionscope_flask import RedisPayloadStore

    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, socket_timeout=0.2)
    app, key, lines = make(payload_store=RedisPayloadStore(dead))
    client = app.test_client()
    first = client.get("/big", headers=kid_headers(key))
    assert first.status_code == 200 and first.headers["X-Sessionscope"].startswith("v=1; ref=")
    # The background write fails; the fetch waits for it and gets the reason, sealed, instead.
    said = payload_of(client, first, key)
    assert said["session"]["after"] is None and said["errors"][-1]["code"] == "ERR_STORE_UNAVAILABLE"
    url = first.headers["X-Sessionscope"].split("url=")[1]
    assert client.get(url, headers=kid_headers(key)).status_code == 404  # once
    p = payload_of(client, client.get("/big", headers=kid_headers(key)), key)
    assert p["errors"][-1]["code"] == "ERR_STORE_UNAVAILABLE"
    assert any("store write failed" in line for line in lines)


@pytest.mark.parametrize("status", [404, 500])
def test_error_responses_carry_a_payload_too(status):
    app, key, _ = make()

    @app.get("/fail")
    def fail():
        session["tried"] = True
        if status == 500:
            raise RuntimeError("the app's own bug")
        return "missing", 404

    app.testing = False  # let Flask turn the exception into its 500 page
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    response = client.get("/fail", headers=kid_headers(key))
    assert response.status_code == status
    p = payload_of(client, response, key)
    assert p["response"]["status"] == status
    assert p["session"]["after"] == {"tried": True}
