"""`cittamedie consultation import DOCUMENT VERSION --issues FILE.json [--emails FILE.csv]`: the
comments received (tools/comments.py) into guidelines/<document>/consultazione-<version>.yml
(content/consultations.py), one entry per comment.

The file is the editors' too: they write a response and an outcome under each comment, and perhaps
comments of their own (`# …`). So an import never writes the file again from what it read: a comment
already there (by its id) is left as it is, and the new ones are added at the end, as text, after
every byte the editors wrote. The result is read back before it is written: it must hold the same
fields and comments as before, and the new ones after them; otherwise nothing is written, with the
reason. The file is replaced in one step (tools/files.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content.consultations import file_name
from ..content.messages import say
from ..content.model import Document, Site
from ..content.problems import Problem, relative
from ..content.suggest import closest, did_you_mean, shown
from ..content.yamlsafe import parse_yaml
from .comments import RULE, Read, from_emails, from_issues
from .files import create_all, link_in, replace

HEADER = """\
# Osservazioni ricevute nella consultazione su {document} {version}, importate con
# `cittamedie consultation import` (che aggiunge in fondo solo le osservazioni nuove).
# Per ogni osservazione scrivete response (it, en) e outcome: accolto, accolto-in-parte,
# non-accolto o fuori-ambito. Non cambiate id; author solo se consent è true (CONTRIBUTING.md).
"""


class _Dumper(yaml.SafeDumper):
    """YAML as an editor reads it: a text of several lines as a block (|), one line as it is."""


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def import_comments(
    site: Site, document: str, version: str, issues: Path | None, emails: Path | None
) -> tuple[list[str], list[Problem]]:
    """What was done, in sentences, and the problems that stopped it (nothing written then)."""
    doc, problems = _document(site, document, version)
    if doc is None:
        return [], problems
    read = Read()
    for path, reader in ((issues, "issues"), (emails, "emails")):
        if path is None:
            continue
        shown = str(path)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            read.problems.append(
                Problem(
                    shown,
                    0,
                    RULE,
                    say("the file cannot be read as UTF-8 text ({reason})", reason=str(exc)),
                    say("give the file as `gh` or the spreadsheet saved it (CSV UTF-8)"),
                )
            )
            continue
        found = (
            from_issues(text, shown, doc.folder, version)
            if reader == "issues"
            else from_emails(text, shown)
        )
        read.entries += found.entries
        read.notes += found.notes
        read.problems += found.problems
    if read.problems:
        return read.notes, read.problems
    target = site.root / Path(doc.rel).parent / file_name(version)
    return _write(site.root, target, doc, version, read)


def _document(site: Site, name: str, version: str) -> tuple[Document | None, list[Problem]]:
    by_name = {doc.id: doc for doc in site.documents.values()}
    by_name.update({doc.folder: doc for doc in site.documents.values()})
    doc = by_name.get(name)
    if doc is None:
        near = [shown(option) for option in closest(name, by_name)]
        fix = did_you_mean(near, say("give a document's id, e.g. linee-guida"))
        return None, [Problem(name, 0, RULE, say("there is no document `{name}`", name=name), fix)]
    known = [entry["version"] for entry in doc.meta.get("versions") or []]
    known += [] if doc.meta.get("version") in known else [doc.meta.get("version")]
    if version not in known:
        return None, [
            Problem(
                doc.rel,
                doc.lines.get("version", 1),
                RULE,
                say("the document has no version {version}", version=version),
                say("give one of its versions: {versions}", versions=", ".join(known)),
            )
        ]
    return doc, []


def _write(
    root: Path, target: Path, doc: Document, version: str, read: Read
) -> tuple[list[str], list[Problem]]:
    shown = relative(target, root)
    if problem := link_in(root, target):
        return read.notes, [problem]
    before, known = None, set()
    if target.exists():
        try:
            before = target.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            return read.notes, [
                Problem(
                    shown,
                    0,
                    RULE,
                    say("the file cannot be read as UTF-8 text ({reason})", reason=str(exc)),
                    say("save the file as UTF-8, then run the import again"),
                )
            ]
        data, _, problems = parse_yaml(before, shown)
        if problems:
            return read.notes, problems
        known = {c.get("id") for c in (data or {}).get("comments") or [] if isinstance(c, dict)}
    new, seen = [], set(known)
    for entry in read.entries:
        if entry["id"] not in seen:
            seen.add(entry["id"])
            new.append({**entry, "response": {"it": "", "en": ""}, "outcome": None})
    said = [
        *read.notes,
        say(
            "{new} new comments written to {file}; {old} were there already",
            new=len(new),
            file=shown,
            old=len(read.entries) - len(new),
        ),
    ]
    if not new:
        return said, []
    if before is None:
        head = HEADER.format(document=doc.title("it"), version=version)
        fields = yaml.dump(
            {"document": doc.id, "version": version}, Dumper=_Dumper, sort_keys=False
        )
        text = head + fields + "comments:\n" + entries_text(new)
        created = create_all(root, {target: text})
        return (said, []) if not created else (read.notes, created)
    text = before + ("" if before.endswith("\n") else "\n") + entries_text(new)
    if not _appended(before, text, new, shown):
        return read.notes, [
            Problem(
                shown,
                0,
                RULE,
                say(
                    "the file was not changed: the new comments cannot be added at its end "
                    "without changing what is there"
                ),
                say(
                    "keep `comments:` as the file's last field, its comments one `- id: …` "
                    "entry after the other, then run the import again"
                ),
            )
        ]
    replace(target, text.encode("utf-8"))
    return said, []


def entries_text(entries: list[dict]) -> str:
    """The entries as the items of `comments:`, indented under it."""
    dumped = yaml.dump(entries, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return "".join(f"  {line}" if line.strip() else line for line in dumped.splitlines(True))


def _appended(before: str, after: str, new: list[dict], shown: str) -> bool:
    """Whether `after` reads as `before` with the new entries at the end of its comments."""
    old, _, problems = parse_yaml(before, shown)
    now, _, later = parse_yaml(after, shown)
    if problems or later or not isinstance(old, dict) or not isinstance(now, dict):
        return False
    comments = old.get("comments") or []
    return now == {**old, "comments": [*comments, *new]} and isinstance(comments, list)
