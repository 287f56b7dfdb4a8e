"""Marker comments (`<!-- cittamedie:NAME key=value -->`, content/markers.py) → the generated block
each asks for. A renderer takes the build context, the page's language and address, and the
marker's arguments, and returns HTML made from a template."""

from __future__ import annotations

import re

from ..content.markers import MARKER, NAMES, arguments
from ..markup.furniture import own
from .context import BuildContext
from .parts import catalogue, downloads, home, identity, lists
from .templates import macro

RENDERERS = {
    "cities": lists.cities,
    "timeline": lists.timeline,
    "priorities": lists.priorities,
    "glossary": lists.glossary,
    "catalogue": lambda ctx, lang, url, args: catalogue.catalogue(ctx, lang, url),
    "practices": lambda ctx, lang, url, args: catalogue.of_theme(ctx, args["theme"], lang, url),
    "downloads": downloads.downloads,
    "recent": home.recent,
    "events": home.events,
    "publisher": identity.publisher,
    "contacts": identity.contacts,
    "feedback": identity.feedback,
}
if set(RENDERERS) != set(NAMES):  # the content layer names the markers an editor may write
    raise ImportError(
        f"site/markers.py renders {sorted(RENDERERS)}, content/markers.py names {sorted(NAMES)}"
    )


def render_markers(ctx: BuildContext, markdown: str, lang: str, url: str) -> str:
    """Replace each marker with its generated block, marked as the build's (the page's own HTML
    may not wear the classes and ids a block has); url is the page's site-relative address. Each
    block is one element, which a document's paragraph numbers pass over (markup/paragraphs.py)."""
    count = iter(range(len(markdown)))
    wrap = macro(ctx.templates, "parts/common.html", "generated")

    def replace(match: re.Match) -> str:
        block = wrap(RENDERERS[match[1]](ctx, lang, url, arguments(match[2])))
        return "\n" + own(block, f"m{next(count)}") + "\n"

    return MARKER.sub(replace, markdown)
