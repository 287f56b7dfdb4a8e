"""Dates in sentences, and the dates a page's script checks again in the reader's browser.

A static page outlives its build: a consultation closes, a review date passes, an event is over.
The build writes the text that is true on the day of the build, with each date in a
`<time datetime>`; cittamedie.js reads those dates and shows the sentence true today (as GOV.UK's
tech docs expire pages: STYLE.md, section 5). Both sides compare ISO dates (YYYY-MM-DD) as text.
"""

from __future__ import annotations

import datetime as dt

from ..content.strings import date, esc, t

# Italian drops the article's vowel before a day said with a vowel: "l'8 marzo", "dall'11 aprile".
_ELIDED = {"il ": "l'", "al ": "all'", "dal ": "dall'", "del ": "dell'"}
_VOWEL_DAYS = (8, 11)
CONSULTATION_STATES = ("before", "open", "closed")


def today() -> str:
    """The build's date, ISO."""
    return dt.date.today().isoformat()


def time_tag(iso: str, lang: str, css: str = "") -> str:
    """`<time datetime="2027-01-10">10 gennaio 2027</time>`, with an optional class."""
    attr = f' class="{css}"' if css else ""
    return f'<time{attr} datetime="{esc(iso)}">{date(iso, lang)}</time>'


def dated(key: str, lang: str, **dates: str | tuple[str, str]) -> str:
    """The interface string `key` with each {name} replaced by a <time> of the ISO date given
    (or of (date, class)), its Italian article elided where the day needs it. Other values of
    the string are not allowed: the result is HTML."""
    template = t(key, lang)
    tags = {}
    for name, value in dates.items():
        iso, css = value if isinstance(value, tuple) else (value, "")
        if lang == "it" and int(iso[8:10]) in _VOWEL_DAYS:
            for article, elided in _ELIDED.items():  # "dal " before "al ": each is looked for whole
                template = template.replace(f" {article}{{{name}}}", f" {elided}{{{name}}}")
        tags[name] = time_tag(iso, lang, css)
    return template.format(**tags)


def consultation_state(opens: str, closes: str, on: str) -> str:
    """before | open | closed on the ISO day `on` (opens and closes are both days of the consultation)."""
    if on < opens:
        return "before"
    return "open" if on <= closes else "closed"


def consultation_banner(consultation: dict, lang: str, on: str | None = None) -> str:
    """The consultation's paragraph of a document banner: the three sentences (not yet open, open
    until…, closed on…), the one true on the day of the build shown, the others hidden until the
    script finds them true; how to send comments, hidden once closed."""
    opens, closes = consultation["opens"], consultation["closes"]
    state = consultation_state(opens, closes, on or today())
    dates = {"opens": (opens, "cm-opens"), "closes": (closes, "cm-closes")}
    spans = "".join(
        f'<span class="cm-consultation-{name}"{"" if name == state else " hidden"}>'
        f"{dated(f'consultation.{name}', lang, **dates)}</span>"
        for name in CONSULTATION_STATES
    )
    channel = esc(consultation["channel"][lang])
    if consultation.get("url"):
        channel = f'<a href="{esc(consultation["url"])}">{channel}</a>'
    how = t("consultation.channel", lang).format(channel=channel)
    hidden = " hidden" if state == "closed" else ""
    return (
        f'<div class="cm-consultation"><p class="cm-consultation-state">{spans}</p>'
        f'<p class="cm-consultation-before cm-consultation-open"{hidden}>{how}</p></div>'
    )
