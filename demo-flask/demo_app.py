"""The Flask demo: Flask's own session examples (docs: "Sessions", "Message Flashing",
PERMANENT_SESSION_LIFETIME) with the Sessionscope adapter, in three modes:

    cookie      Flask's default signed-cookie session (no server library needed to read it)
    redis       Flask-Session with Redis
    filesystem  Flask-Session with files (cachelib)

Flask-Session 0.3.2 (Debian 12) has no regenerate(): /login rotates the id by hand (what its later
versions do), /login-fixation keeps it, and the panel's Security view flags the latter.
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from flask import Flask, current_app, flash, get_flashed_messages, redirect, request, session, url_for
from markupsafe import Markup, escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "adapters" / "flask"))
from sessionscope_flask import Sessionscope  # noqa: E402

MODES = ("cookie", "redis", "filesystem")
LIFETIME = timedelta(days=7)


def create_app(mode: str = "cookie", keys=None, redis_url: str = None, file_dir: str = None, sessionscope=True) -> Flask:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)} (got {mode!r})")
    app = Flask(__name__)
    app.secret_key = os.environ.get("SESSIONSCOPE_DEMO_SECRET", "demo-secret-not-for-production")
    app.config["PERMANENT_SESSION_LIFETIME"] = LIFETIME
    # The demo exists to be debugged: Flask's debug mode is what turns Sessionscope on.
    app.debug = True
    app.config["PROPAGATE_EXCEPTIONS"] = False
    if mode != "cookie":
        from flask_session import Session

        app.config["SESSION_TYPE"] = mode
        # Like Flask's own sessions: browser-session cookies until "remember me" makes them permanent.
        app.config["SESSION_PERMANENT"] = False
        if mode == "redis":
            import redis

            app.config["SESSION_REDIS"] = redis.Redis.from_url(redis_url or "redis://127.0.0.1:6379/0")
        else:
            app.config["SESSION_FILE_DIR"] = file_dir or os.path.join(os.getcwd(), ".flask-sessions")
        Session(app)
    app.config["DEMO_MODE"] = mode
    if sessionscope:
        options = {"keys": keys}
        if mode == "redis":
            # Several worker processes (gunicorn -w 4) share by-reference payloads through Redis.
            from sessionscope_flask import RedisPayloadStore

            options["payload_store"] = RedisPayloadStore(app.config["SESSION_REDIS"])
        Sessionscope(app, **options)
    register_routes(app)
    return app


def page(title: str, body: str) -> str:
    mode = current_app.config["DEMO_MODE"]
    return (
        "<!doctype html><html><head><meta charset=utf-8><title>"
        f"{escape(title)}</title><style>body{{font:14px system-ui;margin:1.5rem;max-width:52rem}}"
        "form{display:inline-block;margin:.2rem .4rem .2rem 0}section{margin:.8rem 0}</style></head><body>"
        f"<h1>{escape(title)}</h1><p>Mode: <strong data-testid=mode>{escape(mode)}</strong> · "
        '<a href="/" data-testid=home-link>Home</a></p>'
        f"{body}</body></html>"
    )


def form(action: str, testid: str, label: str, fields=()) -> str:
    inputs = "".join(
        f'<label>{escape(text or name)} <input name="{escape(name)}" value="{escape(value)}"'
        f' data-testid="{escape(testid)}-{escape(name)}"></label> '
        if text
        else f'<input type=hidden name="{escape(name)}" value="{escape(value)}">'
        for name, value, text in ((f + (None,))[:3] for f in fields)
    )
    return (
        f'<form method=post action="{escape(action)}">{inputs}'
        f'<button type=submit data-testid="{escape(testid)}-submit">{escape(label)}</button></form>'
    )


def rotate_session_id() -> None:
    """A new session id, same data, the old entry gone: the defence against session fixation.
    Flask's cookie sessions have no id (a new cookie value is all there is)."""
    interface = current_app.session_interface
    old = getattr(session, "sid", None)
    if old is None:
        return
    key = interface.key_prefix + old
    if hasattr(interface, "redis"):
        interface.redis.delete(key)
    elif hasattr(interface, "cache"):
        interface.cache.delete(key)
    session.sid = interface._generate_sid()
    session.modified = True


def register_routes(app: Flask) -> None:
    @app.get("/")
    def index():
        session["visits"] = session.get("visits", 0) + 1
        messages = get_flashed_messages()
        cart = session.get("cart", {}).get("items", [])
        user = session.get("username")
        body = "".join(f'<p role=status data-testid=flash>{escape(m)}</p>' for m in messages)
        body += (
            f"<p>Visits: <strong data-testid=views>{session['visits']}</strong></p>"
            f"<p>{'Logged in as ' if user else ''}<strong data-testid=user>{escape(user or 'You are not logged in')}</strong>"
            f" · Remember me: <span data-testid=remember-state>{'on' if session.permanent else 'off'}</span>"
            f" · Cart items: <span data-testid=cart-count>{len(cart)}</span>"
            f" · Bloat chunks: <span data-testid=bloat-count>{len(session.get('bloat', []))}</span></p>"
            "<section><h2>Login</h2>"
            + form(url_for("login"), "login", "Log in (rotates the session id)", [("username", "ann", "Username")])
            + form(url_for("login_fixation"), "login-fixation", "Log in WITHOUT rotating the id", [("username", "mallory", "Username")])
            + '<a href="/logout" data-testid=logout-link>Log out (pop username)</a> '
            + form(url_for("clear"), "clear", "Clear the session")
            + "</section><section><h2>Permanent session</h2>"
            + form(url_for("remember"), "remember-on", f"Remember me ({LIFETIME.days}-day cookie)", [("remember", "on")])
            + form(url_for("remember"), "remember-off", "Forget me (browser-session cookie)", [("remember", "off")])
            + "</section><section><h2>Flash</h2>"
            + form(url_for("flash_message"), "flash-set", "Flash a message", [("message", "Saved!", "Message")])
            + "</section><section><h2>Cart</h2>"
            + form(url_for("cart_add"), "cart-add", "Add to cart", [("name", "Teapot", "Item"), ("qty", "1", "Qty")])
            + "</section><section><h2>Grow the session past 4 KB</h2>"
            + form(url_for("bloat"), "bloat", "Add ~1 KB")
            + form(url_for("bloat_reset"), "bloat-reset", "Reset")
            + '</section><p><a href="/types" data-testid=types-link>Typed values</a></p>'
        )
        return page("Sessionscope Flask demo", body)

    @app.get("/health")
    def health():
        return "ok"

    # Flask's docs example, with a form GET and the username POST.
    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "POST":
            rotate_session_id()
            session["username"] = request.form.get("username", "ann").strip()[:64] or "ann"
            session["csrf_token"] = secrets.token_urlsafe(16)  # secret: redacted in the payload
            session["logged_in_at"] = datetime.now(timezone.utc)
            flash(f"Logged in as {session['username']}")
            return redirect(url_for("index"), 303)
        return page("Log in", form(url_for("login"), "login", "Log in", [("username", "ann", "Username")]))

    @app.post("/login-fixation")
    def login_fixation():
        session["username"] = request.form.get("username", "mallory").strip()[:64] or "mallory"
        return redirect(url_for("index"), 303)

    @app.get("/logout")
    def logout():
        session.pop("username", None)
        return redirect(url_for("index"))

    @app.post("/clear")
    def clear():
        session.clear()
        return redirect(url_for("index"), 303)

    @app.post("/remember")
    def remember():
        session.permanent = request.form.get("remember") == "on"
        return redirect(url_for("index"), 303)

    @app.post("/flash")
    def flash_message():
        flash(request.form.get("message", "Hello"))
        return redirect(url_for("index"), 303)

    @app.post("/cart/add")
    def cart_add():
        cart = session.get("cart", {"items": []})
        qty = request.form.get("qty", "1")
        cart["items"].append({"name": request.form.get("name", "Teapot")[:64], "qty": int(qty) if qty.isdigit() else 1})
        cart["updated"] = datetime.now(timezone.utc)
        session["cart"] = cart
        return redirect(url_for("index"), 303)

    @app.post("/bloat")
    def bloat():
        # Random text does not compress: Flask's zlib step cannot hide the growth of the cookie.
        chunk = base64.b64encode(os.urandom(768)).decode()
        session["bloat"] = [*session.get("bloat", []), chunk]
        return redirect(url_for("index"), 303)

    @app.post("/bloat/reset")
    def bloat_reset():
        session.pop("bloat", None)
        return redirect(url_for("index"), 303)

    @app.get("/types")
    def types():
        session["types"] = {
            "pair": ("admin", "dev"),
            "greeting": Markup("<b>hello</b>"),
            "id": UUID("12345678-1234-5678-1234-567812345678"),
            "raw": b"\x00\x01\xff",
            "when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
            "price": Decimal("9.99"),
        }
        if current_app.config["DEMO_MODE"] != "cookie":
            session["types"]["tags"] = {"b", "a"}  # pickle keeps a set; Flask's cookie JSON cannot
        return redirect(url_for("index"))
