"""The folders the build writes (theme and city index pages, the translation status page) and the
documents' versions pages hold nothing written by hand: such a file was never validated, so the
build stops on it instead of publishing or overwriting it (content/generated.py names them)."""

from __future__ import annotations

from ..content.build_files import generated_places, is_written_by_the_build, versions_files
from ..content.generated import GENERATED_FOLDERS
from ..content.messages import say
from ..content.model import Site
from ..content.problems import Problem, relative
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    """What in the generated places the build did not write (content/generated.py says what it
    did: is_written_by_the_build), or a generated folder that leads out of the repository."""
    problems, root = [], site.root.resolve()
    versions = versions_files(site.docs_dir)
    committed = run.git.tracked_files(generated_places(site.docs_dir))
    for path in versions:
        if not is_written_by_the_build(path, committed):
            problems.append(
                Problem(
                    relative(path if path.is_symlink() else path.resolve(), site.root),
                    1,
                    "generated",
                    say(
                        "`{name}` is the name of the document's versions page, which the build "
                        "writes, but this file was written by hand",
                        name=path.name,
                    ),
                    say("rename the file: the build never publishes or overwrites it"),
                )
            )
    for folder in GENERATED_FOLDERS:
        target = site.docs_dir / folder
        if not target.exists():
            continue
        if not target.resolve().is_relative_to(root):
            problems.append(
                Problem(
                    relative(target, site.root),
                    0,
                    "link-outside",
                    say(
                        "this folder leads outside the repository (to {target})",
                        target=target.resolve().as_posix(),
                    ),
                    say("remove the link: the build writes this folder itself"),
                )
            )
            continue
        for path in sorted(target.rglob("*")):
            shown = relative(path if path.is_symlink() else path.resolve(), site.root)
            if not is_written_by_the_build(path, committed):
                problems.append(
                    Problem(
                        shown,
                        1,
                        "generated",
                        say(
                            "this folder is written by the build, but this file was written by hand"
                        ),
                        say("move the file elsewhere: the build never publishes or overwrites it"),
                    )
                )
    return problems
