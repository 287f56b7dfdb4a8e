"""The page of each of the 39 cities, built from the valid fixture (tests/fixtures/valid: Matera has
every field an adopting body fills in and a press figure, Olbia nothing): what the sources say,
each with its sources and reliability, press figures unverified, the administration's items or
"not yet published", the meetings, the programme's figures, in both languages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from ..conftest import FIXTURES, copy_tree
from .conftest import build


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tree = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp("cities") / "repo")
    result = build(tree)
    assert result.returncode == 0, result.stderr
    return tree / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def text_of(html: str) -> str:
    """The article's text, tags removed and blanks squeezed."""
    article = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", article)))


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        (
            "",
            [
                "Matera: regione Basilicata, provincia MT.",
                "La stampa riporta 5 milioni per Matera. (non verificato)",
                "Affidabilità: bassa: dati da verificare · Fonti: Giornale di prova",
                "Matera ha firmato il Protocollo. Affidabilità: alta · Fonti: Atto di prova",
                "Dotazione € 4.250.000,50 ( Decreto di prova )",
                "Centro servizi di prova: € 1.200.000 ( Decreto di prova )",
                "Firma del Protocollo d'Intesa 20 giugno 2023 ( Protocollo di prova )",
                "Ufficio Fondi europei di prova · fondi@example.org · https://example.org/ufficio",
                "Incontri in cui le fonti nominano la città: Incontro di Roma — 6 febbraio 2023",
                "Buone pratiche della città Un caso di prova Buone pratiche di Matera",
                "Il programma finanzia 12 progetti. Affidabilità: alta",
            ],
        ),
        (
            "en/",
            [
                "Matera: region Basilicata, province MT.",
                "The press reports 5 million for Matera. (unverified)",
                "Reliability: low: figures to be checked · Sources: Giornale di prova",
                "Allocation EUR 4,250,000.50 ( Decreto di prova )",
                "Signature of the Protocollo d'Intesa 20 June 2023 ( Protocollo di prova )",
                "Meetings where the sources name the city:",
                "The programme funds 12 projects. Reliability: high",
            ],
        ),
    ],
)
def test_a_city_with_facts_and_published_fields(site, prefix, expected):
    html = page(site, prefix + "citta/matera/")
    text = text_of(html)
    for sentence in expected:
        assert sentence in text, (sentence, text)
    assert "not yet published" not in text and "non ancora pubblicato" not in text
    assert 'href="https://example.org/giornale"' in html
    assert 'href="mailto:fondi@example.org"' in html
    assert 'href="../../percorso/#evento-roma"' in html  # the meeting, on the path's page
    # the edit link opens the data file the page is written from
    assert "/edit/main/data/city-details.yml" in html


@pytest.mark.parametrize(
    ("prefix", "missing", "nothing"),
    [
        ("", "non ancora pubblicato", "non dicono ancora nulla di specifico"),
        ("en/", "not yet published", "say nothing specific about this city yet"),
    ],
)
def test_a_city_with_nothing_says_not_yet_published(site, prefix, missing, nothing):
    html = page(site, prefix + "citta/olbia/")
    text = text_of(html)
    assert text.count(missing) == 4  # allocation, projects, Protocollo, contact
    assert nothing in text
    assert "SS:" in text  # the Sardinian province, said to be the one before the 2025 reform
    # the programme's figures are there, said as the programme's, on every city's page
    assert "12" in text


def test_what_every_city_page_repeats_is_out_of_the_search_index(site):
    """The programme's figures and the empty fields would make 39 pages answer for the programme;
    a city's own statements and published items are indexed."""
    olbia, matera = page(site, "citta/olbia/"), page(site, "citta/matera/")
    body = olbia[olbia.index("<article") : olbia.index("</article>")]
    sections = re.findall(r'<section class="cm-city-section"( data-pagefind-ignore="")?>', body)
    assert sections and all(sections)  # nothing of Olbia's is its own but the title and place
    body = matera[matera.index("<article") : matera.index("</article>")]
    sections = re.findall(r'<section class="cm-city-section"( data-pagefind-ignore="")?>', body)
    assert sections.count("") == 3  # its statements, its items, its meetings


def test_city_pages_are_in_the_sitemap_and_out_of_the_menu(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "/citta/matera/</loc>" in sitemap and "/en/citta/olbia/</loc>" in sitemap
    home = page(site, "")
    assert 'href="citta/matera/"' not in home  # 39 entries more would grow every page's menu
