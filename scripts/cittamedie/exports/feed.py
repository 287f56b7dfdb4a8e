"""One Atom 1.0 feed per language of what changed (feed-it.xml, feed-en.xml): each published version
of a document (its summary, a link to its section of the versions page), each page at its front
matter's `updated` (a new entry when the date moves), each event of the path (data/events.yml).

Written from a Jinja template with autoescape (templates/feed.xml) rather than a feed library:
every date and id comes from the content, so the same content gives the same bytes on any machine
and at any time (no clock, no generator version in the file); the template is the whole format,
readable at a glance, and the test parses what it writes with feedparser. Entry ids are tag: URIs
(RFC 4151) named by the entry's own date, so they never change once published.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from ..content.generated import CALENDAR_PAGE, feed_file, versions_pages
from ..content.identity import Identity
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE
from ..content.model import Site
from ..content.strings import date, t
from ..markup.furniture import without_invisible

TEMPLATE = resources.files(__package__) / "templates" / "feed.xml"
HOME_PAGE = "index.md"  # the home page lists what changed: not an entry of its own
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What XML 1.0 cannot hold at all (a build with validation off must still write a valid file)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    date: str  # YYYY-MM-DD, from the content
    kind: str  # version, page, event: the tag's first word
    name: str  # what the entry is about, unique within its kind and date
    title: str
    link: str  # site-relative address
    summary: str


def entries(site: Site, lang: str) -> list[Entry]:
    """What changed, newest first (then by title, then by id: the order never depends on the disk)."""
    found = _versions(site, lang) + _pages(site, lang) + _events(site, lang)
    found.sort(key=lambda e: (e.title.casefold(), e.kind, e.name))
    found.sort(key=lambda e: e.date, reverse=True)
    return found


def feed(site: Site, identity: Identity, site_url: str, lang: str) -> str:
    base = site_url.rstrip("/") + "/" if site_url else "/"
    host = urlsplit(base).hostname or "cittamedie.invalid"
    items = entries(site, lang)
    template = jinja2.Template(
        TEMPLATE.read_text("utf-8"), autoescape=True, keep_trailing_newline=True
    )
    return template.render(
        lang=lang,
        title=_text(t("feed.title", lang)),
        subtitle=_text(t("feed.subtitle", lang)),
        author=_text(identity.author(lang)),
        self_href=base + feed_file(lang),
        home=base + site.url(HOME_PAGE, lang),
        updated=_stamp(items[0].date) if items else "1970-01-01T00:00:00Z",
        entries=[
            {
                "id": f"tag:{host},{e.date}:{lang}/{e.kind}/{quote(e.name, safe='/.-_')}",
                "title": _text(e.title),
                "href": base + e.link,
                "updated": _stamp(e.date),
                "summary": _text(e.summary),
            }
            for e in items
        ],
    )


def write_feeds(site: Site, identity: Identity, site_url: str, site_dir: Path) -> dict[str, int]:
    """Every language's feed; the entries of each (the build's log prints them)."""
    counts = {}
    for lang in LANGUAGES:
        (site_dir / feed_file(lang)).write_text(feed(site, identity, site_url, lang), "utf-8")
        counts[lang] = len(entries(site, lang))
    return counts


def _versions(site: Site, lang: str) -> list[Entry]:
    found = []
    for key, doc in versions_pages(site).items():
        for v in doc.meta.get("versions") or []:
            if not (isinstance(v, dict) and _is_date(v.get("date")) and v.get("version")):
                continue
            summary = v.get("summary")
            number = str(v["version"])
            anchor = "versione-" + number.replace(".", "-")  # site/parts/versions.py: anchor
            found.append(
                Entry(
                    date=v["date"],
                    kind="version",
                    name=f"{doc.folder}/{number}",
                    title=t("feed.version", lang, document=doc.title(lang), version=number),
                    link=f"{site.url(key, lang)}#{anchor}",
                    summary=summary.get(lang, "") if isinstance(summary, dict) else "",
                )
            )
    return found


def _pages(site: Site, lang: str) -> list[Entry]:
    found = []
    for source in site.in_language(SOURCE_LANGUAGE):
        if not source.ok or source.key == HOME_PAGE or not _is_date(source.meta.get("updated")):
            continue
        shown = site.shown(source.key, lang)
        if shown is None:
            continue
        description = shown.meta.get("description")
        found.append(
            Entry(
                date=source.meta["updated"],
                kind="page",
                name=source.key.removesuffix(".md"),
                title=t("feed.page", lang, page=shown.title),
                link=site.url(source.key, lang),
                summary=description if isinstance(description, str) else "",
            )
        )
    return found


def _events(site: Site, lang: str) -> list[Entry]:
    page = site.url(CALENDAR_PAGE, lang) if site.get(CALENDAR_PAGE, SOURCE_LANGUAGE) else ""
    found = []
    for item in site.items("events"):
        start, end = str(item.get("start", "")), str(item.get("end", ""))
        if not (_is_date(start) and _is_date(end) and isinstance(item.get("id"), str)):
            continue
        when = date(start, lang) if start == end else f"{date(start, lang)} – {date(end, lang)}"
        found.append(
            Entry(
                date=start,
                kind="event",
                name=item["id"],
                title=_field(item, "title", lang),
                link=f"{page}#evento-{item['id']}" if page else "",
                summary=t(
                    "feed.event",
                    lang,
                    when=when,
                    place=_field(item, "place", lang),
                    description=_field(item, "description", lang),
                ),
            )
        )
    return found


def _field(item: dict, name: str, lang: str) -> str:
    value = item.get(name)
    return str(value.get(lang, "")) if isinstance(value, dict) else ""


def _is_date(value) -> bool:
    """A real day written YYYY-MM-DD (with validation off a field may hold anything)."""
    if not (isinstance(value, str) and _DATE.fullmatch(value)):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _stamp(date: str) -> str:
    """An RFC 3339 date-time of a day of the content: its start, in UTC."""
    return f"{date}T00:00:00Z"


def _text(text: str) -> str:
    """A field as the feed holds it: less the invisible characters the pages drop too (bidi
    overrides, zero-width spaces: markup/furniture.py, which the validator refuses), and less what
    XML cannot hold; the template escapes the rest."""
    return _NOT_XML.sub("", without_invisible(text))
