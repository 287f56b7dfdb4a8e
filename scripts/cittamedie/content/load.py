"""The whole content, loaded once: the docs tree walked as MkDocs walks it, every page and data file
read and checked against its schema, into a frozen Site. Rules across files live in rules/."""

from __future__ import annotations

import dataclasses
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import consultations, schema
from .checked import load_checked
from .files import load_markdown
from .languages import split_language
from .messages import say
from .model import DATA_FILES, Document, Site, Source, headings_in
from .problems import Problem, relative
from .tree import outside_problem, same_names, walk_docs

PARALLEL_FROM = 400  # files; below this, starting processes costs more than it saves


def load_site(root: Path, docs_dir: Path | None = None, directory_urls: bool = True) -> Site:
    """Load and schema-check every source. directory_urls=False: the offline copy's addresses."""
    root = root.resolve()
    docs_dir = docs_dir or root / "docs"
    tree = walk_docs(
        docs_dir, root
    )  # every file MkDocs would publish: pages, allowed files, errors
    problems: list[Problem] = list(tree.problems)
    documents = _load_documents(root, tree.files, problems)
    folder_to_doc = {doc.folder: doc.id for doc in documents.values()}
    jobs = [(path, uri, root, folder_to_doc) for path, uri in tree.pages]
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
        sources.append(dataclasses.replace(source, meta=_shared_keys(source.meta)))
        problems.extend(found)
    data, data_lines = _load_data(root, problems)
    found = consultations.load(root, tree.files, folder_to_doc, problems)
    return Site(
        root,
        docs_dir,
        tuple(sources),
        documents,
        data,
        tuple(problems),
        data_lines,
        directory_urls,
        found,
    )


def _kind(real: str) -> str:
    if real.startswith("guidelines/"):
        return "chapter"
    if real.startswith("good-practices/") and not split_language(real)[0].endswith("/index.md"):
        return "good-practice"
    return "page"


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


def _load_source(job: tuple[Path, str, Path, dict[str, str]]) -> tuple[Source, list[Problem]]:
    """Read one Markdown file and check its front matter against the schema of its kind (in a
    worker process when the corpus is large)."""
    path, uri, root, folder_to_doc = job
    real = path.resolve()
    rel = relative(real, root) if real.is_relative_to(root) else relative(path, root)
    key, lang = split_language(uri)
    kind = _kind(rel)
    loaded = load_markdown(path, rel)
    found = list(loaded.problems)
    if loaded.ok:
        found += schema.check(
            "good-practice" if kind == "good-practice" else "page", loaded.meta, rel, loaded.lines
        )
    source = Source(
        path=path,
        rel=rel,
        uri=uri,
        key=key,
        lang=lang,
        kind=kind,
        meta=loaded.meta,
        body=loaded.body,
        body_line=loaded.body_line,
        lines=loaded.lines,
        ok=loaded.ok and not found,  # rules across files trust the types the schema promises
        document=folder_to_doc.get(key.partition("/")[0]),
        headings=headings_in(loaded.body, loaded.body_line),
    )
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
        loaded = load_checked(meta_file, rel, "document", problems)
        if loaded is None:
            continue
        doc_id = loaded.meta.get("id") if isinstance(loaded.meta.get("id"), str) else folder
        if doc_id in documents:
            message = say(
                "the id `{id}` is already used by {other}", id=doc_id, other=documents[doc_id].rel
            )
            problems.append(
                Problem(
                    rel,
                    loaded.lines.get("id", 1),
                    "document",
                    message,
                    say("give each document an id of its own"),
                    "id",
                )
            )
            continue
        documents[doc_id] = Document(doc_id, rel, folder, loaded.meta, loaded.lines)
    return documents


def _load_data(
    root: Path, problems: list[Problem]
) -> tuple[dict[str, dict], dict[str, dict[str, int]]]:
    data, data_lines = {}, {}
    problems.extend(same_names(root / "data", root))  # data/Cities.yml beside data/cities.yml
    for name in DATA_FILES:
        path = root / "data" / f"{name}.yml"
        rel = f"data/{name}.yml"
        if not path.is_file():
            problems.append(
                Problem(
                    rel,
                    0,
                    "data",
                    say("the data file is missing"),
                    say("restore {path} from the repository history", path=rel),
                )
            )
            continue
        if outside := outside_problem(
            path, root
        ):  # read by name: never through a link out of the repository
            problems.append(outside)
            continue
        loaded = load_checked(path, rel, name, problems)
        if loaded is not None:
            data[name], data_lines[name] = loaded.meta, loaded.lines
    return data, data_lines
