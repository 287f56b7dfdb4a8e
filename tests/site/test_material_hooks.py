"""Our stylesheet and scripts style and find Material's elements by its class names (`.md-…`): when
a Material release renames or drops one, the rule silently stops applying. Every such class must
still be in the built pages' markup, or in Material's own script and stylesheet (the classes it adds
at run time, such as the offline copy's search results'). ARCHITECTURE.md ("What we take from
Material") lists the other ties."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..conftest import REPO

OURS = REPO / "scripts" / "cittamedie" / "site" / "overrides" / "assets"
MATERIAL_CLASS = re.compile(r"\.(md-[a-z0-9_-]+)")


class _Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "class" and value:
                self.found.update(value.split())


def material_classes_we_name() -> dict[str, set[str]]:
    named: dict[str, set[str]] = {}
    for path in [*OURS.rglob("*.css"), *OURS.rglob("*.js")]:
        if "shim" in path.name:  # a vendored file, not ours
            continue
        for name in MATERIAL_CLASS.findall(path.read_text("utf-8")):
            named.setdefault(name, set()).add(path.name)
    return named


def test_every_material_class_our_css_and_scripts_name_is_still_material_s(built_site: Path):
    classes = _Classes()
    for page in built_site.rglob("*.html"):
        classes.feed(page.read_text("utf-8"))
    assets = built_site / "assets"
    material = "".join(  # its script (classes it adds at run time) and its stylesheet
        path.read_text("utf-8")
        for path in [
            *(assets / "javascripts").glob("bundle.*.min.js"),
            *(assets / "stylesheets").glob("main.*.min.css"),
        ]
    )
    named = material_classes_we_name()
    assert len(named) > 10
    missing = {
        name: sorted(files)
        for name, files in named.items()
        if name not in classes.found and name not in material
    }
    assert not missing, f"Material no longer has these classes our files name: {missing}"
