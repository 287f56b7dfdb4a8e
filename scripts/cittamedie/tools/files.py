"""How the editors' commands write into the repository (`new`, `translations --mark-current`):
never through a link, never half a file, never half a pair, and one field changed in place with
every other byte kept.

A link in the repository can lead anywhere (another page, a file outside the clone) and a dangling
one is created where it points when a program opens it for writing: so a path with a link in it is
refused, dangling or not. Every file is written whole in a temporary file beside it, then put in
place in one step (os.replace, or os.link for a file that must not exist yet): an interruption
leaves the old file or the new one, never a mixture. A pair is created both or neither.

A field changed in a front matter (`translated_from`, `updated`) keeps everything else the editor
wrote: line ends, byte order mark, comments, spacing. The edit is checked by reading both texts as
the validator does; where it cannot be done safely the file is left as it is, with the reason.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

from ..content.files import front_matter_end, normalize, parse_markdown
from ..content.messages import say
from ..content.problems import Problem, relative

RULE = "link"
_LINE_END = re.compile("(\r\n|\r|\n)")  # line ends as MkDocs reads them (content/files.normalize)
# line ends for YAML and not for MkDocs: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR
_YAML_ONLY_BREAKS = "\x85\u2028\u2029"


def link_in(root: Path, target: Path) -> Problem | None:
    """The problem when `target` (under root), or a folder between root and it, is a link."""
    shown = relative(target, root)
    try:
        parts = target.relative_to(root).parts
    except ValueError:
        return Problem(
            shown, 0, RULE, say("the file is outside the repository"), say("give a file in it")
        )
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            try:
                leads = say("to {target}", target=os.readlink(here))
            except OSError:
                leads = say("somewhere that cannot be read")
            return Problem(
                shown,
                0,
                RULE,
                say(
                    "{link} is a link ({leads}), and this command never writes "
                    "through a link: the file written would be another one",
                    link=relative(here, root),
                    leads=leads,
                ),
                say(
                    "remove the link {link} (or give the file's own path), then "
                    "run the command again",
                    link=relative(here, root),
                ),
            )
    return None


def create_all(root: Path, files: dict[Path, str]) -> list[Problem]:
    """Create every file with its text, or none of them: a file that exists already (even a
    dangling link) or a link on the way refuses the whole set, and nothing is written."""
    problems = [p for path in files if (p := link_in(root, path))]
    problems += [
        Problem(
            relative(path, root),
            0,
            "exists",
            say("the file exists already; nothing was written"),
            say("choose another --slug, or edit the existing file"),
        )
        for path in files
        if os.path.lexists(path)
    ]
    if problems:
        return problems
    created: list[Path] = []
    try:
        for path, text in files.items():
            _put(path, text.encode("utf-8"), exclusive=True)
            created.append(path)
    except OSError as exc:
        for path in created:  # ours: made by os.link a moment ago
            path.unlink(missing_ok=True)
        return [
            Problem(
                relative(path, root),
                0,
                "write",
                say(
                    "the file cannot be written ({reason}); nothing was written",
                    reason=exc.strerror or str(exc),
                ),
                say(
                    "check the folder's permissions and the free space, then run the command again"
                ),
            )
        ]
    return []


def replace(path: Path, data: bytes) -> None:
    """Put `data` in place of the file at `path` in one step (the caller has checked link_in)."""
    _put(path, data, exclusive=False)


def _put(path: Path, data: bytes, exclusive: bool) -> None:
    # a name of our own beside the file: O_EXCL and O_NOFOLLOW make sure it is a new file, and the
    # mode is the usual one (0666 less the umask), or the replaced file's own
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if exclusive:
            os.link(temporary, path)  # fails if anything, even a dangling link, has the name
        else:
            os.chmod(temporary, stat.S_IMODE(os.lstat(path).st_mode))
            os.replace(temporary, path)  # replaces a name: a link there is not followed
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def with_field(
    raw: bytes, name: str, value: str, shown: str, rule: str
) -> tuple[bytes, Problem | None]:
    """The file's bytes with `name: value` in its front matter and every other byte as it was
    (line ends, byte order mark, comments, spacing), or the reason that cannot be done safely
    (a Problem of `rule`, the command's). The edit is checked by reading both texts as the
    validator does: the body and every other field must come out the same. `value` is a word
    YAML reads as itself (a fingerprint, a date)."""
    # the field at the start of a line: the spaces after the colon (1), its value: the first word (2)
    field = re.compile(rf"{re.escape(name)}:([ \t]*)([^\s#]*)")
    text = raw.decode("utf-8", errors="strict")  # the page was read as UTF-8 by the validator
    pieces = _LINE_END.split(text)  # line, end, line, end, …, line: as MkDocs splits lines
    lines, ends = pieces[0::2], [*pieces[1::2], ""]
    first = lines[0].removeprefix("\ufeff")
    end, problem = front_matter_end([first, *lines[1:]], shown)  # the validator's splitter
    if problem:
        return raw, problem
    found_at = [i for i in range(1, end) if field.match(lines[i])]
    if len(found_at) > 1:
        return raw, _unsafe(
            shown,
            found_at[1] + 1,
            rule,
            say("`{name}` is written twice", name=name),
            say("delete one of the two lines"),
        )
    if found_at:
        line, found = lines[found_at[0]], field.match(lines[found_at[0]])
        start, stop = found.span(2)
        if start == stop:  # no value: after the colon and one space (` # a comment` stays apart)
            start = stop = found.start(1) + (1 if found[1] else 0)
        space = "" if found[1] else " "
        lines[found_at[0]] = line[:start] + space + value + line[stop:]
    else:  # a line of its own before the closing ---, ended as the line before it
        lines.insert(end, f"{name}: {value}")
        ends.insert(end, ends[end - 1])
    edited = "".join(line + ending for line, ending in zip(lines, ends, strict=True))
    before, after = (parse_markdown(normalize(t), shown) for t in (text, edited))
    if after.ok and after.body == before.body and after.meta == {**before.meta, name: value}:
        return edited.encode("utf-8"), None
    header = "".join(pieces[: 2 * end])  # the front matter's lines, as the file has them
    separator = next((c for c in header if c in _YAML_ONLY_BREAKS), "")
    if separator:
        return raw, _unsafe(
            shown,
            len(_LINE_END.findall(header[: header.index(separator)])) + 1,
            rule,
            say(
                "the front matter holds an invisible line separator (U+{code:04X}), "
                "which YAML reads as the end of a line and editors do not see",
                code=ord(separator),
            ),
            say("delete the invisible character (retype the line where it is)"),
        )
    return raw, _unsafe(
        shown,
        (found_at[0] if found_at else end) + 1,
        rule,
        say("writing `{name}` there would change other fields", name=name),
        say(
            "write `{name}: {value}` yourself, on a line of its own in the front matter",
            name=name,
            value=value,
        ),
    )


def _unsafe(shown: str, line: int, rule: str, why: str, fix: str) -> Problem:
    return Problem(
        shown,
        line,
        rule,
        say("the file was not changed: {why}", why=why),
        say("{fix}, then run the command again", fix=fix),
    )
