"""Typed values (PROTOCOL.md §5): how Python session values cross the wire; protocol/src/typed-value.ts.

Plain JSON passes through. Everything else becomes an object tagged "$ss":

    datetime → date (UTC; a naive datetime is taken as UTC, as Flask does)
    int past ±(2**53 - 1) → bigint          float nan/inf/-0.0 → number
    bytes, bytearray, memoryview → bytes    set, frozenset → set (sorted)
    dict with a non-str key → map           dict with a "$ss" key → object (escaped)
    tuple, Markup, UUID, Decimal, date, time, timedelta, Enum → instance of that class
      (tuple entries "0", "1", …; the others {"value": str}: what Flask's cookie decoder shows too)
    other objects → instance (className, their __dict__ or __slots__)
    exceptions → error; compiled patterns → regexp; functions → function
    a cycle → {"$ss": "cycle", "path": <ancestor's path>}; limits cut with truncated/more/deep.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import json
import math
import re
import types
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Generator, List, Optional, Tuple

from .b64 import b64url_encode

TAG = "$ss"
MORE_KEY = "$ssmore"
MAX_SAFE_INTEGER = 2**53 - 1
DEFAULT_LIMITS = {"maxString": 4096, "maxItems": 500, "maxDepth": 32, "maxBytes": 1024}
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")

try:  # markupsafe ships with Flask; the core still works without it.
    from markupsafe import Markup as _Markup
except ImportError:  # pragma: no cover
    _Markup = None


def child_path(parent: str, key: str) -> str:
    """`.name` for an identifier, `["a.b"]` (a JSON string) for any other key (PROTOCOL.md §5.3)."""
    if _IDENTIFIER.match(key):
        return f"{parent}.{key}"
    return f"{parent}[{json.dumps(key, ensure_ascii=False)}]"


def utf16_length(text: str) -> int:
    """String lengths count UTF-16 code units, as JavaScript's `length` does."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def preview_of(text: str, max_units: int) -> str:
    """The longest prefix of whole characters that fits `max_units` UTF-16 code units."""
    if text.isascii():
        return text[:max_units]
    units = 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > max_units:
            return text[:index]
        units += width
    return text


def iso_utc(value: _dt.datetime) -> str:
    """`2026-01-02T03:04:05.123Z`: what JavaScript's Date#toISOString prints (milliseconds, cut)."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(_dt.timezone.utc)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}:"
        f"{value.second:02d}.{value.microsecond // 1000:03d}Z"
    )


_RE_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"), (re.ASCII, "a"))


@dataclass
class EncodeResult:
    value: Any
    redacted: List[str] = field(default_factory=list)
    truncated: bool = False


def _sort_key(item: Any) -> tuple:
    try:
        text = repr(item)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not break the payload
        text = ""
    return (type(item).__name__, text)


def _segment(key: str) -> str:
    return f".{key}" if _IDENTIFIER.match(key) else f"[{json.dumps(key, ensure_ascii=False)}]"


def _path_text(path: Any) -> str:
    """Paths are (parent, segment) pairs, joined only when printed (a redaction, a cycle): building
    `$.x.x.x…` at every level would be quadratic at depth 100,000."""
    segments = []
    while isinstance(path, tuple):
        path, segment = path
        segments.append(segment)
    segments.append(path)
    return "".join(reversed(segments))


class _Pending:
    """A container being encoded: a generator that yields its children and returns the result."""

    __slots__ = ("steps", "ident")

    def __init__(self, steps: Generator[Tuple[Any, Any, int], Any, Any], ident: Optional[int]) -> None:
        self.steps = steps
        self.ident = ident


class _Encoder:
    """Walks with its own stack of generators, never Python's (issue 13): a session nested deeper
    than the interpreter's recursion limit encodes to `deep`, or in full with maxDepth raised."""

    def __init__(self, limits: Optional[Dict[str, int]], redact: Optional[Callable[[str], bool]]) -> None:
        self.limits = {**DEFAULT_LIMITS, **(limits or {})}
        self.redact = redact or (lambda name: False)
        self.redacted: List[str] = []
        self.truncated = False
        # The containers on the current path (id → path), for cycles: O(1) at any depth.
        self.ancestors: Dict[int, Any] = {}

    # -- leaves -------------------------------------------------------------------------------
    def string(self, text: str) -> Any:
        if utf16_length(text) <= self.limits["maxString"]:
            return text
        self.truncated = True
        return {TAG: "truncated", "length": utf16_length(text), "preview": preview_of(text, self.limits["maxString"])}

    def number(self, value: float) -> Any:
        if math.isnan(value):
            return {TAG: "number", "value": "NaN"}
        if math.isinf(value):
            return {TAG: "number", "value": "Infinity" if value > 0 else "-Infinity"}
        if value == 0 and math.copysign(1.0, value) < 0:
            return {TAG: "number", "value": "-0"}
        return value

    def raw_bytes(self, value: Any) -> Any:
        data = bytes(value)
        kept = data[: self.limits["maxBytes"]]
        if len(kept) < len(data):
            self.truncated = True
        return {TAG: "bytes", "type": type(value).__name__, "length": len(data), "base64url": b64url_encode(kept)}

    # -- the walk -----------------------------------------------------------------------------
    def run(self, value: Any) -> Any:
        first = self.encode(value, "$", 0)
        if not isinstance(first, _Pending):
            return first
        stack = [first]
        sent: Any = None
        while True:
            top = stack[-1]
            try:
                child, path, depth = top.steps.send(sent)
            except StopIteration as done:
                stack.pop()
                if top.ident is not None:
                    del self.ancestors[top.ident]
                if not stack:
                    return done.value
                sent = done.value
                continue
            encoded = self.encode(child, path, depth)
            if isinstance(encoded, _Pending):
                stack.append(encoded)
                sent = None
            else:
                sent = encoded

    def encode(self, value: Any, path: Any, depth: int) -> Any:
        """A leaf's encoding, or a _Pending container that `run` drives."""
        if value is None or value is True or value is False:
            return value
        if isinstance(value, bool):  # numpy-like bools
            return bool(value)
        if isinstance(value, int) and not isinstance(value, enum.Enum):
            number = int(value)
            if -MAX_SAFE_INTEGER <= number <= MAX_SAFE_INTEGER:
                return number
            return {TAG: "bigint", "value": str(number)}
        if isinstance(value, float):
            return self.number(float(value))
        if isinstance(value, str):
            if _Markup is not None and isinstance(value, _Markup):
                return _Pending(self.instance("Markup", [("value", str.__str__(value))], path, depth), None)
            if isinstance(value, enum.Enum):
                return _Pending(self.enum(value, path, depth), None)
            return self.string(str.__str__(value))
        if isinstance(value, (bytes, bytearray, memoryview)):
            return self.raw_bytes(value)
        if isinstance(value, _dt.datetime):
            return {TAG: "date", "iso": iso_utc(value)}
        if isinstance(value, (_dt.date, _dt.time)):
            return _Pending(self.instance(type(value).__name__, [("value", value.isoformat())], path, depth), None)
        if isinstance(value, _dt.timedelta):
            return _Pending(self.instance("timedelta", [("seconds", value.total_seconds())], path, depth), None)
        if isinstance(value, uuid.UUID):
            return _Pending(self.instance("UUID", [("value", str(value))], path, depth), None)
        if isinstance(value, decimal.Decimal):
            return _Pending(self.instance("Decimal", [("value", str(value))], path, depth), None)
        if isinstance(value, enum.Enum):
            return _Pending(self.enum(value, path, depth), None)
        if isinstance(value, BaseException):
            return {TAG: "error", "name": type(value).__name__, "message": _safe_str(value)}
        if isinstance(value, re.Pattern):
            source = value.pattern if isinstance(value.pattern, str) else value.pattern.decode("latin-1")
            flags = "".join(letter for flag, letter in _RE_FLAGS if value.flags & flag)
            return {TAG: "regexp", "source": source, "flags": flags}
        if isinstance(value, type) or _is_function(value):
            return {TAG: "function", "name": str(getattr(value, "__name__", ""))}
        # Containers: cycles and depth first.
        ident = id(value)
        if ident in self.ancestors:
            return {TAG: "cycle", "path": _path_text(self.ancestors[ident])}
        if depth >= self.limits["maxDepth"]:
            self.truncated = True
            return {TAG: "deep"}
        self.ancestors[ident] = path
        return _Pending(self.container(value, path, depth), ident)

    # Each container below is a generator: `yield (child, path, depth)` asks `run` for a child's
    # encoding, `return` gives the container's.
    def container(self, value: Any, path: Any, depth: int) -> Generator[Tuple[Any, Any, int], Any, Any]:
        if isinstance(value, dict):
            # dict.items, not value.items(): a session dict's own accessors may record access
            # (Flask's SecureCookieSession sets `accessed`, which adds `Vary: Cookie`).
            items = list(dict.items(value))
            if all(isinstance(k, str) for k, _ in items):
                entries = yield from self.entries(items, path, depth)
                # A session dict with its own "$ss" key must not read as a typed node: escape it.
                return {TAG: "object", "entries": entries} if any(k == TAG for k, _ in items) else entries
            return (yield from self.map(items, path, depth))
        if isinstance(value, list):
            return (yield from self.items(list.__iter__(value), len(value), path, depth))
        if isinstance(value, tuple):
            fields = getattr(type(value), "_fields", None)
            if isinstance(fields, tuple) and len(fields) == len(value):
                return (yield from self.instance(type(value).__name__, list(zip(fields, value)), path, depth))
            return (yield from self.instance("tuple", [(str(i), item) for i, item in enumerate(value)], path, depth))
        if isinstance(value, (set, frozenset)):
            try:
                ordered = sorted(value)
            except TypeError:
                ordered = sorted(value, key=_sort_key)
            values = yield from self.items(iter(ordered), len(value), path, depth)
            return {TAG: "set", "size": len(value), "values": values}
        return (yield from self.instance(type(value).__name__, _fields_of(value), path, depth))

    def items(self, iterator: Any, count: int, path: Any, depth: int) -> Generator[Tuple[Any, Any, int], Any, list]:
        out = []
        for index, item in enumerate(iterator):
            if index >= self.limits["maxItems"]:
                break
            out.append((yield (item, (path, f"[{index}]"), depth + 1)))
        if count > self.limits["maxItems"]:
            self.truncated = True
            out.append({TAG: "more", "count": count - self.limits["maxItems"]})
        return out

    def entries(self, items: list, path: Any, depth: int) -> Generator[Tuple[Any, Any, int], Any, dict]:
        out: Dict[str, Any] = {}
        for index, (key, child) in enumerate(items):
            if index >= self.limits["maxItems"]:
                self.truncated = True
                out[MORE_KEY] = {TAG: "more", "count": len(items) - self.limits["maxItems"]}
                break
            key_path = (path, _segment(key))
            if self.redact(key):
                self.redacted.append(_path_text(key_path))
                out[key] = {TAG: "redacted"}
                continue
            out[key] = None  # keeps the key order while the child is encoded
            out[key] = yield (child, key_path, depth + 1)
        return out

    def map(self, items: list, path: Any, depth: int) -> Generator[Tuple[Any, Any, int], Any, Any]:
        out = []
        for index, (key, child) in enumerate(items):
            if index >= self.limits["maxItems"]:
                self.truncated = True
                out.append({TAG: "more", "count": len(items) - self.limits["maxItems"]})
                break
            name = key if isinstance(key, str) else None
            entry_path = (path, f".entries[{index}][1]" if name is None else f".get({json.dumps(name, ensure_ascii=False)})")
            encoded_key = yield (key, (path, f".entries[{index}][0]"), depth + 1)
            if name is not None and self.redact(name):
                self.redacted.append(_path_text(entry_path))
                encoded_value: Any = {TAG: "redacted"}
            else:
                encoded_value = yield (child, entry_path, depth + 1)
            out.append([encoded_key, encoded_value])
        return {TAG: "map", "size": len(items), "entries": out}

    def instance(self, class_name: str, fields: list, path: Any, depth: int) -> Generator[Tuple[Any, Any, int], Any, Any]:
        entries = yield from self.entries(fields, path, depth)
        return {TAG: "instance", "className": class_name, "entries": entries}

    def enum(self, value: enum.Enum, path: Any, depth: int) -> Generator[Tuple[Any, Any, int], Any, Any]:
        return (yield from self.instance(type(value).__name__, [("name", value.name), ("value", value.value)], path, depth))


def _is_function(value: Any) -> bool:
    return isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType))


def _safe_str(value: Any) -> str:
    try:
        return str(value)
    except Exception:  # a broken __str__ is the app's problem, not ours to raise
        return ""


def _fields_of(value: Any) -> list:
    """An object's fields as [(name, value)]; a property that raises becomes its exception."""
    fields = []
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        fields.extend((k, v) for k, v in dict.items(attributes) if isinstance(k, str))
    for name in getattr(type(value), "__slots__", ()) or ():
        if isinstance(name, str) and name != "__dict__":
            try:
                fields.append((name, getattr(value, name)))
            except AttributeError:
                continue
            except Exception as error:  # noqa: BLE001 - recorded as a value, never raised
                fields.append((name, error))
    return fields


def encode_typed(
    value: Any, limits: Optional[Dict[str, int]] = None, redact: Optional[Callable[[str], bool]] = None
) -> EncodeResult:
    encoder = _Encoder(limits, redact)
    encoded = encoder.run(value)
    return EncodeResult(value=encoded, redacted=encoder.redacted, truncated=encoder.truncated)
