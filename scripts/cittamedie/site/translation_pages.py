"""What readers and editors see of the translations: the stale English page's notice naming the
Italian sections that changed, and the translation status page for editors (/traduzioni/).

The status page is written by the build like the catalogue's index pages (build.write_index_pages)
into a generated folder, in both languages; it is out of the menu (navigation.py), out of the
sitemap (it is no source page), and marked `cm_noindex` so that the template writes a robots
noindex and leaves it out of Pagefind's index (overrides/main.html).
"""

from __future__ import annotations

from urllib.parse import quote

import yaml

from ..content.model import LANGUAGES, SOURCE_LANGUAGE, Site, Source
from ..content.strings import date, esc, href, md_esc, t, table_region
from ..history.sections import INTRODUCTION, Change
from ..history.translations import Comparison, stale_report

STATUS_FOLDER = "traduzioni"  # one of model.GENERATED_FOLDERS
STATUS_PAGE = f"{STATUS_FOLDER}/index.md"
# States in the order the page lists them: what needs an editor first.
STATES = ("stale", "unmarked", "missing", "untranslated", "current")

# ---------------------------------------------------------------- The English page's notice


def stale_notice(site: Site, source: Source, lang: str) -> str:
    """The notice of a stale English page: the sections that changed, linked to this page's own
    sections where it has the same id; the generic sentence when they are not known."""
    comparison = stale_report(site).get(source.key)
    if comparison is None or not comparison.changes:  # unmarked, base not in history, spacing only
        return _admonition(esc(t("stale", lang)))
    titles = comparison.english_titles
    names = ", ".join(
        _name(c, lang, titles[c.id], "#" + c.id, lang)
        if c.id in titles
        else _name(c, lang, c.title, None, SOURCE_LANGUAGE)
        for c in comparison.changes
    )
    return _admonition(f"{esc(t('translation.stale_sections', lang))} {names}.")


def _name(change: Change, lang: str, title: str, link: str | None, title_lang: str) -> str:
    """One changed section for a page in lang: the introduction in words, else its title (a link when
    there is somewhere to land), marked with its language when that is not the page's; new and
    removed sections said so."""
    if change.id == INTRODUCTION:
        name = esc(t("translation.introduction", lang))
    else:
        attribute = f' lang="{title_lang}"' if title_lang != lang else ""
        if link is not None:
            name = f'<a href="{esc(link)}"{attribute}>{esc(title)}</a>'
        else:
            name = f"<span{attribute}>{esc(title)}</span>" if attribute else esc(title)
    if change.kind != "changed":
        name += f" ({esc(t(f'translation.{change.kind}', lang))})"
    return name


def _admonition(html: str) -> str:
    return f'<div class="admonition warning">\n<p>{html}</p>\n</div>'


# ---------------------------------------------------------------- The status page


def status_pages(site: Site, identity=None) -> dict[str, str]:
    """uri → text of the status page in each language (identity: links to the repository)."""
    from .decorate import GENERATED_HEADER

    rows = _rows(site)
    pages = {}
    for lang in LANGUAGES:
        uri = STATUS_PAGE if lang == SOURCE_LANGUAGE else STATUS_PAGE.replace(".md", f".{lang}.md")
        title = t("translation.page_title", lang)
        meta = {
            "title": esc(title),
            "hide": ["navigation", "toc"],
            "search": {"exclude": True},
            "cm_noindex": True,
        }
        body = (
            f"{GENERATED_HEADER}\n\n# {md_esc(title)}\n\n"
            f"{_page_html(site, rows, lang, site.url(STATUS_PAGE, lang), identity)}\n"
        )
        pages[uri] = (
            "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
        )
    return pages


def _rows(site: Site) -> list[tuple[str, Source, Source | None, Comparison | None]]:
    """(state, Italian source, English source, comparison) of every page, those needing work first."""
    report, rows = stale_report(site), []
    for key in site.keys():
        it, en = site.get(key, SOURCE_LANGUAGE), site.get(key, "en")
        if it is None or not it.ok or en is not None and not en.ok:
            continue  # an English page without original, or a page refused (only with validation off)
        if en is None:
            state = "untranslated" if "untranslated" in it.meta else "missing"
        elif key in report:
            state = "stale"
        else:
            state = "current" if en.meta.get("translated_from") == it.body_hash() else "unmarked"
        rows.append((state, it, en, report.get(key)))
    return sorted(rows, key=lambda row: (STATES.index(row[0]), row[1].key))


def _page_html(site: Site, rows, lang: str, url: str, identity) -> str:
    counts = {state: sum(1 for row in rows if row[0] == state) for state in STATES}
    summary = t("translation.summary", lang, n=len(rows), **counts)
    head = "".join(
        f'<th scope="col">{esc(t(f"translation.{name}", lang))}</th>'
        for name in ("column_page", "column_it", "column_en")
    )
    body = "".join(_row(site, row, lang, url, identity) for row in rows)
    table = (
        f"<table><caption>{esc(t('translation.caption', lang))}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    return (
        f"<p>{esc(t('translation.intro', lang))}</p>\n<p>{esc(summary)}</p>\n"
        f"{table_region(table, t('translation.caption', lang))}"
    )


def _row(site: Site, row, lang: str, url: str, identity) -> str:
    state, it, en, comparison = row
    page = href(url, site.url(it.key, lang))
    title = (en or it).title if lang != SOURCE_LANGUAGE else it.title
    italian = f"{esc(t('translation.original', lang))}{_links(identity, it.rel, lang)}"
    english = f"<strong>{esc(t(f'translation.state.{state}', lang))}</strong>"
    if state == "stale":
        english += " " + _stale_detail(site, comparison, lang, url)
    elif state == "untranslated" and isinstance(it.meta.get("untranslated"), str):
        english += f': <span lang="{SOURCE_LANGUAGE}">{esc(it.meta["untranslated"])}</span>'
    if en is not None:
        english += _links(identity, en.rel, lang)
    elif state == "missing" and identity is not None:
        new = f"{identity.repository}/new/{quote(identity.branch)}?filename={quote(_english_path(it.rel))}"
        english += f' · <a href="{esc(new)}">{esc(t("translation.create", lang))}</a>'
    return (
        f'<tr><th scope="row"><a href="{esc(page)}">{esc(title)}</a></th>'
        f"<td>{italian}</td><td>{english}</td></tr>"
    )


def _stale_detail(site: Site, comparison: Comparison | None, lang: str, url: str) -> str:
    """The changed sections, linked to the Italian page's sections (what the translator reads), or
    why they are not known."""
    if comparison is None:
        return ""
    if comparison.base is None:
        reason = (
            esc(comparison.reason)
            if lang == "en"
            else f'<span lang="en">{esc(comparison.reason)}</span>'
        )
        return f"({esc(t('translation.sections_unknown', lang))}: {reason})"  # reasons are in the code's language'
    if not comparison.changes:
        return f"({esc(t('translation.spacing_only', lang))})"
    target = href(url, site.url(comparison.key, SOURCE_LANGUAGE)) + "#"
    names = ", ".join(
        _name(c, lang, c.title, None if c.kind == "removed" else target + c.id, SOURCE_LANGUAGE)
        for c in comparison.changes
    )
    since = t(
        "translation.since",
        lang,
        date=date(comparison.base.date, lang),
        revision=comparison.base.revision[:12],
    )
    return f"({esc(since)}): {names}"


def _links(identity, path: str, lang: str) -> str:
    """· source · edit, on the repository (nothing when the build has no identity)."""
    if identity is None:
        return ""
    source = f"{identity.repository}/blob/{quote(identity.branch)}/{quote(path)}"
    return (
        f' · <a href="{esc(source)}">{esc(t("translation.source", lang))}</a>'
        f' · <a href="{esc(identity.edit_url(path))}">{esc(t("translation.edit", lang))}</a>'
    )


def _english_path(italian: str) -> str:
    return italian.removesuffix(".md") + ".en.md"
