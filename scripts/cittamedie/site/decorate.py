"""What the site adds around a page's own text, as published in a language: notices, the document's
banner, a case's key facts, results and related cases, the sources. The parts never go through
Markdown (their HTML is made from templates, escaped, and Markdown would only parse it again); the
sanitiser still reads them with the page (pages.py)."""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from ..content.generated import CATALOGUE_PAGE
from ..content.model import Source
from ..content.strings import t
from ..markup.headings import after_headings
from .context import BuildContext
from .parts import banner, case, translations
from .templates import macro


class Decorated(NamedTuple):
    """The generated HTML before and after a page's text, and the (id, title) of the headings in
    `after`, which join the page's table of contents."""

    before: str = ""
    after: str = ""
    headings: tuple[tuple[str, str], ...] = ()
    text_lang: str = ""  # the language of the page's own text, where it is not the page's
    marks: tuple[tuple[str, str], ...] = ()  # (heading id, HTML placed right after that heading)


def decorate(ctx: BuildContext, source: Source, lang: str, url: str) -> Decorated:
    """The parts of a page in lang (source may be the Italian text, shown where no translation exists)."""
    top, bottom, headings, marks = [], [], [], ()
    if source.lang != lang:
        top.append(macro(ctx.templates, "parts/notices.html", "untranslated")(lang))
    elif ctx.site.translation_state(source.key, lang) == "stale":
        top.append(
            translations.stale_notice(ctx, source, lang)
        )  # names the Italian sections that changed; each is marked where it starts too
        marks = tuple(translations.section_marks(ctx, source, lang, url).items())
    doc = ctx.site.document_of(source)
    if doc:
        top.append(banner.banner(ctx, doc, source, lang, url))
    if source.kind == "good-practice" or source.key == CATALOGUE_PAGE:
        top.append(case.catalogue_pdf(ctx, source, lang, url))
    if (
        source.kind == "good-practice" and source.ok
    ):  # with validation off, a refused one has no facts
        top.append(case.key_facts(ctx, source, lang, url))
        bottom.append(case.results(ctx, source, lang))
        bottom.append(case.related(ctx, source, lang, url))
        headings.append(("casi-collegati", t("related", lang)))
    sources = case.sources(ctx, source, lang)
    if sources:
        bottom.append(sources)
        headings.append(("fonti", t("sources", lang)))
    text_lang = source.lang if source.lang != lang else ""  # the Italian text keeps its language
    return Decorated(
        "\n".join(p for p in top if p),
        "\n".join(p for p in bottom if p),
        tuple(headings),
        text_lang,
        marks,
    )


def published(ctx: BuildContext, html: str, parts: Decorated) -> str:
    """The page's rendered text with its parts around it, and in it after some headings."""
    text = Markup(after_headings(html, dict(parts.marks)))  # html: the page's text, cleaned
    return macro(ctx.templates, "parts/notices.html", "page")(text, parts)


def withheld(ctx: BuildContext, lang: str) -> str:
    """The body published instead of one the build refused (only with validation off)."""
    return macro(ctx.templates, "parts/notices.html", "withheld")(lang) + "\n"
