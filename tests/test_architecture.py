"""The layering rules of docs/architecture.md, checked on the source.

* Code outside a package imports only its public modules: `renderer`,
  `renderer.lowlevel`, `renderer.testing`, `sdk`, `sdk.runtime`, ... never a
  `_private` module (tests/<pkg>/ may import <pkg>'s).
* sdk has no import cycle, counting only imports that run (`if TYPE_CHECKING:`
  imports are for the type checker and do not count).
* sdk imports the project's modules at module level only: no import inside a
  function to dodge a cycle.
* Inside sdk, a wing reaches another wing only through its `__init__`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("signals", "async_tasks", "renderer", "sdk", "components")
PROJECT = (*PACKAGES, "apps", "benchmarks", "tests")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, node: ast.ImportFrom, path: Path) -> list[str]:
    """The absolute module names an import names (`from . import x` names `pkg.x`)."""
    if node.level == 0:
        base = node.module or ""
        return [base] + [f"{base}.{alias.name}" for alias in node.names]
    package = module.split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)]
    base = ".".join(package + ([node.module] if node.module else []))
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Imports(ast.NodeVisitor):
    """Every import in a module, with whether it runs at import time."""

    def __init__(self, module: str, path: Path) -> None:
        self.module, self.path = module, path
        self.found: list[tuple[str, int, str]] = []  # (name, line, "module"|"function"|"typing")
        self._where = "module"

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node):
            before, self._where = self._where, "typing"
            for child in node.body:
                self.visit(child)
            self._where = before
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        before = self._where
        self._where = "function" if before == "module" else before
        self.generic_visit(node)
        self._where = before

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.found.append((alias.name, node.lineno, self._where))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for name in _resolve(self.module, node, self.path):
            self.found.append((name, node.lineno, self._where))


def imports_of(root: Path, top: str) -> dict[str, list[tuple[str, int, str]]]:
    """Module name -> its imports, for every module under `root/top`."""
    out = {}
    for path in sorted((root / top).rglob("*.py")):
        if any(part in (".venv", "node_modules", "target") for part in path.parts):
            continue
        module = _module_name(path, root)
        visitor = _Imports(module, path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        out[module] = visitor.found
    return out


def private_imports(root: Path) -> list[str]:
    """`file:line imports pkg._private` for every import across a package boundary."""
    bad = []
    for top in PROJECT:
        if not (root / top).is_dir():
            continue
        for module, found in imports_of(root, top).items():
            for name, line, _ in found:
                package = name.split(".")[0]
                if package not in PACKAGES or module.split(".")[0] == package:
                    continue
                if module.startswith(f"tests.{package}.") or (
                        package == "sdk" and module.startswith("tests.testing.")):
                    continue  # a package's own tests may reach inside it
                if any(part.startswith("_") for part in name.split(".")[1:]):
                    bad.append(f"{module}:{line} imports {name}")
    return bad


def _sdk_modules(root: Path) -> dict[str, list[tuple[str, int, str]]]:
    return imports_of(root, "sdk")


def sdk_cycles(root: Path) -> list[list[str]]:
    """The strongly connected components (size > 1) of sdk's run-time import graph."""
    found = _sdk_modules(root)
    graph = {m: sorted({n for n, _, where in imports if where != "typing" and n in found
                        and n != m}) for m, imports in found.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def connect(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in graph:
        if v not in index:
            connect(v)
    return out


def function_level_imports(root: Path) -> list[str]:
    """Imports of the project's modules made inside sdk functions."""
    bad = []
    for module, found in _sdk_modules(root).items():
        for name, line, where in found:
            if where == "function" and name.split(".")[0] in PACKAGES:
                bad.append(f"{module}:{line} imports {name} inside a function")
    return bad


def wing_private_imports(root: Path) -> list[str]:
    """Imports of another sdk wing's private modules (wings meet at their `__init__`)."""
    bad = []
    for module, found in _sdk_modules(root).items():
        wing = module.split(".")[1] if module.count(".") >= 1 else ""
        for name, line, _ in found:
            parts = name.split(".")
            if parts[0] != "sdk" or len(parts) < 3 or parts[1] == wing:
                continue
            if parts[2].startswith("_"):
                bad.append(f"{module}:{line} imports {name}")
    return bad


def test_code_outside_a_package_imports_only_its_public_surfaces() -> None:
    assert private_imports(ROOT) == []


def test_sdk_has_no_import_cycle() -> None:
    assert sdk_cycles(ROOT) == []


def test_sdk_imports_the_project_at_module_level_only() -> None:
    assert function_level_imports(ROOT) == []


def test_sdk_wings_meet_at_their_init() -> None:
    assert wing_private_imports(ROOT) == []


# The checks themselves must be able to fail: each is run on a small tree that breaks it.

def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_a_private_import_from_outside_is_found(tmp_path: Path) -> None:
    root = _write(tmp_path, {"renderer/__init__.py": "", "renderer/_skia.py": "",
                             "apps/a.py": "from renderer._skia import skia\n",
                             "tests/renderer/t.py": "from renderer._skia import skia\n"})
    assert private_imports(root) == ["apps.a:1 imports renderer._skia",
                                     "apps.a:1 imports renderer._skia.skia"]


@pytest.mark.parametrize("guard", ["", "if TYPE_CHECKING:\n    "])
def test_a_cycle_counts_unless_it_is_type_only(tmp_path: Path, guard: str) -> None:
    b = f"from typing import TYPE_CHECKING\n{guard}from . import _a\n"
    root = _write(tmp_path, {"sdk/__init__.py": "", "sdk/_a.py": "from . import _b\n",
                             "sdk/_b.py": b})
    assert sdk_cycles(root) == ([] if guard else [["sdk._a", "sdk._b"]])


def test_a_function_level_import_is_found(tmp_path: Path) -> None:
    root = _write(tmp_path, {"sdk/__init__.py": "",
                             "sdk/_a.py": "def f():\n    from ._b import g\n    import json\n",
                             "sdk/_b.py": ""})
    assert function_level_imports(root) == ["sdk._a:2 imports sdk._b inside a function",
                                            "sdk._a:2 imports sdk._b.g inside a function"]


def test_a_wing_reaching_into_another_is_found(tmp_path: Path) -> None:
    root = _write(tmp_path, {"sdk/__init__.py": "", "sdk/runtime/__init__.py": "",
                             "sdk/reconciler/__init__.py": "", "sdk/reconciler/_root.py": "",
                             "sdk/runtime/_app.py": "from ..reconciler._root import X\n"})
    assert wing_private_imports(root) == ["sdk.runtime._app:1 imports sdk.reconciler._root",
                                          "sdk.runtime._app:1 imports sdk.reconciler._root.X"]
