"""Material's markup that no block or partial reaches, changed once in its template source;
our assets' addresses, versioned by content.

Material's base.html writes the drawer and search toggles as checkboxes with autocomplete="off",
which HTML allows on text-like inputs only (an error for the Nu Html Checker); they sit outside
every block, so neither main.html nor a partial can change them, and rewriting each rendered page
would cost a pass over every page. The loader below hands Jinja base.html with the attribute
removed: once per build, not per page. A patch that no longer matches (Material changed) stops
the build and names the template, instead of publishing invalid HTML or silently doing nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from ..content.problems import ContentError, Problem

# ---------------------------------------------------------------- Public functions


def patch(env: jinja2.Environment) -> jinja2.Environment:
    if not isinstance(env.loader, PatchedLoader):
        env.loader = PatchedLoader(env.loader)
        if env.cache is not None:
            env.cache.clear()
    return env


class PatchedLoader(jinja2.BaseLoader):
    """Material's loader, with PATCHES applied to the source of the templates they name."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        for old, new in PATCHES.get(template, ()):
            if source.count(old) != 1:
                raise ContentError(
                    [
                        Problem(
                            filename or template,
                            1,
                            "theme",
                            f"Material's {template} no longer contains `{old}` once",
                            "update cittamedie/theme.py PATCHES for this Material version",
                        )
                    ]
                )
            source = source.replace(old, new)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


def version_assets(config) -> None:
    """Our own stylesheet and script under a content hash (`?v=…`): a static host can then cache
    assets for a year (a repeat visit fetches only the page; Material's files carry a hash in their
    names already), and a changed file still reaches every reader at once."""
    folder = Path(config.theme.custom_dir or ".")
    for option in ("extra_css", "extra_javascript"):
        config[option] = [_versioned(item, folder) for item in config[option]]


# ---------------------------------------------------------------- Helper functions


def _versioned(item, folder: Path):
    path = str(getattr(item, "path", item))
    if "?" in path or "://" in path or not (folder / path).is_file():
        return item
    versioned = f"{path}?v={hashlib.sha256((folder / path).read_bytes()).hexdigest()[:10]}"
    if isinstance(item, str):
        return versioned
    item.path = versioned
    return item


# ---------------------------------------------------------------- Data

PATCHES: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
        ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    ],
}
