"""The word-level comparison (history/words.py, history/comparison.py) and its rendering on the
versions page (site/parts/versions.py)."""

from __future__ import annotations

import pytest

from cittamedie.history.comparison import CHAPTER_BUDGET
from cittamedie.history.words import MAX_PAIRS, opcodes, word_diff
from cittamedie.markup.text import Block, blocks
from cittamedie.site.parts import versions
from cittamedie.site.templates import environment

ENV = environment()


def comparison(old, new, lang, prefix) -> str:
    return str(versions.comparison(ENV, old, new, lang, prefix))


def marked(pieces, lang) -> str:
    return str(versions.marked(ENV, pieces, lang))


def sides(pieces):
    old = "".join(text for op, text in pieces if op != "+")
    new = "".join(text for op, text in pieces if op != "-")
    return old, new


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "Il programma finanzia servizi sociali.",
            "Il programma finanzia servizi sociali e abitativi.",
        ),
        ("Le risorse sono dieci milioni, in due tranche.", "Le risorse sono dodici milioni."),
        ("", "Tutto nuovo."),
        ("Tutto tolto.", ""),
        ("dell'area  urbana\n(FESR)", "dell’area urbana (FSE+)"),
    ],
)
def test_the_pieces_give_back_both_texts(old, new):
    assert sides(word_diff(old, new)) == (" ".join(old.split()), " ".join(new.split()))


def test_only_the_changed_words_are_marked():
    pieces = word_diff(
        "Le risorse sono dieci milioni di euro.", "Le risorse sono dodici milioni di euro."
    )
    assert [(op, text.strip()) for op, text in pieces if op != "="] == [
        ("-", "dieci"),
        ("+", "dodici"),
    ]


def test_changes_a_word_apart_read_as_one_edit():
    pieces = word_diff(
        "Il giorno prima sono state presentate.",
        "Il primo giorno alle città sono state presentate.",
    )
    assert pieces == [
        ("=", "Il"),
        ("-", " giorno prima"),
        ("+", " primo giorno alle città"),
        ("=", " sono state presentate."),
    ]


def test_a_pathological_input_is_one_replacement_not_minutes_of_work():
    old, new = "a x " * 5_000, "x b " * 5_000  # SequenceMatcher's worst shape, 10,000 tokens each
    assert [op for op, _ in word_diff(old, new)] == ["-", "+"]
    assert opcodes(list("ab" * 400), list("ba" * 400), limit=MAX_PAIRS) == [
        ("replace", 0, 800, 0, 800)
    ]


def test_a_chapter_past_its_budget_compares_only_the_ends_of_paragraphs():
    words = " ".join(
        f"parola{n}" for n in range(200)
    )  # 200 × 200 pairs a paragraph: 25 fill the budget
    count = CHAPTER_BUDGET // 40_000 + 5
    old = [Block(0, f"vecchia{n} {words} fine{n}") for n in range(count)]
    new = [Block(0, f"nuova{n} {words} termine{n}") for n in range(count)]
    paragraphs = comparison(old, new, "it", "p").split("\n")
    assert paragraphs[0].count("<del>") == 2  # word by word: the first and the last word
    assert paragraphs[-1].count("<del>") == 1 and "parola100" in paragraphs[-1].split("<ins>")[0]


def test_blocks_keep_headings_and_split_lists_and_tables():
    found = blocks(
        '<h2 id="obiettivi">Obiettivi</h2><p>Uno <em>due</em>.</p><ul><li>tre</li><li><p>quattro</p>'
        "</li></ul><table><tr><th>a</th><td>b</td></tr></table><script>x</script>"
    )
    assert found[:5] == [
        Block(2, "Obiettivi", "obiettivi"),
        Block(0, "Uno due."),
        Block(0, "tre"),
        Block(0, "quattro"),
        Block(0, "a · b"),
    ]


def test_deletions_and_insertions_are_said_in_words_and_escaped():
    html = marked(word_diff("costa <b>10</b> euro", "costa 12 euro"), "it")
    assert '<del><span class="cm-sr">[testo eliminato:] </span>&lt;b&gt;10&lt;/b&gt;' in html
    assert (
        '<ins><span class="cm-sr">[testo aggiunto:] </span>12<span class="cm-sr"> [fine testo aggiunto]</span></ins>'
        in html
    )


def test_comparison_keeps_headings_and_counts_unchanged_paragraphs():
    old = [
        Block(2, "Obiettivi", "obiettivi"),
        Block(0, "Uno."),
        Block(0, "Due."),
        Block(0, "Tre parole vecchie."),
        Block(0, "Paragrafo tolto del tutto."),
    ]
    new = [
        Block(2, "Obiettivi", "obiettivi"),
        Block(0, "Uno."),
        Block(0, "Due."),
        Block(0, "Tre parole nuove."),
        Block(3, "Sezione aggiunta", "aggiunta"),
    ]
    html = comparison(old, new, "en", "v0-2-capitolo")
    assert '<h4 id="v0-2-capitolo-obiettivi">Obiettivi</h4>' in html
    assert '<p class="cm-diff-same">(2 unchanged paragraphs)</p>' in html
    assert "<p>Tre parole <del>" in html and "vecchie" in html and "nuove" in html
    assert (
        '<h5 id="v0-2-capitolo-aggiunta"><ins><span class="cm-sr">[inserted text:] </span>Sezione aggiunta'
        in html
    )
    assert '<p><del><span class="cm-sr">[deleted text:] </span>Paragrafo tolto del tutto.' in html
