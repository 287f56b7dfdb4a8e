"""The house's rules, read from the package's source (scripts/house.py reads it; ARCHITECTURE.md
explains them): imports run one way, down the layers; no module keeps state; modules stay small;
the parts of pages are written by templates, not by Python strings."""

from __future__ import annotations

import sys

from ..conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import house  # noqa: E402  (scripts/ is not a package: the figures script beside bench.py)

FOUND = house.survey()
MAX_LINES = 320  # "about 300": a module past it has two jobs
# functools caches of package data (strings.yml, allowlist.yml, the schemas, the parts' templates):
# the same for the life of the process, whatever is built; nothing of a build is kept in a module.
PACKAGE_DATA_CACHES = {
    ("strings.py", "@cache _strings"),
    ("policy.py", "@cache policy"),
    ("furniture.py", "@cache _data"),
    ("sanitize.py", "@cache _cleaner"),
    ("schema.py", "@cache _validator"),
    ("schema.py", "@cache _quick_check"),
    ("templates.py", "@cache environment"),
    ("images.py", "@cache limits"),  # image-limits.yml
    ("messages.py", "@cache catalogue"),  # locale/<lang>/*.po
}
OUTPUT_LAYERS = ("cittamedie.site", "cittamedie.exports", "cittamedie.tools")


def test_imports_run_one_way_down_the_layers():
    assert FOUND["circles"] == []
    assert FOUND["upward"] == []  # e.g. the validator (rules) never imports page building (site)


def test_no_import_hides_inside_a_function():
    """The CLI imports each command's modules when it runs it; nothing else dodges an import."""
    assert FOUND["lazy"] == []


def test_every_module_belongs_to_a_folder_of_the_house():
    loose = [name for name in house.modules() if house.layer(name) == len(house.LAYERS)]
    assert sorted(loose) == ["cittamedie", "cittamedie.__main__"]


def test_no_module_keeps_state_but_caches_of_package_data():
    """A cache is named by file and function: a new one is a decision to look at."""
    found = {(finding.split(":")[0], finding.split(" ", 1)[1]) for finding in FOUND["state"]}
    assert found == PACKAGE_DATA_CACHES


def test_modules_stay_small():
    largest, lines = FOUND["largest"][0]
    assert lines <= MAX_LINES, f"{largest} has {lines} lines: split it by job"


def test_pages_parts_are_written_by_templates_not_python_strings():
    strings = {
        name: lines for name, lines in FOUND["html"].items() if name.startswith(OUTPUT_LAYERS)
    }
    assert strings == {}, "write the HTML in a template beside the module (site/parts/*.html)"
