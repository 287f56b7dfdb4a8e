"""Every image a page shows names a published image of the site, as the PDF export will read it
(content/resources.py, the one resolver): never a file of the machine that builds the site.

Markdown images (`![…](…)`) are links too: where their address leads is the link rule's to say,
and an image file's own type and size are said at the file (content/tree.py); this rule adds the
rest, and everything about `<img src>` written in HTML, which no other rule reads.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser

from ..content.config import CONFIG_FILE, Config
from ..content.model import Site
from ..content.problems import Problem
from ..content.resources import Refused, local_image
from ..markup.render import Renderer, published_html
from .links import links_of
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    problems: list[Problem] = []
    renderer = None
    for source in site.sources:
        if not source.ok or ("<img" not in source.body.lower() and "![" not in source.body):
            continue
        renderer = renderer or Renderer.from_config(
            run.config or Config(site.root / CONFIG_FILE, {}, {})
        )
        markdown = {target for _, target in links_of(source)}
        # where each <img> written in HTML is, by its address as read (character references decoded)
        written = {address: line for address, line in reversed(image_addresses(source.body))}
        folder = posixpath.dirname(source.uri)
        for address, _ in image_addresses(published_html(renderer, source.body)):
            found = local_image(site.docs_dir, folder, address, site.root)
            if (
                not isinstance(found, Refused)
                or found.about == "image"  # said at the image file (content/tree.py)
                or found.about in ("address", "missing")
                and address in markdown  # said by the link rule
            ):
                continue
            at = source.body.find(address)
            line = written.get(address, source.body.count("\n", 0, max(at, 0)) + 1)
            problems.append(
                Problem(source.rel, source.body_line + line - 1, "image", found.message, found.fix)
            )
    return problems


def image_addresses(html: str) -> list[tuple[str, int]]:
    """(src, line) of every <img> of a page's HTML, the src as a browser reads it."""
    parser = _Images()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:  # Python 3.11's parser on `<![x…` in Markdown text: keep what it read
        pass
    return parser.found


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            line = self.getpos()[0]
            self.found.extend((value or "", line) for name, value in attrs if name == "src")

    handle_startendtag = handle_starttag
