"""The second engine: ProperDocs, the maintained fork of MkDocs 1.x, builds the site from the same
mkdocs.yml, hooks, theme and plugins, and publishes the same pages with the same article HTML as
MkDocs 1.6 (conftest.built_site). Pages are compared parsed, as the elements, attributes and text
inside each page's <article>; differences are listed, page by page."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from ..conftest import REPO
from .conftest import ENV


class _Article(HTMLParser):
    """The tokens of the first <article> of a page: start tags with their attributes, end tags,
    text with its white space folded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.tokens: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.done or (not self.depth and tag != "article"):
            return
        if tag == "article" or self.depth:
            self.depth += tag == "article"
            self.tokens.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.tokens.append(f"</{tag}>")
        if tag == "article":
            self.depth -= 1
            self.done = not self.depth

    def handle_data(self, data):
        text = " ".join(data.split())
        if self.depth and text:
            self.tokens.append(text)


def article(path: Path) -> list[str]:
    parser = _Article()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser.tokens


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_properdocs_builds_the_same_pages_with_the_same_articles(built_site, tmp_path):
    site = tmp_path / "properdocs"
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml"]
        + ["-d", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    assert pages(site) == pages(built_site)
    differences = [
        name
        for name in sorted(pages(built_site))
        if article(site / name) != article(built_site / name)
    ]
    assert not differences, differences
    with_article = [name for name in pages(built_site) if article(built_site / name)]
    assert len(with_article) > 80  # both languages' pages: the comparison compared something
