"""search.py: glossary synonyms, a page's marks, and Pagefind run on a two-page site."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.toc import TableOfContents

from cittamedie.content.load import load_site
from cittamedie.markup import sanitize
from cittamedie.site import pages, search, synonyms

from ..conftest import REPO, build_context

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>
<nav>menu {title}</nav><div data-pagefind-body><h1>{title}</h1>
<div class="cm-banner"><p>bannerword</p></div><p>{text}</p>
<div hidden data-pagefind-ignore><span data-pagefind-filter="theme">{theme}</span></div></div></body></html>"""


@pytest.fixture(scope="module")
def site():
    return load_site(REPO, REPO / "docs")


def test_synonyms_pair_the_acronyms_of_one_fund_from_the_glossary(site):
    groups = synonyms.synonyms(site)
    assert ("FESR", "ERDF") in groups and ("FSE+", "ESF+") in groups
    grouped = {abbr for group in groups for abbr in group}
    assert "PON" not in grouped and "AdG" not in grouped  # one acronym in both languages


def test_synonym_text_names_the_missing_acronym_only(site):
    found = synonyms.Synonyms.of(site)
    assert synonyms.synonym_text(found, "Il FESR finanzia.") == "FESR (ERDF)"
    assert synonyms.synonym_text(found, "FESR, cioè ERDF.") == ""  # the page says both
    assert synonyms.synonym_text(found, "FSE+ e FESR") == "FESR (ERDF). FSE+ (ESF+)"
    assert synonyms.synonym_text(found, "FESRX e FSE") == ""  # whole words only
    assert (
        synonyms.synonym_text(found, "Neighbourhood labs, a job centre.")
        == "neighbourhood (neighborhood). centre (center)"  # spellings.yml, in any case
    )
    assert synonyms.synonym_text(found, "the organisations and the organizations") == ""
    assert synonyms.synonym_text(found, "centred on labourers") == ""  # whole words only
    assert (
        sanitize.clean_page('<p>Il <abbr title="Obiettivo del FESR">RSO</abbr> &amp; altro</p>')[2]
        == "Il  RSO  & altro"  # the text a reader sees: the abbr's title is not text
    )


def test_a_citys_english_name_is_known_beside_its_italian_one(site):
    """data/case-cities.yml `english`: Torino and Turin, Napoli and Naples; Bari has one name."""
    names = dict(synonyms.place_names(site))
    assert names["Torino"] == "Turin" and names["Napoli"] == "Naples" and "Bari" not in names


def test_a_glossary_of_one_meaning_gives_each_page_one_line_not_a_square(site):
    """A thousand acronyms of one meaning: each page names the group once (the old text named
    every other acronym after each one used: 900 kB a page)."""
    terms = [
        {"abbr": f"T{i:04d}", "expansion": {"it": "x", "en": "Same fund"}, "definition": {}}
        for i in range(1000)
    ]
    big = dataclasses.replace(site, data={**site.data, "glossary": {"terms": terms}})
    found = synonyms.Synonyms.of(big)
    text = synonyms.synonym_text(found, "T0001 e T0999, non T10000 né XT0002.")
    said, _, missing = text.partition(" (")
    assert said == "T0001, T0999"
    assert missing.count("T") == 998 and "T0001" not in missing
    assert len(text) < 8_000


def test_a_good_practice_is_marked_with_the_catalogue_facets(site):
    case = site.get("buone-pratiche/ba-urbis.md", "it")
    for lang in ("it", "en"):
        pairs = search.facets(site, case.meta, lang)
        assert {name for name, _ in pairs} == set(search.FILTERS)
        assert ("city", case.meta["city"]) in pairs
    themes = {th["id"]: th["title"] for th in site.items("themes")}
    assert ("theme", themes[case.meta["themes"][0]]["en"]) in search.facets(site, case.meta, "en")


def test_page_marks_read_the_mkdocs_page(site):
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="buone-pratiche/ba-urbis.en.md"),
        meta={},
        ancestors=[SimpleNamespace(title="Good practices")],
    )
    content = '<p>The <abbr title="Fondo europeo (FESR)">ERDF</abbr> funds it.</p>'
    toc = TableOfContents([])  # as the hook does (on_page_content): synonyms from the page's text
    _, page.meta["cm_synonyms"] = pages.html(
        build_context(site), content, page.file.src_uri, toc, "en"
    )
    marks = search.page_marks(site, page, "en")
    assert marks["section"] == "Good practices"
    assert marks["synonyms"].split(". ")[0] == "ERDF (FESR)"  # then spellings: catalogue (catalog)
    assert {name for name, _ in marks["filters"]} == set(search.FILTERS)
    page.file.src_uri, page.meta = "buone-pratiche/to-social-factory.md", {}
    assert (
        search.page_marks(site, page, "it")["synonyms"] == "Torino (Turin)"
    )  # its city's other name
    page.file.src_uri, page.ancestors = "programma.md", []
    assert search.page_marks(site, page, "it")["filters"] == []
    assert search.page_marks(site, page, "it")["synonyms"] == ""


def test_a_translation_answers_to_its_italian_title(site):
    """The English page of the Memorandum carries "Il Protocollo di Intesa" (metadata `names`);
    the Italian page carries no English title, and a page whose titles are the same carries none."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri=""), meta={}, ancestors=[])
    for key in site.keys():
        italian, english = site.get(key, "it"), site.get(key, "en")
        if italian is None or english is None:
            continue
        page.file.src_uri = english.uri
        marks = search.page_marks(site, page, "en")
        assert marks["names"] == ("" if english.title == italian.title else italian.title), key
        page.file.src_uri = italian.uri
        assert search.page_marks(site, page, "it")["names"] == ""
    assert (
        synonyms.italian_title(site, "protocollo-intesa/index.md", "en")
        == "Il Protocollo di Intesa"
    )
    assert search.OPTIONS["ranking"]["metaWeights"]["names"] < 5  # below the page's own title


def test_a_sections_landing_page_answers_to_the_sections_name(site):
    """The menu is not indexed: its label of a section goes to the page the label opens (metadata
    `names`), so that the section's name finds it before the pages inside (their titles repeat it)."""
    section = SimpleNamespace(title="Città &amp; comuni")  # MkDocs keeps menu titles escaped
    landing = SimpleNamespace(
        file=SimpleNamespace(src_uri="citta/index.md"),
        meta={},
        ancestors=[section],
        parent=section,
        is_index=True,
        title="Le 39 città",
    )
    assert search.page_marks(site, landing, "it")["names"] == "Città & comuni"
    inside = SimpleNamespace(**{**vars(landing), "is_index": False})
    assert search.page_marks(site, inside, "it")["names"] == ""
    same = SimpleNamespace(**{**vars(landing), "title": "città & COMUNI"})
    assert search.page_marks(site, same, "it")["names"] == ""  # its title says it already


def test_dialog_strings_exist_in_both_languages():
    italian, english = search.dialog("it"), search.dialog("en")
    assert italian.keys() == english.keys() and all(italian.values()) and all(english.values())
    assert "{n}" in italian["many"] and "{n}" in english["many"]


def test_dialog_hands_pagefind_its_options_as_json():
    """One owner (search.OPTIONS): the dialog's script and the judged query set read them back."""
    assert json.loads(search.dialog("it")["options"]) == search.OPTIONS
    assert search.OPTIONS["noWorker"] is True and "ranking" in search.OPTIONS


def test_lunr_files_are_materials_search_and_our_worker():
    files = [
        SimpleNamespace(src_uri=uri)
        for uri in (
            "assets/javascripts/lunr/min/lunr.it.min.js",
            "assets/javascripts/workers/cittamedie-search.js",
            "assets/javascripts/bundle.js",
            "programma/index.md",
        )
    ]
    assert [f.src_uri for f in search.lunr_files(files)] == [f.src_uri for f in files[:2]]


def test_pagefind_indexes_each_language_apart_and_only_the_marked_text(tmp_path: Path):
    pages = {
        "index.html": ("it", "Programma", "le innovazioni urbane", "Povertà"),
        "en/index.html": ("en", "Programme", "urban innovations", "Poverty"),
    }
    for name, (lang, title, text, theme) in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(
            PAGE.format(lang=lang, title=title, text=text, theme=theme), "utf-8"
        )
    (tmp_path / "404.html").write_text(
        '<html lang="it"><body><h1>Non trovata</h1></body></html>', "utf-8"
    )
    figures = search.index(tmp_path)
    assert figures["pages"] == {"it": 1, "en": 1}  # the 404 page has no data-pagefind-body
    assert figures["bytes"]["it"] > 0 and figures["bytes"]["en"] > 0
    bundle = tmp_path / search.BUNDLE
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-worker.js").exists()
    records = [
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
        for f in bundle.glob("fragment/*")
    ]
    by_lang = {r["url"]: r for r in records}
    assert by_lang["/"]["content"] == "Programma. le innovazioni urbane."  # no menu, no banner
    assert by_lang["/"]["filters"] == {"theme": ["Povertà"]} and by_lang["/en/"]["filters"] == {
        "theme": ["Poverty"]
    }
