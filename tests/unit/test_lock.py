"""The lock, requirements.txt (pip-compile's output, `make lock`): every package pinned with its
hashes, in step with pyproject.toml, closed under dependencies, and installed by the Makefile with
pip's hash checking. No network: the lock is compared with pyproject.toml's requirements and with
the installed packages' own metadata (the environment `make` installed from this lock)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import metadata

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..conftest import REPO

LOCK = REPO / "requirements.txt"
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
FIX = "run `make lock` and commit requirements.txt with pyproject.toml"


@dataclass
class Locked:
    version: str
    hashes: int = 0
    via: list[str] = field(default_factory=list)


def read_lock() -> dict[str, Locked]:
    """Package (canonical name) → its pin, hash count and `# via` annotations."""
    locked: dict[str, Locked] = {}
    current = None
    for line in LOCK.read_text("utf-8").splitlines():
        pin = PIN.match(line)
        if pin:
            current = locked.setdefault(canonicalize_name(pin[1]), Locked(pin[2]))
        elif line.strip().startswith("--hash=") and current:
            current.hashes += len(HASH.findall(line))
        elif line.startswith("    #") and current:
            text = line.strip("# ")  # `# via a`, or `# via` and then `#   a` a line each
            via = "" if text == "via" else text.removeprefix("via ")
            if via:
                current.via.append(via)
        elif line and not line.startswith("#"):
            pytest.fail(f"requirements.txt: a line that is not a pinned package: {line!r}")
    return locked


def direct() -> dict[str, list[Requirement]]:
    """pyproject.toml's requirements by where they are written."""
    return {
        "cittamedie (pyproject.toml)": [
            Requirement(text)
            for text in PROJECT["project"]["dependencies"]
            + PROJECT["project"]["optional-dependencies"]["test"]
        ],
        "cittamedie (pyproject.toml::build-system.requires)": [
            Requirement(text) for text in PROJECT["build-system"]["requires"]
        ],
    }


def test_every_package_is_pinned_with_its_hashes():
    locked = read_lock()
    assert len(locked) > 50
    unhashed = sorted(name for name, pin in locked.items() if not pin.hashes)
    assert not unhashed, f"requirements.txt: no hash for {unhashed}: {FIX}"


def test_the_lock_pins_what_pyproject_asks_and_nothing_it_dropped():
    locked = read_lock()
    for source, requirements in direct().items():
        for requirement in requirements:
            name = canonicalize_name(requirement.name)
            assert name in locked, f"{requirement} is not in requirements.txt: {FIX}"
            version = locked[name].version
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements.txt pins {name}=={version}, pyproject.toml asks {requirement}: {FIX}"
            )
            assert source in locked[name].via, (name, source)
        asked = {canonicalize_name(r.name) for r in requirements}
        said = {name for name, pin in locked.items() if source in pin.via}
        assert said == asked, f"requirements.txt was made from another pyproject.toml: {FIX}"


def test_the_lock_is_closed_and_is_what_is_installed():
    """Each locked package's own requirements (as its installed metadata states them, extras
    pyproject.toml asks included) are locked too, at a version they accept."""
    locked = read_lock()
    extras = {
        canonicalize_name(r.name): set(r.extras)
        for requirements in direct().values()
        for r in requirements
    }
    environment = default_environment()
    for name, pin in locked.items():
        installed = metadata.version(name)
        assert installed == pin.version, (
            f"{name} {installed} is installed, requirements.txt locks {pin.version}: run `make`"
        )
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            wanted = [{**environment, "extra": extra} for extra in {"", *extras.get(name, ())}]
            if requirement.marker and not any(requirement.marker.evaluate(e) for e in wanted):
                continue
            needed = canonicalize_name(requirement.name)
            assert needed in locked, f"{name} needs {requirement}, not in requirements.txt: {FIX}"
            assert requirement.specifier.contains(locked[needed].version, prereleases=True), (
                name,
                requirement,
            )


def test_the_makefile_installs_the_lock_with_hashes_and_makes_it_as_its_header_says():
    makefile = (REPO / "Makefile").read_text("utf-8")
    recipe = re.search(r"^\$\(STAMP\): (.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "requirements.txt" in recipe[1].split()
    lines = recipe[2].splitlines()
    assert "\t$(BIN)/pip install --quiet --require-hashes -r requirements.txt" in lines
    # the project alone, built by the locked setuptools: nothing unlocked comes in with it
    assert "\t$(BIN)/pip install --quiet --no-deps --no-build-isolation -e ." in lines
    command = re.search(r"^LOCK = (.*)$", makefile, re.M)[1]
    header = re.search(r"^#    (pip-compile .*)$", LOCK.read_text("utf-8"), re.M)[1]
    assert header == command, (
        f"requirements.txt was made by another command than `make lock`: {FIX}"
    )
