"""The home page's generated parts, for the cities' contacts: what changed recently, and the
calendar's next events.

Markers in docs/index.md (markers.py hands them here):
- `<!-- cittamedie:recent -->`: documents by version (document.yml `versions`, where a document
  has them; else its `updated`) and pages by `updated`, newest first;
- `<!-- cittamedie:events -->`: the events not over on the day of the build, soonest first, then
  the last ones held. A static page outlives its build, so each event carries its last day in a
  `<time>` and cittamedie.js moves an event that has ended since into the recent ones (and says
  when none is left): the list is right on the day it is read, and without JavaScript it is right
  for the day of the build, whose events keep their dates in view.
"""

from __future__ import annotations

from ..content.generated import CALENDAR, versions_pages
from ..content.model import Site
from ..content.strings import esc, href, t
from .dates import time_tag, today

RECENT = 8  # entries of "what changed"
PAST_EVENTS = 3  # recent events shown beside the upcoming ones
CALENDAR_PAGE = "percorso.md"  # the page with the whole timeline (its events have ids evento-<id>)


def recent(site: Site, lang: str, url: str, args: dict) -> str:
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
            entries.append(
                (
                    doc.meta["updated"],
                    True,
                    doc.title(lang),
                    target,
                    _version_note(doc.meta["version"], doc.meta["status"], lang),
                )
            )
    for s in site.in_language("it"):
        if (
            s.ok
            and s.kind != "chapter"
            and s.key != "index.md"
            and isinstance(s.meta.get("updated"), str)
        ):
            shown = site.shown(s.key, lang)
            entries.append((s.meta["updated"], False, shown.title, site.url(s.key, lang), ""))
    entries.sort(key=lambda e: e[2].casefold())  # stable sorts: newest first, then A to Z
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    out = ['<ul class="cm-recent">']
    for when, _, title, target, note in entries[:RECENT]:
        note = f" — {esc(note)}" if note else ""
        out.append(
            f'<li>{time_tag(when, lang)} · <a href="{href(url, target)}">{esc(title)}</a>{note}</li>'
        )
    out.append("</ul>")
    return "\n".join(out)


def events(site: Site, lang: str, url: str, args: dict, on: str | None = None) -> str:
    on = on or today()
    items = sorted(site.items("events"), key=lambda e: (e["start"], e["end"]))
    upcoming = [e for e in items if e["end"] >= on]
    past = [e for e in items if e["end"] < on][::-1][:PAST_EVENTS]
    calendar = site.get(CALENDAR_PAGE, "it")
    page = href(url, site.url(CALENDAR_PAGE, lang)) if calendar else None

    def item(e: dict) -> str:
        end = time_tag(e["end"], lang, "cm-event-end")  # the day the script compares
        when = end if e["start"] == e["end"] else f"{time_tag(e['start'], lang)} – {end}"
        title = esc(e["title"][lang])
        if page:
            title = f'<a href="{page}#evento-{esc(e["id"])}">{title}</a>'
        return f'<li class="cm-event"><span class="cm-when">{when}</span> · {title} ({esc(e["place"][lang])})</li>'

    hide_none = " hidden" if upcoming else ""
    hide_past = "" if past else " hidden"
    out = [
        f'<h3 id="prossimi-appuntamenti">{t("home.upcoming", lang)}</h3>',
        f'<ul class="cm-events cm-events-upcoming"{"" if upcoming else " hidden"}>'
        + "".join(item(e) for e in upcoming)
        + "</ul>",
        f'<p class="cm-no-events"{hide_none}>{t("home.no_upcoming", lang)}</p>',
        f'<h3 id="appuntamenti-recenti" class="cm-events-past-title"{hide_past}>{t("home.recent_events", lang)}</h3>',
        f'<ul class="cm-events cm-events-past"{hide_past}>'
        + "".join(item(e) for e in past)
        + "</ul>",
    ]
    links = ([f'<a href="{page}">{t("home.whole_calendar", lang)}</a>'] if page else []) + [
        f'<a href="{href(url, CALENDAR)}" download>{t("calendar_file", lang)}</a>'
    ]
    out.append(f"<p>{' · '.join(links)}</p>")
    return "\n".join(out)


def _version_note(version, status, lang: str) -> str:
    parts = [f"{t('version', lang)} {version}"] if version else []
    if status in ("bozza", "in-consultazione", "approvato"):
        parts.append(t(f"status.{status}", lang))
    return ", ".join(parts)
