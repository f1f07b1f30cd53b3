"""Off without keys; a set-up error in production unless allowed; the start-up line says which
and why, with the key ids (PROTOCOL.md §8)."""

from __future__ import annotations

import re

import pytest
from flask import Flask, session

from sessionscope_flask import Sessionscope, SetupError, generate_key


def app_with(debug=False, testing=False, **config) -> Flask:
    app = Flask("gating")
    app.secret_key = "s"
    app.debug = debug
    app.testing = testing
    app.config.update(config)

    @app.get("/")
    def home():
        session["v"] = 1
        return "ok"

    return app


def test_no_keys_nothing_mounts_and_the_line_says_why():
    lines = []
    app = app_with(debug=True)
    original = app.wsgi_app
    ext = Sessionscope(app, logger=lines.append)
    assert ext.on is False
    assert app.wsgi_app == original  # a bound method: equal, not the same object
    assert "wsgi_app" not in vars(app)
    assert lines == ["off (no keys: set SESSIONSCOPE_KEYS or pass keys=[…])"]
    key = generate_key()
    response = app.test_client().get("/", headers={"X-Sessionscope-Kid": key.kid})
    assert "X-Sessionscope" not in response.headers
    assert app.extensions["sessionscope"] is ext


@pytest.mark.parametrize("mode", ["debug", "testing"])
def test_debug_or_testing_turns_it_on_and_prints_the_key_ids(mode):
    lines = []
    keys = [generate_key(), generate_key()]
    app = app_with(**{mode: True})
    Sessionscope(app, keys=[k.pairing for k in keys], logger=lines.append)
    assert len(lines) == 1
    assert lines[0].startswith(f"on (Flask {mode} mode); key id(s) {keys[0].kid}, {keys[1].kid};")


def test_production_with_keys_is_a_setup_error_that_says_what_to_change():
    app = app_with()
    with pytest.raises(SetupError) as caught:
        Sessionscope(app, keys=[generate_key().pairing], logger=lambda m: None)
    message = str(caught.value)
    assert "production mode" in message
    assert "allow_in_production=True" in message
    assert "flask --debug run" in message


@pytest.mark.parametrize("value", ["yes", 1, "true", {}])
def test_allow_in_production_must_be_exactly_true(value):
    with pytest.raises(SetupError):
        Sessionscope(app_with(), keys=[generate_key().pairing], allow_in_production=value, logger=lambda m: None)


def test_enabled_true_does_not_override_production():
    with pytest.raises(SetupError):
        Sessionscope(app_with(), keys=[generate_key().pairing], enabled=True, logger=lambda m: None)


def test_production_needs_both_enabled_and_allowed_and_says_so():
    lines = []
    key = generate_key()
    Sessionscope(app_with(), keys=[key.pairing], allow_in_production=True, logger=lines.append)
    assert lines == ["off (allow_in_production=True alone does not turn it on in production: pass enabled=True too)"]
    lines.clear()
    app = app_with()
    Sessionscope(app, keys=[key.pairing], enabled=True, allow_in_production=True, logger=lines.append)
    assert lines[0].startswith("on (enabled=True and allow_in_production=True (Flask is in production mode))")
    response = app.test_client().get("/", headers={"X-Sessionscope-Kid": key.kid})
    assert response.headers["X-Sessionscope"].startswith("v=1; jwe=")


def test_enabled_false_turns_it_off_even_in_debug():
    lines = []
    Sessionscope(app_with(debug=True), keys=[generate_key().pairing], enabled=False, logger=lines.append)
    assert lines == ["off (enabled=False)"]


def test_keys_from_the_environment_and_from_config(monkeypatch):
    key = generate_key()
    monkeypatch.setenv("SESSIONSCOPE_KEYS", f" {key.pairing} ,")
    ext = Sessionscope(app_with(testing=True), logger=lambda m: None)
    assert ext.kids == [key.kid]
    other = generate_key()
    ext = Sessionscope(app_with(testing=True, SESSIONSCOPE_KEYS=[other.pairing]), logger=lambda m: None)
    assert ext.kids == [other.kid]  # config wins over the environment
    ext = Sessionscope(app_with(testing=True, SESSIONSCOPE_KEYS=[other.pairing]), keys=key.pairing, logger=lambda m: None)
    assert ext.kids == [key.kid]  # the keyword wins over config


def test_init_app_later():
    key = generate_key()
    ext = Sessionscope(keys=[key.pairing], logger=lambda m: None)
    assert ext.on is False
    app = app_with(testing=True)
    ext.init_app(app)
    assert ext.on is True
    assert app.extensions["sessionscope"] is ext


@pytest.mark.parametrize(
    "options, error, text",
    [
        ({"keys": ["nope"]}, SetupError, "key #1 is not a pairing string"),
        ({"keys": 42}, TypeError, "keys must be"),
        ({"inline_limit": -1}, TypeError, "inline_limit must be a non-negative integer"),
        ({"mount_path": "debug/"}, TypeError, "mount_path must be an absolute path"),
        ({"payload_store": object()}, TypeError, "payload_store must have put"),
        ({"limits": {"maxString": 0}}, TypeError, "limits must map"),
        ({"redact": [42]}, TypeError, "redact rules are"),
        ({"logger": "print"}, TypeError, "logger must be a function"),
        ({"enabled": "yes"}, TypeError, "enabled must be"),
        ({"keyz": []}, TypeError, "unknown option(s) keyz"),
    ],
)
def test_bad_options_are_setup_errors_naming_what_to_change(options, error, text):
    given = {"keys": [generate_key().pairing], "logger": lambda m: None, **options}
    with pytest.raises(error, match=re.escape(text)):
        Sessionscope(app_with(testing=True), **given)
