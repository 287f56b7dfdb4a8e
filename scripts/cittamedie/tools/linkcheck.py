"""The addresses the content cites, checked: every `sources` URL of every page, case and data file
(and a case's `links` and results' `source`), each address once, every use reported at its
file:line. Run weekly (.github/workflows/links.yml): `cittamedie links --format markdown`.

Bounded: only http and https; a timeout on every network operation and a deadline per address;
at most MAX_REDIRECTS redirects, followed here (each hop's scheme checked); WORKERS requests at a
time; HEAD first, then GET when HEAD is refused (the body is never read).

Only public hosts (fetch.py): every host, the first and each redirect's, must resolve to public
addresses only, and is connected to at one of them; any other is reported as its own verdict,
`refused` (rule private-link), not as dead."""

from __future__ import annotations

import socket
import ssl
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPException
from urllib.parse import urljoin, urlsplit

from ..content.messages import Say, say
from ..content.model import Site
from ..content.problems import ERROR, WARNING, Problem
from .fetch import OPENER, Refused
from .markdown import render

TIMEOUT = 15.0  # seconds for one connect or read; slow public sites answer within a few
DEADLINE = 45.0  # seconds for one address, its redirects and the GET retry included
MAX_REDIRECTS = 5  # a chain longer than this is a loop or a misconfiguration
WORKERS = 8  # requests at a time: enough for a few hundred addresses, gentle on each host
USER_AGENT = "cittamedie-linkcheck/1 (weekly check of the sources cited by the site)"
MOVED = (301, 308)  # permanent: the content should cite the new address
UNSURE = (401, 403, 429)  # the site refuses robots or wants a login: a person has to look


@dataclass(frozen=True)
class Use:
    path: str
    line: int
    field: str


@dataclass
class Result:
    url: str
    verdict: str = "live"  # live | moved | dead | unsure | skipped | refused
    status: int | None = None
    final: str = ""
    reason: str = ""
    hops: list[str] = field(default_factory=list)


def collect(site: Site) -> dict[str, list[Use]]:
    """address → where it is cited, in file order."""
    found: dict[str, list[Use]] = {}

    def add(url, path: str, lines: dict[str, int], dotted: str) -> None:
        if isinstance(url, str) and url.strip():
            found.setdefault(url.strip(), []).append(Use(path, lines.get(dotted, 1), dotted))

    for source in site.sources:
        meta = source.meta if isinstance(source.meta, dict) else {}
        for name in ("sources", "links"):
            for n, item in enumerate(meta.get(name) or []):
                if isinstance(item, dict):
                    add(item.get("url"), source.rel, source.lines, f"{name}.{n}.url")
        for n, item in enumerate(meta.get("results") or []):
            if isinstance(item, dict):
                add(item.get("source"), source.rel, source.lines, f"results.{n}.source")
    for name, data in site.data.items():
        for n, item in enumerate((data or {}).get("sources") or []):
            if isinstance(item, dict):
                add(
                    item.get("url"),
                    f"data/{name}.yml",
                    site.data_lines.get(name, {}),
                    f"sources.{n}.url",
                )
    return found


def _ask(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with OPENER.open(
            request, timeout=timeout
        ) as response:  # closed unread: no body is downloaded
            return response.status, None
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location") if exc.headers else None
        exc.close()
        return exc.code, location


def check(
    url: str,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    max_redirects: int = MAX_REDIRECTS,
) -> Result:
    """The verdict on one address."""
    result, current, ends = Result(url), url, time.monotonic() + deadline
    if urlsplit(url).scheme not in ("http", "https"):
        result.verdict, result.reason = "skipped", say("only http and https addresses are checked")
        return result
    try:
        for _ in range(max_redirects + 1):
            left = ends - time.monotonic()
            if left <= 0:
                raise TimeoutError
            status, location = _ask(current, "HEAD", min(timeout, left))
            if (
                status >= 400 and status != 410
            ):  # many servers refuse or mishandle HEAD: ask with GET
                status, location = _ask(
                    current, "GET", min(timeout, max(ends - time.monotonic(), 0.1))
                )
            result.status = status
            if 300 <= status < 400 and location:
                result.hops.append(f"{status} {current}")
                nxt = urljoin(current, location)
                if urlsplit(nxt).scheme not in ("http", "https"):
                    return _dead(
                        result,
                        say("redirects to `{target}`, which is not a web address", target=nxt),
                    )
                if status in MOVED and result.verdict == "live":
                    result.verdict = "moved"
                current = nxt
                continue
            result.final = current
            if status < 300:
                return result
            if status in UNSURE or status >= 500:
                result.verdict, result.reason = "unsure", _answers(status)
                return result
            return _dead(result, _answers(status))
        return _dead(result, say("redirects more than {count} times", count=max_redirects))
    except TimeoutError:
        result.verdict, result.reason = "unsure", _silent(timeout)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            result.verdict, result.reason = "unsure", _silent(timeout)
        elif isinstance(reason, Refused):
            result.verdict = "refused"
            result.reason = say(
                "leads to {address}, a private or local address, which the check does not fetch",
                address=str(reason),
            )
        elif isinstance(reason, socket.gaierror):
            _dead(result, say("has a host name that does not exist"))
        elif isinstance(reason, ssl.SSLError):
            _dead(result, say("has a certificate that is not valid"))
        elif isinstance(reason, ConnectionRefusedError):
            _dead(result, say("refuses the connection"))
        else:
            _dead(result, say("cannot be reached ({reason})", reason=_said(reason)))
    except (HTTPException, OSError, ValueError) as exc:
        _dead(result, say("cannot be reached ({reason})", reason=exc.__class__.__name__))
    return result


def _said(reason: object) -> str:
    """An error's sentence: its Say (said later in the editor's language) when it carries one."""
    first = getattr(reason, "args", ())[:1]
    return first[0] if first and isinstance(first[0], Say) else str(reason)


def _answers(status: int) -> Say:
    return say("answers {status}", status=status)


def _silent(timeout: float) -> Say:
    return say("gives no answer within {seconds:.0f} s", seconds=timeout)


def _dead(result: Result, reason: str) -> Result:
    result.verdict, result.reason = "dead", reason
    return result


def check_all(urls: list[str], workers: int = WORKERS, **limits) -> dict[str, Result]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(urls, pool.map(lambda url: check(url, **limits), urls), strict=True))


FIXES = {
    "dead": say(
        "find the page's new address (or an archived copy) and cite that, or remove the source"
    ),
    "moved": say("cite the new address"),
    "unsure": say("open the address in a browser: if it works, nothing to do"),
    "skipped": say("cite an https:// address"),
    "refused": say(
        "cite the page's public address: readers cannot reach an address of a private or "
        "local network, and the check does not fetch one"
    ),
}
RULES = {"dead": "dead-link", "refused": "private-link"}  # errors; the other verdicts: warnings


def problems(uses: dict[str, list[Use]], results: dict[str, Result]) -> list[Problem]:
    """One problem per use of an address that is not live: dead ones are errors, the rest warnings."""
    found = []
    for url, result in results.items():
        if result.verdict == "live":
            continue
        if result.verdict == "moved":
            message = say(
                "the address `{url}` has moved permanently to `{final}`",
                url=url,
                final=result.final,
            )
        else:
            message = say("the address `{url}` {reason}", url=url, reason=result.reason)
        rule = RULES.get(result.verdict, "link")
        severity = ERROR if result.verdict in RULES else WARNING
        for use in uses.get(url, []):
            found.append(
                Problem(
                    use.path,
                    use.line,
                    rule,
                    message,
                    FIXES[result.verdict],
                    use.field,
                    severity,
                )
            )
    return sorted(found, key=lambda p: (p.severity != ERROR, p.path, p.line))


def summary(found: list[Problem], checked: int) -> Say:
    errors = sum(p.severity == ERROR for p in found)
    return say(
        "{checked} addresses checked: {errors} error(s), {warnings} warning(s).",
        checked=checked,
        errors=errors,
        warnings=len(found) - errors,
    )


def markdown(found: list[Problem], checked: int) -> str:
    """The report for the job summary and the issue: one table of dead links, one of the others."""
    dead = [p for p in found if p.rule == RULES["dead"]]
    refused = [p for p in found if p.rule == RULES["refused"]]
    rest = [p for p in found if p.severity != ERROR]
    return render("links.md", dead=dead, refused=refused, rest=rest, checked=checked)
