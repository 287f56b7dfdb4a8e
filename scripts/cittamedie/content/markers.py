"""Marker comments: where a page asks the build for a generated block, `<!-- cittamedie:NAME key=value -->`.

This module owns their syntax and their names (the validator checks them); site/markers.py holds
a renderer for each name, and will not import when the two disagree.
"""

from __future__ import annotations

import re

from .messages import say
from .model import Site, slugify
from .suggest import closest, data_ids, did_you_mean, shown

MARKER = re.compile(r"<!--\s*cittamedie:([a-z-]+)((?:\s+[a-z-]+(?:=[a-z0-9-]+)?)*)\s*-->")
# Every marker an editor may write, with what it inserts (CONTRIBUTING.md lists the same).
NAMES = {
    "cities": "the 39 cities by region, with a filter",
    "timeline": "the accompaniment path's events, and the calendar file",
    "priorities": "the programme's priorities (medium-cities: only those of the medium cities)",
    "glossary": "the glossary's terms",
    "catalogue": "every good practice, with filters and the open data",
    "practices": "the first cases of a theme (theme=…) and a link to all of them",
    "downloads": "the PDFs and the offline copy",
    "recent": "what changed recently",
    "publisher": "who publishes the site",
    "contacts": "how to reach the publisher",
    "events": "the next events and the last ones held",
    "feedback": "how to report a problem on any page",
}


def arguments(raw: str) -> dict[str, str]:
    """` theme=poverta medium-cities` → {theme: poverta, medium-cities: ""}."""
    return dict((part.split("=", 1) + [""])[:2] for part in raw.split())


def marker_problem(line: str, site: Site, lang: str) -> tuple[str, str] | None:
    """(message, fix) when a line's marker names something the build cannot generate (lang: the
    page's, for the titles of the suggested themes)."""
    match = MARKER.search(line)
    name, args = match[1], arguments(match[2])
    if name not in NAMES:
        return (
            say("unknown marker `{name}`", name=name),
            did_you_mean(
                [shown(near) for near in closest(name, sorted(NAMES))],
                say("use one of: {names} (CONTRIBUTING.en.md)", names=", ".join(sorted(NAMES))),
            ),
        )
    if name == "practices":
        themes = {theme["id"] for theme in site.items("themes")}
        if args.get("theme") not in themes:
            return (
                say("`theme={value}` is not a theme", value=args.get("theme")),
                did_you_mean(
                    data_ids(site, "themes", args.get("theme") or "", lang, "theme="),
                    say("write theme= with one of: {themes}", themes=", ".join(sorted(themes))),
                ),
            )
    return None


def block_ids(site: Site, name: str) -> dict[str, str]:
    """The ids a marker's block puts on its page that come from data, with what owns each (the
    ids the build always writes are in markup/furniture.yml)."""
    if name == "glossary":
        return {
            glossary_id(term): say(
                "the glossary's term {term} (data/glossary.yml)", term=term["abbr"]
            )
            for term in site.items("glossary")
        }
    if name == "catalogue":
        return {
            theme["id"]: say(
                "the catalogue's group of the theme {theme} (data/themes.yml)", theme=theme["id"]
            )
            for theme in site.items("themes")
        }
    return {}


def glossary_id(term: dict) -> str:
    """A glossary term's id on the glossary page (site/parts/lists.py)."""
    return slugify(term["abbr"]) or "term"
