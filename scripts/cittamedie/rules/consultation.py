"""A document in consultation says when comments are accepted and how to send them.

The schema checks the form of `consultation` (dates, both languages of the channel); this checks
what needs two values at once: the status and the block, the closing and the opening day.
"""

from __future__ import annotations

from ..content.messages import say
from ..content.model import Site
from ..content.problems import WARNING, Problem
from .run import Run

EXAMPLE = 'consultation: {opens: YYYY-MM-DD, closes: YYYY-MM-DD, channel: {it: "…", en: "…"}}'


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    for doc in site.documents.values():
        block, status = doc.meta.get("consultation"), doc.meta.get("status")
        if status == "in-consultazione" and not block:
            problems.append(
                Problem(
                    doc.rel,
                    doc.lines.get("status", 1),
                    "consultation",
                    say(
                        "the document is in consultation but does not say when comments are "
                        "accepted"
                    ),
                    say(
                        "add `{example}`: its pages show whether the consultation is open",
                        example=EXAMPLE,
                    ),
                    "consultation",
                )
            )
            continue
        if not block:
            continue
        opens, closes = block["opens"], block["closes"]  # ISO dates: the schema checked them
        line = doc.lines.get("consultation.closes", doc.lines.get("consultation", 1))
        if closes < opens:
            problems.append(
                Problem(
                    doc.rel,
                    line,
                    "consultation",
                    say(
                        "the consultation closes on {closes}, before it opens on {opens}",
                        closes=closes,
                        opens=opens,
                    ),
                    say("write the last day for comments as closes, on or after opens"),
                    "consultation.closes",
                )
            )
        elif status == "in-consultazione" and closes < run.today.isoformat():
            problems.append(
                Problem(
                    doc.rel,
                    doc.lines.get("status", 1),
                    "consultation",
                    say(
                        "the consultation closed on {closes}, and the status still says "
                        "in-consultazione",
                        closes=closes,
                    ),
                    say(
                        "change status (bozza or approvato) once the comments are in, "
                        "or move closes if the consultation was extended"
                    ),
                    "status",
                    WARNING,
                )
            )
    return problems
