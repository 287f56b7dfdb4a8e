"""Two builds of one commit compared byte for byte: are they the same site?

    .venv/bin/python scripts/compare_builds.py SITE_A SITE_B

Prints the files and bytes compared, then every difference: a file only in one build, a file
whose bytes differ (inside a zip, the entries that differ). Differences that come from an upstream
tool and cannot be fixed on our side are named with their upstream issue (UPSTREAM) and counted
apart. Exit 0 when every difference is one of those, 1 otherwise. tests/site/test_reproducible.py
runs it on two builds; compare_sites.py is the other comparison, of two commits' sites, by markup.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# Pagefind 1.5.2 writes its filter indexes and its metadata from hash maps, in an order that changes
# from run to run, and names them by the hash of their bytes (the entry file lists those names).
# Its fragments and word indexes are stable since 1.3.0. The search answers the same.
PAGEFIND = "https://github.com/Pagefind/pagefind/issues/638"
UPSTREAM = {
    "pagefind/filter/*.pf_filter": PAGEFIND,
    "pagefind/pagefind.*.pf_meta": PAGEFIND,
    "pagefind/pagefind-entry.json": PAGEFIND,
}


@dataclass
class Comparison:
    files: int = 0
    bytes: int = 0
    differences: list[str] = field(default_factory=list)  # ours to explain
    upstream: dict[str, str] = field(default_factory=dict)  # path → the upstream issue


def upstream_issue(path: str) -> str | None:
    return next(
        (issue for pattern, issue in UPSTREAM.items() if fnmatch.fnmatch(path, pattern)), None
    )


def compare(one: Path, two: Path) -> Comparison:
    found = Comparison()
    names = {
        path.relative_to(root).as_posix()
        for root in (one, two)
        for path in root.rglob("*")
        if path.is_file()
    }
    for name in sorted(names):
        a, b = one / name, two / name
        if not (a.is_file() and b.is_file()):
            what = f"{name}: only in {one if a.is_file() else two}"
        else:
            data_a, data_b = a.read_bytes(), b.read_bytes()
            found.files += 1
            found.bytes += len(data_a)
            if data_a == data_b:
                continue
            what = f"{name}: {len(data_a)} and {len(data_b)} bytes differ"
            if zipfile.is_zipfile(a) and zipfile.is_zipfile(b):
                what += "".join(f"\n    {entry}" for entry in _zip_differences(a, b))
        issue = upstream_issue(name)
        if issue:
            found.upstream[name] = issue
        else:
            found.differences.append(what)
    return found


def _zip_differences(a: Path, b: Path) -> list[str]:
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        entries_a = {info.filename: info for info in za.infolist()}
        entries_b = {info.filename: info for info in zb.infolist()}
        found = []
        for name in sorted(entries_a.keys() | entries_b.keys()):
            ia, ib = entries_a.get(name), entries_b.get(name)
            if ia is None or ib is None:
                found.append(f"{name}: in one zip only")
            elif za.read(name) != zb.read(name):
                found.append(f"{name}: contents differ")
            elif (ia.date_time, ia.external_attr) != (ib.date_time, ib.external_attr):
                found.append(f"{name}: date or permissions differ")
        return found or ["the entries are the same; the archive's layout differs"]


def report(found: Comparison) -> str:
    lines = [
        f"{found.files} files, {found.bytes:,} bytes compared: "
        f"{len(found.differences)} differences of ours, {len(found.upstream)} upstream"
    ]
    lines += [f"  {line}" for line in found.differences]
    lines += [f"  upstream: {path} ({issue})" for path, issue in sorted(found.upstream.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("one", type=Path)
    parser.add_argument("two", type=Path)
    args = parser.parse_args(argv)
    found = compare(args.one, args.two)
    print(report(found))
    return 1 if found.differences else 0


if __name__ == "__main__":
    sys.exit(main())
