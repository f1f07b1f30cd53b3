"""Issue 13 in the Python adapter: session values 1…100,000 deep and 1…1,000,000 wide encode,
print and fingerprint without recursion. Work is counted (nodes the encoder visits), never timed."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sessionscope_flask.core import typed
from sessionscope_flask.core.change import canonical_json, fingerprint_of
from sessionscope_flask.core.json_text import deeper_than, json_text
from sessionscope_flask.core.payload import side_of
from sessionscope_flask.core.typed import encode_typed

DEPTH = st.one_of(st.sampled_from([1, 33, 1_500, 100_000]), st.integers(min_value=1, max_value=100_000))
WIDTH = st.one_of(st.sampled_from([1, 500, 501, 1_000_000]), st.integers(min_value=1, max_value=1_000_000))


def chain(depth: int, leaf="bottom"):
    node = leaf
    for _ in range(depth):
        node = {"x": node}
    return node


class Counted:
    """Counts the encoder's visits: a spy on the real method, the work it does."""

    def __init__(self, monkeypatch) -> None:
        self.calls = 0
        real = typed._Encoder.encode

        def encode(encoder, value, path, depth):
            self.calls += 1
            return real(encoder, value, path, depth)

        monkeypatch.setattr(typed._Encoder, "encode", encode)


@settings(max_examples=8, deadline=None)
@given(depth=DEPTH)
def test_any_depth_with_default_limits_visits_at_most_max_depth_levels(depth):
    result = encode_typed(chain(depth))
    assert result.truncated == (depth > 32)
    kept = json_text(result.value)
    assert kept.count('{"x":') == min(depth, 32)
    if depth > 32:
        assert kept.endswith('{"$ss":"deep"}' + "}" * 32)


def test_default_limits_bound_the_work(monkeypatch):
    counted = Counted(monkeypatch)
    encode_typed(chain(100_000))
    assert counted.calls == 33  # the root, 31 levels, the deep mark
    counted.calls = 0
    encode_typed({"items": [0] * 1_000_000})
    assert counted.calls == 2 + 500


@settings(max_examples=6, deadline=None)
@given(depth=DEPTH)
def test_any_depth_with_max_depth_raised_encodes_prints_and_fingerprints_whole(depth):
    data = {"deep": chain(depth)}
    side = side_of(data, None, None, lambda name: False, {"maxDepth": 200_000})
    expected = '{"deep":' + '{"x":' * depth + '"bottom"' + "}" * depth + "}"
    assert json_text(side.data) == expected
    assert side.fingerprint == expected
    assert fingerprint_of(data) == expected
    if depth < 500:
        assert json.loads(expected) == data


@settings(max_examples=5, deadline=None)
@given(width=WIDTH)
def test_any_width_keeps_max_items_and_counts_the_rest(width):
    value = encode_typed({"items": [1] * width}).value["items"]
    assert len(value) == min(width, 500) + (1 if width > 500 else 0)
    if width > 500:
        assert value[-1] == {"$ss": "more", "count": width - 500}
    raised = encode_typed({"items": [1] * width}, limits={"maxItems": 2_000_000}).value
    assert len(raised["items"]) == width


def test_cycles_at_depth_100000_are_found_without_a_stack():
    root: dict = {}
    node = root
    for _ in range(100_000):
        node["x"] = {}
        node = node["x"]
    node["back"] = root
    text = json_text(encode_typed(root, limits={"maxDepth": 200_000}).value)
    assert text.endswith('{"back":{"$ss":"cycle","path":"$"}}' + "}" * 100_000)


def test_json_text_matches_json_dumps_where_json_dumps_works():
    value = {"b": [1, 2.5, None, True, "é\u202e"], "a": {"c": {}}, "d": []}
    assert json_text(value) == json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(value) == json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert deeper_than(chain(3), 2) and not deeper_than(chain(3), 3)
