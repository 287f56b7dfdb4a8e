"""The downloads page's tables: every PDF in every language (each document's, its earlier versions
newest first, the catalogue, the whole guide), the open data of each consultation's outcomes, and
the offline copy."""

from __future__ import annotations

from markupsafe import Markup

from ...content.generated import (
    CATALOGUE_PDF,
    OFFLINE_ZIP,
    OUTCOMES_DATA,
    WHOLE_GUIDE,
    earlier_pdfs,
    outcomes_pages,
    outcomes_title,
    pdf_file,
)
from ...content.languages import LANGUAGES, href
from ...content.model import Site
from ...content.strings import t
from ..context import BuildContext
from ..templates import macro


def downloads(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    sizes = (
        ctx.extra.get("pdf_sizes") or {}
    )  # the offline copy's, from the PDF export (exports/offline.py)
    rows = [
        {
            "href": href(url, pdf_file(name, pdf_lang)),
            "path": pdf_file(name, pdf_lang),
            "lang": pdf_lang,
            "title": title,
            "date": when,
            "size": (sizes.get(pdf_file(name, pdf_lang)) or {}).get(lang, ""),
        }
        for name, title, when in pdf_rows(ctx.site, lang)
        for pdf_lang in LANGUAGES
    ]
    outcomes = [
        {
            "title": outcomes_title(doc, version, lang),
            "page": href(url, ctx.site.url(key, lang)),
            **{kind: href(url, f"{key.removesuffix('.md')}.{kind}") for kind in OUTCOMES_DATA},
        }
        for key, (doc, version) in outcomes_pages(ctx.site).items()
    ]
    return macro(ctx.templates, "parts/downloads.html", "downloads")(
        rows, outcomes, href(url, OFFLINE_ZIP), lang
    )


def pdf_rows(site: Site, lang: str) -> list[tuple[str, str, str | None]]:
    """(base name, title, date) of every PDF, in the order the table lists them."""
    rows = []
    for doc in site.documents.values():
        rows.append((doc.pdf, doc.title(lang), doc.meta["updated"]))
        rows += [
            (
                name,
                t("versions.pdf_row", lang, document=doc.title(lang), version=entry["version"]),
                entry["date"],
            )
            for entry, name in reversed(earlier_pdfs(doc))
        ]
    return rows + [
        (CATALOGUE_PDF, t("catalogue", lang), None),
        (WHOLE_GUIDE, t("whole_guide", lang), None),
    ]
