"""What a spreadsheet opening a CSV file would run as a formula: the one owner of those signs, for
the open data export (which neutralises such cells) and for the validator (which refuses them in the
fields the CSV holds).

OWASP ("CSV Injection") and ASVS 1.2.10: a cell starting with = + - @, a tab, a carriage return (or
a line feed or NUL, which some programs skip) is read as a formula; so are the full-width forms,
which some programs fold to the ASCII ones. Leading spaces are skipped by some programs too.
"""

from __future__ import annotations

import re

FORMULA_LEADS = frozenset("=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20")
# A lead that no number, sign or list item starts with: -5, +39, "- voce" stay text an editor writes.
_ALWAYS = frozenset("=@\t\r\n\0\uff1d\uff20")
# a sign then a space (a list item), or a number, maybe a percentage, maybe followed by words
_SIGNED_NUMBER_OR_WORDS = re.compile(
    r"[-+\uff0b\uff0d](?: .*|\.?[0-9][0-9.,]*(?: [0-9][0-9.,]*)*%?(?:\s+[^\W\d_].*)?)", re.DOTALL
)


def formula_lead(text: str) -> str | None:
    """The sign that would make a spreadsheet run the cell, or None: what the CSV must neutralise."""
    head = text.lstrip(" ")[:1]
    return head if head and head in FORMULA_LEADS else None


def looks_like_formula(text: str) -> str | None:
    """The sign, when the text reads as a formula rather than as words or a number: = or @ first,
    or + or - not followed by a space or by a number that ends the text or a word (`-5`, `+39 080`,
    `-20% di spesa` are text; `-HYPERLINK(`, `+cmd|`, `-2+3` are formulas)."""
    head = text.lstrip(" ")
    lead = formula_lead(head)
    if lead is None or (lead not in _ALWAYS and _SIGNED_NUMBER_OR_WORDS.fullmatch(head)):
        return None
    return lead
