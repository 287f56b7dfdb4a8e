"""mkdocs.yml read once, as plain data with the line of each setting: the one reader of the file
outside MkDocs (the identity block, the Markdown settings the validator renders with, the
languages, the offline copy's plugins).

Read safely: values with tags other projects use there (!!python/name:…) are read as null, never
constructed. `!ENV` is read as MkDocs reads it (the environment variable's value, the default when
it is unset, else null): the deployment's addresses come from there (content/identity.py). MkDocs
reads the file again for the build, its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag  # MkDocs' own reading of !ENV (a dependency of MkDocs)

from .messages import say
from .problems import ContentError, Problem

CONFIG_FILE = "mkdocs.yml"
RULE = "config"


class _TagsAsNull(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (LibYAML's where PyYAML has it) whose every tag becomes null."""


_TagsAsNull.add_multi_constructor("", lambda loader, suffix, node: None)
_TagsAsNull.add_constructor("!ENV", construct_env_tag)


@dataclass(frozen=True)
class Config:
    path: Path
    data: dict
    lines: dict[
        str, int
    ]  # "/name": a top-level setting's line; "": extra.identity's; "publisher.it": its fields'

    @property
    def shown(self) -> str:
        return self.path.name

    @property
    def extra(self) -> dict:
        extra = self.data.get("extra")
        return extra if isinstance(extra, dict) else {}

    def i18n_languages(self) -> dict[str, dict]:
        """static-i18n's languages: locale → settings, in the order mkdocs.yml lists them."""
        for plugin in self.data.get("plugins") or []:
            settings = plugin.get("i18n") if isinstance(plugin, dict) else None
            if isinstance(settings, dict):
                return {
                    str(lang.get("locale")): lang
                    for lang in settings.get("languages") or []
                    if isinstance(lang, dict)
                }
        return {}

    def markdown_extensions(self) -> tuple[list[str], dict[str, dict]]:
        """(names, options by name) of `markdown_extensions`, with those MkDocs always adds first."""
        names, options = ["toc", "tables", "fenced_code"], {}
        for item in self.data.get("markdown_extensions") or []:
            name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            if name not in names:
                names.append(name)
            if settings:
                options[name] = settings
        return names, options


def read_config(path: Path) -> Config:
    """A mkdocs.yml (the repository's: root / CONFIG_FILE); ContentError, with the line and the
    fix, when it cannot be read."""
    try:
        text = path.read_text("utf-8")
        data = yaml.load(text, Loader=_TagsAsNull)  # a SafeLoader
    except OSError as exc:
        raise ContentError(
            [
                Problem(
                    path.name,
                    0,
                    RULE,
                    say("{path} cannot be read ({reason})", path=str(path), reason=exc.strerror),
                    say("run the command from the repository folder, or pass --root"),
                )
            ]
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(
            [
                Problem(
                    path.name,
                    mark.line + 1 if mark else 1,
                    RULE,
                    say(
                        "mkdocs.yml cannot be read as YAML ({reason})",
                        reason=str(getattr(exc, "problem", None) or exc),
                    ),
                    say("fix that line: `mkdocs build` shows the same problem"),
                )
            ]
        ) from None
    return Config(path, data if isinstance(data, dict) else {}, _lines(text))


def _lines(text: str) -> dict[str, int]:
    """Line of each top-level setting ("/name"), of extra.identity ("") and of each of its fields."""
    node = yaml.compose(text, Loader=_TagsAsNull)
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    lines = {
        f"/{key.value}": key.start_mark.line + 1
        for key, _ in pairs
        if isinstance(key, yaml.ScalarNode)
    }
    for name in ("extra", "identity"):
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        key, node = next(
            ((k, v) for k, v in pairs if isinstance(k, yaml.ScalarNode) and k.value == name),
            (None, None),
        )
        if key is None:
            return lines
        lines[""] = key.start_mark.line + 1
    stack = [("", node)]
    while stack:
        prefix, mapping = stack.pop()
        for key, value in mapping.value if isinstance(mapping, yaml.MappingNode) else []:
            if isinstance(key, yaml.ScalarNode):
                dotted = f"{prefix}.{key.value}" if prefix else key.value
                lines[dotted] = key.start_mark.line + 1
                stack.append((dotted, value))
    return lines
