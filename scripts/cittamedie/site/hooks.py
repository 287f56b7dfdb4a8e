"""MkDocs hooks: thin calls into cittamedie.build, keyed by the language static-i18n is building."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from cittamedie.content import identity
from cittamedie.content.problems import ContentError
from cittamedie.content.strings import t
from cittamedie.site import build, editlinks, navigation, pageend, search, theme

# ---------------------------------------------------------------- Hooks


def on_config(config):
    if getattr(config.plugins.get("i18n"), "building", False):
        return config  # static-i18n's build of one more language: the content is loaded already
    with _editor_messages():
        identity.configure(
            config
        )  # the publisher, read once: refuses a hand-set site_author/copyright
        build.load(
            config.config_file_path,
            config.docs_dir,
            config.use_directory_urls,
            validation=config.extra.get("validation", True),
        )
    theme.version_assets(config)
    navigation.trim_memory()  # the validator's garbage
    return config


def on_pre_build(config):
    with _editor_messages():
        build.write_index_pages(build.site(), identity.current())
    build.markdown_settings(config.mdx_configs, _language(config))


@event_priority(-150)  # after static-i18n has picked this language's files
def on_files(files, config):
    with _editor_messages():
        build.refuse(build.published_files(files, config.docs_dir))
    for path, text in build.generated_file_texts(build.site(), config.site_url or "").items():
        files.append(File.generated(config, path, content=text))
    for file in [] if config.extra.get("offline") else search.lunr_files(files):
        files.remove(file)  # the served site searches with Pagefind
    return files


def on_page_read_source(page, config):
    with _editor_messages():
        return build.page_source(page.file.src_uri)


def on_nav(nav, config, files):
    return navigation.order(nav, build.site(), _language(config), config.extra.get("nav_order", []))


def on_page_markdown(markdown, page, config, files):
    return build.page_markdown(markdown, page.file.src_uri, _language(config))


def on_page_content(html, page, config, files):
    with _editor_messages():
        html = build.page_html(html, page.file.src_uri, page.toc, _language(config))
    navigation.release(page)
    return html


def on_env(env, config, files):
    with _editor_messages():
        theme.patch(env)
    env.globals["cm_breadcrumbs"] = t("breadcrumbs", _language(config))
    env.globals["cm_identity"] = identity.current().for_language(_language(config))
    if not config.extra.get("offline"):  # Pagefind's dialog, on every page and the 404 page
        env.globals["cm_search"] = search.dialog_strings(_language(config))
    return env


def on_page_context(context, page, config, nav):
    context["cm_alternates"] = build.alternates(page.file.src_uri, config.site_url or "")
    context["cm_toc_toggle"] = navigation.has_toc_toggle(page, nav)
    context["cm_edit"] = editlinks.link(
        build.site(), identity.current(), page.file.src_uri, _language(config)
    )
    context["cm_page_end"] = pageend.page_end(
        build.site(), page, _language(config), identity.current()
    )
    if not config.extra.get("offline"):  # what the page marks for the Pagefind index
        context["cm_index"] = search.page_marks(build.site(), page, _language(config))
    return context


def on_post_page(output, page, config):
    navigation.release(page, written=True)
    return build.post_page(output, _language(config), bool(config.extra.get("offline")))


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    return build.not_found_page(
        output_content, Path(config.site_dir), _language(config), bool(config.extra.get("offline"))
    )


@event_priority(-200)  # after static-i18n has built every language and merged the search index
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return  # an inner build of one more language: the outer build finishes the job
    build.finish(
        build.site(),
        Path(config.site_dir),
        config.site_url or "",
        config.extra.get("whole_guide", []),
        offline=bool(config.extra.get("offline")),
    )


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
