"""Property test: whatever bytes or front matter an editor saves, the validator answers, never raises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cittamedie.content.load import load_site
from cittamedie.rules import run_all

from ..conftest import FIXTURES

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
front_matter = st.dictionaries(
    st.sampled_from(
        [
            "id",
            "title",
            "updated",
            "sources",
            "themes",
            "status",
            "review_by",
            "translated_from",
            "city",
            "results",
            "x",
        ]
    ),
    values,
    max_size=8,
)


def _check(page_bytes: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(FIXTURES / "valid", root, symlinks=True)
        (root / name).write_bytes(page_bytes)
        problems = run_all(load_site(root))
        assert all(str(p) for p in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter, st.text(max_size=200))
def test_random_front_matter_never_raises(meta, body):
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    _check(text.encode("utf-8"), "good-practices/matera-caso.md")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(data):
    _check(b"---\n" + data, "docs/index.md")
