"""The package's shape: imports flow one way, and the top level stays small.

Walks every import statement with ``ast`` — lazy imports inside functions and
``TYPE_CHECKING`` imports included, since both are a dependency a reader must follow —
so a cycle hidden behind either fails here, not in a newcomer's head.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "generator"
MAX_TOP_LEVEL_MODULES = 15


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every generator module ``path`` imports, with the packages whose ``__init__`` that
    import runs (importing ``generator.load.records`` runs ``generator/load/__init__.py``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    found = set()
    for name in names:
        if name not in modules:
            continue
        parts = name.split(".")
        found.update(".".join(parts[:end]) for end in range(2, len(parts) + 1))
    return found


def _graph(unit: callable) -> dict[str, set[str]]:  # type: ignore[valid-type]
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = unit(name)
        targets = graph.setdefault(here, set())
        for target in _imported(path, modules):
            there = unit(target)
            if there != here and not here.startswith(there + "."):
                targets.add(there)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in ``graph`` as a path (first == last), or None."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _package_of(module: str) -> str:
    """``generator.load.records`` → ``generator.load``; a top-level module is its own unit."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_no_module_imports_itself_back() -> None:
    cycle = _cycle(_graph(lambda name: name))
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_packages_depend_on_each_other_one_way() -> None:
    """Stages and tools are layers: if ``render`` uses ``load``, nothing in ``load`` may
    use ``render``, even through a third package."""
    cycle = _cycle(_graph(_package_of))
    assert cycle is None, "packages import each other: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_imports_are_read_from_lazy_and_type_checking_blocks(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from generator.site import Site\n"
                      "def f():\n    from generator.load.records import Record\n")
    assert _imported(source, _modules()) >= {"generator.site", "generator.load",
                                             "generator.load.records"}


def test_top_level_is_small_and_stages_are_packages() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    for package in ("load", "models", "sections", "render", "outputs", "checks", "duties",
                    "law", "serve", "authoring"):
        assert (PACKAGE / package / "__init__.py").is_file(), package
