"""`cittamedie translations`: the pages whose translation needs an editor, the Italian sections
changed since each stale one (with --diff, their diff), and marking a translation current after
review (--mark-current)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..content.files import front_matter_end, normalize, parse_markdown
from ..content.languages import SOURCE_LANGUAGE, TRANSLATIONS, source_uri, split_language
from ..content.model import Site
from ..content.problems import Problem
from ..history.sections import diff
from ..history.translations import Comparison
from .files import link_in, replace

_LINE_END = re.compile("(\r\n|\r|\n)")  # line ends as MkDocs reads them (content/files.normalize)
# the field at the start of a line: the spaces after the colon (1), its value: the first word (2)
_MARK = re.compile(r"translated_from:([ \t]*)([^\s#]*)")
# line ends for YAML and not for MkDocs: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR
_YAML_ONLY_BREAKS = "\x85\u2028\u2029"
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
    """Write the Italian text's fingerprint into the English file's front matter, nothing else:
    the file where git keeps it, never through a link, replaced in one step (tools/files.py)."""
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
    # the folders as git keeps them (docs/ holds links to guidelines/ and good-practices/); the
    # file itself, or a folder that is not one of the site's, must not be a link
    target = Path(os.path.realpath(match.path.parent)) / match.path.name
    problem = link_in(site.root.resolve(), target)
    if problem:
        return problem
    raw = target.read_bytes()
    edited, problem = marked(raw, italian.body_hash(), match.rel)
    if problem:
        return problem
    if edited != raw:
        replace(target, edited)
    return None


def marked(raw: bytes, fingerprint: str, shown: str) -> tuple[bytes, Problem | None]:
    """The file's bytes with `translated_from: <fingerprint>` in its front matter and every other
    byte as it was (line ends, byte order mark, comments, spacing), or the reason that cannot be
    done safely. The edit is checked by reading both texts as the validator does: the body and
    every other field must come out the same."""
    text = raw.decode("utf-8", errors="strict")  # a mark_current page was read as UTF-8
    pieces = _LINE_END.split(text)  # line, end, line, end, …, line: as MkDocs splits lines
    lines, ends = pieces[0::2], [*pieces[1::2], ""]
    first = lines[0].removeprefix("\ufeff")
    end, problem = front_matter_end([first, *lines[1:]], shown)  # the validator's splitter
    if problem:
        return raw, problem
    marks = [i for i in range(1, end) if _MARK.match(lines[i])]
    if len(marks) > 1:
        return raw, _unsafe(
            shown, marks[1] + 1, "`translated_from` is written twice", "delete one of the two lines"
        )
    if marks:
        line, found = lines[marks[0]], _MARK.match(lines[marks[0]])
        start, stop = found.span(2)
        if start == stop:  # no value: after the colon and one space (` # a comment` stays apart)
            start = stop = found.start(1) + (1 if found[1] else 0)
        space = "" if found[1] else " "
        lines[marks[0]] = line[:start] + space + fingerprint + line[stop:]
    else:  # a line of its own before the closing ---, ended as the line before it
        lines.insert(end, f"translated_from: {fingerprint}")
        ends.insert(end, ends[end - 1])
    edited = "".join(line + ending for line, ending in zip(lines, ends, strict=True))
    before, after = (parse_markdown(normalize(t), shown) for t in (text, edited))
    if (
        after.ok
        and after.body == before.body
        and after.meta
        == {
            **before.meta,
            "translated_from": fingerprint,
        }
    ):
        return edited.encode("utf-8"), None
    header = "".join(pieces[: 2 * end])  # the front matter's lines, as the file has them
    separator = next((c for c in header if c in _YAML_ONLY_BREAKS), "")
    if separator:
        return raw, _unsafe(
            shown,
            len(_LINE_END.findall(header[: header.index(separator)])) + 1,
            f"the front matter holds an invisible line separator (U+{ord(separator):04X}), "
            "which YAML reads as the end of a line and editors do not see",
            "delete the invisible character (retype the line where it is)",
        )
    return raw, _unsafe(
        shown,
        (marks[0] if marks else end) + 1,
        "writing the fingerprint there would change other fields",
        f"write `translated_from: {fingerprint}` yourself, on a line of its own in the front "
        "matter",
    )


def _unsafe(shown: str, line: int, why: str, fix: str) -> Problem:
    return Problem(
        shown,
        line,
        "mark-current",
        f"the file was not changed: {why}",
        fix + ", then run the command again",
    )


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
