"""The v1 payload (PROTOCOL.md §4) and the debug header value for it (§3); the TypeScript twins
are server-lib/src/build-payload.ts and debug-header.ts."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional

from .change import ChangeSide, canonical_json, fingerprint_of, session_change, session_cookie_bytes
from .constants import PROTOCOL_VERSION
from .header import format_inline_header
from .redact import redact_set_cookie, redact_url
from .json_text import json_text
from .typed import encode_typed

# Kinds whose data lives in the cookie itself (PROTOCOL.md §4.2).
COOKIE_KINDS = ("flask", "cookie-session")
DEGRADED_URL_CHARS = 256


@dataclass
class Side:
    """One side of the session as the payload reports it."""

    exists: bool = False
    id: Optional[str] = None
    data: Any = None
    fingerprint: Optional[str] = None
    bytes: Optional[int] = None
    redacted: List[str] = field(default_factory=list)
    truncated: bool = False


NO_SESSION = Side()


def side_of(
    data: dict,
    session_id: Optional[str],
    size: Optional[int],
    redact: Callable[[str], bool],
    limits: Optional[dict],
) -> Side:
    """Snapshots session data now: the encoded tree is a copy, later changes do not leak into it."""
    encoded = encode_typed(data, limits=limits, redact=redact)
    # Nothing redacted or cut: the tree just made is the unredacted, uncut data (no second walk).
    fingerprint = canonical_json(encoded.value) if not encoded.redacted and not encoded.truncated else fingerprint_of(data)
    return Side(True, session_id, encoded.value, fingerprint, size, encoded.redacted, encoded.truncated)


@dataclass
class Observation:
    kind: str
    store: Optional[str]
    before: Side
    after: Side
    cookie: Optional[dict]
    cookie_name: str
    store_ttl_ms: Optional[int]
    errors: List[dict] = field(default_factory=list)


@dataclass
class RequestFacts:
    started_at: int
    sealed_at: int
    method: str
    url: str
    status: int
    set_cookie: List[str]
    errors: List[dict] = field(default_factory=list)


def new_request_id() -> str:
    return secrets.token_urlsafe(12)


def _change_side(side: Side) -> ChangeSide:
    return ChangeSide(exists=side.exists, id=side.id, fingerprint=side.fingerprint)


def build_payload(facts: RequestFacts, seen: Observation, redact: Callable[[str], bool]) -> dict:
    leaks = seen.kind in COOKIE_KINDS and bool(seen.before.redacted or seen.after.redacted)
    also = [seen.cookie_name] if leaks else []
    redacted_paths = list(dict.fromkeys([*seen.before.redacted, *seen.after.redacted]))
    return {
        "v": PROTOCOL_VERSION,
        "requestId": new_request_id(),
        "startedAt": facts.started_at,
        "sealedAt": facts.sealed_at,
        "request": {"method": facts.method, "url": redact_url(facts.url, redact)},
        "response": {"status": facts.status, "setCookie": [redact_set_cookie(l, redact, also) for l in facts.set_cookie]},
        "middleware": {"kind": seen.kind, "store": seen.store},
        "session": {
            "before": seen.before.data if seen.before.exists else None,
            "after": seen.after.data if seen.after.exists else None,
            "idBefore": seen.before.id if seen.before.exists else None,
            "idAfter": seen.after.id if seen.after.exists else None,
            "change": session_change(_change_side(seen.before), _change_side(seen.after)),
        },
        "cookie": seen.cookie,
        "sizes": {
            "sessionBefore": seen.before.bytes if seen.before.exists else None,
            "sessionAfter": seen.after.bytes if seen.after.exists else None,
            "sessionCookie": session_cookie_bytes(facts.set_cookie, seen.cookie_name),
        },
        "storeTtlMs": seen.store_ttl_ms,
        "redacted": redacted_paths,
        "truncated": seen.before.truncated or seen.after.truncated,
        "errors": [*seen.errors, *facts.errors],
    }


def error_payload(facts: RequestFacts, kind: str, redact: Callable[[str], bool]) -> dict:
    """What is sent when observing itself failed: the response facts and the error, nothing guessed."""
    return {
        "v": PROTOCOL_VERSION,
        "requestId": new_request_id(),
        "startedAt": facts.started_at,
        "sealedAt": facts.sealed_at,
        "request": {"method": facts.method, "url": redact_url(facts.url, redact)},
        "response": {"status": facts.status, "setCookie": [redact_set_cookie(l, redact) for l in facts.set_cookie]},
        "middleware": {"kind": kind, "store": None},
        "session": {"before": None, "after": None, "idBefore": None, "idAfter": None, "change": "none"},
        "cookie": None,
        "sizes": {"sessionBefore": None, "sessionAfter": None, "sessionCookie": None},
        "storeTtlMs": None,
        "redacted": [],
        "truncated": False,
        "errors": facts.errors,
    }


def to_json(payload: dict) -> str:
    # json_text: a session nested past json.dumps' recursion (maxDepth raised) still seals.
    return json_text(payload)


def store_error(error: Exception, sealed_bytes: int) -> dict:
    from .store import PayloadTooLarge

    if isinstance(error, PayloadTooLarge):
        return {
            "code": "ERR_PAYLOAD_TOO_LARGE",
            "message": f"This payload ({sealed_bytes} bytes sealed) is larger than the by-reference store accepts "
            f"({error}); the session values are left out. Lower the limits option or raise the store's bound.",
        }
    return {
        "code": "ERR_STORE_UNAVAILABLE",
        "message": f"The by-reference payload store is unavailable ({error}); this request's session values are "
        "left out. They come back when the store does.",
    }


def without_values(payload: dict, error: dict) -> dict:
    """The degraded payload (PROTOCOL.md §3.3): the facts and the error, no session values."""
    return {
        **payload,
        "session": {**payload["session"], "before": None, "after": None},
        "truncated": True,
        "errors": [*payload["errors"], error],
    }


def degraded_header(payload: dict, error: dict, seal: Callable[[str], str], inline_limit: int) -> Optional[str]:
    """The payload without session values, inline, or None if even that does not fit."""
    degraded = without_values(payload, error)
    minimal = {
        **degraded,
        "request": {"method": payload["request"]["method"][:16], "url": payload["request"]["url"][:DEGRADED_URL_CHARS]},
        "response": {"status": payload["response"]["status"], "setCookie": []},
        "cookie": None,
        "redacted": [],
        "errors": [{"code": e["code"], "message": e["message"][:400]} for e in [*payload["errors"][:4], error]],
    }
    for candidate in (degraded, minimal):
        value = format_inline_header(seal(to_json(candidate)))
        if len(value) <= inline_limit:
            return value
    return None


