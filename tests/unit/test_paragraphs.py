"""Numbered paragraphs (markup/paragraphs.py, history/paragraphs.py): which blocks of a chapter
are numbered, their numbers and anchors, and the numbers of a document at each version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cittamedie.content.config import read_config
from cittamedie.content.load import load_site
from cittamedie.history.git import Repository
from cittamedie.history.paragraphs import current_paragraphs, version_paragraphs
from cittamedie.history.versions import read_history
from cittamedie.markup.furniture import own
from cittamedie.markup.paragraphs import anchor_of, numbered_blocks, placed
from cittamedie.markup.render import Renderer, published_html

from ..conftest import FIXTURES, REPO, copy_tree, validate
from ..versions_repo import make_repo

CHAPTER = """# Titolo

Primo paragrafo, con un [collegamento](https://example.org).

## Una sezione

- una voce
- un'altra voce, con un elenco:
    1. dentro
    2. ancora

| Città | Abitanti |
|---|---|
| Lecce | 95.000 |

> Una citazione.

!!! note "Nota"
    Il testo della nota.

***

Un paragrafo con una nota.[^1]

[^1]: La nota.
"""


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer.from_config(read_config(REPO / "mkdocs.yml"))


def test_every_top_level_block_but_headings_is_numbered_in_order(renderer):
    found = numbered_blocks(published_html(renderer, CHAPTER), 3)
    assert [(b.number, b.anchor) for b in found] == [
        ("3.1", "p3-1"),
        ("3.2", "p3-2"),
        ("3.3", "p3-3"),
        ("3.4", "p3-4"),
        ("3.5", "p3-5"),
        ("3.6", "p3-6"),
    ]
    texts = [b.text for b in found]
    assert texts[0] == "Primo paragrafo, con un collegamento."
    assert (
        texts[1] == "una voce un'altra voce, con un elenco: dentro ancora"
    )  # one list, one number
    assert "Lecce · 95.000" in texts[2]  # the table, in the build's scrolling region
    assert texts[3] == "Una citazione."
    assert texts[4] == "Nota Il testo della nota."
    assert texts[5].startswith("Un paragrafo con una nota.")  # the footnotes are not numbered


def test_the_builds_blocks_in_a_chapter_are_not_numbered(renderer):
    """A marker's block (a list of cases) changes with data/: numbering it would renumber the text."""
    generated = own('<ul class="cm-cards"><li>Un caso</li></ul>', "m0")
    body = f"Prima.\n\n{generated}\n\nDopo.\n"
    html = published_html(renderer, body)
    assert [b.text for b in numbered_blocks(html, 1)] == ["Prima.", "Dopo."]
    # the Markdown with its marker left as a comment numbers the same blocks
    plain = published_html(renderer, "Prima.\n\n<!-- cittamedie:glossary -->\n\nDopo.\n")
    assert [b.number for b in numbered_blocks(plain, 1)] == ["1.1", "1.2"]


def test_pieces_are_placed_around_the_numbered_blocks(renderer):
    html = published_html(renderer, "# T\n\nUno.\n\nDue.\n")
    found = numbered_blocks(html, 2)
    out = placed(html, {"p2-2": ("[", "]")}, found)
    assert out == html.replace("<p>Due.</p>", "[<p>Due.</p>]")
    assert anchor_of("12.30") == "p12-30"


def test_a_documents_numbers_now_and_at_each_version(tmp_path, renderer):
    tree, _, _ = make_repo(tmp_path)
    site = load_site(tree)
    doc = site.documents["guida"]
    history = read_history(doc, Repository(tree))
    first, second = history.versions
    old = version_paragraphs(first, "it", renderer)
    new = version_paragraphs(second, "en", renderer)
    # chapters are numbered by their place in that version: vecchio was 3 in 0.1, nuovo is 3 in 0.2
    assert [b.number for b in old["vecchio"]] == ["3.1"]
    assert old["vecchio"][0].text == "Questo capitolo sarà tolto."
    assert [b.number for b in new["nuovo"]] == ["3.1"]
    assert new["capitolo"][2].text == "The resources are twelve million euros."
    now = current_paragraphs(site, doc, "it", renderer)
    assert list(now) == ["index", "capitolo", "nuovo"]
    assert [b.anchor for b in now["capitolo"]] == ["p2-1", "p2-2", "p2-3"]
    assert doc.position("capitolo") == 2 and doc.position("assente") == 0


def test_the_guidelines_number_the_same_blocks_in_both_languages(renderer):
    site = load_site(Path(REPO))
    for doc in site.documents.values():
        assert doc.numbered
        italian = current_paragraphs(site, doc, "it", renderer)
        english = current_paragraphs(site, doc, "en", renderer)
        assert {k: len(v) for k, v in italian.items()} == {k: len(v) for k, v in english.items()}


def test_a_stale_translation_may_lag_behind_the_italian_numbers(valid_tree, capsys):
    """An Italian edit that adds a list leaves the English page stale (its notice says so): the
    build goes on, and the numbers are checked again once the translation follows."""
    overlay = FIXTURES / "invalid" / "paragraph-counterpart-missing"
    copy_tree(overlay / "guidelines", valid_tree / "guidelines")
    english = valid_tree / "guidelines" / "guida" / "capitolo.en.md"
    text = english.read_text("utf-8")
    english.write_text(re.sub(r"translated_from: \w+", "translated_from: 000000000000", text))
    code, out = validate(valid_tree, capsys)
    assert "paragraphs:" not in out, out
