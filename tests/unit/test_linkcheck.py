"""The source-link check against a local server: live, dead, moving, looping, slow and HEAD-refusing
addresses; bounded redirects, timeouts and concurrency; every dead use reported at its file:line."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from cittamedie.__main__ import main
from cittamedie.tools import fetch, linkcheck

from ..conftest import loopback_server


class Handler(http.server.BaseHTTPRequestHandler):
    busy = 0  # /busy requests being answered now (the concurrency test's, and no other test's)
    most = 0
    lock = threading.Lock()
    ROUTES = {
        "/ok": (200, None),
        "/gone": (404, None),
        "/moved": (301, "/ok"),
        "/temp": (302, "/ok"),
        "/loop": (302, "/loop"),
        "/forbidden": (403, None),
        "/error": (500, None),
        "/to-ftp": (302, "ftp://127.0.0.1/file"),
        "/chain": (308, "/moved"),
    }

    def log_message(self, *args):
        pass

    def _answer(self, with_body: bool):
        cls, path = type(self), self.path.split("?")[0]
        if path == "/busy":
            with cls.lock:
                cls.busy += 1
                cls.most = max(cls.most, cls.busy)
        try:
            if path == "/slow":
                time.sleep(1.5)
            if path == "/busy":
                time.sleep(0.15)
                # Counted out before the answer is sent: once the client has its answer, its worker
                # may send the next request before this thread runs again (a fourth "busy" under load).
                with cls.lock:
                    cls.busy -= 1
            if path == "/nohead" and self.command == "HEAD":
                status, location = 405, None
            else:
                status, location = self.ROUTES.get(
                    path, (200 if path in ("/slow", "/busy", "/nohead") else 404, None)
                )
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if with_body:
                self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


def server():
    return loopback_server(Handler)


@pytest.fixture(autouse=True)
def loopback_plays_a_public_host(monkeypatch):
    """The local server at 127.0.0.1 plays a public host in these tests of the HTTP verdicts:
    that one address is let through. The address rule is tested as it is in
    test_linkcheck_addresses.py."""
    real = fetch.fetchable
    monkeypatch.setattr(
        fetch, "fetchable", lambda address: str(address) == "127.0.0.1" or real(address)
    )


def local_only(tree, base: str) -> None:
    """Every address of the fixture content on the local server: the tests reach no other host."""
    for path in [*tree.rglob("*.md"), *tree.rglob("*.yml")]:
        text = path.read_text("utf-8")
        if "https://example.org/" in text:
            path.write_text(text.replace("https://example.org/", f"{base}/ok?"), "utf-8")


def line_of(path, needle: str) -> int:
    return next(
        n for n, text in enumerate(path.read_text("utf-8").split("\n"), 1) if needle in text
    )


@pytest.fixture(scope="module")
def base():
    with server() as url:
        yield url


@pytest.mark.parametrize(
    "path, verdict, status",
    [
        ("/ok", "live", 200),
        ("/temp", "live", 200),
        ("/nohead", "live", 200),
        ("/moved", "moved", 200),
        ("/chain", "moved", 200),
        ("/gone", "dead", 404),
        ("/loop", "dead", 302),
        ("/to-ftp", "dead", 302),
        ("/forbidden", "unsure", 403),
        ("/error", "unsure", 500),
    ],
)
def test_verdicts(base, path, verdict, status):
    result = linkcheck.check(base + path, timeout=2)
    assert (result.verdict, result.status) == (verdict, status), result


def test_redirects_are_bounded_and_followed_to_the_end(base):
    assert linkcheck.check(base + "/loop", timeout=2).reason == "redirects more than 5 times"
    chain = linkcheck.check(base + "/chain", timeout=2)
    assert chain.final == base + "/ok" and len(chain.hops) == 2
    assert linkcheck.check(base + "/moved", timeout=2, max_redirects=0).verdict == "dead"


def test_a_slow_server_is_given_up_on_after_the_timeout(base):
    """/slow answers 200 after 1.5 s: a check that waited for it would say "live"."""
    result = linkcheck.check(base + "/slow", timeout=0.3)
    assert result.verdict == "unsure" and "no answer" in result.reason


def test_only_web_addresses_are_fetched_and_a_closed_port_is_dead():
    assert linkcheck.check("file:///etc/passwd").verdict == "skipped"
    assert linkcheck.check("ftp://127.0.0.1/x").verdict == "skipped"
    with server() as url:
        closed = url
    result = linkcheck.check(closed + "/ok", timeout=2)
    assert (result.verdict, result.reason) == ("dead", "refuses the connection")


def test_at_most_workers_requests_at_a_time(base):
    Handler.most = 0
    urls = [f"{base}/busy?n={n}" for n in range(12)]
    results = linkcheck.check_all(urls, workers=3, timeout=2)
    assert all(r.verdict == "live" for r in results.values())
    assert 1 <= Handler.most <= 3


def test_the_command_reports_each_use_of_a_dead_link_at_its_line(base, valid_tree, capsys):
    for name in ("matera-caso.md", "matera-caso.en.md"):
        case = valid_tree / "good-practices" / name
        text = case.read_text("utf-8").replace(
            '  - {title: "Fonte", url: "https://example.org/fonte"}',
            f'  - {{title: "Viva", url: "{base}/ok"}}\n  - {{title: "Morta", url: "{base}/gone"}}\n'
            f'  - {{title: "Spostata", url: "{base}/moved"}}',
        )
        case.write_text(
            text.replace('source: "https://example.org/r"', f'source: "{base}/temp"'), "utf-8"
        )
    local_only(valid_tree, base)
    code = main(["--root", str(valid_tree), "links", "--timeout", "2"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.strip().endswith("addresses checked: 2 error(s), 2 warning(s).")
    for name in ("matera-caso.md", "matera-caso.en.md"):
        line = line_of(valid_tree / "good-practices" / name, "/gone")
        assert (
            f"good-practices/{name}:{line}: dead-link: the address `{base}/gone` answers 404 (sources.1.url)"
            f" — {linkcheck.FIXES['dead']}"
        ) in out
        assert (
            f"good-practices/{name}:{line + 1}: link: warning: the address `{base}/moved` has moved permanently"
            f" to `{base}/ok` (sources.2.url) — cite the new address"
        ) in out
    assert "/ok`" not in out.replace("to `" + base + "/ok`", "") and "/temp" not in out


def test_the_markdown_report_lists_dead_links_in_one_table(base, valid_tree, capsys):
    case = valid_tree / "good-practices" / "matera-caso.md"
    case.write_text(
        case.read_text("utf-8").replace("https://example.org/fonte", f"{base}/gone|x"), "utf-8"
    )
    local_only(valid_tree, base)
    code = main(["--root", str(valid_tree), "links", "--format", "markdown", "--timeout", "2"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("## Source links: 1 dead, 0 to look at, of ")
    assert "| where | field | what is wrong | fix |" in out
    assert "| good-practices/matera-caso.md:" in out and "/gone&#124;x&#96; answers 404 |" in out


def test_bad_options_are_a_usage_error(valid_tree, capsys):
    assert main(["--root", str(valid_tree), "links", "--workers", "0"]) == 2
    assert (
        "ERROR --timeout must be above 0 and --workers between 1 and 32" in capsys.readouterr().err
    )
