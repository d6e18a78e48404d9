"""The house rules (ARCHITECTURE.md): imports flow one way, the code is linted and formatted,
modules and classes stay small, and the public names the README shows are importable."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

import auditor

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "auditor"
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 150
# modules or classes allowed over the limits (none: the statement reader replaced the extractor)
EXCEPTIONS: dict[str, set[str]] = {}


def _tool(name: str) -> str:
    """A command-line tool of the test extra, from the environment running the tests."""
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return on_path


def _run(*args: str) -> None:
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"


def test_imports_follow_the_layers():
    _run(_tool("lint-imports"), "--no-cache")


def test_ruff_check():
    _run(_tool("ruff"), "check", "--no-cache")


def test_ruff_format():
    _run(_tool("ruff"), "format", "--check", "--no-cache")


def test_every_package_is_in_a_layer():
    """A new package or top-level module must take its place in the layers contract."""
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = {name.strip() for layer in contract["contracts"][0]["layers"] for name in layer.split("|")}
    children = {p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert children - {"__init__", "__main__"} == layers


def test_no_import_cycle():
    """No module of auditor/ imports itself back, through any chain (lazy imports included)."""
    graph = grimp.build_graph("auditor", cache_dir=None)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    cycles, index, low, stack, on_stack = [], {}, {}, [], set()

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while not component or component[-1] != v:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    assert cycles == []


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_modules_and_classes_are_small():
    too_long = []
    for path in _modules():
        rel = path.relative_to(ROOT).as_posix()
        allowed = EXCEPTIONS.get(rel, set())
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MAX_MODULE_LINES and not allowed:
            too_long.append(f"{rel}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.name not in allowed:
                size = node.end_lineno - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    too_long.append(f"{rel}: class {node.name}: {size} lines")
    assert too_long == []


def test_the_exceptions_are_still_needed():
    """When the statement reader replaces extract.py, its exception goes (here and in ARCHITECTURE.md)."""
    for rel, classes in EXCEPTIONS.items():
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        sizes = {n.name: n.end_lineno - n.lineno + 1 for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
        assert all(sizes.get(name, 0) > MAX_CLASS_LINES for name in classes), (rel, sizes)


README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_public_name_is_importable():
    shown = set(re.findall(r"\bauditor\.([A-Za-z_]\w*)\(", README + (auditor.__doc__ or "")))
    for name in sorted(shown | set(auditor.__all__) | {"audit", "audit_many", "AuditReport", "Finding"}):
        assert name in auditor.__all__, name
        exec(f"from auditor import {name}", {})


def test_every_command_the_readme_shows_exists():
    from auditor.cli.commands import _parser

    shown = re.findall(r"^(?:\$ )?auditor ([a-z]\w*)", README, re.M) + re.findall(
        r"`auditor ([a-z]\w*)", README
    )
    commands = set(shown)
    known = set(_parser()._subparsers._group_actions[0].choices)
    assert commands and commands <= known, commands - known


def test_every_path_the_readme_names_exists():
    named = set(re.findall(r"`((?:auditor|tests|bench|rules|examples)/[\w/.-]+)`", README))
    missing = [p for p in sorted(named) if not (ROOT / p.split("::")[0]).exists()]
    assert named and missing == []
