"""Material's markup that no block reaches, changed in its template source; our assets'
addresses, versioned by content.

Where main.html has no block for a line of Material's (base.html's toggles, the header's search
slot, the table of contents' title, the breadcrumbs' name, the menu's attributes), the loader below
hands Jinja Material's template with the few strings of material-patches.yml replaced: once per
build, not per page, and without a copy of the whole template that drifts from Material's. A patch
that no longer matches (Material changed) stops the build and names the template, instead of
publishing invalid HTML or silently doing nothing.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import jinja2
import yaml

from ..content.messages import say
from ..content.problems import ContentError, Problem

# ---------------------------------------------------------------- Public functions


def compile_once(env: jinja2.Environment, root: Path) -> None:
    """Jinja's own bytecode cache in .cache/jinja/: MkDocs makes a new environment for each build
    and language, so without it every rebuild under `mkdocs serve` compiles Material's templates
    again (about a third of a second). A template's entry is keyed by its name, file and source
    (after our patches), so an edited template is compiled again; the cache only ever saves time."""
    directory = root / ".cache" / "jinja"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout: build without the cache
        return
    env.bytecode_cache = _QuietBytecodeCache(str(directory))


def patch(env: jinja2.Environment) -> jinja2.Environment:
    if not isinstance(env.loader, PatchedLoader):
        env.loader = PatchedLoader(env.loader)
        if env.cache is not None:
            env.cache.clear()
        # each patch checked now (in on_env: an editor message), not mid-render (a traceback)
        for template in PATCHES:
            env.loader.get_source(env, template)
    return env


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be written (disk full, permissions) costs time, never the build."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


class Patch(NamedTuple):
    """One string replacement in a template of Material's (material-patches.yml)."""

    template: str
    why: str
    old: str
    new: str
    count: int = 1


class PatchedLoader(jinja2.BaseLoader):
    """Material's loader, with PATCHES applied to the source of the templates they name."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        for patch in PATCHES.get(template, ()):
            found = source.count(patch.old)
            if found != patch.count:
                raise ContentError(
                    [
                        Problem(
                            filename or template,
                            1,
                            "theme",
                            say(
                                "Material's {template} contains `{old}` {found} time(s), not "
                                "{count}; the patch was for: {why}",
                                template=template,
                                old=patch.old,
                                found=found,
                                count=patch.count,
                                why=patch.why,
                            ),
                            say(
                                "update cittamedie/site/{file} for this Material version",
                                file=PATCH_FILE,
                            ),
                        )
                    ]
                )
            source = source.replace(patch.old, patch.new)
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


def _patches(text: str) -> dict[str, list[Patch]]:
    patches: dict[str, list[Patch]] = {}
    for entry in yaml.safe_load(text):
        patch = Patch(**entry)  # a missing or unknown key is a TypeError naming it
        patches.setdefault(patch.template, []).append(patch)
    return patches


# ---------------------------------------------------------------- Data

PATCH_FILE = "material-patches.yml"
PATCHES: dict[str, list[Patch]] = _patches(
    (resources.files(__package__) / PATCH_FILE).read_text("utf-8")
)
