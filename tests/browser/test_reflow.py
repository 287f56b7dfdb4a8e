"""Reflow (WCAG 1.4.10): at 320 CSS pixels no page scrolls sideways; a wide table scrolls in its
own focusable, named region, by keyboard too."""

from __future__ import annotations

import pytest

from .test_site_in_chromium import PAGE_TYPES

WIDTH = 320
# What sticks out on the right, outside the places that may: table regions and code scroll, the
# menu drawer waits off-screen by design, closed dialogs are not shown.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter((e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && !e.closest(".cm-table, pre, [hidden], dialog, .md-sidebar")
      && getComputedStyle(e).visibility !== "hidden";
  }).slice(0, 5).map((e) => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""
TABLES = """() => [...document.querySelectorAll("article table")].map((t) => {
  const region = t.closest(".cm-table");
  return region && [region.getAttribute("role"), region.getAttribute("tabindex"), region.getAttribute("aria-label")];
})"""


@pytest.fixture
def narrow(browser, site_server):
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_page_scrolls_sideways_at_320_pixels(narrow, site_server, prefix):
    for path in [*PAGE_TYPES, "programma/"]:
        narrow.goto(f"{site_server}/{prefix}{path}")
        narrow.wait_for_load_state("networkidle")
        found = narrow.evaluate(OVERFLOW)
        assert found["scroll"] <= found["width"] and not found["wide"], (prefix + path, found)
        for region in narrow.evaluate(TABLES):
            assert region and region[0] == "region" and region[1] == "0" and region[2], (
                prefix + path,
                region,
            )


def test_a_wide_table_scrolls_in_its_region_by_keyboard(narrow, site_server):
    # (the programme's priorities stack on a phone instead: test_phone.py)
    narrow.goto(f"{site_server}/download/")
    region = narrow.locator("article .cm-table").first
    sizes = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert sizes[0] > sizes[1], "the table of PDFs should be wider than 320 pixels"
    region.focus()
    assert narrow.evaluate("document.activeElement.classList.contains('cm-table')")
    narrow.keyboard.press("ArrowRight")
    narrow.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=2000)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= WIDTH
