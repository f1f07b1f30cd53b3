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
from typing import Any, Callable, Dict, List, Optional

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


class _Encoder:
    def __init__(self, limits: Optional[Dict[str, int]], redact: Optional[Callable[[str], bool]]) -> None:
        self.limits = {**DEFAULT_LIMITS, **(limits or {})}
        self.redact = redact or (lambda name: False)
        self.redacted: List[str] = []
        self.truncated = False
        self.ancestors: List[int] = []
        self.ancestor_paths: List[str] = []

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
    def encode(self, value: Any, path: str, depth: int) -> Any:
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
                return self.instance("Markup", [("value", str.__str__(value))], path, depth)
            if isinstance(value, enum.Enum):
                return self.enum(value, path, depth)
            return self.string(str.__str__(value))
        if isinstance(value, (bytes, bytearray, memoryview)):
            return self.raw_bytes(value)
        if isinstance(value, _dt.datetime):
            return {TAG: "date", "iso": iso_utc(value)}
        if isinstance(value, (_dt.date, _dt.time)):
            return self.instance(type(value).__name__, [("value", value.isoformat())], path, depth)
        if isinstance(value, _dt.timedelta):
            return self.instance("timedelta", [("seconds", value.total_seconds())], path, depth)
        if isinstance(value, uuid.UUID):
            return self.instance("UUID", [("value", str(value))], path, depth)
        if isinstance(value, decimal.Decimal):
            return self.instance("Decimal", [("value", str(value))], path, depth)
        if isinstance(value, enum.Enum):
            return self.enum(value, path, depth)
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
            return {TAG: "cycle", "path": self.ancestor_paths[self.ancestors.index(ident)]}
        if depth >= self.limits["maxDepth"]:
            self.truncated = True
            return {TAG: "deep"}
        self.ancestors.append(ident)
        self.ancestor_paths.append(path)
        try:
            return self.container(value, path, depth)
        finally:
            self.ancestors.pop()
            self.ancestor_paths.pop()

    def container(self, value: Any, path: str, depth: int) -> Any:
        if isinstance(value, dict):
            # dict.items, not value.items(): a session dict's own accessors may record access
            # (Flask's SecureCookieSession sets `accessed`, which adds `Vary: Cookie`).
            items = list(dict.items(value))
            if all(isinstance(k, str) for k, _ in items):
                entries = self.entries(items, path, depth)
                # A session dict with its own "$ss" key must not read as a typed node: escape it.
                return {TAG: "object", "entries": entries} if any(k == TAG for k, _ in items) else entries
            return self.map(items, path, depth)
        if isinstance(value, list):
            return self.items(list.__iter__(value), len(value), path, depth)
        if isinstance(value, tuple):
            fields = getattr(type(value), "_fields", None)
            if isinstance(fields, tuple) and len(fields) == len(value):
                return self.instance(type(value).__name__, list(zip(fields, value)), path, depth)
            return self.instance("tuple", [(str(i), item) for i, item in enumerate(value)], path, depth)
        if isinstance(value, (set, frozenset)):
            try:
                ordered = sorted(value)
            except TypeError:
                ordered = sorted(value, key=_sort_key)
            return {TAG: "set", "size": len(value), "values": self.items(iter(ordered), len(value), path, depth)}
        return self.instance(type(value).__name__, _fields_of(value), path, depth)

    def items(self, iterator: Any, count: int, path: str, depth: int) -> list:
        out = []
        for index, item in enumerate(iterator):
            if index >= self.limits["maxItems"]:
                break
            out.append(self.encode(item, f"{path}[{index}]", depth + 1))
        if count > self.limits["maxItems"]:
            self.truncated = True
            out.append({TAG: "more", "count": count - self.limits["maxItems"]})
        return out

    def entries(self, items: list, path: str, depth: int) -> dict:
        out: Dict[str, Any] = {}
        for index, (key, child) in enumerate(items):
            if index >= self.limits["maxItems"]:
                self.truncated = True
                out[MORE_KEY] = {TAG: "more", "count": len(items) - self.limits["maxItems"]}
                break
            key_path = child_path(path, key)
            if self.redact(key):
                self.redacted.append(key_path)
                out[key] = {TAG: "redacted"}
                continue
            out[key] = self.encode(child, key_path, depth + 1)
        return out

    def map(self, items: list, path: str, depth: int) -> Any:
        out = []
        for index, (key, child) in enumerate(items):
            if index >= self.limits["maxItems"]:
                self.truncated = True
                out.append({TAG: "more", "count": len(items) - self.limits["maxItems"]})
                break
            name = key if isinstance(key, str) else None
            entry_path = f"{path}.entries[{index}][1]" if name is None else f"{path}.get({json.dumps(name, ensure_ascii=False)})"
            encoded_key = self.encode(key, f"{path}.entries[{index}][0]", depth + 1)
            if name is not None and self.redact(name):
                self.redacted.append(entry_path)
                encoded_value: Any = {TAG: "redacted"}
            else:
                encoded_value = self.encode(child, entry_path, depth + 1)
            out.append([encoded_key, encoded_value])
        return {TAG: "map", "size": len(items), "entries": out}

    def instance(self, class_name: str, fields: list, path: str, depth: int) -> Any:
        return {TAG: "instance", "className": class_name, "entries": self.entries(fields, path, depth)}

    def enum(self, value: enum.Enum, path: str, depth: int) -> Any:
        return self.instance(type(value).__name__, [("name", value.name), ("value", value.value)], path, depth)


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
    encoded = encoder.encode(value, "$", 0)
    return EncodeResult(value=encoded, redacted=encoder.redacted, truncated=encoder.truncated)
