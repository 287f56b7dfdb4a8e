"""The hostile corpus built into one site with the validator switched off (extra.validation: false):
the sanitiser and the escaping alone must keep every script, foreign element and outside file off
the published site. Every file of the built site is parsed as HTML and compared with the clean
valid tree's build, which shows what Material itself writes.

Inputs that cannot share a site (`combine: false`, and the resources class) are built on their own.
The exports class is also exported, PDFs and offline zip, to show what those embed and read.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from cittamedie.content.generated import OFFLINE_ZIP
from cittamedie.exports.fetcher import SiteFetcher
from cittamedie.exports.offline import FOLDER
from cittamedie.exports.pdf_document import THEME_ASSETS as PACKAGE_ASSETS
from cittamedie.markup import sanitize

from ..conftest import FIXTURES, REPO, copy_tree
from ..unit.test_hostile_corpus import (
    OUTSIDE_IMAGE_SIZE,
    OUTSIDE_MARKER,
    apply,
    case_params,
    content,
    corpus,
    make_outside,
    outside_image,
)

pypdf = pytest.importorskip("pypdf")

BUILD_TIMEOUT = 300  # seconds: the fixture site builds in about 3
EXPORT_TIMEOUT = 300  # seconds: the fixture's PDFs take about 2, its offline copy about 3
CONTENT = "md-content__inner"  # the class of Material's <article> that holds the page's own HTML
THEME_ASSETS = (
    "assets/"  # Material's and our scripts, styles, fonts: the same bytes as in the clean build
)
PAGEFIND = "pagefind/"  # the search index: its library (theme), and the pages' text (data)
DATA_SUFFIXES = (".json", ".csv", ".ics", ".yml")  # open data, manifest, calendar, document.yml
EXPORTS = (".pdf", ".zip")  # binary: read as PDFs, and as the unpacked offline copy (`copy`)
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "srcset",
    "background",
)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_FILES = ("evil.html", "x.js", "x.svg")


def combinable(cls: str, item: dict) -> bool:
    return cls != "resources" and item.get("combine", True)


def inputs_named(*names: str) -> list[dict]:
    found = {item["name"]: item for _, item in corpus()}
    return [found[name] for name in names]


# ---------------------------------------------------------------- Building


def write_config(tree: Path, validation: bool) -> None:
    """The project's mkdocs.yml with absolute theme and hook paths. Validation off also turns off
    mkdocs.yml's `strict: true`: the validator's problems become warnings, which must not stop it."""
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    for relative in ("scripts/cittamedie/site/overrides", "scripts/cittamedie/site/hooks.py"):
        config = config.replace(relative, str(REPO / relative))
    if not validation:
        config = config.replace("\nextra:\n", "\nextra:\n  validation: false\n", 1)
        config = config.replace("\nstrict: true\n", "\nstrict: false\n", 1)
        assert "validation: false" in config and "strict: true" not in config
    (tree / "mkdocs.yml").write_text(config, "utf-8")


def build_site(tree: Path, validation: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` without --strict (validation off logs warnings); a hang is a failure."""
    write_config(tree, validation)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-d", str(tree / "site")],
            cwd=tree,
            capture_output=True,
            text=True,
            env=env,
            timeout=BUILD_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build did not return within {BUILD_TIMEOUT} s")


def tree_with(base: Path, items: list[dict]) -> tuple[Path, Path]:
    """A copy of the valid tree with these inputs applied; (tree, outside folder)."""
    tree = copy_tree(FIXTURES / "valid", base / "repo")
    outside = make_outside(base)
    for item in items:
        apply(item, tree, outside)
    return tree, outside


def run_exports(tree: Path) -> list[subprocess.CompletedProcess]:
    """The PDFs, then the offline copy, of a built tree, as `make site` makes them."""
    site = tree / "site"
    return [
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cittamedie",
                "--root",
                str(tree),
                command,
                "--site-dir",
                str(site),
            ],
            cwd=tree,
            capture_output=True,
            text=True,
            timeout=EXPORT_TIMEOUT,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        for command in ("pdf", "offline")
    ]


def copy_of(tree: Path, copy: str) -> Path:
    """The site as readers get it: served (site/), or the offline zip unpacked."""
    if copy == "served":
        return tree / "site"
    unpacked = tree / "unpacked"
    if not unpacked.exists():
        with zipfile.ZipFile(tree / "site" / OFFLINE_ZIP) as zipped:
            zipped.extractall(unpacked)
    return unpacked / FOLDER


# Every check of the built site reads both copies a reader can get: the one served and the offline
# zip (made after the PDFs, which it carries), so what the exports embed is checked like the pages.
@pytest.fixture(scope="module", params=("served", "offline"))
def copy(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def clean_tree(tmp_path_factory) -> Path:
    tree, _ = tree_with(tmp_path_factory.mktemp("clean"), [])
    result = build_site(tree)
    assert result.returncode == 0, result.stderr
    assert all(run.returncode == 0 for run in run_exports(tree))
    return tree


@pytest.fixture(scope="module")
def clean_site(clean_tree, copy) -> Path:
    return copy_of(clean_tree, copy)


@pytest.fixture(scope="module")
def hostile_build(
    tmp_path_factory,
) -> tuple[Path, subprocess.CompletedProcess, list[subprocess.CompletedProcess]]:
    """Every input that can share a site, built once with the validator off, then exported:
    (tree, build run, [pdf run, offline run])."""
    items = [item for cls, item in corpus() if combinable(cls, item)]
    tree, _ = tree_with(tmp_path_factory.mktemp("hostile"), items)
    result = build_site(tree, validation=False)
    return tree, result, run_exports(tree) if result.returncode == 0 else []


@pytest.fixture(scope="module")
def hostile_site(hostile_build, copy) -> Path:
    tree, result, exports = hostile_build
    assert result.returncode == 0, result.stderr
    assert [run.returncode for run in exports][1:] == [0], exports[-1].stderr[-3000:]
    return copy_of(tree, copy)


# ---------------------------------------------------------------- Reading the built site


@dataclass
class Element:
    file: str  # path inside site/
    tag: str
    attrs: dict[str, str]
    in_content: bool  # inside the page's own HTML (Material's article), or a search index text
    text: str = ""  # for script and style: what is inside

    def attr_url(self, name: str) -> str:
        """An address as a browser reads it: entities decoded (by the parser), whitespace and
        control characters dropped, lowercase."""
        return re.sub(r"[\x00-\x20\x7f]", "", self.attrs.get(name) or "").lower()


class _Parser(HTMLParser):
    """The elements of one file, each marked as inside the page's content or not."""

    def __init__(self, file: str, in_json: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.file, self.in_json = file, in_json
        self.found: list[Element] = []
        # open elements: (tag, True when it opens the content, False when it is the theme's inside it, else None)
        self.stack: list[tuple[str, bool | None]] = []
        self.raw: Element | None = None  # the script or style being read

    @property
    def in_content(self) -> bool:
        return self.in_json or next(
            (state for _, state in reversed(self.stack) if state is not None), False
        )

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        self.found.append(Element(self.file, tag, values, self.in_content))
        self.raw = self.found[-1] if tag in ("script", "style") else None
        if tag not in _VOID:
            classes = values.get("class", "").split()
            # the edit button (partials/actions.html) is the theme's, inside the article: content
            # cannot forge it (the allowlist refuses md- classes), and the chrome test compares it
            theme = tag == "a" and "md-content__button" in classes and values.get("rel") == "edit"
            self.stack.append(
                (tag, True if tag == "article" and CONTENT in classes else False if theme else None)
            )

    def handle_startendtag(self, tag, attrs):
        self.found.append(Element(self.file, tag, {n: v or "" for n, v in attrs}, self.in_content))

    def handle_endtag(self, tag):
        self.raw = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.raw is not None:
            self.raw.text += data


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def elements_of(site: Path, path: Path) -> list[Element]:
    """Every element of a file, read as HTML: the search index string by string (Material's
    search inserts those strings into the page), every other file as it is."""
    rel = path.relative_to(site).as_posix()
    raw = path.read_bytes()
    if path.suffix in (".pf_fragment", ".pf_filter"):  # gzip of "pagefind_dcd" and JSON
        raw = gzip.decompress(raw).removeprefix(b"pagefind_dcd")
    text = raw.decode("utf-8", "replace")
    pieces, in_json = [text], False
    if path.name == "search_index.json":
        try:
            pieces, in_json = list(_strings(json.loads(text))), True
        except ValueError:
            pass  # not JSON after all: read it as text
    found = []
    for piece in pieces:
        parser = _Parser(rel, in_json)
        parser.feed(piece)
        parser.close()
        found.extend(parser.found)
    return found


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and not p.suffix == ".gz")


def kind_of(rel: str) -> str:
    """theme: assets/ and Pagefind's library; page: what a browser renders or scripts insert as
    HTML (pages, sitemap, Material's search index); data: files of text fields (open data,
    manifest, calendar, Pagefind's index of the pages' text); export: the PDFs and the offline
    zip; other: the rest."""
    name = posixpath.basename(rel)
    if (
        rel.startswith(THEME_ASSETS)
        or rel.startswith(PAGEFIND)
        and (name.endswith(".js") or name.startswith("wasm."))
    ):
        return "theme"
    if rel.startswith(PAGEFIND):
        return "data"
    if rel.endswith(EXPORTS):
        return "export"
    if rel.endswith((".html", ".xml", ".js")) or name == "search_index.json":
        return "page"
    return "data" if rel.endswith(DATA_SUFFIXES) else "other"


_cache: dict[tuple[Path, str], list[Element]] = {}


def all_elements(site: Path, kind: str = "page") -> list[Element]:
    """Every element of the site's files of one kind (see kind_of)."""
    if (site, kind) not in _cache:
        _cache[site, kind] = [
            e
            for path in site_files(site)
            if kind_of(path.relative_to(site).as_posix()) == kind
            for e in elements_of(site, path)
        ]
    return _cache[site, kind]


def assert_none(found: list[str], what: str) -> None:
    assert not found, f"{len(found)} {what}:\n" + "\n".join(sorted(set(found))[:40])


def signature(element: Element) -> tuple:
    """What identifies one of Material's own script, style, stylesheet or meta elements across
    pages (relative paths and the page's base removed)."""
    a = element.attrs
    if element.tag == "script" and a.get("src"):
        return ("script", posixpath.basename(a["src"].split("?")[0]))
    if element.tag == "script" and a.get("id") == "__config":
        config = json.loads(element.text)
        return (
            "script",
            "__config",
            json.dumps(
                {k: v for k, v in config.items() if k not in ("base", "search")}, sort_keys=True
            ),
        )
    if element.tag in ("script", "style"):
        return (element.tag, tuple(sorted(a.items())), re.sub(r'"[./]*"', '""', element.text))
    if element.tag == "link":
        href = a.get("href", "")
        # a page's own address and its neighbours': a folder served, a .html file offline
        page = a.get("rel") in ("canonical", "prev", "next") and href.endswith(("/", ".html"))
        return (
            "link",
            a.get("rel"),
            posixpath.basename(href) if a.get("rel") != "alternate " and not page else "",
        )
    if element.tag == "meta":
        return ("meta", a.get("name"), a.get("charset"), a.get("http-equiv"), a.get("property"))
    return (element.tag,)


def chrome_shape(element: Element) -> tuple:
    """An element of Material's page around the content: its tag, attribute names and classes."""
    return (element.tag, tuple(sorted(element.attrs)), element.attrs.get("class", ""))


# ---------------------------------------------------------------- The combined hostile site


def test_the_hostile_site_builds_without_a_traceback(hostile_build, clean_tree):
    tree, result, exports = hostile_build
    site = tree / "site"
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    pdf, offline = exports
    assert "Traceback" not in pdf.stderr + offline.stderr, pdf.stderr[-3000:] + offline.stderr
    # the exports class's images are refused by name, and every PDF is made without them
    assert pdf.returncode == 1 and ": image: " in pdf.stderr, pdf.stdout + pdf.stderr
    made = sorted(p.name for p in (site / "pdf").glob("*.pdf"))
    assert made == sorted(p.name for p in (clean_tree / "site" / "pdf").glob("*.pdf")), made
    assert offline.returncode == 0, offline.stderr[-3000:]
    assert "validation off:" in result.stderr  # the validator's problems were said, not obeyed
    assert (site / "h" / "onclick-on-paragraph" / "index.html").is_file()
    assert (
        site / "en" / "h" / "onclick-on-paragraph" / "index.html"
    ).is_file()  # the Italian text as fallback
    theme = (site / "buone-pratiche" / "tema" / "poverta" / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(208)&gt;" in theme  # a theme title with markup and quotes


def test_no_event_handler_attributes(hostile_site):
    assert_none(
        [
            f"{e.file}: <{e.tag} {n}=…>"
            for e in all_elements(hostile_site)
            for n in e.attrs
            if n.startswith("on")
        ],
        "event handler attributes",
    )


def test_no_script_or_data_addresses(hostile_site):
    assert_none(
        [
            f"{e.file}: <{e.tag} {n}={e.attrs[n]!r}>"
            for e in all_elements(hostile_site)
            for n in URL_ATTRIBUTES
            if e.attr_url(n).startswith(BAD_SCHEMES)
        ],
        "javascript:, vbscript: or data: addresses",
    )


def test_no_base_meta_refresh_or_form(hostile_site):
    found = [
        f"{e.file}: <{e.tag} {e.attrs}>"
        for e in all_elements(hostile_site)
        if e.tag == "base"
        or e.tag == "meta"
        and "http-equiv" in e.attrs
        and (e.in_content or e.attrs["http-equiv"] != "Content-Security-Policy")  # site/csp.py
        or e.tag in ("form", "input", "button", "textarea")
        and e.in_content
    ]
    assert_none(
        found, "<base>, <meta http-equiv> (but the theme's policy) or form elements in content"
    )


def test_only_materials_own_scripts_styles_and_head_elements(clean_site, hostile_site):
    tags = (
        "script",
        "style",
        "link",
        "meta",
        "base",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
    )
    own = {signature(e) for e in all_elements(clean_site) if e.tag in tags}
    assert_none(
        [
            f"{e.file}: {signature(e)}"[:300]
            for e in all_elements(hostile_site)
            if e.tag in tags and signature(e) not in own
        ],
        "script, style or head elements Material does not write",
    )


def test_no_remote_images(hostile_site):
    assert_none(
        [
            f"{e.file}: <img src={e.attrs.get('src')!r}>"
            for e in all_elements(hostile_site)
            if e.tag == "img"
            and (e.attr_url("src").startswith("//") or ":" in e.attr_url("src").split("/")[0])
        ],
        "images loaded from another host",
    )


def test_no_material_ids_in_content(clean_site, hostile_site):
    own = {
        e.attrs["id"]
        for e in all_elements(clean_site)
        if e.in_content and e.attrs.get("id", "").startswith("__")
    }
    assert_none(
        [
            f"{e.file}: <{e.tag} id={e.attrs['id']!r}>"
            for e in all_elements(hostile_site)
            if e.in_content and e.attrs.get("id", "").startswith("__") and e.attrs["id"] not in own
        ],
        "ids of Material's interface in content",
    )


def test_no_markup_in_title_attributes(hostile_site):
    assert_none(
        [
            f"{e.file}: <{e.tag} title={e.attrs['title']!r}>"
            for e in all_elements(hostile_site)
            if "<" in e.attrs.get("title", "")
        ],
        "title attributes with markup (Material's tooltips insert them as HTML)",
    )


def test_content_holds_only_allowlisted_markup(hostile_site):
    allowed = set(sanitize.allowed_tags())
    assert_none(
        [
            f"{e.file}: <{e.tag}>"
            for e in all_elements(hostile_site)
            if e.in_content and e.tag not in allowed
        ],
        "elements outside allowlist.yml in page content",
    )


def test_the_page_around_the_content_is_materials_own(clean_site, hostile_site):
    own = {chrome_shape(e) for e in all_elements(clean_site) if not e.in_content}
    assert_none(
        [
            f"{e.file}: {chrome_shape(e)}"
            for e in all_elements(hostile_site)
            if not e.in_content and e.file.endswith(".html") and chrome_shape(e) not in own
        ],
        "elements of the page around the content that Material does not write",
    )


def test_theme_assets_are_untouched(clean_site, hostile_site):
    def assets(site):
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site_files(site)
            if kind_of(p.relative_to(site).as_posix()) == "theme"
        }

    clean, hostile = assets(clean_site), assets(hostile_site)
    assert sorted(clean) == sorted(hostile)
    assert [name for name in clean if clean[name] != hostile[name]] == []


def test_other_files_hold_no_markup(hostile_site):
    assert_none(
        [f"{e.file}: <{e.tag}>" for e in all_elements(hostile_site, "other")],
        "elements in other files",
    )


def test_no_forbidden_file_is_published(hostile_site):
    published = {p.name for p in site_files(hostile_site)}
    assert not published & set(FORBIDDEN_FILES)


def test_nothing_from_outside_the_repository(hostile_site):
    assert_none(
        [
            p.relative_to(hostile_site).as_posix()
            for p in site_files(hostile_site)
            if OUTSIDE_MARKER.encode() in p.read_bytes()
        ],
        "files with content from outside the repository",
    )


@pytest.mark.parametrize(
    "cls, item",
    case_params(
        lambda cls, item: combinable(cls, item) and item.get("payload"), xfail_key="build_xfail"
    ),
)
def test_payload_appears_only_escaped_in_pages(cls, item, hostile_site):
    pages = [
        p
        for p in site_files(hostile_site)
        if kind_of(p.relative_to(hostile_site).as_posix()) == "page"
    ]
    for payload in item["payload"]:
        assert_none(
            [
                p.relative_to(hostile_site).as_posix()
                for p in pages
                if payload.encode() in p.read_bytes()
            ],
            f"pages with the raw payload {payload!r}",
        )


# ---------------------------------------------------------------- Inputs built on their own


def test_links_out_of_the_repository_stop_the_build(tmp_path):
    items = inputs_named(
        "link-to-a-file-outside", "link-to-a-folder-outside", "link-to-a-text-file-outside"
    )
    tree, _ = tree_with(tmp_path, items)
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 0
    assert "docs/segreto.md: link-outside: this link points outside the repository" in result.stderr
    site = tree / "site"
    assert (
        not any(OUTSIDE_MARKER.encode() in p.read_bytes() for p in site_files(site))
        if site.exists()
        else True
    )


@pytest.mark.parametrize("name", ["hand-written-theme-page", "hand-written-city-page"])
def test_hand_written_files_in_generated_folders_stop_the_build(name, tmp_path):
    tree, _ = tree_with(tmp_path, inputs_named(name))
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 0
    assert (
        "generated: this folder is written by the build, but this file was written by hand"
        in result.stderr
    )


def test_a_sub_folder_in_a_generated_folder_stops_the_build_with_a_message(tmp_path):
    tree, _ = tree_with(tmp_path, inputs_named("city-page-with-copied-header-in-a-subfolder"))
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 0
    assert "good-practices/citta/sotto:1: generated:" in result.stderr
    assert (
        tree / "good-practices" / "citta" / "sotto" / "pagina.md"
    ).is_file()  # the editor's file is kept


def test_the_build_never_writes_outside_the_repository(tmp_path):
    tree, outside = tree_with(tmp_path, inputs_named("generated-folder-is-a-link-outside"))
    before = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    result = build_site(tree, validation=True)
    after = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    assert "Traceback" not in result.stderr, result.stderr
    assert after == before, (
        f"the build changed files outside the repository: {sorted(set(before) ^ set(after))}"
    )


@pytest.mark.parametrize("name", ["folder-name-with-markup", "file-name-breaking-an-attribute"])
def test_names_with_markup_never_reach_a_page(name, tmp_path):
    """A folder name becomes a menu title (Material prints it as HTML) and a file name goes into
    the hreflang links of overrides/main.html: the model must refuse such names, validated or not."""
    (item,) = inputs_named(name)
    tree, _ = tree_with(tmp_path, [item])
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    site = tree / "site"
    handlers = (
        [
            f"{e.file}: <{e.tag} {e.attrs}>"
            for e in all_elements(site)
            for n in e.attrs
            if n.startswith("on")
        ]
        if site.exists()
        else []
    )
    assert_none(handlers, "event handler attributes")


@pytest.mark.parametrize(
    "name",
    [
        "page-beside-its-capitalised-twin",
        "folder-named-like-a-generated-folder",
        "chapter-named-like-the-versions-page",
        "data-file-beside-its-capitalised-twin",
        "page-and-folder-at-one-address-but-for-case",
        "page-at-the-offline-not-found-page",
        "city-capitalised-twice",
        "city-without-a-latin-letter",
    ],
)
def test_what_would_write_one_file_over_another_stops_the_build(name, tmp_path):
    """Names that are one on Windows and macOS (files, folders, page addresses), a page at the
    offline copy's not-found page, cities sharing a city page: validated or not, the build stops
    with the validator's words rather than write one over the other (names.yml; the `name` rule
    is among site/context.ALWAYS_STOP)."""
    (item,) = inputs_named(name)
    tree, _ = tree_with(tmp_path, [item])
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode != 0
    assert item["messages"][0] in result.stderr, result.stderr[-3000:]


def test_the_italian_suffix_page_is_not_published(tmp_path):
    tree, _ = tree_with(tmp_path, inputs_named("italian-language-suffix"))
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr
    site = tree / "site"
    published = (
        [p for p in site_files(site) if b"Pagina con suffisso it." in p.read_bytes()]
        if site.exists()
        else []
    )
    assert not published


# ---------------------------------------------------------------- Resources, validated, built alone


@pytest.mark.parametrize(
    "cls, item",
    case_params(
        lambda cls, item: (
            item["name"]
            in ("run-of-a-lt", "blockquotes-nested-600-deep", "list-nested-600-deep-on-one-line")
        )
    ),
)
def test_resource_input_stops_the_build_quickly(cls, item, tmp_path):
    tree, _ = tree_with(tmp_path, [item])
    result = build_site(tree, validation=True)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode != 0
    assert item["messages"][0] in result.stderr, result.stderr[-3000:]


def test_the_clean_site_passes_every_check(clean_site):
    """The checks themselves: the valid tree's build has none of what they look for."""
    found = [
        e
        for kind in ("page", "data", "other")
        for e in all_elements(clean_site, kind)
        if any(n.startswith("on") for n in e.attrs)
        or any(e.attr_url(n).startswith(BAD_SCHEMES) for n in URL_ATTRIBUTES)
    ]
    assert not found
    assert any(e.in_content for e in all_elements(clean_site))
    assert any(
        e.tag == "script" and e.attrs.get("id") == "__config" for e in all_elements(clean_site)
    )


def test_a_refused_good_practice_is_withheld_without_a_traceback(tmp_path):
    tree, _ = tree_with(tmp_path, inputs_named("budget-infinite"))
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]


# ---------------------------------------------------------------- The PDFs and the offline copy


OWN_IMAGE_SIZE = (5, 4)  # the one real image the exported tree adds to a chapter


@pytest.fixture(scope="module")
def hostile_exports(
    tmp_path_factory,
) -> tuple[Path, subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """The exports class, with one real image beside it, built with the validator off, then its
    PDFs and offline copy made as `make site` makes them: (site, pdf run, offline run)."""
    items = [item for cls, item in corpus() if cls == "exports" and item.get("combine", True)]
    tree, _ = tree_with(tmp_path_factory.mktemp("exports"), items)
    out = io.BytesIO()
    Image.new("RGB", OWN_IMAGE_SIZE, (20, 90, 160)).save(out, "PNG")
    (tree / "guidelines" / "guida" / "media").mkdir(exist_ok=True)
    (tree / "guidelines" / "guida" / "media" / "mappa.png").write_bytes(out.getvalue())
    with (tree / "guidelines" / "guida" / "capitolo.md").open("a", encoding="utf-8") as page:
        page.write("\n![mappa](media/mappa.png)\n")  # published at guida/capitolo/
    result = build_site(tree, validation=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = tree / "site"
    runs = run_exports(tree)
    return site, *runs


def images_in_pdf(data: bytes) -> list[tuple[tuple[int, int], bytes]]:
    """(width and height, decoded bytes) of every image XObject the PDF holds, read from its
    dictionary (a bomb is never decoded here: its bytes are left out)."""
    found, seen = [], set()
    stack = [page.get("/Resources") for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    while stack:
        resources = stack.pop()
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if id(xobject) in seen:
                continue
            seen.add(id(xobject))
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject.get("/Resources"))
            elif xobject.get("/Subtype") == "/Image":
                size = (int(xobject["/Width"]), int(xobject["/Height"]))
                found.append((size, xobject.get_data() if size[0] * size[1] <= 4_000_000 else b""))
    return found


def exported_files(site: Path) -> dict[str, bytes]:
    """The PDFs, and every file of the offline zip: what the export publishes."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pdf").glob("*.pdf")}
    with zipfile.ZipFile(site / OFFLINE_ZIP) as zipped:
        files.update({f"zip:{name}": zipped.read(name) for name in zipped.namelist()})
    return files


def test_the_pdf_export_leaves_out_and_names_every_image_it_must_not_read(hostile_exports):
    site, pdf, offline = hostile_exports
    assert "Traceback" not in pdf.stderr + offline.stderr, (
        pdf.stderr[-3000:] + offline.stderr[-3000:]
    )
    assert pdf.returncode == 1, pdf.stdout + pdf.stderr
    assert offline.returncode == 0, offline.stderr[-3000:]
    for message in (
        "guidelines/guida/index.md: image: the image `../../../outside/segreto.png` points outside the site — save the image in a media/ folder",
        "guidelines/guida/index.md: image: the image `../../leak-image.png` points outside the site",
        "guidelines/guida/index.md: image: the image `../../leak-folder/segreto.jpg` points outside the site",
        "guidelines/guida/index.md: image: the image `%2e%2e/%2E%2e/%2e%2e/outside/segreto.png` points outside the site",
        "guidelines/guida/index.md: image: `document.yml` is not an image in a media/ folder",
        "guidelines/guida/index.md: image: the image `media/bomba.png` does not exist",  # not published
        "is an absolute path, which would be read from the disk of the machine that builds the site",
    ):
        assert message in pdf.stderr, f"{message!r} not in:\n{pdf.stderr}"
    # the composed HTML names only files the resolver allowed: WeasyPrint is never refused
    assert "left out of the PDF" not in pdf.stderr, pdf.stderr
    assert not (site / "guida" / "media" / "bomba.png").exists()  # the build did not publish it


def test_pdfs_and_the_offline_zip_hold_nothing_from_outside_and_no_bomb(hostile_exports):
    site, _, _ = hostile_exports
    files = exported_files(site)
    assert any(name.startswith("zip:") and name.endswith(".pdf") for name in files)
    assert_none(
        [name for name, data in files.items() if OUTSIDE_MARKER.encode() in data],
        "exported files with the marker of a file outside the repository",
    )
    pdfs = {name: images_in_pdf(data) for name, data in files.items() if name.endswith(".pdf")}
    embedded = [(name, size) for name, images in pdfs.items() for size, _ in images]
    assert_none(
        [f"{name}: {size}" for name, size in embedded if size == OUTSIDE_IMAGE_SIZE],
        "images of the size of those outside the repository in the PDFs",
    )
    assert_none(
        [f"{name}: {size}" for name, size in embedded if size[0] * size[1] > 4_000_000],
        "large images in the PDFs",
    )
    assert_none(
        [
            f"{name}: {size}"
            for name, images in pdfs.items()
            for size, data in images
            if OUTSIDE_MARKER.encode() in data
        ],
        "images carrying the outside marker",
    )
    # the check can see an image: the chapter's own one is in both guide PDFs and their zip copies
    assert {name for name, size in embedded if size == OWN_IMAGE_SIZE} >= {
        "pdf/guida-it.pdf",
        f"zip:{FOLDER}/pdf/guida-it.pdf",
    }


def test_the_pdf_fetcher_refuses_what_the_composed_html_should_never_name(tmp_path):
    """Defence in depth: HTML that names files outside, a bomb and a script straight to WeasyPrint
    with the export's fetcher (exports/fetcher.py) gives a PDF without them, and the reasons."""
    from weasyprint import HTML

    site, outside = tmp_path / "site", make_outside(tmp_path)
    (site / "guida" / "media").mkdir(parents=True)
    bomb = next(i for c, i in corpus() if c == "exports" and i["name"] == "png-bomb")["write"]
    (site / "guida" / "media" / "bomba.png").write_bytes(content(next(iter(bomb.values()))))
    (site / "guida" / "media" / "finta.png").write_text("<script>alert(1)</script>", "utf-8")
    os.symlink(outside / "segreto.png", site / "guida" / "media" / "vicina.png")
    addresses = [
        (outside / "segreto.png").as_uri(),
        "../outside/segreto.jpg",
        "guida/media/vicina.png",
        "guida/media/bomba.png",
        "guida/media/finta.png",
        "data:image/png;base64," + base64.b64encode(outside_image("PNG")).decode(),
        "http://127.0.0.1:9/segreto.png",
    ]
    html = "".join(f'<p><img src="{address}" alt="x"></p>' for address in addresses)
    html += f'<p style="background: url({(outside / "segreto.txt").as_uri()})">y</p>'
    fetcher = SiteFetcher(site, Path(str(PACKAGE_ASSETS)))
    data = HTML(string=html, base_url=f"{site}/", url_fetcher=fetcher).write_pdf()
    assert images_in_pdf(data) == []
    assert OUTSIDE_MARKER.encode() not in data
    refused = "\n".join(fetcher.refused)
    assert "is outside the built site (it leads to " in refused
    assert "`guida/media/bomba.png`: the image is 12,000 × 12,000 pixels" in refused
    assert "`guida/media/finta.png`: the file is named .png but is not a PNG image" in refused
    assert "the PDF reads only files of the site, not `data:image/png" in refused
    assert "the PDF reads only files of the site, not `http://127.0.0.1:9/segreto.png`" in refused
    assert len(fetcher.refused) == len(addresses) + 1  # the stylesheet's url() too
