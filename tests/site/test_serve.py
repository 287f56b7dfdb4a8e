"""`mkdocs serve` on a fixture repository, as an editor runs it (`make serve`, the preview): a saved
edit of a data file and a new commit both reach the served pages at the next rebuild (the build
reads the content and git afresh each time: no state outlives a build); a page with a problem is
served, and the problem is reported in the terminal."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from ..translation_repo import CHAPTER, git, translated_repo
from .conftest import ENV, configure

PATIENCE = 120  # seconds a change may take to be served before the test gives up: a hang bound, not a speed test


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(tree, log):
    configure(tree)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=tree,
        env=ENV | {"CITTAMEDIE_PREVIEW": "true"},  # as `make serve`
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def served(url: str, text: str) -> bool:
    """Whether the page at url holds text, within PATIENCE seconds."""
    return within(lambda: text in fetch(url))


def within(found) -> bool:
    ends = time.monotonic() + PATIENCE
    while time.monotonic() < ends:
        if found():
            return True
        time.sleep(0.2)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""  # not serving yet, or rebuilding


def test_serve_shows_an_edited_data_file_and_a_new_commit(valid_tree, monkeypatch, tmp_path):
    translated_repo(
        valid_tree, monkeypatch
    )  # the English chapter is stale in its "Risorse" section
    with serving(valid_tree, tmp_path / "serve.log") as url:
        case = f"{url}/buone-pratiche/matera-caso/"
        assert served(case, ">Povertà</a>")  # the case's theme, from data/themes.yml
        assert served(f"{url}/en/guida/capitolo/", '<a href="#risorse">Resources</a>.')
        themes = valid_tree / "data" / "themes.yml"
        themes.write_text(
            themes.read_text("utf-8").replace('"Povertà"', '"Povertà estrema"'), "utf-8"
        )
        assert served(case, ">Povertà estrema</a>")
        chapter = valid_tree / f"{CHAPTER}.md"
        chapter.write_text(
            chapter.read_text("utf-8").replace("dura due anni", "dura tre anni"), "utf-8"
        )
        git(valid_tree, "commit", "-q", "-am", "Tempi: three years")
        assert served(
            f"{url}/en/guida/capitolo/",
            '<a href="#risorse">Resources</a>, <a href="#tempi">Timing</a>.',
        )


def test_the_preview_serves_a_page_with_a_problem_and_reports_it(valid_tree, tmp_path):
    log = tmp_path / "serve.log"
    with serving(valid_tree, log) as url:
        assert served(f"{url}/buone-pratiche/matera-caso/", "</html>")
        assert within(lambda: "preview: the content is valid" in log.read_text("utf-8"))
        page = valid_tree / "good-practices" / "matera-caso.md"
        page.write_text(page.read_text("utf-8") + "\nVedi [la pagina](non-esiste.md).\n", "utf-8")
        assert served(f"{url}/buone-pratiche/matera-caso/", "la pagina")  # served with its problem
        expected = "good-practices/matera-caso.md:"
        assert within(
            lambda: (
                expected in log.read_text("utf-8") and "does not exist" in log.read_text("utf-8")
            )
        )
        assert "Traceback" not in log.read_text("utf-8")
