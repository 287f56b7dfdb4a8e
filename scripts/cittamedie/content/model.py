"""The content model: every source file once, typed, paired across languages, and frozen.

load.py makes a Site; the validator (rules/), the site build (site/), the exports and the tools
read it and never change it (ARCHITECTURE.md, "One content model").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .languages import SOURCE_LANGUAGE, page_url
from .problems import Problem

# data/<name>.yml; case-cities: the cities of the good practices that are not among the 39;
# city-details: what is known of each of the 39 (its page, site/parts/city.py).
DATA_FILES = (
    "themes",
    "programmes",
    "cities",
    "case-cities",
    "city-details",
    "priorities",
    "events",
    "glossary",
)
DATA_LISTS = {
    "glossary": "terms",
    "case-cities": "cities",
    "city-details": "cities",
}  # the list's key, where it is not the file's name
FENCE = re.compile(r"^\s*(```|~~~)")
# What a translation can be, in the order editors need to act on it (the status page's order).
TRANSLATION_STATES = ("stale", "unmarked", "missing", "untranslated", "current")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass(frozen=True)
class Source:
    """One Markdown file of the site, in one language."""

    path: Path  # real file on disk
    rel: str  # path shown to editors, relative to the repository
    uri: str  # path inside the docs tree, e.g. linee-guida/priorita.en.md
    key: str  # uri without the language suffix: the page's identity across languages
    lang: str
    kind: str  # page | chapter | good-practice
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)  # dotted field → line
    ok: bool = True  # the front matter is valid: rules across files trust its types
    document: str | None = None  # the id of the document it is a chapter of
    headings: tuple[Heading, ...] = ()  # Markdown headings outside code blocks

    @property
    def id(self) -> str | None:
        return self.meta.get("id") if isinstance(self.meta.get("id"), str) else None

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.key)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)

    @property
    def heading_ids(self) -> set[str]:
        return {h.id for h in self.headings if h.id}

    def body_hash(self) -> str:
        """The body's fingerprint, which a translation names in `translated_from`."""
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        return text_hash(self.body)


@dataclass(frozen=True)
class Document:
    """An official document (guidelines/<id>/document.yml) and its chapters in order."""

    id: str
    rel: str
    folder: str  # its folder in the docs tree, e.g. linee-guida
    meta: dict
    lines: dict[str, int]

    @property
    def chapters(self) -> list[str]:
        return [f"{self.folder}/{name}.md" for name in self.meta.get("chapters", [])]

    def title(self, lang: str) -> str:
        return (self.meta.get("title") or {}).get(lang) or self.id

    @property
    def is_draft(self) -> bool:
        return self.meta.get("status") != "approvato"

    @property
    def numbered(self) -> bool:
        """Whether its paragraphs are numbered (document.yml's `numbering`: markup/paragraphs.py)."""
        return self.meta.get("numbering") is True

    def position(self, name: str) -> int:
        """A chapter's position in the document, from 1 (0 for a name it does not list)."""
        names = list(self.meta.get("chapters") or [])
        return names.index(name) + 1 if name in names else 0

    @property
    def pdf(self) -> str:
        """The base name of its PDF (+ -it.pdf, -en.pdf)."""
        return self.meta.get("pdf") or self.id


@dataclass(frozen=True)
class Site:
    root: Path
    docs_dir: Path
    sources: tuple[Source, ...]
    documents: dict[str, Document]
    data: dict[str, dict]
    problems: tuple[Problem, ...]
    data_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # data file → field → line
    directory_urls: bool = True  # False for the offline copy, browsed from file://
    # (document id, version) → its consultation file (content/consultations.py)
    consultations: dict = field(default_factory=dict)
    _index: dict = field(init=False, repr=False, compare=False)
    _keys: list = field(init=False, repr=False, compare=False)
    _kinds: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexes made once: the Site does not change once loaded.
        object.__setattr__(self, "_index", {(s.key, s.lang): s for s in self.sources})
        object.__setattr__(self, "_keys", sorted({s.key for s in self.sources}))
        kinds: dict[tuple[str, str], list[Source]] = {}
        for source in sorted(self.sources, key=lambda s: s.title.casefold()):
            if source.ok:
                kinds.setdefault((source.kind, source.lang), []).append(source)
        object.__setattr__(self, "_kinds", kinds)

    def url(self, key: str, lang: str) -> str:
        """Site-relative URL of a page, e.g. en/linee-guida/priorita/ (or …/priorita.html offline)."""
        return page_url(key, lang, self.directory_urls)

    def get(self, key: str, lang: str) -> Source | None:
        return self._index.get((key, lang))

    def keys(self) -> list[str]:
        """Every page's identity across languages, sorted."""
        return self._keys

    def in_language(self, lang: str) -> list[Source]:
        return [s for s in self.sources if s.lang == lang]

    def of_kind(self, kind: str, lang: str) -> list[Source]:
        """The valid sources of a kind in a language, sorted by title."""
        return self._kinds.get((kind, lang), [])

    def cases(self, lang: str = SOURCE_LANGUAGE) -> list[Source]:
        """The good practices in catalogue order (by title)."""
        return self.of_kind("good-practice", lang)

    def shown(self, key: str, lang: str) -> Source | None:
        """The source a reader sees for key in lang: the translation, else the Italian page."""
        return self.get(key, lang) or self.get(key, SOURCE_LANGUAGE)

    def document_of(self, source: Source) -> Document | None:
        return self.documents.get(source.document) if source.document else None

    def items(self, name: str) -> list[dict]:
        """The list held by data/<name>.yml (themes, cities, events…), or [] when broken."""
        data = self.data.get(name) or {}
        value = data.get(DATA_LISTS.get(name, name))
        return value if isinstance(value, list) else []

    def translation_state(self, key: str, lang: str) -> str | None:
        """Whether the page `key` is translated into `lang` and follows today's Italian text
        (one of TRANSLATION_STATES); None when the Italian page is missing or refused, or the
        translation is refused (nothing to say of it then)."""
        italian, translation = self.get(key, SOURCE_LANGUAGE), self.get(key, lang)
        if italian is None or not italian.ok:
            return None
        if translation is None:
            return "untranslated" if "untranslated" in italian.meta else "missing"
        if not translation.ok:
            return None
        mark = translation.meta.get("translated_from")
        if mark is None:
            return "unmarked"
        return "current" if mark == italian.body_hash() else "stale"


def outside_fences(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line of a Markdown body outside fenced code blocks (the fence
    lines themselves left out): the one fence scanner of the package."""
    fenced = False
    for number, text in enumerate(body.split("\n"), start=first_line):
        if ("```" in text or "~~~" in text) and FENCE.match(text):
            fenced = not fenced
        elif not fenced:
            yield number, text


def headings_in(body: str, first_line: int = 1) -> tuple[Heading, ...]:
    """Markdown headings outside code blocks, numbered from first_line (also read for texts from
    git history: the same headings the validator sees)."""
    found = []
    for number, text in outside_fences(body, first_line):
        parsed = parse_heading(text) if text.startswith("#") else None
        if parsed:
            found.append(Heading(*parsed, number))
    return tuple(found)


def parse_heading(text: str) -> tuple[int, str, str | None] | None:
    """`## Title {#id}` → (2, "Title", "id"), in one linear pass (a regular expression for this
    backtracked for minutes on a long `{#a{#a…` line)."""
    level = len(text) - len(text.lstrip("#"))
    rest = text[level:]
    if not 1 <= level <= 6 or not rest[:1].isspace():
        return None
    title, anchor = rest.strip().rstrip("#").rstrip(), None
    if title.endswith("}") and "{" in title:
        start = title.rfind("{")
        inner = title[start + 1 : -1].removeprefix(":").strip()
        if inner.startswith("#"):
            anchor = inner[1:].split(None, 1)[0] if inner[1:].strip() else None
            title = title[:start].rstrip()
    return level, title, anchor


def field_value(meta, dotted: str):
    """The value at a dotted field path (`period.start`, `results.0.value`), or None."""
    for part in dotted.split("."):
        if isinstance(meta, list) and part.isdigit() and int(part) < len(meta):
            meta = meta[int(part)]
        elif isinstance(meta, dict):
            meta = meta.get(part)
        else:
            return None
    return meta


def slugify(text: str) -> str:
    """Lowercase ASCII with dashes: "Cava de' Tirreni" → cava-de-tirreni."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def text_hash(text: str) -> str:
    normal = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]
