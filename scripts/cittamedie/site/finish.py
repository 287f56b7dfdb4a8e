"""What the build writes besides pages: the files MkDocs publishes from the content model (calendar,
open data, schemas), one 404 page per language, and, once every language is built, the search
index, the sitemap and the manifest the PDF export reads."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..content.generated import CALENDAR, OPEN_DATA, PDF_SIZES, outcomes_pages
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE, language_of_url, language_root
from ..content.schema import SCHEMA_FOLDER, published_schema_files
from ..exports import manifest, opendata, outcomes
from ..exports.calendar import calendar
from ..exports.feed import write_feeds
from ..exports.sitemap import write_sitemap
from ..history.stamp import build_time
from . import preview, search
from .context import BuildContext

_log = logging.getLogger("mkdocs.plugins.cittamedie")


def files(ctx: BuildContext) -> dict[str, str]:
    """Site path → text of the files built from the model: calendar, open data, schemas (and an empty
    list of PDF sizes, so that the downloads page's script finds one before the export). They are
    handed to MkDocs as generated files, so that links to them are checked like any other; made once
    per build, though every language's build asks for them."""
    if not ctx.files:
        records = opendata.records(ctx.site, ctx.site_url)
        schemas = published_schema_files(
            ctx.site_url
        )  # each $id its address on the site, for editors
        publisher = ctx.identity.open_data()
        made = {
            CALENDAR: calendar(ctx.site, ctx.site_url, build_time(ctx.git)),
            f"{OPEN_DATA}.json": opendata.as_json(records, publisher),
            f"{OPEN_DATA}.csv": opendata.as_csv(records, publisher),
            f"{OPEN_DATA}.schema.json": schemas["open-data.schema.json"],
            PDF_SIZES: "{}\n",  # no PDF measured yet: the PDF export writes the sizes (exports/pdf.py)
        }
        made.update({f"{SCHEMA_FOLDER}/{name}": text for name, text in schemas.items()})
        for key, (doc, version) in outcomes_pages(ctx.site).items():
            rows = outcomes.records(
                ctx.site, ctx.site.consultations[(doc.id, version)], ctx.site_url
            )
            name = key.removesuffix(".md")
            made[f"{name}.json"] = outcomes.as_json(doc, version, rows, publisher)
            made[f"{name}.csv"] = outcomes.as_csv(rows)
        ctx.files = made
    return ctx.files


def not_found_page(ctx: BuildContext, html: str, site_dir: Path, lang: str) -> str:
    """One 404 page per language: each language's build would otherwise overwrite /404.html."""
    ctx.not_found[lang] = html
    if lang == SOURCE_LANGUAGE:
        return html
    target = site_dir / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, "utf-8")
    return ctx.not_found.get(SOURCE_LANGUAGE, html)


def finish(ctx: BuildContext, site_dir: Path) -> dict:
    """After every language is built: search per language (Pagefind; Material's lunr index for the
    offline copy), sitemap, the manifest for the PDF export, the Atom feeds (not in the offline copy)."""
    if ctx.offline:
        figures = {"bytes": split_search_index(site_dir, inline=True)}
    elif ctx.preview:  # the pages are served: what remains is done while the editor reads them
        search.index_in_background(site_dir)
        if ctx.validation:
            preview.report_in_background(ctx.site, ctx.run)
        figures = {}
    else:
        figures = search.index(site_dir)
        pages = ", ".join(
            f"{lang} {figures['pages'].get(lang, 0)} pages {size / 1024:.0f} kB"
            for lang, size in figures["bytes"].items()
        )
        _log.info("pagefind: %s in %.1f s", pages, figures["seconds"])
    manifest.write(
        ctx.site, ctx.histories, site_dir, ctx.site_url, ctx.extra.get("whole_guide", [])
    )
    write_sitemap(ctx.site, ctx.site_url, site_dir, build_time(ctx.git))  # none without site_url
    # read from file://, a feed has nobody to follow it: not in the copy; without site_url, no
    # address to give its entries (the build's warning says so: content/identity.py)
    if not ctx.offline and ctx.site_url:
        figures["feeds"] = write_feeds(ctx.site, ctx.identity, ctx.site_url, site_dir)
        _log.info(
            "feeds: %s", ", ".join(f"{lang} {n} entries" for lang, n in figures["feeds"].items())
        )
    return figures


def split_search_index(site_dir: Path, inline: bool = False) -> dict[str, int]:
    """Material's search (the offline copy's): static-i18n stacks every language into one index;
    give each language its own. inline also writes search_index.js (`var __index = …`), which
    Material loads under file://."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    sizes = {}
    for lang in LANGUAGES:
        prefix = language_root(lang)
        docs = [
            dict(doc, location=doc["location"].removeprefix(prefix))
            for doc in index["docs"]
            if language_of_url(doc["location"]) == lang
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
