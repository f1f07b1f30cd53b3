"""`GET {mount}/payload/<id>` (PROTOCOL.md §3.3), plain WSGI: it runs before Flask builds a request,
so a hit never loads, saves or touches the app's session, and is served once (deleted as read).

The endpoint exists only for a GET that names a configured key id and a well-formed id. Every
miss (no or unknown kid, another method, an unknown, expired, already fetched or other key's id,
the store down) is handed to the app, unobserved: one answer for all of them, the app's own,
which is also what a client without a key gets. No CORS headers: the panel fetches from its
extension page with host permissions, which both browsers exempt from CORS.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Dict, Optional

from .constants import REF_ID_PATTERN
from .keys import KeyRing
from .store import StoreUnavailable

# A reference is minted before its (background) store write finishes: a fetch that arrives first
# waits this long, at most, for the write of an entry this process knows is on its way.
PENDING_WAIT_SECONDS = 2.0
OTHER_PROCESS_RETRIES = 4
OTHER_PROCESS_RETRY_SECONDS = 0.05


def _headers(body: bytes) -> list:
    return [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "private, no-store"),
        ("Vary", "X-Sessionscope-Kid"),
        ("X-Content-Type-Options", "nosniff"),
    ]


class PendingWrites:
    """Ids whose store write is under way in this process, each with an event set when it ends."""

    def __init__(self) -> None:
        self._events: Dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def start(self, ref: str) -> None:
        with self._lock:
            self._events[ref] = threading.Event()

    def done(self, ref: str) -> None:
        with self._lock:
            event = self._events.pop(ref, None)
        if event is not None:
            event.set()

    def wait(self, ref: str, timeout: float) -> None:
        with self._lock:
            event = self._events.get(ref)
        if event is not None:
            event.wait(timeout)


class PayloadEndpoint:
    def __init__(
        self, mount_path: str, ring: KeyRing, store, pending: PendingWrites, log: Callable[[str], None], failed=None
    ):
        self.prefix = f"{mount_path}/payload/"
        self.failed = failed
        self.ring = ring
        self.store = store
        self.pending = pending
        self.log = log

    def on_path(self, environ: dict) -> bool:
        return (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")).startswith(self.prefix)

    def serve(self, environ: dict, start_response) -> Optional[list]:
        """The body of a hit after calling start_response, or None: a miss, the app's to answer."""
        if not self.on_path(environ):
            return None
        jwe = self._find(environ)
        if jwe is None:
            return None
        body = jwe.encode("ascii")
        start_response("200 OK", _headers(body))
        return [body]

    def _find(self, environ: dict) -> Optional[str]:
        if environ.get("REQUEST_METHOD") != "GET":
            return None
        ref = (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))[len(self.prefix) :]
        if not REF_ID_PATTERN.match(ref):
            return None
        key = self.ring.lookup(environ.get("HTTP_X_SESSIONSCOPE_KID"))
        if key is None:
            return None
        self.pending.wait(ref, PENDING_WAIT_SECONDS)
        failed = self.failed.take(ref, key.kid) if self.failed is not None else None
        if failed is not None:
            return failed
        try:
            jwe = self.store.take(ref, key.kid)
            # Another worker process may have minted it, its background write a moment behind:
            # a paired developer's miss on a shared store is retried briefly (bounded).
            for _ in range(OTHER_PROCESS_RETRIES if getattr(self.store, "asynchronous", False) else 0):
                if jwe is not None:
                    break
                time.sleep(OTHER_PROCESS_RETRY_SECONDS)
                jwe = self.store.take(ref, key.kid)
            return jwe
        except StoreUnavailable as error:
            self.log(f"by-reference fetch: {error}")
            return None
        except Exception as error:  # noqa: BLE001 - a store bug is a miss, never a 500 page
            logging.getLogger("sessionscope").exception("payload store failed")
            self.log(f"by-reference fetch failed: {error}")
            return None
