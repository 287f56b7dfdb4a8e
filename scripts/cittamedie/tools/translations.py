"""`cittamedie translations`: the pages whose translation needs an editor, the Italian sections
changed since each stale one (with --diff, their diff), the next command to run, and marking a
translation current after review (--mark-current, with --updated its `updated:` moved to today).

A translation is marked on a committed Italian text only: the mark is the fingerprint of the Italian
body, and the sections that change later are found by looking for that body in the history."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..content.languages import SOURCE_LANGUAGE, TRANSLATIONS, source_uri, split_language
from ..content.messages import Say, say
from ..content.model import Site
from ..content.problems import Problem
from ..history.git import HistoryError, Repository
from ..history.git_words import reason_and_fix
from ..history.sections import diff
from ..history.translations import Comparison
from .files import link_in, replace, with_field

NEEDS_WORK = ("missing", "stale", "unmarked")  # states that make the command exit 1
RULE = "mark-current"
COMMAND = "cittamedie translations --mark-current"


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


def ending(rows: list[tuple[str, str, str]], known: set[str]) -> list[str]:
    """The lines that end the list: how many pages need work and, for each, what to change and
    the exact command that marks it current once done; "nothing to do" when none does (a page
    untranslated on purpose needs none). known: the stale translations whose changed sections
    were found (the others are checked whole)."""
    work = [row for row in rows if row[0] in NEEDS_WORK]
    if not work:
        return [_SAY["nothing"]]
    lines: list[str] = [_SAY["count"](n=len(work))]
    for state, italian, translation in work:
        key = "unmarked" if state == "stale" and translation not in known else state
        lines.append(_SAY["next"](what=_SAY[key](italian=italian, translation=translation)))
        lines.append(f"  {COMMAND} {translation} --updated")
    return [*lines, _SAY["updated"]]


def mark_current(
    site: Site, english_file: str, git: Repository, today: dt.date, move_updated: bool = False
) -> tuple[list[str], Problem | None]:
    """Write the Italian text's fingerprint into the English file's front matter (with
    move_updated, `updated:` set to today too), nothing else: the file where git keeps it, never
    through a link, replaced in one step (tools/files.py). Refused while the Italian file is not
    committed as it is. Returns the lines to print, or the problem (nothing written)."""
    path = (Path.cwd() / english_file).resolve()
    match = next(
        (s for s in site.sources if s.lang != SOURCE_LANGUAGE and s.path.resolve() == path), None
    )
    if match is None:
        return [], Problem(english_file, 0, "usage", _SAY["not_english"], _SAY["not_english_fix"])
    italian = site.get(split_language(match.uri)[0], SOURCE_LANGUAGE)
    if italian is None or not (italian.ok and match.ok):
        return [], Problem(match.rel, 1, "usage", _SAY["has_errors"], _SAY["has_errors_fix"])
    problem = _uncommitted(git, italian.path, italian.rel, match.rel)
    if problem:
        return [], problem
    # the folders as git keeps them (docs/ holds links to guidelines/ and good-practices/); the
    # file itself, or a folder that is not one of the site's, must not be a link
    target = Path(os.path.realpath(match.path.parent)) / match.path.name
    problem = link_in(site.root.resolve(), target)
    if problem:
        return [], problem
    raw = target.read_bytes()
    fields = {"translated_from": italian.body_hash()}
    if move_updated:
        fields["updated"] = today.isoformat()
    edited = raw
    for name, value in fields.items():  # both fields or neither: one replace, after both edits
        edited, problem = with_field(edited, name, value, match.rel, RULE)
        if problem:
            return [], problem
    if edited != raw:
        replace(target, edited)
    said = [_SAY["marked"](file=english_file)]
    if move_updated:
        said = [_SAY["marked_updated"](file=english_file, today=today.isoformat())]
    elif match.meta.get("updated") != today.isoformat():
        said.append(
            _SAY["updated_tip"](
                updated=match.meta.get("updated"), today=today.isoformat(), file=english_file
            )
        )
    return said, None


def _uncommitted(git: Repository, path: Path, italian: str, english: str) -> Problem | None:
    """Why the Italian file cannot be the text a mark names (not committed as it is), or None.
    Outside a git clone there is no history to find it in, and nothing to refuse."""
    try:
        state = git.file_state(git.real_path(path))
    except HistoryError as exc:  # its sentence is the reason, a dash, the fix
        reason, fix = reason_and_fix(exc)
        return Problem(italian, 1, RULE, _SAY["git_failed"](english=english, reason=reason), fix)
    if not state:
        return None
    return Problem(
        italian,
        1,
        RULE,
        _SAY[f"italian_{state}"](english=english),
        _SAY[f"italian_{state}_fix"](italian=italian),
    )


def describe(comparison: Comparison, with_diff: bool = False) -> list[str]:
    """The lines `cittamedie translations` prints under a stale page: since which commit, each
    changed section (`changed  #id  Title`), and with_diff the Italian diff of each."""
    if comparison.base is None:
        return [_SAY["unknown"](reason=comparison.reason)]
    base = comparison.base
    head = _SAY["follows"](revision=base.revision[:12], date=base.date, subject=base.subject)
    if not comparison.changes:
        return [_SAY["spacing_only"](follows=head)]
    lines: list[str] = [_SAY["changed_count"](follows=head, n=len(comparison.changes))]
    for change in comparison.changes:
        name = f"#{change.id}  {change.title}" if change.id else _SAY["introduction"]
        lines.append(say("{kind:8} {name}", kind=KINDS.get(change.kind, change.kind), name=name))
        if with_diff:
            lines += ["    " + line for line in diff(change)]
    if any(c.kind != "changed" for c in comparison.changes):
        lines.append(_SAY["renamed"])
    return lines


# ---------------------------------------------------------------- Messages (English templates:
# their Italian is in content/locale/it/tools.po). A sentence with values is a function of them, so
# that the template stays one literal for the catalogue; a reason shared by several sentences is
# one of their values, never glued on.

_WHY = say(
    "the mark names the Italian text, and `cittamedie translations` later finds the sections "
    "changed since by looking for that text in the history"
)


def _commit(italian: str) -> Say:
    return say(
        '`git add {italian}` then `git commit -m "…"` (if you changed it in GitHub\'s web editor: '
        '"Commit changes" there, then `git pull` here), then run the command again',
        italian=italian,
    )


# the words of the list's columns: a translation's state, a section's change
STATES = {
    "missing": say("missing"),
    "stale": say("stale"),
    "unmarked": say("unmarked"),
    "untranslated": say("untranslated"),
}
KINDS = {"changed": say("changed"), "added": say("added"), "removed": say("removed")}

_SAY = {
    "unknown": lambda **v: say("sections not known: {reason}", **v),
    "follows": lambda **v: say(
        "follows the Italian text of commit {revision} ({date}, “{subject}”)", **v
    ),
    "spacing_only": lambda **v: say(
        "{follows}: since then only spacing and line breaks changed in the Italian text", **v
    ),
    "changed_count": lambda **v: say("{follows}; Italian sections changed since: {n}", **v),
    "introduction": say("(introduction, before the first heading)"),
    "renamed": say("(a heading whose id changed shows as one section removed and one added)"),
    "count": lambda **v: say("{n} page(s) need attention", **v),
    "next": lambda **v: say("next: {what}", **v),
    "stale": lambda **v: say(
        "bring {translation} up to date with the Italian sections listed above, then mark it "
        "current:",
        **v,
    ),
    "unmarked": lambda **v: say(
        "check the whole of {translation} against {italian}, then mark it current:", **v
    ),
    "missing": lambda **v: say(
        "write {translation}: a copy of {italian} with its words translated and its facts "
        'unchanged (or add `untranslated: "reason"` to the front matter of {italian}), then mark '
        "it current:",
        **v,
    ),
    "updated": say(
        "(--updated also sets the English page's `updated:` to today; leave it out when "
        "only the mark changes, not the English text)"
    ),
    "nothing": say("nothing to do: every translation is current"),
    "updated_tip": lambda **v: say(
        "tip: {file} still says `updated: {updated}` — if you changed its text, run the "
        "command again with --updated to set it to today ({today})",
        **v,
    ),
    "marked": lambda **v: say("marked current: {file}", **v),
    "marked_updated": lambda **v: say("marked current: {file} (updated: {today})", **v),
    "not_english": say("this is not an English page of the site"),
    "not_english_fix": say("give the path of a .en.md file, e.g. good-practices/ba-urbis.en.md"),
    "has_errors": say("the page or its Italian original has errors"),
    "has_errors_fix": say("fix what `cittamedie validate` reports first"),
    "git_failed": lambda **v: say("{english} was not marked: {reason}", **v),
    "italian_changed": lambda **v: say(
        "the Italian file has changes that are not committed, so {english} was not marked: {why}",
        why=_WHY,
        **v,
    ),
    "italian_changed_fix": lambda italian: say(
        "commit the Italian file first: {how}", how=_commit(italian)
    ),
    "italian_new": lambda **v: say(
        "the Italian file was never committed, so {english} was not marked: {why}", why=_WHY, **v
    ),
    "italian_new_fix": lambda italian: say(
        "commit the Italian file first: {how}", how=_commit(italian)
    ),
    "italian_ignored": lambda **v: say(
        "git ignores the Italian file (.gitignore), so it is never committed and "
        "{english} was not marked: {why}",
        why=_WHY,
        **v,
    ),
    "italian_ignored_fix": lambda italian: say(
        "take its name out of .gitignore, then commit it: {how}", how=_commit(italian)
    ),
}
