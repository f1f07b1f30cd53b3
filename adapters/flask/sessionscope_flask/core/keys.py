"""Developer keys, pairing strings and key ids (PROTOCOL.md §1); protocol/src/keys.ts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence, Union

from .b64 import b64url_decode, b64url_encode
from .constants import KEY_ID_PATTERN, PAIRING_PREFIX
from .errors import SessionscopeError

_KID_DOMAIN = b"sessionscope kid v1\x00"


@dataclass(frozen=True)
class DeveloperKey:
    secret: bytes
    kid: str
    pairing: str


def key_id_of(secret: bytes) -> str:
    """kid = base64url(first 16 bytes of SHA-256("sessionscope kid v1\\0" || key))."""
    return b64url_encode(hashlib.sha256(_KID_DOMAIN + secret).digest()[:16])


def key_from_secret(secret: bytes) -> DeveloperKey:
    return DeveloperKey(secret=secret, kid=key_id_of(secret), pairing=PAIRING_PREFIX + b64url_encode(secret))


def generate_key() -> DeveloperKey:
    return key_from_secret(secrets.token_bytes(32))


def parse_pairing(text: str) -> DeveloperKey:
    """`sessionscope1:<43 base64url chars>`; surrounding whitespace is forgiven, nothing else is."""
    trimmed = text.strip() if isinstance(text, str) else ""
    if not trimmed.startswith(PAIRING_PREFIX):
        raise SessionscopeError(
            "ERR_PAIRING_MALFORMED",
            f'A pairing string starts with "{PAIRING_PREFIX}"; run "python3 -m sessionscope_flask keygen" to make one.',
        )
    encoded = trimmed[len(PAIRING_PREFIX) :]
    try:
        secret = b64url_decode(encoded) if len(encoded) == 43 else b""
    except ValueError:
        secret = b""
    if len(secret) != 32:
        raise SessionscopeError(
            "ERR_PAIRING_MALFORMED", "The pairing string must end in 43 base64url characters (a 256-bit key)."
        )
    return key_from_secret(secret)


def split_pairings(keys: Union[None, str, Iterable[str]]) -> list:
    """An env var value (comma separated) or a list of pairing strings, blanks dropped."""
    if keys is None:
        return []
    items = keys.split(",") if isinstance(keys, str) else list(keys)
    out = []
    for item in items:
        if not isinstance(item, str):
            raise TypeError("sessionscope: keys must be pairing strings (sessionscope1:…).")
        if item.strip():
            out.append(item.strip())
    return out


class KeyRing:
    """The configured keys; looks a kid up in time that does not depend on where it matches."""

    def __init__(self, keys: Sequence[DeveloperKey]) -> None:
        self.keys = list(keys)

    @property
    def kids(self) -> list:
        return [k.kid for k in self.keys]

    def lookup(self, kid: Optional[str]) -> Optional[DeveloperKey]:
        if not isinstance(kid, str) or not KEY_ID_PATTERN.match(kid):
            return None
        found = None
        for key in self.keys:
            if hmac.compare_digest(key.kid.encode(), kid.encode()):
                found = key
        return found
