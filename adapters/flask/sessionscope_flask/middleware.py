"""The WSGI edge: the by-reference endpoint, and the debug header added in start_response once
Flask's headers are final (the Python counterpart of server-lib's innermost writeHead).

A request whose X-Sessionscope-Kid is missing, malformed or unknown passes through untouched: not
one byte of its response changes. A paired one gets the X-Sessionscope header, `Vary:
X-Sessionscope-Kid` and `Cache-Control: private, no-store` (a shared cache must never hand one
developer's debug response to someone else). Nothing here may raise into the app: our own
failures become an error entry in the payload, or no header.
"""

from __future__ import annotations

import contextvars
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any, List, Optional
from urllib.parse import quote

from .core.constants import DEBUG_HEADER, KEY_ID_HEADER
from .core.endpoint import PayloadEndpoint, PendingWrites
from .core.header import format_inline_header, format_ref_header
from .core.keys import DeveloperKey, KeyRing
from .core.payload import (
    RequestFacts,
    build_payload,
    degraded_header,
    error_payload,
    store_error,
    to_json,
    without_values,
)
from .core.seal import seal_text
from .core.store import MemoryPayloadStore, PayloadTooLarge, new_ref_id
from .observe import Observer, kind_of
from .options import Options

log = logging.getLogger("sessionscope")

# The paired request being served on this thread/context: set by the middleware, read by the
# request_started handler (which Flask calls inside the same wsgi_app call).
current_record: "contextvars.ContextVar[Optional[Record]]" = contextvars.ContextVar("sessionscope_record", default=None)

# A store that failed is treated as down for this long: payloads degrade inline meanwhile.
STORE_RETRY_SECONDS = 5.0


class Record:
    """What we know about one paired request."""

    def __init__(self, key: DeveloperKey, started_at: int) -> None:
        self.key = key
        self.started_at = started_at
        self.ctx: Any = None
        self.observer: Optional[Observer] = None
        self.errors: List[dict] = []


def now_ms() -> int:
    return int(time.time() * 1000)


def request_url(environ: dict) -> str:
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw.startswith("/"):
        return raw
    path = quote(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), safe="/;=,~!$&'()*+@:-._")
    query = environ.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


class Publisher:
    """Seals a payload and turns it into the header value: inline when it fits, by reference
    otherwise (the id is minted now; an asynchronous store is written in the background)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.store = options.payload_store
        self.pending = PendingWrites()
        self.failed_at = 0.0
        # When a background write fails, the reason, sealed, waits here under the same id: the
        # panel's fetch (to this process) then says why instead of meeting a dead reference.
        self.failed = MemoryPayloadStore(max_entries=200, max_bytes=4 * 1024 * 1024)
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sessionscope-store")

    def header_value(self, payload: dict, key: DeveloperKey) -> Optional[str]:
        seal = lambda text: seal_text(text, key)  # noqa: E731
        jwe = seal(to_json(payload))
        inline = format_inline_header(jwe)
        if len(inline) <= self.options.inline_limit:
            return inline
        max_entry = getattr(self.store, "max_entry_bytes", None)
        if isinstance(max_entry, int) and len(jwe) > max_entry:
            error = store_error(PayloadTooLarge(f"{len(jwe)} bytes > {max_entry} per entry"), len(jwe))
            return degraded_header(payload, error, seal, self.options.inline_limit)
        if time.monotonic() - self.failed_at < STORE_RETRY_SECONDS:
            error = store_error(RuntimeError("it failed moments ago"), len(jwe))
            return degraded_header(payload, error, seal, self.options.inline_limit)
        ref = new_ref_id()
        if getattr(self.store, "asynchronous", False):
            self.pending.start(ref)
            self.executor.submit(self._write, ref, key, jwe, payload)
        else:
            try:
                self.store.put(ref, key.kid, jwe)
            except Exception as error:  # noqa: BLE001
                self.options.logger(f"by-reference store refused a {len(jwe)}-byte payload: {error}")
                return degraded_header(payload, store_error(error, len(jwe)), seal, self.options.inline_limit)
        return format_ref_header(ref, f"{self.options.mount_path}/payload/{ref}")

    def _write(self, ref: str, key: DeveloperKey, jwe: str, payload: dict) -> None:
        try:
            self.store.put(ref, key.kid, jwe)
        except Exception as error:  # noqa: BLE001
            self.failed_at = time.monotonic()
            self.options.logger(f"by-reference store write failed: {error}")
            try:
                degraded = without_values(payload, store_error(error, len(jwe)))
                self.failed.put(ref, key.kid, seal_text(to_json(degraded), key))
            except Exception as inner:  # noqa: BLE001
                self.options.logger(f"could not seal the store-failure payload: {inner}")
        finally:
            self.pending.done(ref)


class SessionscopeMiddleware:
    def __init__(self, wsgi_app, flask_app, options: Options) -> None:
        self.wsgi_app = wsgi_app
        self.flask_app = flask_app
        self.options = options
        self.ring = KeyRing(options.keys)
        self.publisher = Publisher(options)
        self.endpoint = PayloadEndpoint(
            options.mount_path,
            self.ring,
            options.payload_store,
            self.publisher.pending,
            options.logger,
            failed=self.publisher.failed,
        )

    def __call__(self, environ: dict, start_response):
        served = self.endpoint.serve(environ, start_response)
        if served is not None:
            return served
        if self.endpoint.on_path(environ):
            # A miss on the endpoint's path is the app's request, unobserved (PROTOCOL.md §3.3).
            return self.wsgi_app(environ, start_response)
        key = self.ring.lookup(environ.get("HTTP_" + KEY_ID_HEADER.upper().replace("-", "_")))
        if key is None:
            return self.wsgi_app(environ, start_response)
        record = Record(key, now_ms())

        def paired_start_response(status: str, headers: list, exc_info=None):
            headers = list(headers)
            value = self.safe_header_value(record, environ, status, headers)
            headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
            headers.append(("Cache-Control", "private, no-store"))
            headers.append(("Vary", KEY_ID_HEADER))
            if value is not None:
                headers.append((DEBUG_HEADER, value))
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        token = current_record.set(record)
        try:
            return self.wsgi_app(environ, paired_start_response)
        finally:
            current_record.reset(token)

    def safe_header_value(self, record: Record, environ: dict, status: str, headers: list) -> Optional[str]:
        try:
            return self.header_value(record, environ, status, headers)
        except Exception as error:  # noqa: BLE001 - a debugging aid never breaks the response
            log.exception("sessionscope failed to build a payload")
            self.options.logger(f"could not build the debug payload: {error}")
            return None

    def header_value(self, record: Record, environ: dict, status: str, headers: list) -> Optional[str]:
        set_cookie = [v for k, v in headers if k.lower() == "set-cookie"]
        sealed_at = now_ms()
        try:
            code = int(status.split(" ", 1)[0])
        except ValueError:
            code = 500
        facts = RequestFacts(
            started_at=record.started_at,
            sealed_at=sealed_at,
            method=environ.get("REQUEST_METHOD", "GET"),
            url=request_url(environ),
            status=code,
            set_cookie=set_cookie,
            errors=list(record.errors),
        )
        redact = self.options.redact
        if record.observer is None or record.ctx is None:
            if not facts.errors:
                facts.errors.append(
                    {
                        "code": "ERR_INTERNAL",
                        "message": "Flask answered without dispatching this request (no session was opened), "
                        "so there is no session to show.",
                    }
                )
            payload = error_payload(facts, kind_of(self.flask_app), redact)
        else:
            try:
                seen = record.observer.after(record.ctx, set_cookie, datetime.now(timezone.utc))
                payload = build_payload(facts, seen, redact)
            except Exception as error:  # noqa: BLE001
                facts.errors.append({"code": "ERR_INTERNAL", "message": f"Reading the session failed: {error}"})
                payload = error_payload(facts, record.observer.kind, redact)
        return self.publisher.header_value(payload, record.key)


def on_request_started(app, options: Options):
    """The `request_started` receiver: the session as Flask opened it, before any app code ran."""

    def receiver(sender, **_extra) -> None:
        record = current_record.get()
        if record is None or record.ctx is not None:
            return
        try:
            from flask.globals import request_ctx

            ctx = request_ctx._get_current_object()
            observer = Observer(sender, options.redact, options.limits)
            observer.before(ctx)
            record.ctx = ctx
            record.observer = observer
        except Exception as error:  # noqa: BLE001
            log.exception("sessionscope failed to read the session before the view")
            record.errors.append({"code": "ERR_INTERNAL", "message": f"Reading the session before the view failed: {error}"})

    return receiver
