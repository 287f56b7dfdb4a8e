"""Figures of the package's shape, read from its source (nothing is imported or run).

    .venv/bin/python scripts/house.py            # the figures, for a closing note or a review
    .venv/bin/python scripts/house.py --list     # and every finding behind them

Figures: Python files and lines of scripts/cittamedie/, the largest modules; import circles and
imports that run back up a layer (LAYERS, bottom first: a module may import its own folder and
the folders before it); imports of the package made inside a function; module-level mutable
state (a lower-case name bound to a dict, list or set, a `global` statement, a functools cache);
lines of Python that write HTML in a string; blocks of six or more lines repeated in scripts/ and
tests/. tests/unit/test_architecture.py asserts these findings (all but the repeated blocks, a figure
for review), so they stay at zero (and the modules under 320 lines).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "cittamedie"
# Folders of the package, bottom first; the CLI (__main__.py) sits on top of them all.
LAYERS = ("content", "markup", "history", "rules", "exports", "site", "tools")
LAZY_IMPORTS_ALLOWED = ("cittamedie.__main__",)  # the CLI imports each command's modules when run
CACHES = ("cache", "lru_cache")
MUTATORS = (
    "update",
    "append",
    "extend",
    "clear",
    "pop",
    "setdefault",
    "add",
    "discard",
    "insert",
    "remove",
)
HTML_IN_STRING = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*[\s>/]|!--)")
BLOCK = 6  # lines that make a repeated block


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Dotted name → file of every module of the package."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def layer(module: str) -> int:
    """The layer of a module: its folder's place in LAYERS; the package's own files sit on top."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else len(LAYERS)


def imports(module: str, path: Path, known: dict[str, Path]) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for each import of a package module."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            )
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - child.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in child.names:
                    target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    if target in known and target != module:
                        found.append((target, child.lineno, in_function))
            elif isinstance(child, ast.Import):
                found.extend(
                    (a.name, child.lineno, in_function) for a in child.names if a.name in known
                )
            visit(child, nested)

    visit(tree, False)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    result.append(sorted(group))
    return result


def module_state(path: Path) -> list[str]:
    """Module-level mutable state: a module-level dict, list or set that a function changes,
    `global` statements, and functions with a functools cache."""
    tree = ast.parse(path.read_text("utf-8"))
    containers = {}
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        value = getattr(node, "value", None)
        if isinstance(value, (ast.Dict, ast.List, ast.Set)) or (
            isinstance(value, ast.Call)
            and getattr(value.func, "id", "") in ("dict", "list", "set", "defaultdict")
        ):
            containers.update({t.id: node.lineno for t in targets if isinstance(t, ast.Name)})
    found, changed = [], set()
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATORS
            ):
                changed.add(getattr(node.func.value, "id", None))
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(target, ast.Subscript):
                        changed.add(getattr(target.value, "id", None))
            if isinstance(node, ast.Global):
                found.append(f"{path.name}:{node.lineno} global {', '.join(node.names)}")
            if isinstance(node, ast.FunctionDef) and node is function:
                for decorator in node.decorator_list:
                    name = _called_name(decorator)  # @cache, @functools.lru_cache(maxsize=8)…
                    if name in CACHES:
                        found.append(f"{path.name}:{node.lineno} @{name} {node.name}")
    found += [f"{path.name}:{line} {name}" for name, line in containers.items() if name in changed]
    return sorted(set(found))


def _called_name(node: ast.expr) -> str | None:
    """The last name of a decorator: `cache` of @cache, @functools.cache and @lru_cache(8)."""
    node = node.func if isinstance(node, ast.Call) else node
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else None


def html_string_lines(path: Path) -> list[int]:
    """Lines of Python whose string literals write HTML tags (docstrings and comments left out)."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            text = node.value
        else:
            continue
        if HTML_IN_STRING.search(text):
            lines.update(range(node.lineno, node.end_lineno + 1))
    return sorted(lines)


def html_function_lines(path: Path) -> int:
    """Lines of the innermost functions that write HTML in their strings."""
    tree = ast.parse(path.read_text("utf-8"))
    marked = set(html_string_lines(path))
    functions = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    counted: set[int] = set()
    for function in sorted(functions, key=lambda n: n.end_lineno - n.lineno):  # innermost first
        span = set(range(function.lineno, function.end_lineno + 1))
        if span & marked and not span & counted:
            counted |= span
    return len(counted | marked)


def repeated_blocks(folders: list[Path]) -> list[tuple[str, str]]:
    """Pairs of places that share BLOCK or more consecutive lines (blank lines, comments and
    imports left out, white space folded), one pair per repeated run."""
    windows: dict[str, list[str]] = defaultdict(list)
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            kept = []
            for number, line in enumerate(path.read_text("utf-8").split("\n"), 1):
                text = " ".join(line.split())
                if text and not text.startswith(("#", "import ", "from ")) and len(text) > 3:
                    kept.append((number, text))
            for i in range(len(kept) - BLOCK + 1):
                digest = hashlib.sha1(
                    "\n".join(t for _, t in kept[i : i + BLOCK]).encode()
                ).hexdigest()
                windows[digest].append(f"{path.relative_to(folder.parent)}:{kept[i][0]}")
    pairs, seen = [], set()
    for places in windows.values():
        if len(places) > 1:
            first, second = places[0], places[1]
            key = (first.rsplit(":", 1)[0], second.rsplit(":", 1)[0])
            if key not in seen:  # a long run shares many windows: one pair per two files
                seen.add(key)
                pairs.append((first, second))
    return pairs


def survey(package: Path = PACKAGE) -> dict:
    known = modules(package)
    graph: dict[str, set[str]] = {name: set() for name in known}
    upward, lazy = [], []
    for name, path in known.items():
        for target, line, in_function in imports(name, path, known):
            graph[name].add(target)
            if layer(target) > layer(name):
                upward.append(f"{name}:{line} → {target}")
            if in_function and name not in LAZY_IMPORTS_ALLOWED:
                lazy.append(f"{name}:{line} → {target}")
    sizes = {name: len(path.read_text("utf-8").split("\n")) - 1 for name, path in known.items()}
    return {
        "files": len(known),
        "lines": sum(sizes.values()),
        "largest": sorted(sizes.items(), key=lambda item: -item[1])[:5],
        "circles": circles(graph),
        "upward": upward,
        "lazy": lazy,
        "state": [finding for path in known.values() for finding in module_state(path)],
        "html": {
            name: html_string_lines(path) for name, path in known.items() if html_string_lines(path)
        },
        "html_functions": sum(html_function_lines(path) for path in known.values()),
        "repeated": repeated_blocks([package.parent, package.parent.parent / "tests"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--list", action="store_true", help="print every finding behind the figures"
    )
    parser.add_argument(
        "--package", type=Path, default=PACKAGE, help="another checkout's scripts/cittamedie"
    )
    args = parser.parse_args(argv)
    found = survey(args.package)
    html_lines = sum(len(lines) for lines in found["html"].values())
    rows = [
        ("Python files", found["files"]),
        ("lines", found["lines"]),
        ("largest module", f"{found['largest'][0][0]} ({found['largest'][0][1]} lines)"),
        ("import circles", len(found["circles"])),
        ("imports back up a layer", len(found["upward"])),
        ("package imports inside a function (outside the CLI)", len(found["lazy"])),
        ("module-level mutable state", len(found["state"])),
        ("lines of HTML in Python strings", html_lines),
        ("lines of functions that write HTML in strings", found["html_functions"]),
        (f"repeated blocks of {BLOCK}+ lines (scripts/, tests/)", len(found["repeated"])),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:{width}}  {value}")
    if args.list:
        print("\nlargest:", ", ".join(f"{name} {size}" for name, size in found["largest"]))
        for title in ("circles", "upward", "lazy", "state", "repeated"):
            for item in found[title]:
                print(f"{title}: {item}")
        for name, lines in found["html"].items():
            print(f"html: {name}: {len(lines)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
