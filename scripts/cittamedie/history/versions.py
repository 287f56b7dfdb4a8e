"""A document's published versions, read from git: each version's chapters at its revision, what
changed from the version before, and in which version each chapter last changed (ARCHITECTURE.md,
"Documents over time").

Nothing here is a hand-kept copy: `versions:` in document.yml names a commit per version, and the
texts are those of the commit. A revision git cannot give stops the build with the editor's
sentence, at its line in document.yml.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..content.files import MAX_BYTES
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE, source_uri
from ..content.messages import say
from ..content.model import Document, Site, text_hash
from ..content.problems import ContentError, Problem
from ..content.yamlsafe import parse_yaml
from .git import HistoryError, Repository
from .git_words import reason_and_fix

CHAPTER_NAME = re.compile(r"[a-z0-9-]{1,100}")  # as document.schema.json's `chapters` items
# The chapter texts of all of a document's versions that a build reads, and keeps (the versions
# page and each version's PDF are made from them), counted from git's sizes before reading: ~250
# versions of the Linee Guida, whose seven chapters in two languages are ~0.4 MB.
HISTORY_BYTES = 100_000_000
HISTORY_FILES = (
    20_000  # (version, chapter, language) files: the Linee Guida's 250 versions are 3,500
)


@dataclass(frozen=True)
class Text:
    """A chapter in one language at one version."""

    title: str
    body: str
    lang: str  # the language it is written in: Italian where no translation existed yet
    sources: tuple[dict, ...] = ()  # its front matter's {title, url}, for the PDF

    @property
    def fingerprint(self) -> tuple[str, str]:
        return self.title, text_hash(self.body)


@dataclass(frozen=True)
class Version:
    """One entry of `versions:` and the document as it was at its revision."""

    entry: dict
    number: int  # its position in `versions:`, 0 for the first
    meta: dict  # document.yml at the revision
    chapters: tuple[str, ...]  # chapter names, in reading order
    texts: dict[tuple[str, str], Text]  # (chapter name, language) → text

    @property
    def version(self) -> str:
        return self.entry["version"]

    @property
    def revision(self) -> str:
        return self.entry["revision"]

    def text(self, name: str, lang: str) -> Text | None:
        return self.texts.get((name, lang)) if name in self.chapters else None

    def file(self, folder: str, name: str, lang: str) -> str:
        """Where git keeps a chapter's file in the language its text is written in."""
        text = self.text(name, lang)
        return f"{folder}/{source_uri(f'{name}.md', text.lang if text else SOURCE_LANGUAGE)}"


@dataclass(frozen=True)
class Change:
    name: str
    kind: str  # added | changed | removed
    old: Text | None
    new: Text | None


@dataclass(frozen=True)
class DocumentHistory:
    doc: Document
    folder: str  # where git keeps the document, e.g. guidelines/linee-guida
    versions: tuple[Version, ...]
    changed: dict[tuple[int, str], tuple[Change, ...]]  # (version number, language) → its changes

    def changes(self, number: int, lang: str) -> tuple[Change, ...]:
        """What version `number` changed from the one before, in lang: chapters in reading order,
        then those removed (nothing for the first version)."""
        return self.changed.get((number, lang), ())

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


def read_histories(site: Site, git: Repository) -> dict[str, DocumentHistory]:
    """Document id → its history, for every document that lists its versions (read once per build)."""
    return {
        doc.id: read_history(doc, git)
        for doc in site.documents.values()
        if doc.meta.get("versions")
    }


def read_history(doc: Document, git: Repository) -> DocumentHistory:
    folder = posixpath.dirname(doc.rel)
    entries = doc.meta["versions"]
    # every file of every version read in two batches: the document.yml of each, then its chapters
    git.read_ahead([(entry["revision"], f"{folder}/document.yml") for entry in entries])
    metas = [_document_at(git, doc, folder, number, entry) for number, entry in enumerate(entries)]
    files = _chapter_files(folder, entries, metas)
    if problem := _too_large(doc, git, files):
        raise ContentError([problem])
    git.read_ahead(files)
    versions = tuple(
        _read(git, doc, folder, number, entry, meta)
        for number, (entry, meta) in enumerate(zip(entries, metas, strict=True))
    )
    changed = {
        (new.number, lang): _changes(old, new, lang)
        for old, new in zip(versions, versions[1:], strict=False)
        for lang in LANGUAGES
    }
    return DocumentHistory(doc, folder, versions, changed)


def size_problem(doc: Document, git: Repository) -> Problem | None:
    """The problem when the chapters of all the versions a document lists hold more than
    HISTORY_BYTES (the validator's; read_history stops the build with it): counted from git's
    sizes, nothing read. Versions git cannot give are left to the revision checks."""
    folder = posixpath.dirname(doc.rel)
    entries = [e for e in doc.meta.get("versions") or [] if git.has_revision(e["revision"])]
    metas = [_meta(git.text_at(e["revision"], f"{folder}/document.yml")) for e in entries]
    return _too_large(doc, git, _chapter_files(folder, entries, metas))


def chapter_name(doc: Document, key: str) -> str:
    return key.removeprefix(doc.folder + "/").removesuffix(".md")


def chapter_at(git: Repository, revision: str, path: str, lang: str) -> Text | None:
    """A chapter's text at a revision (the file where git keeps it), or None when it cannot be read."""
    loaded = git.source_at(revision, path)
    if loaded is None or not loaded.split:
        return None
    meta = loaded.meta if isinstance(loaded.meta, dict) else {}
    name = posixpath.basename(path).split(".")[0]
    title = meta["title"] if isinstance(meta.get("title"), str) else name
    sources = tuple(
        source
        for source in meta.get("sources") or []
        if isinstance(source, dict)
        and isinstance(source.get("title"), str)
        and str(source.get("url")).startswith(("https://", "http://"))  # as the schema asks today
    )
    return Text(title, loaded.body, lang, sources)


# ---------------------------------------------------------------- Helper functions


def _changes(old: Version, new: Version, lang: str) -> tuple[Change, ...]:
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
    return tuple(found)


def _chapter_files(folder: str, entries: list[dict], metas: list[dict]) -> list[tuple[str, str]]:
    """(revision, file) of every chapter of every version, in both languages."""
    return [
        (entry["revision"], source_uri(f"{folder}/{name}.md", lang))
        for entry, meta in zip(entries, metas, strict=True)
        for name in _chapter_names(meta)
        for lang in LANGUAGES
    ]


def _too_large(doc: Document, git: Repository, files: list[tuple[str, str]]) -> Problem | None:
    listed = len(doc.meta["versions"])
    if len(files) > HISTORY_FILES:  # many small chapters: each is a line of the versions page
        held = say(
            "the {count} versions listed have {files:,} chapter files in all, over the {limit:,} "
            "a build reads",
            count=listed,
            files=len(files),
            limit=HISTORY_FILES,
        )
    else:
        total = sum(size or 0 for size in git.sizes(files).values())
        if total <= HISTORY_BYTES:
            return None
        held = say(
            "the {count} versions listed hold {megabytes:.0f} MB of chapter texts, over the "
            "{limit:.0f} MB a build reads",
            count=listed,
            megabytes=total / 1e6,
            limit=HISTORY_BYTES / 1e6,
        )
    return Problem(
        doc.rel,
        doc.lines.get("versions", 1),
        "versions",
        held,
        say("list only the versions readers need: remove the oldest entries of `versions:`"),
        "versions",
    )


def _document_at(git: Repository, doc: Document, folder: str, number: int, entry: dict) -> dict:
    """The document.yml of a version, parsed (a revision git cannot give stops the build here)."""
    with _reported_at(doc, number):
        return _meta(git.text_at(entry["revision"], f"{folder}/document.yml"))


def _read(
    git: Repository, doc: Document, folder: str, number: int, entry: dict, meta: dict
) -> Version:
    revision, chapters, texts = entry["revision"], _chapter_names(meta), {}
    with _reported_at(doc, number):
        for name in chapters:
            italian = chapter_at(git, revision, f"{folder}/{name}.md", SOURCE_LANGUAGE)
            if italian is None:
                continue
            for lang in LANGUAGES:
                path = source_uri(f"{folder}/{name}.md", lang)
                translated = (
                    None if lang == SOURCE_LANGUAGE else chapter_at(git, revision, path, lang)
                )
                texts[name, lang] = translated or italian
    return Version(entry, number, meta, chapters, texts)


@contextmanager
def _reported_at(doc: Document, number: int) -> Iterator[None]:
    """git's failure as the editor's problem, at the version's revision in document.yml."""
    try:
        yield
    except HistoryError as exc:
        message, fix = reason_and_fix(exc)
        field = f"versions.{number}.revision"
        raise ContentError(
            [Problem(doc.rel, doc.lines.get(field, 1), "versions", message, fix, field)]
        ) from None


def _chapter_names(meta: dict) -> tuple[str, ...]:
    return tuple(
        c for c in meta.get("chapters") or [] if isinstance(c, str) and CHAPTER_NAME.fullmatch(c)
    )


def _meta(text: str | None) -> dict:
    if text is None or len(text) > MAX_BYTES:
        return {}
    data = parse_yaml(text, "document.yml")[0]
    return data if isinstance(data, dict) else {}
