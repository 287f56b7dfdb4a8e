"""The site's furniture belongs to the build: a page's own HTML loses the classes, roles, labels,
ids and Pagefind attributes of the build's notices and controls (the content policy of
markup/allowlist.yml), its text may not claim a status, hide characters or show a host it does not
link to (markup/furniture.py), and the reserved ids and search's exclusions agree with the
templates that write them."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
import material
import pytest

from cittamedie.markup import furniture, sanitize
from cittamedie.markup.plaintext import markup_in
from cittamedie.site.parts.page_end import FEEDBACK_ID
from cittamedie.site.search import EXCLUDE

from ..conftest import FIXTURES, REPO, copy_tree, validate
from .test_hostile_corpus import page_text

SITE = REPO / "scripts" / "cittamedie" / "site"
MATERIAL = Path(material.__file__).parent / "templates"
EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "pymdownx.details", "tables"]
EXTENSIONS += ["toc", "pymdownx.superfences", "cittamedie.markup.mdtables"]
# Ids a template writes from data alone (no literal part to reserve), and why no page collides.
DATA_IDS = {
    ("catalogue.html", "group.id"): "theme ids, on the catalogue page (a heading id of its own)",
    ("lists.html", "term.id"): "glossary terms, on the glossary page",
    ("versions.html", "v.anchor"): "the versions page, which the build writes whole",
    ("versions.html", "change.anchor"): "the versions page, which the build writes whole",
    ("versions.html", "line.id"): "the versions page, which the build writes whole",
    ("cm-page-end.html", "cm_page_end.id"): "FEEDBACK_ID, checked below",
    ("paragraphs.html", "block.anchor"): "a paragraph's number, p3-12: a pattern, checked below",
    ("nav-item.html", "path"): "Material's menu: __nav_… (nav.html)",
}


def published(text: str) -> sanitize.Cleaned:
    """A page's Markdown as the site publishes its own text."""
    return sanitize.clean_content(markdown.markdown(text, extensions=EXTENSIONS))


# ---------------------------------------------------------------- A page's own HTML


def test_a_page_keeps_its_own_classes_and_loses_the_sites():
    cleaned = published(
        '!!! note "Da sapere"\n\n    Testo[^1].\n\n[^1]: Nota.\n\n'
        '<div class="grid cards" markdown>\n\n- **[Uno](uno.md)**\n\n</div>\n\n'
        "```python\nx = 1\n```\n\n"
        '<p class="cm-banner cm-approved">Approvato</p>\n\n'
        "[Scarica](https://example.org/x.pdf){ .md-button }\n"
    )
    assert '<div class="admonition note">' in cleaned.html
    assert '<p class="admonition-title">Da sapere</p>' in cleaned.html
    assert '<div class="grid cards">' in cleaned.html
    assert 'class="footnote-ref"' in cleaned.html
    assert "<p>Approvato</p>" in cleaned.html
    assert '<a href="https://example.org/x.pdf">Scarica</a>' in cleaned.html
    assert sorted((r.name, r.value) for r in cleaned.removed) == [
        ("class", "cm-banner cm-approved"),
        ("class", "md-button"),
    ]
    assert [r.describe() for r in cleaned.removed if r.value == "md-button"] == [
        "the class `md-button` belongs to the site's own notices and controls"
    ]


@pytest.mark.parametrize(
    "html, name",
    [
        ('<p hidden="">x</p>', "hidden"),
        ('<p role="note">x</p>', "role"),
        ('<p aria-label="Approvato">x</p>', "aria-label"),
        ('<p tabindex="0">x</p>', "tabindex"),
        ("<p data-pagefind-ignore>x</p>", "data-pagefind-ignore"),
        ('<p data-pagefind-meta="title:Approvato">x</p>', "data-pagefind-meta"),
        ('<output aria-live="polite">x</output>', ""),
    ],
)
def test_attributes_of_the_build_are_removed_from_a_page_and_said(html, name):
    safe, removed, _ = sanitize.clean_content(html)
    assert safe in ("<p>x</p>", "x")
    assert [r.name for r in removed] == [name]
    if name:
        assert "which only the site's own parts carry" in removed[0].describe()
        assert removed[0].fix().startswith("remove it: ")


def test_the_same_attributes_stay_on_the_builds_own_html():
    html = '<div class="cm-filter" hidden role="search" aria-label="Filtri"><select id="cm-tema"></select></div>'
    assert sanitize.clean_page(html)[1] == []
    safe, removed, _ = sanitize.clean_content(furniture.own(html, "m0"))
    assert removed == [] and html in safe


def test_a_page_cannot_mark_its_html_as_the_builds():
    """The marks hold a number drawn when the process starts: a page guessing the form gains nothing."""
    guessed = "cm-own-000000000000000000000000"
    html = f'<!--{guessed} m0--><p class="cm-banner" role="note">x</p><!--/{guessed} m0-->'
    safe, removed, _ = sanitize.clean_content(html)
    assert safe == "<p>x</p>"
    assert {r.name for r in removed} == {"class", "role"}
    start, _ = furniture.own_marks("m0")
    assert start != f"{guessed} m0"


def test_a_lone_mark_leaves_the_rest_of_the_page_to_the_content_policy():
    start, _ = furniture.own_marks("m0")
    safe, removed, _ = sanitize.clean_content(f'<!--{start}--><p class="cm-sr">x</p>')
    assert safe == "<p>x</p>" and [r.value for r in removed] == ["cm-sr"]


def test_a_marker_inside_code_publishes_no_number_of_the_process():
    """render_markers replaces a marker even inside code, where Markdown prints the marks as
    text: the page must not carry the process's number (it would change at every build)."""
    start, _ = furniture.own_marks("m0")
    code = markdown.markdown(
        "```\n" + furniture.own("<p>x</p>", "m0") + "\n```", extensions=EXTENSIONS
    )
    assert start in code.replace("&lt;!--", "")
    html = sanitize.clean_content(code).html
    assert start.split()[0] not in html and "&lt;!--cm-own m0--&gt;" in html


@pytest.mark.parametrize(
    "text, owner",
    [
        ("## Fonti {#fonti}", "the sources section"),
        ("# Casi collegati", "the related cases"),
        ('<p id="cm-search-query">x</p>', "the search dialog's fields"),
        ("Testo.\n{: #regione-puglia }", "the regions of the cities' list"),
        ("Testo.\n{: #evento-1 }", "the events of the timeline"),
    ],
)
def test_an_id_the_site_uses_is_refused_naming_its_owner(text, owner):
    cleaned = published(text)
    (removal,) = cleaned.removed
    assert removal.name == "id" and owner in removal.describe()
    assert "id=" not in cleaned.html


def test_ids_of_a_page_that_collide_with_nothing_stay():
    assert published("## Fonte dei dati {#fonte-dei-dati}").html == (
        '<h2 id="fonte-dei-dati">Fonte dei dati</h2>'
    )


def test_a_table_in_a_list_keeps_its_place_and_its_region():
    cleaned = published("- voce\n\n    | a |\n    |---|\n    | 1 |\n\ndopo\n")
    assert cleaned.removed == []
    html = cleaned.html
    assert html.index("<li>") < html.index('class="cm-table"') < html.index("</li>")
    assert "cm-own" not in html


# ---------------------------------------------------------------- What a page's text may not say


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "## Pro\u200bgramma {#p}",
            "the heading “Pro[U+200B]gramma” contains U+200B ZERO WIDTH SPACE, an invisible character",
        ),
        (
            "[Fattura \u202egnp.exe](a.md)",
            "the link text “Fattura [U+202E]gnp.exe” contains U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
        (
            '!!! note "Nota\u061c"\n\n    x',
            "the box title “Nota[U+061C]” contains U+061C ARABIC LETTER MARK",
        ),
        ("## Sil\u00adlaba {#s}", "contains U+00AD SOFT HYPHEN"),
        ("## A\u3164B {#s}", "contains U+3164 HANGUL FILLER"),
        (
            '!!! success "Approvato"\n\n    x',
            "the box title “Approvato” claims a status (“approvato”)",
        ),
        ('??? info "Ora in consultazione"\n\n    x', "claims a status (“in consultazione”)"),
        ('!!! note "Approved by the Ministry"\n\n    x', "claims a status (“approved”)"),
        (
            "[www.pnmetroplus.it](https://pnmetroplus.it.example.net/)",
            "the link text `www.pnmetroplus.it` shows a host, but the link goes to "
            "`pnmetroplus.it.example.net`",
        ),
        (
            "[https://www.pnmetroplus.\u0456t](https://www.pnmetroplus.xn--t-evb/)",
            "shows a host whose letters mix scripts (CYRILLIC and LATIN)",
        ),
        (
            "[città.example.org](https://xn--citt-8na.example.org/)",
            "the link goes to `xn--citt-8na",
        ),
    ],
)
def test_what_a_pages_text_may_not_say(text, message):
    said = published(text).findings
    assert any(message in finding.message for finding in said), said


@pytest.mark.parametrize(
    "text",
    [
        '!!! note "Il testo ufficiale del decreto"\n\n    x',  # official: the site says it itself
        '!!! note "Le consultazioni passate"\n\n    x',
        "[città.example.org](https://xn--citt-3na.example.org/)",  # the same host, in punycode
        "[www.comune.bari.it](https://comune.bari.it/)",
        "[comune.bari.it](https://servizi.comune.bari.it/x)",  # under the shown domain
        "[relazione.pdf](https://example.org/relazione.pdf)",  # a file name, not a host
        "[www.example.org](../pagina.md)",  # a page of the site
        "[Decreto n. 3.2](https://example.org/)",
        "## Città e dintorni {#citta}",
    ],
)
def test_ordinary_text_says_nothing_it_may_not(text):
    assert published(text).findings == []


def test_plain_text_fields_name_the_invisible_character():
    assert markup_in("Fattura \u202egnp") == "an invisible character, U+202E RIGHT-TO-LEFT OVERRIDE"
    assert markup_in("Bari\u200b") == "an invisible character, U+200B ZERO WIDTH SPACE"
    assert markup_in("Città di Bari «centro»") is None


def test_the_fast_path_renders_every_page_that_could_say_something():
    assert furniture.could_say("## Pro\u200bgramma {#p}")
    assert furniture.could_say('!!! note "Approvato"')
    assert furniture.could_say("[www.x.it](https://y.it)")
    assert not furniture.could_say("## Programma {#p}\n\n[Pagina](pagina.md)")


# ---------------------------------------------------------------- The templates agree


class _TemplateElements(HTMLParser):
    """The elements of a Jinja template, its expressions kept as ⟦expression⟧ and its statements
    dropped (so a conditional `hidden` reads as an attribute), each with its ancestors' classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict, list[str]]] = []
        self.stack: list[tuple[str, str]] = []

    @classmethod
    def of(cls, path: Path) -> list[tuple[str, dict, list[str]]]:
        text, inside = [], None
        for _, kind, value in jinja2.Environment().lex(path.read_text("utf-8")):
            if kind in ("variable_begin", "block_begin", "comment_begin"):
                inside = kind
                text.append("⟦" if kind == "variable_begin" else "")
            elif kind in ("variable_end", "block_end", "comment_end"):
                text.append("⟧" if inside == "variable_begin" else "")
                inside = None
            elif inside == "variable_begin":
                text.append(value)
            elif inside is None and kind == "data":
                text.append(value)
        parser = cls()
        parser.feed("".join(text))
        return parser.found

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        classes = [c for _, cls in self.stack for c in cls.split()]
        self.found.append((tag, values, classes + values.get("class", "").split()))
        if tag not in ("br", "img", "input", "hr", "meta", "link", "col"):
            self.stack.append((tag, values.get("class", "")))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass


def _templates() -> list[Path]:
    ours = sorted((SITE / "parts").glob("*.html")) + sorted((SITE / "overrides").rglob("*.html"))
    return ours + sorted(MATERIAL.rglob("*.html"))


def _ids() -> list[tuple[str, str]]:
    return [
        (path.name, values["id"])
        for path in _templates()
        for _, values, _ in _TemplateElements.of(path)
        if values.get("id")
    ]


def test_every_id_our_templates_and_materials_write_is_reserved():
    unowned = []
    for name, value in _ids():
        literal = value.split("⟦", 1)[0]
        if literal.startswith("__"):
            assert sanitize.clean_content(f'<p id="{literal}x">x</p>')[0] == "<p>x</p>"
        elif literal == value:
            unowned += [] if furniture.reserved_id(value) else [(name, value)]
        elif literal:
            unowned += [] if furniture.reserved_id(literal + "x") else [(name, value)]
        else:
            expression = value.split("⟦", 1)[1].split("⟧", 1)[0].strip()
            unowned += [] if (name, expression) in DATA_IDS else [(name, value)]
    assert unowned == []
    assert furniture.reserved_id(FEEDBACK_ID)
    assert furniture.reserved_id("p3-12") and not furniture.reserved_id("p3-12a")


def test_every_reserved_id_is_one_a_template_writes():
    literals = {value.split("⟦", 1)[0] for _, value in _ids()}
    data = furniture._data()["reserved_ids"]
    assert set(data["names"]) <= literals
    assert all(any(lit.startswith(p) for lit in literals) for p in data["prefixes"])


def test_every_element_the_parts_may_hide_is_left_out_of_search():
    """Hidden (by the build or, later, by our script) or for screen readers only: search leaves it
    out (search.EXCLUDE), so search indexes what readers see."""
    excluded = {selector[1:] for selector in EXCLUDE if selector[1:].replace("-", "").isalnum()}
    found = [
        (path.name, tag, values.get("class", ""))
        for path in sorted((SITE / "parts").glob("*.html"))
        for tag, values, classes in _TemplateElements.of(path)
        if ("hidden" in values or "cm-sr" in classes) and not excluded & set(classes)
    ]
    assert found == []
    assert any(
        "hidden" in values for _, values, _ in _TemplateElements.of(SITE / "parts" / "home.html")
    )


@pytest.mark.parametrize(
    ("guide_file", "heading", "lang"),
    [
        ("CONTRIBUTING.en.md", "## What belongs to the site", "en"),
        ("CONTRIBUTING.md", "## Ciò che appartiene al sito", "it"),
    ],
)
def test_the_messages_contributing_quotes_are_the_validators_own(
    guide_file, heading, lang, tmp_path, capsys
):
    """Each guide's section on the site's furniture quotes the validator's real words in its
    language."""
    guide = (REPO / guide_file).read_text("utf-8")
    section = guide.split(heading)[1]
    quoted = section.split("```\n", 2)[1].splitlines()
    tree = copy_tree(FIXTURES / "valid", tmp_path / "repo")
    (tree / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    body = [
        "Testo.",  # line 11
        '<p class="cm-banner cm-approved">Approvato</p>',
        "",
        '<p aria-label="Approvato">Bozza</p>',
        "",
        "## Fonti della pagina {#fonti}",
        "",
        '!!! note "Testo approvato"',
        "",
        "## Pro\u200bgramma {#programma}",
        "",
        "[www.pnmetroplus.it](https://pnmetroplus.it.example.net/)",
    ]
    (tree / "docs" / "percorso.md").write_text(
        page_text("docs/percorso.md", "\n".join(body)), "utf-8"
    )
    code, output = validate(tree, capsys, lang=lang)
    assert code == 1 and len(quoted) == 6
    for line in quoted:
        assert line in output.splitlines(), f"not the validator's words:\n{line}\n\n{output}"
