"""A consultation's file (content/consultations.py) before its outcomes are published: it is about a
version the document has, each comment names a paragraph of that version and an outcome from the
list, every comment has its response and outcome once the consultation has closed, and no name or
e-mail address is kept where its author did not agree to be named."""

from __future__ import annotations

from ..content.consultations import EMAIL, OUTCOMES, Consultation, consultation_state
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE
from ..content.messages import say
from ..content.model import Document, Site
from ..content.problems import ContentError, Problem
from ..content.suggest import closest, did_you_mean, shown
from ..history.git import HistoryError
from ..history.paragraphs import current_paragraphs, version_paragraphs
from ..history.versions import read_history
from .run import Run

RULE = "outcomes"


def versions_of(doc: Document) -> list[str]:
    """The versions a consultation may be about: the listed ones and the current one."""
    known = [entry["version"] for entry in doc.meta.get("versions") or []]
    return known + ([] if doc.meta.get("version") in known else [doc.meta.get("version")])


def is_closed(doc: Document, version: str, today: str) -> bool:
    """Whether the consultation on a version is over: an earlier version's always is; the current
    version's is once the day after `consultation.closes` has come (or without the block)."""
    block = doc.meta.get("consultation")
    if version != doc.meta.get("version") or not block:
        return True
    return consultation_state(block["opens"], block["closes"], today) == "closed"


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    for (doc_id, version), found in sorted(site.consultations.items()):
        doc = site.documents[doc_id]
        problems += _about(found, doc)
        if version not in versions_of(doc):
            continue
        closed = is_closed(doc, version, run.today.isoformat())
        numbers = paragraph_numbers(site, run, doc, version)
        seen: dict[str, int] = {}
        for index, comment in enumerate(found.comments):
            problems += _comment(found, index, comment, closed, seen)
            problems += _paragraph(found, index, comment, numbers)
    return problems


def _about(found: Consultation, doc: Document) -> list[Problem]:
    problems = []
    if found.version not in versions_of(doc):
        problems.append(
            _problem(
                found,
                1,
                say("the document has no version {version}", version=found.version),
                say(
                    "name the file after one of its versions: {versions}",
                    versions=", ".join(f"consultazione-{v}.yml" for v in versions_of(doc)),
                ),
            )
        )
    for name, written, expected in zip(
        ("document", "version"), found.declared, (doc.id, found.version), strict=True
    ):
        if written != expected:
            problems.append(
                _problem(
                    found,
                    found.lines.get(name, 1),
                    say("`{name}` does not match the file's folder and name", name=name),
                    say('write `{name}: "{value}"`', name=name, value=expected),
                    name,
                )
            )
    return problems


def _comment(
    found: Consultation,
    index: int,
    comment: dict,
    closed: bool,
    seen: dict[str, int],
) -> list[Problem]:
    problems = []
    line = found.line(index)
    if comment["id"] in seen:
        problems.append(
            _problem(
                found,
                line,
                say(
                    "the comment `{id}` is there twice (first on line {line})",
                    id=comment["id"],
                    line=seen[comment["id"]],
                ),
                say("delete one of the two entries, keeping the response written"),
                f"comments.{index}.id",
            )
        )
    seen.setdefault(comment["id"], line)
    outcome = comment.get("outcome")
    if outcome is not None and outcome not in OUTCOMES:
        near = [shown(option) for option in closest(outcome, OUTCOMES)]
        problems.append(
            _problem(
                found,
                found.line(index, "outcome"),
                say("`{outcome}` is not an outcome", outcome=outcome),
                did_you_mean(near, say("write one of {outcomes}", outcomes=", ".join(OUTCOMES))),
                f"comments.{index}.outcome",
            )
        )
    response = comment.get("response") or {}
    missing = [lang for lang in LANGUAGES if not str(response.get(lang) or "").strip()]
    if closed and missing:
        problems.append(
            _problem(
                found,
                found.line(index, "response"),
                say(
                    "the comment `{id}` has no response in {languages}, and the consultation has closed",
                    id=comment["id"],
                    languages=", ".join(missing),
                ),
                say("write the editors' response under `response:`, in it and en"),
                f"comments.{index}.response",
            )
        )
    if closed and outcome is None:
        problems.append(
            _problem(
                found,
                found.line(index, "outcome"),
                say(
                    "the comment `{id}` has no outcome, and the consultation has closed",
                    id=comment["id"],
                ),
                say("write one of {outcomes}", outcomes=", ".join(OUTCOMES)),
                f"comments.{index}.outcome",
            )
        )
    return problems + _personal(found, index, comment)


def paragraph_numbers(site: Site, run: Run, doc: Document, version: str) -> set[str] | None:
    """The paragraph numbers of a document's version ("3.12", history/paragraphs.py), in Italian
    (both languages number the same blocks: rules/paragraphs.py): the current version's in the
    working text, an earlier one's as git holds it at its revision; None where git cannot give it
    (rules/versions.py says why)."""
    renderer = run.renderer(site.root)
    if version == doc.meta.get("version"):
        chapters = current_paragraphs(site, doc, SOURCE_LANGUAGE, renderer)
    else:
        try:
            history = read_history(doc, run.git)
        except (ContentError, HistoryError):
            return None
        found = next((v for v in history.versions if v.version == version), None)
        if found is None:
            return None
        chapters = version_paragraphs(found, SOURCE_LANGUAGE, renderer)
    return {block.number for blocks in chapters.values() for block in blocks}


def _paragraph(
    found: Consultation, index: int, comment: dict, numbers: set[str] | None
) -> list[Problem]:
    paragraph = comment["paragraph"]
    if paragraph is None or numbers is None or paragraph in numbers:
        return []
    near = [shown(option) for option in _nearest(paragraph, numbers)]
    return [
        _problem(
            found,
            found.line(index, "paragraph"),
            say(
                "version {version} has no paragraph {paragraph}",
                version=found.version,
                paragraph=paragraph,
            ),
            did_you_mean(
                near,
                say(
                    "write the number shown beside the paragraph on the page (chapter.paragraph), "
                    "or null for a comment on the whole document"
                ),
            ),
            f"comments.{index}.paragraph",
        )
    ]


def _nearest(paragraph: str, numbers: set[str]) -> list[str]:
    """The paragraphs an editor probably meant: the last of that chapter when the number is beyond
    it (3.14 of a chapter that ends at 3.12), else the closest of that chapter, else of any."""
    chapter, position = (int(part) for part in paragraph.split("."))
    same = sorted(
        (int(n.split(".")[1]) for n in numbers if n.split(".")[0] == str(chapter)), reverse=True
    )
    if same and position > same[0]:
        return [f"{chapter}.{same[0]}"]
    return closest(paragraph, [f"{chapter}.{n}" for n in same] or sorted(numbers))


def _personal(found: Consultation, index: int, comment: dict) -> list[Problem]:
    problems = []
    if comment.get("author") and not comment["consent"]:
        problems.append(
            _problem(
                found,
                found.line(index, "author"),
                say(
                    "the comment `{id}` keeps a name, and its author did not agree to be named",
                    id=comment["id"],
                ),
                say("delete the `author:` line (or set consent: true if the author agreed)"),
                f"comments.{index}.author",
            )
        )
    texts = {"author": comment.get("author"), "text": comment["text"]}
    texts.update(
        {f"response.{lang}": (comment.get("response") or {}).get(lang) for lang in LANGUAGES}
    )
    for name, text in texts.items():
        if isinstance(text, str) and EMAIL.search(text):
            problems.append(
                _problem(
                    found,
                    found.line(index, name),
                    say("an e-mail address is written in `{name}`", name=name),
                    say("replace the address with [e-mail]: the file is published"),
                    f"comments.{index}.{name}",
                )
            )
    return problems


def _problem(found: Consultation, line: int, message: str, fix: str, field: str = "") -> Problem:
    return Problem(found.rel, line, RULE, message, fix, field)
