"""PDF export: the built HTML pages of each document, through the manifest, into WeasyPrint.

One PDF per document per language, plus the catalogue and the whole guide. A PDF is rebuilt only
when its pages, the stylesheet or its metadata changed (cache in .cache/pdf/), and the exports run
in parallel processes.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import tinyhtml5

from ..content import identity as publisher
from ..content.generated import PDF_DIR
from ..content.problems import ContentError
from ..content.strings import date, esc, t
from ..history import git as history
from ..history.versions import chapter_html
from .manifest import MANIFEST

PACKAGE = resources.files(__package__)
# The PDFs embed the site's own fonts and emblem: one copy, in the theme's assets.
THEME_ASSETS = resources.files("cittamedie.site") / "overrides" / "assets"
DROP = (
    ".headerlink",
    ".md-content__button",
    ".md-source-file",
    "form",
    "script",
    ".cm-pdf-link",
    ".cm-page-end",
)  # per-page dates and "report a problem": the cover carries the date


def export_all(
    root: Path, site_dir: Path, jobs: int = 2, force: bool = False, only: list[str] | None = None
) -> int:
    manifest_file = site_dir / MANIFEST
    if not manifest_file.is_file():
        print(
            f"ERROR {manifest_file} is missing\nTIP run `mkdocs build` (or `make site`) first",
            file=sys.stderr,
        )
        return 2
    manifest = json.loads(manifest_file.read_text("utf-8"))
    try:  # the publisher, from the block the site was built with
        who = publisher.from_file(root / publisher.CONFIG_FILE)
    except ContentError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    cache = root / ".cache" / "pdf"
    cache.mkdir(parents=True, exist_ok=True)
    (site_dir / PDF_DIR).mkdir(exist_ok=True)
    documents = [
        version
        for doc in manifest["documents"]
        if not only or doc["pdf"] in only
        for version in (doc, *_earlier(doc, root))
    ]
    missing = sorted(
        {
            page["revision"]
            for doc in documents
            for page in doc["pages"]
            if "revision" in page and not history.has_revision(root, page["revision"])
        }
    )
    if missing:  # the earlier versions are read from git: say which revision, and the fix
        message, _, fix = history.missing_revision(root, missing[0]).partition(" — ")
        print(f"ERROR {message}\nTIP {fix}", file=sys.stderr)
        return 1
    tasks = [
        (doc, str(site_dir), manifest["site_url"], str(cache), force, who) for doc in documents
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(_export_one, tasks))
    for name, seconds, pages, size, rebuilt in results:
        state = f"{seconds:5.1f} s, {pages:3d} pages" if rebuilt else "unchanged, from cache"
        print(f"pdf: {name:28} {size / 1024:7.0f} kB  {state}")
    print(f"pdf: {len(results)} PDFs in {time.perf_counter() - started:.1f} s")
    fill_downloads(site_dir)
    return 0


def _export_one(task) -> tuple[str, float, int, int, bool]:
    doc, site_dir, site_url, cache, force, who = task
    site_dir, cache = Path(site_dir), Path(cache)
    name = f"{doc['pdf']}-{doc['lang']}.pdf"
    html = compose(doc, site_dir, site_url, who)
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    cached, key_file = cache / name, cache / f"{name}.key"
    target = site_dir / PDF_DIR / name
    if not force and cached.is_file() and key_file.is_file() and key_file.read_text() == key:
        shutil.copyfile(cached, target)
        return name, 0.0, 0, target.stat().st_size, False
    from weasyprint import HTML  # imported here: slow to import, and only the workers need it

    started = time.perf_counter()
    document = HTML(string=html, base_url=str(site_dir) + "/").render(pdf_variant="pdf/ua-1")
    document.write_pdf(cached, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    key_file.write_text(key)
    shutil.copyfile(cached, target)
    return name, time.perf_counter() - started, len(document.pages), target.stat().st_size, True


def compose(doc: dict, site_dir: Path, site_url: str, who: publisher.Identity) -> str:
    """One HTML file for the whole document: cover, contents, chapters with rewritten links; the
    publisher (who) on the cover and in the metadata, the EU statement only where it applies."""
    lang = doc["lang"]
    in_pdf = {page["url"]: f"c{n}" for n, page in enumerate(doc["pages"])}
    chapters = []
    for n, page in enumerate(doc["pages"]):
        article = (
            _article((site_dir / page["file"]).read_text("utf-8"))
            if "file" in page
            else _earlier_article(doc, page)
        )
        _rewrite(article, page["url"], f"c{n}", in_pdf, site_url)
        chapters.append(
            {
                "anchor": f"c{n}",
                "title": page["title"],
                "lang": page["lang"],
                "html": "".join(
                    ET.tostring(child, encoding="unicode", method="html") for child in article
                ),
            }
        )
    css = (PACKAGE / "templates" / "pdf" / "print.css").read_text("utf-8")
    css = (
        css.replace("FONTS/", _fonts_url())
        .replace("PAGE_LABEL", t("pdf.page", lang))
        .replace("OF_LABEL", t("pdf.of", lang))
        .replace("FUNDING_LABEL", _css_text(who.running_footer(lang)))
    )
    words = {
        key: t(f"pdf.{key}", lang)
        for key in ("programme", "draft_mark", "contents", "status", "emblem")
    }
    words.update(
        version=t("version", lang),
        updated=t("updated", lang),
        funding=who.funding(lang),
        notice=who.notice(lang),
        publisher=t("identity.published_by", lang, publisher=who.publisher[lang]),
        draft_banner=t("draft_banner." + doc["status"], lang) if doc.get("draft") else "",
        status_value=t(f"status.{doc['status']}", lang) if doc.get("status") else "",
        updated_value=date(doc["updated"], lang) if doc.get("updated") else "",
    )
    template = jinja2.Template(
        (PACKAGE / "templates" / "pdf" / "document.html").read_text("utf-8"), autoescape=True
    )
    return template.render(
        doc=doc,
        chapters=[dict(c, html=jinja2.utils.markupsafe.Markup(c["html"])) for c in chapters],
        css=jinja2.utils.markupsafe.Markup(css),
        words=words,
        author=who.author(lang),
        site_url=site_url,
        emblem=_emblem_url() if who.eu_funding else "",
    )


def _css_text(text: str) -> str:
    """Text inside a CSS string in a <style> element: quotes, backslashes, line ends and `<` (which
    could close the element) as CSS escapes."""
    return "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' else c for c in text)


def _fonts_url() -> str:
    return Path(str(THEME_ASSETS / "fonts")).resolve().as_uri() + "/"


def _emblem_url() -> str:
    return Path(str(THEME_ASSETS / "images" / "eu-emblem.svg")).resolve().as_uri()


def _earlier(doc: dict, root: Path) -> list[dict]:
    """The document as each earlier version was (manifest `earlier`): its PDF rendered from git."""
    return [dict(doc, **version, root=str(root), earlier=[]) for version in doc.get("earlier", [])]


def _earlier_article(doc: dict, page: dict) -> ET.Element:
    """A chapter of an earlier version: its text at the revision, rendered and sanitised like the
    site's pages, under its title as the site prints it."""
    html = chapter_html(Path(doc["root"]), page["revision"], page["git"], page["key"], doc["lang"])
    return _article(
        f'<article class="md-content__inner"><h1>{esc(page["title"])}</h1>{html}</article>'
    )


def _article(html: str) -> ET.Element:
    tree = tinyhtml5.parse(html, namespace_html_elements=False)
    article = next(e for e in tree.iter("article") if "md-content__inner" in e.get("class", ""))
    for parent in list(article.iter()):
        for child in list(parent):
            if _dropped(child):
                parent.remove(child)
    return article


def _dropped(element: ET.Element) -> bool:
    classes = set(element.get("class", "").split())
    return any(s == element.tag or (s.startswith(".") and s[1:] in classes) for s in DROP) or (
        element.tag == "p" and any(a.get("href", "").endswith(".pdf") for a in element.iter("a"))
    )


def _rewrite(
    article: ET.Element, page_url: str, prefix: str, in_pdf: dict[str, str], site_url: str
) -> None:
    """Ids unique across chapters; links inside the PDF stay inside, the others go to the site."""
    for element in article.iter():
        if element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
        if element.tag == "h1":
            element.set("id", element.get("id") or f"{prefix}-title")
    for link in article.iter("a"):
        href = link.get("href")
        if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href):
            continue
        path, _, anchor = href.partition("#")
        if not path:
            link.set("href", f"#{prefix}-{anchor}" if anchor else f"#{prefix}")
            continue
        target = posixpath.normpath(posixpath.join(page_url, path))
        target = "" if target == "." else target + ("/" if path.endswith("/") else "")
        if target in in_pdf:
            link.set("href", f"#{in_pdf[target]}-{anchor}" if anchor else f"#{in_pdf[target]}")
        else:
            link.set("href", urljoin(site_url, target) + (f"#{anchor}" if anchor else ""))


def fill_downloads(site_dir: Path) -> None:
    """Put the size and date of each PDF into the downloads pages the site build left blank."""
    sizes = {f"{PDF_DIR}/{p.name}": p.stat().st_size for p in (site_dir / PDF_DIR).glob("*.pdf")}
    for page in site_dir.glob("**/download/index.html"):
        html = page.read_text("utf-8")

        def size(match: re.Match) -> str:
            value = sizes.get(match[1])
            return (
                f'data-pdf-size="{match[1]}">{value / 1024:,.0f} kB'.replace(",", ".")
                if value
                else match[0]
            )

        html = re.sub(r'data-pdf-size="([^"]+)">—', size, html)
        page.write_text(html, "utf-8")
