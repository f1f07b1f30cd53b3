"""The conformance vectors (protocol/vectors/*.json) run by the Python implementation; the
TypeScript implementation runs the same files (protocol/vectors/vectors.test.ts)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import load_vectors
from notation import build, for_python

from sessionscope_flask.core.change import ChangeSide, fingerprint_of, json_bytes, session_change, session_cookie_bytes
from sessionscope_flask.core.errors import SessionscopeError
from sessionscope_flask.core.header import format_inline_header, format_ref_header, parse_debug_header
from sessionscope_flask.core.keys import parse_pairing
from sessionscope_flask.core.redact import (
    DEFAULT_REDACT,
    VOCABULARY,
    is_secret_name,
    joined_name,
    name_words,
    redact_cookie_header,
    redact_predicate,
    redact_set_cookie,
    redact_url,
)
from sessionscope_flask.core.seal import open_text
from sessionscope_flask.core.typed import encode_typed

TYPED = [v for v in load_vectors("typed-values.json")["vectors"] if for_python(v)]


@pytest.mark.parametrize("vector", TYPED, ids=[v["name"] for v in TYPED])
def test_typed_values(vector):
    redact = redact_predicate(DEFAULT_REDACT) if vector.get("redact") == "default" else None
    result = encode_typed(build(vector["input"]), limits=vector.get("limits"), redact=redact)
    assert {"value": result.value, "redacted": result.redacted, "truncated": result.truncated} == vector["expected"]
    # What crosses the wire is JSON: the tree survives it.
    assert json.loads(json.dumps(result.value, allow_nan=False)) == vector["expected"]["value"]


R = load_vectors("redaction.json")


def test_vocabulary_is_the_protocol_vocabulary():
    assert VOCABULARY == R["vocabulary"]


@pytest.mark.parametrize("case", R["words"], ids=[w["name"] for w in R["words"]])
def test_words_and_joined(case):
    assert name_words(case["name"]) == case["words"]
    assert joined_name(case["name"]) == case["joined"]


@pytest.mark.parametrize("name", R["secret"])
def test_secret_names(name):
    assert is_secret_name(name) is True
    assert redact_predicate(None)(name) is True


@pytest.mark.parametrize("name", R["notSecret"])
def test_not_secret_names(name):
    assert is_secret_name(name) is False


@pytest.mark.parametrize("case", R["urls"], ids=[u["url"] for u in R["urls"]])
def test_query_parameters(case):
    assert redact_url(case["url"], is_secret_name) == case["expected"]


@pytest.mark.parametrize("case", R["setCookies"], ids=[c["line"] for c in R["setCookies"]])
def test_set_cookie_values(case):
    assert redact_set_cookie(case["line"], is_secret_name, case.get("alsoNames", [])) == case["expected"]


@pytest.mark.parametrize("case", R["cookieHeaders"], ids=[c["header"] for c in R["cookieHeaders"]])
def test_cookie_header_values(case):
    assert redact_cookie_header(case["header"], is_secret_name) == case["expected"]


def test_user_rules():
    for rule_set in R["userRules"]:
        rules = []
        for rule in rule_set["rules"]:
            if "name" in rule:
                rules.append(rule["name"])
            else:  # the `g` flag has no Python meaning; re.search is stateless anyway
                flags = re.IGNORECASE if "i" in rule["flags"] else 0
                rules.append(re.compile(rule["regexp"], flags))
        predicate = redact_predicate(rules)
        assert [predicate(name) for name, _ in rule_set["decisions"]] == [d for _, d in rule_set["decisions"]]


CHANGE = [v for v in load_vectors("change.json")["vectors"] if for_python(v)]


def _side(side: dict) -> ChangeSide:
    return ChangeSide(
        exists=side["exists"],
        id=side.get("id"),
        fingerprint=fingerprint_of(build(side.get("data"))) if side["exists"] else None,
    )


@pytest.mark.parametrize("vector", CHANGE, ids=[v["name"] for v in CHANGE])
def test_change(vector):
    assert session_change(_side(vector["before"]), _side(vector["after"])) == vector["expected"]


SIZES = load_vectors("sizes.json")


@pytest.mark.parametrize("case", SIZES["sessionJson"], ids=[json.dumps(c["data"]) for c in SIZES["sessionJson"]])
def test_session_json_bytes(case):
    assert json_bytes(build(case["data"])) == case["bytes"]


@pytest.mark.parametrize("case", SIZES["sessionCookie"], ids=[json.dumps(c["setCookie"]) for c in SIZES["sessionCookie"]])
def test_session_cookie_bytes(case):
    assert session_cookie_bytes(case["setCookie"], case["name"]) == case["bytes"]


HEADER = load_vectors("header.json")


@pytest.mark.parametrize("case", HEADER["parse"], ids=[c["value"][:60] for c in HEADER["parse"]])
def test_header_parse(case):
    if "ok" in case:
        assert parse_debug_header(case["value"]) == case["ok"]
    else:
        with pytest.raises(SessionscopeError) as caught:
            parse_debug_header(case["value"])
        assert caught.value.code == case["error"]


@pytest.mark.parametrize("case", HEADER["format"], ids=[c["expected"][:40] for c in HEADER["format"]])
def test_header_format(case):
    if "inline" in case:
        value = format_inline_header(case["inline"])
    else:
        value = format_ref_header(case["ref"], f"{case['mountPath']}/payload/{case['ref']}")
    assert value == case["expected"]
    if "bytes" in case:
        assert len(value.encode()) == case["bytes"]


JWE = load_vectors("jwe.json")


@pytest.mark.parametrize("case", JWE["keys"], ids=[k["pairing"][:30] for k in JWE["keys"]])
def test_pairing(case):
    if "kid" in case:
        assert parse_pairing(case["pairing"]).kid == case["kid"]
    else:
        with pytest.raises(SessionscopeError) as caught:
            parse_pairing(case["pairing"])
        assert caught.value.code == case["error"]


@pytest.mark.parametrize("case", JWE["open"], ids=[o["name"] for o in JWE["open"]])
def test_open(case):
    key = parse_pairing(JWE["pairing"])
    if "plaintext" in case:
        assert json.loads(open_text(case["jwe"], [key])) == json.loads(case["plaintext"])
    else:
        with pytest.raises(SessionscopeError) as caught:
            open_text(case["jwe"], [key])
        assert caught.value.code == case["error"]
