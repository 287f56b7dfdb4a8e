"""What a pull request changes on the site: the pages added, removed and changed in each language,
found by comparing two built sites (the base branch's and the pull request's), as Markdown for
the job summary (`cittamedie changes --base-site base-site --site-dir site`).

A page is compared by what its reader sees: the text, links and images of its article, not the
menu, the footer or the versioned asset names, which change with every page added or stylesheet
edited. So a new case lists the case itself and the pages whose text lists it (catalogue, theme
and city pages, related cases), not every page of the site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..content.generated import SITE_FOLDERS
from ..content.languages import LANGUAGES, language_of_url
from ..content.strings import t
from .markdown import render

SKIP = tuple(f"{folder}/" for folder in SITE_FOLDERS)  # the build's own folders, not pages
MAX_BYTES = 5_000_000  # a built page is a few hundred kB; anything larger is not one of ours
MAX_LISTED = 50  # pages listed per language and kind; the count tells how many more
REPORT_LANGUAGE = "en"  # the reports are for developers, in the code's language
KINDS = ("added", "removed", "changed")


@dataclass(frozen=True)
class Page:
    lang: str
    title: str
    fingerprint: str


class _Article(HTMLParser):
    """The <title> and the article's text, links and images of one built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.parts, self.depth, self._in_title = "", [], 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "article" and "md-content__inner" in (attrs.get("class") or "").split():
            self.depth = 1
        elif self.depth:
            self.depth += tag == "article"
            for name in ("href", "src"):
                if attrs.get(name) and tag != "link":
                    self.parts.append(f"<{tag} {name}={attrs[name]}>")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self.depth:
            self.parts.append(" ".join(data.split()))


def snapshot(site_dir: Path) -> dict[str, Page]:
    """Site path (e.g. en/buone-pratiche/x/) → its page, for every built HTML page."""
    pages = {}
    for file in sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        if rel.startswith(SKIP) or file.stat().st_size > MAX_BYTES:
            continue
        parser = _Article()
        parser.feed(file.read_text("utf-8", errors="replace"))
        parser.close()
        path = rel.removesuffix("index.html")
        lang = language_of_url(path)
        text = "\n".join(part for part in parser.parts if part)
        pages[path] = Page(
            lang, " ".join(parser.title.split()), hashlib.sha256(text.encode()).hexdigest()
        )
    return pages


def compare(
    base: dict[str, Page], head: dict[str, Page]
) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """lang → kind (added, removed, changed) → sorted (path, title)."""
    found = {lang: {kind: [] for kind in KINDS} for lang in LANGUAGES}
    for path in sorted(base.keys() | head.keys()):
        old, new = base.get(path), head.get(path)
        kind = (
            "added"
            if old is None
            else "removed"
            if new is None
            else ("changed" if old.fingerprint != new.fingerprint else None)
        )
        if kind:
            page = new or old
            found[page.lang][kind].append((path, page.title))
    return found


def markdown(found: dict[str, dict[str, list[tuple[str, str]]]]) -> str:
    """The job summary: a table of counts, then the pages of each language and kind."""
    return render(
        "changes.md",
        found=found,
        languages=LANGUAGES,
        kinds=KINDS,
        names={lang: t(f"lang_names.{lang}", REPORT_LANGUAGE) for lang in LANGUAGES},
        any_change=any(found[lang][kind] for lang in LANGUAGES for kind in KINDS),
        limit=MAX_LISTED,
    )


def report(base_dir: Path, head_dir: Path) -> str:
    return markdown(compare(snapshot(base_dir), snapshot(head_dir)))
