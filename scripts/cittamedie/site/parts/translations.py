"""What readers and editors see of the translations: the stale page's notice naming the Italian
sections that changed since its translation, the mark where each of those sections starts, and the translation status page for editors
(/traduzioni/), written by the build into a generated folder in every language (site/generated.py).
The status page is out of the menu (navigation.py) and out of the sitemap, and marked `cm_noindex`
so that the template writes a robots noindex and leaves it out of Pagefind's index (main.html)."""

from __future__ import annotations

from markupsafe import Markup

from ...content.generated import STATUS_PAGE
from ...content.identity import Identity
from ...content.languages import SOURCE_LANGUAGE, TRANSLATIONS, href, source_uri
from ...content.model import TRANSLATION_STATES, Source
from ...history.sections import Change
from ..context import BuildContext
from ..templates import macro, t

REASONS_LANGUAGE = (
    "en"  # the language the code's messages are written in (why sections are not known)
)


def stale_notice(ctx: BuildContext, source: Source, lang: str) -> Markup:
    """The notice of a stale page: the sections that changed, linked to this page's own sections
    where it has the same id; the generic sentence when they are not known."""
    comparison = ctx.stale.get((source.key, lang))
    sections = []
    if (
        comparison is not None and comparison.changes
    ):  # unmarked, base not in history, spacing only: none
        titles = comparison.titles
        sections = [
            _section(ctx, change, lang, titles[change.id], "#" + change.id, lang)
            if change.id in titles
            else _section(ctx, change, lang, change.title, None, SOURCE_LANGUAGE)
            for change in comparison.changes
        ]
    return macro(ctx.templates, "parts/translations.html", "stale_notice")(sections, lang)


def section_marks(ctx: BuildContext, source: Source, lang: str, url: str) -> dict[str, Markup]:
    """heading id → the mark placed where that changed section starts on the stale page (after
    its heading): each Italian section changed since the translation that the page has too."""
    comparison = ctx.stale.get((source.key, lang))
    if comparison is None:
        return {}
    italian = href(url, ctx.site.url(source.key, SOURCE_LANGUAGE)) + "#"
    mark = macro(ctx.templates, "parts/translations.html", "section_mark")
    return {
        change.id: mark(change, italian + change.id, lang, SOURCE_LANGUAGE)
        for change in comparison.changes
        if change.id and change.id in comparison.titles
    }


def status_page(ctx: BuildContext, lang: str, translation: str = TRANSLATIONS[0]) -> Markup:
    """The status page's body in lang: every page, those needing an editor first."""
    url = ctx.site.url(STATUS_PAGE, lang)
    rows = [
        _row(ctx, key, state, lang, url, translation) for state, key in _states(ctx, translation)
    ]
    counts = {
        state: sum(1 for row in rows if row["state"] == state) for state in TRANSLATION_STATES
    }
    summary = t("translation.summary", lang, n=len(rows), **counts)
    return macro(ctx.templates, "parts/translations.html", "status_page")(rows, summary, lang)


def _states(ctx: BuildContext, translation: str) -> list[tuple[str, str]]:
    found = []
    for key in ctx.site.keys():
        state = ctx.site.translation_state(key, translation)
        if state is not None:  # an English page without original, or a page refused
            found.append((state, key))
    return sorted(found, key=lambda row: (TRANSLATION_STATES.index(row[0]), row[1]))


def _row(ctx: BuildContext, key: str, state: str, lang: str, url: str, translation: str) -> dict:
    site, identity = ctx.site, ctx.identity
    italian, translated = site.get(key, SOURCE_LANGUAGE), site.get(key, translation)
    comparison = ctx.stale.get((key, translation)) if state == "stale" else None
    sections = []
    if comparison is not None and comparison.base is not None:
        target = href(url, site.url(key, SOURCE_LANGUAGE)) + "#"
        sections = [
            _section(
                ctx,
                c,
                lang,
                c.title,
                None if c.kind == "removed" else target + c.id,
                SOURCE_LANGUAGE,
            )
            for c in comparison.changes
        ]
    reason = italian.meta.get("untranslated") if state == "untranslated" else None
    return {
        "state": state,
        "page": href(url, site.url(key, lang)),
        "title": (translated or italian).title if lang != SOURCE_LANGUAGE else italian.title,
        "italian_links": _links(identity, italian.rel),
        "links": _links(identity, translated.rel) if translated else None,
        "create": (identity.new_file_url(source_uri(italian.rel, translation)) or "")
        if state == "missing" and identity
        else "",
        "comparison": comparison,
        "sections": sections,
        "reason_lang": REASONS_LANGUAGE,
        "untranslated": reason if isinstance(reason, str) else "",
        "italian_lang": SOURCE_LANGUAGE,
    }


def _section(
    ctx: BuildContext, change: Change, lang: str, title: str, link: str | None, title_lang: str
) -> Markup:
    return macro(ctx.templates, "parts/translations.html", "section")(
        change, lang, title, link, title_lang
    )


def _links(identity: Identity | None, path: str) -> dict | None:
    """The file on the repository and its editor (none when the build has no identity, or the
    identity no repository)."""
    if identity is None or not identity.repository:
        return None
    return {"source": identity.file_url(path), "edit": identity.edit_url(path)}
