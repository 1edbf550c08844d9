"""The layers of docs/architecture.md, checked on the source: imports go one way, and the pure pipeline knows
nothing of Celery, the sources or the store. Lazy imports inside functions count too: a cycle hidden in a
function is still a cycle for a reader following the imports."""

from __future__ import annotations

import ast
from pathlib import Path

WORKER = Path(__file__).resolve().parents[2] / "worker"
PIPELINE_MAY_NOT_IMPORT = ("worker.tasks", "worker.celery_app", "worker.sources", "worker.store", "celery", "redis")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(WORKER.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in WORKER.rglob("*.py") if "migrations" not in path.parts}


def imported_names(path: Path) -> set[str]:
    """Every absolute name imported anywhere in the file ("worker.feeds.claim_feed", "celery")."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def worker_module(name: str) -> str | None:
    """The worker module a name lives in ("worker.feeds.claim_feed" -> "worker.feeds"), None outside worker."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = {worker_module(imported) for imported in imported_names(path)} - {None, name}
        # A package loading its own submodules (load_tagger picks a backend) is not a cycle between layers:
        # the submodule imports its package's names, and Python imports the package first anyway.
        graph[name] = {target for target in targets if target and not target.startswith(name + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checker_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_worker() -> None:
    assert len(MODULES) > 40  # the walk found the package
    assert cycles(import_graph()) == []


def test_the_pipeline_imports_no_celery_source_or_store() -> None:
    offending = {
        name: sorted(
            imported
            for imported in imported_names(path)
            if any(imported == layer or imported.startswith(layer + ".") for layer in PIPELINE_MAY_NOT_IMPORT)
        )
        for name, path in MODULES.items()
        if name.startswith("worker.pipeline")
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_tests_never_import_bench() -> None:
    """bench/ may import tests/support (what both need); the other way, a benchmark change would break tests."""
    tests = Path(__file__).resolve().parents[1]
    offending = {
        str(path.relative_to(tests)): sorted(
            name for name in imported_names(path) if name == "bench" or name.startswith("bench.")
        )
        for path in tests.rglob("*.py")
    }
    assert {path: names for path, names in offending.items() if names} == {}
