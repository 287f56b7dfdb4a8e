"""`cittamedie release` (tools/release.py) on a fixture repository: a version appended at the last
commit of the document's text, the file's comments and layout kept, then the validator's verdict;
each refusal with the editor's message, nothing written."""

from __future__ import annotations

import pytest

from cittamedie.__main__ import main

from ..versions_repo import GUIDE, git, make_repo

COMMENT = "# Published versions, oldest first (a comment release keeps)\n"


def release(tree, *args: str, lang: str = "en") -> list[str]:
    return ["--lang", lang, "--root", str(tree), "release", "guida", *args]


ASK = ("--status", "bozza", "--summary-it", 'Il capitolo "rivisto".', "--summary-en", "Revised.")


@pytest.fixture
def repo(tmp_path):
    """The fixture repository with a comment in document.yml, and the text changed and committed
    after version 0.2 (then document.yml alone committed again: not the text's last commit)."""
    tree, _, _ = make_repo(tmp_path)
    path = tree / GUIDE / "document.yml"
    path.write_text(path.read_text("utf-8").replace("versions:\n", COMMENT + "versions:\n"))
    chapter = tree / GUIDE / "capitolo.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nUn paragrafo nuovo.\n", "utf-8")
    git(tree, "commit", "-qam", "new paragraph", date="2026-03-01")
    text = git(tree, "rev-parse", "HEAD")
    path.write_text(path.read_text("utf-8").replace("pdf: guida", "pdf: guida  # the PDF's name"))
    git(tree, "commit", "-qam", "a comment in document.yml", date="2026-03-02")
    return tree, text


def test_a_release_appends_the_version_at_the_texts_last_commit_and_validates(repo, capsys):
    tree, text = repo
    path = tree / GUIDE / "document.yml"
    before = path.read_text("utf-8")
    assert main(release(tree, "0.3", *ASK, "--date", "2026-03-03")) == 0
    after = path.read_text("utf-8")
    assert after == (
        before.replace('version: "0.2"\nupdated: 2026-02-01', 'version: "0.3"\nupdated: 2026-03-03')
        + '  - version: "0.3"\n    date: 2026-03-03\n    status: bozza\n'
        + f"    revision: {text}\n    summary:\n"
        + '      it: "Il capitolo \\"rivisto\\"."\n      en: "Revised."\n'
    )
    assert COMMENT in after and "pdf: guida  # the PDF's name" in after
    out = capsys.readouterr().out
    assert (
        f"guidelines/guida/document.yml: version 0.3 (bozza, 2026-03-03) at revision {text[:12]}"
        in out
    )
    git(tree, "commit", "-qam", "version 0.3", date="2026-03-03")
    capsys.readouterr()
    assert main(["--root", str(tree), "validate"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    "args, said",
    [
        (
            ("0.2", *ASK, "--date", "2026-03-03"),
            "guidelines/guida/document.yml:4: release: version 0.2 is not higher than the last "
            "one, 0.2 — give a higher number than 0.2",
        ),
        (
            ("0.3", *ASK, "--date", "2026-01-31"),
            "release: the date 2026-01-31 is before version 0.2 (2026-02-01) — give the date the "
            "version is published, 2026-02-01 or later",
        ),
        (
            ("0.3", *ASK, "--date", "2026-02-15"),
            "release: the date 2026-02-15 is before the commit of the text (2026-03-01) — give "
            "2026-03-01 or a later date",
        ),
        (
            ("0.3", "--status", "finale", "--summary-it", "X.", "--summary-en", "X."),
            "release: `finale` is not a status of a document — give one of: bozza, "
            "in-consultazione, approvato",
        ),
        (
            ("0.3", *ASK, "--date", "2999-01-01"),
            "release: the date 2999-01-01 is in the future — give today's date or an earlier one",
        ),
        (
            ("0.3", "--status", "in-consultazione", "--summary-it", "X.", "--summary-en", "X."),
            "consultation: the document is in consultation but does not say when comments are "
            "accepted",  # the validator's own verdict, on the file written then put back
        ),
    ],
)
def test_what_the_validator_would_refuse_is_refused_and_nothing_written(repo, capsys, args, said):
    tree, _ = repo
    path = tree / GUIDE / "document.yml"
    before = path.read_bytes()
    assert main(release(tree, *args)) == 1
    assert said in capsys.readouterr().err
    assert path.read_bytes() == before


def test_uncommitted_changes_to_the_document_are_refused(repo, capsys):
    tree, _ = repo
    chapter = tree / GUIDE / "capitolo.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nAncora.\n", "utf-8")
    assert main(release(tree, "0.3", *ASK, "--date", "2026-03-03")) == 1
    assert (
        "release: the document has changes not committed yet: guidelines/guida/capitolo.md — "
        "commit them (or put them aside), then run it again: a version is a commit"
    ) in capsys.readouterr().err


def test_no_new_text_since_the_last_version_is_refused(tmp_path, capsys):
    tree, _, second = make_repo(tmp_path)  # its last commit changed document.yml only
    assert main(release(tree, "0.3", *ASK)) == 1
    assert (
        f"release: the document's text has not changed since version 0.2 ({second[:12]}) — "
        "commit the new text of the document first"
    ) in capsys.readouterr().err


def test_a_shallow_clone_is_refused_in_the_editors_language(repo, tmp_path, capsys):
    tree, _ = repo
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", tree.as_uri(), str(shallow))
    assert main(release(shallow, "0.3", *ASK, "--date", "2026-03-03", lang="it")) == 1
    assert (
        "release: questo clone è parziale: qui non c'è tutta la cronologia del documento — "
        "scarica tutta la cronologia (`git fetch --unshallow`), poi esegui di nuovo il comando"
    ) in capsys.readouterr().err


def test_an_unknown_document_names_the_known_ones(repo, capsys):
    tree, _ = repo
    args = release(tree, "0.3", *ASK)
    args[args.index("guida")] = "guide"
    assert main(args) == 1
    assert "there is no document `guide` — give one of: guida" in capsys.readouterr().err
