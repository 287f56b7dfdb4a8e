"""One build's context: made once per `mkdocs build` (or per rebuild under `mkdocs serve`) in
on_config, attached to that build's MkDocs configuration, and handed by the hooks to everything
they call. Nothing of a build outlives it: no module keeps state (ARCHITECTURE.md, "No hidden
state").

static-i18n builds one language after the other with the same configuration object (its
on_post_build calls MkDocs' build() again), so what is per language is kept per language here.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jinja2

from ..content.config import CONFIG_FILE, Config, read_config
from ..content.generated import index_pages, medium_city_pages
from ..content.identity import Identity, from_config, unset_warning
from ..content.load import load_site
from ..content.messages import editor_language, in_language, print_error, say
from ..content.model import Site, Source
from ..content.problems import ALWAYS_STOP, ERROR, ContentError, Problem
from ..history.git import Repository
from ..history.translations import Comparison, stale_comparisons
from ..history.versions import DocumentHistory, read_histories
from ..markup.paragraphs import Numbered, numbered_blocks
from ..markup.render import Renderer, published_html
from ..markup.text import Block, blocks
from ..rules import generated as foreign
from ..rules import run_all, urls
from ..rules.run import Run
from .synonyms import Synonyms
from .templates import environment

KEY = "cittamedie"  # the context's key in the MkDocs configuration
_log = logging.getLogger("mkdocs.plugins.cittamedie")


@dataclass
class BuildContext:
    root: Path
    settings: Config  # mkdocs.yml, read once (content/config.py)
    site: Site
    identity: Identity
    git: Repository
    renderer: Renderer  # the site's Markdown, for texts read from git (versions pages)
    validation: bool  # False: publish what the validator refuses (tests of the defences only)
    offline: bool  # the offline copy (file://): Material's search, sizes of the PDFs written in
    preview: bool  # `make serve`: validation and search index made in the background (preview.py)
    site_url: str
    extra: dict  # mkdocs.yml's extra (nav_order, whole_guide, pdf_sizes…)
    today: (
        str  # the day of the build, ISO: every date compared during the build is compared with it
    )
    histories: dict[str, DocumentHistory] = field(
        default_factory=dict
    )  # document id → its versions
    stale: dict[tuple[str, str], Comparison] = field(default_factory=dict)  # stale translations
    generated: dict[str, str] = field(
        default_factory=dict
    )  # docs path → text of a page the build writes
    files: dict[str, str] = field(
        default_factory=dict
    )  # site path → text of the files made from the model
    not_found: dict[str, str] = field(default_factory=dict)  # language → its 404 page
    pages_released: int = 0  # pages whose text was let go (memory.py trims memory now and then)
    rendered: dict[str, list[Block]] = field(default_factory=dict)  # a text from git → its blocks
    published: dict[str, str] = field(default_factory=dict)  # a text from git → its safe HTML

    @classmethod
    def start(cls, config) -> BuildContext:
        """Load and validate the content for the build of `config`, read what git knows of it, and
        attach the context to the configuration. ContentError: what stops the build."""
        root = Path(config.config_file_path or CONFIG_FILE).resolve().parent
        settings = read_config(root / CONFIG_FILE)
        site = load_site(root, Path(config.docs_dir), config.use_directory_urls)
        context = cls.of_site(
            site, from_config(settings), settings, dict(config.extra), config.site_url or ""
        )
        if warning := unset_warning(settings):  # not MkDocs' log: a strict build goes on
            print_error(editor_language(), *warning, label=say("WARNING"))
        if context.preview and context.validation:
            # `make serve`: what would hang, crash, read outside or overwrite stops the build now;
            # the validator's report follows once the pages are served (finish.py, preview.py)
            found = [
                *site.problems,
                *foreign.check(site, context.run),
                *urls.check(site, context.run),
            ]
            context.refuse([p for p in found if p.severity == ERROR and p.rule in ALWAYS_STOP])
        else:
            problems = run_all(site, context.run.today, context.git, settings)
            errors = [p for p in problems if p.severity == ERROR]
            context.refuse([p for p in errors if context.validation or p.rule in ALWAYS_STOP])
        context.read_history()
        config[KEY] = context
        return context

    @classmethod
    def of_site(
        cls,
        site: Site,
        identity: Identity,
        settings: Config | None = None,
        extra: dict | None = None,
        site_url: str = "",
        today: str | None = None,
    ) -> BuildContext:
        """The context of a loaded site (settings: its mkdocs.yml, read by content/config.py);
        history not read yet (read_history)."""
        settings = settings or read_config(site.root / CONFIG_FILE)
        extra = extra if extra is not None else settings.extra
        return cls(
            settings=settings,
            root=site.root,
            site=site,
            identity=identity,
            git=Repository(site.root),
            renderer=Renderer.from_config(settings),
            validation=extra.get("validation", True),
            offline=bool(extra.get("offline")),
            preview=bool(extra.get("preview")),
            site_url=site_url,
            extra=extra,
            today=today or dt.date.today().isoformat(),
        )

    def read_history(self) -> None:
        """What git knows of the content: each document's versions (a revision git cannot give
        stops the build here, at its line) and which sections changed under stale translations."""
        self.histories = read_histories(self.site, self.git)
        self.stale = stale_comparisons(self.site, self.git)

    @staticmethod
    def of(config) -> BuildContext:
        return config[KEY]

    def refuse(self, problems: list[Problem]) -> None:
        """Stop the build on these problems; with validation off, only say them."""
        if not problems:
            return
        if self.validation or any(p.rule in ALWAYS_STOP for p in problems):
            raise ContentError(problems)
        lang = editor_language()  # the build's log speaks the editor's language too
        for problem in problems:
            said = say("validation off: {problem}", problem=problem.worded(lang))
            _log.warning("%s", in_language(said, lang))

    @property
    def run(self) -> Run:
        """What the validator's rules read besides the content (the build runs some of them again)."""
        return Run(dt.date.fromisoformat(self.today), self.git, self.settings)

    @cached_property
    def templates(self) -> jinja2.Environment:
        return environment()

    def blocks_of(self, body: str) -> list[Block]:
        """A text from git rendered and sanitised like the site's pages, as blocks to compare; each
        text once per build (a chapter's text is often the same in two versions or two languages)."""
        if body not in self.rendered:
            self.rendered[body] = blocks(self.html_of(body))
        return self.rendered[body]

    def paragraphs_of(self, body: str, chapter: int) -> list[Numbered]:
        """The numbered paragraphs of a text from git, as the chapter-th chapter of its version."""
        return numbered_blocks(self.html_of(body), chapter)

    def html_of(self, body: str) -> str:
        """A text from git rendered and sanitised like the site's pages, once per build."""
        if body not in self.published:
            self.published[body] = published_html(self.renderer, body)
        return self.published[body]

    @cached_property
    def synonyms(self) -> Synonyms:
        """The glossary's acronyms of one meaning and their finder (search.py), once per build."""
        return Synonyms.of(self.site)

    @cached_property
    def index_pages(self) -> dict[str, tuple[str, str, list[Source]]]:
        """The catalogue's theme and city pages (content/generated.py), once per build."""
        return index_pages(self.site)

    @cached_property
    def city_pages(self) -> dict[str, tuple[str, str, dict]]:
        """The pages of the 39 cities (content/generated.py), once per build."""
        return medium_city_pages(self.site)

    @cached_property
    def case_lists(self) -> dict:
        """The catalogue's order (keys), and the positions of the cases of each theme and city in it:
        related cases are read from these, so that a case page costs the same however many there are."""
        lists: dict = {"order": []}
        for position, case in enumerate(self.site.cases()):
            lists["order"].append(case.key)
            for group in [("theme", x) for x in case.meta["themes"]] + [
                ("city", case.meta["city"])
            ]:
                lists.setdefault(group, []).append(position)
        return lists
