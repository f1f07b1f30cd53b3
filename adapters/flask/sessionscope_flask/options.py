"""Options, read once at set-up (PROTOCOL.md §8 for the gating rule). Every SetupError or
TypeError says what to change. Keyword arguments win over `SESSIONSCOPE_*` config keys, which win
over the SESSIONSCOPE_KEYS environment variable."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from .core.constants import DEFAULT_INLINE_LIMIT, DEFAULT_MOUNT_PATH
from .core.errors import SessionscopeError, SetupError
from .core.keys import DeveloperKey, parse_pairing, split_pairings
from .core.redact import redact_predicate
from .core.store import MemoryPayloadStore
from .core.typed import DEFAULT_LIMITS

_MOUNT_PATH = re.compile(r"^/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]$")
_NAMES = ("keys", "enabled", "allow_in_production", "redact", "inline_limit", "mount_path", "payload_store", "limits", "logger")


def default_logger(message: str) -> None:
    print(f"[sessionscope] {message}", file=sys.stderr, flush=True)


@dataclass
class Options:
    on: bool
    reason: str
    keys: List[DeveloperKey]
    redact: Callable[[str], bool]
    inline_limit: int
    mount_path: str
    payload_store: Any
    limits: Dict[str, int]
    logger: Callable[[str], None]

    def startup_line(self) -> str:
        if not self.on:
            return f"off ({self.reason})"
        kids = ", ".join(k.kid for k in self.keys)
        return f"on ({self.reason}); key id(s) {kids}; by-reference payloads at {self.mount_path}/payload/<id>"


def environment_of(app) -> str:
    """Flask's own notion: debug mode is development, TESTING is test, anything else is production
    (Flask's default, and what its docs deploy)."""
    if app.debug:
        return "development"
    if app.testing:
        return "test"
    return "production"


def resolve_options(app, given: Dict[str, Any]) -> Options:
    unknown = sorted(set(given) - set(_NAMES))
    if unknown:
        raise TypeError(f"sessionscope: unknown option(s) {', '.join(unknown)}; known: {', '.join(_NAMES)}.")

    def pick(name: str, default: Any = None) -> Any:
        if name in given:
            return given[name]
        return app.config.get(f"SESSIONSCOPE_{name.upper()}", default)

    logger = pick("logger", default_logger)
    if not callable(logger):
        raise TypeError("sessionscope: logger must be a function (message) -> None.")
    raw_keys = pick("keys", os.environ.get("SESSIONSCOPE_KEYS"))
    if raw_keys is not None and not isinstance(raw_keys, (str, list, tuple)):
        raise TypeError("sessionscope: keys must be a list of pairing strings or one comma-separated string.")
    keys = []
    for index, pairing in enumerate(split_pairings(raw_keys)):
        try:
            keys.append(parse_pairing(pairing))
        except SessionscopeError as error:
            raise SetupError(f"sessionscope: key #{index + 1} is not a pairing string: {error.message}") from None

    enabled = pick("enabled")
    if enabled not in (None, True, False):
        raise TypeError("sessionscope: enabled must be True, False or None (decide from Flask's debug/testing mode).")
    allow = pick("allow_in_production", False)
    inline_limit = pick("inline_limit", DEFAULT_INLINE_LIMIT)
    if not isinstance(inline_limit, int) or isinstance(inline_limit, bool) or inline_limit < 0:
        raise TypeError(f"sessionscope: inline_limit must be a non-negative integer (bytes), got {inline_limit!r}.")
    mount_path = pick("mount_path", DEFAULT_MOUNT_PATH)
    if not isinstance(mount_path, str) or not _MOUNT_PATH.match(mount_path):
        raise TypeError('sessionscope: mount_path must be an absolute path without a trailing slash, like "/__sessionscope".')
    store = pick("payload_store")
    if store is not None and not (callable(getattr(store, "put", None)) and callable(getattr(store, "take", None))):
        raise TypeError("sessionscope: payload_store must have put(ref, kid, jwe) and take(ref, kid) methods.")
    limits = pick("limits", {}) or {}
    if not isinstance(limits, dict) or any(k not in DEFAULT_LIMITS or not isinstance(v, int) or v < 1 for k, v in limits.items()):
        raise TypeError(f"sessionscope: limits must map some of {', '.join(DEFAULT_LIMITS)} to positive integers.")
    redact_option = pick("redact")
    try:
        redact = redact_predicate(redact_option)
    except TypeError as error:
        raise TypeError(str(error)) from None

    env = environment_of(app)
    if not keys:
        on, reason = False, "no keys: set SESSIONSCOPE_KEYS or pass keys=[…]"
    elif enabled is False:
        on, reason = False, "enabled=False"
    elif env == "production" and allow is not True:
        raise SetupError(
            "sessionscope: debug keys are configured but Flask is in production mode (neither debug nor TESTING). "
            "Run with `flask --debug run` (or FLASK_DEBUG=1, or app.debug = True before Sessionscope(app)), "
            "pass enabled=True, allow_in_production=True if you really mean to debug production, "
            "or remove the keys (SESSIONSCOPE_KEYS) to turn Sessionscope off."
        )
    elif env == "production" and enabled is not True:
        on, reason = False, "allow_in_production=True alone does not turn it on in production: pass enabled=True too"
    elif env == "production":
        on, reason = True, "enabled=True and allow_in_production=True (Flask is in production mode)"
    else:
        on, reason = True, f"Flask {'debug' if env == 'development' else 'testing'} mode"
    return Options(
        on=on,
        reason=reason,
        keys=keys,
        redact=redact,
        inline_limit=inline_limit,
        mount_path=mount_path,
        payload_store=store if store is not None else MemoryPayloadStore(),
        limits=dict(limits),
        logger=logger,
    )
