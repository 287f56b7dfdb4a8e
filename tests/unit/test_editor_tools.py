"""What editors use besides `make validate`: the schemas read from disk by a JSON Schema tool (as an
editor's YAML extension reads them), their published copies with a stable `$id`, and the
validator's messages quoted in the English guide (CONTRIBUTING.en.md), which must be the validator's
real words; the Italian guide (CONTRIBUTING.md) has the same settings and addresses."""

from __future__ import annotations

import contextlib
import difflib
import functools
import io
import itertools
import json
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cittamedie.__main__ import main
from cittamedie.content.messages import _NumbersOf, catalogue
from cittamedie.content.schema import published_schema_files, schema_files

from ..conftest import FIXTURES, REPO, copy_tree

PACKAGE = REPO / "scripts" / "cittamedie"
SCHEMAS = PACKAGE / "content" / "schemas"
SETTINGS = re.compile(r'"\./(scripts/cittamedie/content/schemas/[a-z-]+\.schema\.json)": "([^"]+)"')


def contributing() -> str:
    """The English guide, whose quotes are the validator's English words (the suite reads English)."""
    return (REPO / "CONTRIBUTING.en.md").read_text("utf-8")


def contributing_it() -> str:
    return (REPO / "CONTRIBUTING.md").read_text("utf-8")


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema"
    )
    if not tool:
        pytest.fail(
            "check-jsonschema is missing: `pip install -e '.[test]'` (make test) installs it"
        )
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=120, cwd=REPO)


def test_the_editor_settings_cover_every_yaml_file_and_each_validates_from_disk():
    pairs = SETTINGS.findall(contributing())
    assert len(pairs) == 9 and SETTINGS.findall(contributing_it()) == pairs
    covered = set()
    for schema, pattern in pairs:
        files = sorted(REPO.glob(pattern))
        assert files, pattern
        covered.update(files)
        result = check_jsonschema("--schemafile", schema, *map(str, files))
        assert result.returncode == 0, (
            result.stdout + result.stderr
        )  # `common.schema.json` found beside it
    assert covered >= set(REPO.glob("data/*.yml")) | set(REPO.glob("guidelines/*/document.yml"))


def test_a_schema_tool_names_the_wrong_field(tmp_path):
    events = yaml.safe_load((REPO / "data" / "events.yml").read_text("utf-8"))
    events["events"][0]["title"] = "only one language"
    broken = tmp_path / "events.yml"
    broken.write_text(yaml.safe_dump(events, allow_unicode=True), "utf-8")
    result = check_jsonschema("--schemafile", str(SCHEMAS / "events.schema.json"), str(broken))
    assert result.returncode == 1 and "$.events[0].title" in result.stdout


def test_published_schemas_carry_their_address_as_id():
    published = published_schema_files("https://cittamedie.example.org/")
    assert published.keys() == schema_files().keys()
    for name, text in published.items():
        schema = json.loads(text)
        assert (
            list(schema)[:2] == ["$schema", "$id"]
            and schema["$id"] == f"https://cittamedie.example.org/schemas/{name}"
        )
        assert "$id" not in json.loads(schema_files()[name])  # on disk: resolved beside the file
    for guide in (contributing(), contributing_it()):
        assert "https://cittamedie.example.org/schemas/page.schema.json" in guide


def reports_on_invalid_fixtures(tmp_path_factory, lang: str) -> str:
    """The validator's report on every invalid fixture, as the editor sees it in `lang`."""
    reports = []
    for case in sorted((FIXTURES / "invalid").iterdir()):
        tree = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp(case.name) / "repo")
        shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
        copy_tree(case, tree)
        expect = yaml.safe_load((tree / "expect.yml").read_text("utf-8"))
        (tree / "expect.yml").unlink()
        for name in expect["delete"]:
            (tree / name).unlink()
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            main(["--root", str(tree), "--lang", lang, "validate"])
        reports.append(out.getvalue())
    return "\n".join(reports)


@pytest.fixture(scope="module")
def fixture_messages(tmp_path_factory) -> str:
    return reports_on_invalid_fixtures(tmp_path_factory, "en")


@pytest.fixture(scope="module")
def fixture_messages_it(tmp_path_factory) -> str:
    return reports_on_invalid_fixtures(tmp_path_factory, "it")


def quoted_mistakes(guide: str, heading: str) -> list[str]:
    section = guide.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return [
        line for block in re.findall(r"```\n(.*?)```", section, re.S) for line in block.splitlines()
    ]


def test_every_message_quoted_in_contributing_is_the_validators_own(fixture_messages):
    quoted = quoted_mistakes(contributing(), "Common mistakes")
    assert len(quoted) >= 15
    produced = set(fixture_messages.splitlines())
    for line in quoted:
        assert line in produced, (
            f"CONTRIBUTING.en.md quotes a message the validator does not print:\n{line}"
        )


def test_every_message_quoted_in_the_italian_guide_is_the_validators_own(fixture_messages_it):
    quoted = quoted_mistakes(contributing_it(), "Errori frequenti e che cosa dice il validatore")
    assert len(quoted) == len(quoted_mistakes(contributing(), "Common mistakes"))
    produced = set(fixture_messages_it.splitlines())
    missing = [line for line in quoted if line not in produced]
    assert not missing, (
        "CONTRIBUTING.md quotes messages the validator does not print (--lang it):\n"
        + "\n".join(missing)
    )


FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^ *```", re.S | re.M)
MESSAGE = re.compile(r"^\S+?(?::\d+)?: [a-z-]+: ")  # path:line: rule:


def test_the_italian_guide_and_the_english_one_read_side_by_side():
    """CONTRIBUTING.md (Italian, the editors' own) and CONTRIBUTING.en.md (English) point to each
    other and have the same headings' levels in the same order and the same code blocks in the same
    places: the same commands, settings and YAML (comments aside), and each quoted message on the
    same file, line and rule, with as many `…` in it (the words are each language's, and so are
    placeholders such as YYYY-MM-DD, AAAA-MM-GG in Italian)."""
    italian, english = contributing_it(), contributing()
    assert "(CONTRIBUTING.en.md)" in italian.splitlines()[0]
    assert "(CONTRIBUTING.md)" in english.splitlines()[0]

    def headings(text: str) -> list[str]:
        prose = FENCE.sub("", text)
        return [line.split(" ", 1)[0] for line in prose.splitlines() if re.match(r"#+ ", line)]

    assert headings(italian) == headings(english)
    assert len(headings(english)) >= 20
    it_blocks, en_blocks = FENCE.findall(italian), FENCE.findall(english)
    assert [kind for _, kind, _ in it_blocks] == [kind for _, kind, _ in en_blocks]
    for (_, kind, it_block), (_, _, en_block) in zip(it_blocks, en_blocks, strict=True):
        it_lines, en_lines = it_block.splitlines(), en_block.splitlines()
        assert len(it_lines) == len(en_lines), f"{en_block}\n≠\n{it_block}"
        for it_line, en_line in zip(it_lines, en_lines, strict=True):
            if kind == "yaml":  # the comments are translated, the YAML is not
                it_line, en_line = it_line.split(" #")[0].rstrip(), en_line.split(" #")[0].rstrip()
            if kind:
                assert it_line == en_line
                continue
            prefix = MESSAGE.match(en_line)
            assert (MESSAGE.match(it_line) or [None])[0] == (prefix[0] if prefix else None), it_line
            assert it_line.count("`") == en_line.count("`"), it_line


# ---------------------------------------------------------------- The two guides say the same


def _italian_of(english: str, depth: int = 0) -> set[str]:
    """Every way the Italian catalogue says an English sentence: the sentence read back against
    each template of locale/it/*.po (its values read back in turn, as say() nests them), then said
    with the Italian template; the text itself when no template reads it."""
    found = {english}
    if depth > 3:
        return found
    for template, italian in _sentences().items():
        reader = _reader(template)
        if reader is None or not (match := reader[0].fullmatch(english)):
            continue
        options = [
            [(name, value) for value in _values(match[group], depth)] for group, name in reader[1]
        ]
        for chosen in itertools.islice(itertools.product(*options), 200):
            values = dict(chosen)
            with contextlib.suppress(ValueError, KeyError, IndexError):
                found.add(_NumbersOf("it").vformat(italian, (), values))
    return found


@functools.cache
def _sentences() -> dict[str, str]:
    """English → Italian of every sentence: the catalogue's templates, and the sentences kept in
    data files with their Italian beside them (messages.from_data), braces as literal text."""
    found = dict(catalogue("it"))
    data = yaml.safe_load((PACKAGE / "markup" / "furniture.yml").read_text("utf-8"))
    policy = yaml.safe_load((PACKAGE / "markup" / "allowlist.yml").read_text("utf-8"))
    for texts in [
        *data["reserved_ids"]["names"].values(),
        *data["reserved_ids"]["prefixes"].values(),
        *policy["content"]["build_only"].values(),
    ]:
        escape = {ord("{"): "{{", ord("}"): "}}"}
        found[texts["en"].translate(escape)] = texts["it"].translate(escape)
    return found


@functools.cache
def _reader(template: str) -> tuple[re.Pattern, list[tuple[str, str]]] | None:
    """A pattern that reads a template's English back, with (group, value name) pairs."""
    pattern, groups = "", []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name is not None:
            groups.append((f"v{len(groups)}", name))
            pattern += f"(?P<v{len(groups) - 1}>.+?)"
    return (re.compile(pattern, re.S), groups) if groups or pattern else None


def _values(text: str, depth: int) -> list[object]:
    """What a value read back may have been: a sentence (said in Italian), the text itself, or a
    number (12,000 → 12000; 2028 in `U+2028` was the hexadecimal 0x2028)."""
    found: list[object] = sorted(_italian_of(text, depth + 1))
    plain = text.replace(",", "")
    if plain.isdigit():
        found.append(int(plain))
    if re.fullmatch(r"[0-9A-F]{4,6}", text):
        found.append(int(text, 16))
    return found


def _quoted_messages(guide: str) -> list[str]:
    return [
        line.strip()
        for block in FENCE.findall(guide)
        for line in block[2].splitlines()
        if MESSAGE.match(line.strip())
    ]


def test_each_message_the_italian_guide_quotes_is_the_english_guides_in_italian():
    """Side by side, the guides quote the same messages: each Italian quote is what the catalogue
    makes of the English one (which the tests above check against the validator's output)."""
    english, italian = _quoted_messages(contributing()), _quoted_messages(contributing_it())
    assert len(english) == len(italian) >= 40
    wrong = []
    for en, it in zip(english, italian, strict=True):
        head = MESSAGE.match(en)[0]
        rest = en[len(head) :]
        label = "warning: " if rest.startswith("warning: ") else ""
        rest = rest.removeprefix(label)
        said = set()
        for cut in (m.start() for m in re.finditer(" — ", rest)):
            message, fix = rest[:cut], rest[cut + 3 :]
            field = re.search(r" \([a-z0-9_.]+\)$", message)
            bare = message[: field.start()] if field else message
            fixes = _italian_of(fix)
            if it.endswith(": …"):  # a fix quoted in part: the beginning of a sentence's Italian
                fixes = {
                    italian.split(": ", 1)[0] + ": …"
                    for english, italian in _sentences().items()
                    if english.startswith(fix.removesuffix(": …") + ": ")
                } or fixes
            for m in _italian_of(bare):
                for f in fixes:
                    said.add(
                        f"{head}{'avviso: ' if label else ''}{m}{field[0] if field else ''} — {f}"
                    )
        if it == en or it not in said:  # (a sentence is also "said" as itself, untranslated)
            closest = max(said, key=lambda line: difflib.SequenceMatcher(None, line, it).ratio())
            wrong.append(f"EN: {en}\nIT: {it}\nthe catalogue's: {closest}\n")
    assert not wrong, "Italian quotes that are not the English ones in Italian:\n" + "\n".join(
        wrong
    )
