"""JSON text of a typed tree at any depth; protocol/src/json-text.ts.

The C encoder behind json.dumps recurses and raises RecursionError near the interpreter's
recursion limit (1,000 by default), and a session may nest deeper when a server raises maxDepth
(issue 13). Shallow trees, every real session, keep json.dumps; deeper ones print with a stack.
"""

from __future__ import annotations

import json
from typing import Any, List

_NATIVE_DEPTH = 500


def deeper_than(root: Any, limit: int) -> bool:
    """True when some container sits `limit` levels deep; stops as soon as one does."""
    stack = [(root, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def json_text(value: Any, sort_keys: bool = False) -> str:
    """json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False) at any depth."""
    if not deeper_than(value, _NATIVE_DEPTH):
        return json.dumps(value, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    out: List[str] = []
    # Items are ("text", str) to write or ("value", v) to print.
    stack: List[Any] = [("value", value)]
    while stack:
        kind, item = stack.pop()
        if kind == "text":
            out.append(item)
            continue
        if isinstance(item, dict):
            keys = sorted(item) if sort_keys else list(item)
            parts: List[Any] = [("text", "{")]
            for index, key in enumerate(keys):
                parts.append(("text", ("," if index else "") + json.dumps(key, ensure_ascii=False) + ":"))
                parts.append(("value", item[key]))
            parts.append(("text", "}"))
        elif isinstance(item, list):
            parts = [("text", "[")]
            for index, child in enumerate(item):
                if index:
                    parts.append(("text", ","))
                parts.append(("value", child))
            parts.append(("text", "]"))
        else:
            out.append(json.dumps(item, ensure_ascii=False, allow_nan=False))
            continue
        stack.extend(reversed(parts))
    return "".join(out)
