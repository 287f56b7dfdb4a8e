"""The loader reads only what MkDocs reads the same way, and every file that can be published is checked."""

from __future__ import annotations

import dataclasses
import io
import os
import struct
import zlib

import pytest
from PIL import Image

from cittamedie.__main__ import main
from cittamedie.content.load import load_site
from cittamedie.content.model import Source
from cittamedie.content.problems import WARNING, Problem
from cittamedie.rules import urls
from cittamedie.rules.report import github, text

from ..conftest import validate

PAGE = '---\nid: home\ntitle: Pagina iniziale\nupdated: 2026-01-10\nsources:\n  - {title: "Fonte", url: "https://example.org/fonte"}\n---\n\n## Benvenuti {#benvenuti}\n'
UTF16 = "the file is saved as UTF-16, not UTF-8 — save it as UTF-8 in your editor"


@pytest.mark.parametrize(
    "content, expected",
    [
        (PAGE.encode("utf-16"), f"docs/index.md: encoding: {UTF16}"),
        (b"\xfe\xff" + PAGE.encode("utf-16-be"), f"docs/index.md: encoding: {UTF16}"),
        (PAGE.encode("utf-16-le"), f"docs/index.md: encoding: {UTF16}"),
        (PAGE.replace("Pagina", "Città").encode("utf-16-be"), f"docs/index.md: encoding: {UTF16}"),
        (
            b"---\nid: home\ntitle: !!set {a, b}\n---\n",
            "docs/index.md:3: yaml: the value uses the YAML tag `!!set`",
        ),
        (
            b"---\nid: home\nupdated: !!timestamp 2026-01-10\n---\n",
            "docs/index.md:3: yaml: the value uses the YAML tag `!!timestamp`",
        ),
        (
            b"---\nid: !!python/object/apply:os.system [ls]\n---\n",
            "docs/index.md:2: yaml: the value uses the YAML tag `!!python/object/apply:os.system`",
        ),
        (
            b"---\nid: home\ntitle: !ENV HOME\n---\n",
            "docs/index.md:3: yaml: the value uses the YAML tag `!ENV`, which the site does not read (title) — remove the tag and write the value as plain text",
        ),
        (
            b"---\nid: home\ntitle: !foo x\n---\n",
            "docs/index.md:3: yaml: the value uses the YAML tag `!foo`",
        ),
        (
            b"---\nid: home\ntitle: !!bool maybe\n---\n",
            "docs/index.md:3: yaml: `maybe` cannot be read as true or false (title)",
        ),
        (
            b"---\nid: home\nsources:\n  - -.inf\n  - .nan\n---\n",
            "docs/index.md:4: yaml: `-.inf` is not a finite number (sources.0)",
        ),
        (
            b"---\nid: home\nid: casa\n---\n",
            "docs/index.md:3: yaml: the field `id` is written twice (first on line 2) (id) — keep one of the two",
        ),
        (
            b"---\nid: home\n---",
            "docs/index.md:3: front-matter: the file ends right after the closing --- — press Enter after ---",
        ),
        (
            b"---\nid: home\n\t---\nbody\n",
            "docs/index.md:3: front-matter: the closing --- has spaces before it — start the line with ---",
        ),
        (
            b"---\nid: home\n...\xc2\xa0\n",
            "docs/index.md:3: front-matter: the closing ... is followed by an invisible character",
        ),
        (
            b"---\nthemes:\n\t- poverta\n---\n",
            "docs/index.md:3: yaml: the YAML cannot be read: a tab is used for indentation — indent with spaces, not tabs",
        ),
        (
            b"---\na: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n",
            "docs/index.md:2: yaml: the YAML cannot be read: the values are nested too deeply",
        ),
    ],
    ids=[
        "utf-16-bom-le",
        "utf-16-bom-be",
        "utf-16-le",
        "utf-16-be-accents",
        "set",
        "timestamp",
        "python",
        "env",
        "local-tag",
        "bad-bool",
        "not-finite",
        "duplicate",
        "no-newline-after-closing",
        "closing-after-tab",
        "invisible-after-closing",
        "tab-in-list",
        "nested",
    ],
)
def test_front_matter_is_read_as_mkdocs_reads_it(valid_tree, capsys, content, expected):
    (valid_tree / "docs" / "index.md").write_bytes(content)
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert expected in out


@pytest.mark.parametrize(
    "content",
    [b"\xef\xbb\xbf" + PAGE.encode(), PAGE.replace("\n", "\r\n").encode()],
    ids=["utf-8-bom", "crlf"],
)
def test_utf8_bom_and_windows_line_ends_are_accepted(valid_tree, capsys, content):
    (valid_tree / "docs" / "index.md").write_bytes(content)
    code, out = validate(valid_tree, capsys)
    assert code == 0, out


def test_tab_in_a_data_file_names_its_line(valid_tree, capsys):
    (valid_tree / "data" / "themes.yml").write_text("themes:\n\t- id: poverta\n", "utf-8")
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert "data/themes.yml:2: yaml: the YAML cannot be read: a tab is used for indentation" in out


def test_links_out_of_the_repository_are_reported_and_never_followed(valid_tree, capsys, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "segreto.md").write_text("---\nid: x\n---\n", "utf-8")
    os.symlink(outside, valid_tree / "docs" / "fuori")
    os.symlink(outside / "segreto.md", valid_tree / "guidelines" / "guida" / "segreto.md")
    (valid_tree / "data" / "events.yml").unlink()
    os.symlink(outside / "segreto.md", valid_tree / "data" / "events.yml")
    code, out = validate(valid_tree, capsys)
    assert code == 1
    fix = "remove the link; copy the file into the repository instead"
    assert (
        f"docs/fuori: link-outside: this link points outside the repository (to {outside.as_posix()}) — {fix}"
        in out
    )
    assert (
        f"guidelines/guida/segreto.md: link-outside: this link points outside the repository (to {outside.as_posix()}/segreto.md)"
        in out
    )
    assert (
        f"data/events.yml: link-outside: this link points outside the repository (to {outside.as_posix()}/segreto.md)"
        in out
    )
    assert "segreto.md:" not in out.replace(
        "segreto.md: link-outside", ""
    )  # nothing of it was read


def test_link_to_etc_is_refused(valid_tree, capsys):
    os.symlink("/etc", valid_tree / "docs" / "etc")
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert "docs/etc: link-outside: this link points outside the repository (to /etc)" in out
    assert "passwd" not in out


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _image(kind: str) -> bytes:
    """A real image of 4 × 3 pixels: an image whose header cannot be read is refused."""
    out = io.BytesIO()
    Image.new("RGB", (4, 3)).save(out, kind)
    return out.getvalue()


def test_images_in_media_and_links_inside_the_repository_are_published(valid_tree, capsys):
    media = valid_tree / "guidelines" / "guida" / "media"
    media.mkdir()
    (media / "figura.png").write_bytes(_png())
    (media / "foto.JPG").write_bytes(_image("JPEG"))
    (valid_tree / "shared" / "media").mkdir(parents=True)
    (valid_tree / "shared" / "media" / "logo.gif").write_bytes(_image("GIF"))
    os.symlink("../shared/media", valid_tree / "docs" / "media")
    code, out = validate(valid_tree, capsys, "--strict")
    assert code == 0, out


def test_a_second_link_to_a_published_folder(valid_tree, capsys):
    os.symlink("../guidelines/guida", valid_tree / "docs" / "guida-bis")
    os.symlink("..", valid_tree / "docs" / "tutto")
    code, out = validate(valid_tree, capsys)
    assert code == 1
    assert (
        "docs/guida-bis: file: this link leads to a folder that is published already, as docs/guida — "
        "remove the link: each folder is published once"
    ) in out
    assert "document:" not in out  # its document.yml is read once, from the first link
    assert "docs/tutto: file: this link points to itself or to nothing" in out


def _source(key: str, rel: str, lang: str = "it") -> Source:
    return Source(path=None, rel=rel, uri=key, key=key, lang=lang, kind="page")


def test_pages_at_the_address_of_a_generated_page_or_file(valid_tree):
    site = load_site(valid_tree)
    added = (
        _source("buone-pratiche/tema/poverta.md", "docs/mano.md"),
        _source("calendario.ics.md", "docs/calendario.ics.md"),
        _source("en/index.md", "docs/en/index.md"),
    )
    site = dataclasses.replace(site, sources=site.sources + added)  # the model is frozen: a new one
    messages = {str(p) for p in urls.check(site, None)}
    assert (
        "docs/mano.md:1: url: this page and the generated page buone-pratiche/tema/poverta.md would both be "
        "published at /buone-pratiche/tema/poverta/ — rename this page"
    ) in messages
    assert (
        "docs/calendario.ics.md:1: reserved: this page would be published at /calendario.ics/, where the build "
        "writes the file calendario.ics — rename this page"
    ) in messages
    assert (
        "docs/en/index.md:1: url: this page and docs/index.en.md would both be published at /en/ — "
        "rename one of them"
    ) in messages


def test_github_annotations_escape_and_count(capsys):
    problems = [
        Problem("docs/a,b:c.md", 3, "yaml", "50% of\nthe text", "fix\r it", "x"),
        Problem("docs/d.md", 0, "review", "late", "check", severity=WARNING),
    ]
    out = github(problems, 7).splitlines()
    assert (
        out[0]
        == "::error file=docs/a%2Cb%3Ac.md,line=3,title=yaml::50%25 of%0Athe text (x) — fix%0D it"
    )
    assert out[1] == "::warning file=docs/d.md,title=review::late — check"
    assert out[2] == "7 files checked: 1 error(s), 1 warning(s)."
    assert text(problems, 7).splitlines()[-1] == out[2]


def test_github_format_counts_the_real_problems(valid_tree, capsys):
    (valid_tree / "docs" / "index.md").write_text("no front matter\n", "utf-8")
    code, out = validate(valid_tree, capsys, "--format", "github")
    assert code == 1
    assert out.splitlines()[-1].endswith(": 1 error(s), 0 warning(s).")


def test_mark_current_keeps_line_ends_and_byte_order_mark(valid_tree, capsys, monkeypatch):
    english = valid_tree / "docs" / "index.en.md"
    original = english.read_text("utf-8")
    english.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode())
    italian = valid_tree / "docs" / "index.md"
    italian.write_text(italian.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")
    monkeypatch.chdir(valid_tree)
    assert (
        main(["--root", str(valid_tree), "translations", "--mark-current", "docs/index.en.md"]) == 0
    )
    after = english.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n") and b"\n" not in after.replace(b"\r\n", b"")
    assert after.count(b"translated_from:") == 1
