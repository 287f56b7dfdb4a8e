"""What readers see of a consultation's outcomes: a page per document and version consulted on
(content/generated.py: /esiti-consultazione/linee-guida-0-3/), written by the build with its title
and introduction (site/generated.py); here its list: the counts by outcome, then paragraph by
paragraph each comment (its author's name only where they agreed), the editors' response and the
outcome, with a link to the paragraph. The records are the open data's (exports/outcomes.py)."""

from __future__ import annotations

from markupsafe import Markup

from ...content.consultations import PARAGRAPH
from ...content.generated import outcomes_name, outcomes_pages
from ...content.languages import href
from ...content.strings import t
from ...exports.outcomes import counts, records
from ..context import BuildContext
from ..templates import macro

TEMPLATE = "parts/outcomes.html"


def page_parts(ctx: BuildContext, key: str, lang: str) -> tuple[Markup, tuple] | None:
    """The HTML of an outcomes page in lang and its (id, title) headings, or None for another page."""
    found = outcomes_pages(ctx.site).get(key)
    if found is None:
        return None
    doc, version = found
    rows = records(ctx.site, ctx.site.consultations[(doc.id, version)])
    url = ctx.site.url(key, lang)
    groups: dict[str | None, list[dict]] = {}
    for row in sorted(rows, key=lambda row: _order(row["paragraph"])):
        groups.setdefault(row["paragraph"], []).append(
            {
                **row,
                "response": row[f"response_{lang}"],
            }
        )
    shown = [
        {
            "number": number,
            # the template's id: esito-p3-12, esito-documento (markup/furniture.yml reserves esito-)
            "anchor": f"p{number.replace('.', '-')}" if number else "documento",
            "href": href(url, link) if (link := comments[0][f"paragraph_url_{lang}"]) else "",
            "comments": comments,
        }
        for number, comments in groups.items()
    ]
    data = outcomes_name(doc, version)
    files = {kind: href(url, f"{data}.{kind}") for kind in ("json", "csv")}
    earlier = "" if version == doc.meta.get("version") else version
    html = macro(ctx.templates, TEMPLATE, "page")(counts(rows), shown, files, earlier, lang)
    headings = tuple(
        (
            f"esito-{group['anchor']}",
            t("outcomes.paragraph", lang, number=group["number"])
            if group["number"]
            else t("outcomes.whole", lang),
        )
        for group in shown
    )
    return html, headings


def _order(paragraph: str | None) -> tuple[int, int]:
    """The whole document first, then the paragraphs in the document's order (3.2 before 3.12)."""
    found = PARAGRAPH.fullmatch(paragraph or "")
    return (int(found[1]), int(found[2])) if found else (0, 0)
