"""Pages the build writes into the docs tree, so that MkDocs and static-i18n build them like any
page: the catalogue's theme and city pages, the translation status page, each document's versions
page, the page of each of the 39 cities (content/generated.py names them and their folders). Each holds its title and introduction in
Markdown; its list (cards, versions) is added as HTML when the page is built (parts_of).

The build writes only the files it owns: a file in those places that the build did not write stops
the build (rules/generated.py), validated or not: it was never validated, so it is never published.
Unchanged files are not written again, which keeps `mkdocs serve` from rebuilding in a loop.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content.build_files import versions_files
from ..content.generated import (
    GENERATED_HEADER,
    OUTCOMES_FOLDER,
    STATUS_PAGE,
    outcomes_pages,
    outcomes_title,
    versions_pages,
)
from ..content.languages import LANGUAGES, source_uri, split_language
from ..content.strings import t
from .context import BuildContext
from .decorate import Decorated
from .html import esc, md_esc
from .parts import catalogue, city, outcomes, translations, versions

# Front-matter fields Material reads; the rest of the front matter is ours and stays in the model.
MATERIAL_FIELDS = ("description", "hide")


def write_pages(ctx: BuildContext) -> None:
    """Write every generated page that changed, remove those of ours no longer wanted. A file there
    that the build did not write has stopped the build already (content/problems.py, ALWAYS_STOP)."""
    if ctx.generated:
        return  # static-i18n's build of one more language: written by the first
    site = ctx.site
    folders = _folder_pages(ctx)
    besides = _versions_pages(ctx)  # beside the chapters: out of the folders' clean-up
    ctx.generated = folders | besides
    for folder in {Path(uri).parent for uri in folders} | {Path(OUTCOMES_FOLDER)}:
        for old in (site.docs_dir / folder).glob("*.md"):
            if old.relative_to(site.docs_dir).as_posix() not in folders:
                old.unlink()  # ours from an earlier build: anything else stopped the build
    for old in versions_files(site.docs_dir):
        if old.relative_to(site.docs_dir).as_posix() not in besides:
            old.unlink()  # the versions page of a document that no longer lists versions (ours, as above)
    for uri, text in ctx.generated.items():
        path = site.docs_dir / uri
        if not path.exists() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")


def parts_of(ctx: BuildContext, src_uri: str, lang: str) -> Decorated:
    """The generated HTML of a page the build writes (none for a source page)."""
    key, _ = split_language(src_uri)
    page = versions.page_parts(ctx, key, lang) or outcomes.page_parts(ctx, key, lang)
    if page is not None:
        return Decorated(after=page[0], headings=page[1])
    entry = ctx.index_pages.get(src_uri)
    if entry is not None:
        return Decorated(after=catalogue.index_cards(ctx, key, lang, entry[2]))
    place = ctx.city_pages.get(src_uri)
    if place is not None:
        html, headings = city.page_parts(ctx, place[2], lang)
        return Decorated(after=html, headings=headings)
    if key == STATUS_PAGE:
        return Decorated(after=translations.status_page(ctx, lang))
    return Decorated()


def page_text(meta: dict, title: str, body: str) -> str:
    """A page as MkDocs reads it: the fields Material needs, HTML-escaped because Material's templates
    print them as they are (`<title>{{ page.meta.title }}`, `content="…"`), then the body."""
    fields = {"title": esc(title)}
    for name in MATERIAL_FIELDS:
        value = meta.get(name)
        if isinstance(value, str):
            fields[name] = esc(value)
        elif isinstance(value, list):
            fields[name] = [esc(item) for item in value if isinstance(item, str)]
    return _front_matter(fields) + body


def _generated_page(title: str, intro: str, meta: dict | None = None) -> str:
    """A page the build writes: its header, title and introduction, escaped for Markdown."""
    body = f"{GENERATED_HEADER}\n\n# {md_esc(title)}\n\n{md_esc(intro)}\n"
    return page_text(meta or {}, title, body)


def _folder_pages(ctx: BuildContext) -> dict[str, str]:
    pages = {
        uri: _generated_page(title, intro) for uri, (title, intro, _) in ctx.index_pages.items()
    }
    cities = {  # a city's introduction is its description too (search engines, shared links)
        uri: _generated_page(title, intro, {"description": intro})
        for uri, (title, intro, _) in ctx.city_pages.items()
    }
    return pages | cities | status_pages(ctx) | _outcomes_pages(ctx)


def status_pages(ctx: BuildContext) -> dict[str, str]:
    """docs path → text of the translation status page in each language (for editors: out of the
    menu, the sitemap and the search index). Its table is added when the page is built, like the
    other lists, so the file changes only with its title: `mkdocs serve` does not build again
    because a translation's state changed."""
    pages = {}
    for lang in LANGUAGES:
        title = t("translation.page_title", lang)
        meta = {
            "title": esc(title),
            "hide": ["navigation", "toc"],
            "search": {"exclude": True},
            "cm_noindex": True,
        }
        body = f"{GENERATED_HEADER}\n\n# {md_esc(title)}\n"
        pages[source_uri(STATUS_PAGE, lang)] = _front_matter(meta) + body
    return pages


def _outcomes_pages(ctx: BuildContext) -> dict[str, str]:
    return {
        source_uri(key, lang): _generated_page(
            outcomes_title(doc, version, lang),
            t("outcomes.intro", lang, document=doc.title(lang), version=version),
        )
        for key, (doc, version) in outcomes_pages(ctx.site).items()
        for lang in LANGUAGES
    }


def _versions_pages(ctx: BuildContext) -> dict[str, str]:
    return {
        source_uri(key, lang): _generated_page(
            t("versions.title", lang), t("versions.intro", lang, document=doc.title(lang))
        )
        for key, doc in versions_pages(ctx.site).items()
        for lang in LANGUAGES
    }


def _front_matter(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n"
