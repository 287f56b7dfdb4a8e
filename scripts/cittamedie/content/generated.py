"""Files the build generates from the content model: index pages, calendar, open data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from .model import LANGUAGES, VERSIONS_PAGE, Document, Site, slugify
from .schema import schema_files
from .strings import t

CALENDAR = "calendario.ics"
OPEN_DATA = "buone-pratiche/buone-pratiche"  # + .json, .csv, .schema.json
PDF_DIR = "pdf"
OFFLINE_ZIP = "offline/cittamedie-sud-offline.zip"
WHOLE_GUIDE = "guida-completa"
CATALOGUE_PDF = "buone-pratiche"
CATALOGUE_PAGE = "buone-pratiche/index.md"


def practices(site: Site, lang: str):
    return site.of_kind("good-practice", lang)


def theme_page(theme_id: str) -> str:
    return f"buone-pratiche/tema/{theme_id}.md"


def city_page(city: str) -> str:
    return f"buone-pratiche/citta/{slugify(city)}.md"


def generated_pages(site: Site) -> dict[str, dict[str, str]]:
    """key → {lang: title} of the index pages written by the build."""
    pages = {theme_page(t["id"]): t["title"] for t in site.items("themes") if "id" in t}
    for source in site.of_kind("good-practice", "it"):
        city = source.meta.get("city")
        if isinstance(city, str):
            pages[city_page(city)] = {lang: city for lang in LANGUAGES}
    pages.update(
        {
            key: {lang: t("versions.title", lang) for lang in LANGUAGES}
            for key in versions_pages(site)
        }
    )
    return pages


def versions_pages(site: Site) -> dict[str, Document]:
    """Key of the versions page of each document that lists its versions → the document."""
    return {
        f"{doc.folder}/{VERSIONS_PAGE}.md": doc
        for doc in site.documents.values()
        if doc.meta.get("versions")
    }


def earlier_pdfs(doc: Document) -> list[tuple[dict, str]]:
    """(version entry, PDF base name) of each published version before the current one, which
    keeps the stable name: linee-guida-0.1 (+ -it.pdf, -en.pdf)."""
    base = doc.meta.get("pdf") or doc.id
    return [
        (entry, f"{base}-{entry['version']}") for entry in (doc.meta.get("versions") or [])[:-1]
    ]


def pdf_names(site: Site) -> list[str]:
    """Base names of the PDFs, one per document, plus the catalogue and the whole guide."""
    names = [doc.meta.get("pdf") or doc.id for doc in site.documents.values()]
    return names + [CATALOGUE_PDF, WHOLE_GUIDE]


def generated_files(site: Site) -> set[str]:
    """Site paths of every file the build writes besides pages (links to them are valid)."""
    files = {
        CALENDAR,
        f"{OPEN_DATA}.json",
        f"{OPEN_DATA}.csv",
        f"{OPEN_DATA}.schema.json",
        OFFLINE_ZIP,
    }
    files.update(f"schemas/{name}" for name in schema_files())
    names = pdf_names(site) + [
        name for doc in site.documents.values() for _, name in earlier_pdfs(doc)
    ]
    for name in names:
        files.update(f"{PDF_DIR}/{name}-{lang}.pdf" for lang in LANGUAGES)
    return files


def calendar(site: Site, site_url: str) -> str:
    """RFC 5545 calendar of data/events.yml: all-day events, CRLF line ends, folded lines."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//PN Metro Plus Citta Medie Sud//site//IT",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Città Medie Sud – percorso",
    ]
    host = site_url.split("//")[-1].split("/")[0] or "cittamedie.invalid"
    for event in site.items("events"):
        end = dt.date.fromisoformat(event["end"]) + dt.timedelta(days=1)  # DTEND is exclusive
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['id']}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event['start'].replace('-', '')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(event['title']['it'])}",
            f"LOCATION:{_ics_text(event['place']['it'])}",
            f"DESCRIPTION:{_ics_text(event['description']['it'] + ' / ' + event['description']['en'])}",
            f"URL:{site_url.rstrip('/')}/percorso/",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ics_text(text: str) -> str:
    """RFC 5545 TEXT: a carriage return in a field would start a calendar line of its own."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)


OPEN_DATA_FIELDS = (
    "id",
    "title_it",
    "title_en",
    "summary_it",
    "summary_en",
    "city",
    "region",
    "programme",
    "axis",
    "action",
    "period_start",
    "period_end",
    "budget_eur",
    "funding",
    "themes",
    "targets",
    "partners",
    "results",
    "confidence",
    "updated",
    "url_it",
    "url_en",
    "sources",
)


def open_data_records(site: Site, site_url: str) -> list[dict]:
    records = []
    base = site_url.rstrip("/") + "/"
    for it in practices(site, "it"):
        en = site.get(it.key, "en") or it
        m = it.meta
        records.append(
            {
                "id": m["id"],
                "title_it": m["title"],
                "title_en": en.meta.get("title"),
                "summary_it": m["summary"],
                "summary_en": en.meta.get("summary"),
                "city": m["city"],
                "region": m["region"],
                "programme": m["programme"],
                "axis": m.get("axis"),
                "action": m.get("action"),
                "period_start": m["period"].get("start"),
                "period_end": m["period"].get("end"),
                "budget_eur": m.get("budget_eur"),
                "funding": m.get("funding"),
                "themes": m["themes"],
                "targets": m["targets"],
                "partners": m["partners"],
                "results": m["results"],
                "confidence": m["confidence"],
                "updated": m["updated"],
                "url_it": base + site.url(it.key, "it"),
                "url_en": base + site.url(it.key, "en"),
                "sources": [s["url"] for s in m["sources"]],
            }
        )
    return records


PUBLISHER_FIELDS = ("publisher_it", "publisher_en")  # CSV columns after the record's fields


def open_data_json(records: list[dict], publisher: dict | None = None) -> str:
    """publisher: the identity's open-data fields ({"publisher": {it, en}, "official": bool})."""
    payload = {
        "licence": "CC-BY-4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        **(publisher or {}),
        "schema": "buone-pratiche.schema.json",
        "fields": list(OPEN_DATA_FIELDS + (PUBLISHER_FIELDS if publisher else ())),
        "records": records,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _csv_cell(value):
    """Text a spreadsheet would run as a formula (=, +, @, tab) starts with an apostrophe (OWASP)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    return value


def open_data_csv(records: list[dict], publisher: dict | None = None) -> str:
    """One row per case; with the identity's fields, the publisher in each row (a CSV file travels alone)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=OPEN_DATA_FIELDS + (PUBLISHER_FIELDS if publisher else ()),
        lineterminator="\r\n",
    )
    writer.writeheader()
    for record in records:
        row = dict(record)
        if publisher:
            row.update(
                publisher_it=publisher["publisher"]["it"], publisher_en=publisher["publisher"]["en"]
            )
        for name in ("themes", "targets", "partners", "sources"):
            row[name] = " | ".join(row[name])
        row["results"] = " | ".join(
            f"{r['indicator']}: {r['value']} {r['unit']} ({r['year']})" for r in record["results"]
        )
        writer.writerow({name: _csv_cell(value) for name, value in row.items()})
    return buffer.getvalue()
