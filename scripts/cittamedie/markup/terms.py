"""Which words of a fixed list a text contains, in one pass over the text however long the list.

An alternation of the words (`FESR|ERDF|…`) makes the regular expression engine try every word at
every position of the text, and a search per word reads the text once per word: both grow with the
list. Here the list is compiled once into a trie-shaped expression (`E(?:RDF|SF\\+)|F(?:ESR|SE\\+)`):
at each position of the text the engine follows one branch per character, so the work is at most
the text's length × the longest word's, whatever the number of words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A word is whole when no letter, digit, underscore or + touches it (FSE+ is a word; FESRX is not FESR).
WORD_EDGE = r"[\w+]"


def word_finder(words: Iterable[str]) -> re.Pattern | None:
    """One expression finding any of the words as a whole word, longest first; None for no words.
    Words are short (glossary acronyms: at most 20 characters, common.schema.json), which bounds
    the trie's depth."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    if not trie:
        return None
    return re.compile(rf"(?<!{WORD_EDGE})(?:{_branches(trie)})(?!{WORD_EDGE})")


def _branches(node: dict) -> str:
    """The expression of a trie node: its children as alternatives, optional where a word ends
    (greedy, so the longest word is tried first and a shorter one only if the longer is not whole)."""
    children = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not children:
        return ""
    body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
    return f"(?:{body})?" if "" in node else body


def words_in(finder: re.Pattern | None, text: str) -> set[str]:
    """The words of the finder's list that the text contains."""
    return set(finder.findall(text)) if finder is not None else set()
