"""Markdown reports for GitHub's job summaries and issues (changes.py, linkcheck.py), from the
Jinja templates in templates/reports/. GitHub renders HTML inside Markdown, so values are
HTML-escaped (autoescape); in a table cell, pipes, backticks and line ends are escaped too."""

from __future__ import annotations

from importlib import resources

import jinja2
from markupsafe import Markup, escape

REPORTS = resources.files(__package__) / "templates" / "reports"


def render(name: str, **values) -> str:
    env = jinja2.Environment(
        autoescape=True, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["cell"] = cell
    return env.from_string((REPORTS / name).read_text("utf-8")).render(**values)


def cell(text) -> Markup:
    """Text in a Markdown table cell."""
    return Markup(str(escape(text)).replace("|", "&#124;").replace("`", "&#96;").replace("\n", " "))
