"""The Markdown extension that puts every table in its own focusable, named scrolling region."""

from __future__ import annotations

import markdown

from cittamedie.markup import sanitize
from cittamedie.markup.mdtables import REGION_CLASS

TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n"


def render(text: str, **config) -> str:
    """The page's text as the site publishes it: the region is the build's, kept by the content
    policy that refuses a page's own role and aria-label."""
    html = markdown.markdown(
        text,
        extensions=["tables", "attr_list", "toc", "md_in_html", "cittamedie.markup.mdtables"],
        extension_configs={"cittamedie.markup.mdtables": config},
    )
    cleaned = sanitize.clean_content(html)
    assert not [r for r in cleaned.removed if r.tag == "div"], cleaned.removed  # the region's
    return cleaned.html


def test_a_forged_region_loses_its_label_and_the_real_one_keeps_it():
    forged = '<div class="cm-table" role="region" aria-label="Approvato dal Ministero">x</div>\n\n'
    html = markdown.markdown(
        forged + "!!! note\n\n    " + TABLE.replace("\n", "\n    "),
        extensions=["tables", "admonition", "cittamedie.markup.mdtables"],
    )
    cleaned = sanitize.clean_content(html)
    assert "Approvato dal Ministero" not in cleaned.html.split(">x<")[0]
    assert cleaned.html.startswith("<div>x</div>")
    # the table's own region stays inside the admonition, named
    assert '<div class="admonition note">' in cleaned.html
    assert cleaned.html.index('aria-label="Table" class="cm-table"') < cleaned.html.rindex("</div>")
    assert {(r.name, r.value) for r in cleaned.removed} >= {
        ("class", "cm-table"),
        ("role", "region"),
        ("aria-label", "Approvato dal Ministero"),
    }


def test_a_table_is_wrapped_in_a_region_named_after_the_heading_before_it():
    html = render(f"## Le risorse {{#risorse}}\n\nTesto.\n\n{TABLE}")
    assert (
        f'<div aria-label="Le risorse" class="{REGION_CLASS}" role="region" tabindex="0"><table>'
        in html
    )
    assert html.count("<table>") == html.count('role="region"') == 1


def test_without_a_heading_the_region_takes_the_configured_name():
    assert 'aria-label="Tabella"' in render(TABLE, label="Tabella")
    assert 'aria-label="Table"' in render(TABLE)


def test_each_table_takes_the_nearest_heading_even_inside_other_blocks():
    html = render(f"## Uno\n\n{TABLE}\n## Due\n\n> {TABLE.replace(chr(10), chr(10) + '> ')}")
    assert html.index('aria-label="Uno"') < html.index('aria-label="Due"')
    assert html.count('role="region"') == 2


def test_a_label_holds_no_markup_and_stays_short():
    html = render(f"## `<b>` {'x' * 200}\n\n{TABLE}")
    label = html.split('aria-label="', 1)[1].split('"', 1)[0]
    assert "<" not in label and "&lt;" not in label and len(label) <= 120
