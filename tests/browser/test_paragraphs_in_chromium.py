"""Numbered paragraphs in Chromium, the browser's clock set before, during and after the
consultation of a fixture document: each block's number is a permalink with its accessible name,
in the margin on a wide screen and before the block on a phone, left out when the text is copied;
the comment links show only while the consultation is open, as plain links a keyboard reaches,
and without JavaScript a page built before the consultation shows none; axe in every state."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ..conftest import serve
from ..paragraphs_site import NUMBERS, numbered_tree
from ..site.conftest import build
from .test_dates_in_chromium import axe_violations, on_day


@pytest.fixture(scope="module")
def numbered_site(tmp_path_factory):
    tree = numbered_tree(tmp_path_factory.mktemp("numbered"))
    result = build(tree)
    assert result.returncode == 0, result.stderr
    with serve(tree / "site") as url:
        yield url


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert not page.errors
    context.close()


@pytest.mark.parametrize("lang, label", [("it", "Paragrafo"), ("en", "Paragraph")])
def test_each_block_has_a_numbered_permalink_with_its_name(tab, numbered_site, lang, label):
    tab.goto(f"{numbered_site}/{'en/' if lang == 'en' else ''}guida/capitolo/")
    for number in NUMBERS:
        link = tab.get_by_role("link", name=f"{label} {number}", exact=True)
        anchor = "p" + number.replace(".", "-")
        assert link.get_attribute("href") == f"#{anchor}"
        assert link.get_attribute("id") == anchor
        shown = link.evaluate("a => getComputedStyle(a, '::before').content")
        assert shown == f'"{number}"'
    assert not axe_violations(tab)


def test_the_number_is_in_the_margin_on_a_wide_screen_and_before_the_block_on_a_phone(
    tab, numbered_site
):
    for width, beside in ((1280, True), (360, False)):
        tab.set_viewport_size({"width": width, "height": 800})
        tab.goto(f"{numbered_site}/guida/capitolo/")
        number = tab.locator("#p2-1").bounding_box()
        block = tab.locator("#p2-1 + p").bounding_box()
        if beside:  # left of the paragraph, on its first line
            assert number["x"] + number["width"] <= block["x"]
            assert abs(number["y"] - block["y"]) < block["height"]
        else:  # on its own line above it
            assert number["y"] + number["height"] <= block["y"] + 1


def test_copying_the_text_leaves_the_numbers_out(tab, numbered_site):
    tab.goto(f"{numbered_site}/guida/capitolo/")
    copied = tab.evaluate("""() => {
        const range = document.createRange();
        range.setStartBefore(document.getElementById('p2-1'));
        range.setEndAfter(document.getElementById('p2-2').nextElementSibling);
        getSelection().removeAllRanges(); getSelection().addRange(range);
        return getSelection().toString();
    }""")
    assert "Il programma finanzia" in copied and "una seconda azione" in copied
    assert "2.1" not in copied and "2.2" not in copied


@pytest.mark.parametrize(
    "day, shown", [("2099-01-09", 0), ("2099-01-10", 5), ("2099-02-10", 5), ("2099-02-11", 0)]
)
def test_comment_links_show_only_while_the_consultation_is_open(tab, numbered_site, day, shown):
    on_day(tab, day)
    tab.goto(f"{numbered_site}/guida/capitolo/")
    links = tab.get_by_role("link", name="Commenta il paragrafo", exact=False)
    visible = [links.nth(i) for i in range(links.count()) if links.nth(i).is_visible()]
    assert len(visible) == 2 * shown  # the form, and the e-mail
    assert not axe_violations(tab), day


def test_a_comment_link_is_a_plain_link_prefilled_for_the_paragraph(tab, numbered_site):
    on_day(tab, "2099-01-20")
    tab.goto(f"{numbered_site}/en/guida/capitolo/")
    link = tab.get_by_role("link", name="Comment on paragraph 2.3", exact=True)
    link.focus()  # a keyboard reaches it: a link, shown without hovering
    assert tab.evaluate("document.activeElement.textContent") == "Comment on paragraph 2.3"
    parts = urlsplit(link.get_attribute("href"))
    query = parse_qs(parts.query, strict_parsing=True)
    assert parts.path == "/example/cittamedie-sud/issues/new"
    assert query["title"] == ["Test guide, version 0.1, paragraph 2.3"]
    assert query["labels"] == ["consultazione"]
    body = query["body"][0]
    assert body.startswith("Comment on paragraph 2.3 (https://")
    assert "/en/guida/capitolo/#p2-3)" in body
    assert "> Item · Euro Services · 1,000" in body
    mail = tab.get_by_role("link", name="Comment on paragraph 2.3 by e-mail", exact=True)
    said = parse_qs(urlsplit(mail.get_attribute("href")).query)
    assert said["subject"] == query["title"] and said["body"] == query["body"]


def test_without_javascript_a_page_built_before_the_consultation_shows_no_comment_link(
    browser, numbered_site
):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{numbered_site}/guida/capitolo/")  # built in 2026, before the consultation
    links = tab.locator(".cm-comment a")
    assert links.count() == 10  # in the page, for the script to show on the day
    assert not any(links.nth(i).is_visible() for i in range(links.count()))
    assert tab.get_by_role("link", name="Paragrafo 2.5", exact=True).is_visible()
    context.close()
