#!/usr/bin/python3
"""Flask session cookies made by Flask itself, for the extension's Flask decoder tests.

    /usr/bin/python3 scripts/make-fixtures-flask.py [--out fixtures/flask]
        Runs a real Flask app (Debian's python3-flask, hence /usr/bin/python3) through its test client, one request per
        case, and writes fixtures/flask/<case>.json: the Set-Cookie Flask sent, the cookie value,
        the secret, and what Flask's own loader reads back, in the panel's typed-value vocabulary.

    /usr/bin/python3 scripts/make-fixtures-flask.py --batch < specs.json > cookies.json
        For property tests: each spec (JSON, with {"__py__": …} nodes for Python-only types) is
        turned into Python values, dumped by Flask's session serializer and read back.

The signing time is pinned (itsdangerous reads time.time() otherwise) so that running this again
yields byte-identical files; extension/core/decoders/flask-fixtures.test.ts does exactly that.
"""

import argparse
import base64
import hashlib
import json
import math
import os
import sys
import uuid
from datetime import datetime, timedelta, timezone
from importlib.metadata import version

import itsdangerous.timed
from flask import Flask, flash, session
from flask.sessions import SecureCookieSessionInterface
from markupsafe import Markup

SECRET_KEY = "sessionscope-fixture-secret-not-for-production"
SIGNED_AT = 1767323045  # 2026-01-02T03:04:05Z
MAX_SAFE_INTEGER = 2**53 - 1

signing_time = [SIGNED_AT]
itsdangerous.timed.TimestampSigner.get_timestamp = lambda self: signing_time[0]


def pinned_expiration(self, app, session):
    # Flask's own get_expiration_time, but from the pinned clock (it reads datetime.now()).
    if not session.permanent:
        return None
    return datetime.fromtimestamp(signing_time[0], tz=timezone.utc) + app.permanent_session_lifetime


SecureCookieSessionInterface.get_expiration_time = pinned_expiration


# --- Python values -> typed-value vocabulary (protocol/src/typed-value.ts), written independently
# of the TypeScript decoder so that the tests compare two implementations.

def typed(value):
    if value is None or isinstance(value, (bool, str)) and not isinstance(value, Markup):
        return value
    if isinstance(value, Markup):
        return {"$ss": "instance", "className": "Markup", "entries": {"value": str(value)}}
    if isinstance(value, int):
        return value if abs(value) <= MAX_SAFE_INTEGER else {"$ss": "bigint", "value": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"$ss": "number", "value": "NaN"}
        if math.isinf(value):
            return {"$ss": "number", "value": "Infinity" if value > 0 else "-Infinity"}
        if value == 0 and math.copysign(1, value) < 0:
            return {"$ss": "number", "value": "-0"}
        return value
    if isinstance(value, bytes):
        encoded = base64.urlsafe_b64encode(value).rstrip(b"=").decode("ascii")
        return {"$ss": "bytes", "type": "bytes", "length": len(value), "base64url": encoded}
    if isinstance(value, uuid.UUID):
        return {"$ss": "instance", "className": "UUID", "entries": {"value": str(value)}}
    if isinstance(value, datetime):
        utc = value.astimezone(timezone.utc)
        return {"$ss": "date", "iso": utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"}
    if isinstance(value, tuple):
        entries = {str(i): typed(item) for i, item in enumerate(value)}
        return {"$ss": "instance", "className": "tuple", "entries": entries}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, dict):
        entries = {key: typed(item) for key, item in value.items()}
        return {"$ss": "object", "entries": entries} if "$ss" in entries else entries
    raise TypeError(f"no typed form for {type(value).__name__}")


# --- The cases: each fills a real Flask session inside a request.

def visits(s):
    s["visits"] = 1


def permanent_login(s):
    s.permanent = True
    s["user_id"] = 42
    s["username"] = "ada"


def all_tags(s):
    s["tuple"] = (1, "two", 3.5)
    s["nested_tuple"] = ((1, 2), [3, (4,)], ())
    s["tuple_of_dicts"] = ({"a": (1,)}, {"b": None})
    s["bytes"] = b"\x00\x01\xfe\xff binary"
    s["empty_bytes"] = b""
    s["markup"] = Markup("<b>bold</b> &amp; safe")
    s["uuid"] = uuid.UUID("12345678-1234-5678-1234-567812345678")
    s["uuid4_like"] = uuid.UUID("f47ac10b-58cc-4372-a567-0e02b2c3d479")
    s["aware_datetime"] = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    s["offset_datetime"] = datetime(2026, 6, 1, 12, 0, 0, tzinfo=timezone(timedelta(hours=2)))
    s["naive_datetime"] = datetime(1999, 12, 31, 23, 59, 59)
    s["microseconds_dropped"] = datetime(2030, 5, 6, 7, 8, 9, 123456, tzinfo=timezone.utc)
    s["collides_tuple_tag"] = {" t": "not a tuple"}
    s["collides_di_tag"] = {" di": {" b": "not bytes"}}
    s["collides_nested"] = [{" m": (" u",)}]
    s["has_ss_key"] = {"$ss": "user data", "other": 1}
    s["not_a_tag"] = {" t": 1, " b": 2}


# One small session per tag: too small for zlib to save the 2 bytes itsdangerous asks for, so these
# are the uncompressed counterparts of all-tags (asserted in write_fixtures).
SINGLE_TAGS = {
    "tuple": (7, "x"),
    "bytes": b"\x9f\x00",
    "markup": Markup("<br>"),
    "uuid": uuid.UUID("9b2e4f71-0c3a-4d5e-8f60-1a2b3c4d5e6f"),
    "datetime": datetime(2001, 2, 3, 4, 5, 6, tzinfo=timezone.utc),
    "di": {" d": 0},
}


def single_tag(key):
    def fill(s):
        s["v"] = SINGLE_TAGS[key]

    return fill


def python_numbers(s):
    s["big"] = 2**64
    s["negative_big"] = -(2**63)
    s["just_past_safe"] = 2**53 + 1
    s["safe"] = 2**53 - 1
    s["float"] = 0.1
    s["huge_float"] = 1e300
    s["nan"] = float("nan")
    s["inf"] = float("inf")
    s["negative_inf"] = float("-inf")
    s["negative_zero"] = -0.0
    s["true"] = True
    s["none"] = None
    s["unicode"] = "h\u00e9llo \u2713 \U0001F600 \u0000 \"quoted\" \\ back"


def flashes(s):
    flash("Saved.", "success")
    flash(Markup("<i>careful</i>"), "warning")


def cart(s, size):
    s["cart"] = [{"sku": f"SKU-{i:05d}", "qty": i % 7 + 1, "added": (2026, 1, i % 28 + 1)} for i in range(size)]
    s["owner"] = uuid.UUID(int=size)


def large_compressed(s):
    cart(s, 60)


def too_large(s):
    # Deterministic but incompressible text: the cookie passes the decoder's 64 KiB bound (issue 13.6).
    s["blob"] = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(1400))


def permanent_compressed(s):
    s.permanent = True
    cart(s, 25)
    s["note"] = b"x" * 200


def permanent_false(s):
    s.permanent = False  # stored as "_permanent": false, still a browser-session cookie
    s["theme"] = "dark"


def only_permanent(s):
    s.permanent = True


CASES = {
    "visits": (visits, "A visit counter: small, uncompressed, not permanent."),
    "permanent-login": (permanent_login, "session.permanent = True after a login."),
    "all-tags": (all_tags, "Every tag of flask/json/tag.py, including ' di' collisions and a '$ss' key."),
    "python-numbers": (python_numbers, "Big ints, NaN/Infinity, -0.0 and unicode that JSON.parse would mangle."),
    "flashes": (flashes, "flash() messages: a list of (category, message) tuples, one Markup."),
    "large-compressed": (large_compressed, "A large session: itsdangerous zlib-compresses it ('.' prefix)."),
    "too-large": (too_large, "A session over the panel decoder's 64 KiB input bound: reported, not decoded."),
    "permanent-compressed": (permanent_compressed, "Permanent and compressed, with bytes."),
    "permanent-false": (permanent_false, "session.permanent = False set explicitly: a stored false."),
    "only-permanent": (only_permanent, "A session holding nothing but _permanent."),
    **{f"tag-{key}": (single_tag(key), f"One {key} value, uncompressed.") for key in SINGLE_TAGS},
}


class Sha256SessionInterface(SecureCookieSessionInterface):
    digest_method = staticmethod(hashlib.sha256)


def make_app(interface=None):
    app = Flask("sessionscope_fixtures")
    app.secret_key = SECRET_KEY
    if interface is not None:
        app.session_interface = interface

    @app.route("/case/<name>")
    def run_case(name):
        CASES[name][0](session)
        return "ok"

    return app


def fixture(app, name, description, digest):
    response = app.test_client().get(f"/case/{name}")
    set_cookie = response.headers.getlist("Set-Cookie")
    assert len(set_cookie) == 1, set_cookie
    cookie_name, _, rest = set_cookie[0].partition("=")
    value = rest.split(";", 1)[0]
    serializer = app.session_interface.get_signing_serializer(app)
    data, signed_at = serializer.loads(value, return_timestamp=True)
    return {
        "case": name,
        "description": description,
        "madeBy": {"flask": version("flask"), "itsdangerous": version("itsdangerous")},
        "secretKey": SECRET_KEY,
        "salt": serializer.salt.decode() if isinstance(serializer.salt, bytes) else serializer.salt,
        "digest": digest,
        "setCookie": set_cookie[0],
        "cookieName": cookie_name,
        "cookieValue": value,
        "compressed": value.startswith("."),
        "permanent": bool(data.get("_permanent", False)),
        "signedAt": int(signed_at.timestamp()),
        "expected": typed(dict(data)),
    }


def write_fixtures(out):
    os.makedirs(out, exist_ok=True)
    fixtures = [fixture(make_app(), name, description, "sha1") for name, (_, description) in CASES.items()]
    fixtures.append(
        dict(
            fixture(make_app(Sha256SessionInterface()), "permanent-login", "", "sha256"),
            case="sha256-digest",
            description="An app that sets digest_method = hashlib.sha256 on its session interface.",
        )
    )
    for item in fixtures:  # the cases cover both payload forms only if these hold
        if item["case"].startswith("tag-"):
            assert not item["compressed"], item["case"]
        if item["case"].endswith("compressed"):
            assert item["compressed"], item["case"]
    for item in fixtures:
        path = os.path.join(out, f"{item['case']}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(item, handle, indent=2, ensure_ascii=False, allow_nan=False)
            handle.write("\n")
    print(f"wrote {len(fixtures)} fixtures to {out}", file=sys.stderr)


# --- Batch mode: {"__py__": kind, …} nodes become Python values.

def python_value(node):
    if isinstance(node, list):
        return [python_value(item) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("__py__")
    if kind is None:
        return {key: python_value(item) for key, item in node.items()}
    if kind == "tuple":
        return tuple(python_value(item) for item in node["items"])
    if kind == "bytes":
        return base64.b64decode(node["base64"])
    if kind == "markup":
        return Markup(node["text"])
    if kind == "uuid":
        return uuid.UUID(node["hex"])
    if kind == "datetime":
        return datetime.fromtimestamp(node["epoch"], tz=timezone.utc)
    if kind == "int":
        return int(node["digits"])
    if kind == "float":
        return float(node["text"])
    raise ValueError(f"unknown __py__ kind {kind}")


def batch():
    app = make_app()
    serializer = app.session_interface.get_signing_serializer(app)
    results = []
    for spec in json.load(sys.stdin):
        signing_time[0] = spec["signedAt"]
        value = serializer.dumps(python_value(spec["session"]))
        data, signed_at = serializer.loads(value, return_timestamp=True)
        results.append({"cookieValue": value, "signedAt": int(signed_at.timestamp()), "expected": typed(data)})
    json.dump(results, sys.stdout, ensure_ascii=False, allow_nan=False)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "fixtures", "flask"))
    parser.add_argument("--batch", action="store_true")
    args = parser.parse_args()
    batch() if args.batch else write_fixtures(os.path.normpath(args.out))
