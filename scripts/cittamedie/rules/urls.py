"""Every page has an address of its own: no two sources, generated pages or files at one URL.

MkDocs writes each page to <url>index.html and the last one written wins without a word:
docs/linee-guida.md beside docs/linee-guida/index.md, or an Italian page in docs/en/ beside an
English page, would hide one another. Nor can a page sit where the build writes its own files
(content/generated.py: written_at): manifest.json/, 404.html/, pdf/… would overwrite them or stop
MkDocs on a folder where a file is, so that problem (`reserved`) stops every build.
"""

from __future__ import annotations

from ..content.generated import generated_files, generated_pages, written_at
from ..content.languages import page_url
from ..content.messages import say
from ..content.model import Site
from ..content.problems import Problem
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    owners: dict[str, list] = {}  # URL → the sources published there
    for source in site.sources:
        owners.setdefault("/" + page_url(source.key, source.lang), []).append(source)
    for url, sources in owners.items():
        for source in sources:
            problems.extend(
                Problem(
                    source.rel,
                    1,
                    "url",
                    say(
                        "this page and {other} would both be published at {url}",
                        other=other.rel,
                        url=url,
                    ),
                    say("rename one of them"),
                )
                for other in sources
                if other is not source
            )
    for key, titles in generated_pages(site).items():
        for lang in titles:
            url = "/" + page_url(key, lang)
            problems.extend(
                Problem(
                    source.rel,
                    1,
                    "url",
                    say(
                        "this page and the generated page {key} would both be published at {url}",
                        key=key,
                        url=url,
                    ),
                    say("rename this page"),
                )
                for source in owners.get(url, ())
            )
    files = generated_files(site)
    for url, sources in owners.items():
        written = written_at(url.removeprefix("/"), files)
        problems.extend(
            Problem(
                source.rel,
                1,
                "reserved",
                say(
                    "this page would be published at {url}, where the build writes {written}",
                    url=url,
                    written=written,
                ),
                say("rename this page"),
            )
            for source in sources
            if written
        )
    return problems
