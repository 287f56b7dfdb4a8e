"""The editors' commands that write files (`new`, `translations --mark-current`): every byte the
editor wrote is kept but the one field changed, nothing is written through a link, a pair of files
is created both or neither, and where a safe edit is impossible the command says so and exits 1."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cittamedie.__main__ import main
from cittamedie.content.files import normalize, parse_markdown
from cittamedie.content.load import load_site
from cittamedie.history.git import Repository
from cittamedie.tools.files import with_field
from cittamedie.tools.translations import mark_current

from ..conftest import FIXTURES, REPO, copy_tree

FINGERPRINT = "0123456789ab"


def marked(raw: bytes, fingerprint: str, shown: str):
    """The edit `--mark-current` makes: the fingerprint written, every other byte kept."""
    return with_field(raw, "translated_from", fingerprint, shown, "mark-current")


# Line ends MkDocs reads (\n, \r\n, a lone \r), and characters that are line ends for other
# programs: YAML (NEL, U+2028, U+2029), Python's splitlines (form feed, vertical tab, the
# separators \x1c-\x1e), and others that look like nothing.
LINE_ENDS = ("\n", "\r\n", "\r")
SEPARATORS = ("\x85", "\u2028", "\u2029", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\t", "\u00a0")
YAML_BREAKS = ("\x85", "\u2028", "\u2029")

words = st.text(
    alphabet=st.sampled_from(["a", "b", "à", " ", "#", ":", "-"] * 4 + list(SEPARATORS)),
    max_size=12,
)
line_end = st.sampled_from(LINE_ENDS)


@st.composite
def english_file(draw) -> tuple[str, dict]:
    """A translation's text built from parts, and where its `translated_from` value is (or where
    the command must insert the field): the test's own account, not the command's parsing."""
    fields = [
        f"id: home{draw(st.sampled_from(['', ' # the id', '  ']))}",
        f"title: {draw(st.sampled_from(['Home', 'Home page']))}{draw(words)}",
        f'description: "{draw(words)}"',
        "updated: 2026-01-10",
        'sources:\n  - {title: "Source", url: "https://example.org/fonte"}',
        f"# {draw(words)}",
    ]
    fields = draw(st.permutations(fields))[: draw(st.integers(3, len(fields)))]
    mark = draw(st.one_of(st.none(), st.integers(0, len(fields))))
    old = draw(st.sampled_from(["65d71f92aa7d", "ffffffffffff", '"65d71f92aa7d"', ""]))
    trailer = draw(st.sampled_from(["", " # checked", "  ", "\u2028", "\u2028title: Home"]))
    if mark is not None:
        fields.insert(mark, f"translated_from: {old}{trailer}")
    text, at = draw(st.sampled_from(["", "\ufeff"])) + "---" + draw(line_end), {}
    for field in fields:
        for n, line in enumerate(field.split("\n")):
            if line.startswith("translated_from: "):
                at["value"] = (len(text) + len("translated_from: "), len(old))
            text += line + draw(line_end) if n < field.count("\n") else line + draw(line_end)
    at["closing"] = len(text)
    at["previous_end"] = re.search(r"(\r\n|\r|\n)$", text)[0]
    text += "---" + draw(line_end)
    for _ in range(draw(st.integers(0, 4))):
        text += draw(words) + draw(st.sampled_from([*LINE_ENDS, *SEPARATORS]))
    return text, at


def expected(text: str, at: dict) -> str:
    """The file as the command must leave it: the value replaced, or a line of its own before the
    closing --- ending as the line before it does."""
    if "value" in at:
        start, length = at["value"]
        return text[:start] + FINGERPRINT + text[start + length :]
    line = f"translated_from: {FINGERPRINT}{at['previous_end']}"
    return text[: at["closing"]] + line + text[at["closing"] :]


def header_of(text: str, at: dict) -> str:
    return text[: at["closing"]]


@settings(max_examples=400, deadline=None)
@given(english_file())
def test_marking_keeps_every_other_byte_or_refuses(case):
    text, at = case
    raw = text.encode("utf-8")
    result, problem = marked(raw, FINGERPRINT, "docs/index.en.md")
    if problem is None:
        assert result.decode("utf-8") == expected(text, at)
        return
    assert result == raw  # refused: nothing changed
    assert problem.rule in ("mark-current", "front-matter") and problem.fix, problem
    assert str(problem).startswith(f"docs/index.en.md:{problem.line}: ")
    # a refusal is for a reason: a character in the header that YAML reads as a line end or
    # refuses (form feed and the like), or a header the validator itself cannot read
    header = header_of(text, at)
    assert any(c in header for c in SEPARATORS if c not in ("\t", "\u00a0")) or not (
        parse_markdown(normalize(text), "x").ok
    ), (text, problem)


def test_a_line_separator_after_the_field_keeps_the_line_it_starts():
    """The attack: YAML reads U+2028 as a line end; the old command replaced the whole line and
    deleted the `title` written after it, with exit 0."""
    text = "---\nid: home\ntranslated_from: 65d71f92aa7d\u2028title: Home\nupdated: 2026-01-10\n---\n\nText.\n"
    result, problem = marked(text.encode(), FINGERPRINT, "docs/index.en.md")
    assert problem is None
    assert result.decode() == text.replace("65d71f92aa7d", FINGERPRINT)


def test_a_line_separator_before_the_field_is_refused_with_its_line():
    text = "---\nid: home\ntitle: Home\u2028translated_from: 65d71f92aa7d\nupdated: 2026-01-10\n---\n\nText.\n"
    result, problem = marked(text.encode(), FINGERPRINT, "docs/index.en.md")
    assert result == text.encode()
    assert str(problem) == (
        "docs/index.en.md:3: mark-current: the file was not changed: the front matter holds an "
        "invisible line separator (U+2028), which YAML reads as the end of a line and editors "
        "do not see — delete the invisible character (retype the line where it is), then run "
        "the command again"
    )


def test_lone_carriage_returns_are_line_ends_and_stay_as_they_are():
    text = "---\rid: home\rtitle: Home\rtranslated_from: 65d71f92aa7d\rupdated: 2026-01-10\r---\r\rText.\r"
    result, problem = marked(text.encode(), FINGERPRINT, "docs/index.en.md")
    assert problem is None and result.decode() == text.replace("65d71f92aa7d", FINGERPRINT)


# ---------------------------------------------------------------- The command, end to end


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    tree = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp("marking") / "repo")
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    return tree


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=english_file())
def test_the_command_keeps_every_other_byte_or_exits_1(case, tree, capsys, monkeypatch):
    text, at = case
    english = tree / "docs" / "index.en.md"
    english.write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tree)
    code = main(["--root", str(tree), "translations", "--mark-current", "docs/index.en.md"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    after = english.read_bytes().decode("utf-8")
    if "marked current: docs/index.en.md" in out:
        assert after == expected(text, at).replace(FINGERPRINT, _italian_fingerprint(tree))
    else:
        assert code == 1 and after == text
        assert re.search(r"ERROR docs/index\.en\.md:\d+: [a-z-]+: .+ — .+", err), err
    assert not [p.name for p in english.parent.iterdir() if p.name.endswith(".tmp")]


def _italian_fingerprint(tree: Path) -> str:
    return load_site(tree).get("index.md", "it").body_hash()


def test_the_command_never_writes_through_a_link(valid_tree, capsys, monkeypatch):
    """An English page that is a link to another file: the link and its target stay as they are."""
    english = valid_tree / "docs" / "index.en.md"
    target = valid_tree / "docs" / "home.en.txt"
    english.rename(target)
    english.symlink_to("home.en.txt")
    before = target.read_bytes()
    monkeypatch.chdir(valid_tree)
    code = main(["--root", str(valid_tree), "translations", "--mark-current", "docs/index.en.md"])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "docs/index.en.md: link: docs/index.en.md is a link (to home.en.txt), and this command "
        "never writes through a link"
    ) in err
    assert english.is_symlink() and target.read_bytes() == before


def test_the_command_keeps_the_file_mode(valid_tree, capsys, monkeypatch):
    english = valid_tree / "docs" / "index.en.md"
    english.chmod(0o640)
    (valid_tree / "docs" / "index.md").write_text(
        (valid_tree / "docs" / "index.md").read_text("utf-8") + "\nUna frase.\n", "utf-8"
    )
    monkeypatch.chdir(valid_tree)
    assert (
        main(["--root", str(valid_tree), "translations", "--mark-current", "docs/index.en.md"]) == 0
    )
    assert english.stat().st_mode & 0o777 == 0o640


def test_updated_moves_the_date_to_the_given_day_and_keeps_every_other_byte(
    valid_tree, monkeypatch
):
    """--updated: `updated:` and `translated_from:` take their new values, nothing else changes
    (a byte order mark, Windows line ends, the spacing and a comment after the date stay)."""
    english = valid_tree / "docs" / "index.en.md"
    text = "\ufeff" + english.read_text("utf-8").replace(
        "updated: 2026-01-10", "updated:   2026-01-10  # translated by A. R."
    ).replace("\n", "\r\n")
    english.write_bytes(text.encode("utf-8"))
    italian = valid_tree / "docs" / "index.md"
    italian.write_text(italian.read_text("utf-8") + "\nUna frase.\n", "utf-8")  # stale now
    site = load_site(valid_tree)
    monkeypatch.chdir(valid_tree)  # the path as the editor types it
    said, problem = mark_current(
        site, "docs/index.en.md", Repository(valid_tree), dt.date(2027, 3, 1), move_updated=True
    )
    assert problem is None and said == ["marked current: docs/index.en.md (updated: 2027-03-01)"]
    fingerprint = load_site(valid_tree).get("index.md", "it").body_hash()
    assert english.read_bytes().decode("utf-8") == text.replace("2026-01-10", "2027-03-01").replace(
        "65d71f92aa7d", fingerprint
    )


def test_updated_is_refused_as_a_whole_when_it_cannot_be_written_safely(valid_tree, monkeypatch):
    """`updated:` written twice: neither field is written (one replace, after both edits)."""
    english = valid_tree / "docs" / "index.en.md"
    text = english.read_text("utf-8").replace(
        "updated: 2026-01-10", "updated: 2026-01-10\nupdated: 2026-01-11"
    )
    english.write_text(text, "utf-8")
    italian = valid_tree / "docs" / "index.md"
    italian.write_text(italian.read_text("utf-8") + "\nUna frase.\n", "utf-8")
    monkeypatch.chdir(valid_tree)
    _, problem = mark_current(
        load_site(valid_tree), "docs/index.en.md", Repository(valid_tree), dt.date(2027, 3, 1), True
    )
    assert problem is not None and english.read_text("utf-8") == text
    assert str(problem).startswith("docs/index.en.md:")


def test_the_command_reminds_of_updated_and_moves_it_when_asked(valid_tree, capsys, monkeypatch):
    italian = valid_tree / "docs" / "index.md"
    italian.write_text(italian.read_text("utf-8") + "\nUna frase.\n", "utf-8")
    monkeypatch.chdir(valid_tree)
    command = ["--root", str(valid_tree), "translations", "--mark-current", "docs/index.en.md"]
    assert main(command) == 0
    out = capsys.readouterr().out
    first = dt.date.today().isoformat()  # the command reads the date again: midnight may pass
    assert (
        "tip: docs/index.en.md still says `updated: 2026-01-10` — if you changed its text, run "
        "the command again with --updated to set it to today ("
    ) in out
    assert main([*command, "--updated"]) == 0
    out = capsys.readouterr().out
    day = next(d for d in {first, dt.date.today().isoformat()} if f"(updated: {d})" in out)
    assert f"updated: {day}\n" in (valid_tree / "docs" / "index.en.md").read_text("utf-8")
    assert "tip:" not in out


def test_updated_without_mark_current_is_wrong_usage(valid_tree, capsys):
    assert main(["--root", str(valid_tree), "translations", "--updated"]) == 2
    assert "use it with --mark-current, e.g. `cittamedie translations --mark-current" in (
        capsys.readouterr().err
    )


# ---------------------------------------------------------------- `new`: both files or neither


def new_case(tree: Path, *args: str) -> int:
    return main(
        ["--root", str(tree), "new", "good-practice", "--city", "Bari", "--slug", "urbis", *args]
    )


@pytest.mark.parametrize("which", ["ba-urbis.md", "ba-urbis.en.md"])
def test_new_refuses_a_dangling_link_and_writes_neither_file(which, valid_tree, capsys, tmp_path):
    """The attack: a dangling link where the English file goes; open() would create its target."""
    away = tmp_path / "away" / "authorized_keys"
    away.parent.mkdir()
    link = valid_tree / "good-practices" / which
    link.symlink_to(away)
    code = new_case(valid_tree)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"good-practices/{which}: link: good-practices/{which} is a link (to {away})" in err
    assert "this command never writes through a link" in err
    assert not away.exists() and link.is_symlink()
    others = {"ba-urbis.md", "ba-urbis.en.md"} - {which}
    assert not any((valid_tree / "good-practices" / name).exists() for name in others)


def test_new_refuses_a_folder_that_is_a_link(valid_tree, capsys, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    folder = valid_tree / "good-practices"
    shutil.rmtree(folder)
    folder.symlink_to(outside)
    assert new_case(valid_tree) == 1
    assert "good-practices/ba-urbis.md: link: good-practices is a link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_new_never_leaves_half_a_pair(valid_tree, capsys, monkeypatch):
    """The second file cannot be created (here: the disk says no): the first is taken back."""
    real_link, calls = os.link, []

    def failing_second(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_link(source, target)

    monkeypatch.setattr(os, "link", failing_second)
    assert new_case(valid_tree) == 1
    err = capsys.readouterr().err
    assert "the file cannot be written (No space left on device); nothing was written" in err
    folder = valid_tree / "good-practices"
    assert sorted(p.name for p in folder.iterdir()) == ["matera-caso.en.md", "matera-caso.md"]


def test_new_takes_a_document_by_name_never_by_path(valid_tree, capsys):
    code = main(
        [
            "--root",
            str(valid_tree),
            "new",
            "chapter",
            "--document",
            "../guidelines/guida",
            "--slug",
            "x",
        ]
    )
    assert code == 2
    assert "`../guidelines/guida` is not a document — use --document with one of: guida" in (
        capsys.readouterr().err
    )
