"""The site on a phone (360 x 740 CSS pixels) and on paper: the programme's amounts without
scrolling sideways, each filter's label on its own field, one count for a theme in the catalogue,
the language switch that keeps the section, and a case printed on its own."""

from __future__ import annotations

import io

import pytest

PHONE = {"width": 360, "height": 740}
# Each cell of the priorities table: its column's name, its box, its text.
AMOUNTS = """() => {
  const table = document.querySelector("article .cm-stack table");
  return [...table.querySelectorAll("tbody td")].map((cell) => {
    const box = cell.getBoundingClientRect();
    return {label: cell.dataset.label, left: box.left, right: box.right, text: cell.textContent};
  });
}"""


@pytest.fixture
def phone(browser, site_server):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize(
    "prefix, amount, funds",
    [("", "Dotazione", {"FESR", "FSE+"}), ("en/", "Allocation", {"ERDF", "ESF+"})],
)
def test_the_programmes_amounts_are_read_on_a_phone_without_scrolling(
    phone, site_server, prefix, amount, funds
):
    phone.goto(f"{site_server}/{prefix}programma/")
    width = phone.evaluate("document.documentElement.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    cells = phone.evaluate(AMOUNTS)
    amounts = [c for c in cells if c["label"] == amount]
    assert len(amounts) == 8  # 7 priorities and technical assistance
    for cell in amounts:
        assert 0 <= cell["left"] and cell["right"] <= width, cell
        assert phone.evaluate("document.querySelector('article .cm-stack').scrollLeft") == 0
    named = {c["text"] for c in cells if c["label"] in ("Fondo", "Fund")}
    assert funds <= named and not (named & ({"ERDF", "ESF+", "FESR", "FSE+"} - funds)), named


def test_each_filter_has_its_label_above_its_own_field(phone, site_server):
    phone.goto(f"{site_server}/buone-pratiche/")
    selects = phone.locator(".cm-filter select")
    assert selects.count() == 3
    for n in range(selects.count()):
        select = selects.nth(n)
        ident = select.get_attribute("id")
        label = phone.locator(f"label[for='{ident}']")
        assert label.count() == 1, ident
        field, name = select.bounding_box(), label.bounding_box()
        # the label's box sits on the field's, above it: not beside another field
        assert name["y"] + name["height"] <= field["y"] + 1, (ident, name, field)
        assert abs(name["x"] - field["x"]) < 2, (ident, name, field)
        assert select.evaluate("s => s.labels.length === 1 && s.labels[0].htmlFor === s.id")


def test_a_themes_heading_and_its_filter_count_the_same_cases(phone, site_server):
    phone.goto(f"{site_server}/buone-pratiche/")
    total = phone.evaluate(
        "new Set([...document.querySelectorAll('#cm-catalogue .cm-card h3 a')]"
        ".map((a) => a.getAttribute('href'))).size"
    )
    assert total == 13
    themes = phone.eval_on_selector_all(
        "#cm-tema option[value]:not([value=''])", "os => os.map(o => o.value)"
    )
    headings = {theme: int(phone.inner_text(f"h2#{theme} .cm-group-count")) for theme in themes}
    for theme in themes:
        phone.select_option("#cm-tema", theme)
        shown = phone.locator("#cm-catalogue .cm-card:visible").count()
        assert phone.inner_text("output.cm-count") == f"{headings[theme]} casi su {total}", theme
        assert shown == headings[theme] and phone.inner_text(f"h2#{theme} .cm-group-count") == str(
            shown
        )
        assert phone.locator("#cm-catalogue .cm-group:visible").count() == 1
    # the theme's page lists as many cases as its heading says
    phone.goto(f"{site_server}/buone-pratiche/tema/poverta/")
    assert phone.locator("article .cm-card").count() == headings["poverta"]


@pytest.mark.parametrize(
    "start, target",
    [
        ("/programma/#governance", "/en/programma/#governance"),
        (
            "/en/linee-guida/aree-tematiche/#disagio-abitativo",
            "/linee-guida/aree-tematiche/#disagio-abitativo",
        ),
    ],
)
def test_the_language_switch_keeps_the_section(phone, site_server, start, target):
    phone.goto(site_server + start)
    phone.evaluate(
        "document.querySelector('a.md-select__link[hreflang=\"%s\"]').click()"
        % ("it" if start.startswith("/en/") else "en")
    )
    phone.wait_for_url(site_server + target)
    section = target.split("#")[1]
    top = phone.evaluate(f"document.getElementById('{section}').getBoundingClientRect().top")
    assert phone.evaluate("window.scrollY") > 0 and 0 <= top < PHONE["height"] / 2, top


def test_the_language_switch_keeps_the_catalogues_filter(phone, site_server):
    phone.goto(f"{site_server}/buone-pratiche/?tema=poverta")
    phone.evaluate("document.querySelector('a.md-select__link[hreflang=\"en\"]').click()")
    phone.wait_for_url(f"{site_server}/en/buone-pratiche/?tema=poverta")
    assert phone.input_value("#cm-tema") == "poverta"
    assert phone.inner_text("output.cm-count").endswith("cases of 13")


def test_the_language_switch_keeps_the_section_scrolled_to(phone, site_server):
    phone.goto(f"{site_server}/programma/")
    phone.evaluate("document.getElementById('sorveglianza').scrollIntoView()")
    phone.evaluate("document.querySelector('a.md-select__link[hreflang=\"en\"]').click()")
    phone.wait_for_url(f"{site_server}/en/programma/#sorveglianza")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_home_says_where_official_dates_are_announced(phone, site_server, prefix):
    phone.goto(f"{site_server}/{prefix}")
    none = phone.locator(".cm-no-events")
    if not none.is_visible():
        pytest.skip("an event is ahead on the day this runs: the sentence is hidden")
    link = none.locator("a")
    assert link.get_attribute("href") == "https://www.pnmetroplus.it/"
    assert link.inner_text() == "pnmetroplus.it"


def test_a_case_prints_on_its_own(browser, site_server):
    pypdf = pytest.importorskip("pypdf")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site_server}/buone-pratiche/ba-urbis/")
    tab.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-path", ".cm-pdf-link"):
        assert not tab.locator(chrome).first.is_visible(), chrome
    assert tab.locator("article h1").is_visible() and tab.locator("table.cm-facts").is_visible()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(tab.pdf())).pages)
    context.close()
    assert "URBIS" in text and "Fonti" in text
    for furniture in ("Vai al contenuto", "Cerca", "Cofinanziato", "Scarica il PDF"):
        assert furniture not in text, furniture


def test_a_cases_pdf_link_opens_the_catalogue_at_that_case(phone, site_server):
    phone.goto(f"{site_server}/buone-pratiche/ba-urbis/")
    assert phone.get_attribute(".cm-pdf-link a", "href") == (
        "../../pdf/buone-pratiche-it.pdf#buone-pratiche-ba-urbis"
    )
    phone.goto(f"{site_server}/en/buone-pratiche/ba-urbis/")
    assert phone.get_attribute(".cm-pdf-link a", "href") == (
        "../../../pdf/buone-pratiche-en.pdf#buone-pratiche-ba-urbis"
    )
