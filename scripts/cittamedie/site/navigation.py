"""The page tree: MkDocs builds it from folders; we put it in reading order and keep it small.

Top-level order comes from mkdocs.yml (extra.nav_order); a document's chapters follow its
document.yml. The menu lists documents, chapters and the catalogue's entry points (its index,
the theme pages, the city pages), never the cases one by one: every page carries the menu, so a
menu that grew with the catalogue would make every page, and the build, grow with it. Cases stay
in the catalogue's section as their parent (breadcrumbs, the active section) without being its
children; readers reach them through the catalogue, its filters, search and related cases.
"""

from __future__ import annotations

import html

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..content.generated import (
    CITY_FOLDER,
    GENERATED_FOLDERS,
    OUTCOMES_FOLDER,
    STATUS_FOLDER,
    city_page,
    theme_page,
)
from ..content.languages import split_language
from ..content.model import Site
from ..content.strings import t
from .html import esc

# ---------------------------------------------------------------- Public functions


def order(nav: Navigation, site: Site, lang: str, top_order: list[str]) -> Navigation:
    for item in [i for i in nav.items if _key(i) in OUT_OF_MENU]:
        nav.items.remove(
            item
        )  # built and reachable by address, but no menu, breadcrumbs or next page
        for page in _pages([item]):
            page.parent = None
    nav.items = _sorted(nav.items, site, lang, top_order)
    pages = _pages(nav.items)
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after
    nav.pages = pages
    return nav


def section_path(page) -> str:
    """The menu sections above a page, as plain text ("Linee guida › Priorità"): their titles are
    kept escaped for Material's menu, which prints them as they are."""
    return " › ".join(html.unescape(a.title) for a in reversed(page.ancestors) if a.title)


def section_name(page) -> str:
    """The menu's label of the section whose landing page (its index) this page is, as plain
    text; "" for any other page. Search gives it to the landing page (search.page_marks): the menu
    is not indexed, and a section's name should find the page it opens before the pages inside
    it, whose titles often repeat it ("Buone pratiche di Bari")."""
    parent = getattr(page, "parent", None)
    if not getattr(page, "is_index", False) or parent is None or not parent.title:
        return ""
    return html.unescape(parent.title)


def has_toc_toggle(page, nav) -> bool:
    """Whether the menu holds this page as an item of its own, with the `__toc` toggle that the
    table of contents' title labels (toc.html, patched in material-patches.yml): not a case, not a
    section's index."""
    if page is None or nav is None:
        return False
    if page.parent is None:
        return any(item is page for item in nav.items)
    return not page.is_index and any(item is page for item in page.parent.children)


# ---------------------------------------------------------------- Helper functions


def _key(item) -> str:
    if isinstance(item, Page):
        return split_language(item.file.src_uri)[0]
    first = (
        next((c for c in item.children if isinstance(c, Page)), None)
        or (item.children or [None])[0]
    )
    return _key(first).rpartition("/")[0] if first else ""


def _sorted(items: list, site: Site, lang: str, top_order: list[str]) -> list:
    rank = {name: n for n, name in enumerate(top_order)}
    items.sort(key=lambda i: (rank.get(_key(i), len(rank)), i.title or ""))
    for item in items:
        if isinstance(item, Section):
            _order_section(item, site, lang)
    return items


def _order_section(section: Section, site: Site, lang: str) -> None:
    folder = _key(section)
    cases = {s.key for s in site.cases()}
    kept, hidden = [], []
    for child in section.children:
        (hidden if isinstance(child, Page) and _key(child) in cases else kept).append(child)
    for page in hidden:  # out of the menu, still under the catalogue for breadcrumbs
        page.parent, page.previous_page, page.next_page = section, None, None
    section.children = kept
    doc = next((d for d in site.documents.values() if d.folder == folder), None)
    if doc:
        rank = {key: n for n, key in enumerate(doc.chapters)}
        section.title = esc(doc.title(lang))  # Material prints menu titles unescaped
        section.children.sort(key=lambda c: rank.get(_key(c), len(rank)))
    else:
        index = site.shown(f"{folder}/index.md", lang)
        # a folder's own name when it has no index page: escaped like every menu title
        section.title = esc(index.title if index else section.title or "")
        section.children.sort(
            key=lambda c: (
                isinstance(c, Section),
                not _key(c).endswith("/index.md"),
                _GENERATED_ORDER.get(_key(c), 0),
                (c.title or "").casefold(),
            )
        )
    for child in section.children:
        child.parent = section
        if isinstance(child, Section) and _key(child) in GENERATED_FOLDERS:
            _entry_points(child, site, lang)


def _entry_points(section: Section, site: Site, lang: str) -> None:
    """The theme or city pages of the catalogue: short menu titles, in the data's order."""
    by_theme = _key(section) == "buone-pratiche/tema"
    section.title = esc(t("by_theme" if by_theme else "by_city", lang))
    if by_theme:
        names = {theme_page(th["id"]): th["title"][lang] for th in site.items("themes")}
    else:
        names = {city_page(s.meta["city"]): s.meta["city"] for s in site.cases()}
    rank = {key: n for n, key in enumerate(names)} if by_theme else {}
    for page in section.children:
        page.title = esc(names.get(_key(page), page.title or ""))  # before MkDocs reads the page
        page.parent = section
    section.children.sort(key=lambda c: (rank.get(_key(c), 0), (c.title or "").casefold()))


def _pages(items: list) -> list[Page]:
    found = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        if getattr(item, "children", None):
            found.extend(_pages(item.children))
    return found


# ---------------------------------------------------------------- Data

_GENERATED_ORDER = {folder: n for n, folder in enumerate(GENERATED_FOLDERS)}  # themes, then cities
# the translation status page, for editors; the 39 cities' pages, reached from "Le 39 città" and
# search (a menu of 39 more entries would grow every page); the consultations' outcomes, linked
# from their document's versions page and from the downloads page
OUT_OF_MENU = (STATUS_FOLDER, CITY_FOLDER, OUTCOMES_FOLDER)
