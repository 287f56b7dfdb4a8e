"""Lists the build writes from the data files, where a page's marker asks for them (markers.py):
the 39 cities by region, the path's timeline, the programme's priorities, the glossary."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from ...content.generated import CALENDAR, city_name, medium_city_page
from ...content.languages import href
from ...content.markers import glossary_id
from ...content.model import slugify
from ..context import BuildContext
from ..templates import macro

TEMPLATE = "parts/lists.html"


def cities(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    """The 39 cities by region, each linked to its page (site/parts/city.py)."""
    items = ctx.site.items("cities")
    counts = Counter(city["region"] for city in items)
    rank = {
        region: n for n, region in enumerate(sorted(counts, key=lambda r: (-counts[r], r)))
    }  # most cities first
    regions = [
        {
            "name": region,
            "slug": slugify(region),
            "rank": rank[region],
            "cities": sorted(
                (
                    dict(
                        c,
                        shown=city_name(c, lang),
                        href=href(url, ctx.site.url(medium_city_page(c["id"]), lang)),
                    )
                    for c in items
                    if c["region"] == region
                ),
                key=lambda c: c["shown"],
            ),
        }
        for region in sorted(counts)
    ]
    return macro(ctx.templates, TEMPLATE, "cities")(regions, len(items), lang)


def timeline(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    events = sorted(ctx.site.items("events"), key=lambda event: event["start"])
    return macro(ctx.templates, TEMPLATE, "timeline")(events, href(url, CALENDAR), lang)


def priorities(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    rows = [
        p
        for p in ctx.site.items("priorities")
        if "medium-cities" not in args or p.get("medium_cities")
    ]
    return macro(ctx.templates, TEMPLATE, "priorities")(rows, lang)


def glossary(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    terms = [
        dict(term, id=glossary_id(term))
        for term in sorted(ctx.site.items("glossary"), key=lambda term: term["abbr"].casefold())
    ]
    return macro(ctx.templates, TEMPLATE, "glossary")(terms, lang)
