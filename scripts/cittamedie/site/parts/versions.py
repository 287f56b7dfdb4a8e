"""What readers see of a document's versions (history/versions.py): the versions page of each
document (/linee-guida/versioni/, /en/linee-guida/versioni/). Both sides of a comparison are the
texts at their revisions, rendered and sanitised like the site's pages, then compared as text
(history/comparison.py); the page is written beside the chapters by the build (site/generated.py)
and its generated HTML joins it after Markdown."""

from __future__ import annotations

from markupsafe import Markup

from ...content.generated import earlier_pdfs, outcomes_name, pdf_file, versions_pages
from ...content.languages import LANGUAGES, href
from ...content.strings import t
from ...history.comparison import Budget, Compared, compare_blocks
from ...history.paragraphs import NumberChanges, number_changes
from ...history.versions import Change, DocumentHistory, Version
from ...history.words import word_diff
from ...markup.text import Block
from ..context import BuildContext
from ..templates import macro


def anchor(version: Version, name: str = "") -> str:
    """The id of a version's section (versione-0-2), or of one chapter's change in it (v0-2-priorita)."""
    slug = version.version.replace(".", "-")
    return f"v{slug}-{name}" if name else f"versione-{slug}"


def page_parts(
    ctx: BuildContext, key: str, lang: str
) -> tuple[Markup, tuple[tuple[str, str], ...]] | None:
    """The HTML of a versions page in lang and its (id, title) headings, or None for another page."""
    doc = versions_pages(ctx.site).get(key)
    if doc is None:
        return None
    history = ctx.histories[doc.id]
    url = ctx.site.url(key, lang)
    newest_first = list(reversed(history.versions))
    budget = Budget()  # the page's comparisons, bounded by counting (history/comparison.py)
    versions = [_version(ctx, history, version, lang, url, budget) for version in newest_first]
    headings = tuple(
        (anchor(v), t("versions.heading", lang, version=v.version)) for v in newest_first
    )
    return macro(ctx.templates, "parts/versions.html", "page")(versions, lang), headings


def _version(
    ctx: BuildContext,
    history: DocumentHistory,
    version: Version,
    lang: str,
    url: str,
    budget: Budget,
) -> dict:
    entry = version.entry
    names = {n: name for n, (_, name) in enumerate(earlier_pdfs(history.doc))}
    names[len(history.versions) - 1] = history.doc.pdf  # the current version keeps the stable name
    found = {
        "anchor": anchor(version),
        "version": version.version,
        "date": entry["date"],
        "status": entry["status"],
        "revision": version.revision,
        "current": version.number == len(history.versions) - 1,
        "summary": entry["summary"][lang],
        "pdfs": [
            {"href": href(url, pdf_file(names[version.number], pdf_lang)), "lang": pdf_lang}
            for pdf_lang in LANGUAGES
        ],
        "first": None,
        "changes": [],
        "previous": history.versions[version.number - 1].version if version.number else "",
        "outcomes": _outcomes(ctx, history.doc, version.version, lang, url),
    }
    if version.number == 0:
        found["first"] = [
            {"title": text.title, "lang": _other_language(lang, text)}
            for name in version.chapters
            if (text := version.text(name, lang))
        ]
        return found
    found["changes"] = [
        _change(ctx, history, version, change, lang, url, budget)
        for change in history.changes(version.number, lang)
    ]
    return found


def _outcomes(ctx: BuildContext, doc, version: str, lang: str, url: str) -> str:
    """The link to the outcomes of the consultation on this version, if it had one."""
    if (doc.id, version) not in ctx.site.consultations:
        return ""
    return href(url, ctx.site.url(f"{outcomes_name(doc, version)}.md", lang))


def _change(
    ctx: BuildContext,
    history: DocumentHistory,
    version: Version,
    change: Change,
    lang: str,
    url: str,
    budget: Budget,
) -> dict:
    key = f"{history.doc.folder}/{change.name}.md"
    shown = ctx.site.shown(key, lang)
    link = href(url, ctx.site.url(key, lang)) if shown else ""
    found = {
        "kind": change.kind,
        "anchor": anchor(version, change.name),
        "title": (change.new or change.old).title,
        "href": link if change.kind in ("added", "changed") else "",
        "title_pieces": (),
        "lines": None,
        "lang": "",
        "omitted": False,  # not compared: the page's budget is spent
        "numbers": None,  # the numbered paragraphs it changed, added, removed (a numbered document)
        "previous": "",
    }
    if change.kind != "changed":
        found["numbers"], found["previous"] = _whole_chapter_numbers(ctx, history, version, change)
        return found
    if change.old.title != change.new.title:
        found["title_pieces"] = word_diff(change.old.title, change.new.title)
    if change.old.fingerprint[1] == change.new.fingerprint[1]:  # the title alone changed
        return found
    if not budget.allows(change.old.body, change.new.body):
        found["omitted"] = True
    else:
        old, new = (ctx.blocks_of(text.body) for text in (change.old, change.new))
        found["lines"] = _lines(compare_blocks(old, new, budget), found["anchor"])
        found["lang"] = _other_language(lang, change.old, change.new)
        if history.doc.numbered:
            before = history.versions[version.number - 1]
            found["previous"] = before.version
            found["numbers"] = number_changes(
                ctx.paragraphs_of(change.old.body, before.chapters.index(change.name) + 1),
                ctx.paragraphs_of(change.new.body, version.chapters.index(change.name) + 1),
            )
    return found


def _whole_chapter_numbers(
    ctx: BuildContext, history: DocumentHistory, version: Version, change: Change
) -> tuple[NumberChanges | None, str]:
    """The numbers of a chapter a version added (its numbers) or removed (the version before's),
    with that version before; nothing for a document not numbered."""
    if not history.doc.numbered:
        return None, ""
    before = history.versions[version.number - 1]
    if change.kind == "added":
        new = ctx.paragraphs_of(change.new.body, version.chapters.index(change.name) + 1)
        return number_changes([], new), before.version
    old = ctx.paragraphs_of(change.old.body, before.chapters.index(change.name) + 1)
    return number_changes(old, []), before.version


def comparison(env, old: list[Block], new: list[Block], lang: str, prefix: str) -> Markup:
    """Two texts' blocks compared, as the versions page shows them (ids from prefix)."""
    return macro(env, "parts/versions.html", "comparison")(
        _lines(compare_blocks(old, new), prefix), lang
    )


def marked(env, pieces, lang: str) -> Markup:
    """word_diff's pieces as the versions page shows them: <del> and <ins>, said in words too."""
    return macro(env, "parts/versions.html", "marked")(pieces, lang)


def _lines(compared: list[Compared], prefix: str) -> list[dict]:
    """The comparison's lines as the template shows them: a heading's id is the chapter's prefix and
    its own id, or a number where it has none or a removed heading had it; under the chapter's h3,
    its ## become h4."""
    lines, ids = [], set()
    for line in compared:
        if line.same:
            lines.append({"same": line.same})
            continue
        block = line.block
        if not block.level:
            lines.append({"same": 0, "tag": "p", "pieces": line.pieces})
            continue
        own = f"{prefix}-{block.id}"
        identifier = own if block.id and own not in ids else f"{prefix}-{len(ids)}"
        ids.add(identifier)
        lines.append(
            {
                "same": 0,
                "tag": f"h{min(6, max(4, block.level + 2))}",
                "id": identifier,
                "pieces": line.pieces,
            }
        )
    return lines


def _other_language(lang: str, *texts) -> str:
    """The language the texts are all written in, where it is not the page's (an English page shows
    the Italian text of a chapter that had no translation yet); else ""."""
    written = {text.lang for text in texts}
    return written.pop() if len(written) == 1 and lang not in written else ""
