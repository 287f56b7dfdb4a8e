"""The validator on a document's `versions:`: one mistake each, the exact editor's message at
its line (`path:line: versions: message (field) — fix`), exit 1, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import copy_tree, validate
from ..versions_repo import GUIDE, VERSIONS, document, git, make_repo

DOC = f"{GUIDE}/document.yml"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, str, str]:
    return make_repo(tmp_path_factory.mktemp("versions"))


@pytest.fixture
def repo(published, tmp_path) -> tuple[Path, str, str]:
    """A copy of the two-version repository, free to break."""
    tree, first, second = published
    return copy_tree(tree, tmp_path / "repo"), first, second


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return lines[nth]


def rewrite(tree: Path, first: str, second: str, **fields) -> str:
    """document.yml with both versions and some fields changed: version entries by replacing
    text in VERSIONS (pairs in `entries`), the document's own fields by keyword."""
    versions = VERSIONS.format(first=first, second=second)
    for old, new in fields.pop("entries", ()):
        versions = versions.replace(old, new)
    return document(tree, versions=versions, **fields)


def test_two_published_versions_validate_clean(repo, capsys):
    code, out = validate(repo[0], capsys)
    assert code == 0, out


def test_versions_out_of_order(repo, capsys):
    tree, first, second = repo
    text = rewrite(
        tree, first, second, version="0.1", entries=[('version: "0.2"', 'version: "0.1"')]
    )
    code, out = validate(tree, capsys)
    assert code == 1
    line = line_of(text, 'version: "0.1"', 2)
    assert (
        f"{DOC}:{line}: versions: version 0.1 follows version 0.1 but is not a "
        "higher number (versions.1.version) — list the versions oldest first, each with a higher number than "
        "the one before (0.1, 0.2, 1.0)"
    ) in out


def test_a_date_before_the_previous_version(repo, capsys):
    tree, first, second = repo
    text = rewrite(tree, first, second, entries=[("date: 2026-02-01", "date: 2026-01-05")])
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, 'date: 2026-01-05')}: versions: version 0.2 is dated 2026-01-05, before version "
        "0.1 (2026-01-10) (versions.1.date) — list the versions oldest first, each with the date it was "
        "published"
    ) in out


def test_a_date_in_the_future(repo, capsys):
    tree, first, second = repo
    text = rewrite(
        tree,
        first,
        second,
        updated="2099-01-01",
        entries=[("date: 2026-02-01", "date: 2099-01-01")],
    )
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, 'date: 2099-01-01')}: versions: version 0.2 is dated 2099-01-01, in the future "
        "(versions.1.date) — write the date the version was published; add the entry once it is"
    ) in out


def test_a_short_hash(repo, capsys):
    tree, first, second = repo
    text = rewrite(
        tree, first, second, entries=[(second, "deadbee")]
    )  # letters: all digits would be a number
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, 'deadbee')}: schema: `deadbee` has the wrong form (versions.1.revision) — "
        "write the full 40-character hash of the commit of main"
    ) in out


def test_a_revision_that_is_not_in_the_repository(repo, capsys):
    tree, first, second = repo
    unknown = "0123456789abcdef" * 2 + "01234567"
    text = rewrite(tree, first, second, entries=[(second, unknown)])
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, unknown)}: versions: revision {unknown} is not a commit of this repository "
        "(versions.1.revision) — use the hash of a commit of main (`git log --format=%H`)"
    ) in out


def test_revisions_in_the_wrong_order(repo, capsys):
    tree, first, second = repo
    text = document(tree, versions=VERSIONS.format(first=second, second=first))
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, first)}: versions: the revision of version 0.2 is not a later commit than that of "
        "version 0.1 (versions.1.revision) — each version is published at a later commit than the one before "
        f"(`git log --format='%H %cs %s' -- {GUIDE}`)"
    ) in out


def test_a_revision_outside_the_branch_being_built(repo, capsys):
    tree, first, second = repo
    git(tree, "checkout", "-q", "-b", "elsewhere")
    git(tree, "commit", "-q", "--allow-empty", "-m", "not on main")
    other = git(tree, "rev-parse", "HEAD")
    git(tree, "checkout", "-q", "main")
    text = rewrite(tree, first, second, entries=[(second, other)])
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, other)}: versions: revision {other} is not in the history of the branch being "
        "built (versions.1.revision) — use the hash of a commit of main at which this version was published"
    ) in out


def test_a_document_folder_renamed_after_publication(repo, capsys):
    tree, first, second = repo
    (tree / GUIDE).rename(tree / "guidelines" / "guida2")
    (tree / "docs" / "guida").unlink()
    (tree / "docs" / "guida").symlink_to("../guidelines/guida2")
    text = (tree / "guidelines" / "guida2" / "document.yml").read_text("utf-8")
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"guidelines/guida2/document.yml:{line_of(text, first)}: versions: revision {first} has no "
        "guidelines/guida2/document.yml (versions.0.revision) — use the commit at which this version was "
        "published"
    ) in out


@pytest.mark.parametrize(
    "field, value, message",
    [
        (
            "version",
            "0.3",
            "the document says version 0.3, but the last entry of `versions:` is 0.2 (version) — the "
            "current version is the last entry: append the new version at the end of `versions:`, or set "
            '`version: "0.2"`',
        ),
        (
            "updated",
            "2026-01-20",
            "the document was updated on 2026-01-20, before its version 0.2 was published "
            "(2026-02-01) (updated) — set `updated:` to the date of the last change, 2026-02-01 or later",
        ),
    ],
)
def test_the_document_is_not_at_its_last_version(repo, capsys, field, value, message):
    tree, first, second = repo
    text = rewrite(tree, first, second, **{field: value})
    code, out = validate(tree, capsys)
    assert code == 1
    assert f"{DOC}:{line_of(text, f'{field}: ')}: versions: {message}" in out


def test_a_status_the_last_version_was_not_published_with(repo, capsys):
    tree, first, second = repo
    path = tree / DOC
    path.write_text(
        path.read_text("utf-8").replace(
            "status: bozza\nversion:", "status: in-consultazione\nversion:"
        )
    )
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:3: versions: the document's status is in-consultazione, but version 0.2 was published as bozza "
        "(status) — a new status is a new version: append an entry to `versions:` with it, or set "
        "`status: bozza`"
    ) in out


def test_a_chapter_named_like_the_versions_page(repo, capsys):
    tree, first, second = repo
    rewrite(tree, first, second, chapters=["index", "capitolo", "nuovo", "versioni"])
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:7: versions: `versioni` is the name of the document's versions page, which the build writes "
        "(chapters.3) — give the chapter another name (its files and its `chapters:` entry)"
    ) in out


def test_a_hand_written_versions_page_is_refused(valid_tree, capsys):
    (valid_tree / "guidelines" / "guida" / "versioni.md").write_text(
        "---\nid: x\ntitle: x\n---\n\nTesto.\n", "utf-8"
    )
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert (
        "guidelines/guida/versioni.md:1: generated: `versioni.md` is the name of the document's versions page, "
        "which the build writes, but this file was written by hand — rename the file"
    ) in out


def test_a_copy_outside_git_says_so_once(repo, capsys):
    tree, first, second = repo
    shutil.rmtree(tree / ".git")
    text = (tree / DOC).read_text("utf-8")
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, first)}: versions: revision {first} cannot be read: this folder is not a git "
        "clone (versions.0.revision) — build from a clone of the repository"
    ) in out
    assert second not in out


def test_a_shallow_clone_names_the_revision_and_the_fix(published, tmp_path, capsys):
    tree, first, second = published
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tree}", str(shallow))
    text = (shallow / DOC).read_text("utf-8")
    code, out = validate(shallow, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, first)}: versions: revision {first} is not in this shallow clone "
        "(versions.0.revision) — fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in "
        "actions/checkout) and build again"
    ) in out


def test_a_version_dated_before_its_commit(repo, capsys):
    """The fixture's 0.2 was committed on 2026-02-01: a date before it cannot be true."""
    tree, first, second = repo
    text = rewrite(tree, first, second, entries=[("date: 2026-02-01", "date: 2026-01-20")])
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"{DOC}:{line_of(text, 'date: 2026-01-20')}: versions: version 0.2 is dated 2026-01-20, "
        f"before its revision {second} was committed (2026-02-01) (versions.1.date) — a version "
        "is published at its commit or later: write the date it was published (2026-02-01 or "
        "later), or the revision it was published at (`git log --format='%H %cs %s' -- "
        "guidelines/guida`)"
    ) in out
    assert "versions.0.date" not in out  # 0.1 is dated its commit's day: on it is fine
