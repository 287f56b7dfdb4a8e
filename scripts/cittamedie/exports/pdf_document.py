"""One document of the manifest as one HTML file for WeasyPrint: cover, contents, and its chapters,
each the article of a built page (or, for an earlier version, its text read from git and rendered
as the site renders pages), ids made unique across chapters and links kept inside the PDF where
they can be. Everything is done on parsed trees (tinyhtml5, ElementTree) and a Jinja template."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import tinyhtml5
from markupsafe import Markup

from ..content.generated import pdf_anchor
from ..content.identity import Identity
from ..content.languages import page_url, split_language
from ..content.problems import ERROR, WARNING, Problem
from ..content.resources import Refused, local_image
from ..content.strings import date, t
from ..history.git import Repository
from ..history.versions import chapter_at
from ..markup.paragraphs import numbered_blocks, placed
from ..markup.render import Renderer, published_html

TEMPLATES = resources.files(__package__) / "templates" / "pdf"
# The PDFs embed the site's own fonts and emblem: one copy, in the theme's assets.
THEME_ASSETS = resources.files("cittamedie.site") / "overrides" / "assets"
DROP = (
    ".headerlink",
    ".md-content__button",
    ".md-source-file",
    "form",
    "script",
    ".cm-pdf-link",
    ".cm-page-end",  # per-page dates and "report a problem": the cover carries the date
    ".cm-comment",  # a paragraph's comment links: the consultation is the site's
)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")


def compose(
    doc: dict,
    site_dir: Path,
    site_url: str,
    who: Identity,
    earlier: tuple[Repository, Renderer] | None = None,
) -> tuple[str, list[Problem]]:
    """The document's HTML, and the images it leaves out (local_images); the publisher (who) on
    the cover and in the metadata, the EU statement only where it applies. earlier: git and the
    renderer, for a document of earlier chapters."""
    lang = doc["lang"]
    refused: list[Problem] = []
    in_pdf = {page["url"]: pdf_anchor(page["key"]) for page in doc["pages"]}
    chapters = []
    for page in doc["pages"]:
        sources: tuple[dict, ...] = ()
        if "file" in page:
            article = _article((site_dir / page["file"]).read_text("utf-8"))
        else:
            article, sources = _earlier_article(page, lang, *earlier)
        _rewrite(article, page, lang, in_pdf[page["url"]], in_pdf, site_url)
        refused += local_images(article, page, site_dir)
        html = "".join(ET.tostring(child, encoding="unicode", method="html") for child in article)
        chapters.append(
            {
                "anchor": in_pdf[page["url"]],
                "title": page["title"],
                "lang": page["lang"],
                "html": Markup(html),
                "sources": sources,
            }
        )
    css = (TEMPLATES / "print.css").read_text("utf-8")
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
        sources=t("sources", lang),
        funding=who.funding(lang),
        notice=who.notice(lang),
        publisher=t("identity.published_by", lang, publisher=who.publisher[lang]),
        draft_banner=t("draft_banner." + doc["status"], lang) if doc.get("draft") else "",
        status_value=t(f"status.{doc['status']}", lang) if doc.get("status") else "",
        updated_value=date(doc["updated"], lang) if doc.get("updated") else "",
    )
    template = jinja2.Template((TEMPLATES / "document.html").read_text("utf-8"), autoescape=True)
    html = template.render(
        doc=doc,
        chapters=chapters,
        css=Markup(css),
        words=words,
        author=who.author(lang),
        site_url=site_url,
        emblem=_emblem_url() if who.eu_funding else "",
    )
    return html, refused


def local_images(article: ET.Element, page: dict, site_dir: Path) -> list[Problem]:
    """Each image of a chapter named by the file it is (content/resources.py): a published image
    of the built site, read where the page's address puts it (a chapter from git: its file in the
    tree); any other is left out, its address removed, and named with the page's file (a warning
    for an earlier version's text, which cannot be changed)."""
    if "revision" in page:
        folder, shown = posixpath.dirname(page["key"]), page["git"]
    else:
        url = page["url"]
        folder = url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)
        shown = page.get("source", page["file"])
    problems = []
    for image in article.iter("img"):
        address = image.attrib.pop("src", None)
        if address is None:
            continue
        found = local_image(site_dir, folder, address, site_dir)
        if isinstance(found, Refused):
            named = address if found.about == "image" else ""  # the others quote it already
            # an earlier version's text is history, which no one can fix: said, and left out
            severity = WARNING if "revision" in page else ERROR
            problems.append(Problem(shown, 0, "image", found.message, found.fix, named, severity))
        else:
            image.set("src", found.as_uri())
    return problems


def _css_text(text: str) -> str:
    """Text inside a CSS string in a <style> element: quotes, backslashes, line ends and `<` (which
    could close the element) as CSS escapes."""
    return "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' else c for c in text)


def _fonts_url() -> str:
    return Path(str(THEME_ASSETS / "fonts")).resolve().as_uri() + "/"


def _emblem_url() -> str:
    return Path(str(THEME_ASSETS / "images" / "eu-emblem.svg")).resolve().as_uri()


def _earlier_article(
    page: dict, lang: str, git: Repository, renderer: Renderer
) -> tuple[ET.Element, tuple[dict, ...]]:
    """A chapter of an earlier version: its title, its text at the revision rendered and sanitised
    like the site's pages, numbered as that version was where the document is, and its sources
    (the template lists them)."""
    text = chapter_at(git, page["revision"], page["git"], lang)
    article = ET.Element("article")
    ET.SubElement(article, "h1").text = page["title"]
    if text is None:
        return article, ()
    html = published_html(renderer, text.body)
    if page.get("chapter"):  # numbered: that version's numbers, as its pages showed them
        found = numbered_blocks(html, page["chapter"])
        number = _number_template().module.number
        html = placed(html, {block.anchor: (number(block), "") for block in found}, found)
    document = tinyhtml5.parse(html, namespace_html_elements=False)
    article.extend(list(document.find("body")))
    return article, text.sources


def _number_template() -> jinja2.Template:
    return jinja2.Template((TEMPLATES / "number.html").read_text("utf-8"), autoescape=True)


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
    article: ET.Element, page: dict, lang: str, prefix: str, in_pdf: dict[str, str], site_url: str
) -> None:
    """Ids unique across chapters; links inside the PDF stay inside, the others go to the site. A
    chapter from git links other chapters by their files (`priorita.md#x`): read as their pages."""
    for element in article.iter():
        if element.get("id"):
            element.set("id", f"{prefix}:{element.get('id')}")
        if element.tag == "h1":
            element.set("id", element.get("id") or f"{prefix}:title")
    for link in article.iter("a"):
        href = link.get("href")
        if not href or SCHEME.match(href):
            continue
        path, _, anchor = href.partition("#")
        if not path:
            link.set("href", f"#{prefix}:{anchor}" if anchor else f"#{prefix}")
            continue
        if path.endswith(".md"):
            key = posixpath.normpath(posixpath.join(posixpath.dirname(page["key"]), path))
            target = page_url(split_language(key)[0], lang)
        else:
            target = posixpath.normpath(posixpath.join(page["url"], path))
            target = "" if target == "." else target + ("/" if path.endswith("/") else "")
        if target in in_pdf:
            link.set("href", f"#{in_pdf[target]}:{anchor}" if anchor else f"#{in_pdf[target]}")
        else:
            link.set("href", urljoin(site_url, target) + (f"#{anchor}" if anchor else ""))
