"""What the site adds to a good practice's page: its key facts, the results its sources report,
the related cases; and the sources section of every page."""

from __future__ import annotations

import heapq

from markupsafe import Markup

from ...content.generated import (
    CATALOGUE_PDF,
    RELATED_THEMES_PAGE,
    city_page,
    pdf_anchor,
    pdf_file,
    theme_page,
)
from ...content.languages import SOURCE_LANGUAGE, href
from ...content.model import Source
from ...content.strings import euro, t
from ..context import BuildContext
from ..templates import host, macro

RELATED = 6  # related cases listed on a case's page
TEMPLATE = "parts/case.html"


def key_facts(ctx: BuildContext, source: Source, lang: str, url: str) -> Markup:
    site, meta, env = ctx.site, source.meta, ctx.templates
    themes = {theme["id"]: theme for theme in site.items("themes")}
    programme = next(
        (p["title"][lang] for p in site.items("programmes") if p["id"] == meta["programme"]),
        meta["programme"],
    )
    period = f"{meta['period']['start']}–{meta['period'].get('end') or '…'}"
    if meta["period"].get("note"):
        period += f" ({meta['period']['note']})"
    budget = euro(meta.get("budget_eur"), lang) + (
        f" ({meta['budget_note']})" if meta.get("budget_note") else ""
    )
    theme_links = [
        {"href": href(url, site.url(theme_page(x), lang)), "text": themes[x]["title"][lang]}
        for x in meta["themes"]
        if x in themes
    ]
    city = macro(env, TEMPLATE, "city")(
        href(url, site.url(city_page(meta["city"]), lang)), meta["city"], meta["region"]
    )
    rows = [
        ("city", city),
        ("programme", programme),
        ("action", " · ".join(x for x in (meta.get("axis"), meta.get("action")) if x) or "—"),
        ("period", period),
        ("budget", budget),
        ("funding", meta["funding"]),
        ("themes", macro(env, TEMPLATE, "link_list")(theme_links)),
        ("targets", "; ".join(meta["targets"])),
        ("partners", "; ".join(meta["partners"]) or "—"),
        ("confidence", t(f"confidence_values.{meta['confidence']}", lang)),
    ]
    return macro(env, TEMPLATE, "key_facts")(rows, lang)


def results(ctx: BuildContext, source: Source, lang: str) -> Markup | str:
    rows = [dict(row, host=host(row["source"])) for row in source.meta.get("results") or []]
    return macro(ctx.templates, TEMPLATE, "results")(rows, lang) if rows else ""


def related(ctx: BuildContext, source: Source, lang: str, url: str) -> Markup:
    site = ctx.site
    themes = []
    if site.get(RELATED_THEMES_PAGE, SOURCE_LANGUAGE):
        titles = {theme["id"]: theme["title"][lang] for theme in site.items("themes")}
        target = href(url, site.url(RELATED_THEMES_PAGE, lang))
        themes = [
            {"href": f"{target}#{x}", "text": titles.get(x, x)} for x in source.meta["themes"]
        ]
    others = [
        {
            "href": href(url, site.url(other.key, lang)),
            "title": other.title,
            "city": other.meta["city"],
        }
        for other in (site.shown(key, lang) for key in related_cases(ctx, source))
    ]
    return macro(ctx.templates, TEMPLATE, "related")(themes, others, lang)


def related_cases(ctx: BuildContext, source: Source, limit: int = RELATED) -> list[str]:
    """The first cases, in catalogue order, that share a theme or the city with this one."""
    positions = ctx.case_lists
    lists = [positions.get(("theme", x), []) for x in source.meta["themes"]]
    lists.append(positions.get(("city", source.meta["city"]), []))
    keys, found, last = positions["order"], [], None
    for position in heapq.merge(*lists):
        if position != last and keys[position] != source.key:
            found.append(keys[position])
            if len(found) == limit:
                break
        last = position
    return found


def sources(ctx: BuildContext, source: Source, lang: str) -> Markup | str:
    items = source.meta.get("sources") or []
    return macro(ctx.templates, TEMPLATE, "sources")(items, lang) if items else ""


def catalogue_pdf(ctx: BuildContext, source: Source, lang: str, url: str) -> Markup:
    """The link to the catalogue's PDF; from a case, to where that case starts in it."""
    target = href(url, pdf_file(CATALOGUE_PDF, lang))
    if source.kind == "good-practice":
        target += "#" + pdf_anchor(source.key)
    return macro(ctx.templates, TEMPLATE, "catalogue_pdf")(target, lang)
