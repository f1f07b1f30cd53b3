"""Stable error codes (PROTOCOL.md §9): tests and the panel switch on `code`, people read `message`."""


class SessionscopeError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class SetupError(RuntimeError):
    """A configuration the adapter refuses at set-up time; the message says what to change."""
