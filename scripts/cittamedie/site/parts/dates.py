"""Dates in sentences, and the dates a page's script checks again in the reader's browser.

A static page outlives its build: a consultation closes, a review date passes, an event is over.
The build writes the text that is true on the day of the build, with each date in a
`<time datetime>`; cittamedie.js reads those dates and shows the sentence true today (as GOV.UK's
tech docs expire pages). Both sides compare ISO dates (YYYY-MM-DD) as text.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup, escape

from ...content import strings
from ...content.consultations import consultation_state
from ..templates import macro

# Italian drops the article's vowel before a day said with a vowel: "l'8 marzo", "dall'11 aprile".
ELIDED = {"il ": "l'", "al ": "all'", "dal ": "dall'", "del ": "dell'"}
VOWEL_DAYS = (8, 11)
CONSULTATION_STATES = ("before", "open", "closed")


def time_tag(env: jinja2.Environment, iso: str, lang: str, css: str = "") -> Markup:
    """`<time datetime="2027-01-10">10 gennaio 2027</time>`, with an optional class."""
    return macro(env, "parts/common.html", "time")(iso, lang, css)


def dated(env: jinja2.Environment, key: str, lang: str, **dates: str | tuple[str, str]) -> Markup:
    """The interface string `key` with each {name} replaced by a <time> of the ISO date given (or
    of (date, class)), its Italian article elided where the day needs it."""
    template = strings.t(key, lang)
    tags = {}
    for name, value in dates.items():
        iso, css = value if isinstance(value, tuple) else (value, "")
        if (
            lang == "it" and int(iso[8:10]) in VOWEL_DAYS
        ):  # Italian grammar, not the source language
            for article, elided in ELIDED.items():  # "dal " before "al ": each is looked for whole
                template = template.replace(f" {article}{{{name}}}", f" {elided}{{{name}}}")
        tags[name] = time_tag(env, iso, lang, css)
    return Markup(escape(template)).format(**tags)


def consultation(env: jinja2.Environment, block: dict, lang: str, on: str) -> Markup:
    """The consultation's paragraph of a document banner: the three sentences (not yet open, open
    until…, closed on…), the one true on the day of the build shown, the others hidden until the
    script finds them true; how to send comments, hidden once closed."""
    dates = {"opens": (block["opens"], "cm-opens"), "closes": (block["closes"], "cm-closes")}
    sentences = {
        state: dated(env, f"consultation.{state}", lang, **dates) for state in CONSULTATION_STATES
    }
    return macro(env, "parts/banner.html", "consultation")(
        sentences, consultation_state(block["opens"], block["closes"], on), block, lang
    )
