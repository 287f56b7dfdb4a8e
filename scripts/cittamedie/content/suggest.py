"""What the editor probably meant: the closest names to a mistyped one, and how a suggestion is worded.

The one owner of closeness for every message that suggests (links, anchors, heading ids, taxonomy
values, markers). It sits in the content layer because the marker check (content/markers.py) uses it
too. Closeness is difflib's ratio (stdlib): no timing, the same answer on any machine.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .messages import say
from .model import Site

# The best name is offered from this ratio (`pon-metro` → `pon-metro-2014-2020` is 0.64; `welcome` →
# `benvenuti` 0.25 is not offered), the next ones only from ALSO: `disagio-abitativ` is 0.97 from
# `disagio-abitativo` and 0.61 from `inclusione-attiva`, which would only mislead.
CUTOFF = 0.6
ALSO = 0.75
MOST = 3  # suggestions offered at most


def closest(word: str, choices: Iterable[str], most: int = MOST) -> list[str]:
    """The choices nearest to word, best first, compared without regard to capitals."""
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(choice.casefold(), choice)
    word = word.casefold()
    near = difflib.get_close_matches(word, folded, len(folded), CUTOFF) if folded else []
    # best first, and names equally close in alphabetical order (difflib gives them in reverse)
    ranked = sorted(near, key=lambda name: (-_ratio(name, word), name))
    return [
        folded[name] for n, name in enumerate(ranked[:most]) if n == 0 or _ratio(name, word) >= ALSO
    ]


def _ratio(name: str, word: str) -> float:
    """difflib's closeness, as get_close_matches measures it."""
    return difflib.SequenceMatcher(None, name, word).ratio()


def closest_ids(value: object, labels: dict[str, list[str]], most: int = MOST) -> list[str]:
    """The ids nearest to value, compared with each id and with its labels (an editor may write the
    title shown on the site, `Povertà`, or its English title, for the id `poverta`).
    labels: id → the labels it is shown with."""
    names: dict[str, str] = {}  # a name compared → the id it stands for
    for id_, shown in labels.items():
        for name in (id_, *shown):
            if name:
                names.setdefault(name.casefold(), id_)
    found = closest(str(value), names, most * 3)
    return list(dict.fromkeys(names[name] for name in found))[:most]


def data_ids(site: Site, name: str, value: object, lang: str, prefix: str = "") -> list[str]:
    """The ids of data/<name>.yml closest to a wrong value, each with the title the site shows in
    lang: `poverta` (Povertà), or `theme=poverta` (Povertà) with a prefix. A value is compared with
    the ids and with the titles in every language and the short names, which an editor may have
    copied from a page."""
    items = [item for item in site.items(name) if isinstance(item.get("id"), str)]
    labels = {item["id"]: [*_titles(item).values(), str(item.get("short") or "")] for item in items}
    titles = {item["id"]: _titles(item).get(lang, "") for item in items}
    return [shown(prefix + id_, titles[id_]) for id_ in closest_ids(value, labels)]


def _titles(item: dict) -> dict[str, str]:
    title = item.get("title")
    return {lang: str(text) for lang, text in title.items()} if isinstance(title, dict) else {}


def shown(value: str, label: str = "") -> str:
    """A suggested value as the editor writes it, with the label the site shows when it differs:
    `poverta` (Povertà)."""
    return f"`{value}` ({label})" if label and label != value else f"`{value}`"


def did_you_mean(options: list[str], fix: str) -> str:
    """The fix of a message, led by the suggestions when there are some (options already worded,
    e.g. by shown())."""
    if not options:
        return fix
    listed = (
        options[0]
        if len(options) == 1
        else say("{some} or {last}", some=", ".join(options[:-1]), last=options[-1])
    )
    return say("did you mean {options}? Otherwise {fix}", options=listed, fix=fix)
