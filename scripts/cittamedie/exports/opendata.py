"""The catalogue as open data: one record per good practice, as JSON and CSV (CC BY 4.0), with the
publisher from the identity; its schema is content/schemas/open-data.schema.json."""

from __future__ import annotations

import csv
import io
import json

from ..content.languages import LANGUAGES
from ..content.model import Site
from ..markup.formulas import formula_lead

FIELDS = (
    "id",
    *(f"title_{lang}" for lang in LANGUAGES),
    *(f"summary_{lang}" for lang in LANGUAGES),
    "city",
    "region",
    "programme",
    "axis",
    "action",
    "period_start",
    "period_end",
    "budget_eur",
    *(f"budget_note_{lang}" for lang in LANGUAGES),
    "funding",
    "themes",
    "targets",
    "partners",
    "results",
    "confidence",
    "updated",
    *(f"url_{lang}" for lang in LANGUAGES),
    "sources",
)
PUBLISHER_FIELDS = tuple(
    f"publisher_{lang}" for lang in LANGUAGES
)  # CSV columns after the record's
LISTS = ("themes", "targets", "partners", "sources")  # joined with | in a CSV cell


def records(site: Site, site_url: str) -> list[dict]:
    base = site_url.rstrip("/") + "/"
    found = []
    for case in site.cases():
        shown = {lang: site.get(case.key, lang) or case for lang in LANGUAGES}
        meta = case.meta
        found.append(
            {
                "id": meta["id"],
                **{f"title_{lang}": shown[lang].meta.get("title") for lang in LANGUAGES},
                **{f"summary_{lang}": shown[lang].meta.get("summary") for lang in LANGUAGES},
                "city": meta["city"],
                "region": meta["region"],
                "programme": meta["programme"],
                "axis": meta.get("axis"),
                "action": meta.get("action"),
                "period_start": meta["period"].get("start"),
                "period_end": meta["period"].get("end"),
                "budget_eur": meta.get("budget_eur"),
                **{
                    f"budget_note_{lang}": shown[lang].meta.get("budget_note") for lang in LANGUAGES
                },
                "funding": meta.get("funding"),
                "themes": meta["themes"],
                "targets": meta["targets"],
                "partners": meta["partners"],
                "results": meta["results"],
                "confidence": meta["confidence"],
                "updated": meta["updated"],
                **{f"url_{lang}": base + site.url(case.key, lang) for lang in LANGUAGES},
                "sources": [source["url"] for source in meta["sources"]],
            }
        )
    return found


def as_json(rows: list[dict], publisher: dict | None = None) -> str:
    """publisher: the identity's open-data fields ({"publisher": {it, en}, "official": bool})."""
    payload = {
        "licence": "CC-BY-4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        **(publisher or {}),
        "schema": "buone-pratiche.schema.json",
        "fields": list(FIELDS + (PUBLISHER_FIELDS if publisher else ())),
        "records": rows,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_csv(rows: list[dict], publisher: dict | None = None) -> str:
    """One row per case; with the identity's fields, the publisher in each row (a CSV file travels alone).

    RFC 4180 with OWASP's advice on CSV injection: every text cell is quoted, and one a spreadsheet
    would run as a formula starts with an apostrophe (csv_cell). Numbers are the fields the schemas
    type as numbers (period, budget): written bare, never quoted or prefixed, so that a column of
    numbers, a negative one included, stays a column of numbers. A number written as text in a text
    field (`action: "-1"`) is text, and gets the apostrophe like any text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=FIELDS + (PUBLISHER_FIELDS if publisher else ()),
        lineterminator="\r\n",
        quoting=csv.QUOTE_NONNUMERIC,  # every cell quoted but the numbers
    )
    writer.writeheader()
    for record in rows:
        row = dict(record)
        if publisher:
            row.update({f"publisher_{lang}": publisher["publisher"][lang] for lang in LANGUAGES})
        for name in LISTS:
            row[name] = " | ".join(row[name])
        row["results"] = " | ".join(
            f"{r['indicator']}: {r['value']} {r['unit']} ({r['year']})" for r in record["results"]
        )
        writer.writerow({name: csv_cell(value) for name, value in row.items()})
    return buffer.getvalue()


def csv_cell(value):
    """A text cell that a spreadsheet would run as a formula (markup/formulas.py) starts with an
    apostrophe, which spreadsheets take as "this is text" and do not show. Numbers and empty cells
    are left as they are."""
    if isinstance(value, str) and formula_lead(value):
        return "'" + value
    return value
