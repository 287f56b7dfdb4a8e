"""Publishing a version of a document in one step (`cittamedie release`): the version appended to
its document.yml at the last commit that changed the document's text on the current branch, and
`version`, `status` and `updated` set to it, every other line of the file kept (comments, layout).

What the validator would refuse is refused first, with the editor's message: a version not higher
than the last, a date before the last version's or its commit's or in the future, the document's
files changed since the last commit, a shallow clone, no text changed since the last version. The
file written is then read back and checked by the validator (every rule, as `cittamedie validate`
runs them); should it refuse the file, the file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..content.load import load_site
from ..content.messages import Say, say
from ..content.problems import ERROR, Problem
from ..content.yamlsafe import parse_yaml
from ..history.git import Commit, Repository
from ..rules import run_all
from ..rules import versions as rule
from .files import replace

RULE = "release"
VERSION = re.compile(r"[0-9]{1,9}(\.[0-9]{1,9}){0,2}")  # as common.schema.json's version
STATUSES = ("bozza", "in-consultazione", "approvato")  # common.schema.json's status
_TOP = re.compile(r"(version|status|updated):")  # a top-level field release sets


@dataclass(frozen=True)
class Release:
    document: str  # the document's id, e.g. linee-guida
    version: str
    status: str
    summary: dict[str, str]  # it, en
    date: dt.date


def release(root: Path, asked: Release, today: dt.date) -> tuple[list[Say], list[Problem]]:
    """(what was done, said to the editor) or the problems that stopped it (nothing written)."""
    site, git = load_site(root), Repository(root)
    doc = site.documents.get(asked.document)
    if doc is None:
        known = ", ".join(sorted(site.documents)) or "-"
        return [], [
            _problem(
                "",
                0,
                say("there is no document `{id}`", id=asked.document),
                say("give one of: {known}", known=known),
            )
        ]
    path = root / doc.rel
    folder = posixpath.dirname(git.real_path(path))
    problems = _refusals(doc, folder, git, asked, today)
    if problems:
        return [], problems
    commit = git.last_change(folder, f"{folder}/document.yml")
    if commit is None:
        return [], [
            _problem(
                doc.rel,
                1,
                say("git has no commit of {folder}", folder=folder),
                say("commit the document's text first"),
            )
        ]
    if problem := _not_newer(doc, commit, git, asked):
        return [], [problem]
    raw = path.read_bytes()
    edited = _edited(raw.decode("utf-8"), asked, commit)
    expected = _expected(doc.meta, asked, commit)
    if parse_yaml(edited, doc.rel)[0] != expected:
        return [], [
            _problem(
                doc.rel,
                1,
                say("the file's layout is not one release can edit"),
                say("add the version by hand (CONTRIBUTING.md)"),
            )
        ]
    replace(path, edited.encode("utf-8"))
    refused = _validated(root, doc.rel, today)
    if refused:
        replace(path, raw)
        return [], refused
    return [
        say(
            "{path}: version {version} ({status}, {date}) at revision {revision} ({subject})",
            path=doc.rel,
            version=asked.version,
            status=asked.status,
            date=asked.date.isoformat(),
            revision=commit.revision[:12],
            subject=commit.subject,
        ),
        say("next: commit {path} and open a pull request", path=doc.rel),
    ], []


def _refusals(doc, folder: str, git: Repository, asked: Release, today: dt.date) -> list[Problem]:
    versions = doc.meta.get("versions") or []
    last = versions[-1] if versions else None
    problems = []
    if not git.is_repository():
        problems.append(
            _problem(
                doc.rel,
                1,
                say("this folder is not a git clone"),
                say("run the command in a clone of the repository"),
            )
        )
        return problems
    if git.is_shallow():
        problems.append(
            _problem(
                doc.rel,
                1,
                say("this clone is shallow: the document's history is not all here"),
                say("fetch the whole history (`git fetch --unshallow`), then run it again"),
            )
        )
    if changed := git.uncommitted(folder):
        problems.append(
            _problem(
                doc.rel,
                1,
                say(
                    "the document has changes not committed yet: {files}",
                    files=", ".join(changed[:5]),
                ),
                say("commit them (or put them aside), then run it again: a version is a commit"),
            )
        )
    if not VERSION.fullmatch(asked.version):
        problems.append(
            _problem(
                doc.rel,
                1,
                say("`{version}` is not a version number", version=asked.version),
                say("write numbers and dots, e.g. 0.3 or 1.0"),
            )
        )
    elif last and rule.number(asked.version) <= rule.number(last["version"]):
        problems.append(
            _problem(
                doc.rel,
                doc.lines.get("version", 1),
                say(
                    "version {version} is not higher than the last one, {last}",
                    version=asked.version,
                    last=last["version"],
                ),
                say("give a higher number than {last}", last=last["version"]),
            )
        )
    if asked.status not in STATUSES:
        problems.append(
            _problem(
                doc.rel,
                doc.lines.get("status", 1),
                say("`{status}` is not a status of a document", status=asked.status),
                say("give one of: {known}", known=", ".join(STATUSES)),
            )
        )
    if asked.date > today:
        problems.append(
            _problem(
                doc.rel,
                1,
                say("the date {date} is in the future", date=asked.date.isoformat()),
                say("give today's date or an earlier one"),
            )
        )
    elif last and asked.date.isoformat() < last["date"]:
        problems.append(
            _problem(
                doc.rel,
                1,
                say(
                    "the date {date} is before version {last} ({last_date})",
                    date=asked.date.isoformat(),
                    last=last["version"],
                    last_date=last["date"],
                ),
                say(
                    "give the date the version is published, {last_date} or later",
                    last_date=last["date"],
                ),
            )
        )
    for lang, text in asked.summary.items():
        if not text.strip() or "\n" in text:
            problems.append(
                _problem(
                    doc.rel,
                    1,
                    say("the summary in {lang} is empty or has more than one line", lang=lang),
                    say("write one sentence"),
                )
            )
    return problems


def _not_newer(doc, commit: Commit, git: Repository, asked: Release) -> Problem | None:
    versions = doc.meta.get("versions") or []
    if versions:
        previous = versions[-1]
        if commit.revision == previous["revision"] or not git.is_ancestor(
            previous["revision"], commit.revision
        ):
            return _problem(
                doc.rel,
                1,
                say(
                    "the document's text has not changed since version {last} ({revision})",
                    last=previous["version"],
                    revision=previous["revision"][:12],
                ),
                say("commit the new text of the document first"),
            )
    if asked.date.isoformat() < commit.date:
        return _problem(
            doc.rel,
            1,
            say(
                "the date {date} is before the commit of the text ({committed})",
                date=asked.date.isoformat(),
                committed=commit.date,
            ),
            say("give {committed} or a later date", committed=commit.date),
        )
    return None


def _edited(text: str, asked: Release, commit: Commit) -> str:
    """The file's text with the three top-level fields set and the entry appended to `versions:`
    (added at the end when there is none): lines edited, every other one kept."""
    lines = text.split("\n")
    values = {
        "version": json.dumps(asked.version),
        "status": asked.status,
        "updated": asked.date.isoformat(),
    }
    for n, line in enumerate(lines):
        found = _TOP.match(line)
        if found and found[1] in values:
            comment = line[line.index(" #") :] if " #" in line else ""
            lines[n] = f"{found[1]}: {values.pop(found[1])}{comment}"
    start = next((n for n, line in enumerate(lines) if line.startswith("versions:")), None)
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["versions:"]
        start, end, indent = len(lines) - 1, len(lines), "  "
    else:
        end = start + 1
        for n in range(start + 1, len(lines)):
            if lines[n][:1] not in ("", " ", "-", "#"):
                break
            if lines[n].strip() and not lines[n].lstrip().startswith("#"):
                end = n + 1
        item = next((x for x in lines[start + 1 : end] if x.lstrip().startswith("- ")), "  - ")
        indent = item[: len(item) - len(item.lstrip())]
    inner = indent + "    "
    entry = [
        f"{indent}- version: {json.dumps(asked.version)}",
        f"{indent}  date: {asked.date.isoformat()}",
        f"{indent}  status: {asked.status}",
        f"{indent}  revision: {commit.revision}",
        f"{indent}  summary:",
        f"{inner}it: {json.dumps(asked.summary['it'], ensure_ascii=False)}",
        f"{inner}en: {json.dumps(asked.summary['en'], ensure_ascii=False)}",
    ]
    lines[end:end] = entry
    edited = "\n".join(lines)
    return edited if edited.endswith("\n") else edited + "\n"


def _expected(meta: dict, asked: Release, commit: Commit) -> dict:
    entry = {
        "version": asked.version,
        "date": asked.date.isoformat(),
        "status": asked.status,
        "revision": commit.revision,
        "summary": dict(asked.summary),
    }
    return {
        **meta,
        "version": asked.version,
        "status": asked.status,
        "updated": asked.date.isoformat(),
        "versions": [*(meta.get("versions") or []), entry],
    }


def _validated(root: Path, rel: str, today: dt.date) -> list[Problem]:
    """The validator's verdict on the written file (every rule, as `cittamedie validate` runs
    them): the errors of this file only."""
    return [
        p
        for p in run_all(load_site(root), today, Repository(root))
        if p.path == rel and p.severity == ERROR
    ]


def _problem(path: str, line: int, message: Say, fix: Say) -> Problem:
    return Problem(path, line, RULE, message, fix)
