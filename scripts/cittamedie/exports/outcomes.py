"""A consultation's outcomes as open data (CC BY 4.0): one record per comment, with its paragraph,
its response in both languages and its outcome, as JSON and CSV, beside the outcomes page
(content/generated.py: esiti-consultazione/linee-guida-0-3.json, .csv). The same records make the
page (site/parts/outcomes.py), so the page and the data say the same.

A name is published only where its author agreed (consent); otherwise the record has none, and
the page says "a participant". An issue's address is published with its name only: the issue shows
its author's login, so without consent it is left out as the name is."""

from __future__ import annotations

import csv
import io
import json

from ..content.consultations import OUTCOMES, PARAGRAPH, Consultation
from ..content.languages import LANGUAGES
from ..content.model import Document, Site
from .opendata import csv_cell

FIELDS = (
    "id",
    "source",
    "date",
    "paragraph",
    *(f"paragraph_url_{lang}" for lang in LANGUAGES),
    "author",
    "text",
    *(f"response_{lang}" for lang in LANGUAGES),
    "outcome",
    "issue_url",
)


def paragraph_url(site: Site, doc: Document, version: str, paragraph: str | None, lang: str) -> str:
    """The site address of a paragraph (linee-guida/priorita/#p3-12): chapter C is the C-th of
    `chapters:` (markup/paragraphs.py). "" for the whole document, a chapter number the document
    does not have, a document that does not number its paragraphs, and an earlier version than the
    current one: numbers belong to a version, and the site shows the current text alone."""
    found = PARAGRAPH.fullmatch(paragraph or "")
    chapters = doc.chapters
    if not found or not doc.numbered or version != doc.meta.get("version"):
        return ""
    if not 1 <= int(found[1]) <= len(chapters):
        return ""
    key = chapters[int(found[1]) - 1]
    if site.shown(key, lang) is None:
        return ""
    return f"{site.url(key, lang)}#p{found[1]}-{found[2]}"


def records(site: Site, consultation: Consultation, site_url: str = "") -> list[dict]:
    """The comments as published, in the file's order (site_url: addresses made absolute)."""
    doc = site.documents[consultation.document]
    base = site_url.rstrip("/") + "/" if site_url else ""
    found = []
    for comment in consultation.comments:
        named = bool(comment["consent"]) and bool(comment.get("author"))
        response = comment.get("response") or {}
        urls = {
            lang: paragraph_url(site, doc, consultation.version, comment["paragraph"], lang)
            for lang in LANGUAGES
        }
        found.append(
            {
                "id": comment["id"],
                "source": comment["source"],
                "date": comment["date"],
                "paragraph": comment["paragraph"],
                **{f"paragraph_url_{lang}": base + u if u else "" for lang, u in urls.items()},
                "author": comment["author"] if named else None,
                "text": comment["text"],
                **{f"response_{lang}": str(response.get(lang) or "") for lang in LANGUAGES},
                "outcome": comment.get("outcome") if comment.get("outcome") in OUTCOMES else None,
                "issue_url": comment.get("url") if named else None,
            }
        )
    return found


def counts(rows: list[dict]) -> dict[str | None, int]:
    """How many comments have each outcome, in the list's order; None: no outcome yet."""
    found: dict[str | None, int] = dict.fromkeys((*OUTCOMES, None), 0)
    for row in rows:
        found[row["outcome"]] += 1
    return found


def as_json(doc: Document, version: str, rows: list[dict], publisher: dict | None = None) -> str:
    payload = {
        "licence": "CC-BY-4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        **(publisher or {}),
        "document": doc.id,
        "title": {lang: doc.title(lang) for lang in LANGUAGES},
        "version": version,
        "outcomes": list(OUTCOMES),
        "counts": {name or "pending": n for name, n in counts(rows).items()},
        "fields": list(FIELDS),
        "records": rows,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_csv(rows: list[dict]) -> str:
    """One row per comment, every cell quoted, a cell a spreadsheet would run as a formula led by
    an apostrophe (opendata.csv_cell, markup/formulas.py)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {name: csv_cell("" if value is None else value) for name, value in row.items()}
        )
    return buffer.getvalue()
