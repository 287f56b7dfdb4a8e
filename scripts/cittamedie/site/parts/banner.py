"""A document's banner, on each of its chapters: status, version, dates, the act that approved it,
the consultation (open or not, said again by the reader's browser), the version in which the
chapter last changed, and the PDF."""

from __future__ import annotations

from markupsafe import Markup

from ...content.generated import VERSIONS_PAGE, pdf_file
from ...content.languages import href
from ...content.model import Document, Source
from ...content.strings import t
from ...history.versions import chapter_name
from ..context import BuildContext
from ..templates import macro
from . import dates
from .versions import anchor


def banner(ctx: BuildContext, doc: Document, source: Source, lang: str, url: str) -> Markup:
    meta, env = doc.meta, ctx.templates
    consultation = ""
    if meta["status"] == "in-consultazione" and meta.get("consultation"):
        consultation = dates.consultation(env, meta["consultation"], lang, ctx.today)
    pdf = href(url, pdf_file(doc.pdf, lang))
    return macro(env, "parts/banner.html", "banner")(
        doc, meta, lang, pdf, badge(ctx, source, lang, url), consultation
    )


def badge(ctx: BuildContext, source: Source, lang: str, url: str) -> Markup | str:
    """In which version the chapter last changed, with a link to the change; nothing for a document
    that lists no versions."""
    doc = ctx.site.document_of(source)
    history = ctx.histories.get(doc.id)
    if history is None:
        return ""
    name = chapter_name(doc, source.key)
    shown = ctx.site.shown(source.key, lang)
    kind, version = history.last_change(
        name, lang, (shown.title, shown.body_hash()) if shown else None
    )
    page = href(url, ctx.site.url(f"{doc.folder}/{VERSIONS_PAGE}.md", lang))
    if kind in ("added", "changed"):
        target, link = f"{page}#{anchor(version, name)}", t("versions.see_changes", lang)
    else:
        target, link = page, t("versions.all_versions", lang)
    words = t(f"versions.badge_{kind}", lang, version=version.version if version else "")
    return macro(ctx.templates, "parts/banner.html", "badge")(words, target, link)
