"""Small fixture sites: what the build does with untranslated, stale and broken content."""

from __future__ import annotations

import re

from ..conftest import make_chapter_untranslated
from .conftest import build


def test_broken_content_stops_the_build_with_the_editors_message(valid_tree):
    page = valid_tree / "docs" / "index.md"
    page.write_text(
        page.read_text("utf-8").replace("updated: 2026-01-10", "updated: 2026-02-30"), "utf-8"
    )
    result = build(valid_tree)
    assert result.returncode != 0
    assert "docs/index.md:4: schema: `2026-02-30` is not a real date (updated)" in result.stderr
    assert "Traceback" not in result.stderr


def test_untranslated_page_is_shown_in_italian_with_a_notice(valid_tree):
    make_chapter_untranslated(valid_tree)
    result = build(valid_tree)
    assert result.returncode == 0, result.stderr
    html = (valid_tree / "site" / "en" / "guida" / "capitolo" / "index.html").read_text("utf-8")
    assert '<html lang="en"' in html
    assert "This page has not been translated into English yet" in html
    assert re.search(r'<div lang="it">\s*<h2 id="obiettivi">Obiettivi</h2>', html)
    sitemap = (valid_tree / "site" / "sitemap.xml").read_text("utf-8")
    assert "/guida/capitolo/</loc>" in sitemap
    assert "/en/guida/capitolo/</loc>" not in sitemap  # the fallback is not an English page
    assert 'hreflang="en" href="https://cittamedie.example.org/en/guida/capitolo/"' not in html


def test_stale_translation_shows_a_notice(valid_tree):
    page = valid_tree / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")
    result = build(valid_tree)
    assert result.returncode == 0, result.stderr
    english = (valid_tree / "site" / "en" / "index.html").read_text("utf-8")
    assert "The Italian original of this page has changed since this translation" in english
    italian = (valid_tree / "site" / "index.html").read_text("utf-8")
    assert "has changed since this translation" not in italian


def test_a_hand_written_file_in_a_generated_folder_is_never_overwritten(valid_tree):
    mine = valid_tree / "good-practices" / "tema" / "poverta.md"
    mine.parent.mkdir()
    mine.write_text("il mio lavoro\n", "utf-8")
    result = build(valid_tree)
    assert result.returncode != 0
    assert (
        "good-practices/tema/poverta.md:1: generated: this folder is written by the build"
        in result.stderr
    )
    assert mine.read_text("utf-8") == "il mio lavoro\n"
