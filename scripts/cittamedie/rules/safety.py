"""What the build would refuse to publish: shapes that would hang Markdown, and any markup the
sanitiser (sanitize.py, the only judge of what HTML is allowed) would remove once rendered."""

from __future__ import annotations

from ..content.model import Site
from ..content.problems import Problem
from ..markup.render import Renderer, could_hold_markup, render_problems, shape_problems


def check(site: Site, today) -> list[Problem]:
    problems: list[Problem] = []
    renderer = None
    for source in site.sources:
        if not source.body:
            continue
        shapes = shape_problems(source.rel, source.body, source.body_line)
        problems.extend(shapes)
        if shapes or not could_hold_markup(source.body, source.heading_ids):
            continue
        renderer = renderer or Renderer.for_site(site.root)
        problems.extend(render_problems(renderer, source.rel, source.body, source.body_line))
    return problems
