"""The compiled row path (`_speedups.pyx`), or None: the pure-Python build.

`speedups` is the extension when the compiled build is in place and fresh;
the modules that have a twin there (`_element`, `_component`, `_templates`)
use it instead of their pure-Python code. It is None under `MARQUEE_PURE=1`
and where nothing was built (no C compiler). A stale build is not skipped:
its `StaleExtensionError` (from the guard in `renderer._native`) propagates,
so an edit never silently runs old code.
"""

from __future__ import annotations

from types import ModuleType

from renderer._native import StaleExtensionError

__all__ = ["speedups"]


def _load() -> ModuleType | None:
    try:
        from . import _speedups  # type: ignore[attr-defined]
    except StaleExtensionError:
        raise
    except ImportError:
        return None
    return _speedups  # type: ignore[no-any-return]


speedups: ModuleType | None = _load()
"""The compiled row path, or None (pure Python)."""
