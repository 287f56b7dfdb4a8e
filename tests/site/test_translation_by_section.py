"""Translation by section in a built fixture site: translate, change one Italian section,
see exactly that section named on the English page and on the status page for editors."""

from __future__ import annotations

import re

import pytest

from ..translation_repo import CHAPTER, translated_repo
from .conftest import build


@pytest.fixture
def built(valid_tree, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    result = build(valid_tree)
    assert result.returncode == 0, result.stderr
    return valid_tree / "site"


def test_the_english_notice_names_exactly_the_changed_section(built):
    page = (built / "en" / "guida" / "capitolo" / "index.html").read_text("utf-8")
    notice = re.search(r'<div class="admonition warning">\s*<p>(.*?)</p>', page, re.S)[1]
    assert notice == (
        "The Italian original of this page has changed since this translation in these sections: "
        '<a href="#risorse">Resources</a>.'
    )
    assert '<h2 id="risorse">Resources</h2>' in page  # the link lands on the English section
    italian = (built / "guida" / "capitolo" / "index.html").read_text("utf-8")
    assert "admonition warning" not in italian


def test_the_changed_section_is_marked_where_it_starts_with_a_link_to_its_italian_text(built):
    page = (built / "en" / "guida" / "capitolo" / "index.html").read_text("utf-8")
    marks = re.findall(r'<p class="cm-section-stale">.*?</p>', page, re.S)
    assert marks == [
        '<p class="cm-section-stale">The Italian original of this section has changed since this '
        'translation: <a href="../../../guida/capitolo/#risorse" hreflang="it">read the Italian '
        "text</a>.</p>"
    ]
    # right after the heading of the changed section, before its text; the others unmarked
    heading = re.search(r'<h2 id="risorse">.*?</h2>', page, re.S)
    assert page[heading.end() :].lstrip().startswith(marks[0])
    assert page.index(marks[0]) < page.index("The resources are 10 million euros.")
    italian = (built / "guida" / "capitolo" / "index.html").read_text("utf-8")
    assert '<h2 id="risorse">' in italian and "cm-section-stale" not in italian


def test_the_status_page_lists_the_stale_section_in_both_languages(built):
    for prefix, stale, other in (("", "da aggiornare", "aggiornata"), ("en/", "stale", "current")):
        page = (built / prefix / "traduzioni" / "index.html").read_text("utf-8")
        row = next(
            r for r in re.findall(r"<tr><th scope=\"row\">.*?</tr>", page) if 'capitolo/">' in r
        )
        assert f"<strong>{stale}</strong>" in row and ">Risorse</a>" in row, prefix
        assert "Obiettivi" not in row and "Tempi" not in row, prefix
        assert f"/edit/main/{CHAPTER}.en.md" in row, prefix
        assert page.count(f"<strong>{other}</strong>") == 3, prefix


def test_the_status_page_is_for_editors_only(built):
    for prefix in ("", "en/"):
        page = (built / prefix / "traduzioni" / "index.html").read_text("utf-8")
        assert '<meta name="robots" content="noindex">' in page
        assert "data-pagefind-body" not in page  # Pagefind indexes only pages that have it
        home = (built / prefix / "index.html").read_text("utf-8")
        assert "traduzioni/" not in home and '<meta name="robots"' not in home  # not in the menu
    assert "traduzioni" not in (built / "sitemap.xml").read_text("utf-8")


def test_without_the_translated_text_in_history_the_notice_is_generic(valid_tree, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    page = valid_tree / f"{CHAPTER}.en.md"
    page.write_text(
        re.sub(r"translated_from: \w+", "translated_from: 123456abcdef", page.read_text("utf-8")),
        "utf-8",
    )
    result = build(valid_tree)
    assert result.returncode == 0, result.stderr
    html = (valid_tree / "site" / "en" / "guida" / "capitolo" / "index.html").read_text("utf-8")
    assert "has changed since this translation: some parts may be out of date." in html
    status = (valid_tree / "site" / "en" / "traduzioni" / "index.html").read_text("utf-8")
    assert (
        "(sections not known: the Italian text this translation follows (translated_from: 123456abcdef)"
        in status
    )
