"""Two built sites compared file by file, for a change that should not change what is published.

    .venv/bin/python scripts/compare_sites.py BEFORE AFTER            # a line per kind of result
    .venv/bin/python scripts/compare_sites.py BEFORE AFTER --show 5   # and the first differences
    .venv/bin/python scripts/compare_sites.py BEFORE AFTER --asset-versions   # `?v=` hashes set aside

Each file is one of: identical (bytes); same markup (HTML: the same elements, attributes and text
once white space is folded and character references are read: what a browser and a screen reader
get); same text (PDF: the text of every page, through pypdf); differs; only in one site. Files
that carry the build's time (the calendar, the sitemap's gzip copy, the zip: the commit's time,
history/stamp.py) or change at every build (Pagefind's filters and metadata) are compared by name
only. Two builds of one commit are compared byte for byte by compare_builds.py. Prints figures; exit 0 whatever it finds (a report, not a test).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ASSET_VERSION = re.compile(r"\?v=[0-9a-f]{10}")
EVERY_BUILD = (
    "pagefind/",
    "offline/",
    "calendario.ics",
    "sitemap.xml.gz",
)  # differ between builds of two commits (Pagefind's: of one commit too)


class _Tokens(HTMLParser):
    def __init__(self, asset_versions: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.asset_versions = asset_versions
        self.tokens: list[str] = []
        self.text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.tokens.append(f"text {text}")
        self.text = []

    def handle_starttag(self, tag, attrs):
        self._flush()
        shown = " ".join(f'{name}="{self.value(value)}"' for name, value in sorted(attrs))
        self.tokens.append(f"<{tag} {shown}>".replace(" >", ">"))

    def value(self, value: str | None) -> str:
        value = " ".join((value or "").split())
        return ASSET_VERSION.sub("?v=…", value) if self.asset_versions else value

    def handle_endtag(self, tag):
        self._flush()
        self.tokens.append(f"</{tag}>")

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self._flush()


def markup(path: Path, asset_versions: bool = False) -> list[str]:
    parser = _Tokens(asset_versions)
    parser.feed(path.read_text("utf-8", errors="replace"))
    parser.close()
    parser._flush()
    return parser.tokens


def pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def compare(before: Path, after: Path, show: int, asset_versions: bool = False) -> int:
    names = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    results: dict[str, list[str]] = {}
    details: list[str] = []
    for name in sorted(names):
        old, new = before / name, after / name
        if not old.is_file() or not new.is_file():
            kind = "only before" if old.is_file() else "only after"
        elif name.startswith(EVERY_BUILD) or name in EVERY_BUILD:
            kind = "changes at every build (not compared)"
        elif old.read_bytes() == new.read_bytes():
            kind = "identical"
        elif name.endswith(".html"):
            a, b = markup(old, asset_versions), markup(new, asset_versions)
            kind = "same markup" if a == b else "differs (markup)"
            if a != b:
                details.append(_diff(name, a, b))
        elif name.endswith(".pdf"):
            a, b = pdf_text(old), pdf_text(new)
            kind = "same text (pdf)" if a == b else "differs (pdf text)"
            if a != b:
                details.append(_diff(name, a, b))
        else:
            kind = "differs (bytes)"
            if name.endswith((".json", ".xml", ".csv", ".js", ".css", ".txt")):
                details.append(
                    _diff(
                        name,
                        old.read_text("utf-8", "replace").split("\n"),
                        new.read_text("utf-8", "replace").split("\n"),
                    )
                )
        results.setdefault(kind, []).append(name)
    for kind, found in sorted(results.items()):
        listed = (
            ""
            if kind in ("identical", "same markup", "same text (pdf)")
            else ": " + ", ".join(found[:12])
        )
        more = f" … (+{len(found) - 12})" if len(found) > 12 and listed else ""
        print(f"{len(found):5}  {kind}{listed}{more}")
    for detail in details[:show]:
        print("\n" + detail)
    return 0


def _diff(name: str, a: list[str], b: list[str]) -> str:
    lines = list(difflib.unified_diff(a, b, f"before/{name}", f"after/{name}", n=1, lineterm=""))
    return "\n".join(lines[:40] + ([f"… {len(lines) - 40} more lines"] if len(lines) > 40 else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print the first N differences")
    parser.add_argument(
        "--asset-versions",
        action="store_true",
        help="set aside the `?v=` hashes of our assets "
        "(the assets themselves are compared as files)",
    )
    args = parser.parse_args(argv)
    return compare(args.before, args.after, args.show, args.asset_versions)


if __name__ == "__main__":
    sys.exit(main())
