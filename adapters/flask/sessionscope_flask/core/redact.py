"""The redaction rule (PROTOCOL.md §7); protocol/src/redact.ts. One stateless predicate for
session keys at any depth, query parameters of request.url and cookie values in Set-Cookie.

The vocabulary is learned from maintained redactors' defaults (Sentry's scrubbing and its Python
SDK denylist, Rails' filter_parameters, Django's hidden_settings); tests check it equals
protocol/vectors/redaction.json.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Pattern, Sequence, Union
from urllib.parse import unquote_plus

VOCABULARY = {
    "stems": [
        "password", "passwd", "passphrase", "secret", "token", "csrf", "xsrf", "credential", "bearer", "jwt",
        "apikey", "privatekey", "privkey", "authorization", "signingkey", "encryptionkey", "accesskey", "masterkey",
        "codeverifier", "recoverycode", "backupcode", "oauthstate", "authcode", "cardnumber", "creditcard",
        "rememberweb",
    ],
    "words": ["pwd", "pass", "pin", "otp", "totp", "hotp", "ssn", "cvv", "cvc", "cvn", "salt", "hash", "signature", "sig"],
    "exact": ["auth", "cookie", "setcookie", "rememberme"],
}

REDACTED_TEXT = "[redacted]"

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_HUMPS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def joined_name(name: str) -> str:
    """ASCII lower-cased, everything but a-z and 0-9 dropped: `X-Api_Key` → `xapikey`."""
    return _NOT_ALNUM.sub("", name.translate(_ASCII_UPPER))


def name_words(name: str) -> list:
    """Split at non-alphanumerics and camelCase humps, lower-cased: `passwordHash` → password, hash."""
    words = []
    for chunk in _SPLIT.split(name):
        for part in _HUMPS.findall(chunk):
            words.append(part.translate(_ASCII_UPPER))
    return words


def is_secret_name(name: str, vocabulary: dict = VOCABULARY) -> bool:
    joined = joined_name(name)
    if joined == "":
        return False
    if joined in vocabulary["exact"]:
        return True
    if any(stem in joined for stem in vocabulary["stems"]):
        return True
    return any(word in vocabulary["words"] for word in name_words(name))


RedactRule = Union[str, Pattern, Callable[[str], bool]]
RedactOption = Union[bool, Sequence[RedactRule], Callable[[str], bool], None]

DEFAULT_REDACT: tuple = (is_secret_name,)


def redact_predicate(option: RedactOption) -> Callable[[str], bool]:
    """`False` turns redaction off; `None`/`True` is the default; a list replaces it
    (`[*DEFAULT_REDACT, "mine"]` extends it). Patterns are searched on the name as written and on
    its joined form; re.search keeps no state between calls."""
    if option is False:
        return lambda name: False
    if option is None or option is True:
        option = DEFAULT_REDACT
    if callable(option):
        predicate = option
        return lambda name: predicate(name) is True
    exact = set()
    patterns = []
    predicates = []
    for rule in option:
        if isinstance(rule, str):
            exact.add(joined_name(rule))
        elif isinstance(rule, re.Pattern):
            patterns.append(rule)
        elif callable(rule):
            predicates.append(rule)
        else:
            raise TypeError("sessionscope: redact rules are names, compiled re patterns or functions (name) -> bool.")

    def redact(name: str) -> bool:
        joined = joined_name(name)
        return (
            joined in exact
            or any(p.search(name) or p.search(joined) for p in patterns)
            or any(p(name) is True for p in predicates)
        )

    return redact


def _decode_component(text: str) -> str:
    try:
        return unquote_plus(text, errors="strict")
    except UnicodeDecodeError:
        return text


def redact_url(url: str, redact: Callable[[str], bool]) -> str:
    """`/reset?reset_token=abc&x=1` → `/reset?reset_token=[redacted]&x=1`; the rest kept as sent."""
    q = url.find("?")
    if q == -1:
        return url
    h = url.find("#", q)
    query = url[q + 1 :] if h == -1 else url[q + 1 : h]
    rest = "" if h == -1 else url[h:]
    parts = []
    for part in query.split("&"):
        eq = part.find("=")
        name = part if eq == -1 else part[:eq]
        if eq == -1 or not redact(_decode_component(name)):
            parts.append(part)
        else:
            parts.append(f"{name}={REDACTED_TEXT}")
    return url[: q + 1] + "&".join(parts) + rest


def redact_set_cookie(line: str, redact: Callable[[str], bool], also_names: Iterable[str] = ()) -> str:
    semi = line.find(";")
    pair = line if semi == -1 else line[:semi]
    eq = pair.find("=")
    if eq == -1:
        return line
    name = pair[:eq].strip()
    if not redact(name) and name not in also_names:
        return line
    return f"{pair[:eq]}={REDACTED_TEXT}" + ("" if semi == -1 else line[semi:])


def redact_cookie_header(header: str, redact: Callable[[str], bool]) -> str:
    out = []
    for part in header.split(";"):
        eq = part.find("=")
        if eq == -1 or not redact(part[:eq].strip()):
            out.append(part)
        else:
            out.append(f"{part[:eq]}={REDACTED_TEXT}")
    return ";".join(out)
