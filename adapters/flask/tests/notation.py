"""Builds native Python values from the vectors' input notation (protocol/vectors/README.md);
the TypeScript twin is protocol/vectors/notation.ts."""

from __future__ import annotations

import builtins
import datetime as dt
import decimal
import uuid
from typing import Any

from markupsafe import Markup

from sessionscope_flask.core.b64 import b64url_decode


class _Root:
    pass


def build(node: Any) -> Any:
    root_marker = _Root()

    def make(n: Any) -> Any:
        if isinstance(n, list):
            return [make(x) for x in n]
        if not isinstance(n, dict):
            return n
        ctor = next((k for k in n if k.startswith("@")), None)
        if ctor is None:
            return {k: make(v) for k, v in n.items()}
        arg = n[ctor]
        if ctor == "@object":
            return {k: make(v) for k, v in arg.items()}
        if ctor == "@date":
            if arg is None:
                raise LookupError("an invalid date has no Python counterpart")
            return dt.datetime.fromisoformat(arg.replace("Z", "+00:00"))
        if ctor == "@naive-datetime":
            return dt.datetime.fromisoformat(arg)
        if ctor == "@datetime":
            return dt.datetime.fromisoformat(arg)
        if ctor == "@bigint":
            return int(arg)
        if ctor == "@number":
            return {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf"), "-0": -0.0}[arg]
        if ctor == "@map":
            return {make(k): make(v) for k, v in arg}
        if ctor == "@set":
            return set(make(x) for x in arg)
        if ctor == "@frozenset":
            return frozenset(make(x) for x in arg)
        if ctor == "@bytes":
            data = b64url_decode(arg)
            kind = n.get("type")
            if kind == "bytes":
                return data
            if kind == "bytearray":
                return bytearray(data)
            raise LookupError(f"@bytes type {kind} has no Python counterpart")
        if ctor == "@tuple":
            return tuple(make(x) for x in arg)
        if ctor == "@markup":
            return Markup(arg)
        if ctor == "@uuid":
            return uuid.UUID(arg)
        if ctor == "@decimal":
            return decimal.Decimal(arg)
        if ctor == "@instance":
            cls = type(arg, (), {})
            obj = cls()
            for k, v in (n.get("fields") or {}).items():
                setattr(obj, k, make(v))
            return obj
        if ctor == "@error":
            cls = getattr(builtins, arg["name"], None)
            if not (isinstance(cls, type) and issubclass(cls, BaseException)):
                cls = type(arg["name"], (Exception,), {})
            return cls(arg["message"])
        if ctor == "@repeat":
            return arg["text"] * arg["times"]
        if ctor == "@root":
            return root_marker
        raise LookupError(f"notation {ctor} has no Python counterpart")

    root = make(node)

    def link(value: Any, seen: set) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, dict):
            for k, v in list(value.items()):
                if v is root_marker:
                    value[k] = root
                else:
                    link(v, seen)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if v is root_marker:
                    value[i] = root
                else:
                    link(v, seen)

    link(root, set())
    return root


def for_python(vector: dict) -> bool:
    return vector.get("only") in (None, "python")
