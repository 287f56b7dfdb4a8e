"""The fast schema check (fastjsonschema) never lets through what jsonschema refuses.

schema.check asks fastjsonschema first and returns no problem when it accepts; only a refusal is
explained by jsonschema. So the one way the fast path could publish a wrong page is by accepting
what jsonschema rejects: these tests compare the two verdicts on real content and on mutations."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cittamedie.content import schema
from cittamedie.content.files import load_markdown

from ..conftest import FIXTURES, REPO


def _front_matters() -> list[tuple[str, dict]]:
    found = []
    for root in (REPO, FIXTURES / "valid"):
        for path in sorted((root / "good-practices").glob("*.md")) + sorted(
            (root / "docs").glob("*.md")
        ):
            loaded = load_markdown(path, path.name)
            if loaded.ok and isinstance(loaded.meta, dict):
                case = path.parent.name == "good-practices" and not path.name.startswith("index.")
                found.append(("good-practice" if case else "page", loaded.meta))
    return found


SAMPLES = _front_matters()
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3_000),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(
        ["2026-02-30", "2026-13-01", "26-1-1", "", " ", "<b>", "bozza", "https://x", "javascript:x"]
    ),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)


def _verdicts(name: str, data) -> tuple[bool, bool]:
    slow = not list(schema._validator(name).iter_errors(data))
    quick = schema._quick_check(name)
    try:
        quick(data)
        fast = True
    except Exception:  # fastjsonschema's refusal, whatever its class
        fast = False
    return fast, slow


def test_every_schema_compiles_to_the_fast_check():
    assert all(schema._quick_check(name) is not None for name in schema.SCHEMA_NAMES)


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_real_front_matter_gets_the_same_verdict(index):
    name, meta = SAMPLES[index]
    assert _verdicts(name, meta) == (True, True)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=st.sampled_from(SAMPLES), value=odd_values, depth=st.integers(0, 2), data=st.data())
def test_a_mutated_front_matter_is_never_accepted_by_the_fast_check_alone(
    sample, value, depth, data
):
    name, meta = sample
    mutated = copy.deepcopy(meta)
    node = mutated
    for _ in range(depth):  # walk into a nested mapping or list, if there is one
        children = [
            k
            for k, v in (node.items() if isinstance(node, dict) else enumerate(node))
            if isinstance(v, (dict, list)) and v
        ]
        if not children:
            break
        node = node[data.draw(st.sampled_from(children))]
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    key = (
        data.draw(st.sampled_from(keys + ["unknown_field"]))
        if isinstance(node, dict)
        else (data.draw(st.sampled_from(keys)) if keys else None)
    )
    if key is None:
        return
    if isinstance(node, list) and key == "unknown_field":
        return
    node[key] = value
    fast, slow = _verdicts(name, mutated)
    assert fast == slow, (name, key, value)


def test_an_impossible_date_is_refused_by_both():
    name, meta = next(s for s in SAMPLES if "updated" in s[1])
    assert _verdicts(name, {**meta, "updated": "2026-02-30"}) == (False, False)
    assert schema.check(name, {**meta, "updated": "2026-02-30"}, "x.md", {"updated": 3})
