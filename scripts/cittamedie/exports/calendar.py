"""The calendar of the accompaniment path (data/events.yml) as an RFC 5545 file, calendario.ics."""

from __future__ import annotations

import datetime as dt

from ..content.generated import CALENDAR_PAGE
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE
from ..content.model import Site


def calendar(site: Site, site_url: str) -> str:
    """All-day events, CRLF line ends, folded lines; titles and places in Italian, descriptions in
    every language."""
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
    page = site_url.rstrip("/") + "/" + site.url(CALENDAR_PAGE, SOURCE_LANGUAGE)
    for event in site.items("events"):
        end = dt.date.fromisoformat(event["end"]) + dt.timedelta(days=1)  # DTEND is exclusive
        description = " / ".join(event["description"][lang] for lang in LANGUAGES)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['id']}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event['start'].replace('-', '')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{ics_text(event['title'][SOURCE_LANGUAGE])}",
            f"LOCATION:{ics_text(event['place'][SOURCE_LANGUAGE])}",
            f"DESCRIPTION:{ics_text(description)}",
            f"URL:{page}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def ics_text(text: str) -> str:
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
