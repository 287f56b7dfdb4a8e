"""The page tree: MkDocs builds it from folders; we put it in reading order.

Top-level order comes from mkdocs.yml (extra.nav_order); a document's chapters follow its
document.yml; good practices follow their titles; generated index pages stay out of the menu.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .model import GENERATED_FOLDERS, Site, split_language
from .text import esc


def order(nav: Navigation, site: Site, lang: str, top_order: list[str]) -> Navigation:
    nav.items = _sorted(nav.items, site, lang, top_order)
    pages = _pages(nav.items)
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after
    nav.pages = pages
    return nav


def _key(item) -> str:
    if isinstance(item, Page):
        return split_language(item.file.src_uri)[0]
    first = next((c for c in item.children if isinstance(c, Page)), None) or (item.children or [None])[0]
    return _key(first).rpartition("/")[0] if first else ""


def _sorted(items: list, site: Site, lang: str, top_order: list[str]) -> list:
    items = [i for i in items if not (isinstance(i, Section) and _key(i) in GENERATED_FOLDERS)]
    rank = {name: n for n, name in enumerate(top_order)}
    items.sort(key=lambda i: (rank.get(_key(i), len(rank)), i.title or ""))
    for item in items:
        if isinstance(item, Section):
            _order_section(item, site, lang)
    return items


def _order_section(section: Section, site: Site, lang: str) -> None:
    folder = _key(section)
    section.children = [c for c in section.children
                         if not (isinstance(c, Section) and _key(c) in GENERATED_FOLDERS)]
    doc = next((d for d in site.documents.values() if d.folder == folder), None)
    if doc:
        rank = {key: n for n, key in enumerate(doc.chapters)}
        section.title = esc(doc.title(lang))  # Material prints menu titles unescaped
        section.children.sort(key=lambda c: rank.get(_key(c), len(rank)))
    else:
        index = site.shown(f"{folder}/index.md", lang)
        if index:
            section.title = esc(index.title)
        section.children.sort(key=lambda c: (not _key(c).endswith("/index.md"), (c.title or "").casefold()))
    for child in section.children:
        child.parent = section


def _pages(items: list) -> list[Page]:
    found = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        if getattr(item, "children", None):
            found.extend(_pages(item.children))
    return found
