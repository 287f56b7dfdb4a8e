"""Material's templates changed in place (cittamedie/site/material-patches.yml, applied by
theme.PatchedLoader): every patch applies to the installed Material, so that a Material upgrade that
moves a patched line fails here, naming the template and the patch, as well as stopping the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import material
import pytest
from mkdocs.theme import Theme

from cittamedie.content.problems import ContentError
from cittamedie.site import theme

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = Path(theme.__file__).parent / "overrides"
ALL = [
    (f"{template}#{number}", patch)
    for template, patches in theme.PATCHES.items()
    for number, patch in enumerate(patches, 1)
]


@pytest.mark.parametrize("patch", [patch for _, patch in ALL], ids=[name for name, _ in ALL])
def test_each_patch_applies_to_the_installed_material(patch):
    found = (MATERIAL / patch.template).read_text("utf-8").count(patch.old)
    assert found == patch.count, (
        f"Material's {patch.template} contains `{patch.old}` {found} time(s), not {patch.count}; "
        f"the patch was for: {patch.why}"
    )


def test_a_patched_template_is_not_also_copied_into_the_overrides():
    """A copy in custom_dir would be what the patches apply to, and would drift from Material's."""
    assert [template for template in theme.PATCHES if (OVERRIDES / template).exists()] == []


def test_the_patched_templates_compile():
    # the environment as MkDocs builds it: Material's filters, our overrides first
    env = theme.patch(Theme(name="material", custom_dir=str(OVERRIDES)).get_env())
    for template in theme.PATCHES:
        env.get_template(template)  # a `new` that breaks Jinja's syntax raises TemplateSyntaxError


def test_a_patch_that_no_longer_applies_stops_the_build_naming_the_template(monkeypatch):
    stale = theme.Patch(
        "partials/toc.html", "a line Material no longer has", "<nav class=missing>", ""
    )
    monkeypatch.setitem(theme.PATCHES, "partials/toc.html", [stale])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(OVERRIDES), str(MATERIAL)]))
    with pytest.raises(
        ContentError, match=r"partials/toc\.html contains `<nav class=missing>` 0 time"
    ):
        theme.patch(env)


def test_compiled_templates_are_cached_by_their_source(tmp_path, monkeypatch):
    """A new environment per build, as MkDocs makes them: the second reads the compiled template
    from .cache/jinja/ without compiling it, and a template edited in between (say under
    `make serve`) is compiled again."""
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    compiled = []
    compile_source = jinja2.Environment.compile

    def counting(env, source, *args, **kwargs):
        compiled.append(source)
        return compile_source(env, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)

    def rendered() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "templates")))
        theme.compile_once(env, tmp_path)
        return env.get_template("page.html").render(name="Bari")

    page.write_text("<p>{{ name }}</p>", "utf-8")
    assert (rendered(), len(compiled)) == ("<p>Bari</p>", 1)
    assert (rendered(), len(compiled)) == ("<p>Bari</p>", 1)  # from the cache
    page.write_text("<h1>{{ name }}</h1>", "utf-8")
    assert (rendered(), len(compiled)) == ("<h1>Bari</h1>", 2)


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(tmp_path):
    def rendered() -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<p>{{ name }}</p>"}))
        theme.compile_once(env, tmp_path)
        if (tmp_path / ".cache").is_dir():  # gone before the entry is written (disk full, say)
            shutil.rmtree(tmp_path / ".cache")
        return env.get_template("page.html").render(name="Bari")

    assert rendered() == "<p>Bari</p>"
    (tmp_path / ".cache").write_text("a file where the folder would go", "utf-8")
    assert rendered() == "<p>Bari</p>"
