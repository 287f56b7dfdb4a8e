"""The site build's logic, called by the thin MkDocs hooks in hooks/site.py.

static-i18n runs MkDocs' build() once per language with the same config: every function here is
keyed by language and idempotent.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from pathlib import Path

from mkdocs.structure.toc import AnchorLink

from ..content import generated as outputs
from ..content import identity
from ..content.model import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Site,
    load_site,
    split_language,
    versions_files,
)
from ..content.problems import ERROR, ContentError, Problem
from ..content.schema import published_schema_files
from ..content.strings import t
from ..content.tree import file_problems
from ..exports import manifest
from ..history.translations import stale_report
from ..markup import sanitize
from ..markup.render import removal_problems, shape_problems
from ..rules import run_all
from . import search, version_pages
from .decorate import (
    Decorated,
    decorate,
    foreign_generated_files,
    index_cards,
    index_pages,
    page_source_text,
    withheld,
)
from .decorate import glossary as pages_glossary
from .translation_pages import status_pages

_state: dict = {}  # the Site of this mkdocs run, and what is made from it once
_log = logging.getLogger("mkdocs.plugins.cittamedie")
# Problems that stop every build, validated or not: reading on would hang, crash, or read files
# from outside the repository.
ALWAYS_STOP = ("size", "nesting", "link-outside")


def load(
    config_file: str, docs_dir: str, directory_urls: bool = True, validation: bool = True
) -> Site:
    """Load the content once per `mkdocs` run and stop the build on any error.

    validation=False (extra.validation in mkdocs.yml; for testing the defences only) publishes
    what the validator would refuse, so that tests can see that the sanitiser and the escaping
    alone keep the published site harmless."""
    root = Path(config_file).resolve().parent
    site = load_site(root, Path(docs_dir))
    site.directory_urls = directory_urls
    errors = [p for p in run_all(site) if p.severity == ERROR]
    _state.update(site=site, validation=validation, index_pages=None)
    refuse([p for p in errors if validation or p.rule in ALWAYS_STOP])
    stale_report(
        site
    )  # git read now, while the Italian bodies are held (published, they are let go)
    for source in site.sources:  # line maps and headings serve the validator only: once it has
        source.lines = {}  # run, they are a fifth of the model's memory for nothing
        source.__dict__.pop("headings", None)  # (a cached_property: read again, it is recomputed)
    return site


def refuse(problems: list[Problem]) -> None:
    """Stop the build on these problems; with validation off, only say them."""
    if not problems:
        return
    if _state.get("validation", True) or any(p.rule in ALWAYS_STOP for p in problems):
        raise ContentError(problems)
    for problem in problems:
        _log.warning("validation off: %s", problem)


def site() -> Site:
    return _state["site"]


def write_index_pages(site: Site, publisher=None) -> None:
    """Write the generated theme and city index pages and the translation status page (its links
    to the repository from the publisher's identity); never touch a file we did not write.

    A file in those folders that the build did not write stops the build (validated or not):
    it was never validated, so it is never published."""
    wanted = index_pages(site) | status_pages(site, publisher)
    versions = version_pages.page_sources(site)  # beside the chapters: out of the folders' clean-up
    _state["index_pages"] = wanted | versions
    foreign = foreign_generated_files(site)
    if foreign:
        raise ContentError(foreign)
    for folder in {Path(uri).parent for uri in wanted}:
        for old in (site.docs_dir / folder).glob("*.md"):
            if old.relative_to(site.docs_dir).as_posix() not in wanted:
                old.unlink()  # ours from an earlier build: anything else stopped the build above
    for old in versions_files(site.docs_dir):
        if old.relative_to(site.docs_dir).as_posix() not in versions:
            old.unlink()  # the versions page of a document that no longer lists versions (ours, as above)
    for uri, text in (wanted | versions).items():
        path = site.docs_dir / uri
        if (
            not path.exists() or path.read_text("utf-8") != text
        ):  # unchanged files keep `serve` quiet
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")


def page_source(src_uri: str) -> str:
    """What MkDocs reads for a page: the front matter and body as the content model split them
    (so MkDocs and the validator never disagree on where the body starts), with plain-text
    fields escaped for Material's templates. A file the model does not know is never published."""
    key, lang = split_language(src_uri)
    current = site()
    source = current.get(key, lang)
    if source is None:
        generated = (_state.get("index_pages") or {}).get(src_uri)
        if generated is None:
            raise ContentError(
                [
                    Problem(
                        f"docs/{src_uri}",
                        1,
                        "publish",
                        "this page was not read by the validator",
                        "check its name and folder; see CONTRIBUTING.md",
                    )
                ]
            )
        return generated
    shapes = shape_problems(source.rel, source.body, source.body_line)
    refuse(shapes)
    body = withheld(source.lang) if shapes or not source.ok and not source.meta else source.body
    return page_source_text(source.meta, source.title, body)


def page_html(html: str, src_uri: str, toc, lang: str = SOURCE_LANGUAGE) -> str:
    """The rendered page with its generated parts (page_markdown) through the allowlist; what it
    removes stops the build. The generated parts' headings join the table of contents."""
    uri, parts = _state.pop("parts", (None, None))
    if parts is not None and uri == src_uri:
        html = "\n".join(p for p in (parts.before, html, parts.after) if p)
        for anchor, title in parts.headings:
            toc.items.append(AnchorLink(title, anchor, 2))
    safe, removed = sanitize.clean(html)
    if removed:
        source = site().get(*split_language(src_uri))
        rel, body, line = (
            (source.rel, source.body, source.body_line) if source else (f"docs/{src_uri}", "", 1)
        )
        refuse(removal_problems(rel, body, line, removed))
    for item in _toc_items(toc):  # the menu of sections shows heading text as HTML too
        item.title = sanitize.clean(item.title)[0]
    _release_body(site().get(*split_language(src_uri)), lang)
    return safe


def _release_body(source, lang: str) -> None:
    """Let go of a body once published in every language that shows it: the model holds every
    page's text from validation on, and a build of thousands of pages need not hold it twice."""
    if source is None:
        return
    current = site()
    if lang == SOURCE_LANGUAGE == source.lang and any(
        current.get(source.key, other) is None for other in LANGUAGES
    ):
        return  # a language without a translation shows this text again
    source.body_hash()  # English pages compare it with their translated_from
    source.body = ""


def _toc_items(items):
    for item in items or []:
        yield item
        yield from _toc_items(item.children)


def published_files(files, docs_dir: str) -> list[Problem]:
    """Remove from MkDocs' files every one that must not be published; say why. The same checks
    as the validator's (tree.file_problems), so that a build with validation off publishes no
    script renamed .png either."""
    current = site()
    docs, root = Path(docs_dir), current.root
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
            found = [
                Problem(
                    shown,
                    0,
                    "link-outside",
                    f"this link points outside the repository (to {real.as_posix()})",
                    "remove the link; copy the file into the repository instead",
                )
            ]
        elif file.src_uri.endswith(".md"):
            continue  # pages: page_source refuses those the model does not know
        else:
            found = file_problems(real, file.src_uri, shown)
        if found:
            files.remove(file)
            problems.extend(found)
    return problems


def page_markdown(markdown: str, src_uri: str, lang: str) -> str:
    """The Markdown MkDocs renders; the page's generated HTML waits for page_html."""
    key, file_lang = split_language(src_uri)
    current = site()
    source = current.get(key, file_lang)
    url = current.url(key, lang)
    if source is None:
        versions = version_pages.page_parts(current, key, lang)
        parts = (
            Decorated("", after=versions[0], headings=versions[1])
            if versions
            else index_cards(current, src_uri)
        )
    else:
        parts = decorate(markdown, current, source, lang, url)
    _state["parts"] = (src_uri, parts)  # MkDocs renders this page next, then calls page_html
    return markdown if source is None else parts.markdown


def markdown_settings(mdx_configs: dict, lang: str) -> None:
    """Settings of Markdown extensions for one language's build: abbr's glossary (acronyms get a
    tooltip on every page) and the name of a table region with nothing to name it (mdtables)."""
    mdx_configs.setdefault("abbr", {})["glossary"] = pages_glossary(site(), lang)
    mdx_configs.setdefault("cittamedie.markup.mdtables", {})["label"] = t("table", lang)


def alternates(src_uri: str, site_url: str) -> list[dict]:
    """hreflang links to the languages this page is really written in, plus x-default."""
    key, _ = split_language(src_uri)
    current = site()
    base = site_url.rstrip("/") + "/"
    written = [
        lang
        for lang in LANGUAGES
        if current.get(key, lang) or current.get(key, SOURCE_LANGUAGE) is None
    ]
    links = [{"hreflang": lang, "href": base + current.url(key, lang)} for lang in written]
    links.append({"hreflang": "x-default", "href": base + current.url(key, SOURCE_LANGUAGE)})
    return links


_CONFIG_BASE = re.compile(
    r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")'
)


_SEARCH_WORKER = re.compile(r'"search": "([^"]*/workers/)(search\.[0-9a-f]+\.min\.js)"')


def post_page(html: str, lang: str, offline: bool = False) -> str:
    """In the offline copy, which keeps Material's search, search with stemming (see
    workers/cittamedie-search.js) and let English pages search their own index. The served site's
    pages are left as rendered (Material's alternates are left out by main.html)."""
    if not offline:
        return html
    html = _SEARCH_WORKER.sub(r'"search": "\1cittamedie-search.js?worker=\2"', html, count=1)
    if lang == SOURCE_LANGUAGE:
        return html
    return _CONFIG_BASE.sub(lambda m: m[1] + _language_base(m[2], lang) + m[3], html, count=1)


def _language_base(base: str, lang: str) -> str:
    """Material's base URL for a language root: '../..' → '../../en/', '/' → '/en/', '.' → 'en/'."""
    return f"{lang}/" if base in ("", ".") else f"{base.rstrip('/')}/{lang}/"


def not_found_page(html: str, site_dir: Path, lang: str, offline: bool = False) -> str:
    """One 404 page per language: each language build would otherwise overwrite /404.html."""
    html = post_page(html, lang, offline)
    _state[f"404-{lang}"] = html
    if lang == SOURCE_LANGUAGE:
        return html
    target = site_dir / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, "utf-8")
    return _state.get(f"404-{SOURCE_LANGUAGE}", html)


def finish(
    site: Site, site_dir: Path, site_url: str, whole_guide: list[str], offline: bool = False
) -> dict:
    """After every language is built: search per language (Pagefind; Material's lunr index for the
    offline copy), sitemap, the manifest for the PDF export."""
    if offline:
        figures = {"bytes": split_search_index(site_dir, inline=True)}
    else:
        figures = search.index(site_dir)
        _log.info(
            "pagefind: %s in %.1f s",
            ", ".join(
                f"{lang} {figures['pages'].get(lang, 0)} pages {size / 1024:.0f} kB"
                for lang, size in figures["bytes"].items()
            ),
            figures["seconds"],
        )
    manifest.write(site, site_dir, site_url, whole_guide)
    text = sitemap(site, site_url)
    (site_dir / "sitemap.xml").write_text(text, "utf-8")
    with gzip.open(site_dir / "sitemap.xml.gz", "wt", encoding="utf-8") as handle:
        handle.write(text)
    return figures


def split_search_index(site_dir: Path, inline: bool = False) -> dict[str, int]:
    """Material's search (the offline copy's): static-i18n stacks every language into one index,
    give each language its own.

    inline also writes search_index.js (`var __index = …`), which Material loads under file://."""
    index_file = site_dir / "search" / "search_index.json"
    index = json.loads(index_file.read_text("utf-8"))
    sizes = {}
    for lang in LANGUAGES:
        prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
        docs = [
            dict(d, location=d["location"].removeprefix(prefix))
            for d in index["docs"]
            if _language_of(d["location"]) == lang
        ]
        config = dict(index["config"], lang=[lang])
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")
        )
        target.write_text(text, "utf-8")
        if inline:
            target.with_suffix(".js").write_text(f"var __index = {text}", "utf-8")
        sizes[lang] = len(text.encode("utf-8"))
    return sizes


def _language_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in LANGUAGES and first != SOURCE_LANGUAGE else SOURCE_LANGUAGE


def sitemap(site: Site, site_url: str) -> str:
    """Every page once per language it is written in, with its alternates (a fallback is not English)."""
    base = site_url.rstrip("/") + "/"
    pages: dict[str, list[str]] = {
        key: [lang for lang in LANGUAGES if site.get(key, lang)] for key in site.keys()
    }
    pages.update({key: list(LANGUAGES) for key in outputs.generated_pages(site)})
    entries = []
    for key, langs in sorted(pages.items()):
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{base}{site.url(key, lang)}"/>'
            for lang in langs
        )
        entries += [f"<url><loc>{base}{site.url(key, lang)}</loc>{links}</url>" for lang in langs]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n"
    )


def generated_file_texts(site: Site, site_url: str) -> dict[str, str]:
    """site path → text of the files built from the model: calendar, open data, schemas.

    They are handed to MkDocs as generated files, so that links to them are checked like any other;
    made once per run, though every language build asks for them.
    """
    if "files" not in _state or _state.get("files_for") is not site:
        _state["files"], _state["files_for"] = _make_generated_files(site, site_url), site
    return _state["files"]


def _make_generated_files(site: Site, site_url: str) -> dict[str, str]:
    records = outputs.open_data_records(site, site_url)
    schemas = published_schema_files(site_url)  # each $id its address on the site, for editors
    publisher = identity.current().open_data()
    files = {
        outputs.CALENDAR: outputs.calendar(site, site_url),
        f"{outputs.OPEN_DATA}.json": outputs.open_data_json(records, publisher),
        f"{outputs.OPEN_DATA}.csv": outputs.open_data_csv(records, publisher),
        f"{outputs.OPEN_DATA}.schema.json": schemas["open-data.schema.json"],
    }
    files.update({f"schemas/{name}": text for name, text in schemas.items()})
    return files
