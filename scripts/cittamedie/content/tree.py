"""The docs tree as MkDocs publishes it: every file it would copy to site/, and which it may.

MkDocs publishes every file under docs/ except dot-files, following symbolic links, and copies
every file that is not Markdown as it is. So the walk visits the same files, and each one is a
page (loaded and validated by the content model), an allowed file (a document's document.yml, an
image in a media/ folder), or an error. Nothing outside the repository is read: a link that leads
out of it is reported and never followed. The allowlist is publishable(), which the build also
calls.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .consultations import version_of
from .generated import GENERATED_FOLDERS, is_versions_page
from .images import PUBLISHED_IMAGES, image_refusal
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .messages import say
from .names import folded, kept_names, reserved_in
from .problems import Problem, relative


def publishable(uri: str) -> bool:
    """Whether a non-Markdown file under docs/ may be published as it is: a document's
    document.yml and its consultation files (consultazione-<version>.yml, content/consultations.py),
    and images in a media/ folder. Anything else (HTML, scripts, SVG) could run on
    the site's address."""
    parts = uri.split("/")
    if parts[-1] == "document.yml" or version_of(parts[-1]):
        return len(parts) == 2
    return "media" in parts[:-1] and uri.lower().endswith(PUBLISHED_IMAGES)


# A file or folder name becomes part of an address, of the sitemap and of HTML attributes:
# letters, digits, dots, dashes and underscores only.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass
class Tree:
    pages: list[tuple[Path, str]] = field(
        default_factory=list
    )  # (path on disk, uri) of each page to load
    files: list[tuple[Path, str]] = field(
        default_factory=list
    )  # every other file MkDocs would copy
    problems: list[Problem] = field(default_factory=list)


def file_problems(path: Path, uri: str, shown: str) -> list[Problem]:
    """Why a file that is not a page cannot be published as it is, if it cannot."""
    if not publishable(uri):
        return [
            Problem(
                shown,
                0,
                "file",
                say(
                    "this file would be published as it is, but the site only publishes "
                    "pages, document.yml and images in media/"
                ),
                say("remove it, or ask a developer"),
            )
        ]
    refusal = image_refusal(path, uri) if uri.lower().endswith(PUBLISHED_IMAGES) else None
    return [Problem(shown, 0, "file", refusal.message, refusal.fix)] if refusal else []


def walk_docs(docs_dir: Path, root: Path) -> Tree:
    """Every file under docs/ that MkDocs would publish, following the section links once.

    Problems name a file as the editor finds it in the repository (good-practices/x.html, not
    docs/buone-pratiche/x.html). The generated folders are the build's (rules/generated.py)."""
    tree, seen, root = (
        Tree(),
        {},
        root.resolve(),
    )  # seen: real folder → where it was published first

    def visit(folder: Path, prefix: str, shown: str, chain: tuple[Path, ...]) -> None:
        real = folder.resolve()
        if any(above.is_relative_to(real) for above in chain):  # a link to a folder that holds it
            tree.problems.append(_broken(shown))
            return
        if real in seen:
            tree.problems.append(
                Problem(
                    shown,
                    0,
                    "file",
                    say(
                        "this link leads to a folder that is published already, as {other}",
                        other=seen[real],
                    ),
                    say("remove the link: each folder is published once"),
                )
            )
            return
        seen[real] = shown
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            tree.problems.append(_broken(shown))
            return
        reserved = reserved_in(prefix)
        kept = kept_names([e.name for e in entries if NAME.fullmatch(e.name)], reserved)
        for entry in entries:
            uri, here = prefix + entry.name, relative(real / entry.name, root)
            if entry.name.startswith(".") or uri in GENERATED_FOLDERS or is_versions_page(uri):
                continue  # MkDocs leaves out dot-files too; the rest is the build's
            if not NAME.fullmatch(entry.name):
                tree.problems.append(
                    Problem(
                        here,
                        0,
                        "file",
                        say("the name `{name}` cannot be part of a web address", name=entry.name),
                        say(
                            "rename it with lowercase letters, digits and dashes, starting with a "
                            "letter or a digit, e.g. bari-urbis.md"
                        ),
                    )
                )
                continue
            other = kept[folded(entry.name)]
            if other != entry.name:
                tree.problems.append(
                    _same_name(here, entry.name, other, other in reserved.values())
                )
                continue  # not read: on Windows and macOS it is the other one
            if entry.is_symlink():
                if not os.path.exists(entry.path):
                    tree.problems.append(_broken(here))  # dangling, or a loop that never resolves
                    continue
                target = Path(os.path.realpath(entry.path))
                if not target.is_relative_to(root):
                    tree.problems.append(outside_link(here, target))
                    continue
            if entry.is_dir():
                visit(Path(entry.path), uri + "/", here, (*chain, real))
            elif not entry.name.endswith(".md"):
                tree.files.append((Path(entry.path), uri))
            elif problem := language_problem(uri, here):
                tree.problems.append(
                    problem
                )  # not loaded: it would only add "no translation" noise
            else:
                tree.pages.append((Path(entry.path), uri))

    visit(docs_dir, "", relative(docs_dir.resolve(), root), ())
    for path, uri in tree.files:
        tree.problems.extend(file_problems(path, uri, relative(path.resolve(), root)))
    return tree


def language_problem(uri: str, shown: str) -> Problem | None:
    """A page named with a language suffix the site does not build (x.fr.md, x.it.md).

    static-i18n would publish such a file beside, or instead of, the Italian page."""
    base, _, suffix = uri.removesuffix(".md").rpartition(".")
    if not (base and len(suffix) == 2 and suffix.isascii() and suffix.isalpha()):
        return None
    if suffix in LANGUAGES and suffix != SOURCE_LANGUAGE:
        return None
    if suffix.lower() == SOURCE_LANGUAGE:
        return Problem(
            shown,
            0,
            "language",
            say("Italian pages have no language suffix"),
            say("rename it to {name}.md", name=base.rpartition("/")[2]),
        )
    return Problem(
        shown,
        0,
        "language",
        say("`{suffix}` is not a language of this site", suffix=suffix),
        say("only Italian (name.md) and English (name.en.md) pages are built"),
    )


def outside_problem(path: Path, root: Path) -> Problem | None:
    """A file the model reads by name (data/*.yml), not found by the walk, that links out of the repository."""
    target = Path(os.path.realpath(path))
    return (
        None
        if target.is_relative_to(root.resolve())
        else outside_link(relative(path, root), target)
    )


def same_names(folder: Path, root: Path) -> list[Problem]:
    """A folder read by name, not walked (data/): names in it that are one on Windows and macOS."""
    try:
        names = [n for n in os.listdir(folder) if NAME.fullmatch(n)]
    except OSError:
        return []  # a missing folder: its files are reported missing one by one
    kept = kept_names(names, {})
    shown = relative(folder, root)
    return [
        _same_name(f"{shown}/{name}", name, kept[folded(name)], False)
        for name in sorted(names)
        if kept[folded(name)] != name
    ]


def _same_name(shown: str, name: str, other: str, the_builds: bool) -> Problem:
    # two sentences, not a "the build's"/"the" piece: Italian puts the owner after the name
    if the_builds:
        same = say(
            "`{name}` is the same name as the build's `{other}` beside it on Windows and macOS and "
            "in an unpacked copy of the site: they differ only in capitals or in how an accent is "
            "encoded",
            name=name,
            other=other,
        )
    else:
        same = say(
            "`{name}` is the same name as the `{other}` beside it on Windows and macOS and in an "
            "unpacked copy of the site: they differ only in capitals or in how an accent is encoded",
            name=name,
            other=other,
        )
    return Problem(
        shown,
        0,
        "name",
        same,
        say(
            "rename or remove `{name}`: names are lowercase, and each differs from the others in "
            "its letters",
            name=name,
        ),
    )


def _broken(shown: str) -> Problem:
    return Problem(
        shown,
        0,
        "file",
        say("this link points to itself or to nothing"),
        say("remove the link, or point it to a real folder"),
    )


def outside_link(shown: str, target: Path) -> Problem:
    """A link (to a file or folder) that leads out of the repository: never read, never published."""
    return Problem(
        shown,
        0,
        "link-outside",
        say("this link points outside the repository (to {target})", target=target.as_posix()),
        say("remove the link; copy the file into the repository instead"),
    )
