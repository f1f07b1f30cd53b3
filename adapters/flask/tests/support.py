"""Helpers for the adapter's tests: the demo app, paired requests, opening payloads."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sessionscope_flask.core.header import parse_debug_header
from sessionscope_flask.core.keys import DeveloperKey
from sessionscope_flask.core.seal import open_text

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "demo-flask"))

OUR_HEADERS = {"x-sessionscope"}


def kid_headers(key: DeveloperKey) -> dict:
    return {"X-Sessionscope-Kid": key.kid}


def payload_of(client, response, key: DeveloperKey) -> dict:
    """Opens the response's debug payload, fetching it through the endpoint when by reference."""
    value = response.headers.get("X-Sessionscope")
    assert value is not None, f"no X-Sessionscope header on {response.status}"
    header = parse_debug_header(value)
    if header["kind"] == "inline":
        jwe = header["jwe"]
    else:
        fetched = client.get(header["url"], headers=kid_headers(key))
        assert fetched.status_code == 200, f"by-reference fetch answered {fetched.status_code}"
        jwe = fetched.get_data(as_text=True)
    return json.loads(open_text(jwe, [key]))


def set_cookies(response) -> list:
    return response.headers.getlist("Set-Cookie")
