"""The menu does not grow with the catalogue, cases keep breadcrumbs, tables scroll in regions."""

from __future__ import annotations

import re

import pytest

from ..conftest import REPO

PRIMARY = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', re.S)


def cases() -> list[str]:
    return sorted(
        p.stem
        for p in (REPO / "good-practices").glob("*.md")
        if "." not in p.stem and p.stem != "index"
    )


def menu(site, path: str) -> str:
    return PRIMARY.search((site / path / "index.html").read_text("utf-8"))[0]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_menu_lists_documents_and_entry_points_never_a_case(built_site, prefix):
    home, case = menu(built_site, prefix), menu(built_site, f"{prefix}buone-pratiche/ba-urbis/")
    for text in (home, case):
        assert not [c for c in cases() if f"{c}/" in text], "a case is in the menu"
        assert "tema/poverta/" in text and "citta/bari/" in text  # the catalogue's entry points
        assert "linee-guida/aree-tematiche/" in text  # chapters stay
    pages = [
        re.findall(r'href="(?!#)([^"]*)"', text) for text in (home, case)
    ]  # the page's own TOC aside
    assert len(pages[0]) == len(pages[1]) < 60


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_case_has_breadcrumbs_back_to_the_catalogue(built_site, prefix):
    page = (built_site / f"{prefix}buone-pratiche/ba-urbis" / "index.html").read_text("utf-8")
    crumbs = re.search(r'<nav class="md-path" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
    assert crumbs and crumbs[1] in ("Percorso di navigazione", "Breadcrumbs")
    assert re.search(r'<a href="\.\./" class="md-path__link">', crumbs[2])
    assert "md-nav__item--active" in menu(
        built_site, f"{prefix}buone-pratiche/ba-urbis/"
    )  # its section


def test_every_table_of_every_page_is_in_a_named_focusable_region(built_site):
    for page in built_site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        text = page.read_text("utf-8")
        tables = text.count("<table")
        regions = re.findall(r'<div ([^>]*class="cm-table(?: [a-z-]+)?"[^>]*)>\s*<table', text)
        assert len(regions) == tables, page
        for attributes in regions:
            assert 'role="region"' in attributes and 'tabindex="0"' in attributes, (
                page,
                attributes,
            )
            assert re.search(r'aria-label="[^"]*\w', attributes), (page, attributes)
