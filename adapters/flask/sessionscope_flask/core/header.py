"""The X-Sessionscope response header (PROTOCOL.md §3); protocol/src/header.ts."""

from __future__ import annotations

import re
from typing import Dict

from .constants import PROTOCOL_VERSION, REF_ID_PATTERN
from .errors import SessionscopeError

MAX_HEADER_VALUE = 64 * 1024
_COMPACT_JWE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


def format_inline_header(jwe: str) -> str:
    return f"v={PROTOCOL_VERSION}; jwe={jwe}"


def format_ref_header(ref: str, url: str) -> str:
    return f"v={PROTOCOL_VERSION}; ref={ref}; url={url}"


def _malformed(why: str) -> SessionscopeError:
    return SessionscopeError("ERR_HEADER_MALFORMED", f"Malformed X-Sessionscope header: {why}.")


def parse_debug_header(value: str) -> Dict[str, object]:
    if len(value) > MAX_HEADER_VALUE:
        raise _malformed(f"longer than {MAX_HEADER_VALUE} characters")
    fields: Dict[str, str] = {}
    for part in value.split(";"):
        trimmed = part.strip()
        if trimmed == "":
            continue
        eq = trimmed.find("=")
        if eq <= 0:
            raise _malformed(f'"{trimmed[:40]}" is not name=value')
        name = trimmed[:eq]
        if name in fields:
            raise _malformed(f'"{name}" appears twice')
        fields[name] = trimmed[eq + 1 :]
    version_text = fields.get("v")
    if version_text is None or not re.fullmatch(r"\d{1,6}", version_text):
        raise _malformed("no version (v=1)")
    version = int(version_text)
    if version != PROTOCOL_VERSION:
        raise SessionscopeError(
            "ERR_PROTOCOL_VERSION",
            f"This panel speaks Sessionscope protocol v{PROTOCOL_VERSION}; the server sent v{version}. "
            "Update whichever side is older.",
        )
    jwe, ref = fields.get("jwe"), fields.get("ref")
    if jwe is not None and ref is not None:
        raise _malformed("both jwe and ref")
    if jwe is not None:
        if not _COMPACT_JWE.match(jwe):
            raise _malformed("jwe is not a compact JWE (five base64url parts)")
        return {"kind": "inline", "version": version, "jwe": jwe}
    if ref is not None:
        if not REF_ID_PATTERN.match(ref):
            raise _malformed("ref is not a 43-character base64url id")
        url = fields.get("url")
        if url is None or not url.startswith("/") or url.startswith("//") or re.search(r"[\s\\]", url):
            raise _malformed("ref without a same-origin url path")
        return {"kind": "ref", "version": version, "ref": ref, "url": url}
    raise _malformed("neither jwe nor ref")
