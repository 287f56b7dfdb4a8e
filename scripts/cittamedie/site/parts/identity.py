"""The publisher on the site's pages, where a marker asks for it (markers.py): who publishes the
site and whether it is official, how to reach them, and how to report a problem on any page."""

from __future__ import annotations

from markupsafe import Markup

from ..context import BuildContext
from ..templates import macro
from .page_end import FEEDBACK_ID

TEMPLATE = "parts/identity.html"


def publisher(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    return macro(ctx.templates, TEMPLATE, "statement")(ctx.identity, lang)


def contacts(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    return macro(ctx.templates, TEMPLATE, "contacts")(ctx.identity, lang)


def feedback(ctx: BuildContext, lang: str, url: str, args: dict) -> Markup:
    shown = bool(ctx.identity.issues_url or ctx.identity.mailto)
    return macro(ctx.templates, TEMPLATE, "feedback")(FEEDBACK_ID, lang, shown)
