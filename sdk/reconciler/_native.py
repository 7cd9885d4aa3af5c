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

from renderer.lowlevel import StaleExtensionError

__all__ = ["speedups"]

speedups: ModuleType | None
"""The compiled row path, or None (pure Python)."""
try:
    import sdk.reconciler._speedups as speedups  # type: ignore[import-not-found,no-redef]
except StaleExtensionError:
    raise
except ImportError:
    speedups = None
