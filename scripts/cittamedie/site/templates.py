"""The Jinja environment of the parts the build generates (site/parts/*.html, beside the modules
that fill them): autoescape on, so every value from the content is escaped for HTML unless a
module hands over Markup it made with this environment.

Templates read the interface strings with t(), which escapes the string and every value put into
it (a value that is Markup, such as a <time> or a link, is kept as it is).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..content import strings
from ..content.languages import href
from ..markup.furniture import without_invisible

FOLDER = Path(__file__).parent


@cache  # package data: the templates are the same for the life of the process, compiled once
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_plain,
    )
    env.globals.update(t=t, href=href)
    env.filters.update(date=strings.date, euro=strings.euro, number=strings.number, host=host)
    return env


def host(url: str) -> str:
    """How a link to another site names it: its host, less www. (pnmetroplus.it)."""
    return url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")


def t(key: str, lang: str, **values) -> Markup:
    """An interface string in lang, escaped, with values put in (escaped unless Markup)."""
    text = strings.t(key, lang)
    return Markup(escape(text)).format(**values) if values else Markup(escape(text))


def _plain(value):
    """Every plain string a template prints loses its invisible characters (the validator refuses
    them in plain-text fields, so only a build with validation off meets one); Markup, HTML the
    build made or cleaned, is printed as it is."""
    return without_invisible(value) if type(value) is str else value


def macro(env: jinja2.Environment, template: str, name: str):
    """A macro of a template, to call from Python: its result is Markup."""
    return getattr(env.get_template(template).module, name)
