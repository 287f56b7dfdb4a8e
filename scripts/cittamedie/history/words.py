"""Word-level comparison with bounded work: difflib's opcodes with the common start and end set aside
and a cap on the pairs compared, and a text's words and signs as pieces kept, deleted or inserted."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# SequenceMatcher is quadratic in the pairs it compares, and worse on repetitive input: 500 tokens
# of `a x a x …` against `x b x b …` take 1.2 s, 316 of them 0.3 s. The longest real paragraph
# has 313 tokens; past this many pairs (after the common start and end are set aside) a
# comparison is one replacement.
MAX_PAIRS = 100_000
JOIN_WITHIN = 2  # unchanged words between two changes that make them one
_TOKEN = re.compile(r"\w+|[^\w\s]")  # a word or one sign


def opcodes(a: list, b: list, limit: int = MAX_PAIRS) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes (equal, replace, delete, insert) of two sequences, with bounded work: the
    common start and end are set aside in one linear pass, and when the rest would compare more
    than `limit` pairs it is one replacement."""
    shortest, start, end = min(len(a), len(b)), 0, 0
    while start < shortest and a[start] == b[start]:
        start += 1
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a_end, b_end = len(a) - end, len(b) - end
    ops = [("equal", 0, start, 0, start)]
    if (a_end - start) * (b_end - start) > limit:
        ops.append(("replace", start, a_end, start, b_end))
    else:
        matcher = SequenceMatcher(None, a[start:a_end], b[start:b_end], autojunk=False)
        ops += [
            (tag, i1 + start, i2 + start, j1 + start, j2 + start)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    ops.append(("equal", a_end, len(a), b_end, len(b)))
    return [op for op in ops if op[1] != op[2] or op[3] != op[4]]


def word_diff(old: str, new: str, limit: int = MAX_PAIRS) -> list[tuple[str, str]]:
    """Word-level comparison: (op, text) pieces, op "=" kept, "-" deleted, "+" inserted. The "="
    and "-" pieces joined give `old`, the "=" and "+" pieces `new`, with every run of spaces as
    one space. Words and signs are compared, not letters: `città,` → `città.` changes the sign."""
    a, b = _tokens(old), _tokens(new)
    keys_a, keys_b = [token.lstrip() for token in a], [token.lstrip() for token in b]
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _joined(opcodes(keys_a, keys_b, limit)):
        if tag == "equal":
            pieces.append(("=", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", "".join(b[j1:j2])))
    return pieces


def _joined(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Changes one or two unchanged words apart as one change: `<del>prima</del> giorno <ins>…`
    reads as confetti; `<del>giorno prima</del> <ins>primo giorno…</ins>` as an edit."""
    joined: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if op[0] != "equal" and joined and joined[-1][0] != "equal":
            joined[-1] = ("replace", joined[-1][1], op[2], joined[-1][3], op[4])
        elif (
            op[0] != "equal"
            and len(joined) > 1
            and joined[-1][2] - joined[-1][1] <= JOIN_WITHIN
            and joined[-2][0] != "equal"
        ):
            joined.pop()
            joined[-1] = ("replace", joined[-1][1], op[2], joined[-1][3], op[4])
        else:
            joined.append(op)
    return joined


def _tokens(text: str) -> list[str]:
    """Words and signs, each with one space before it where the text had any (spaces matched by the
    pattern itself would be rescanned from every position of a long run of them: quadratic)."""
    text = text.strip()
    return [
        (" " if m.start() and text[m.start() - 1].isspace() else "") + m[0]
        for m in _TOKEN.finditer(text)
    ]
