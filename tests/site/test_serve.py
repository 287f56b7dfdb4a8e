"""`mkdocs serve` on a fixture repository, as an editor runs it (`make serve`): a saved edit of a
data file and a new commit both reach the served pages at the next rebuild (the build reads the
content and git afresh each time: no state outlives a build)."""

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
def serving(tree):
    configure(tree)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tree,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def served(url: str, text: str) -> bool:
    """Whether the page at url holds text, within PATIENCE seconds."""
    ends = time.monotonic() + PATIENCE
    while time.monotonic() < ends:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass  # not serving yet, or rebuilding
        time.sleep(0.2)
    return False


def test_serve_shows_an_edited_data_file_and_a_new_commit(valid_tree, monkeypatch):
    translated_repo(
        valid_tree, monkeypatch
    )  # the English chapter is stale in its "Risorse" section
    with serving(valid_tree) as url:
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
