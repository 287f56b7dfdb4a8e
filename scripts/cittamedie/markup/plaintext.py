"""Plain text: whether a string that is documented as text holds markup (a tag, a character
reference, an invisible control character), and every string inside front matter or data.

Fields of front matter and data files land in HTML attributes, in Material's templates and in its
tooltips: markup there is an editor's error (rules/plaintext.py), also in a heading's menu label
(render.py)."""

from __future__ import annotations

import re

from ..content.messages import say
from .furniture import invisible_in

# One character class: a single linear scan finds the few strings worth a closer look (and text
# that is not ASCII is read for invisible characters: furniture.invisible_in, one owner).
_SUSPECT = re.compile(r"[<&\x00-\x08\x0b-\x1f\x7f]")
_TAG = re.compile(r"<[A-Za-z!/?]")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def markup_in(text: str) -> str | None:
    """What makes text not plain, in words, or None."""
    if _SUSPECT.search(text):
        if _TAG.search(text):
            return say("an HTML tag")
        if _REFERENCE.search(text):
            return say("an HTML character reference (&…;)")
        if _CONTROL.search(text):
            return say("an invisible control character")
    invisible = invisible_in(text)
    return say("an invisible character, {character}", character=invisible) if invisible else None


def strings_of(value) -> list[str]:
    """Every string inside nested front matter or data (lists and mapping values), in no set
    order: for whole-file scans that look for a sign before naming any field."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
