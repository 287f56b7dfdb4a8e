"""The Content Security Policy of every page: a second wall behind the allowlist (markup/sanitize.py).

The policy (POLICY) lets a page run only the site's own script files and the inline scripts the
theme writes, each named by its hash; the hashes are computed here from the page as rendered,
read with a parser, never typed. Each page's head carries the policy without hashes
(overrides/main.html, before any script), and on_post_page (hooks.py) puts in the one with this
page's hashes: a page the step missed runs no inline script at all, it does not run them all.

Styles: 'self' plus the hashes of the page's <style> elements and style attributes
('unsafe-hashes', CSP level 3): the alignment of a table's columns is a style attribute
(Markdown's tables), and no other inline style is written. Images may be data: addresses (Material's
icons in its stylesheets). frame-ancestors cannot be set by a <meta> (browsers ignore it there):
HEADERS is the same policy as HTTP headers, for hosts that set them (README.md).

The offline copy is read from file://, where the iframe-worker shim runs Material's search in a
frame whose script names the worker's address on the reader's disk: no hash can be known at build
time, so there the policy allows inline scripts (OFFLINE); its other directives are the same.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from html.parser import HTMLParser

from .templates import environment

# directive → sources, before the hashes; one owner: the meta, the headers and the tests read it
POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],  # Pagefind's search runs WebAssembly
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# the offline copy's script-src (see above): hashes would switch 'unsafe-inline' off, so none
OFFLINE_SCRIPTS = ["'self'", "'unsafe-inline'"]
HEADERS_ONLY: dict[str, list[str]] = {"frame-ancestors": ["'self'"]}  # ignored in a <meta>
# what a header may repeat: a browser applies every policy it is given, so a header's default-src or
# script-src, without each page's hashes, would block the inline scripts the page's <meta> allows
_IN_HEADERS = ("object-src", "base-uri", "form-action")
META = "Content-Security-Policy"
# <script type> values a browser runs (the others, such as Material's JSON config, are data)
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def text(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def base_policy(offline: bool = False) -> str:
    """The policy without the page's hashes (what the template writes first)."""
    return text(_policy(offline))


def headers() -> str:
    """The HTTP header value for hosts that set headers: what only a header can say
    (frame-ancestors) and the directives that need no page's hashes; the rest stays in each page's
    <meta>, which the browser applies as well."""
    return text({name: POLICY[name] for name in _IN_HEADERS} | HEADERS_ONLY)


def finish_page(html: str, offline: bool = False) -> str:
    """The page with its <meta> policy naming the hashes of its inline scripts and styles. A page
    without the meta (not one of the theme's) is returned as it is."""
    found = _Inline(html)
    if found.meta is None:
        return html
    policy = _policy(offline)
    if not offline:
        policy["script-src"] = policy["script-src"] + [_hash(s) for s in found.scripts]
    styles = [_hash(s) for s in found.styles]
    attributes = [_hash(s) for s in found.style_attributes]
    if attributes:
        styles = ["'unsafe-hashes'", *styles, *attributes]
    policy["style-src"] = policy["style-src"] + list(dict.fromkeys(styles))
    start, end = found.meta
    meta = environment().get_template("parts/csp.html").render(policy=text(policy))
    return html[:start] + meta.strip() + html[end:]


def _policy(offline: bool) -> dict[str, list[str]]:
    return dict(POLICY, **({"script-src": OFFLINE_SCRIPTS} if offline else {}))


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _Inline(HTMLParser):
    """The page's inline scripts and styles (their text as the browser hashes it), its style
    attributes, and where the policy's <meta> tag is (start and end offsets)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)  # a script's text is raw: no reference decoded
        self.html = html
        self.starts = [0, *itertools.accumulate(len(line) + 1 for line in html.split("\n"))]
        self.meta: tuple[int, int] | None = None
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self.open: list[str] | None = None  # the text of the inline script or style being read
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("style") is not None:
            self.style_attributes.append(values["style"])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == META.lower():
            if self.meta is None:
                line, column = self.getpos()
                start = self.starts[line - 1] + column
                self.meta = (start, start + len(self.get_starttag_text() or ""))
        elif tag == "script" and "src" not in values:
            if (values.get("type") or "").strip().lower() in _SCRIPT_TYPES:
                self.open = []
                self.scripts.append("")
        elif tag == "style":
            self.open = []
            self.styles.append("")

    def handle_data(self, data):
        if self.open is not None:
            self.open.append(data)

    def handle_endtag(self, tag):
        if self.open is None or tag not in ("script", "style"):
            return
        target = self.scripts if tag == "script" else self.styles
        target[-1] = "".join(self.open)
        self.open = None
