"""Missing and stale translations, marking a translation current after review, and which Italian
sections changed since a stale translation (read from git: the revision whose body has the
English page's `translated_from` fingerprint, compared section by section with today's text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.files import body_of, front_matter_end
from ..content.model import SOURCE_LANGUAGE, Site, Source, split_language, text_hash
from ..content.problems import Problem
from . import git as history
from .sections import Change, compare, diff

MARK = re.compile(r"^translated_from:.*$", re.M)
# Commits of one Italian file read back for the text a translation follows: one `git show` each
# (milliseconds), and a page translated 200 revisions ago wants rereading whole anyway.
LOOK_BACK = 200
_REPORT: dict = {}  # the Site of this run and its comparisons: one git walk per stale page per build


def status(site: Site) -> list[tuple[str, str, str]]:
    """(state, Italian file, English file) for every page that is not current."""
    rows = []
    for key in site.keys():
        it, en = site.get(key, SOURCE_LANGUAGE), site.get(key, "en")
        if it is None or not it.ok:
            continue
        if en is None:
            state = "untranslated" if "untranslated" in it.meta else "missing"
            rows.append((state, it.rel, it.rel.removesuffix(".md") + ".en.md"))
        elif en.ok and en.meta.get("translated_from") != it.body_hash():
            rows.append(("stale" if en.meta.get("translated_from") else "unmarked", it.rel, en.rel))
    return rows


def mark_current(site: Site, english_file: str) -> Problem | None:
    """Write the Italian text's fingerprint into the English file's front matter, nothing else."""
    path = (Path.cwd() / english_file).resolve()
    match = next((s for s in site.sources if s.lang == "en" and s.path.resolve() == path), None)
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


@dataclass(frozen=True)
class Comparison:
    """What changed in an Italian page since the text its stale English translation follows."""

    key: str
    italian: str  # the Italian file as editors find it (rel)
    english: str
    path: str  # the Italian file where git keeps it (not through a docs/ link)
    fingerprint: str  # the English page's translated_from
    base: history.Commit | None  # the newest commit whose Italian body has that fingerprint
    changes: tuple[Change, ...] = ()
    reason: str = ""  # without a base: why the sections are unknown, and the fix
    english_titles: dict[str, str] = field(
        default_factory=dict
    )  # heading id → the English page's title


def stale_report(site: Site) -> dict[str, Comparison]:
    """key → Comparison of every page whose English translation follows an older Italian text.

    Made once per Site, while the Italian bodies are held (the build lets go of a body once it is
    published, before the English pages are built): build.load calls it. Pages whose translation is
    current cost one comparison of two hashes and no git call."""
    if _REPORT.get("site") is not site:
        report = {}
        for key in site.keys():
            it, en = site.get(key, SOURCE_LANGUAGE), site.get(key, "en")
            mark = en.meta.get("translated_from") if en and en.ok else None
            if it is not None and it.ok and isinstance(mark, str) and mark != it.body_hash():
                report[key] = _compare(site.root, it, en, mark)
        _REPORT.update(site=site, report=report)
    return _REPORT["report"]


def _compare(root: Path, it: Source, en: Source, mark: str) -> Comparison:
    path = history.real_path(root, it.path)
    titles = {h.id: h.text for h in en.headings if h.id}
    base, body, reason = find_base(root, path, mark)
    changes = tuple(compare(body, it.body)) if base is not None else ()
    return Comparison(it.key, it.rel, en.rel, path, mark, base, changes, reason, titles)


def find_base(
    root: Path, path: str, fingerprint: str, limit: int = LOOK_BACK
) -> tuple[history.Commit | None, str, str]:
    """(commit, body, "") of the newest commit of `path` whose body hashes to `fingerprint`, or
    (None, "", why not with the fix). Never raises: git's failures are reasons."""
    try:
        commits = history.commits(root, path, limit)
        for commit in commits:
            text = history.text_at(root, commit.revision, path)
            body = None if text is None else body_of(text)
            if body is not None and text_hash(body) == fingerprint:
                return commit, body, ""
    except history.HistoryError as exc:
        return None, "", str(exc)
    return None, "", _not_found(root, path, fingerprint, len(commits), limit)


def _not_found(root: Path, path: str, fingerprint: str, searched: int, limit: int) -> str:
    if not history.is_repository(root):
        return (
            "this folder is not a git clone, and the text a translation follows is read from git — "
            "run the command in a clone of the repository"
        )
    if not searched:
        return f"git has no commit of {path} — commit the Italian page, then compare again"
    text = f"the Italian text this translation follows (translated_from: {fingerprint}) is in none of the "
    if history.is_shallow(root):
        return text + f"{searched} commit(s) of {path} in this shallow clone — {history.FETCH_FIX}"
    if searched >= limit:
        return text + (
            f"last {searched} commits of {path} (the search stops there) — check the whole "
            "translation, then mark it current"
        )
    return text + (
        f"{searched} commit(s) of {path}: it was marked on a text never committed, or the file was "
        "moved — check the whole translation, then mark it current"
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
