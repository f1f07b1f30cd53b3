"""Flask's default signed-cookie sessions, through the demo app (Flask's own session examples),
in-process: what the payload says, checked against what Flask really sent."""

from __future__ import annotations

import json
import zlib

import pytest
from flask.sessions import SecureCookieSessionInterface
from support import kid_headers, payload_of, set_cookies

from sessionscope_flask import generate_key
from sessionscope_flask.core.b64 import b64url_decode


@pytest.fixture()
def key():
    return generate_key()


@pytest.fixture()
def app(key):
    from demo_app import create_app

    app = create_app("cookie", keys=[key.pairing])
    app.config["SESSIONSCOPE_TEST"] = True
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


def flask_json(cookie_value: str) -> bytes:
    """The JSON Flask signed into its cookie (the payload part, inflated when `.`-prefixed)."""
    compressed = cookie_value.startswith(".")
    data = b64url_decode(cookie_value.lstrip(".").split(".")[0])
    return zlib.decompress(data) if compressed else data


def session_cookie(response) -> str:
    line = next(l for l in set_cookies(response) if l.startswith("session="))
    return line.split(";", 1)[0][len("session=") :]


def test_a_visit_is_new_then_modified_with_sizes_measured_on_what_flask_sent(client, key):
    first = client.get("/", headers=kid_headers(key))
    p = payload_of(client, first, key)
    assert p["middleware"] == {"kind": "flask", "store": None}
    assert p["session"]["change"] == "new"
    assert p["session"]["before"] is None
    assert p["session"]["after"] == {"visits": 1}
    assert p["session"]["idBefore"] is None and p["session"]["idAfter"] is None
    value = session_cookie(first)
    assert p["sizes"]["sessionAfter"] == len(flask_json(value))
    assert p["sizes"]["sessionCookie"] == len(f"session={value}".encode())
    assert p["response"]["setCookie"] == set_cookies(first)
    assert p["response"]["status"] == 200
    assert p["request"] == {"method": "GET", "url": "/"}
    second = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert second["session"]["change"] == "modified"
    assert second["session"]["before"] == {"visits": 1}
    assert second["session"]["after"] == {"visits": 2}
    assert second["sizes"]["sessionBefore"] == p["sizes"]["sessionAfter"]
    assert second["cookie"]["name"] == "session" and second["cookie"]["httpOnly"] is True
    assert second["cookie"]["maxAge"] is None  # a browser-session cookie until "remember me"


def test_paired_responses_are_private_and_vary_on_the_kid(client, key):
    paired = client.get("/", headers=kid_headers(key))
    assert paired.headers["Cache-Control"] == "private, no-store"
    assert "X-Sessionscope-Kid" in paired.headers.getlist("Vary")
    assert "Cookie" in ",".join(paired.headers.getlist("Vary"))  # Flask's own Vary stays


@pytest.mark.parametrize("kid", [None, "A" * 22, "short", "A" * 5000, "ä" * 22])
def test_a_missing_or_unknown_kid_changes_nothing(app, kid):
    headers = {} if kid is None else {"X-Sessionscope-Kid": kid}
    with_ext = app.test_client().get("/", headers=headers)
    assert "X-Sessionscope" not in with_ext.headers
    assert "Cache-Control" not in with_ext.headers
    assert with_ext.headers.getlist("Vary") == ["Cookie"]


def test_login_redacts_the_csrf_token_in_the_tree_and_in_the_cookie_copy(client, key):
    client.get("/", headers=kid_headers(key))
    response = client.post("/login", data={"username": "ann"}, headers=kid_headers(key))
    p = payload_of(client, response, key)
    after = p["session"]["after"]
    assert after["username"] == "ann"
    assert after["csrf_token"] == {"$ss": "redacted"}
    assert after["logged_in_at"]["$ss"] == "date"
    assert after["_flashes"] == [{"$ss": "instance", "className": "tuple", "entries": {"0": "message", "1": "Logged in as ann"}}]
    assert p["redacted"] == ["$.csrf_token"]
    # The cookie itself carries the token, readable: the payload's copy of it is redacted too.
    real = session_cookie(response)
    token = json.loads(flask_json(real))["csrf_token"]
    assert token not in json.dumps(p)
    assert p["response"]["setCookie"][0].startswith("session=[redacted]; ")
    assert p["sizes"]["sessionCookie"] == len(f"session={real}".encode())


def test_typed_values_look_as_the_protocol_says(client, key):
    response = client.get("/types", headers=kid_headers(key))
    types = payload_of(client, response, key)["session"]["after"]["types"]
    assert types == {
        "pair": {"$ss": "instance", "className": "tuple", "entries": {"0": "admin", "1": "dev"}},
        "greeting": {"$ss": "instance", "className": "Markup", "entries": {"value": "<b>hello</b>"}},
        "id": {"$ss": "instance", "className": "UUID", "entries": {"value": "12345678-1234-5678-1234-567812345678"}},
        "raw": {"$ss": "bytes", "type": "bytes", "length": 3, "base64url": "AAH_"},
        "when": {"$ss": "date", "iso": "2026-01-02T03:04:05.000Z"},
        "price": {"$ss": "instance", "className": "Decimal", "entries": {"value": "9.99"}},
    }
    # The next request loads them back from the cookie: Flask's tags keep tuple, Markup, UUID,
    # bytes and datetime; Decimal comes back as a string (Flask's JSON writes it as one).
    before = payload_of(client, client.get("/", headers=kid_headers(key)), key)["session"]["before"]["types"]
    assert {k: v for k, v in before.items() if k != "price"} == {k: v for k, v in types.items() if k != "price"}
    assert before["price"] == "9.99"


def test_clearing_destroys_and_a_tampered_cookie_is_reported_not_hidden(client, key):
    client.get("/", headers=kid_headers(key))
    destroyed = payload_of(client, client.post("/clear", headers=kid_headers(key)), key)
    assert destroyed["session"]["change"] == "destroyed"
    assert destroyed["session"]["after"] is None
    client.get("/", headers=kid_headers(key))
    value = client.get_cookie("session").value if hasattr(client, "get_cookie") else None
    if value is None:
        value = next(c.value for c in client.cookie_jar if c.name == "session")
    client.set_cookie("localhost", "session", value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    p = payload_of(client, client.get("/", headers=kid_headers(key)), key)
    assert p["session"]["before"] is None
    assert p["session"]["change"] == "new"
    assert [e["code"] for e in p["errors"]] == ["ERR_SESSION_UNREADABLE"]
    assert "signature does not match SECRET_KEY" in p["errors"][0]["message"]


def test_remember_me_makes_a_permanent_rolling_cookie(client, key):
    p = payload_of(client, client.post("/remember", data={"remember": "on"}, headers=kid_headers(key)), key)
    cookie = p["cookie"]
    assert cookie["maxAge"] == 7 * 24 * 3600 * 1000
    assert cookie["rolling"] is True
    assert cookie["expires"].endswith("Z")
    assert "Expires=" in p["response"]["setCookie"][0]
    assert p["session"]["after"]["_permanent"] is True


def test_query_parameters_that_look_secret_are_redacted_in_the_url(client, key):
    p = payload_of(client, client.get("/health?reset_token=abc123&next=/x", headers=kid_headers(key)), key)
    assert p["request"]["url"] == "/health?reset_token=[redacted]&next=/x"
    assert "abc123" not in json.dumps(p)


def test_a_cookie_past_the_inline_limit_goes_by_reference_and_is_fetched_once(client, key):
    for _ in range(4):
        client.post("/bloat", headers=kid_headers(key))
    response = client.post("/bloat", headers=kid_headers(key))
    value = response.headers["X-Sessionscope"]
    assert value.startswith("v=1; ref=") and len(value) == 125
    url = value.split("url=")[1]
    first = client.get(url, headers=kid_headers(key))
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "private, no-store"
    assert first.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in first.headers
    # Every miss is the app's own answer, the one a client without a key gets: nothing to probe.
    without_key = client.get(url)
    misses = [
        client.get(url, headers=kid_headers(key)),  # already fetched: once
        client.get(url, headers={"X-Sessionscope-Kid": generate_key().kid}),
        client.get(url[:-3] + "AAA", headers=kid_headers(key)),
        client.open(url, method="OPTIONS", headers=kid_headers(key)),
        client.post(url, headers=kid_headers(key)),
    ]
    for miss in misses:
        assert (miss.status_code, miss.get_data(), sorted(miss.headers.items())) == (
            without_key.status_code,
            without_key.get_data(),
            sorted(without_key.headers.items()),
        )
    assert without_key.status_code == 404  # the demo's own 404 for an unknown URL
    assert "X-Sessionscope" not in without_key.headers


def test_a_hit_never_touches_the_session(app, key):
    client = app.test_client()
    for _ in range(5):
        response = client.post("/bloat", headers=kid_headers(key))
    url = response.headers["X-Sessionscope"].split("url=")[1]
    seen = []
    original = SecureCookieSessionInterface.open_session

    def spy(self, flask_app, request):
        seen.append(request.path)
        return original(self, flask_app, request)

    SecureCookieSessionInterface.open_session = spy
    try:
        assert client.get(url, headers=kid_headers(key)).status_code == 200
        assert seen == []
        client.get(url, headers=kid_headers(key))  # a miss: the app's own request, session and all
        assert seen == [url]
    finally:
        SecureCookieSessionInterface.open_session = original
