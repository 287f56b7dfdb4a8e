"""The real content, built once: both languages, alternates, the search index, generated parts."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml

from ..conftest import REPO

SKIP = (
    "assets/",
    "pagefind/",
    "schemas/",
    "pdf/",
    "offline/",
    "traduzioni/",
    "en/traduzioni/",
)  # the status page for editors: noindex, not in Pagefind (test_translation_by_section.py)


def pages(site: Path, english: bool) -> set[str]:
    """Site-relative folders of the HTML pages of one language."""
    found = set()
    for html in site.rglob("index.html"):
        rel = html.parent.relative_to(site).as_posix() + "/"
        rel = "" if rel == "./" else rel
        if (
            rel.startswith(SKIP)
            or rel.startswith("en/") != english
            and not (english and rel == "en/")
        ):
            continue
        if english:
            rel = rel.removeprefix("en/")
        found.add(rel)
    return found


def data(name: str) -> list[dict]:
    loaded = yaml.safe_load((REPO / "data" / f"{name}.yml").read_text("utf-8"))
    return loaded[{"glossary": "terms", "city-details": "cities"}.get(name, name)]


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_every_page_exists_in_both_languages(built_site):
    italian, english = pages(built_site, False), pages(built_site, True)
    assert len(italian) > 40
    assert italian == english


@pytest.mark.parametrize("prefix, lang", [("", "it"), ("en/", "en")])
def test_pages_have_language_alternates_and_footer(built_site, prefix, lang):
    notice = "Sito informativo, non ufficiale" if lang == "it" else "Informative site, not official"
    for rel in sorted(pages(built_site, lang == "en")):
        text = html(built_site, prefix + rel)
        assert f'<html lang="{lang}"' in text, rel
        for code, target in (("it", rel), ("en", "en/" + rel), ("x-default", rel)):
            assert f'hreflang="{code}" href="https://cittamedie.example.org/{target}"' in text, (
                rel,
                code,
            )
        # the default identity is an informative site: it says so and claims no EU co-funding;
        # pages may still quote the statement as text: the Guidelines explain the programme's rules)
        footer = text.split('<div class="md-copyright cm-funding">', 1)[1].split("</div>", 1)[0]
        assert notice in footer, rel
        assert "cm-eu-text" not in text and "cm-eu-emblem" not in text, rel


def test_404_page_in_each_language(built_site):
    assert '<html lang="it"' in (built_site / "404.html").read_text("utf-8")
    assert '<html lang="en"' in (built_site / "en" / "404.html").read_text("utf-8")


def test_pagefind_indexes_every_page_once_per_language_and_nothing_else(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"it", "en"}  # one index per <html lang>, stemmed by Pagefind
    for lang in ("it", "en"):
        assert entry["languages"][lang]["page_count"] == len(pages(built_site, lang == "en")), lang
        assert (built_site / "pagefind" / f"wasm.{lang}.pagefind").is_file()
    shared = {
        p.name
        for p in (built_site / "pagefind").iterdir()
        if p.is_file() and not re.search(r"\.(it|en)[_.]", p.name)
    }
    assert shared == {
        "pagefind.js",
        "pagefind-entry.json",
    }  # Pagefind's own interfaces removed: the dialog is ours


def test_the_served_site_has_no_lunr_search(built_site):
    assert not (built_site / "search").exists() and not (built_site / "en" / "search").exists()
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    assert not (built_site / "assets" / "javascripts" / "workers").exists()
    assert "md-search__input" not in html(built_site, "programma/")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pages_mark_what_pagefind_reads(built_site, prefix):
    for rel in sorted(pages(built_site, prefix == "en/")):
        text = html(built_site, prefix + rel)
        assert text.count("data-pagefind-body") == 1, rel
        assert text.count("cm-search-open") == 1 and 'aria-labelledby="cm-search-title"' in text, (
            rel
        )
    case = html(built_site, prefix + "buone-pratiche/ba-urbis/")
    for name in ("theme", "city", "programme"):
        assert f'data-pagefind-filter="{name}"' in case, name
    assert '<span data-pagefind-meta="section">' in case
    for page in ("404.html", "en/404.html"):
        text = (built_site / page).read_text("utf-8")
        assert "data-pagefind-body" not in text and "cm-search-open" in text, page


def test_pages_using_fesr_are_found_by_erdf(built_site):
    """Glossary synonyms: metadata that Pagefind searches and no excerpt shows."""
    text = html(built_site, "linee-guida/aree-tematiche/")
    assert re.search(r'<span data-pagefind-meta="also">FESR \(ERDF\)', text)


def indexed(site: Path) -> dict[str, str]:
    """The text Pagefind indexed for each page (its fragments: gzip, a signature, JSON), by address."""
    texts = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        texts[fragment["url"]] = fragment["content"]
    return texts


def test_search_indexes_a_pages_own_text_not_the_sites_furniture(built_site):
    """Menus, header and footer, the skip link, a document's banner and PDF link, the page end
    (last update, report a problem): none is in what Pagefind indexed, the page's text is."""
    texts = indexed(built_site)
    page = texts["/en/linee-guida/processo/"]
    assert "The path of the Southern Medium-sized Cities" in page  # its own text
    for furniture in (
        "Skip to content",
        "Draft document",
        "Download the PDF",
        "Last updated",
        "Report a problem",
        "Search the site",
    ):
        assert furniture not in page, furniture
    italian = texts["/linee-guida/processo/"]
    assert "Vai al contenuto" not in italian and "Scarica il PDF" not in italian


def test_an_english_page_is_found_by_its_italian_title(built_site):
    """The official name: Protocollo di Intesa on The Memorandum of Understanding (metadata
    `names`); an Italian page carries no English title. The section's landing page carries the
    section's name in the menu (the document's title) too. Metadata, not text: no excerpt shows it."""
    names = re.compile(r'<span data-pagefind-meta="names">([^<]*)</span>')
    english = names.findall(html(built_site, "en/protocollo-intesa/"))
    assert english and english[0].startswith("Il Protocollo di Intesa. The Memorandum")
    italian = names.findall(html(built_site, "protocollo-intesa/"))
    assert italian == ["Il Protocollo di Intesa con le Città Medie Sud: pagina informativa"]
    assert names.findall(html(built_site, "protocollo-intesa/modello/")) == []
    page = indexed(built_site)["/en/protocollo-intesa/"]
    assert "Il Protocollo di Intesa. The Memorandum" not in page and "ERDF (FESR). ESF+" not in page


def test_cities_page_lists_all_39_by_region_each_linked_to_its_page(built_site):
    cities = data("cities")
    assert len(cities) == 39
    for prefix in ("", "en/"):
        text = html(built_site, prefix + "citta/")
        listed = {}  # region → [(address, name)] as the page groups them
        for region, items in re.findall(
            r'<section class="cm-item" data-regione="([a-z-]+)">(.*?)</section>', text, re.S
        ):
            listed[region] = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span', items)
        expected = {}
        for city in cities:
            slug = city["region"].lower()
            expected.setdefault(slug, []).append((f"{city['id']}/", city["name"]))
        assert {r: sorted(v) for r, v in listed.items()} == {
            r: sorted(v) for r, v in expected.items()
        }
        for city in cities:  # each link leads to the city's page, in the same language
            page = html(built_site, f"{prefix}citta/{city['id']}/")
            assert f'<html lang="{prefix[:2] or "it"}"' in page


def test_city_pages_say_what_the_sources_say_and_what_is_not_published(built_site):
    """Benevento: a press figure, unverified; a city the sources say nothing of: not published."""
    details = {entry["id"]: entry for entry in data("city-details")}
    page = unescape(html(built_site, "citta/benevento/"))
    assert "circa 8 milioni di euro" in page and "(non verificato)" in page
    assert 'href="https://www.ottopagine.it/bn/attualita/342498/' in page
    english = unescape(html(built_site, "en/citta/benevento/"))
    assert "about EUR 8 million" in english and "(unverified)" in english
    quiet = next(c["id"] for c in data("cities") if c["id"] not in details)
    assert unescape(html(built_site, f"citta/{quiet}/")).count("non ancora pubblicato") == 4
    assert unescape(html(built_site, f"en/citta/{quiet}/")).count("not yet published") == 4
    assert "Decreto n. 27/2025" in unescape(html(built_site, f"citta/{quiet}/"))


def test_calendar_parses_and_holds_every_event(built_site):
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical((built_site / "calendario.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    expected = data("events")
    assert set(events) == {e["id"] for e in expected}
    for item in expected:
        event = events[item["id"]]
        assert event.decoded("DTSTART") == item["start"]
        assert (event.decoded("DTEND") - item["end"]).days == 1  # all-day: DTEND is the day after
    assert 'href="../calendario.ics"' in html(built_site, "percorso/")


def test_drafts_carry_a_banner_and_every_page_shows_its_sources(built_site):
    for rel in ("linee-guida/", "linee-guida/priorita/", "protocollo-intesa/modello/"):
        assert "cm-banner cm-draft" in html(built_site, rel)
        assert "Documento in bozza, non ufficiale" in html(built_site, rel)
        assert "Draft document, not official" in html(built_site, "en/" + rel)
    assert "cm-banner" not in html(built_site, "programma/")
    for rel in pages(built_site, False):
        # generated index and versions pages have no sources of their own; a city's page gives
        # each statement its sources ("Le 39 città", citta/, is a page of docs/ with its own)
        generated = rel.startswith(("buone-pratiche/tema/", "buone-pratiche/citta/"))
        if (
            generated
            or rel.endswith("/versioni/")
            or (rel.startswith("citta/") and rel != "citta/")
        ):
            continue
        assert 'id="fonti"' in html(built_site, rel), rel
        assert 'id="fonti"' in html(built_site, "en/" + rel), rel


def test_every_document_page_links_its_pdf_in_its_language(built_site):
    documents = {
        "linee-guida": "linee-guida",
        "protocollo-intesa": "protocollo-intesa",
        "buone-pratiche": "buone-pratiche",
    }
    for rel in pages(built_site, False):
        folder = rel.split("/")[0]
        if folder not in documents or rel.startswith(
            ("buone-pratiche/tema/", "buone-pratiche/citta/")
        ):
            continue
        for prefix, lang in (("", "it"), ("en/", "en")):
            text = html(built_site, prefix + rel)
            # a case's link opens the catalogue's PDF at that case
            case = folder == "buone-pratiche" and rel.count("/") == 2
            at = f"#buone-pratiche-{rel.split('/')[1]}" if case else ""
            assert re.search(rf'href="(\.\./)+pdf/{documents[folder]}-{lang}\.pdf{at}"', text), (
                prefix + rel
            )


def test_acronyms_render_as_abbr_with_a_title(built_site):
    text = html(built_site, "programma/")
    assert re.search(r'<abbr title="Autorità di Gestione">AdG</abbr>', text)
    assert re.search(
        r'<abbr title="Managing Authority">AdG</abbr>', html(built_site, "en/programma/")
    )


def test_catalogue_and_indexes_list_every_case_in_both_languages(built_site):
    cases = sorted(
        p.stem
        for p in (REPO / "good-practices").glob("*.md")
        if "." not in p.stem and p.stem != "index"
    )
    assert len(cases) >= 13
    for prefix in ("", "en/"):
        catalogue = html(built_site, prefix + "buone-pratiche/")
        for case in cases:
            assert f'href="{case}/"' in catalogue, (prefix, case)
            page = html(built_site, f"{prefix}buone-pratiche/{case}/")
            assert 'class="cm-facts"' in page
            facts = page.split('class="cm-facts"', 1)[1].split("</table>", 1)[
                0
            ]  # not the menu's entry points
            for link in re.findall(r'href="(\.\./(?:tema|citta)/[a-z-]+/)"', facts):
                index = html(
                    built_site, f"{prefix}buone-pratiche/{case}/{link}".replace(f"{case}/../", "")
                )
                assert f'href="../../{case}/"' in index, (case, link)


def test_open_data_matches_the_pages(built_site):
    payload = json.loads((built_site / "buone-pratiche" / "buone-pratiche.json").read_text("utf-8"))
    rows = list(
        csv.DictReader(
            io.StringIO((built_site / "buone-pratiche" / "buone-pratiche.csv").read_text("utf-8"))
        )
    )
    cases = sorted(
        p.stem
        for p in (REPO / "good-practices").glob("*.md")
        if "." not in p.stem and p.stem != "index"
    )
    assert payload["licence"] == "CC-BY-4.0"
    assert sorted(r["id"] for r in payload["records"]) == cases == sorted(r["id"] for r in rows)
    for record, row in zip(
        sorted(payload["records"], key=lambda r: r["id"]),
        sorted(rows, key=lambda r: r["id"]),
        strict=True,
    ):
        assert (
            str(record["budget_eur"] if record["budget_eur"] is not None else "")
            == row["budget_eur"]
        )
        page = html(built_site, f"buone-pratiche/{record['id']}/")
        shown = re.search(r"Risorse</th><td>€ ([\d.,]+)", page)
        if record["budget_eur"] is None:
            assert shown is None and "Risorse</th><td>non noto" in page
        else:
            assert float(shown[1].replace(".", "").replace(",", ".")) == record["budget_eur"], (
                record["id"]
            )
    schema = json.loads(
        (built_site / "buone-pratiche" / "buone-pratiche.schema.json").read_text("utf-8")
    )
    jsonschema.validate(payload, schema)
    record_fields = list(schema["properties"]["records"]["items"]["properties"])
    assert list(rows[0]) == payload["fields"] == [*record_fields, "publisher_it", "publisher_en"]


def test_no_third_party_address_in_any_page(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert (
            "fonts.googleapis" not in text
            and "fonts.gstatic" not in text
            and "unpkg.com" not in text
        ), page
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', text):
            assert src.startswith("https://cittamedie.example.org/"), (page, src)


class _BudgetNotes(HTMLParser):
    """The budget notes of a catalogue's cards: {case's address: note text}."""

    def __init__(self):
        super().__init__()
        self.notes, self._case, self._in_note, self._in_summary = {}, None, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._case = None
        elif tag == "a" and self._case is None and attrs.get("href"):
            self._case = attrs["href"]
        elif tag == "details" and "cm-budget-note" in (attrs.get("class") or ""):
            self._in_note = True
            self.notes[self._case] = ""
        elif tag == "summary" and self._in_note:
            self._in_summary = True

    def handle_endtag(self, tag):
        if tag == "details":
            self._in_note = False
        elif tag == "summary":
            self._in_summary = False

    def handle_data(self, text):
        if self._in_note and not self._in_summary:
            self.notes[self._case] += text


def test_a_budget_travels_with_its_note_to_the_card_and_the_open_data(built_site):
    """A case's budget_note (what the figure covers: Bologna's 6.6 M is a whole 2018 package) is
    on its catalogue card and in the open data, in each language, beside the figure."""
    payload = json.loads((built_site / "buone-pratiche" / "buone-pratiche.json").read_text("utf-8"))
    rows = {
        row["id"]: row
        for row in csv.DictReader(
            io.StringIO((built_site / "buone-pratiche" / "buone-pratiche.csv").read_text("utf-8"))
        )
    }
    with_note = 0
    for record in payload["records"]:
        for lang, suffix, prefix in (("it", ".md", ""), ("en", ".en.md", "en/")):
            text = (REPO / "good-practices" / f"{record['id']}{suffix}").read_text("utf-8")
            note = yaml.safe_load(text.split("---", 2)[1]).get("budget_note")
            assert record[f"budget_note_{lang}"] == note, (record["id"], lang)
            assert rows[record["id"]][f"budget_note_{lang}"] == (note or ""), (record["id"], lang)
            cards = _BudgetNotes()
            cards.feed(html(built_site, prefix + "buone-pratiche/"))
            assert cards.notes.get(f"{record['id']}/") == note, (record["id"], lang)
            with_note += bool(note)
    assert with_note >= 2
    scuole = next(r for r in payload["records"] if r["id"] == "bo-scuole-di-quartiere")
    assert scuole["budget_eur"] == 6600000
    assert "2018" in scuole["budget_note_it"] and "2018" in scuole["budget_note_en"]


class _PolicyFirst(HTMLParser):
    """The start tags of a page's head, in order, as (tag, http-equiv)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs).get("http-equiv") or ""))


def test_every_page_carries_one_policy_before_any_script(built_site):
    """site/csp.py: every HTML page the build writes, the 404 pages too, has the policy's <meta>
    once, before its first <script>, with the hashes of its inline scripts."""
    for page in built_site.rglob("*.html"):
        tags = _PolicyFirst(page.read_text("utf-8")).tags
        metas = [i for i, tag in enumerate(tags) if tag == ("meta", "Content-Security-Policy")]
        scripts = [i for i, (tag, _) in enumerate(tags) if tag == "script"]
        assert len(metas) == 1 and metas[0] < scripts[0], page
        assert "sha256-" in page.read_text("utf-8"), page
