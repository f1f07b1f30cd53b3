"""`Sessionscope(app)` / `init_app(app)`: the Flask extension (app.extensions["sessionscope"])."""

from __future__ import annotations

from typing import Any, Optional

from flask import request_started

from .middleware import SessionscopeMiddleware, on_request_started
from .options import Options, resolve_options


class Sessionscope:
    """Sends the session before and after each request to paired developers, encrypted.

        app = Flask(__name__)
        Sessionscope(app, keys=os.environ.get("SESSIONSCOPE_KEYS"))

    Off without keys; on in Flask debug or testing mode; keys in production (neither) are a
    SetupError unless allow_in_production=True, and then it still needs enabled=True. Options: keys, enabled, allow_in_production, redact,
    inline_limit, mount_path, payload_store, limits, logger (or SESSIONSCOPE_* config keys).
    """

    def __init__(self, app=None, **options: Any) -> None:
        self._given = options
        self.options: Optional[Options] = None
        if app is not None:
            self.init_app(app)

    def init_app(self, app) -> None:
        options = resolve_options(app, self._given)
        self.options = options
        app.extensions["sessionscope"] = self
        options.logger(options.startup_line())
        if not options.on:
            return
        app.wsgi_app = SessionscopeMiddleware(app.wsgi_app, app, options)
        # weak=False: the receiver is a closure that nothing else holds.
        request_started.connect(on_request_started(app, options), app, weak=False)

    @property
    def on(self) -> bool:
        return bool(self.options and self.options.on)

    @property
    def kids(self) -> list:
        return [k.kid for k in self.options.keys] if self.options else []
