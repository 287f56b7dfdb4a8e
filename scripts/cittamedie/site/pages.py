"""Each page through the build, as the hooks hand it over: the source MkDocs reads (the content
model's split of it, so MkDocs and the validator never disagree), the Markdown with its markers
replaced, the rendered HTML with the site's parts around it through the allowlist, and which files
of the docs tree may be published at all."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.toc import AnchorLink

from ..content.languages import LANGUAGES, SOURCE_LANGUAGE, split_language
from ..content.messages import say
from ..content.problems import ContentError, Problem
from ..content.strings import t
from ..content.tree import file_problems, outside_link
from ..markup import sanitize
from ..markup.furniture import reserved_id, without_invisible
from ..markup.render import finding_problems, removal_problems
from ..markup.shapes import shape_problems
from ..markup.tables import table_problems
from . import synonyms
from .context import BuildContext
from .decorate import decorate, published, withheld
from .generated import page_text, parts_of
from .markers import render_markers
from .parts import paragraphs


def source_text(ctx: BuildContext, src_uri: str) -> str:
    """What MkDocs reads for a page: the front matter and body as the content model split them, with
    plain-text fields escaped for Material's templates. A file the model does not know is never
    published."""
    key, lang = split_language(src_uri)
    source = ctx.site.get(key, lang)
    if source is None:
        generated = ctx.generated.get(src_uri)
        if generated is None:
            problem = Problem(
                f"docs/{src_uri}",
                1,
                "publish",
                say("this page was not read by the validator"),
                say("check its name and folder; see CONTRIBUTING.en.md"),
            )
            raise ContentError([problem])
        return generated
    shapes = shape_problems(source.rel, source.body, source.body_line)
    ctx.refuse(shapes)
    body = (
        withheld(ctx, source.lang) if shapes or not source.ok and not source.meta else source.body
    )
    return page_text(source.meta, source.title, body)


def markdown(ctx: BuildContext, text: str, src_uri: str, lang: str) -> str:
    """The Markdown MkDocs renders: a source page's markers replaced by their generated blocks."""
    key, file_lang = split_language(src_uri)
    if ctx.site.get(key, file_lang) is None:
        return text  # a page the build writes: its parts join it after Markdown (html below)
    return render_markers(ctx, text, lang, ctx.site.url(key, lang))


def html(ctx: BuildContext, rendered: str, src_uri: str, toc, lang: str) -> tuple[str, str]:
    """The rendered page with its parts around it, through the allowlist; what it removes stops the
    build. The parts' headings join the table of contents. Also the other language's acronyms of the
    glossary terms the page uses, for the search index (synonyms.py), from the same reading."""
    key, file_lang = split_language(src_uri)
    source = ctx.site.get(key, file_lang)
    parts = (
        parts_of(ctx, src_uri, lang)
        if source is None
        else decorate(ctx, source, lang, ctx.site.url(key, lang))
    )
    rel, body, line = (
        (source.rel, source.body, source.body_line) if source else (f"docs/{src_uri}", "", 1)
    )
    own_text, removed, said = sanitize.clean_content(rendered)  # without the site's furniture
    if said:  # what its text may not say (validation off): the text is withheld, its menu too
        ctx.refuse(finding_problems(rel, body, line, said))
        own_text = withheld(ctx, lang)
        toc.items.clear()
    elif source is not None:  # a document's chapter: its paragraphs' numbers and comment links
        own_text = paragraphs.numbered(ctx, source, lang, ctx.site.url(key, lang), own_text)
    _drop_reserved(toc.items)  # the sanitiser took those ids off the page's headings
    for anchor, title in parts.headings:
        toc.items.append(AnchorLink(title, anchor, 2))
    page = published(ctx, own_text, parts)
    if (
        ctx.preview and ctx.validation
    ):  # `make serve`: the validator has run; no search index to feed now
        return sanitize.safe(page), ""
    safe, removed_too, text = sanitize.clean_page(page)
    removed += removed_too
    if removed:
        ctx.refuse(removal_problems(rel, body, line, removed))
    ctx.refuse(table_problems(rel, body, line, safe))  # what the PDF export would lay out
    for item in _toc_items(toc):  # the menu of sections shows heading text as HTML too
        if any(sign in item.title for sign in "<>&"):  # plain text needs no cleaning
            item.title = sanitize.clean(item.title)[0]
        item.title = without_invisible(item.title)  # a menu label (data-toc-label) may hold one
    return safe, synonyms.synonym_text(ctx.synonyms, text)


def published_files(ctx: BuildContext, files, docs_dir: str) -> list[Problem]:
    """Remove from MkDocs' files every one that must not be published; say why. The same checks as
    the validator's (content/tree.py), so that a build with validation off publishes no script
    renamed .png either."""
    docs, root = Path(docs_dir), ctx.root
    problems = []
    for file in list(files):
        if (
            file.generated_by
            or not file.abs_src_path
            or not Path(file.abs_src_path).is_relative_to(docs)
        ):
            continue  # ours, or the theme's
        real = Path(file.abs_src_path).resolve()
        shown = f"docs/{file.src_uri}"
        if not real.is_relative_to(root):
            found = [outside_link(shown, real)]
        elif file.src_uri.endswith(".md"):
            continue  # pages: source_text refuses those the model does not know
        else:
            found = file_problems(real, file.src_uri, shown)
        if found:
            files.remove(file)
            problems.extend(found)
    return problems


def markdown_settings(ctx: BuildContext, mdx_configs: dict, lang: str) -> None:
    """Settings of Markdown extensions for one language's build: abbr's glossary (acronyms get a
    tooltip on every page, without 25 definitions per page) and the name of a table region with
    nothing to name it (mdtables)."""
    glossary = {term["abbr"]: term["expansion"][lang] for term in ctx.site.items("glossary")}
    mdx_configs.setdefault("abbr", {})["glossary"] = glossary
    mdx_configs.setdefault("cittamedie.markup.mdtables", {})["label"] = t("table", lang)


def alternates(ctx: BuildContext, src_uri: str, site_url: str) -> list[dict]:
    """hreflang links to the languages this page is really written in, plus x-default; none
    without site_url (hreflang addresses are absolute)."""
    if not site_url:
        return []
    site = ctx.site
    key, _ = split_language(src_uri)
    base = site_url.rstrip("/") + "/"
    written = [
        lang for lang in LANGUAGES if site.get(key, lang) or site.get(key, SOURCE_LANGUAGE) is None
    ]
    links = [{"hreflang": lang, "href": base + site.url(key, lang)} for lang in written]
    links.append({"hreflang": "x-default", "href": base + site.url(key, SOURCE_LANGUAGE)})
    return links


def _drop_reserved(items) -> None:
    """Take out of the page's table of contents its headings whose id is the site's own."""
    items[:] = [item for item in items if not reserved_id(item.id)]
    for item in items:
        _drop_reserved(item.children)


def _toc_items(items):
    for item in items or []:
        yield item
        yield from _toc_items(item.children)
