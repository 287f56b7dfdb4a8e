"""The comments of a consultation as they arrive, read into entries of its file
(content/consultations.py): GitHub issues, as `gh issue list --label consultazione --json
number,title,body,url,createdAt,author` writes them, and a CSV of comments sent by e-mail.

What is kept of a comment: where it came from and its id (a new import recognises it by that id),
its date, its paragraph, its text, and a name only where its author agreed to be named. An issue is
public under its author's login, so the login is its name (CONTRIBUTING.md, "Consultazione"). A
CSV's name is kept only where its consent column says yes; its other columns (an e-mail address)
are never read. An e-mail address inside a comment's text is replaced by a mark."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field

from ..content.consultations import EMAIL, PARAGRAPH
from ..content.languages import LANGUAGES
from ..content.messages import say
from ..content.problems import Problem
from ..content.strings import t

RULE = "consultation-import"
EMAIL_MARK = "[e-mail]"
# The title of a comment link's issue (strings.yml, paragraph.title): "Linee Guida …, versione 0.3,
# paragrafo 3.12"; also "Linee Guida 0.3 – paragrafo 3.12", the version before a dash
TITLE_VERSION = re.compile(
    r"(?:\bversione?\s+([0-9]+(?:\.[0-9]+){0,2})\b)|(?:(?<![\d.])([0-9]+\.[0-9]+(?:\.[0-9]+)?)\s+[–—-])",
    re.IGNORECASE,
)
TITLE_PARAGRAPH = re.compile(r"(?:paragrafo|paragraph|par\.|§)\s*([0-9]+\.[0-9]+)", re.IGNORECASE)
LINK = re.compile(r"https?://\S*?/([A-Za-z0-9._/-]*?)/?#p([0-9]+)-([0-9]+)\b")
COLUMNS = {  # a CSV column's names, English or Italian → its field
    "date": "date",
    "data": "date",
    "paragraph": "paragraph",
    "paragrafo": "paragraph",
    "text": "text",
    "testo": "text",
    "comment": "text",
    "commento": "text",
    "name": "author",
    "nome": "author",
    "consent": "consent",
    "consenso": "consent",
}
YES = {"yes", "y", "true", "1", "sì", "si", "s", "x"}
NO = {"no", "n", "false", "0", ""}


@dataclass
class Read:
    """The entries read from one file, the notes for the editor, and the problems that stop it."""

    entries: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def from_issues(text: str, shown: str, folder: str, version: str) -> Read:
    """The entries of `gh issue list … --json` output: the issues about this document's version.
    An issue whose title names another version, or whose paragraph link is in another document's
    folder, is left out (and said); one whose paragraph cannot be found is kept, paragraph null."""
    read = Read()
    try:
        issues = json.loads(text)
    except json.JSONDecodeError as exc:
        read.problems.append(
            _problem(shown, exc.lineno, say("this is not JSON ({reason})", reason=exc.msg))
        )
        return read
    if not isinstance(issues, list) or not all(isinstance(i, dict) for i in issues):
        read.problems.append(_problem(shown, 1, say("the JSON is not a list of issues")))
        return read
    for position, issue in enumerate(issues, 1):
        number, title, body = issue.get("number"), issue.get("title"), issue.get("body")
        created, url = issue.get("createdAt"), issue.get("url")
        if not (isinstance(number, int) and isinstance(title, str) and isinstance(body, str)):
            read.problems.append(
                _problem(
                    shown, 1, say("issue {n} of the list has no number, title or body", n=position)
                )
            )
            continue
        link = LINK.search(body)
        named = TITLE_VERSION.search(title)
        if (named and (named[1] or named[2]) != version) or (
            link and folder not in link[1].split("/")
        ):
            read.notes.append(
                say("issue #{number} is about another document or version: left out", number=number)
            )
            continue
        paragraph = _title_paragraph(title) or (f"{link[2]}.{link[3]}" if link else None)
        if paragraph is None:
            read.notes.append(
                say(
                    "issue #{number}: no paragraph in its title or link, imported with paragraph null",
                    number=number,
                )
            )
        author = (
            (issue.get("author") or {}).get("login")
            if isinstance(issue.get("author"), dict)
            else None
        )
        entry = {
            "id": f"issue-{number}",
            "source": "issue",
            **({"url": url} if isinstance(url, str) and url.startswith("https://") else {}),
            "date": str(created or "")[:10],
            "paragraph": paragraph,
            **({"author": author} if isinstance(author, str) and author else {}),
            "consent": bool(author),
            "text": _clean(_comment_of(body)),
        }
        if not _is_date(entry["date"]):
            read.problems.append(
                _problem(shown, 1, say("issue #{number} has no createdAt date", number=number))
            )
            continue
        read.entries.append(entry)
    return read


def from_emails(text: str, shown: str) -> Read:
    """The entries of a CSV of e-mailed comments: date, paragraph, text, name, consent (columns in
    English or Italian, in any order; any other column is not read)."""
    read = Read()
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(rows, None)
    if header is None:
        read.problems.append(_problem(shown, 1, say("the CSV is empty")))
        return read
    columns = {
        COLUMNS[name.strip().lower()]: n
        for n, name in enumerate(header)
        if name.strip().lower() in COLUMNS
    }
    missing = [name for name in ("date", "paragraph", "text", "consent") if name not in columns]
    if missing:
        read.problems.append(
            _problem(shown, 1, say("the CSV has no column {names}", names=", ".join(missing)))
        )
        return read
    for line, row in enumerate(rows, 2):
        cell = {name: (row[n].strip() if n < len(row) else "") for name, n in columns.items()}
        if not any(cell.values()):
            continue
        consent = cell["consent"].lower()
        date = _iso_date(cell["date"])
        paragraph = _paragraph(cell["paragraph"])
        if (
            consent not in YES | NO
            or date is None
            or not cell["text"]
            or (cell["paragraph"] and not paragraph)
        ):
            read.problems.append(
                _problem(
                    shown,
                    line,
                    say(
                        "the row needs a date (YYYY-MM-DD), a paragraph like 3.12 or nothing, "
                        "a text and a consent (yes or no)"
                    ),
                )
            )
            continue
        named = consent in YES and bool(cell.get("author"))
        key = f"{date}\n{paragraph or ''}\n{cell['text']}".encode()
        read.entries.append(
            {
                "id": "email-" + hashlib.sha256(key).hexdigest()[:12],
                "source": "email",
                "date": date,
                "paragraph": paragraph,
                **({"author": _clean(cell["author"])} if named else {}),
                "consent": named,
                "text": _clean(cell["text"]),
            }
        )
    return read


def _title_paragraph(title: str) -> str | None:
    found = TITLE_PARAGRAPH.search(title)
    return _paragraph(found[1]) if found else None


def _paragraph(text: str) -> str | None:
    """3.12, §3.12, p3-12 → "3.12"; anything else None."""
    found = PARAGRAPH.fullmatch(text.strip().lstrip("§p").replace("-", "."))
    return f"{int(found[1])}.{int(found[2])}" if found else None


def _comment_of(body: str) -> str:
    """An issue's body less what the comment link prefilled (strings.yml, paragraph.body): the
    line naming the paragraph, the quoted paragraph, the line before the comment ("La mia
    osservazione:"); the whole body if nothing else is left."""
    for lang in LANGUAGES:
        lead, _, tail = t("paragraph.body", lang).partition("{quote}")
        before = tail.strip()  # La mia osservazione:
        if before and before in body:
            return body.split(before, 1)[1].strip() or body.strip()
        opening = lead.split("{", 1)[0]  # Osservazione sul paragrafo
        if opening and body.startswith(opening):
            body = body.split("\n", 1)[1] if "\n" in body else ""
    kept = [
        line
        for line in body.splitlines()
        if not line.lstrip().startswith(">") and not LINK.fullmatch(line.strip().strip("<>()[]"))
    ]
    return "\n".join(kept).strip() or body.strip()


def _clean(text: str) -> str:
    """A text as the file keeps it: no e-mail address, no carriage returns, no trailing spaces."""
    lines = [
        line.rstrip() for line in EMAIL.sub(EMAIL_MARK, text).replace("\r\n", "\n").split("\n")
    ]
    return "\n".join(lines).strip()


def _is_date(text: str) -> bool:
    return _iso_date(text) == text


def _iso_date(text: str) -> str | None:
    """YYYY-MM-DD, or DD/MM/YYYY as Italian spreadsheets write it, → YYYY-MM-DD."""
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), form).date().isoformat()
        except ValueError:
            continue
    return None


def _problem(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, RULE, message, say("correct the file, then run the import again"))
