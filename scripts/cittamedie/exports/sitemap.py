"""sitemap.xml: every page once per language it is written in, with its alternates (a page shown in
Italian where it has no translation is not listed as a translation)."""

from __future__ import annotations

import datetime as dt
import gzip
from importlib import resources
from pathlib import Path

import jinja2

from ..content.generated import SITEMAP, generated_pages
from ..content.languages import LANGUAGES
from ..content.model import Site

TEMPLATE = resources.files(__package__) / "templates" / "sitemap.xml"


def sitemap(site: Site, site_url: str) -> str:
    base = site_url.rstrip("/") + "/"
    written = {key: [lang for lang in LANGUAGES if site.get(key, lang)] for key in site.keys()}
    written.update({key: list(LANGUAGES) for key in generated_pages(site)})
    pages = [
        {"addresses": [{"lang": lang, "href": base + site.url(key, lang)} for lang in languages]}
        for key, languages in sorted(written.items())
    ]
    template = jinja2.Template(
        TEMPLATE.read_text("utf-8"), autoescape=True, keep_trailing_newline=True
    )
    return template.render(pages=pages)


def write_sitemap(site: Site, site_url: str, site_dir: Path, stamp: dt.datetime) -> None:
    """sitemap.xml and its gzip copy, in place of MkDocs' own, whose header says stamp (the build's
    time, not the clock's: two builds of one commit write the same bytes); without site_url (its
    addresses are absolute) none: MkDocs' own, which says "None" for the address, is removed."""
    if not site_url:
        for name in (SITEMAP, f"{SITEMAP}.gz"):
            (site_dir / name).unlink(missing_ok=True)
        return
    text = sitemap(site, site_url)
    (site_dir / SITEMAP).write_text(text, "utf-8")
    with (
        open(site_dir / f"{SITEMAP}.gz", "wb") as raw,
        gzip.GzipFile(SITEMAP, "wb", fileobj=raw, mtime=int(stamp.timestamp())) as handle,
    ):
        handle.write(text.encode("utf-8"))
