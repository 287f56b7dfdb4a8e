"""A document's published versions, read from git: each version's chapters at its revision, what
changed from the version before, in which version each chapter last changed, and the chapters of
the earlier versions for their PDFs (DESIGN.md, documents over time).

Nothing here is a hand-kept copy: `versions:` in document.yml names a commit per version, and the
texts are those of the commit. They are read once per build (history_of), while the site is
prepared; a revision git cannot give stops the build with the editor's sentence, at its line.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..content.files import MAX_BYTES, front_matter_end
from ..content.generated import earlier_pdfs
from ..content.model import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Document,
    Site,
    page_url,
    split_language,
    text_hash,
)
from ..content.problems import ContentError, Problem
from ..content.strings import href
from ..content.yamlsafe import parse_yaml
from ..markup import sanitize
from ..markup.render import Renderer, RenderTimeout, shape_problems
from . import git as history

CHAPTER_NAME = re.compile(r"[a-z0-9-]{1,100}")  # as document.schema.json's `chapters` items
_MD_LINK = re.compile(r'href="([^":#]{1,500}\.md)(#[^"]{0,200})?"')  # nh3 quotes every attribute
_CACHE: dict = {}  # the Site being built, and the history of each of its documents


@dataclass(frozen=True)
class Text:
    """A chapter in one language at one version."""

    title: str
    body: str
    lang: str  # the language it is written in: Italian where no English file existed yet
    sources: tuple[dict, ...] = ()  # its front matter's {title, url}, for the PDF

    @property
    def fingerprint(self) -> tuple[str, str]:
        return self.title, text_hash(self.body)


@dataclass
class Version:
    """One entry of `versions:` and the document as it was at its revision."""

    entry: dict
    number: int  # its position in `versions:`, 0 for the first
    meta: dict  # document.yml at the revision
    chapters: list[str]  # chapter names, in reading order
    texts: dict[tuple[str, str], Text]  # (chapter name, language) → text

    @property
    def version(self) -> str:
        return self.entry["version"]

    @property
    def revision(self) -> str:
        return self.entry["revision"]

    def text(self, name: str, lang: str) -> Text | None:
        return self.texts.get((name, lang)) if name in self.chapters else None


@dataclass(frozen=True)
class Change:
    name: str
    kind: str  # added | changed | removed
    old: Text | None
    new: Text | None


@dataclass
class DocumentHistory:
    doc: Document
    folder: str  # where git keeps the document, e.g. guidelines/linee-guida
    versions: list[Version]
    _changes: dict = field(default_factory=dict)

    def changes(self, number: int, lang: str) -> list[Change]:
        """What version `number` changed from the one before, in lang: chapters in reading order,
        then those removed (nothing for the first version)."""
        if number == 0:
            return []
        if (number, lang) not in self._changes:
            old, new = self.versions[number - 1], self.versions[number]
            found = []
            for name in new.chapters:
                before, after = old.text(name, lang), new.text(name, lang)
                if after and before is None:
                    found.append(Change(name, "added", None, after))
                elif after and before.fingerprint != after.fingerprint:
                    found.append(Change(name, "changed", before, after))
            found += [
                Change(name, "removed", old.text(name, lang), None)
                for name in old.chapters
                if name not in new.chapters and old.text(name, lang)
            ]
            self._changes[number, lang] = found
        return self._changes[number, lang]

    def last_change(
        self, name: str, lang: str, now: tuple[str, str] | None
    ) -> tuple[str, Version | None]:
        """(kind, version) of a chapter as published now (its title and body hash):
        added/changed in that version, unchanged since that version, changed after that (the
        last) version, or new (in no version)."""
        last = self.versions[-1]
        published = last.text(name, lang)
        if published is None:
            return "new", None
        if now is not None and now != published.fingerprint:
            return "after", last
        for version in reversed(self.versions[1:]):
            change = next((c for c in self.changes(version.number, lang) if c.name == name), None)
            if change:
                return change.kind, version
        return "since", next(v for v in self.versions if v.text(name, lang))


def history_of(site: Site, doc: Document | None) -> DocumentHistory | None:
    """The versions of a document that lists them (None otherwise), read from git once per Site."""
    if doc is None or not doc.meta.get("versions"):
        return None
    if _CACHE.get("site") is not site:
        _CACHE.clear()
        _CACHE["site"] = site
    if doc.id not in _CACHE:
        folder = posixpath.dirname(doc.rel)
        _CACHE[doc.id] = DocumentHistory(
            doc,
            folder,
            [
                _read(site.root, doc, folder, n, entry)
                for n, entry in enumerate(doc.meta["versions"])
            ],
        )
    return _CACHE[doc.id]


def chapter_name(doc: Document, key: str) -> str:
    return key.removeprefix(doc.folder + "/").removesuffix(".md")


def earlier_entries(site: Site, doc: Document, lang: str) -> list[dict]:
    """For the manifest: the PDF of each earlier version in lang, its chapters read from git by the
    PDF export (pdf.py) and rendered like the site's pages."""
    found = history_of(site, doc)
    if found is None:
        return []
    entries = []
    for version, (entry, name) in zip(found.versions[:-1], earlier_pdfs(doc), strict=True):
        pages = []
        for chapter in version.chapters:
            text = version.text(chapter, lang)
            if text:
                key = f"{doc.folder}/{chapter}.md"
                suffix = "" if text.lang == SOURCE_LANGUAGE else f".{text.lang}"
                pages.append(
                    {
                        "key": key,
                        "url": site.url(key, lang),
                        "title": text.title,
                        "lang": text.lang,
                        "revision": version.revision,
                        "git": f"{found.folder}/{chapter}{suffix}.md",
                    }
                )
        titles = version.meta.get("title") if isinstance(version.meta.get("title"), dict) else {}
        descriptions = (
            version.meta.get("description")
            if isinstance(version.meta.get("description"), dict)
            else {}
        )
        entries.append(
            {
                "pdf": name,
                "version": entry["version"],
                "status": entry["status"],
                "updated": entry["date"],
                "draft": entry["status"] != "approvato",
                "title": str(titles.get(lang) or doc.title(lang)),
                "description": str(descriptions.get(lang) or ""),
                "pages": pages,
            }
        )
    return entries


def chapter_html(root: Path, revision: str, path: str, key: str, lang: str) -> str:
    """A chapter's body at a revision, rendered and sanitised like the site's pages, its links to
    other pages (`priorita.md#x`) written as the site's addresses relative to the chapter."""
    text = history.text_at(root, revision, path)
    chapter = (
        _chapter(text, lang, posixpath.basename(key).removesuffix(".md"))
        if text is not None
        else None
    )
    if chapter is None:
        return ""
    from ..site.decorate import sources_html

    url = page_url(key, lang)

    def address(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(key), match[1]))
        return f'href="{href(url, page_url(split_language(target)[0], lang))}{match[2] or ""}"'

    sources = sanitize.clean(sources_html(list(chapter.sources), lang))[0]
    return _MD_LINK.sub(address, rendered(root, chapter.body)) + sources


def rendered(root: Path, body: str) -> str:
    """Safe HTML of a body from history: refused shapes, a timeout or too deep a nesting give
    nothing (the text was checked when it was committed; what it holds is not published)."""
    if shape_problems("", body, 1):
        return ""
    try:
        html = _renderer(root).html(body)
    except (RenderTimeout, RecursionError):
        return ""
    return sanitize.clean(html)[0]


# ---------------------------------------------------------------- Helper functions


@cache
def _renderer(root: Path) -> Renderer:
    return Renderer.for_site(root)


def _read(root: Path, doc: Document, folder: str, number: int, entry: dict) -> Version:
    try:
        meta = _meta(history.text_at(root, entry["revision"], f"{folder}/document.yml"))
        chapters = [
            c
            for c in meta.get("chapters") or []
            if isinstance(c, str) and CHAPTER_NAME.fullmatch(c)
        ]
        texts = {}
        for name in chapters:
            italian = _text_of(root, entry["revision"], f"{folder}/{name}.md", SOURCE_LANGUAGE)
            if italian is None:
                continue
            for lang in LANGUAGES:
                texts[name, lang] = (
                    italian
                    if lang == SOURCE_LANGUAGE
                    else (
                        _text_of(root, entry["revision"], f"{folder}/{name}.{lang}.md", lang)
                        or italian
                    )
                )
    except history.HistoryError as exc:
        message, _, fix = str(exc).partition(" — ")
        field = f"versions.{number}.revision"
        raise ContentError(
            [Problem(doc.rel, doc.lines.get(field, 1), "versions", message, fix, field)]
        ) from None
    return Version(entry, number, meta, chapters, texts)


def _meta(text: str | None) -> dict:
    if text is None or len(text) > MAX_BYTES:
        return {}
    data = parse_yaml(text, "document.yml")[0]
    return data if isinstance(data, dict) else {}


def _text_of(root: Path, revision: str, path: str, lang: str) -> Text | None:
    text = history.text_at(root, revision, path)
    return (
        _chapter(text, lang, posixpath.basename(path).split(".")[0]) if text is not None else None
    )


def _chapter(text: str, lang: str, name: str) -> Text | None:
    """Title (else the file's name) and body of a chapter file's text, split like load_markdown
    (load.front_matter_end)."""
    if len(text) > MAX_BYTES:
        return None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    end, problem = front_matter_end(lines, "")
    if problem:
        return None
    meta = parse_yaml("\n".join(lines[1:end]), "", first_line=2)[0]
    meta = meta if isinstance(meta, dict) else {}
    title = meta["title"] if isinstance(meta.get("title"), str) else name
    sources = tuple(
        s
        for s in meta.get("sources") or []
        if isinstance(s, dict) and isinstance(s.get("title"), str) and isinstance(s.get("url"), str)
    )
    return Text(title, "\n".join(lines[end + 1 :]), lang, sources)
