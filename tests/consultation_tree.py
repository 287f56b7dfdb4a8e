"""A consultation on the valid fixture's document (guida 0.1): the comments of
tests/fixtures/consultation (four issues of that version, one of another version; three e-mailed
comments, one of them with a name and no consent), imported, then answered as editors do, by
editing the file's text."""

from __future__ import annotations

import re
from pathlib import Path

from cittamedie.__main__ import main

from .conftest import FIXTURES, REPO, copy_tree

COMMENTS = FIXTURES / "consultation"
ISSUES, EMAILS = COMMENTS / "issues.json", COMMENTS / "emails.csv"
FILE = "guidelines/guida/consultazione-0.1.yml"
# the editors' outcome of each comment, in the file's order
OUTCOMES = [
    "accolto",
    "non-accolto",
    "fuori-ambito",
    "accolto",
    "accolto-in-parte",
    "accolto",
    "non-accolto",
]
EMPTY = "    response:\n      it: ''\n      en: ''\n    outcome: null\n"


def import_comments(tree: Path, *files: Path) -> int:
    args = []
    for path in files or (ISSUES, EMAILS):
        args += ["--issues" if path.suffix == ".json" else "--emails", str(path)]
    return main(
        ["--root", str(tree), "--lang", "en", "consultation", "import", "guida", "0.1", *args]
    )


def answer(text: str) -> str:
    """The file's text with a response in both languages and an outcome for every comment."""
    outcomes = iter(OUTCOMES)

    def answered(_match) -> str:
        outcome = next(outcomes)
        return (
            f"    response:\n      it: 'Risposta della redazione: {outcome}.'\n"
            f"      en: 'The editors answer: {outcome}.'\n    outcome: {outcome}\n"
        )

    return re.sub(re.escape(EMPTY), answered, text)


def make_tree(tmp: Path, numbered: bool = True) -> Path:
    """The valid tree with its downloads page, its document's paragraphs numbered, the comments
    imported and answered."""
    tree = copy_tree(FIXTURES / "valid", tmp / "repo")
    (tree / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text("utf-8"), "utf-8")
    if numbered:
        meta = tree / "guidelines/guida/document.yml"
        meta.write_text(meta.read_text("utf-8") + "numbering: true\n", "utf-8")
    assert import_comments(tree) == 0
    path = tree / FILE
    path.write_text(answer(path.read_text("utf-8")), "utf-8")
    return tree


def answered_file(version: str, *paragraphs: str) -> str:
    """A consultation file on guida, answered: one comment per paragraph given, no name."""
    comments = "".join(
        f"  - {{id: issue-{n}, source: issue, date: '2026-02-10', paragraph: '{p}', "
        f"consent: false, text: Osservazione., response: {{it: Risposta., en: Response.}}, "
        "outcome: accolto}\n"
        for n, p in enumerate(paragraphs, 1)
    )
    return f"document: guida\nversion: '{version}'\ncomments:\n{comments}"
