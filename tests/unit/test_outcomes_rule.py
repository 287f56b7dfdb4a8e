"""The validator on a consultation's file (rules/outcomes.py): paragraphs of that version, outcomes
from the list, a response for every comment once the consultation has closed, no name without
consent and no e-mail address; each message names the file, the line and the fix."""

from __future__ import annotations

from ..conftest import validate
from ..consultation_tree import FILE, answered_file, make_tree


def edit(tree, old: str, new: str, count: int = 1) -> None:
    path = tree / FILE
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), "utf-8")


def test_the_answered_file_is_valid(tmp_path, capsys):
    code, said = validate(make_tree(tmp_path), capsys)
    assert code == 0, said


def test_a_paragraph_the_version_does_not_have(tmp_path, capsys):
    tree = make_tree(tmp_path)
    edit(tree, "paragraph: '2.1'", "paragraph: '2.5'")
    code, said = validate(tree, capsys)
    assert code == 1
    assert (
        f"{FILE}:12: outcomes: version 0.1 has no paragraph 2.5 (comments.0.paragraph) — did you "
        "mean `2.1`? Otherwise write the number shown beside the paragraph on the page "
        "(chapter.paragraph), or null for a comment on the whole document"
    ) in said


def test_an_unknown_outcome(tmp_path, capsys):
    tree = make_tree(tmp_path)
    edit(tree, "outcome: fuori-ambito", "outcome: fuori-ambit")
    code, said = validate(tree, capsys)
    assert code == 1
    assert (
        f"{FILE}:45: outcomes: `fuori-ambit` is not an outcome (comments.2.outcome) — did you mean "
        "`fuori-ambito`? Otherwise write one of accolto, accolto-in-parte, non-accolto, fuori-ambito"
    ) in said


def test_a_missing_response_once_the_consultation_has_closed(tmp_path, capsys):
    tree = make_tree(tmp_path)
    edit(tree, "      en: 'The editors answer: accolto.'\n", "      en: ''\n")
    code, said = validate(tree, capsys)
    assert code == 1
    assert (
        f"{FILE}:16: outcomes: the comment `issue-12` has no response in en, and the consultation "
        "has closed (comments.0.response) — write the editors' response under `response:`, in it "
        "and en"
    ) in said
    # while the consultation is open, a comment may wait for its response
    meta = tree / "guidelines/guida/document.yml"
    meta.write_text(
        meta.read_text("utf-8").replace("status: bozza", "status: in-consultazione")
        + "consultation: {opens: 2026-01-01, closes: 2999-12-31, "
        'channel: {it: "Issue su GitHub", en: "GitHub issues"}}\n',
        "utf-8",
    )
    code, said = validate(tree, capsys)
    assert "outcomes:" not in said, said


def test_no_name_without_consent_and_no_email_address(tmp_path, capsys):
    tree = make_tree(tmp_path)
    edit(tree, "    consent: false\n", "    author: Giulia Bianchi\n    consent: false\n")
    edit(
        tree,
        "it: 'Risposta della redazione: fuori-ambito.'",
        "it: 'Scrivete a redazione@example.org'",
    )
    code, said = validate(tree, capsys, lang="it")
    assert code == 1
    assert (
        "outcomes: l'osservazione `email-e6bf8eeb3e49` conserva un nome, ma chi l'ha scritta non "
        "ha acconsentito a essere nominato (comments.5.author) — elimina la riga `author:`"
    ) in said
    assert (
        "outcomes: in `response.it` è scritto un indirizzo e-mail (comments.2.response.it) — "
        "sostituisci l'indirizzo con [e-mail]: il file è pubblicato"
    ) in said


def test_paragraphs_are_those_of_the_version_consulted_on(tmp_path, capsys):
    """0.1 is read from git at its revision (chapters index, capitolo, vecchio); 0.2 is the current
    version, read in the working text, where capitolo has grown two paragraphs not yet published."""
    from ..versions_repo import GUIDE, make_repo

    tree, _, _ = make_repo(tmp_path)
    chapter = tree / GUIDE / "capitolo.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nQuarto.\n\nQuinto.\n", "utf-8")
    english = tree / GUIDE / "capitolo.en.md"
    english.write_text(english.read_text("utf-8") + "\nFourth.\n\nFifth.\n", "utf-8")
    (tree / GUIDE / "consultazione-0.1.yml").write_text(
        answered_file("0.1", "1.1", "2.3", "3.1", "2.5"), "utf-8"
    )
    (tree / GUIDE / "consultazione-0.2.yml").write_text(
        answered_file("0.2", "2.5", "3.1", "3.2"), "utf-8"
    )
    code, said = validate(tree, capsys)
    found = [line for line in said.splitlines() if ": outcomes: " in line]
    assert found == [
        f"{GUIDE}/consultazione-0.1.yml:7: outcomes: version 0.1 has no paragraph 2.5 "
        "(comments.3.paragraph) — did you mean `2.3`? Otherwise write the number "
        "shown beside the paragraph on the page (chapter.paragraph), or null for a comment on the "
        "whole document",
        f"{GUIDE}/consultazione-0.2.yml:6: outcomes: version 0.2 has no paragraph 3.2 "
        "(comments.2.paragraph) — did you mean `3.1`? Otherwise write the number shown beside the "
        "paragraph on the page (chapter.paragraph), or null for a comment on the whole document",
    ], said
