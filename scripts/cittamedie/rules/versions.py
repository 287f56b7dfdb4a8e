"""A document's versions (`versions:` in document.yml): oldest first, each at a commit of this
repository's history, and the last one is the document's current version (ARCHITECTURE.md,
"Documents over time"). The build reads every version's text from git, so a revision it cannot read stops it."""

from __future__ import annotations

import datetime as dt
import posixpath

from ..content.generated import VERSIONS_PAGE
from ..content.messages import say
from ..content.model import Document, Site
from ..content.problems import Problem
from ..history.git import Repository
from ..history.git_words import reason_and_fix
from ..history.versions import size_problem
from .run import Run

RULE = "versions"


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    for doc in site.documents.values():
        problems += _reserved_name(doc)
        versions = doc.meta.get("versions") or []
        if versions:
            problems += (
                _order(doc, versions, run.today)
                + _current(doc, versions)
                + _revisions(run.git, doc, versions)
            )
            if run.git.is_repository() and (too_large := size_problem(doc, run.git)):
                problems.append(too_large)
    return problems


def number(version: str) -> tuple[int, ...]:
    """ "0.10" → (0, 10): versions compare as numbers, not as text."""
    return tuple(int(part) for part in version.split("."))


def _problem(doc: Document, field: str, message: str, fix: str) -> Problem:
    return Problem(doc.rel, doc.lines.get(field, 1), RULE, message, fix, field)


def _reserved_name(doc: Document) -> list[Problem]:
    return [
        _problem(
            doc,
            f"chapters.{n}",
            say(
                "`{name}` is the name of the document's versions page, which the build writes",
                name=VERSIONS_PAGE,
            ),
            say("give the chapter another name (its files and its `chapters:` entry)"),
        )
        for n, name in enumerate(doc.meta["chapters"])
        if name == VERSIONS_PAGE
    ]


def _order(doc: Document, versions: list[dict], today: dt.date) -> list[Problem]:
    problems = []
    for n, entry in enumerate(versions):
        version, date = entry["version"], entry["date"]
        if n and number(version) <= number(versions[n - 1]["version"]):
            problems.append(
                _problem(
                    doc,
                    f"versions.{n}.version",
                    say(
                        "version {version} follows version {previous} but is not a higher number",
                        version=version,
                        previous=versions[n - 1]["version"],
                    ),
                    say(
                        "list the versions oldest first, each with a higher number than the one "
                        "before (0.1, 0.2, 1.0)"
                    ),
                )
            )
        if n and date < versions[n - 1]["date"]:
            problems.append(
                _problem(
                    doc,
                    f"versions.{n}.date",
                    say(
                        "version {version} is dated {date}, before version {previous} "
                        "({previous_date})",
                        version=version,
                        date=date,
                        previous=versions[n - 1]["version"],
                        previous_date=versions[n - 1]["date"],
                    ),
                    say("list the versions oldest first, each with the date it was published"),
                )
            )
        if dt.date.fromisoformat(date) > today:
            problems.append(
                _problem(
                    doc,
                    f"versions.{n}.date",
                    say(
                        "version {version} is dated {date}, in the future",
                        version=version,
                        date=date,
                    ),
                    say("write the date the version was published; add the entry once it is"),
                )
            )
    return problems


def _current(doc: Document, versions: list[dict]) -> list[Problem]:
    meta, last = doc.meta, versions[-1]
    problems = []
    if meta["version"] != last["version"]:
        problems.append(
            _problem(
                doc,
                "version",
                say(
                    "the document says version {version}, but the last entry of `versions:` is "
                    "{last}",
                    version=meta["version"],
                    last=last["version"],
                ),
                say(
                    "the current version is the last entry: append the new version at the end of "
                    '`versions:`, or set `version: "{last}"`',
                    last=last["version"],
                ),
            )
        )
    if meta["status"] != last["status"]:
        problems.append(
            _problem(
                doc,
                "status",
                say(
                    "the document's status is {status}, but version {version} was published as "
                    "{published}",
                    status=meta["status"],
                    version=last["version"],
                    published=last["status"],
                ),
                say(
                    "a new status is a new version: append an entry to `versions:` with it, or "
                    "set `status: {status}`",
                    status=last["status"],
                ),
            )
        )
    if meta["updated"] < last["date"]:
        problems.append(
            _problem(
                doc,
                "updated",
                say(
                    "the document was updated on {updated}, before its version {version} was "
                    "published ({date})",
                    updated=meta["updated"],
                    version=last["version"],
                    date=last["date"],
                ),
                say(
                    "set `updated:` to the date of the last change, {date} or later",
                    date=last["date"],
                ),
            )
        )
    return problems


def _revisions(git: Repository, doc: Document, versions: list[dict]) -> list[Problem]:
    folder = posixpath.dirname(doc.rel)
    log = f"`git log --format='%H %cs %s' -- {folder}`"
    git.check_revisions([entry["revision"] for entry in versions])  # git asked once for all of them
    git.read_ahead([(entry["revision"], f"{folder}/document.yml") for entry in versions])
    git.commit_dates([entry["revision"] for entry in versions])
    problems, previous = [], None
    for n, entry in enumerate(versions):
        revision, field = entry["revision"], f"versions.{n}.revision"
        if not git.has_revision(revision):
            message, fix = reason_and_fix(git.missing_revision(revision))
            problems.append(_problem(doc, field, message, fix))
            if not git.is_repository() or git.is_shallow():
                break  # the same cause and fix for every revision: said once
            previous = None
            continue
        if not git.is_ancestor(revision, "HEAD"):
            problems.append(
                _problem(
                    doc,
                    field,
                    say(
                        "revision {revision} is not in the history of the branch being built",
                        revision=revision,
                    ),
                    say(
                        "use the hash of a commit of main at which this version was published "
                        "({log})",
                        log=log,
                    ),
                )
            )
        elif git.text_at(revision, f"{folder}/document.yml") is None:
            problems.append(
                _problem(
                    doc,
                    field,
                    say(
                        "revision {revision} has no {folder}/document.yml",
                        revision=revision,
                        folder=folder,
                    ),
                    say("use the commit at which this version was published ({log})", log=log),
                )
            )
        elif previous and (previous == revision or not git.is_ancestor(previous, revision)):
            problems.append(
                _problem(
                    doc,
                    field,
                    say(
                        "the revision of version {version} is not a later commit than that of "
                        "version {previous}",
                        version=entry["version"],
                        previous=versions[n - 1]["version"],
                    ),
                    say(
                        "each version is published at a later commit than the one before ({log})",
                        log=log,
                    ),
                )
            )
        else:
            problems += _dated_after_commit(git, doc, n, entry, log)
        previous = revision
    return problems


def _dated_after_commit(
    git: Repository, doc: Document, n: int, entry: dict, log: str
) -> list[Problem]:
    """A version is published at its commit or later: a date before the commit's cannot be true
    (the wrong revision, or a typo in the date)."""
    committed = git.commit_date(entry["revision"])
    if committed is None or entry["date"] >= committed:
        return []
    return [
        _problem(
            doc,
            f"versions.{n}.date",
            say(
                "version {version} is dated {date}, before its revision {revision} was committed "
                "({committed})",
                version=entry["version"],
                date=entry["date"],
                revision=entry["revision"],
                committed=committed,
            ),
            say(
                "a version is published at its commit or later: write the date it was published "
                "({committed} or later), or the revision it was published at ({log})",
                committed=committed,
                log=log,
            ),
        )
    ]
