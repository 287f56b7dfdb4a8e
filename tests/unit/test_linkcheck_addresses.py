"""The link check fetches only public hosts: loopback, private, link-local, multicast and reserved
addresses are refused, by address or after resolving a name (every address it resolves to), on the
first request and on every redirect, and the connection goes to the address checked. Reported as
its own verdict. No test needs the Internet: a local server, and name resolution monkeypatched for
names of the .test domain (which no resolver answers)."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading

import pytest

from cittamedie.__main__ import main
from cittamedie.tools import fetch, linkcheck

from ..conftest import loopback_server

REAL_GETADDRINFO = socket.getaddrinfo


class Counting(http.server.BaseHTTPRequestHandler):
    """Counts the requests it gets; /to-internal redirects to a name of a private address."""

    requests = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        with Counting.lock:
            Counting.requests += 1
        port = self.server.server_address[1]
        self.send_response(302 if self.path == "/to-internal" else 200)
        if self.path == "/to-internal":
            self.send_header("Location", f"http://internal.test:{port}/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server():
    Counting.requests = 0
    with loopback_server(Counting) as url:
        yield url


@pytest.fixture
def names(monkeypatch):
    """Name → the addresses the resolver answers, for names of .test; each lookup recorded. A
    list of lists answers each lookup in turn (a name that changes its answer)."""
    answers: dict[str, list] = {}
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        asked.append(host)
        given = answers[host]
        addresses = given.pop(0) if isinstance(given[0], list) else given
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port, 0, 0) if ":" in a else (a, port),
            )
            for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, asked


@pytest.fixture
def no_connection(monkeypatch):
    """Any connection attempt fails the test: a refused host is never connected to."""

    def refuse(*args, **kwargs):
        pytest.fail(f"a connection was made: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)


def loopback_plays_a_public_host(monkeypatch):
    real = fetch.fetchable
    monkeypatch.setattr(fetch, "fetchable", lambda a: str(a) == "127.0.0.1" or real(a))


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),  # loopback
        ("127.1.2.3", False),
        ("::1", False),
        ("10.0.0.1", False),  # private
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("fc00::1", False),
        ("169.254.169.254", False),  # link-local: a cloud's metadata service
        ("fe80::1", False),
        ("100.64.0.1", False),  # shared (carrier-grade NAT)
        ("0.0.0.0", False),  # this host
        ("224.0.0.1", False),  # multicast
        ("ff02::1", False),
        ("255.255.255.255", False),  # broadcast, reserved
        ("240.0.0.1", False),
        ("192.0.2.1", False),  # documentation
        ("::ffff:127.0.0.1", False),  # IPv4 inside IPv6: mapped, 6to4, NAT64, Teredo
        ("2002:a00:1::1", False),
        ("64:ff9b::a00:1", False),
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),  # Teredo, client 10.0.0.1
    ],
)
def test_only_public_addresses_are_fetchable(address, public):
    assert fetch.fetchable(ipaddress.ip_address(address)) is public


def test_a_loopback_address_is_refused_and_never_asked(server):
    result = linkcheck.check(server + "/ok", timeout=2)
    assert (result.verdict, result.reason) == (
        "refused",
        "leads to 127.0.0.1, a private or local address, which the check does not fetch",
    )
    assert Counting.requests == 0


@pytest.mark.parametrize(
    "answer, named",
    [
        (["169.254.169.254"], "169.254.169.254"),
        (["127.0.0.1"], "127.0.0.1"),
        (["93.184.216.34", "10.0.0.8"], "10.0.0.8"),  # one private address among public ones
        (["::1"], "::1"),
    ],
)
def test_a_name_is_refused_when_any_address_it_resolves_to_is_not_public(
    answer, named, names, no_connection
):
    answers, asked = names
    answers["host.test"] = answer
    result = linkcheck.check("https://host.test/page", timeout=2)
    assert result.verdict == "refused"
    assert f"leads to {named}," in result.reason
    assert asked == ["host.test"]


def test_a_redirect_to_a_private_host_is_refused(server, names, monkeypatch):
    loopback_plays_a_public_host(monkeypatch)
    answers, asked = names
    answers["internal.test"] = ["10.20.30.40"]
    result = linkcheck.check(server + "/to-internal", timeout=2)
    assert (result.verdict, result.status) == ("refused", 302)
    assert result.hops == [f"302 {server}/to-internal"]
    assert "leads to 10.20.30.40," in result.reason
    assert Counting.requests == 1 and asked == ["internal.test"]


def test_the_connection_goes_to_the_address_checked(server, names, monkeypatch):
    """A name that answers a public address, then a private one: resolved once, the request
    reaches the address that was checked."""
    loopback_plays_a_public_host(monkeypatch)
    answers, asked = names
    answers["rebind.test"] = [["127.0.0.1"], ["10.0.0.9"], ["10.0.0.9"]]
    port = server.rsplit(":", 1)[1]
    result = linkcheck.check(f"http://rebind.test:{port}/ok", timeout=2)
    assert (result.verdict, result.status) == ("live", 200)
    assert asked == ["rebind.test"] and Counting.requests == 1


def test_the_report_says_refused_not_dead(server, valid_tree, capsys):
    case = valid_tree / "good-practices" / "matera-caso.md"
    text = case.read_text("utf-8").replace("https://example.org/fonte", server + "/admin")
    case.write_text(text, "utf-8")
    for path in valid_tree.rglob("*.*"):  # every other address: a closed local port, refused too
        if path.is_file() and path.suffix in (".md", ".yml"):
            body = path.read_text("utf-8")
            path.write_text(body.replace("https://example.org/", "http://127.0.0.1:9/"), "utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "/admin" in t)
    code = main(["--root", str(valid_tree), "links", "--timeout", "2"])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        f"good-practices/matera-caso.md:{line}: private-link: the address `{server}/admin` leads "
        "to 127.0.0.1, a private or local address, which the check does not fetch (sources.0.url) "
        "— cite the page's public address"
    ) in out
    assert "dead-link" not in out and Counting.requests == 0
    code = main(["--root", str(valid_tree), "links", "--format", "markdown", "--timeout", "2"])
    report = capsys.readouterr().out
    assert (
        report.startswith("## Source links: 0 dead, ")
        and " not fetched (private or local)" in report
    )
    assert (
        "### Not fetched: private or local addresses" in report and "### Dead links" not in report
    )
