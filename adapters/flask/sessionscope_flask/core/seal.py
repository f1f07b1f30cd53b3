"""Sealing and opening payloads (PROTOCOL.md §3.2): compact JWE, dir + A256GCM, made by jwcrypto.

jwcrypto is the maintained JOSE library Debian ships (python3-jwcrypto); the protected header is
written exactly as the protocol defines it and checked exactly on the way in.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from jwcrypto import jwe as _jwe
from jwcrypto import jwk as _jwk

from .b64 import b64url_decode, b64url_encode
from .constants import KEY_ID_PATTERN, PAYLOAD_CONTENT_TYPE
from .errors import SessionscopeError
from .keys import DeveloperKey, KeyRing

_HEADER_NAMES = {"alg", "enc", "kid", "cty"}
_jwk_cache: dict = {}


def _jwk_of(secret: bytes) -> Any:
    key = _jwk_cache.get(secret)
    if key is None:
        key = _jwk.JWK(kty="oct", k=b64url_encode(secret))
        _jwk_cache[secret] = key
    return key


def protected_header(kid: str) -> str:
    return json.dumps({"alg": "dir", "enc": "A256GCM", "kid": kid, "cty": PAYLOAD_CONTENT_TYPE}, separators=(",", ":"))


def seal_text(text: str, key: DeveloperKey) -> str:
    token = _jwe.JWE(text.encode("utf-8"), protected=protected_header(key.kid))
    token.add_recipient(_jwk_of(key.secret))
    return token.serialize(compact=True)


def check_protected_header(jwe: str) -> str:
    """Exactly {alg: dir, enc: A256GCM, kid, cty}: no zip, no crit, nothing else. Returns the kid."""
    parts = jwe.split(".")
    if len(parts) != 5:
        raise SessionscopeError("ERR_DECRYPT", "The debug payload is not a compact JWE (five dot-separated parts).")
    try:
        header = json.loads(b64url_decode(parts[0]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise SessionscopeError("ERR_DECRYPT", "The debug payload's protected header does not decode.") from None
    if not isinstance(header, dict):
        raise SessionscopeError("ERR_DECRYPT", "The JWE protected header is not a JSON object.")
    extra = sorted(set(header) - _HEADER_NAMES)
    if extra:
        raise SessionscopeError(
            "ERR_DECRYPT", f"The JWE protected header has members the protocol does not define ({', '.join(extra[:4])})."
        )
    if header.get("alg") != "dir" or header.get("enc") != "A256GCM" or header.get("cty") != PAYLOAD_CONTENT_TYPE:
        raise SessionscopeError("ERR_DECRYPT", "Expected a dir + A256GCM JWE of application/sessionscope+json.")
    kid = header.get("kid")
    if not isinstance(kid, str) or not KEY_ID_PATTERN.match(kid):
        raise SessionscopeError("ERR_DECRYPT", "The JWE protected header has no well-formed kid.")
    if parts[1] != "":
        raise SessionscopeError("ERR_DECRYPT", "A dir JWE carries no encrypted key, but this one does.")
    return kid


def open_text(jwe: str, keys: Sequence[DeveloperKey]) -> str:
    """The plaintext of a payload sealed to one of `keys` (used by tests and interop)."""
    kid = check_protected_header(jwe)
    key = KeyRing(keys).lookup(kid)
    if key is None:
        raise SessionscopeError("ERR_KEY_UNKNOWN", f"The payload is encrypted to key id {kid}, which is not configured.")
    token = _jwe.JWE(algs=["dir", "A256GCM"])
    try:
        token.deserialize(jwe, key=_jwk_of(key.secret))
    except Exception:  # jwcrypto raises several classes; any of them means "not for us"
        raise SessionscopeError("ERR_DECRYPT", "The debug payload did not decrypt with the key.") from None
    return token.payload.decode("utf-8")
