"""`cittamedie translations`: the pages whose translation needs an editor, the Italian sections
changed since each stale one (with --diff, their diff), and marking a translation current after
review (--mark-current)."""

from __future__ import annotations

import re
from pathlib import Path

from ..content.files import front_matter_end
from ..content.languages import SOURCE_LANGUAGE, TRANSLATIONS, source_uri, split_language
from ..content.model import Site
from ..content.problems import Problem
from ..history.sections import diff
from ..history.translations import Comparison

MARK = re.compile(r"^translated_from:.*$", re.M)
NEEDS_WORK = ("missing", "stale", "unmarked")  # states that make the command exit 1


def status(site: Site) -> list[tuple[str, str, str]]:
    """(state, Italian file, translation's file) for every translation that is not current."""
    rows = []
    for key in site.keys():
        for lang in TRANSLATIONS:
            state = site.translation_state(key, lang)
            if state not in (None, "current"):
                italian = site.get(key, SOURCE_LANGUAGE)
                translation = site.get(key, lang)
                rows.append(
                    (
                        state,
                        italian.rel,
                        translation.rel if translation else source_uri(italian.rel, lang),
                    )
                )
    return rows


def mark_current(site: Site, english_file: str) -> Problem | None:
    """Write the Italian text's fingerprint into the English file's front matter, nothing else."""
    path = (Path.cwd() / english_file).resolve()
    match = next(
        (s for s in site.sources if s.lang != SOURCE_LANGUAGE and s.path.resolve() == path), None
    )
    if match is None:
        return Problem(
            english_file,
            0,
            "usage",
            "this is not an English page of the site",
            "give the path of a .en.md file, e.g. good-practices/ba-urbis.en.md",
        )
    italian = site.get(split_language(match.uri)[0], SOURCE_LANGUAGE)
    if italian is None or not (italian.ok and match.ok):
        return Problem(
            match.rel,
            1,
            "usage",
            "the page or its Italian original has errors",
            "fix what `cittamedie validate` reports first",
        )
    raw = match.path.read_bytes().decode("utf-8")
    bom, text = ("\ufeff", raw[1:]) if raw.startswith("\ufeff") else ("", raw)
    newline = "\r\n" if "\r\n" in text else "\n"  # the editor's line ends are kept
    lines = text.replace("\r\n", "\n").split("\n")
    end, problem = front_matter_end(lines, match.rel)  # the validator's own splitter: same header
    if problem:
        return problem
    line = f"translated_from: {italian.body_hash()}"
    marks = [i for i in range(1, end) if MARK.match(lines[i])]
    if marks:
        lines[marks[0]] = line
    else:
        lines.insert(end, line)
    match.path.write_bytes((bom + newline.join(lines)).encode("utf-8"))
    return None


def describe(comparison: Comparison, with_diff: bool = False) -> list[str]:
    """The lines `cittamedie translations` prints under a stale page: since which commit, each
    changed section (`changed  #id  Title`), and with_diff the Italian diff of each."""
    if comparison.base is None:
        return [f"sections not known: {comparison.reason}"]
    base = comparison.base
    head = (
        f"follows the Italian text of commit {base.revision[:12]} ({base.date}, “{base.subject}”)"
    )
    if not comparison.changes:
        return [head + ": since then only spacing and line breaks changed in the Italian text"]
    lines = [head + f"; Italian sections changed since: {len(comparison.changes)}"]
    for change in comparison.changes:
        name = (
            f"#{change.id}  {change.title}"
            if change.id
            else "(introduction, before the first heading)"
        )
        lines.append(f"{change.kind:8} {name}")
        if with_diff:
            lines += ["    " + line for line in diff(change)]
    if any(c.kind != "changed" for c in comparison.changes):
        lines.append("(a heading whose id changed shows as one section removed and one added)")
    return lines
