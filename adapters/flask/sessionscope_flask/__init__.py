"""Sessionscope for Flask: the session before and after each request, encrypted to paired
developers, for the Sessionscope DevTools panel. See README.md and the repository's PROTOCOL.md."""

from .core.errors import SessionscopeError, SetupError
from .core.keys import generate_key, parse_pairing
from .core.redact import DEFAULT_REDACT, is_secret_name
from .core.store import MemoryPayloadStore, RedisPayloadStore
from .extension import Sessionscope

__all__ = [
    "DEFAULT_REDACT",
    "MemoryPayloadStore",
    "RedisPayloadStore",
    "Sessionscope",
    "SessionscopeError",
    "SetupError",
    "generate_key",
    "is_secret_name",
    "parse_pairing",
]
__version__ = "0.1.0"
