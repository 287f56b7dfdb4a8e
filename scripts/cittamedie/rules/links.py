"""Internal links and their anchors resolve, in both languages."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from ..content.generated import generated_files, generated_pages
from ..content.languages import split_language
from ..content.model import Site, outside_fences
from ..content.problems import Problem
from .run import Run

# The address after each `](`, at most 2,000 characters: looking for the whole `[text](…)` with one
# expression backtracked for minutes on a long run of `[`.
TARGET = re.compile(r"\s{0,20}<?([^)\s>]{1,2000})")
INLINE_CODE = re.compile(r"`[^`]*`")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def links_of(source) -> list[tuple[int, str]]:
    """(line, address) of each inline link outside code."""
    return [
        (number, target)
        for number, text in outside_fences(source.body, source.body_line)
        if "](" in text
        for target in _targets(INLINE_CODE.sub("", text))
    ]


def _targets(text: str) -> list[str]:
    targets, at = [], text.find("](")
    while at != -1:
        match = TARGET.match(text, at + 2)
        if match:
            targets.append(match[1])
        at = text.find("](", at + 2)
    return targets


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    pages = generated_pages(site)
    files = generated_files(site)
    for source in site.sources:
        if not source.ok:
            continue
        own_ids = source.heading_ids
        for line, target in links_of(source):
            if EXTERNAL.match(target):
                continue
            problems.extend(_check_link(site, source, line, unquote(target), own_ids, pages, files))
    return problems


def _check_link(site, source, line, target, own_ids, pages, files) -> list[Problem]:
    path, _, anchor = target.partition("#")
    if not path:
        if anchor and anchor not in own_ids:
            return [
                Problem(
                    source.rel,
                    line,
                    "anchor",
                    f"`#{anchor}` is not a section of this page",
                    "use an id written as {#id} on one of this page's headings",
                )
            ]
        return []
    if path.startswith("/"):  # `//host/…` is an external address, left out before this
        return [
            Problem(
                source.rel,
                line,
                "link",
                f"`{target}` is an absolute path, which breaks in the offline copy and under a sub-folder",
                "link relative to this file, e.g. ../programma.md",
            )
        ]
    base = posixpath.dirname(source.uri)
    resolved = posixpath.normpath(posixpath.join(base, path))
    if resolved.startswith(".."):
        return [
            Problem(
                source.rel,
                line,
                "link",
                f"`{target}` points outside the site",
                "link to a page of the site with a relative path, or use a full https:// address",
            )
        ]
    if not resolved.endswith(".md"):
        if resolved in files or (site.docs_dir / resolved).exists():
            return []
        return [
            Problem(
                source.rel,
                line,
                "link",
                f"`{target}` does not exist",
                "check the path; files are linked relative to this page",
            )
        ]
    key, _ = split_language(resolved)
    target_page = site.shown(key, source.lang)
    if target_page is None:
        if key in pages:
            return []
        return [
            Problem(
                source.rel,
                line,
                "link",
                f"the page `{target}` does not exist",
                "check the file name and the ../ steps; link to the Italian file name (name.md)",
            )
        ]
    if anchor and anchor not in target_page.heading_ids:
        return [
            Problem(
                source.rel,
                line,
                "anchor",
                f"`#{anchor}` is not a section of {target_page.rel}",
                "use one of the {#id} written on that page's headings",
            )
        ]
    return []
