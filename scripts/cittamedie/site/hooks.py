"""MkDocs hooks: each takes the build's context from the configuration and calls one function of
the site build with the language static-i18n is building. No state here: the context is made in
on_config and lives on that build's configuration (context.py)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from cittamedie.content.generated import feed_file
from cittamedie.content.languages import language_root
from cittamedie.content.problems import ContentError
from cittamedie.content.strings import t
from cittamedie.site import (
    csp,
    editlinks,
    finish,
    generated,
    memory,
    navigation,
    pages,
    search,
    serve,
    theme,
)
from cittamedie.site.context import BuildContext
from cittamedie.site.parts import page_end

OFFLINE_SEARCH_WORKER = (
    "cittamedie-search.js?worker="  # workers/cittamedie-search.js loads Material's
)

# ---------------------------------------------------------------- Hooks


def on_config(config):
    if getattr(config.plugins.get("i18n"), "building", False):
        return config  # static-i18n's build of one more language: the context is made already
    with _editor_messages():
        BuildContext.start(config)  # the content loaded and validated, what git knows of it
    theme.version_assets(config)
    memory.trim_memory()  # the validator's garbage
    return config


def on_pre_build(config):
    ctx = BuildContext.of(config)
    with _editor_messages():
        generated.write_pages(ctx)
    pages.markdown_settings(ctx, config.mdx_configs, _language(config))


@event_priority(-150)  # after static-i18n has picked this language's files
def on_files(files, config):
    ctx = BuildContext.of(config)
    with _editor_messages():
        ctx.refuse(pages.published_files(ctx, files, config.docs_dir))
    for path, text in finish.files(ctx).items():
        files.append(File.generated(config, path, content=text))
    for file in [] if ctx.offline else search.lunr_files(files):
        files.remove(file)  # the served site searches with Pagefind
    return files


def on_page_read_source(page, config):
    with _editor_messages():
        return pages.source_text(BuildContext.of(config), page.file.src_uri)


def on_nav(nav, config, files):
    ctx = BuildContext.of(config)
    return navigation.order(nav, ctx.site, _language(config), config.extra.get("nav_order", []))


def on_page_markdown(markdown, page, config, files):
    return pages.markdown(BuildContext.of(config), markdown, page.file.src_uri, _language(config))


def on_page_content(html, page, config, files):
    ctx = BuildContext.of(config)
    with _editor_messages():
        html, page.meta["cm_synonyms"] = pages.html(
            ctx, html, page.file.src_uri, page.toc, _language(config)
        )
    memory.release(ctx, page)
    return html


def on_env(env, config, files):
    ctx, lang = BuildContext.of(config), _language(config)
    with _editor_messages():
        theme.patch(env)
    theme.compile_once(env, ctx.root)
    env.globals["cm_breadcrumbs"] = t("breadcrumbs", lang)
    env.globals["cm_identity"] = ctx.identity.for_language(lang)
    # the policy (its hashes: on_post_page); none in `make serve`, whose live reload is an inline
    # script MkDocs adds as it serves a page, after every hook
    env.globals["cm_csp"] = "" if ctx.preview else csp.base_policy(ctx.offline)
    # Material's search in the offline copy (material-patches.yml): our worker, each language's index
    env.globals["cm_search_worker"] = OFFLINE_SEARCH_WORKER if ctx.offline else ""
    env.globals["cm_language_root"] = language_root(lang) if ctx.offline else ""
    if not ctx.offline:  # Pagefind's dialog, on every page and the 404 page
        env.globals["cm_search"] = search.dialog(lang)
        # the language's Atom feed, in every page's head (not in the offline copy, which has none)
        env.globals["cm_feed"] = (  # none without site_url (finish.py writes no feed then)
            {"href": feed_file(lang), "title": t("feed.title", lang)} if ctx.site_url else None
        )
    return env


def on_page_context(context, page, config, nav):
    ctx, lang = BuildContext.of(config), _language(config)
    context["cm_alternates"] = pages.alternates(ctx, page.file.src_uri, config.site_url or "")
    context["cm_toc_toggle"] = navigation.has_toc_toggle(page, nav)
    context["cm_edit"] = editlinks.link(ctx.site, ctx.identity, page.file.src_uri, lang)
    context["cm_page_end"] = page_end.page_end(ctx, page, lang)
    if not ctx.offline:  # what the page marks for the Pagefind index
        context["cm_index"] = search.page_marks(ctx.site, page, lang)
    return context


def on_post_page(output, page, config):
    ctx = BuildContext.of(config)
    memory.release(ctx, page, written=True)
    return csp.finish_page(output, ctx.offline)


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    ctx = BuildContext.of(config)
    html = csp.finish_page(output_content, ctx.offline)
    return finish.not_found_page(ctx, html, Path(config.site_dir), _language(config))


def on_serve(server, config, builder):
    for path in serve.watched(BuildContext.of(config)):
        server.watch(str(path))
    return server


@event_priority(-200)  # after static-i18n has built every language and merged the search index
def on_post_build(config):
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # an inner build of one more language: the outer build finishes the job
    finish.finish(BuildContext.of(config), Path(config.site_dir))


# ---------------------------------------------------------------- Helper functions


@contextmanager
def _editor_messages():
    """Content problems end the build with the editor's sentences, not a traceback."""
    try:
        yield
    except ContentError as exc:
        raise PluginError(str(exc)) from None


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]
