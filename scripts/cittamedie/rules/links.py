"""Internal links and their anchors resolve, in both languages. A link that does not resolve gets
what the editor probably meant: the page's file behind a site address (copied from the browser),
the closest file one level up or down, the closest ids of the target page (content/suggest.py)."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from ..content.generated import generated_files, generated_pages
from ..content.languages import key_at, page_url, split_language
from ..content.messages import say
from ..content.model import Site, Source, outside_fences
from ..content.problems import Problem
from ..content.suggest import closest, did_you_mean, shown
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
    site_url = (run.config.data.get("site_url") if run.config else None) or ""
    for source in site.sources:
        if not source.ok:
            continue
        own_ids = source.heading_ids
        for line, target in links_of(source):
            if EXTERNAL.match(target):
                problems.extend(_own_address(site, source, line, unquote(target), site_url, pages))
                continue
            problems.extend(_check_link(site, source, line, unquote(target), own_ids, pages, files))
    return problems


def _own_address(site, source, line, target, site_url, pages) -> list[Problem]:
    """A page of this site linked by its web address, copied from the browser: it leaves the
    offline copy and the preview for the published site."""
    try:
        page, site_ = urlsplit(target), urlsplit(site_url)
    except ValueError:  # not an address (`https://[…`): not this site's; the link check reports it
        return []
    folder = site_.path.rstrip("/") + "/"
    if not site_.netloc or page.netloc.casefold() != site_.netloc.casefold():
        return []
    if not (page.path + "/").startswith(folder):
        return []
    address = page.path[len(folder) :] + (f"#{page.fragment}" if page.fragment else "")
    link = _file_behind(site, source, address, pages)
    if link is None:  # not a page: the link check follows it like any other address
        return []
    return [
        Problem(
            source.rel,
            line,
            "link",
            say(
                "`{target}` is this site's own web address, which breaks in the offline copy and "
                "in the preview",
                target=target,
            ),
            _write_file(link),
        )
    ]


def _file_behind(site: Site, source: Source, address: str, pages) -> str | None:
    """The link to write for a site-relative address (buone-pratiche/ba-urbis/#contesto): the file
    of the page published there, relative to source, with the anchor; None when no page is there."""
    path, hash_, anchor = address.partition("#")
    keys = [*site.keys(), *pages]
    if path.endswith(".md"):
        key = split_language(path)[0]
        key = key if key in keys else None
    else:
        key = key_at(path, keys)
    return None if key is None else _relative(source, key) + hash_ + anchor


def _relative(source: Source, key: str) -> str:
    """How source links to the page key: relative to the source's folder."""
    return posixpath.relpath(key, posixpath.dirname(source.uri) or ".")


def _address_as_file(site: Site, source: Source, target: str, pages) -> str | None:
    """A relative link written as a site address (`../ba-urbis/`, `programma`): the page's file,
    read from the page's own address as a browser does, else from the file's folder."""
    path, hash_, anchor = target.partition("#")
    here = page_url(source.key, source.lang)
    for folder in (
        here if here.endswith("/") else posixpath.dirname(here),
        posixpath.dirname(source.uri),
    ):
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved.startswith(".."):
            continue
        link = _file_behind(
            site, source, ("" if resolved == "." else resolved) + hash_ + anchor, pages
        )
        if link is not None:
            return link
    return None


def _closest_page(site: Site, source: Source, path: str, pages) -> str | None:
    """The existing page whose file name is closest to a missing one, looking where the link
    leads, where it would lead with one ../ more (or one less), one folder up and one down; the
    first of these folders wins a tie."""
    base = posixpath.dirname(source.uri)
    there = posixpath.dirname(posixpath.normpath(posixpath.join(base, path)))
    folders = [there, posixpath.dirname(posixpath.normpath(posixpath.join(base, "..", path)))]
    if path.startswith("../"):
        folders.append(posixpath.dirname(posixpath.normpath(posixpath.join(base, path[3:]))))
    folders.append(posixpath.dirname(there) if there else there)
    keys = [*site.keys(), *pages]
    folders += sorted(
        {posixpath.dirname(k) for k in keys if posixpath.dirname(posixpath.dirname(k)) == there}
        - {there}
    )
    rank = {folder: n for n, folder in reversed(list(enumerate(folders)))}  # a folder's first place
    by_name: dict[str, list[str]] = {}  # file name → the pages of that name in those folders
    for key in keys:
        if posixpath.dirname(key) in rank:
            by_name.setdefault(posixpath.basename(key), []).append(key)
    best = closest(split_language(posixpath.basename(path))[0], by_name, 1)
    if not best:
        return None
    return _relative(source, min(by_name[best[0]], key=lambda key: rank[posixpath.dirname(key)]))


def _check_link(site, source, line, target, own_ids, pages, files) -> list[Problem]:
    path, _, anchor = target.partition("#")
    if not path:
        if anchor and anchor not in own_ids:
            return [
                Problem(
                    source.rel,
                    line,
                    "anchor",
                    say("`#{anchor}` is not a section of this page", anchor=anchor),
                    did_you_mean(
                        _ids(anchor, own_ids),
                        say("use an id written as {{#id}} on one of this page's headings"),
                    ),
                )
            ]
        return []
    if path.startswith("/"):  # `//host/…` is an external address, left out before this
        link = _file_behind(site, source, target.lstrip("/"), pages)
        return [
            Problem(
                source.rel,
                line,
                "link",
                say(
                    "`{target}` is an absolute path, which breaks in the offline copy and under a "
                    "sub-folder",
                    target=target,
                ),
                _write_file(link)
                if link
                else say("link relative to this file, e.g. ../programma.md"),
            )
        ]
    base = posixpath.dirname(source.uri)
    resolved = posixpath.normpath(posixpath.join(base, path))
    outside = resolved.startswith("..")
    if not resolved.endswith(".md"):
        if not outside and (resolved in files or (site.docs_dir / resolved).exists()):
            return []
        link = _address_as_file(site, source, target, pages)
        if link:
            return [
                Problem(
                    source.rel,
                    line,
                    "link",
                    say(
                        "`{target}` is the address of a page on the site, not its file",
                        target=target,
                    ),
                    _write_file(link),
                )
            ]
    if outside:
        return [
            Problem(
                source.rel,
                line,
                "link",
                say("`{target}` points outside the site", target=target),
                did_you_mean(
                    _closest_link(site, source, path, anchor, pages)
                    if path.endswith(".md")
                    else [],
                    say(
                        "link to a page of the site with a relative path, or use a full https:// "
                        "address"
                    ),
                ),
            )
        ]
    if not resolved.endswith(".md"):
        return [
            Problem(
                source.rel,
                line,
                "link",
                say("`{target}` does not exist", target=target),
                say("check the path; files are linked relative to this page"),
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
                say("the page `{target}` does not exist", target=target),
                did_you_mean(
                    _closest_link(site, source, path, anchor, pages),
                    say(
                        "check the file name and the ../ steps; link to the Italian file name "
                        "(name.md)"
                    ),
                ),
            )
        ]
    if anchor and anchor not in target_page.heading_ids:
        return [
            Problem(
                source.rel,
                line,
                "anchor",
                say("`#{anchor}` is not a section of {page}", anchor=anchor, page=target_page.rel),
                did_you_mean(
                    _ids(anchor, target_page.heading_ids),
                    say("use one of the {{#id}} written on that page's headings"),
                ),
            )
        ]
    return []


def _write_file(link: str) -> str:
    """The fix that names the file behind an address (one wording for every kind of address)."""
    return say("link to the page's file, relative to this one: `{link}`", link=link)


def _closest_link(site, source, path, anchor, pages) -> list[str]:
    """The link to the closest existing page, as a suggestion, with the anchor written."""
    nearest = _closest_page(site, source, path, pages)
    return [shown(nearest + (f"#{anchor}" if anchor else ""))] if nearest else []


def _ids(anchor: str, ids) -> list[str]:
    """The closest ids of a page to a wrong anchor, as the editor writes them after #."""
    return [shown(f"#{id_}") for id_ in closest(anchor, sorted(ids))]
