"""No scripts, inline event handlers or javascript: addresses in Markdown."""

from __future__ import annotations

import re

from ..errors import Problem
from ..model import Site

UNSAFE = (
    (re.compile(r"<\s*script\b", re.I), "a <script> tag",
     "remove it: pages cannot run scripts; ask a developer for an interactive element"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "an inline event handler (on…=)",
     "remove the on…= attribute from the HTML tag"),
    (re.compile(r"javascript\s*:", re.I), "a javascript: address", "link to a page or a https:// address"),
    (re.compile(r"<\s*(iframe|object|embed)\b", re.I), "an embedded frame or object",
     "link to the content instead of embedding it"),
)


def check(site: Site, today) -> list[Problem]:
    problems = []
    for source in site.sources:
        # cheap needles first: most pages have no HTML and no javascript at all
        if not source.ok or ("<" not in source.body and "javascript" not in source.body.lower()):
            continue
        for number, text in enumerate(source.body.split("\n"), start=source.body_line):
            for pattern, what, fix in UNSAFE:
                if pattern.search(text):
                    problems.append(Problem(source.rel, number, "unsafe-html", f"the text contains {what}", fix))
    return problems
