"""The hostile corpus: every attack a pull request could carry, applied one at a time to a copy of
the valid tree. The validator must refuse each one with the editor's message
(`path:line: rule: message — fix`, exit 1), and never crash or hang.

Each file tests/fixtures/hostile/<class>.yml holds one attack class:

    inputs:
      - name: onclick-on-paragraph          # unique within the file
        page: {path: docs/x.md, body: …, meta: {title: …}}  # a page with valid front matter (PAGE_META)
        write: {path: content, …}           # whole files, added or replaced
        patch: {path: …, find: …, replace: …}   # or a list of them; `find` must occur
        append: {path: text, …}             # text added at the end of existing files
        symlink: {path: …, target: …}       # or a list; a target starting {outside} leads out of the repository
        commit: 2026-03-01                  # optional, first: the tree committed to a new git repository
                                            # on that day; {head} in any string is that commit's hash
        exit: 1
        messages: [substrings of the validator's output lines, with path and line]
        absent: [strings the output must not contain]   (optional)
        payload: [raw strings that must never reach the built site unescaped]  (optional)
        xfail: "why"                        # optional: a hole the validator does not close yet
        build_xfail: "why"                  # optional: a hole in the hostile site build
        combine: false                      # optional: left out of the combined hostile build

Content is a string, or a list of parts joined together: a string, {repeat: content, times: n},
{staircase: text, indent: text, times: n} (n lines, line i indented by `indent` i times), or
{base64: text} (bytes: a file of any kind, e.g. an image; a value with one is written as bytes). In
any string, {outside} is the folder outside the repository and {generated_header} the header the
build writes at the top of its own pages.
"""

from __future__ import annotations

import base64
import faulthandler
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image, PngImagePlugin

from cittamedie.content.generated import GENERATED_HEADER

from ..conftest import FIXTURES, REPO, validate

HOSTILE = FIXTURES / "hostile"
OUTSIDE_MARKER = "OUTSIDE-THE-REPOSITORY-7c1e9"  # in every file outside the tree: never on the site
# The images outside the tree (segreto.png, segreto.jpg) are this size, which no image of the
# valid tree or of the corpus has: an image of this size in a PDF came from outside.
OUTSIDE_IMAGE_SIZE = (7, 3)
# The front matter of a `page` input, before its own `meta`: valid, and Italian only (no pairing noise).
PAGE_META = {
    "id": None,
    "title": "Pagina di prova",
    "updated": "2026-01-10",
    "untranslated": "pagina di prova",
    "sources": [{"title": "Fonte", "url": "https://example.org/fonte"}],
}
SUBPROCESS_CLASSES = ("resources",)  # big inputs: validated in a child process with a hard timeout
HARD_TIMEOUT = 60  # seconds; far above any real validation (the valid tree takes 0.05 s)


# ---------------------------------------------------------------- The corpus


def corpus() -> list[tuple[str, dict]]:
    """(class, input) for every input of every file, in file order."""
    found = []
    for path in sorted(HOSTILE.glob("*.yml")):
        for item in yaml.safe_load(path.read_text("utf-8"))["inputs"]:
            found.append((path.stem, item))
    return found


def case_params(select=lambda cls, item: True, xfail_key: str = "xfail") -> list:
    """pytest params, one per input, id `class/name`, marked xfail where the corpus says so
    (`xfail` for the validator; the site build reads its own key)."""
    params = []
    for cls, item in corpus():
        if not select(cls, item):
            continue
        marks = (
            [pytest.mark.xfail(reason=item[xfail_key], strict=True)] if item.get(xfail_key) else []
        )
        params.append(pytest.param(cls, item, id=f"{cls}/{item['name']}", marks=marks))
    return params


def content(spec, outside: Path | None = None) -> str | bytes:
    """The text (or bytes) a corpus value stands for (see the module's docstring)."""
    if isinstance(spec, str):
        spec = spec.replace("{generated_header}", GENERATED_HEADER)
        return spec.replace("{outside}", str(outside)) if outside else spec
    if isinstance(spec, dict):
        if "repeat" in spec:
            return content(spec["repeat"], outside) * spec["times"]
        if "staircase" in spec:
            return "\n".join(spec["indent"] * i + spec["staircase"] for i in range(spec["times"]))
        if "base64" in spec:
            return base64.b64decode(spec["base64"])
        raise ValueError(f"unknown content part: {spec}")
    parts = [content(part, outside) for part in spec]
    if any(isinstance(part, bytes) for part in parts):
        return b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)
    return "".join(parts)


def page_text(path: str, body, meta: dict | None = None, outside: Path | None = None) -> str:
    fields = dict(PAGE_META, id=Path(path).name.removesuffix(".md").replace(".", "-").lower())
    fields.update(meta or {})
    header = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n\n{content(body, outside)}\n"


def outside_image(kind: str) -> bytes:
    """A small image of OUTSIDE_IMAGE_SIZE that carries the marker in its metadata."""
    image, out = Image.new("RGB", OUTSIDE_IMAGE_SIZE, (200, 30, 30)), io.BytesIO()
    if kind == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", OUTSIDE_MARKER)
        image.save(out, kind, pnginfo=info)
    else:
        image.save(out, kind, comment=OUTSIDE_MARKER.encode())
    return out.getvalue()


def make_outside(base: Path) -> Path:
    """A folder outside the repository, with a page, a text file and a folder that carry the marker."""
    outside = base / "outside"
    (outside / "folder").mkdir(parents=True, exist_ok=True)
    page = page_text("segreto.md", f"{OUTSIDE_MARKER} in a page.")
    (outside / "segreto.md").write_text(page, "utf-8")
    (outside / "segreto.txt").write_text(f"{OUTSIDE_MARKER} in a text file.\n", "utf-8")
    (outside / "folder" / "interno.md").write_text(page, "utf-8")
    (outside / "folder" / "interno.txt").write_text(f"{OUTSIDE_MARKER}\n", "utf-8")
    (outside / "segreto.png").write_bytes(outside_image("PNG"))
    (outside / "segreto.jpg").write_bytes(outside_image("JPEG"))
    return outside


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def apply(item: dict, tree: Path, outside: Path) -> None:
    """Make the input's changes to a copy of the valid tree."""
    head = commit(tree, str(item["commit"])) if item.get("commit") else ""

    def target(rel: str) -> Path:
        path = tree / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def fill(spec) -> str | bytes:
        value = content(spec, outside)
        return value.replace("{head}", head) if isinstance(value, str) else value

    for page in _as_list(item.get("page") or []):
        target(page["path"]).write_text(
            page_text(page["path"], page["body"], page.get("meta"), outside), "utf-8"
        )
    for rel, text in (item.get("write") or {}).items():
        data = fill(text)
        target(rel).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    for rel, text in (item.get("append") or {}).items():
        with target(rel).open("a", encoding="utf-8") as handle:
            handle.write(fill(text))
    for patch in _as_list(item.get("patch") or []):
        path = tree / patch["path"]
        text = path.read_text("utf-8")
        assert patch["find"] in text, f"{item['name']}: {patch['find']!r} is not in {patch['path']}"
        path.write_text(text.replace(patch["find"], fill(patch["replace"]), 1), "utf-8")
    for link in _as_list(item.get("symlink") or []):
        os.symlink(content(link["target"], outside), target(link["path"]))


def commit(tree: Path, day: str) -> str:
    """The tree committed to a new git repository on `day` (YYYY-MM-DD); its hash."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "corpus"]):
        subprocess.run(
            ["git", "-C", str(tree), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            check=True,
            capture_output=True,
            env=env,
        )
    done = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True)
    return done.stdout.decode().strip()


# ---------------------------------------------------------------- Running the validator


def validate_in_process(tree: Path, capsys) -> tuple[int, str]:
    """The validator in this process; a hang ends the test run with every thread's stack (the
    render's own time budget uses SIGALRM, so the watchdog cannot)."""
    faulthandler.dump_traceback_later(HARD_TIMEOUT, exit=True, file=sys.__stderr__)
    try:
        return validate(tree, capsys)
    finally:
        faulthandler.cancel_dump_traceback_later()


def validate_in_subprocess(tree: Path, timeout: float = HARD_TIMEOUT) -> tuple[int, str]:
    """The validator as editors run it; a hang is a failure, not a stuck test run."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cittamedie", "--root", str(tree), "validate"],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the validator did not return within {timeout} s")
    return result.returncode, result.stdout + result.stderr


def assert_refused(item: dict, code: int, output: str) -> None:
    assert "Traceback" not in output, output
    for message in item["messages"]:
        assert message in output, f"expected {message!r} in:\n{output}"
    for text in item.get("absent", []):
        assert text not in output, f"{text!r} must not be in:\n{output}"
    assert code == item["exit"], output
    for line in output.splitlines():  # every problem line has the editor's shape
        if line.startswith(("docs/", "guidelines/", "good-practices/", "data/")):
            assert ": " in line and " — " in line, f"not `path:line: rule: message — fix`: {line}"


# ---------------------------------------------------------------- Tests


def test_the_corpus_is_well_formed():
    inputs = corpus()
    assert len(inputs) >= 45
    names = [f"{cls}/{item['name']}" for cls, item in inputs]
    assert len(names) == len(set(names)), "input names repeat"
    for cls, item in inputs:
        assert item["exit"] == 1 and item["messages"], f"{cls}/{item['name']}: no exit or messages"
        assert {"page", "write", "patch", "append", "symlink", "commit"} & set(item), (
            f"{cls}/{item['name']}: changes nothing"
        )
    classes = {cls for cls, _ in inputs}
    assert classes >= {
        "markdown-syntax",
        "markup-not-script",
        "front-matter-and-data",
        "validator-mkdocs-disagreement",
        "files",
        "resources",
        "data-integrity",
        "exports",
        "names",
        "history",
    }


@pytest.mark.parametrize("cls, item", case_params())
def test_hostile_input_is_refused(cls, item, valid_tree, capsys):
    apply(item, valid_tree, make_outside(valid_tree.parent))
    if cls in SUBPROCESS_CLASSES:
        code, output = validate_in_subprocess(valid_tree)
    else:
        code, output = validate_in_process(valid_tree, capsys)
    assert_refused(item, code, output)
