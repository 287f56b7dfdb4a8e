"""The page of each of the 39 cities (citta/<id>/), written by the build from data/cities.yml and
data/city-details.yml: the generated part after its title and introduction (city.html).

What a city's administration has published (allocation, funded projects, the Protocollo's
signature, the office to contact) is shown when data/city-details.yml has it, and said to be not
yet published when it does not: the page tells a city's referent what is public and what is not.
"""

from __future__ import annotations

from markupsafe import Markup

from ...content.generated import (
    CALENDAR_PAGE,
    city_name,
    city_page,
    medium_city_page,
)
from ...content.languages import href
from ...content.model import Site
from ...content.strings import t
from ..context import BuildContext
from ..templates import macro

TEMPLATE = "parts/city.html"
LIST_PAGE = "citta.md"  # "Le 39 città", which links every city's page (site/parts/lists.py)
BODY_FIELDS = ("allocation", "projects", "protocollo", "contact")  # an adopting body's items
HEADINGS = (  # (id, interface string) of the page's sections, for its table of contents
    ("cm-citta-fonti", "city_page.facts"),
    ("cm-citta-ente", "city_page.body"),
    ("cm-citta-incontri", "city_page.events"),
    ("cm-citta-casi", "city_page.cases"),
    ("cm-citta-programma", "city_page.programme"),
)


def page_parts(
    ctx: BuildContext, city: dict, lang: str
) -> tuple[Markup, tuple[tuple[str, str], ...]]:
    """The HTML of a city's page in lang, and its (id, title) headings."""
    site = ctx.site
    url = site.url(medium_city_page(city["id"]), lang)
    details = details_of(site, city["id"])
    shown = {
        "facts": details.get("facts") or [],
        "published": published(details),
        "total": len(BODY_FIELDS),
        **{name: details.get(name) for name in BODY_FIELDS},
    }
    timeline = site.url(CALENDAR_PAGE, lang)
    named = set(details.get("events") or [])
    events = [
        dict(event, href=f"{href(url, timeline)}#evento-{event['id']}")
        for event in sorted(site.items("events"), key=lambda event: event["start"])
        if event["id"] in named
    ]
    cases = [
        {"title": site.shown(case.key, lang).title, "href": href(url, site.url(case.key, lang))}
        for case in site.cases()
        if case.meta.get("city") == city["name"]
    ]
    name = city_name(city, lang)
    html = macro(ctx.templates, TEMPLATE, "page")(
        city,
        name,
        shown,
        events,
        href(url, timeline),
        cases,
        href(url, site.url(city_page(city["name"]), lang)),
        (site.data.get("city-details") or {}).get("programme") or [],
        href(url, site.url(LIST_PAGE, lang)),
        lang,
    )
    headings = tuple(
        (anchor, t(key, lang))
        for anchor, key in HEADINGS
        if anchor != "cm-citta-casi" or cases  # the good practices' section only where there are
    )
    return html, headings


def details_of(site: Site, city_id: str) -> dict:
    """What data/city-details.yml holds of a city ({} when nothing)."""
    return next((entry for entry in site.items("city-details") if entry["id"] == city_id), {})


def published(details: dict) -> int:
    """How many of an adopting body's items a city's entry has."""
    return sum(1 for name in BODY_FIELDS if details.get(name))
