"""markup/terms.py: a fixed list of words found in a text in one pass, as whole words."""

from __future__ import annotations

import re

from cittamedie.markup.terms import word_finder, words_in


def test_whole_words_only_and_the_longest_first():
    finder = word_finder(["FSE", "FSE+", "FESR", "PN Metro", "PN", "A.B"])
    assert words_in(finder, "Il FSE+ e il FESR; PN Metro, A.B.") == {
        "FSE+",
        "FESR",
        "PN Metro",
        "A.B",
    }
    assert words_in(finder, "FSEX, XFSE, FESR2, PN") == {"PN"}
    assert words_in(finder, "FSE, non FSE++") == {"FSE"}
    assert words_in(word_finder([]), "FSE") == set()


def test_the_same_words_as_an_alternation_on_a_random_text():
    words = ["AB", "ABC", "ABCD", "B", "BC", "C+", "CD", "D.E", "ABD"]
    alternation = re.compile(
        r"(?<![\w+])(?:"
        + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        + r")(?![\w+])"
    )
    finder = word_finder(words)
    text = " ".join(
        ["AB", "ABC", "ABCD", "ABCDE", "B", "BC", "C+", "C++", "CD", "D.E", "ABD", "x"] * 3
    )
    for start in range(len(text)):
        part = text[start:]
        assert set(finder.findall(part)) == set(alternation.findall(part)), part


def test_its_expression_grows_with_the_letters_not_the_text():
    words = [f"T{i:04d}" for i in range(1000)]
    finder = word_finder(words)
    # a trie: the shared prefixes are written once
    assert len(finder.pattern) < sum(map(len, words))
    assert words_in(finder, "T0000 T0999 T1000") == {"T0000", "T0999"}
