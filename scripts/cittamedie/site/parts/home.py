"""The home page's generated parts, for the cities' contacts (markers in docs/index.md):

- `<!-- cittamedie:recent -->`: documents by version (document.yml `versions`, where a document has
  them; else its `updated`) and pages by `updated`, newest first;
- `<!-- cittamedie:events -->`: the events not over on the day of the build, soonest first, then
  the last ones held. A static page outlives its build, so each event carries its last day in a
  `<time>` and cittamedie.js moves an event that has ended since into the recent ones (and says
  when none is left): the list is right on the day it is read, and without JavaScript it is right
  for the day of the build, whose events keep their dates in view.
"""

from __future__ import annotations

from markupsafe import Markup

from ...content.generated import CALENDAR, CALENDAR_PAGE, feed_file, versions_pages
from ...content.languages import SOURCE_LANGUAGE, href
from ...content.strings import t
from ..context import BuildContext
from ..templates import macro

RECENT = 8  # entries of "what changed"
PAST_EVENTS = (
    3  # recent events shown beside the upcoming ones (the template hands it to the script)
)
HOME_PAGE = "index.md"


def recent(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    site = ctx.site
    entries = []  # (date, is a document, title, target, note): a document first on the same day
    for doc in site.documents.values():
        first = site.shown(doc.chapters[0], lang) if doc.chapters else None
        if first is None:
            continue
        target = site.url(first.key, lang)
        versions = [
            v
            for v in doc.meta.get("versions") or []
            if isinstance(v, dict) and isinstance(v.get("date"), str)
        ]
        history = next((key for key, d in versions_pages(site).items() if d is doc), None)
        changes = (
            site.url(history, lang) if history else target
        )  # the versions page says what changed
        for v in versions:
            summary = (
                (v.get("summary") or {}).get(lang) if isinstance(v.get("summary"), dict) else None
            )
            note = _version_note(v.get("version"), v.get("status"), lang) + (
                f": {summary}" if summary else ""
            )
            entries.append((v["date"], True, doc.title(lang), changes, note))
        if not versions or doc.meta["updated"] > max(
            v["date"] for v in versions
        ):  # changed since its last version
            note = _version_note(doc.meta["version"], doc.meta["status"], lang)
            entries.append((doc.meta["updated"], True, doc.title(lang), target, note))
    for source in site.in_language(SOURCE_LANGUAGE):
        if (
            source.ok
            and source.kind != "chapter"
            and source.key != HOME_PAGE
            and isinstance(source.meta.get("updated"), str)
        ):
            shown = site.shown(source.key, lang)
            entries.append(
                (source.meta["updated"], False, shown.title, site.url(source.key, lang), "")
            )
    entries.sort(key=lambda e: e[2].casefold())  # stable sorts: newest first, then A to Z
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    shown = [
        {"date": when, "title": title, "href": href(url, target), "note": note}
        for when, _, title, target, note in entries[:RECENT]
    ]
    return macro(ctx.templates, "parts/home.html", "recent")(
        shown, href(url, feed_file(lang)), lang
    )


def events(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    site, on = ctx.site, ctx.today
    items = sorted(site.items("events"), key=lambda e: (e["start"], e["end"]))
    upcoming = [e for e in items if e["end"] >= on]
    past = [e for e in items if e["end"] < on][::-1][:PAST_EVENTS]
    page = (
        href(url, site.url(CALENDAR_PAGE, lang))
        if site.get(CALENDAR_PAGE, SOURCE_LANGUAGE)
        else None
    )
    announcements = (site.data.get("events") or {}).get("announcements")
    return macro(ctx.templates, "parts/home.html", "events")(
        upcoming, past, PAST_EVENTS, page, href(url, CALENDAR), announcements, lang
    )


def _version_note(version, status, lang: str) -> str:
    parts = [f"{t('version', lang)} {version}"] if version else []
    if status in ("bozza", "in-consultazione", "approvato"):
        parts.append(t(f"status.{status}", lang))
    return ", ".join(parts)
