"""A consultation's outcomes, built: the page in both languages (counts by outcome, the comments
paragraph by paragraph with a name only where its author agreed, the response, the outcome, the
links to the paragraphs), its open data in JSON and CSV, and the downloads page that lists them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ..consultation_tree import FILE, make_tree
from .conftest import build, write_download_pages

PAGE = "esiti-consultazione/guida-0-1"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tree = make_tree(tmp_path_factory.mktemp("outcomes"))
    path = tree / FILE  # a comment a spreadsheet would run as a formula
    path.write_text(
        path.read_text("utf-8").replace(
            "text: 'Un commento su tutto il testo: grazie.'", "text: '=1+1 grazie.'"
        ),
        "utf-8",
    )
    write_download_pages(tree)
    result = build(tree)
    assert result.returncode == 0, result.stderr
    return tree / "site"


def text_of(site, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_the_page_counts_the_outcomes_and_lists_the_comments_by_paragraph(site):
    html = text_of(site, PAGE)
    assert "<h1" in html and "Esiti della consultazione: Guida di prova, versione 0.1</h1>" in html
    assert '<tr><th scope="row">accolto</th><td>3</td></tr>' in html
    assert '<tr><th scope="row">accolto in parte</th><td>1</td></tr>' in html
    assert '<tr><th scope="row">non accolto</th><td>2</td></tr>' in html
    assert '<tr><th scope="row">Totale</th><td>7</td></tr>' in html
    # the whole document first, then the paragraphs in the document's order
    whole, first, second = (
        html.index(f'<h2 id="{anchor}"')
        for anchor in ("esito-documento", "esito-p1-1", "esito-p2-1")
    )
    assert whole < first < second
    assert '<a href="../../guida/capitolo/#p2-1">Leggi il paragrafo 2.1</a>' in html
    assert "<h3>Osservazione di lettrice-attenta</h3>" in html
    assert "<h3>Osservazione di Mario Rossi</h3>" in html
    assert html.count("<h3>Osservazione di un partecipante</h3>") == 2
    assert "Giulia" not in html
    assert not any(f"{name}@example.org" in html for name in ("anna", "mario", "giulia"))
    assert '<a href="https://github.com/example/cittamedie/issues/12">inviata su GitHub</a>' in html
    assert "<p><strong>Esito:</strong> accolto in parte</p>" in html
    assert "Risposta della redazione: accolto-in-parte." in html
    english = text_of(site, f"en/{PAGE}")
    assert "Consultation outcomes: Test guide, version 0.1</h1>" in english
    assert "<h3>Comment from a participant</h3>" in english
    assert "The editors answer: accolto-in-parte." in english
    assert "<p><strong>Outcome:</strong> partly accepted</p>" in english
    assert '<a href="../../guida/capitolo/#p2-1">Read paragraph 2.1</a>' in english


def test_the_open_data_say_the_same_without_names_where_no_consent(site):
    data = json.loads((site / f"{PAGE}.json").read_text("utf-8"))
    assert data["licence"] == "CC-BY-4.0" and data["version"] == "0.1"
    assert data["counts"] == {
        "accolto": 3,
        "accolto-in-parte": 1,
        "non-accolto": 2,
        "fuori-ambito": 1,
        "pending": 0,
    }
    records = {r["id"]: r for r in data["records"]}
    assert len(records) == 7
    assert records["issue-12"]["author"] == "lettrice-attenta"
    assert records["issue-12"]["paragraph_url_en"].endswith("/en/guida/capitolo/#p2-1")
    assert records["email-e6bf8eeb3e49"]["author"] is None
    assert records["email-e6bf8eeb3e49"]["issue_url"] is None
    rows = list(csv.DictReader(io.StringIO((site / f"{PAGE}.csv").read_text("utf-8"))))
    assert [r["id"] for r in rows] == [r["id"] for r in data["records"]]
    assert rows[-1]["text"] == "'=1+1 grazie."  # a formula, neutralised
    assert rows[-1]["outcome"] == "non-accolto" and rows[-1]["author"] == ""


def test_the_downloads_page_lists_the_open_data(site):
    html = text_of(site, "download")
    assert "<caption>Esiti delle consultazioni, dati aperti</caption>" in html
    assert '<a href="../esiti-consultazione/guida-0-1/">Esiti della consultazione' in html
    assert '<a href="../esiti-consultazione/guida-0-1.json">JSON</a>' in html
    english = text_of(site, "en/download")
    assert '<a href="../../esiti-consultazione/guida-0-1.csv">CSV</a>' in english
