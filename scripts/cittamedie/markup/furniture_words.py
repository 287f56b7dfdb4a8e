"""The sentences of markup/furniture.py's judgements of a page's texts (headings, link texts, box
titles), for the editor: a sibling module, so that furniture.py stays within the house's size
(content/messages.py says them in the editor's language)."""

from __future__ import annotations

from ..content.messages import Say, say

# what is judged (furniture._Texts' names) → its words
WHAT = {
    "heading": say("heading"),
    "link text": say("link text"),
    "box title": say("box title"),
}


def listed(items: list[str]) -> str:
    """`A and B and C`, each `and` said in the editor's language."""
    said: str = items[0]
    for item in items[1:]:
        said = say("{first} and {then}", first=said, then=item)
    return said


def invisible(what: str, shown: str, character: str) -> tuple[Say, Say]:
    return (
        say(
            "the {what} “{text}” contains {character}, an invisible character",
            what=WHAT[what],
            text=shown,
            character=character,
        ),
        say(
            "delete it (retype the words around it): invisible characters make different "
            "texts look the same, and reorder what a reader sees"
        ),
    )


def status(shown: str, claimed: str) -> tuple[Say, Say]:
    return (
        say(
            "the box title “{text}” claims a status (“{status}”), which only the site's "
            "banner of a document states",
            text=shown,
            status=claimed,
        ),
        say(
            "give the box a title that claims no status: a document's status is set in its "
            "document.yml and shown by the site"
        ),
    )


def mixed_scripts(shown: str, scripts: list[str]) -> tuple[Say, Say]:
    return (
        say(
            "the link text `{text}` shows a host whose letters mix scripts "
            "({scripts}): it looks like another host",
            text=shown,
            scripts=listed(scripts),
        ),
        say(
            "write the host as its site writes it, in one script (a look-alike letter from "
            "another alphabet makes a different address)"
        ),
    )


def other_host(shown: str, target: str) -> tuple[Say, Say]:
    return (
        say(
            "the link text `{text}` shows a host, but the link goes to `{target}`",
            text=shown,
            target=target,
        ),
        say("write the link's own host as its text, or words that are not an address"),
    )
