"""What the build would refuse to publish: shapes that would hang Markdown, and any markup the
sanitiser (sanitize.py, the only judge of what HTML is allowed) would remove once rendered."""

from __future__ import annotations

from ..content.model import Site, slugify
from ..content.problems import Problem
from ..markup.render import could_hold_markup, render_problems
from ..markup.shapes import shape_problems
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    problems: list[Problem] = []
    renderer = None
    for source in site.sources:
        if not source.body:
            continue
        shapes = shape_problems(source.rel, source.body, source.body_line)
        problems.extend(shapes)
        # a heading without an explicit id gets one from its text (Markdown's toc)
        ids = source.heading_ids | {slugify(h.text) for h in source.headings if not h.id}
        if shapes or not could_hold_markup(source.body, ids):
            continue
        renderer = renderer or run.renderer(site.root)
        problems.extend(render_problems(renderer, source.rel, source.body, source.body_line))
    return problems
