"""The calendar of the accompaniment path (data/events.yml) as an RFC 5545 file, calendario.ics.

Written by the `icalendar` library, which knows the format's rules (TEXT escaping, CRLF line ends,
lines folded at 75 octets without splitting a character), so that no field can end a line or
start a property of its own."""

from __future__ import annotations

import datetime as dt
import re

import icalendar

from ..content.generated import CALENDAR_PAGE
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE
from ..content.model import Site

# What would end a line for some reader, and the other controls RFC 5545 TEXT leaves out. The
# validator refuses them in titles and places (common.schema.json, `line-break`); a build with
# validation off must not write them either: a line end becomes one escaped by the library (`\n`),
# any other control is dropped.
_LINE_ENDS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f]")


def calendar(site: Site, site_url: str, stamp: dt.datetime) -> str:
    """All-day events; titles and places in Italian, descriptions in every language. stamp: when
    the file was made (DTSTAMP), the build's time (history/stamp.py), so a rebuild writes the same."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//PN Metro Plus Citta Medie Sud//site//IT")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Città Medie Sud – percorso")
    host = site_url.split("//")[-1].split("/")[0] or "cittamedie.invalid"
    page = site_url.rstrip("/") + "/" + site.url(CALENDAR_PAGE, SOURCE_LANGUAGE)
    for item in site.items("events"):
        event = icalendar.Event()
        event.add("uid", f"{item['id']}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.date.fromisoformat(item["start"]))
        # DTEND is exclusive: the day after the last one
        event.add("dtend", dt.date.fromisoformat(item["end"]) + dt.timedelta(days=1))
        event.add("summary", ics_text(item["title"][SOURCE_LANGUAGE]))
        event.add("location", ics_text(item["place"][SOURCE_LANGUAGE]))
        event.add(
            "description",
            ics_text(" / ".join(item["description"][lang] for lang in LANGUAGES)),
        )
        event.add("url", page)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def ics_text(text: str) -> str:
    """A field's text as RFC 5545 TEXT holds it: every kind of line end one `\\n` (the library
    escapes it), no other control character."""
    return _CONTROLS.sub("", _LINE_ENDS.sub("\n", text))
