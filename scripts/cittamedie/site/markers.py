"""Marker comments (<!-- cittamedie:NAME key=value -->) → generated Markdown/HTML."""

from __future__ import annotations

import re
from collections import Counter

from ..content import identity
from ..content.generated import (
    CALENDAR,
    CATALOGUE_PDF,
    OFFLINE_ZIP,
    OPEN_DATA,
    PDF_DIR,
    WHOLE_GUIDE,
    earlier_pdfs,
    practices,
    theme_page,
)
from ..content.model import Site, Source, slugify
from ..content.strings import date, esc, euro, href, t, table_region
from . import home, pageend

THEME_CARDS = 6  # cases a chapter shows for a theme; the theme's page lists them all
MARKER = re.compile(r"<!--\s*cittamedie:([a-z-]+)((?:\s+[a-z-]+(?:=[a-z0-9-]+)?)*)\s*-->")


def _args(raw: str) -> dict[str, str]:
    return dict((part.split("=", 1) + [""])[:2] for part in raw.split())


def known_marker_problem(line: str, site: Site) -> tuple[str, str] | None:
    """(message, fix) when a marker line names something we cannot generate."""
    match = MARKER.search(line)
    name, args = match[1], _args(match[2])
    if name not in RENDERERS:
        return (
            f"unknown marker `{name}`",
            f"use one of: {', '.join(sorted(RENDERERS))} (CONTRIBUTING.md)",
        )
    if name == "practices":
        themes = {th["id"] for th in site.items("themes")}
        if args.get("theme") not in themes:
            return (
                f"`theme={args.get('theme')}` is not a theme",
                f"write theme= with one of: {', '.join(sorted(themes))}",
            )
    return None


def render_markers(markdown: str, site: Site, lang: str, url: str) -> str:
    """Replace each marker with its generated block; url is the page's site-relative URL."""

    def replace(match: re.Match) -> str:
        return "\n" + RENDERERS[match[1]](site, lang, url, _args(match[2])) + "\n"

    return MARKER.sub(replace, markdown)


# ---------------------------------------------------------------- renderers


def cities(site, lang, url, args) -> str:
    items = site.items("cities")
    counts = Counter(c["region"] for c in items)
    regions = sorted(counts, key=lambda r: (-counts[r], r))
    rows = [
        f'<table class="cm-counts"><caption>{t("cities_count", lang)}</caption>',
        f'<thead><tr><th scope="col">{t("region", lang)}</th><th scope="col">{t("total", lang)}</th></tr></thead><tbody>',
    ]
    rows += [
        f'<tr><td><a href="#regione-{slugify(r)}">{esc(r)}</a></td><td>{counts[r]}</td></tr>'
        for r in regions
    ]
    rows.append(
        f'<tr><th scope="row">{t("total", lang)}</th><td>{len(items)}</td></tr></tbody></table>'
    )
    out = [table_region("\n".join(rows), t("cities_count", lang)) + "\n"]
    out.append(
        f'<div class="cm-filter" data-filter-for="cm-cities" hidden><label for="cm-region">{t("region", lang)}</label> '
        f'<select id="cm-region" data-param="regione"><option value="">{t("filter_all", lang)}</option>'
        + "".join(f'<option value="{slugify(r)}">{esc(r)}</option>' for r in sorted(counts))
        + '</select> <output class="cm-count" aria-live="polite"></output></div>'
    )
    out.append('<div id="cm-cities" class="cm-filterable">')
    for region in sorted(counts):
        out.append(f'<section class="cm-item" data-regione="{slugify(region)}">')
        out.append(f'<h3 id="regione-{slugify(region)}">{esc(region)} ({counts[region]})</h3><ul>')
        for c in sorted((c for c in items if c["region"] == region), key=lambda c: c["name"]):
            note = "*" if c.get("province_before_2025_reform") else ""
            out.append(
                f'<li>{esc(c["name"])} <span class="cm-muted">({esc(c["province"])}{note})</span></li>'
            )
        out.append("</ul></section>")
    out.append("</div>")
    return "\n".join(out)


def timeline(site, lang, url, args) -> str:
    out = ['<ol class="cm-timeline">']
    for e in sorted(site.items("events"), key=lambda e: e["start"]):
        when = (
            date(e["start"], lang)
            if e["start"] == e["end"]
            else f"{date(e['start'], lang)} – {date(e['end'], lang)}"
        )
        flag = (
            f' <em class="cm-muted">({t("medium_confidence", lang)})</em>'
            if e.get("confidence") == "medium"
            else ""
        )
        out.append(
            f'<li id="evento-{e["id"]}"><p class="cm-when"><time datetime="{e["start"]}">{when}</time> · '
            f"{esc(e['place'][lang])}</p><p><strong>{esc(e['title'][lang])}</strong>{flag}</p>"
            f"<p>{esc(e['description'][lang])}</p></li>"
        )
    out.append("</ol>")
    out.append(
        f'<p><a class="md-button" href="{href(url, CALENDAR)}" download>{t("calendar_file", lang)}</a></p>'
    )
    return "\n".join(out)


def priorities(site, lang, url, args) -> str:
    rows = [
        p for p in site.items("priorities") if "medium-cities" not in args or p.get("medium_cities")
    ]
    head = ["number", "title", "fund", "objectives", "amount", "target"]
    out = [
        "<thead><tr>"
        + "".join(f'<th scope="col">{t(h, lang)}</th>' for h in head)
        + "</tr></thead><tbody>"
    ]
    for p in rows:
        amount = euro(p.get("budget_eur"), lang)
        if p.get("budget_note"):
            amount += f"<br><small>{esc(p['budget_note'][lang])}</small>"
        out.append(
            f"<tr><td>{esc(p['number'])}</td><td>{esc(p['title'][lang])}</td><td>{esc(p.get('fund') or t('unknown', lang))}</td>"
            f"<td>{esc(', '.join(p.get('specific_objectives') or [])) or '—'}</td><td>{amount}</td>"
            f"<td>{esc(p['target'][lang])}</td></tr>"
        )
    out = [
        table_region("<table>" + "\n".join(out) + "</tbody></table>", t("priorities_table", lang))
    ]
    if t("own_translation", lang):
        out.append(f'<p class="cm-muted">{t("own_translation", lang)}</p>')
    return "\n".join(out)


def glossary(site, lang, url, args) -> str:
    out = ['<dl class="cm-glossary">']
    for term in sorted(site.items("glossary"), key=lambda x: x["abbr"].casefold()):
        out.append(
            f'<dt id="{slugify(term["abbr"]) or "term"}">{esc(term["abbr"])} — {esc(term["expansion"][lang])}</dt>'
            f"<dd>{esc(term['definition'][lang])}</dd>"
        )
    out.append("</dl>")
    return "\n".join(out)


def practice_card(site: Site, source: Source, lang: str, url: str, level: int = 3) -> str:
    """One case as a card; level is its heading's, one below the heading the cards sit under."""
    m = source.meta
    themes = {th["id"]: th["title"][lang] for th in site.items("themes")}
    programme = next(
        (p["short"] for p in site.items("programmes") if p["id"] == m["programme"]), m["programme"]
    )
    period = f"{m['period']['start']}–{m['period'].get('end') or '…'}"
    return (
        f'<article class="cm-card cm-item" data-tema="{" ".join(m["themes"])}" data-citta="{slugify(m["city"])}" '
        f'data-programma="{m["programme"]}"><h{level}><a href="{href(url, site.url(source.key, lang))}">{esc(source.title)}</a></h{level}>'
        f'<p class="cm-meta">{esc(m["city"])} · {esc(programme)} · {period} · {euro(m.get("budget_eur"), lang)}</p>'
        f'<p>{esc(m["summary"])}</p><p class="cm-tags">'
        + " ".join(f'<span class="cm-tag">{esc(themes.get(x, x))}</span>' for x in m["themes"])
        + "</p></article>"
    )


def catalogue(site, lang, url, args) -> str:
    cases = [site.shown(s.key, lang) for s in practices(site, "it")]
    themes = site.items("themes")
    cities_ = sorted({c.meta["city"] for c in cases})
    programmes = site.items("programmes")

    def select(param, label, options):
        return (
            f'<label for="cm-{param}">{label}</label> <select id="cm-{param}" data-param="{param}">'
            f'<option value="">{t("filter_all", lang)}</option>'
            + "".join(f'<option value="{v}">{esc(text)}</option>' for v, text in options)
            + "</select>"
        )

    # a div, not a form: nothing is submitted, and content may hold no <form> (allowlist.yml)
    out = [
        f'<div class="cm-filter" data-filter-for="cm-catalogue" hidden role="search" aria-label="{t("filter_legend", lang)}">',
        select("tema", t("theme", lang), [(th["id"], th["title"][lang]) for th in themes]),
        select("citta", t("city", lang), [(slugify(c), c) for c in cities_]),
        select("programma", t("programme", lang), [(p["id"], p["short"]) for p in programmes]),
        f'<output class="cm-count" aria-live="polite" data-template="{esc(t("results_count", lang))}"></output></div>',
        '<div id="cm-catalogue" class="cm-filterable">',
    ]
    for th in themes:
        members = [c for c in cases if c.meta["themes"][0] == th["id"]]
        out.append(
            f'<section class="cm-group"><h2 id="{th["id"]}"><a href="{href(url, site.url(theme_page(th["id"]), lang))}">'
            f"{esc(th['title'][lang])}</a> ({len(members)})</h2>"
        )
        out += [practice_card(site, c, lang, url) for c in members]
        out.append("</section>")
    out.append("</div>")
    data = href(url, OPEN_DATA)
    out.append(
        f'<p>{t("open_data", lang)}: <a href="{data}.json">JSON</a> · <a href="{data}.csv">CSV</a> · '
        f'<a href="{data}.schema.json">JSON Schema</a> — CC BY 4.0</p>'
    )
    return "\n".join(out)


def practices_of_theme(site, lang, url, args) -> str:
    """The first cases of a theme and a link to all of them: a chapter does not grow with the catalogue."""
    cases = [s for s in practices(site, "it") if args["theme"] in s.meta["themes"]]
    if not cases:
        return f'<p class="cm-muted">{t("no_cases", lang)}</p>'
    shown = [practice_card(site, site.shown(c.key, lang), lang, url) for c in cases[:THEME_CARDS]]
    more = href(url, site.url(theme_page(args["theme"]), lang))
    return (
        '<div class="cm-cards">' + "\n".join(shown) + "</div>\n"
        f'<p><a href="{more}">{t("cases_of_theme_all", lang, n=len(cases))}</a></p>'
    )


def downloads(site, lang, url, args) -> str:
    """PDF table; the PDF export fills in the sizes once the files exist (pdf.fill_downloads)."""
    out = [
        f'<thead><tr><th scope="col">{t("document", lang)}</th><th scope="col">{t("language", lang)}</th>'
        f'<th scope="col">{t("size", lang)}</th><th scope="col">{t("updated", lang)}</th></tr></thead><tbody>'
    ]
    for name, title, when in _pdf_rows(site, lang):
        for pdf_lang in ("it", "en"):
            path = f"{PDF_DIR}/{name}-{pdf_lang}.pdf"
            out.append(
                f'<tr><td><a href="{href(url, path)}" hreflang="{pdf_lang}">{esc(title)} (PDF)</a></td>'
                f'<td>{t("lang_names." + pdf_lang, lang)}</td><td data-pdf-size="{path}">—</td>'
                f"<td>{date(when, lang) if when else '—'}</td></tr>"
            )
    out = [
        table_region("<table>" + "\n".join(out) + "</tbody></table>", t("downloads_table", lang))
    ]
    out.append(
        f'<p><a class="md-button" href="{href(url, OFFLINE_ZIP)}">{t("offline_copy", lang)}</a></p>'
    )
    return "\n".join(out)


def _pdf_rows(site: Site, lang: str) -> list[tuple[str, str, str | None]]:
    """(base name, title, date) of every PDF: each document's, followed by its earlier versions
    (newest first, outputs.earlier_pdfs), then the catalogue and the whole guide."""
    rows = []
    for doc in site.documents.values():
        rows.append((doc.meta.get("pdf") or doc.id, doc.title(lang), doc.meta["updated"]))
        rows += [
            (
                name,
                t("versions.pdf_row", lang, document=doc.title(lang), version=entry["version"]),
                entry["date"],
            )
            for entry, name in reversed(earlier_pdfs(doc))
        ]
    return rows + [
        (CATALOGUE_PDF, t("catalogue", lang), None),
        (WHOLE_GUIDE, t("whole_guide", lang), None),
    ]


def publisher(site, lang, url, args) -> str:
    """Who publishes the site and whether it is official (mkdocs.yml, extra.identity)."""
    return identity.current().statement(lang)


def contacts(site, lang, url, args) -> str:
    """The publisher's feedback address and the repository's issues (extra.identity)."""
    return identity.current().contacts(lang)


RENDERERS = {
    "cities": cities,
    "timeline": timeline,
    "priorities": priorities,
    "glossary": glossary,
    "catalogue": catalogue,
    "practices": practices_of_theme,
    "downloads": downloads,
    "recent": home.recent,
    "publisher": publisher,
    "contacts": contacts,
    "events": home.events,
    "feedback": pageend.feedback_marker,
}
