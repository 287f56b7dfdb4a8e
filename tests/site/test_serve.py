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

from cittamedie.content.files import normalize, parse_markdown
from cittamedie.content.model import text_hash
from cittamedie.tools.files import with_field

from ..translation_repo import CHAPTER, translated_repo
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
    translated_repo(valid_tree, monkeypatch)
    # The English chapter follows an Italian text no commit holds yet (written elsewhere, to be
    # pulled): which sections changed since is not known. The Italian page as saved differs from
    # it in "Obiettivi".
    # (--mark-current refuses a text not committed here: the mark is written as it would be there)
    chapter = valid_tree / f"{CHAPTER}.md"
    followed = chapter.read_text("utf-8").replace("dura due anni", "dura tre anni")
    english = valid_tree / f"{CHAPTER}.en.md"
    marked, problem = with_field(
        english.read_bytes(),
        "translated_from",
        text_hash(parse_markdown(normalize(followed), CHAPTER).body),
        CHAPTER,
        "test",
    )
    assert problem is None
    english.write_bytes(marked)
    chapter.write_text(followed.replace("Testo del capitolo", "Nuovo testo del capitolo"), "utf-8")
    with serving(valid_tree, tmp_path / "serve.log") as url:
        case = f"{url}/buone-pratiche/matera-caso/"
        assert served(case, ">Povertà</a>")  # the case's theme, from data/themes.yml
        english = f"{url}/en/guida/capitolo/"
        assert served(english, "some parts may be out of date")  # the sections are not known
        # First, while no rebuild is pending (the data edit below rewrites a generated page, and
        # the rebuild that follows would see the commit too): the followed text arrives in a
        # commit, no file of the working tree changes, only the branch.
        commit_elsewhere(valid_tree, f"{CHAPTER}.md", followed)
        assert served(english, '<a href="#obiettivi">Objectives</a>.')
        themes = valid_tree / "data" / "themes.yml"
        themes.write_text(
            themes.read_text("utf-8").replace('"Povertà"', '"Povertà estrema"'), "utf-8"
        )
        assert served(case, ">Povertà estrema</a>")


def commit_elsewhere(tree, path: str, text: str) -> None:
    """A commit of `text` at `path` on top of the branch, made without the working tree or the
    index (as a pull brings a commit made on another machine): only .git/refs/heads/main moves."""
    index = {**os.environ, "GIT_INDEX_FILE": str(tree / ".git" / "elsewhere-index")}
    blob = git_output(tree, "hash-object", "-w", "--stdin", stdin=text)
    git_output(tree, "read-tree", "HEAD", env=index)
    git_output(tree, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=index)
    commit = git_output(
        tree, "commit-tree", git_output(tree, "write-tree", env=index), "-p", "HEAD", "-m", "Tempi"
    )
    git_output(tree, "update-ref", "refs/heads/main", commit)


def git_output(tree, *args: str, stdin: str | None = None, env: dict | None = None) -> str:
    names = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    done = subprocess.run(
        ["git", "-C", str(tree), *names, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return done.stdout.strip()


def test_the_preview_serves_a_page_with_a_problem_and_reports_it(valid_tree, tmp_path):
    log = tmp_path / "serve.log"
    with serving(valid_tree, log) as url:
        assert served(f"{url}/buone-pratiche/matera-caso/", "</html>")
        # the live reload is an inline script MkDocs adds as it serves: no policy in the preview
        served_page = fetch(f"{url}/buone-pratiche/matera-caso/")
        assert "livereload" in served_page and "Content-Security-Policy" not in served_page
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
