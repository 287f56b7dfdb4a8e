"""The catalogue of good practices: the catalogue page's list with its filters, a chapter's cases of
one theme, and the theme and city pages the build writes (their titles, their cards)."""

from __future__ import annotations

from markupsafe import Markup

from ...content.generated import CATALOGUE_PAGE, OPEN_DATA, theme_page
from ...content.languages import href
from ...content.model import Site, Source, slugify
from ...content.strings import euro, t
from ..context import BuildContext
from ..templates import macro

THEME_CARDS = 6  # cases a chapter shows for a theme; the theme's page lists them all
TEMPLATE = "parts/catalogue.html"


def catalogue(ctx: BuildContext, lang: str, url: str) -> Markup:
    site = ctx.site
    cases = [site.shown(case.key, lang) for case in site.cases()]
    themes, programmes = site.items("themes"), site.items("programmes")
    filters = [
        ("tema", t("theme", lang), [(theme["id"], theme["title"][lang]) for theme in themes]),
        (
            "citta",
            t("city", lang),
            [(slugify(city), city) for city in sorted({c.meta["city"] for c in cases})],
        ),
        ("programma", t("programme", lang), [(p["id"], p["short"]) for p in programmes]),
    ]
    groups = [
        {
            "id": theme["id"],
            "href": href(url, site.url(theme_page(theme["id"]), lang)),
            "title": theme["title"][lang],
            "cases": [
                _card(site, case, lang, url)
                for case in cases
                if theme["id"] in case.meta["themes"]  # a case counts in each of its themes
            ],
        }
        for theme in themes
    ]
    return macro(ctx.templates, TEMPLATE, "catalogue")(filters, groups, href(url, OPEN_DATA), lang)


def of_theme(ctx: BuildContext, theme: str, lang: str, url: str) -> Markup:
    site = ctx.site
    cases = [case for case in site.cases() if theme in case.meta["themes"]]
    shown = [_card(site, site.shown(case.key, lang), lang, url) for case in cases[:THEME_CARDS]]
    more = href(url, site.url(theme_page(theme), lang))
    return macro(ctx.templates, TEMPLATE, "of_theme")(shown, more, len(cases), lang)


def index_cards(ctx: BuildContext, key: str, lang: str, cases: list[Source]) -> Markup:
    """The generated part of one theme or city page: its cards and the way back."""
    site, url = ctx.site, ctx.site.url(key, lang)
    shown = [_card(site, site.shown(case.key, lang), lang, url) for case in cases]
    return macro(ctx.templates, TEMPLATE, "index_page")(
        shown, href(url, site.url(CATALOGUE_PAGE, lang)), lang
    )


def _card(site: Site, source: Source, lang: str, url: str) -> dict:
    meta = source.meta
    themes = {theme["id"]: theme["title"][lang] for theme in site.items("themes")}
    programme = next(
        (p["short"] for p in site.items("programmes") if p["id"] == meta["programme"]),
        meta["programme"],
    )
    return {
        "themes": meta["themes"],
        "city_slug": slugify(meta["city"]),
        "programme": meta["programme"],
        "href": href(url, site.url(source.key, lang)),
        "title": source.title,
        "city": meta["city"],
        "programme_short": programme,
        "period": f"{meta['period']['start']}–{meta['period'].get('end') or '…'}",
        "budget": euro(meta.get("budget_eur"), lang),
        # what the figure covers, shown with it as on the case's page
        "budget_note": meta.get("budget_note"),
        "budget_note_label": t("budget_note", lang),
        "summary": meta["summary"],
        "theme_titles": [themes.get(x, x) for x in meta["themes"]],
    }
