"""Where by-reference payloads wait for the panel (PROTOCOL.md §3.3): bounded, expiring, fetched
once. An entry is bound to the key id it was sealed for; another kid never gets it."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict
from typing import Callable, Optional

from .b64 import b64url_encode


class PayloadTooLarge(ValueError):
    """The entry is larger than the store accepts (known before writing: the payload degrades inline)."""


class StoreUnavailable(RuntimeError):
    """The store did not take or give an entry (Redis down, timed out)."""


def new_ref_id() -> str:
    """32 random bytes, base64url: the 43-character id the header carries."""
    return b64url_encode(secrets.token_bytes(32))


class MemoryPayloadStore:
    """One process: TTL, bounded by count and total bytes, oldest evicted first. Thread-safe."""

    asynchronous = False

    def __init__(
        self,
        ttl_ms: int = 60_000,
        max_entries: int = 1000,
        max_bytes: int = 32 * 1024 * 1024,
        max_entry_bytes: int = 8 * 1024 * 1024,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl_ms / 1000
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._now = now
        self._entries: "OrderedDict[str, tuple]" = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes

    def put(self, ref: str, kid: str, jwe: str) -> None:
        if len(jwe) > self.max_entry_bytes:
            raise PayloadTooLarge(f"payload of {len(jwe)} bytes exceeds the {self.max_entry_bytes}-byte bound per entry")
        with self._lock:
            self._delete(ref)
            self._evict_expired()
            while self._entries and (len(self._entries) >= self.max_entries or self._bytes + len(jwe) > self.max_bytes):
                self._delete(next(iter(self._entries)))
            self._entries[ref] = (kid, jwe, self._now() + self.ttl)
            self._bytes += len(jwe)

    def take(self, ref: str, kid: str) -> Optional[str]:
        """The entry for this kid, removed (fetch-once); None for a miss, an expired entry or another kid."""
        with self._lock:
            entry = self._entries.get(ref)
            if entry is None:
                return None
            owner, jwe, expires_at = entry
            if expires_at <= self._now():
                self._delete(ref)
                return None
            if not hmac.compare_digest(owner.encode(), kid.encode()):
                return None
            self._delete(ref)
            return jwe

    def _evict_expired(self) -> None:
        now = self._now()
        for ref in list(self._entries):
            if self._entries[ref][2] > now:
                break  # insertion order is expiry order (one TTL)
            self._delete(ref)

    def _delete(self, ref: str) -> None:
        entry = self._entries.pop(ref, None)
        if entry is not None:
            self._bytes -= len(entry[1])


class RedisPayloadStore:
    """Several worker processes (gunicorn) or instances: entries in Redis under prefix + kid + ":" + id,
    so the kid binding is the key itself; GETDEL makes the fetch once, atomically. Written in the
    background (`asynchronous`): a slow Redis never delays a response."""

    asynchronous = True

    def __init__(
        self,
        client,
        prefix: str = "sessionscope:payload:",
        ttl_ms: int = 60_000,
        max_entry_bytes: int = 8 * 1024 * 1024,
    ) -> None:
        if not (hasattr(client, "set") and hasattr(client, "getdel")):
            raise TypeError("RedisPayloadStore needs a redis-py client: RedisPayloadStore(redis.Redis.from_url(url))")
        self.client = client
        self.prefix = prefix
        self.ttl_ms = ttl_ms
        self.max_entry_bytes = max_entry_bytes

    def _key(self, ref: str, kid: str) -> str:
        return f"{self.prefix}{kid}:{ref}"

    def put(self, ref: str, kid: str, jwe: str) -> None:
        if len(jwe) > self.max_entry_bytes:
            raise PayloadTooLarge(f"payload of {len(jwe)} bytes exceeds the {self.max_entry_bytes}-byte bound per entry")
        try:
            self.client.set(self._key(ref, kid), jwe, px=self.ttl_ms)
        except Exception as error:  # redis-py raises ConnectionError, TimeoutError, ResponseError …
            raise StoreUnavailable(f"Redis failed: {error}") from error

    def take(self, ref: str, kid: str) -> Optional[str]:
        try:
            value = self.client.getdel(self._key(ref, kid))
        except Exception as error:
            raise StoreUnavailable(f"Redis failed: {error}") from error
        if value is None:
            return None
        return value.decode("ascii") if isinstance(value, bytes) else str(value)
