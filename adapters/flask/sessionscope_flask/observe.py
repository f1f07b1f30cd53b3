"""Reading the session of one request without changing anything the app or Flask can see.

Flask opens the session when it pushes the request context; `before` runs on `request_started`
(before any before_request function or view), `after` runs in our start_response, after
`save_session` wrote its Set-Cookie. Session dicts are read with `dict.items`, never through their
own accessors: Flask's SecureCookieSession marks itself `accessed` on `get`/`[]`, which would add
`Vary: Cookie` to the response.
"""

from __future__ import annotations

import pickle
from datetime import datetime, timezone
from typing import Any, Callable, List, Optional

from .core.change import json_bytes
from .core.payload import NO_SESSION, Observation, Side, side_of

FLASK_SESSION_MODULE = "flask_session"


def kind_of(app) -> str:
    interface = app.session_interface
    from flask.sessions import SecureCookieSessionInterface

    if isinstance(interface, SecureCookieSessionInterface):
        return "flask"
    if type(interface).__module__.startswith(FLASK_SESSION_MODULE):
        return "flask-session"
    return "other"


def _data(session: Any) -> Optional[dict]:
    if session is None or not isinstance(session, dict):
        return None
    return dict(dict.items(session))


def _permanent(data: Optional[dict]) -> bool:
    return bool(data) and data.get("_permanent", False) is True


def _total_seconds(lifetime) -> int:
    # Flask-Session 0.3.2's own arithmetic for the store TTL (days and seconds, no microseconds).
    return lifetime.days * 86400 + lifetime.seconds


class Observer:
    """One request's observer; `kind` decides the details."""

    def __init__(self, app, redact: Callable[[str], bool], limits: dict) -> None:
        self.app = app
        self.kind = kind_of(app)
        self.interface = app.session_interface
        self.redact = redact
        self.limits = limits
        self.cookie_name = app.config.get("SESSION_COOKIE_NAME") or "session"
        self.before_side: Side = NO_SESSION
        self.errors: List[dict] = []

    # -- sizes: the bytes the session layer itself writes (PROTOCOL.md §4.5) -------------------
    def size_of(self, data: dict) -> Optional[int]:
        try:
            if self.kind == "flask":
                return len(self.interface.serializer.dumps(data).encode("utf-8"))
            if self.kind == "flask-session":
                return len(pickle.dumps(data))
        except Exception:  # noqa: BLE001 - the app's save_session will report it; we report no size
            return None
        return json_bytes(data)

    def side(self, data: dict, session_id: Optional[str]) -> Side:
        return side_of(data, session_id, self.size_of(data), self.redact, self.limits)

    # -- before ----------------------------------------------------------------------------------
    def before(self, ctx) -> None:
        session = ctx.session
        data = _data(session)
        raw = ctx.request.cookies.get(self.cookie_name)
        if data is None:
            self.before_side = NO_SESSION
            return
        if self.kind == "flask":
            if raw and not data:
                self.unreadable(self.flask_reason(raw))
            self.before_side = self.side(data, None) if data else NO_SESSION
        elif self.kind == "flask-session":
            sid = getattr(session, "sid", None)
            cookie_sid = self.cookie_sid(raw)
            if raw and cookie_sid is None:
                self.unreadable("its signature does not match SECRET_KEY: tampered, or signed with another key")
            named = raw is not None and cookie_sid == sid
            stored = self.stored(sid) if named else False
            exists = named and (stored if stored is not None else bool(data))
            self.before_side = self.side(data, sid) if exists else NO_SESSION
        else:
            sid = getattr(session, "sid", None)
            self.before_side = self.side(data, sid if isinstance(sid, str) else None) if data else NO_SESSION

    def unreadable(self, reason: str) -> None:
        self.errors.append(
            {
                "code": "ERR_SESSION_UNREADABLE",
                "message": f"The request carried a {self.cookie_name} cookie that the app could not read ({reason}); "
                "it started a new, empty session.",
            }
        )

    def flask_reason(self, raw: str) -> str:
        from itsdangerous import BadSignature, SignatureExpired

        serializer = self.interface.get_signing_serializer(self.app)
        if serializer is None:
            return "the app has no SECRET_KEY"
        try:
            serializer.loads(raw, max_age=int(self.app.permanent_session_lifetime.total_seconds()))
        except SignatureExpired:
            return "signed longer ago than PERMANENT_SESSION_LIFETIME"
        except BadSignature:
            return "its signature does not match SECRET_KEY: tampered, or signed with another key"
        except Exception:  # noqa: BLE001
            return "it does not decode"
        return "it holds no data"

    def cookie_sid(self, raw: Optional[str]) -> Optional[str]:
        if not raw:
            return None
        if not getattr(self.interface, "use_signer", False):
            return raw
        from itsdangerous import BadSignature

        signer = self.interface._get_signer(self.app)
        if signer is None:
            return None
        try:
            return signer.unsign(raw).decode("utf-8")
        except (BadSignature, UnicodeDecodeError):
            return None

    def stored(self, sid: Optional[str]) -> Optional[bool]:
        """Whether the backend holds this sid, asked without side effects (Redis EXISTS; cachelib's
        `has`, which reads the file's expiry and deletes nothing); None for backends we cannot ask.
        Flask-Session 0.3.2 adopts an unknown sid from the cookie as a new session, so the cookie
        alone does not prove that a session existed."""
        if not isinstance(sid, str):
            return None
        key = getattr(self.interface, "key_prefix", "") + sid
        redis = getattr(self.interface, "redis", None)
        if redis is not None:
            return bool(redis.exists(key))
        cache = getattr(self.interface, "cache", None)
        if cache is not None and callable(getattr(cache, "has", None)):
            return bool(cache.has(key))
        return None

    # -- after -----------------------------------------------------------------------------------
    def after(self, ctx, set_cookie: List[str], now: datetime) -> Observation:
        session = ctx.session
        data = _data(session)
        sid = getattr(session, "sid", None)
        session_id = sid if isinstance(sid, str) and self.kind != "flask" else None
        # A session exists after the response if the browser will hold one: Flask and Flask-Session
        # both drop (or never write) an empty session.
        after = self.side(data, session_id) if data else NO_SESSION
        lifetime = self.app.permanent_session_lifetime
        store_ttl = None
        if self.kind == "flask-session" and after.exists:
            # Flask-Session 0.3.2 rewrites the entry with this TTL on every response that keeps a
            # session: known exactly without asking the store.
            store_ttl = _total_seconds(lifetime) * 1000
        return Observation(
            kind=self.kind,
            store=type(self.interface).__name__ if self.kind != "flask" else None,
            before=self.before_side,
            after=after,
            cookie=self.cookie_options(data, now),
            cookie_name=self.cookie_name,
            store_ttl_ms=store_ttl,
            errors=list(self.errors),
        )

    def cookie_options(self, data: Optional[dict], now: datetime) -> dict:
        """The session cookie as configured: read from app.config, never through the interface's
        getters (Flask's get_cookie_domain caches into app.config)."""
        config = self.app.config
        permanent = _permanent(data)
        lifetime = self.app.permanent_session_lifetime
        domain = config.get("SESSION_COOKIE_DOMAIN")
        same_site = config.get("SESSION_COOKIE_SAMESITE")
        if self.kind == "flask":
            signed = True
            rolling = permanent and bool(config.get("SESSION_REFRESH_EACH_REQUEST", True))
        else:
            signed = bool(getattr(self.interface, "use_signer", False)) if self.kind == "flask-session" else None
            # Flask-Session 0.3.2 sets the cookie on every response that keeps a session.
            rolling = permanent if self.kind == "flask-session" else None
        return {
            "name": self.cookie_name,
            "path": config.get("SESSION_COOKIE_PATH") or config.get("APPLICATION_ROOT") or "/",
            "domain": domain if isinstance(domain, str) and domain else None,
            "httpOnly": bool(config.get("SESSION_COOKIE_HTTPONLY", True)),
            "secure": bool(config.get("SESSION_COOKIE_SECURE", False)),
            "sameSite": same_site if isinstance(same_site, str) else None,
            "maxAge": int(lifetime.total_seconds() * 1000) if permanent else None,
            "expires": _iso(now + lifetime) if permanent else None,
            "partitioned": None,
            "priority": None,
            "signed": signed,
            "rolling": rolling,
        }


def _iso(moment: datetime) -> str:
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
