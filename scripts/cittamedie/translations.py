"""Missing and stale translations, and marking a translation current after review."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem
from .load import front_matter_end
from .model import SOURCE_LANGUAGE, Site, split_language

MARK = re.compile(r"^translated_from:.*$", re.M)


def status(site: Site) -> list[tuple[str, str, str]]:
    """(state, Italian file, English file) for every page that is not current."""
    rows = []
    for key in site.keys():
        it, en = site.get(key, SOURCE_LANGUAGE), site.get(key, "en")
        if it is None or not it.ok:
            continue
        if en is None:
            state = "untranslated" if "untranslated" in it.meta else "missing"
            rows.append((state, it.rel, it.rel.removesuffix(".md") + ".en.md"))
        elif en.ok and en.meta.get("translated_from") != it.body_hash():
            rows.append(("stale" if en.meta.get("translated_from") else "unmarked", it.rel, en.rel))
    return rows


def mark_current(site: Site, english_file: str) -> Problem | None:
    """Write the Italian text's fingerprint into the English file's front matter, nothing else."""
    path = (Path.cwd() / english_file).resolve()
    match = next((s for s in site.sources if s.lang == "en" and s.path.resolve() == path), None)
    if match is None:
        return Problem(english_file, 0, "usage", "this is not an English page of the site",
                       "give the path of a .en.md file, e.g. good-practices/ba-urbis.en.md")
    italian = site.get(split_language(match.uri)[0], SOURCE_LANGUAGE)
    if italian is None or not (italian.ok and match.ok):
        return Problem(match.rel, 1, "usage", "the page or its Italian original has errors",
                       "fix what `cittamedie validate` reports first")
    raw = match.path.read_bytes().decode("utf-8")
    bom, text = ("\ufeff", raw[1:]) if raw.startswith("\ufeff") else ("", raw)
    newline = "\r\n" if "\r\n" in text else "\n"  # the editor's line ends are kept
    lines = text.replace("\r\n", "\n").split("\n")
    end, problem = front_matter_end(lines, match.rel)  # the validator's own splitter: same header
    if problem:
        return problem
    line = f"translated_from: {italian.body_hash()}"
    marks = [i for i in range(1, end) if MARK.match(lines[i])]
    if marks:
        lines[marks[0]] = line
    else:
        lines.insert(end, line)
    match.path.write_bytes((bom + newline.join(lines)).encode("utf-8"))
    return None
