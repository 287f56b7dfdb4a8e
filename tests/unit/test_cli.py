"""The command line: formats, strictness, translations, scaffolding, usage errors."""

from __future__ import annotations

import json

from cittamedie.__main__ import main

from ..conftest import validate
from ..translation_repo import git


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _stale(tree):
    page = tree / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")


def test_stale_translation_warns_and_strict_fails(valid_tree, capsys):
    _stale(valid_tree)
    code, out, _ = run(capsys, "--root", str(valid_tree), "validate")
    assert code == 0
    assert (
        "docs/index.en.md:5: stale-translation: warning: the Italian page docs/index.md changed "
        "after this translation (translated_from)"
    ) in out
    code, _, _ = run(capsys, "--root", str(valid_tree), "validate", "--strict")
    assert code == 1


def test_review_date_past_is_a_warning(valid_tree, capsys):
    page = valid_tree / "docs" / "index.md"
    page.write_text(
        page.read_text("utf-8").replace(
            "updated: 2026-01-10", "updated: 2026-01-10\nreview_by: 1983-01-01"
        )
    )
    code, out, _ = run(capsys, "--root", str(valid_tree), "validate")
    assert code == 0
    assert (
        "docs/index.md:5: review: warning: the page was due for review on 1983-01-01 (review_by)"
        in out
    )


def test_github_and_json_formats(valid_tree, capsys):
    (valid_tree / "docs" / "index.md").write_text("no front matter\n", "utf-8")
    code, out, _ = run(capsys, "--root", str(valid_tree), "validate", "--format", "github")
    assert code == 1
    assert (
        "::error file=docs/index.md,line=1,title=front-matter::the file has no front matter" in out
    )
    code, out, _ = run(capsys, "--root", str(valid_tree), "validate", "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["errors"] >= 1
    assert {"path": "docs/index.md", "line": 1, "rule": "front-matter"}.items() <= report[
        "problems"
    ][0].items()


def test_translations_lists_and_marks_current(valid_tree, capsys, monkeypatch):
    _stale(valid_tree)
    code, out, _ = run(capsys, "--root", str(valid_tree), "translations")
    assert code == 1
    assert "stale         docs/index.md → docs/index.en.md" in out
    before = (valid_tree / "docs" / "index.en.md").read_text("utf-8")
    monkeypatch.chdir(valid_tree)
    code, out, _ = run(
        capsys, "--root", str(valid_tree), "translations", "--mark-current", "docs/index.en.md"
    )
    assert code == 0 and "every translation is current" in out
    after = (valid_tree / "docs" / "index.en.md").read_text("utf-8")
    # only the fingerprint line changed: nothing the editor wrote is lost
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b
    ]
    assert len(changed) == 1 and changed[0][1].startswith("translated_from: ")


def new_case(capsys, tree, slug: str):
    return run(
        capsys, "--root", str(tree), "new", "good-practice", "--city", "Bari", "--slug", slug
    )


def test_new_good_practice_writes_both_files_and_never_overwrites(valid_tree, capsys):
    code, out, _ = new_case(capsys, valid_tree, "Urbis")
    assert code == 0
    it = valid_tree / "good-practices" / "ba-urbis.md"
    en = valid_tree / "good-practices" / "ba-urbis.en.md"
    assert it.is_file() and en.is_file()
    assert 'city: "Bari"' in it.read_text("utf-8")
    code, out, _ = run(capsys, "--root", str(valid_tree), "validate")
    assert code == 1
    assert "good-practices/ba-urbis.md:3: todo: a TODO is still to be filled in (title)" in out
    it.write_text("my own work", "utf-8")
    code, _, err = new_case(capsys, valid_tree, "urbis")
    assert code == 1
    assert "good-practices/ba-urbis.md: exists: the file exists already; nothing was written" in err
    assert it.read_text("utf-8") == "my own work"


def test_new_chapter_needs_a_known_document(valid_tree, capsys):
    code, _, err = run(
        capsys, "--root", str(valid_tree), "new", "chapter", "--document", "nope", "--slug", "x"
    )
    assert code == 2
    assert "`nope` is not a document — use --document with one of: guida" in err
    code, out, _ = run(
        capsys,
        "--root",
        str(valid_tree),
        "new",
        "chapter",
        "--document",
        "guida",
        "--slug",
        "risorse",
    )
    assert code == 0
    assert (valid_tree / "guidelines" / "guida" / "risorse.en.md").is_file()
    assert "next: add `risorse` to `chapters:` in guidelines/guida/document.yml" in out


def test_usage_errors_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "--root", str(tmp_path), "validate")
    assert code == 2
    assert "has no docs/ folder" in err
    code, _, _ = run(capsys, "frobnicate")
    assert code == 2


def test_clean_removes_the_pages_the_build_wrote_and_keeps_an_editors(valid_tree, capsys):
    from cittamedie.content.generated import GENERATED_HEADER

    ours = valid_tree / "docs" / "traduzioni" / "index.md"
    ours.parent.mkdir()
    ours.write_text(f"---\ntitle: x\n---\n{GENERATED_HEADER}\n", "utf-8")
    theirs = valid_tree / "docs" / "traduzioni" / "note.md"
    theirs.write_text("# le mie note\n", "utf-8")
    assert main(["--root", str(valid_tree), "clean"]) == 0
    assert not ours.exists() and theirs.exists()
    assert "removed: docs/traduzioni/index.md" in capsys.readouterr().out


def test_clean_keeps_a_committed_file_that_copies_the_header(valid_tree, capsys):
    """The validator calls it an editor's (the generated places are ignored by git): so does clean."""
    from cittamedie.content.generated import GENERATED_HEADER

    copied = valid_tree / "docs" / "traduzioni" / "index.md"
    copied.parent.mkdir()
    copied.write_text(f"---\ntitle: x\n---\n{GENERATED_HEADER}\n", "utf-8")
    git(valid_tree, "init", "-q")
    git(valid_tree, "add", "-f", "docs/traduzioni/index.md")
    git(valid_tree, "commit", "-q", "-m", "a page that copies the header")
    assert main(["--root", str(valid_tree), "clean"]) == 0
    assert copied.exists() and "removed:" not in capsys.readouterr().out
    code, out = validate(valid_tree, capsys)
    assert code == 1 and "docs/traduzioni/index.md:1: generated:" in out
