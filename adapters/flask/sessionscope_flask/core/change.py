"""`session.change` and `sizes` (PROTOCOL.md §4.4, §4.5); protocol/src/change.ts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from .json_text import json_text
from .typed import encode_typed

# The encoder keeps its own stack: any depth the session really has.
_UNLIMITED = {"maxString": 2**53, "maxItems": 2**53, "maxBytes": 2**53, "maxDepth": 2**53}


@dataclass
class ChangeSide:
    exists: bool
    id: Optional[str]
    fingerprint: Optional[str]


def session_change(before: ChangeSide, after: ChangeSide) -> str:
    if not before.exists and not after.exists:
        return "none"
    if not before.exists:
        return "new"
    if not after.exists:
        return "destroyed"
    if before.id is not None and after.id is not None and before.id != after.id:
        return "regenerated"
    return "unchanged" if before.fingerprint == after.fingerprint else "modified"


def canonical_json(value: Any) -> str:
    return json_text(value, sort_keys=True)


def fingerprint_of(session: Any) -> str:
    """The typed encoding with no redaction and no limits, keys sorted: what `change` compares."""
    return canonical_json(encode_typed(session, limits=_UNLIMITED).value)


def session_cookie_bytes(set_cookie: Sequence[str], cookie_name: str) -> Optional[int]:
    """UTF-8 bytes of name=value of the last Set-Cookie line naming the session cookie, or None."""
    found = None
    for line in set_cookie:
        pair = line.split(";", 1)[0]
        eq = pair.find("=")
        name = (pair if eq == -1 else pair[:eq]).strip()
        if name == cookie_name:
            found = f"{name}={'' if eq == -1 else pair[eq + 1 :].strip()}"
    return None if found is None else len(found.encode("utf-8"))


def json_bytes(data: Any) -> Optional[int]:
    """Compact JSON, UTF-8, non-ASCII unescaped: sizes for kinds whose layer serializes JSON."""
    try:
        return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError):
        # RecursionError: nested past json.dumps' stack, which the app's own serializer shares.
        return None
