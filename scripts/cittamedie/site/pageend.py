"""The end of every page (partials/cm-page-end.html): when it was last updated, in its own
language; which Italian text an English page follows; a review date that has passed; and how to
report a problem, to the repository or by e-mail.

Every address is made here, at build time, so it works without JavaScript: GitHub's new-issue form
and a `mailto:` with the page's title, address and section filled in, each value percent-encoded
(urllib.parse.quote); the template escapes them for HTML. No script of anyone else, no form.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ..content.files import front_matter_end
from ..content.identity import Identity
from ..content.model import SOURCE_LANGUAGE, Site, Source, split_language
from ..content.strings import esc, t
from ..content.yamlsafe import parse_yaml
from ..history import git as history
from ..history.translations import stale_report
from .dates import dated, today

LF, CRLF = "\n", "\r\n"
FEEDBACK_ID = "cm-feedback"  # the page end's report links (partials/cm-page-end.html)

# ---------------------------------------------------------------- Public functions


def page_end(site: Site, page, lang: str, identity: Identity, on: str | None = None) -> dict:
    """What the template shows at the end of the page: `lines` (HTML, escaped here: sentences with
    <time> elements), `review` (HTML, and whether it starts hidden) and `feedback` (addresses)."""
    key, file_lang = split_language(page.file.src_uri)
    source = site.get(key, file_lang) or site.shown(key, lang)
    title = (
        source.title if source else html.unescape(page.title or "")
    )  # Material's title is escaped
    section = " › ".join(html.unescape(a.title or "") for a in reversed(page.ancestors) if a.title)
    context = {
        "lines": _dates(site, source, lang) if source else [],
        "review": None,
        "feedback": feedback(identity, lang, title, page.canonical_url or "", section),
    }
    review_by = source.meta.get("review_by") if source else None
    if isinstance(review_by, str):
        # shown from the build when the date has passed already; else the script shows it once passed
        context["review"] = {
            "html": dated("page_end.review_due", lang, date=review_by),
            "hidden": not review_by < (on or today()),
        }
    return context


def feedback(identity: Identity, lang: str, title: str, address: str, section: str = "") -> dict:
    """The two routes for a report on one page: GitHub's new-issue form, and e-mail (no account)."""
    subject = t("page_end.issue_title", lang, title=title)
    fields = [
        (t("page_end.issue_page", lang), title),
        (t("page_end.issue_address", lang), address),
        (t("page_end.issue_section", lang), section),
    ]
    lines = [f"{label}: {value}" for label, value in fields if value] + [
        "",
        t("page_end.issue_prompt", lang),
        "",
    ]
    issue = f"{identity.repository}/issues/new?title={_q(subject)}&body={_q(LF.join(lines))}"
    # RFC 6068: line breaks in a mailto body are CRLF; the address keeps its @
    mail = f"mailto:{quote(identity.feedback_email, safe='@')}?subject={_q(subject)}&body={_q(CRLF.join(lines))}"
    return {
        "issue": issue,
        "mail": mail,
        "email": identity.feedback_email,
        "label": t("page_end.feedback", lang),
        "where": t("page_end.feedback_where", lang),
        "mail_label": t("page_end.feedback_mail", lang),
    }


def feedback_marker(site: Site, lang: str, url: str, args: dict) -> str:
    """`<!-- cittamedie:feedback -->` (the accessibility statement's feedback section): the link
    at the end of every page, explained, and a way to it on this page."""
    link = f'<a href="#{FEEDBACK_ID}">{esc(t("page_end.feedback", lang))}</a>'
    return f"<p>{t('page_end.feedback_everywhere', lang).format(link=link)}</p>"


# ---------------------------------------------------------------- Helper functions


def _q(value: str) -> str:
    """A value of a query string: every reserved character percent-encoded, spaces as %20."""
    return quote(value, safe="")


def _dates(site: Site, source: Source, lang: str) -> list[str]:
    """The last update as this language shows it; say nothing where `updated` is missing."""
    updated = source.meta.get("updated")
    if not isinstance(updated, str):
        return []
    if source.lang != lang:  # the Italian text, shown where no translation exists
        return [dated("page_end.updated_italian", lang, date=updated)]
    lines = [dated("page_end.updated", lang, date=updated)]
    italian = site.get(source.key, SOURCE_LANGUAGE) if lang != SOURCE_LANGUAGE else None
    if italian is None or not italian.ok or not isinstance(italian.meta.get("updated"), str):
        return lines
    later = italian.meta["updated"] > updated
    comparison = stale_report(site).get(source.key)
    if comparison is not None:  # the translation follows an older Italian text
        when = comparison.base and _updated_at(site.root, comparison.base.revision, comparison.path)
        lines.append(
            dated("page_end.translated_from", lang, date=when)
            if when
            else dated("page_end.translated_earlier", lang, date=italian.meta["updated"])
        )
    elif later and source.meta.get("translated_from") == italian.body_hash():
        # same Italian body, its page updated since (sources, description): the text it translates
        lines.append(dated("page_end.translated_from", lang, date=italian.meta["updated"]))
    elif later:  # not marked: which Italian text it follows is not known
        lines.append(dated("page_end.translated_earlier", lang, date=italian.meta["updated"]))
    return lines


@lru_cache(maxsize=256)
def _updated_at(root: Path, revision: str, path: str) -> str | None:
    """The `updated` date of a file at a revision (from git), or None when it cannot be read."""
    try:
        text = history.text_at(root, revision, path)
    except history.HistoryError:
        return None
    if not text:
        return None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    end, problem = front_matter_end(lines, path)
    if problem:
        return None
    data, _, problems = parse_yaml("\n".join(lines[1:end]), path, first_line=2)
    value = data.get("updated") if isinstance(data, dict) and not problems else None
    return value if isinstance(value, str) and len(value) == 10 else None
