"""The numbers of a document's paragraphs on its chapter pages, and the links that comment on one
while the consultation is open (ARCHITECTURE.md, "Numbered paragraphs"). What is numbered is
markup/paragraphs.py's; the HTML is paragraphs.html's.

The comment links are plain links in the page, so they work without JavaScript: the new-issue form
of the repository (title, body and label filled in) and an e-mail with the same text, for readers
without an account (content/identity.py: no repository, only the e-mail; neither, no links). A
page built once the consultation has closed has none; one built before it opens has them hidden;
cittamedie.js shows them only on the days of the consultation, by the reader's clock, as it does
the banner's sentences (dates.py).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from ...content import strings
from ...content.consultations import consultation_state
from ...content.model import Document, Source
from ...history.versions import chapter_name
from ...markup.paragraphs import Numbered, numbered_blocks, placed
from ..context import BuildContext
from ..templates import macro

COMMENT_LABEL = "consultazione"  # the label of the repository's issues that are comments
QUOTE_CHARACTERS = 600  # of a paragraph quoted in a comment: the address stays short enough


def numbered(ctx: BuildContext, source: Source, lang: str, url: str, html: str) -> str:
    """A chapter's own text (cleaned) with its numbers and comment links; any other page's as it is."""
    doc = ctx.site.document_of(source)
    chapter = doc.position(chapter_name(doc, source.key)) if doc and doc.numbered else 0
    if not chapter:
        return html
    found = numbered_blocks(html, chapter)
    state = comment_state(doc, ctx.today)
    number = macro(ctx.templates, "parts/paragraphs.html", "number")
    comment = macro(ctx.templates, "parts/paragraphs.html", "comment")
    other = source.lang != lang  # the Italian text on an English page: the labels are English
    around = {}
    for block in found:
        issue, mail = comment_links(ctx, doc, lang, url, block) if state else ("", "")
        hidden = state == "before"
        after = comment(block.number, issue, mail, hidden, lang, other) if issue or mail else ""
        around[block.anchor] = (number(block, lang, other), after)
    return placed(html, around, found)


def comment_state(doc: Document, today: str) -> str:
    """ "before" or "open" when the page carries comment links (hidden before), else ""."""
    block = doc.meta.get("consultation")
    if doc.meta.get("status") != "in-consultazione" or not block:
        return ""
    state = consultation_state(block["opens"], block["closes"], today)
    return "" if state == "closed" else state


def comment_links(
    ctx: BuildContext, doc: Document, lang: str, url: str, block: Numbered
) -> tuple[str, str]:
    """(new issue, e-mail) addresses commenting on a paragraph; "" where the identity has none."""
    identity = ctx.identity
    title = strings.t("paragraph.title", lang).format(
        document=doc.title(lang), version=doc.meta.get("version", ""), number=block.number
    )
    link = f"{ctx.site_url.rstrip('/')}/{url}#{block.anchor}"
    text = (
        block.text if len(block.text) <= QUOTE_CHARACTERS else block.text[:QUOTE_CHARACTERS] + "…"
    )
    body = strings.t("paragraph.body", lang).format(
        number=block.number, link=link, quote=f"> {text}"
    )
    issue = mail = ""
    if identity.repository:
        fields = {"title": title, "body": body, "labels": COMMENT_LABEL}
        issue = f"{identity.repository}/issues/new?{urlencode(fields, quote_via=quote)}"
    if identity.feedback_email:
        fields = {"subject": title, "body": body}
        mail = f"{identity.mailto}?{urlencode(fields, quote_via=quote)}"
    return issue, mail
