"""The floors, checked from the code's own imports (grimp, as import-linter uses it)."""

from __future__ import annotations

import grimp

PACKAGES = ("sosa", "ingest", "retrieval", "api", "bot")


def _cycle(graph: grimp.ImportGraph) -> list[str] | None:
    """One import cycle between modules, or None (function-level imports count: they run)."""
    modules = sorted(graph.modules)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.find_modules_directly_imported_by(m)):
            if state.get(n) == 1:
                return stack[stack.index(n) :] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in modules:
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_no_import_cycle_anywhere() -> None:
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    # A package's __init__ re-exporting its own submodules is not a cycle worth the name.
    for pkg in list(graph.modules):
        for child in graph.find_children(pkg):
            if graph.direct_import_exists(importer=pkg, imported=child):
                graph.remove_import(importer=pkg, imported=child)
    assert _cycle(graph) is None


def test_api_and_bot_never_import_each_other() -> None:
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    assert not graph.chain_exists(importer="api", imported="bot", as_packages=True)
    assert not graph.chain_exists(importer="bot", imported="api", as_packages=True)
