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
# functools caches of package data (strings.yml, allowlist.yml, the schemas): the same for the
# life of the process, whatever is built; nothing of a build is kept in a module.
PACKAGE_DATA_CACHES = {
    "strings.py:13 @cache _strings",
    "sanitize.py:120 @cache _policy",
    "sanitize.py:137 @cache _cleaner",
    "schema.py:59 @cache _validator",
    "schema.py:83 @cache _quick_check",
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
    """A cache is named by file, line and function: a new one is a decision to look at."""
    assert {finding.split(" ", 1)[0].split(":")[0] for finding in FOUND["state"]} <= {
        "strings.py",
        "sanitize.py",
        "schema.py",
    }
    assert {" ".join(finding.split()[1:]) for finding in FOUND["state"]} == {
        " ".join(finding.split()[1:]) for finding in PACKAGE_DATA_CACHES
    }


def test_modules_stay_small():
    largest, lines = FOUND["largest"][0]
    assert lines <= MAX_LINES, f"{largest} has {lines} lines: split it by job"


def test_pages_parts_are_written_by_templates_not_python_strings():
    strings = {
        name: lines for name, lines in FOUND["html"].items() if name.startswith(OUTPUT_LAYERS)
    }
    assert strings == {}, "write the HTML in a template beside the module (site/parts/*.html)"
