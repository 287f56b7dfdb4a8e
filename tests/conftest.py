"""Shared fixtures: fixture content trees, the real site built once, a local server, a browser."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from cittamedie.content.identity import Identity
from cittamedie.site.context import BuildContext

# The suite reads the editor's messages in English, the language they are written in; the Italian
# ones are tested by asking for them (--lang it, tests/unit/test_messages.py). Set before any test
# runs, so that every child process (mkdocs, the CLI) inherits it.
os.environ["LANGUAGE"] = "en"
# The deployment's addresses (mkdocs.yml reads them with !ENV; unset by default, content/identity.py):
# test values for every build of the suite; tests/site/test_identity.py builds without them too.
DEPLOYMENT = {
    "CITTAMEDIE_SITE_URL": "https://cittamedie.example.org/",
    "CITTAMEDIE_REPOSITORY": "https://github.com/example/cittamedie-sud",
    "CITTAMEDIE_FEEDBACK_EMAIL": "cittamedie@example.org",
}
os.environ.update(DEPLOYMENT)
os.environ.pop("CITTAMEDIE_PUBLISHING", None)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# An event of data/events.yml that is still ahead for decades (home page and browser date tests)
FUTURE_EVENT = """
  - id: futuro
    title: {it: "Incontro futuro", en: "Future meeting"}
    start: 2099-03-01
    end: 2099-03-02
    place: {it: "Bari", en: "Bari"}
    description: {it: "Un incontro.", en: "A meeting."}
    sources:
      - {title: "Nota", url: "https://example.org/nota"}
"""
# A publisher for the parts of pages made outside a build (the build reads mkdocs.yml's)
IDENTITY = Identity(
    publisher={"it": "Gruppo", "en": "Group"},
    official=False,
    eu_funding=False,
    repository="https://github.com/example/cittamedie-sud",
    branch="main",
    feedback_email="cittamedie@example.org",
)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def make_chapter_untranslated(tree: Path) -> None:
    """The fixture's chapter marked deliberately untranslated, its English file removed."""
    chapter = tree / "guidelines" / "guida" / "capitolo.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace("updated:", 'untranslated: "in revisione"\nupdated:', 1)
    )
    (tree / "guidelines" / "guida" / "capitolo.en.md").unlink()


def build_context(site, identity: Identity = IDENTITY, today: str | None = None) -> BuildContext:
    """The site build's context for a loaded site, without MkDocs, its history read from git."""
    context = BuildContext.of_site(site, identity, today=today)
    context.read_history()
    return context


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True)
    return target


# unit/: the fast tests, no marker; every browser test needs the built site, so it is slow too
FOLDER_MARKERS = {"site": ("slow",), "browser": ("browser", "slow")}


def pytest_collection_modifyitems(items):
    """Markers by folder: tests/site builds sites (slow), tests/browser drives Chromium on the built
    site (browser, slow)."""
    for item in items:
        folder = Path(item.fspath).parent.name
        for marker in FOLDER_MARKERS.get(folder, ()):
            item.add_marker(marker)


def validate(root: Path, capsys, *args: str, lang: str = "en") -> tuple[int, str]:
    """`cittamedie validate` on a tree: its exit code and all it printed (the report, then anything
    on stderr), never a traceback."""
    from cittamedie.__main__ import main

    code = main(["--root", str(root), "--lang", lang, "validate", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


@pytest.fixture
def valid_tree(tmp_path: Path) -> Path:
    """A copy of the smallest valid content tree, free to break, with the project's mkdocs.yml
    (the validator renders pages with its Markdown settings)."""
    tree = copy_tree(FIXTURES / "valid", tmp_path / "repo")
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    return tree


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built once with `mkdocs build --strict` into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class CompressingHandler(_QuietHandler):
    """A static host as the site is meant to be served: gzip for text, assets cached for a year
    (their names or ?v= carry a content hash), pages revalidated. Loopback only (see serve)."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ".csv", ".mjs")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (
            not path.is_file()
            or not path.suffix
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        if path.suffix not in self.COMPRESSED:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        asset = self.path.startswith("/assets/") or "/assets/" in self.path.split("?")[0]
        self.send_header(
            "Cache-Control", "public, max-age=31536000, immutable" if asset else "no-cache"
        )
        super().end_headers()


@contextmanager
def serve(directory: Path, handler=CompressingHandler):
    """Serve a folder on a loopback port for the duration of the block; yields its base URL."""
    with loopback_server(functools.partial(handler, directory=str(directory))) as url:
        yield url


@contextmanager
def loopback_server(handler):
    """Any request handler on a free loopback port for the duration of the block; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def compressed_server(built_site: Path):
    """The built site on a loopback port with gzip and cache headers; yields its base URL."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The built site on a loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed at {CHROMIUM}: `make test` installs Debian's chromium")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
