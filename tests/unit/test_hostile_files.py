"""Broken and hostile files never crash the validator: each gets its own clear message."""

from __future__ import annotations

import os

import pytest

from cittamedie.content.files import MAX_BYTES

from ..conftest import validate

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "docs/index.md: encoding: the file is binary, not text",
        ),
        (
            "---\nid: home\ntitle: Città\n---\n".encode("latin-1"),
            "docs/index.md:3: encoding: the file is not UTF-8 text",
        ),
        (
            f"---\n{BOMB}---\n".encode(),
            "docs/index.md:2: yaml: the YAML cannot be read: more than 20,000 values once the aliases (*name) are expanded",
        ),
        (
            b"---\na: *nowhere\n---\n",
            "docs/index.md:2: yaml: the YAML cannot be read: an alias (*name) has no matching anchor (&name)",
        ),
        (
            b"---\nid: home\n\ttitle: x\n---\n",
            "docs/index.md:3: yaml: the YAML cannot be read: a tab is used for indentation — indent with spaces",
        ),
    ],
    ids=["binary", "latin-1", "alias-bomb", "undefined-alias", "tab"],
)
def test_hostile_bytes(valid_tree, capsys, content, expected):
    (valid_tree / "docs" / "index.md").write_bytes(content)
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert expected in out


def test_huge_file(valid_tree, capsys):
    page = valid_tree / "docs" / "index.md"
    page.write_bytes(page.read_bytes() + b"x" * (MAX_BYTES + 1))
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert "docs/index.md: file: the file is" in out and "over the 2,000,000 limit" in out


def test_symlink_loop(valid_tree, capsys):
    os.symlink("../docs", valid_tree / "docs" / "loop")
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert "docs/loop: file: this link points to itself or to nothing" in out


def test_dangling_symlink(valid_tree, capsys):
    os.symlink("../nowhere", valid_tree / "docs" / "broken")
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert "docs/broken: file: this link points to itself or to nothing" in out


def test_all_problems_in_one_run(valid_tree, capsys):
    for name in ("docs/index.md", "guidelines/guida/capitolo.md"):
        path = valid_tree / name
        path.write_text(
            path.read_text("utf-8").replace("updated: 2026-01-10", "updated: 2026-13-01"), "utf-8"
        )
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert "docs/index.md:4: schema: `2026-13-01` is not a real date" in out
    assert "guidelines/guida/capitolo.md:4: schema: `2026-13-01` is not a real date" in out
