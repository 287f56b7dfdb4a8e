"""Every regular expression of the package against 100 kB adversarial inputs: none backtracks.

A pattern with catastrophic backtracking takes minutes on these (the heading and link patterns
this replaced took over 100 s); a linear one takes milliseconds. The budget is a hang detector,
generous enough for a loaded machine, not a speed test."""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal

import pytest

import cittamedie
from cittamedie.markup import policy

BUDGET = 5  # seconds per pattern and input

ADVERSARIAL = {
    "brackets": "[" * 100_000,
    "link-openers": "](" * 50_000,
    "angles": "a<" * 50_000,
    "heading-ids": "## " + "{#a" * 33_000,
    "spaces": " " * 100_000 + "x",
    "tabs-and-spaces": " \t" * 50_000,
    "backticks": "`a" * 50_000,
    "quotes": '"' * 100_000,
    "dashes": "-" * 100_000,
    "comment": "<!-- cittamedie:" + "a " * 50_000,
    "entities": "&#" * 50_000,
    "letters": "a" * 100_000 + "!",
    "newlines": "\n " * 50_000,
    "script-config": '<script id="__config" type="application/json">{' + '"a": "' * 20_000,
}


def _patterns() -> list[tuple[str, re.Pattern]]:
    found = []
    for info in pkgutil.walk_packages(cittamedie.__path__, "cittamedie."):
        if ".hooks" in info.name:
            continue
        module = importlib.import_module(info.name)
        found += [
            (f"{info.name}.{name}", value)
            for name, value in vars(module).items()
            if isinstance(value, re.Pattern)
        ]
    allowlist = policy.policy()
    found += [(f"allowlist.patterns.{name}", p) for name, p in allowlist["compiled"].items()]
    found += [(f"allowlist.classes.{n}", p) for n, p in enumerate(allowlist["class_patterns"])]
    found += [
        (f"allowlist.content.classes.{n}", p)
        for n, p in enumerate(allowlist["content"]["class_patterns"])
    ]
    return found


PATTERNS = _patterns()


def test_the_package_has_patterns_to_check():
    names = {name for name, _ in PATTERNS}
    assert {"cittamedie.rules.links.TARGET", "cittamedie.site.markers.MARKER"} <= names


class _Hang(Exception):
    pass


def _expire(signum, frame):
    raise _Hang


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_is_linear_on_adversarial_input(name, pattern):
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        for label, text in ADVERSARIAL.items():
            signal.setitimer(signal.ITIMER_REAL, BUDGET)
            try:
                pattern.search(text)
                sum(1 for _ in pattern.finditer(text))
                pattern.fullmatch(text)
            except _Hang:
                pytest.fail(f"{name} did not return within {BUDGET} s on {label} (100 kB)")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
