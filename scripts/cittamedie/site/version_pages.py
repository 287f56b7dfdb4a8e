"""What readers see of a document's versions (versions.py): the versions page of each document
(/linee-guida/versioni/, /en/linee-guida/versioni/) and the note on each chapter page saying in
which version it last changed, with a link to the change.

The versions page lists every version, newest first, with its PDF and the chapters it added,
changed or removed; each changed chapter is compared word by word with the version before:
deleted words in <del>, inserted ones in <ins>, both also said in words for screen readers
(class cm-sr, visually hidden), the chapter's headings kept as headings. Both sides are the texts
at their revisions, rendered and sanitised like the site's pages, then compared as text.

The page is written by the build beside the chapters (build.write_index_pages), like the
catalogue's index pages; its generated HTML joins it after Markdown (build.page_markdown).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from html.parser import HTMLParser
from typing import NamedTuple

from ..content.generated import PDF_DIR, earlier_pdfs, versions_pages
from ..content.model import LANGUAGES, SOURCE_LANGUAGE, VERSIONS_PAGE, Site, Source
from ..content.strings import date, esc, href, t, table_region
from ..history.git import MAX_PAIRS, opcodes, word_diff
from ..history.versions import Change, DocumentHistory, Version, chapter_name, history_of, rendered

# Pairs of words one chapter's comparison may weigh in all (MAX_PAIRS for one paragraph): a
# rewrite of 60 real paragraphs weighs ~600,000. Past it, paragraphs are shown removed and added.
CHAPTER_BUDGET = 1_000_000
LOOKAHEAD = 4  # old paragraphs looked at for the one a new paragraph edits
SIMILAR = 0.5  # share of words in common that makes a paragraph an edit of another
_BLOCKS = frozenset(
    "p li dt dd tr pre caption figcaption summary blockquote div table ul ol dl section "
    "details h1 h2 h3 h4 h5 h6".split()
)


class Block(NamedTuple):
    level: int  # 1-6 for a heading, 0 for text
    text: str
    id: str = ""  # a heading's id, for the comparison's own heading ids

    @property
    def key(
        self,
    ) -> tuple[int, str]:  # what is compared: a heading whose id alone changed is the same
        return self.level, self.text


# ---------------------------------------------------------------- Public functions


def page_sources(site: Site) -> dict[str, str]:
    """uri (with language suffix) → Markdown of each versions page: title and introduction (the
    versions are added as HTML when the page is built: page_parts)."""
    from .decorate import generated_page_text

    pages = {}
    for key, doc in versions_pages(site).items():
        history_of(
            site, doc
        )  # read now: a revision git cannot give stops the build here, with its line
        for lang in LANGUAGES:
            uri = key if lang == SOURCE_LANGUAGE else key.replace(".md", f".{lang}.md")
            pages[uri] = generated_page_text(
                t("versions.title", lang), t("versions.intro", lang, document=doc.title(lang))
            )
    return pages


def page_parts(site: Site, key: str, lang: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The HTML of a versions page in lang and its (id, title) headings, or None for another page."""
    doc = versions_pages(site).get(key)
    if doc is None:
        return None
    found = history_of(site, doc)
    url = site.url(key, lang)
    newest_first = list(reversed(found.versions))
    out = [
        f'<p class="cm-muted">{esc(t("versions.legend", lang))}</p>',
        _table(found, newest_first, lang, url),
    ]
    for version in newest_first:
        out.append(_version(site, found, version, lang, url))
    headings = tuple(
        (_anchor(v), t("versions.heading", lang, version=v.version)) for v in newest_first
    )
    return "\n".join(out), headings


def chapter_badge(site: Site, source: Source, lang: str, url: str) -> str:
    """The note on a chapter page: in which version it last changed, with a link to the change."""
    doc = site.document_of(source)
    found = history_of(site, doc)
    if found is None:
        return ""
    name = chapter_name(doc, source.key)
    shown = site.shown(source.key, lang)
    kind, version = found.last_change(
        name, lang, (shown.title, shown.body_hash()) if shown else None
    )
    page = href(url, site.url(f"{doc.folder}/{VERSIONS_PAGE}.md", lang))
    if kind in ("added", "changed"):
        link = (
            f'<a href="{page}#{_anchor(version, name)}">{esc(t("versions.see_changes", lang))}</a>'
        )
    else:
        link = f'<a href="{page}">{esc(t("versions.all_versions", lang))}</a>'
    words = t(f"versions.badge_{kind}", lang, version=version.version if version else "")
    return f'<p class="cm-version-note">{esc(words)} ({link})</p>'


def blocks(html: str) -> list[Block]:
    """The text of rendered HTML as headings and paragraphs (list items, table rows… one each)."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


def comparison(old: list[Block], new: list[Block], lang: str, prefix: str) -> str:
    """The word-level comparison of two texts as HTML: headings as h4-h6 (ids from prefix), runs
    of unchanged paragraphs as a count."""
    out, same, spent, ids = [], 0, 0, set()
    for tag, i1, i2, j1, j2 in opcodes([b.key for b in old], [b.key for b in new]):
        if tag == "equal":
            for block in new[j1:j2]:
                if block.level:
                    out += _same(same, lang) + [_element(block, esc(block.text), prefix, ids)]
                    same = 0
                else:
                    same += 1
            continue
        out += _same(same, lang)
        same = 0
        for before, after in _pairs(old[i1:i2], new[j1:j2]):
            if before and after:
                limit = MAX_PAIRS if spent < CHAPTER_BUDGET else 0
                spent += min(MAX_PAIRS, len(before.text.split()) * len(after.text.split()))
                pieces = word_diff(before.text, after.text, limit)
            else:
                pieces = [("+", after.text)] if after else [("-", before.text)]
            out.append(_element(after or before, marked(pieces, lang), prefix, ids))
    return "\n".join(out + _same(same, lang))


def marked(pieces: list[tuple[str, str]], lang: str) -> str:
    """word_diff's pieces as HTML: <del> and <ins> with their meaning in words (visually hidden)."""
    out = []
    for op, text in pieces:
        if op == "=":
            out.append(esc(text))
            continue
        tag, words = ("del", "del") if op == "-" else ("ins", "ins")
        space = " " if text.startswith(" ") else ""
        out.append(
            f'{space}<{tag}><span class="cm-sr">{esc(t(f"versions.{words}_start", lang))} </span>'
            f'{esc(text.lstrip())}<span class="cm-sr"> {esc(t(f"versions.{words}_end", lang))}</span></{tag}>'
        )
    return "".join(out)


# ---------------------------------------------------------------- Helper functions


def _anchor(version: Version, name: str = "") -> str:
    slug = version.version.replace(".", "-")
    return f"v{slug}-{name}" if name else f"versione-{slug}"


def _pdf_names(found: DocumentHistory) -> dict[int, str]:
    """Version number → base name of its PDF: earlier versions by number, the current one stable."""
    names = {n: name for n, (_, name) in enumerate(earlier_pdfs(found.doc))}
    names[len(found.versions) - 1] = found.doc.meta.get("pdf") or found.doc.id
    return names


def _pdf_links(found: DocumentHistory, version: Version, lang: str, url: str) -> str:
    name = _pdf_names(found)[version.number]
    return " · ".join(
        f'<a href="{href(url, f"{PDF_DIR}/{name}-{pdf_lang}.pdf")}" hreflang="{pdf_lang}">'
        f"PDF, {t('lang_names.' + pdf_lang, lang)}</a>"
        for pdf_lang in LANGUAGES
    )


def _table(found: DocumentHistory, versions: list[Version], lang: str, url: str) -> str:
    head = "".join(
        f'<th scope="col">{label}</th>'
        for label in (
            t("version", lang),
            t("versions.date", lang),
            t("versions.status", lang),
            "PDF",
        )
    )
    rows = "".join(
        f'<tr><td><a href="#{_anchor(v)}">{esc(v.version)}</a></td><td>{date(v.entry["date"], lang)}</td>'
        f"<td>{t('status.' + v.entry['status'], lang)}</td><td>{_pdf_links(found, v, lang, url)}</td></tr>"
        for v in versions
    )
    table = f"<table><caption>{t('versions.table', lang)}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return table_region(table, t("versions.table", lang))


def _version(site: Site, found: DocumentHistory, version: Version, lang: str, url: str) -> str:
    entry = version.entry
    facts = [
        t("versions.published", lang, date=date(entry["date"], lang)),
        t("status." + entry["status"], lang),
        f"{t('versions.revision', lang)} <code>{esc(version.revision[:12])}</code>",
    ]
    if version.number == len(found.versions) - 1:
        facts.append(t("versions.current", lang))
    out = [
        f'<h2 id="{_anchor(version)}">{esc(t("versions.heading", lang, version=version.version))}</h2>',
        f'<p class="cm-meta">{" · ".join(facts)}</p>',
        f"<p>{esc(entry['summary'][lang])}</p>",
        f"<p>{t('versions.pdf', lang)}: {_pdf_links(found, version, lang, url)}</p>",
    ]
    if version.number == 0:
        items = "".join(
            f"<li{_lang(lang, version.text(name, lang))}>{esc(version.text(name, lang).title)}</li>"
            for name in version.chapters
            if version.text(name, lang)
        )
        return "\n".join(out + [f"<p>{t('versions.first', lang)}</p>", f"<ul>{items}</ul>"])
    changes = found.changes(version.number, lang)
    previous = found.versions[version.number - 1].version
    if not changes:
        return "\n".join(out + [f"<p>{t('versions.unchanged', lang, previous=esc(previous))}</p>"])
    items = "".join(_change_item(site, found, version, change, lang, url) for change in changes)
    out += [f"<p>{t('versions.changes', lang, previous=esc(previous))}</p>", f"<ul>{items}</ul>"]
    out += [
        _compared(site, found, version, change, lang, url)
        for change in changes
        if change.kind == "changed"
    ]
    return "\n".join(out)


def _change_item(
    site: Site, found: DocumentHistory, version: Version, change: Change, lang: str, url: str
) -> str:
    title = esc((change.new or change.old).title)
    kind = esc(t(f"versions.{change.kind}", lang))
    if change.kind == "changed":
        return f'<li><a href="#{_anchor(version, change.name)}">{title}</a> — {kind}</li>'
    key = f"{found.doc.folder}/{change.name}.md"
    if change.kind == "added" and site.shown(key, lang):
        title = f'<a href="{href(url, site.url(key, lang))}">{title}</a>'
    return f'<li id="{_anchor(version, change.name)}">{title} — {kind}</li>'


def _compared(
    site: Site, found: DocumentHistory, version: Version, change: Change, lang: str, url: str
) -> str:
    anchor = _anchor(version, change.name)
    out = [
        f'<section class="cm-diff"><h3 id="{anchor}">'
        f"{esc(t('versions.compare', lang, chapter=change.new.title))}</h3>"
    ]
    key = f"{found.doc.folder}/{change.name}.md"
    if site.shown(key, lang):
        out.append(
            f'<p><a href="{href(url, site.url(key, lang))}">{t("versions.read", lang)}</a></p>'
        )
    if change.old.title != change.new.title:
        out.append(
            f"<p>{t('versions.title_changed', lang)} {marked(word_diff(change.old.title, change.new.title), lang)}</p>"
        )
    if change.old.fingerprint[1] != change.new.fingerprint[1]:  # else the title alone changed
        old, new = (blocks(rendered(site.root, text.body)) for text in (change.old, change.new))
        out.append(
            f"<div{_lang(lang, change.old, change.new)}>{comparison(old, new, lang, anchor)}</div>"
        )
    return "\n".join(out) + "</section>"


def _lang(lang: str, *texts) -> str:
    """A lang attribute where the texts are all in another language than the page's (an English
    page shows the Italian text of a chapter that had no translation yet)."""
    written = {text.lang for text in texts}
    return f' lang="{written.pop()}"' if len(written) == 1 and lang not in written else ""


def _pairs(old: list[Block], new: list[Block]):
    """(old, new) of a replaced run: a new block paired with the old one it plainly edits (same
    kind, half its words shared, among the next LOOKAHEAD), else added; old ones left, removed."""
    i = 0
    for block in new:
        match = next(
            (
                k
                for k in range(i, min(i + LOOKAHEAD, len(old)))
                if old[k].level == block.level and _similar(old[k].text, block.text)
            ),
            None,
        )
        if match is None:
            yield None, block
            continue
        yield from ((gone, None) for gone in old[i:match])
        yield old[match], block
        i = match + 1
    yield from ((gone, None) for gone in old[i:])


def _similar(a: str, b: str) -> bool:
    return (
        SequenceMatcher(None, a.split(), b.split(), autojunk=False).quick_ratio() >= SIMILAR
    )  # linear


def _element(block: Block, html: str, prefix: str, ids: set[str]) -> str:
    """A block of the comparison; a heading's id is the chapter's prefix and its own id, or a
    number where it has none or a removed heading had it (ids: those given so far)."""
    if not block.level:
        return f"<p>{html}</p>"
    anchor = (
        f"{prefix}-{block.id}"
        if block.id and f"{prefix}-{block.id}" not in ids
        else f"{prefix}-{len(ids)}"
    )
    ids.add(anchor)
    tag = f"h{min(6, max(4, block.level + 2))}"  # under the chapter's h3: its ## become h4
    return f'<{tag} id="{anchor}">{html}</{tag}>'


def _same(count: int, lang: str) -> list[str]:
    if not count:
        return []
    words = t("versions.same_one", lang) if count == 1 else t("versions.same_many", lang, n=count)
    return [f'<p class="cm-diff-same">{esc(words)}</p>']


class _Blocks(HTMLParser):
    """Text of rendered HTML split at block elements; table cells of a row joined with ·."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.level, self.id = 0, ""

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.level, self.id = int(tag[1:]), dict(attrs).get("id") or ""
        elif tag in ("td", "th") and "".join(self.text).strip():
            self.text.append(" · ")
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.flush()
            self.level, self.id = 0, ""

    def handle_data(self, data):
        self.text.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append(Block(self.level, text, self.id if self.level else ""))
        self.text = []
