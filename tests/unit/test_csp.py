"""The Content Security Policy's hashes (site/csp.py): computed from the page as rendered, for the
scripts a browser runs and the styles it applies, and nothing else."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

from cittamedie.site import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{base}">
<script>var a = "&amp;</p>";</script>
<script id="__config" type="application/json">{{"x": 1}}</script>
<script src="assets/x.js"></script>
</head><body><table><tr><td style="text-align: right">1</td></tr></table>
<script type="module">go()</script></body></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class _Meta(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.policy, self.metas = None, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.metas += 1
            self.policy = {
                part.split()[0]: part.split()[1:] for part in values["content"].split("; ")
            }


def policy_of(html: str) -> dict[str, list[str]]:
    found = _Meta(html)
    assert found.metas == 1
    return found.policy


def test_the_page_names_the_hashes_of_its_inline_scripts_and_styles_only():
    page = csp.finish_page(PAGE.format(base=csp.base_policy()))
    policy = policy_of(page)
    assert policy["script-src"] == [
        "'self'",
        "'wasm-unsafe-eval'",
        sha('var a = "&amp;</p>";'),  # the raw text, as the browser hashes it
        sha("go()"),
    ]
    assert policy["style-src"] == ["'self'", "'unsafe-hashes'", sha("text-align: right")]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in page and "'unsafe-eval'" not in page
    before = PAGE.format(base=csp.base_policy())
    assert _around_meta(page) == _around_meta(before)  # only the policy's value changed


def _around_meta(html: str) -> tuple[str, str]:
    head, tail = html.split('<meta http-equiv="Content-Security-Policy"')
    return head, tail.split(">", 1)[1]


def test_the_offline_copy_allows_inline_scripts_and_keeps_the_rest():
    policy = policy_of(csp.finish_page(PAGE.format(base=csp.base_policy(True)), offline=True))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]


def test_a_page_without_the_meta_is_left_as_it_is():
    html = "<html><head><script>x()</script></head></html>"
    assert csp.finish_page(html) == html


def test_the_headers_add_frame_ancestors_and_leave_scripts_to_each_page():
    assert csp.headers() == (
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
    )
    assert "frame-ancestors" not in csp.base_policy()
