"""A chapter of a numbered document as the build publishes its text (site/parts/paragraphs.py): a
permalink with its number and accessible name before each block, and while the consultation is
open the comment links, whose prefilled fields are read back from their addresses; the numbers a
version changed (history/paragraphs.number_changes)."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from cittamedie.content.load import load_site
from cittamedie.history.paragraphs import number_changes
from cittamedie.markup.paragraphs import Numbered
from cittamedie.site.parts.paragraphs import numbered

from ..conftest import FIXTURES, build_context, copy_tree
from ..site.conftest import configure

BODY = "## Risorse {#risorse}\n\nLe risorse sono due.\n\n- la prima\n- la seconda\n"
HTML = (
    '<h2 id="risorse">Risorse</h2>\n<p>Le risorse sono due.</p>\n<ul>\n<li>la prima</li>\n'
    "<li>la seconda</li>\n</ul>"
)
WINDOW = (
    "consultation:\n  opens: 2099-01-10\n  closes: 2099-02-10\n  channel: {it: posta, en: e-mail}\n"
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """The valid fixture, its guide numbered and in consultation in 2099."""
    root = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp("links") / "repo")
    configure(root)
    document = root / "guidelines" / "guida" / "document.yml"
    text = document.read_text("utf-8").replace("status: bozza", "status: in-consultazione")
    document.write_text(text + "numbering: true\n" + WINDOW, "utf-8")
    return root


def published(tree, today: str, lang: str = "it", **identity) -> str:
    site = load_site(tree)
    ctx = build_context(site, today=today)
    ctx.identity = dataclasses.replace(ctx.identity, **identity) if identity else ctx.identity
    ctx.site_url = (
        "https://cittamedie.example.org/"  # mkdocs.yml's site_url, which MkDocs hands over
    )
    source = site.get("guida/capitolo.md", "it")
    url = site.url("guida/capitolo.md", lang)
    return numbered(ctx, source, lang, url, HTML)


class _Links(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.links, self.hidden = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a":
            self.links.append(values)
        if "cm-comment" in (values.get("class") or ""):
            self.hidden.append("hidden" in values)


def test_each_block_gets_its_number_as_a_named_permalink(tree):
    found = _Links(published(tree, "2026-01-01", "en"))
    numbers = [a for a in found.links if a.get("class") == "cm-pnum"]
    assert [(a["id"], a["href"], a["data-number"], a["aria-label"]) for a in numbers] == [
        ("p2-1", "#p2-1", "2.1", "Paragraph 2.1"),
        ("p2-2", "#p2-2", "2.2", "Paragraph 2.2"),
    ]
    assert "Paragrafo 2.1" in published(tree, "2026-01-01", "it")


def test_comment_links_prefill_the_issue_and_the_email_during_the_consultation(tree):
    html = published(tree, "2099-01-20", "en")
    found = _Links(html)
    assert found.hidden == [False, False]
    issue, mail = [a["href"] for a in found.links if "cm-pnum" not in (a.get("class") or "")][:2]
    parts = urlsplit(issue)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://github.com/example/cittamedie-sud/issues/new"
    )
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["title"] == ["Test guide, version 0.1, paragraph 2.1"]
    assert query["labels"] == ["consultazione"]
    assert query["body"] == [
        "Comment on paragraph 2.1 (https://cittamedie.example.org/en/guida/capitolo/#p2-1):\n\n"
        "> Le risorse sono due.\n\nMy comment:\n"
    ]
    assert mail.startswith("mailto:cittamedie@example.org?")
    said = parse_qs(urlsplit(mail).query)
    assert said["subject"] == query["title"] and said["body"] == query["body"]
    assert ">Comment on paragraph 2.1</a>" in html
    assert 'aria-label="Comment on paragraph 2.2 by e-mail">by e-mail</a>' in html


def test_comment_links_are_hidden_before_and_absent_after_the_consultation(tree):
    assert _Links(published(tree, "2098-12-31")).hidden == [True, True]  # the script shows them
    assert "cm-comment" not in published(tree, "2099-02-11")  # built after: none, even without JS


def test_comment_links_follow_the_identity(tree):
    html = published(tree, "2099-01-20", repository="")
    assert "/issues/new" not in html
    assert ">Commenta il paragrafo 2.1 per e-mail</a>" in html
    assert "cm-comment" not in published(tree, "2099-01-20", repository="", feedback_email="")


def test_a_document_without_numbering_is_published_as_it_is(tmp_path):
    root = copy_tree(FIXTURES / "valid", tmp_path / "repo")
    configure(root)
    site = load_site(root)
    ctx = build_context(site, today="2026-01-01")
    assert numbered(ctx, site.get("guida/capitolo.md", "it"), "it", "guida/capitolo/", HTML) == HTML


def test_the_numbers_a_version_changed_added_and_removed():
    def blocks(*texts):
        return [Numbered(f"3.{n}", f"p3-{n}", text) for n, text in enumerate(texts, 1)]

    old = blocks("uno", "due", "tre", "quattro")
    new = blocks("uno", "due, rivisto", "quattro", "cinque")
    assert number_changes(old, new) == (("3.2",), ("3.4",), ("3.3",))
    assert number_changes(old, old) == ((), (), ())


def test_on_an_english_page_of_italian_text_the_labels_say_their_language(tree):
    html = published(tree, "2099-01-20", "en")  # the Italian source, shown on the English page
    assert 'aria-label="Paragraph 2.1" lang="en">' in html
    assert '<p class="cm-comment" lang="en">' in html
    assert ' lang="' not in published(tree, "2099-01-20", "it")
