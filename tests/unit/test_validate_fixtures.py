"""One fixture per rule: the validator's exit code and the exact editor's message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cittamedie.__main__ import main

from ..conftest import FIXTURES, copy_tree

CASES = sorted(p.name for p in (FIXTURES / "invalid").iterdir())


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--root", str(root), "validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_valid_fixture_is_clean(valid_tree, capsys):
    code, out, _ = run(valid_tree, "--strict", capsys=capsys)
    assert code == 0, out
    assert "0 error(s), 0 warning(s)" in out


@pytest.mark.parametrize("case", CASES)
def test_invalid_fixture(case, valid_tree, capsys):
    overlay = FIXTURES / "invalid" / case
    expect = yaml.safe_load((overlay / "expect.yml").read_text("utf-8"))
    copy_tree(overlay, valid_tree)
    (valid_tree / "expect.yml").unlink()
    for name in expect["delete"]:
        (valid_tree / name).unlink()
    code, out, err = run(valid_tree, capsys=capsys)
    assert code == expect["exit"], out
    for message in expect["messages"]:
        assert message in out, f"expected {message!r} in:\n{out}"
    assert "Traceback" not in out + err


def test_the_real_content_validates_clean(capsys):
    code, out, _ = run(FIXTURES.parent.parent, "--strict", capsys=capsys)
    assert code == 0, out
