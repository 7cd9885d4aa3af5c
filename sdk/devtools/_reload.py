"""The app's own modules: which they are, when their files change, how to reload them.

- **Which**: the app's root is the directory of the target module's package
  (`apps.catalog.app` -> `apps/catalog/`; a package target is its own
  directory). The app's modules are the loaded modules whose file lies under
  that directory. The SDK's packages (`signals`, `async_tasks`, `renderer`,
  `sdk`, `components`) are never among them, wherever they live.
- **When**: `changed()` compares every `*.py` file's `(mtime_ns, size)` under
  the root with the last look (polling: no dependency, a few dozen `stat`s
  every 100 ms).
- **How**: `purge()` removes all of the app's modules from `sys.modules` (all,
  not just the changed file: a module that imported the changed one still
  holds its old objects) and returns them; importing the target again loads
  fresh code. If that import fails, `restore()` puts the old modules back,
  so the process stays coherent while the old app keeps running.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

__all__ = ["SDK_PACKAGES", "AppModules"]

SDK_PACKAGES = frozenset({"signals", "async_tasks", "renderer", "sdk", "components"})
"""Top-level packages that never reload."""


def _app_root(module_name: str) -> Path:
    spec = importlib.util.find_spec(module_name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no module named {module_name!r}")
    # A package's origin is its __init__.py; a module's parent directory is its package's.
    return Path(spec.origin).resolve().parent


class AppModules:
    """The modules of the app whose target is `module_name` (see the module docstring)."""

    def __init__(self, module_name: str) -> None:
        self.module_name = module_name
        self.root = _app_root(module_name)
        self._stamps = self._scan()

    def _scan(self) -> dict[Path, tuple[int, int]]:
        stamps = {}
        for path in self.root.rglob("*.py"):
            if "__pycache__" in path.parts:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            stamps[path] = (stat.st_mtime_ns, stat.st_size)
        return stamps

    def changed(self) -> list[Path]:
        """Files added, removed or modified since the last call."""
        now = self._scan()
        before, self._stamps = self._stamps, now
        return sorted(p for p in now.keys() | before.keys() if now.get(p) != before.get(p))

    def names(self) -> list[str]:
        """The loaded modules that belong to the app."""
        out = []
        for name, module in list(sys.modules.items()):
            if name.partition(".")[0] in SDK_PACKAGES or module is None:
                continue
            file = getattr(module, "__file__", None)
            if file is None:
                continue
            try:
                Path(file).resolve().relative_to(self.root)
            except ValueError:
                continue
            out.append(name)
        return sorted(out)

    def purge(self, changed: list[Path] | None = None) -> dict[str, ModuleType]:
        """Removes the app's modules from `sys.modules`; returns them (for `restore`).

        The bytecode caches of `changed` files are deleted too: a `.pyc` is checked
        against the source's mtime in whole seconds and its size, so an edit within
        the same second that keeps the size would otherwise load the old code.
        """
        for path in changed or ():
            with contextlib.suppress(OSError, ValueError):
                Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)
        removed = {name: sys.modules.pop(name) for name in self.names()}
        importlib.invalidate_caches()
        return removed

    def restore(self, removed: dict[str, ModuleType]) -> None:
        """Puts purged modules back (after a failed re-import), replacing half-loaded ones."""
        for name in self.names():
            sys.modules.pop(name, None)
        sys.modules.update(removed)
