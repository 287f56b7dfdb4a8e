"""The content model: every source file loaded once, typed, and paired across languages.

The validator, the MkDocs hooks, the generated pages and the PDF export all read a Site.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import schema
from .files import load_markdown, load_yaml_file
from .problems import Problem, relative

LANGUAGES = ("it", "en")
SOURCE_LANGUAGE = "it"
# Folders under docs/ that the build writes itself: the catalogue's theme and city pages
# (pages.index_pages), the translation status page (translation_pages.status_pages).
GENERATED_FOLDERS = ("buone-pratiche/tema", "buone-pratiche/citta", "traduzioni")
# <document folder>/versioni.md and .en.md: a document's versions and changes, written by the
# build from git (versions.py); a chapter cannot have this name.
VERSIONS_PAGE = "versioni"
# data/<name>.yml; case-cities: the cities of the good practices that are not among the 39.
DATA_FILES = ("themes", "programmes", "cities", "case-cities", "priorities", "events", "glossary")
DATA_LISTS = {
    "glossary": "terms",
    "case-cities": "cities",
}  # the list's key, where it is not the file's name
PARALLEL_FROM = 400  # files; below this, starting processes costs more than it saves
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
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
    lines: dict[str, int] = field(default_factory=dict)
    ok: bool = True
    document: str | None = None
    _body_hash: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> str | None:
        return self.meta.get("id") if isinstance(self.meta.get("id"), str) else None

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.key)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)

    @cached_property
    def headings(self) -> list[Heading]:
        """Markdown headings outside code blocks (computed once: four rules read them)."""
        return headings_in(self.body, self.body_line)

    @property
    def heading_ids(self) -> set[str]:
        return {h.id for h in self.headings if h.id}

    def body_hash(self) -> str:
        if self._body_hash is None:  # kept: the build lets go of a body once it is published
            self._body_hash = text_hash(self.body)
        return self._body_hash


@dataclass
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


@dataclass
class Site:
    root: Path
    docs_dir: Path
    sources: list[Source]
    documents: dict[str, Document]
    data: dict[str, dict]
    problems: list[Problem]
    data_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # data file → field → line
    directory_urls: bool = True  # False for the offline copy, browsed from file://

    def url(self, key: str, lang: str) -> str:
        """Site-relative URL of a page, e.g. en/linee-guida/priorita/ (or …/priorita.html offline)."""
        return page_url(key, lang, self.directory_urls)

    def get(self, key: str, lang: str) -> Source | None:
        return self._index.get((key, lang))

    def __post_init__(self) -> None:
        self._index = {(s.key, s.lang): s for s in self.sources}
        self._keys = sorted({s.key for s in self.sources})
        self._kinds: dict[tuple[str, str], list[Source]] = {}

    def keys(self) -> list[str]:
        """Every page's identity across languages, sorted (the Site does not change once loaded)."""
        return self._keys

    def in_language(self, lang: str) -> list[Source]:
        return [s for s in self.sources if s.lang == lang]

    def of_kind(self, kind: str, lang: str) -> list[Source]:
        """Sorted by title; computed once (every case page asks for the cases)."""
        if (kind, lang) not in self._kinds:
            self._kinds[kind, lang] = sorted(
                (s for s in self.sources if s.kind == kind and s.lang == lang and s.ok),
                key=lambda s: s.title.casefold(),
            )
        return self._kinds[kind, lang]

    def shown(self, key: str, lang: str) -> Source | None:
        """The source a reader sees for key in lang: the translation, else the Italian page."""
        return self.get(key, lang) or self.get(key, SOURCE_LANGUAGE)

    def document_of(self, source: Source) -> Document | None:
        return self.documents.get(source.document) if source.document else None

    def items(self, name: str) -> list[dict]:
        """The list held by data/<name>.yml (themes, cities, events…), or [] when broken."""
        data = self.data.get(name) or {}
        key = DATA_LISTS.get(name, name)
        value = data.get(key)
        return value if isinstance(value, list) else []


def headings_in(body: str, first_line: int = 1) -> list[Heading]:
    """Markdown headings outside code blocks, numbered from first_line (also read for texts from
    git history, by translations.py: the same headings the validator sees)."""
    found, fenced = [], False
    for number, text in enumerate(body.split("\n"), start=first_line):
        if ("```" in text or "~~~" in text) and FENCE.match(text):
            fenced = not fenced
            continue
        parsed = None if fenced or not text.startswith("#") else parse_heading(text)
        if parsed:
            found.append(Heading(*parsed, number))
    return found


def is_versions_page(uri: str) -> bool:
    """Whether a docs path is a document's versions page, which the build writes (VERSIONS_PAGE)."""
    folder, _, name = uri.partition("/")
    return bool(folder) and name in _VERSIONS_FILES


def versions_files(docs_dir: Path) -> list[Path]:
    """The versions pages on disk, in every folder of docs/ (the build's, or a mistake)."""
    return sorted(path for name in _VERSIONS_FILES for path in docs_dir.glob(f"*/{name}"))


_VERSIONS_FILES = tuple(
    f"{VERSIONS_PAGE}{suffix}.md" for suffix in ("", *(f".{lang}" for lang in LANGUAGES[1:]))
)


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


def page_url(key: str, lang: str, directory_urls: bool = True) -> str:
    stem = key.removesuffix(".md")
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    if not directory_urls:
        return f"{prefix}{stem}.html"
    path = (
        ""
        if stem == "index"
        else (stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/")
    )
    return prefix + path


def split_language(uri: str) -> tuple[str, str]:
    """linee-guida/priorita.en.md → (linee-guida/priorita.md, en)."""
    stem = uri.removesuffix(".md")
    base, _, suffix = stem.rpartition(".")
    if base and suffix in LANGUAGES:
        return base + ".md", suffix
    return uri, SOURCE_LANGUAGE


PUBLISHED_IMAGES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def publishable(uri: str) -> bool:
    """Whether a non-Markdown file under docs/ may be published as it is: a document's
    document.yml, and images in a media/ folder. Anything else (HTML, scripts, SVG) could run on
    the site's address."""
    parts = uri.split("/")
    if parts[-1] == "document.yml":
        return len(parts) == 2
    return "media" in parts[:-1] and uri.lower().endswith(PUBLISHED_IMAGES)


def _kind(real: str) -> str:
    if real.startswith("guidelines/"):
        return "chapter"
    if real.startswith("good-practices/") and not real.endswith(("/index.md", "/index.en.md")):
        return "good-practice"
    return "page"


def load_site(root: Path, docs_dir: Path | None = None) -> Site:
    """Load and schema-check every source; cross-file rules live in rules/."""
    root = root.resolve()
    docs_dir = docs_dir or root / "docs"
    from .tree import walk_docs

    tree = walk_docs(
        docs_dir, root
    )  # every file MkDocs would publish: pages, allowed files, errors
    problems: list[Problem] = list(tree.problems)
    documents = _load_documents(root, tree.files, problems)
    folder_to_doc = {d.folder: d.id for d in documents.values()}
    jobs = [(path, uri, root) for path, uri in tree.pages]
    if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        # YAML parsing and schema checks are CPU-bound: two cores halve a large corpus's time.
        schema.warm_up()  # built once here, inherited by the forked workers
        workers = min(4, os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(
                pool.map(_load_source, jobs, chunksize=max(16, len(jobs) // (workers * 4)))
            )
    else:
        results = [_load_source(job) for job in jobs]
    sources = []
    for source, found in results:
        source.document = folder_to_doc.get(source.key.partition("/")[0])
        source.meta = _shared_keys(source.meta)
        problems.extend(found)
        sources.append(source)
    data, data_lines = _load_data(root, problems)
    return Site(root, docs_dir, sources, documents, data, problems, data_lines)


def _shared_keys(value):
    """Front matter with one copy of each field name: the same few dozen words in every file
    would otherwise be held once per file (megabytes for a catalogue of thousands of cases)."""
    if isinstance(value, dict):
        return {
            sys.intern(k) if isinstance(k, str) else k: _shared_keys(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_shared_keys(v) for v in value]
    return value


def _load_source(job: tuple[Path, str, Path]) -> tuple[Source, list[Problem]]:
    """Read one Markdown file and check its front matter against the schema of its kind."""
    path, uri, root = job
    real = path.resolve()
    rel = relative(real, root) if real.is_relative_to(root) else relative(path, root)
    key, lang = split_language(uri)
    kind = _kind(rel)
    loaded = load_markdown(path, rel)
    source = Source(
        path,
        rel,
        uri,
        key,
        lang,
        kind,
        loaded.meta,
        loaded.body,
        loaded.body_line,
        loaded.lines,
        loaded.ok,
    )
    found = list(loaded.problems)
    if loaded.ok:
        errors = schema.check(
            "good-practice" if kind == "good-practice" else "page", loaded.meta, rel, loaded.lines
        )
        found.extend(errors)
        source.ok = not errors  # rules across files trust the types the schema promises
        _ = source.headings  # computed here, in the worker process when there is one
    return source, found


def _load_documents(
    root: Path, files: list[tuple[Path, str]], problems: list[Problem]
) -> dict[str, Document]:
    """docs/<folder>/document.yml as the walk found them: published once, inside the repository."""
    documents = {}
    for meta_file, uri in files:
        folder, _, name = uri.partition("/")
        if name != "document.yml":
            continue
        rel = relative(meta_file.resolve(), root)
        loaded = load_yaml_file(meta_file, rel)
        problems.extend(loaded.problems)
        if not loaded.ok:
            continue
        found = schema.check("document", loaded.meta, rel, loaded.lines)
        problems.extend(found)
        if found:
            continue
        doc_id = loaded.meta.get("id") if isinstance(loaded.meta.get("id"), str) else folder
        if doc_id in documents:
            problems.append(
                Problem(
                    rel,
                    loaded.lines.get("id", 1),
                    "document",
                    f"the id `{doc_id}` is already used by {documents[doc_id].rel}",
                    "give each document an id of its own",
                    "id",
                )
            )
            continue
        documents[doc_id] = Document(doc_id, rel, folder, loaded.meta, loaded.lines)
    return documents


def _load_data(
    root: Path, problems: list[Problem]
) -> tuple[dict[str, dict], dict[str, dict[str, int]]]:
    from .tree import outside_problem

    data, data_lines = {}, {}
    for name in DATA_FILES:
        path = root / "data" / f"{name}.yml"
        rel = f"data/{name}.yml"
        if not path.is_file():
            problems.append(
                Problem(
                    rel,
                    0,
                    "data",
                    "the data file is missing",
                    f"restore {rel} from the repository history",
                )
            )
            continue
        if outside := outside_problem(
            path, root
        ):  # read by name: never through a link out of the repository
            problems.append(outside)
            continue
        loaded = load_yaml_file(path, rel)
        problems.extend(loaded.problems)
        if loaded.ok:
            found = schema.check(name, loaded.meta, rel, loaded.lines)
            problems.extend(found)
            if not found:
                data[name], data_lines[name] = loaded.meta, loaded.lines
    return data, data_lines
