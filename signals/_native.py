"""Loads the compiled read path (``_speedups.pyx``), or stands in for it.

``Signal`` and ``Computed`` take ``SignalCall`` / ``ComputedCall`` as their
first base. With the compiled build those are the extension types of
``signals._speedups``, whose C ``__call__`` serves a clean read; otherwise
they are the empty classes below, and the classes' own Python ``__call__``
serves every read. ``install`` (called once both classes exist) hands the C
read path the classes and their Python ``__call__``, which it calls for
anything but a clean read, and removes the Python ``__call__`` from the
classes so that CPython uses the C one.

The extension is used only when it was built from the ``.pyx`` as it is now
(a stale one raises ImportError), and never when ``MARQUEE_PURE`` is set.
The guard in ``renderer._native`` checks that too, but this package imports
nothing of Marquee's and may be imported before the guard is installed, so
it checks itself: the build compiles the source's sha256 into the extension.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["ComputedCall", "SignalCall", "install", "speedups"]

PURE_ENV = "MARQUEE_PURE"
SOURCE = Path(__file__).with_name("_speedups.pyx")


def _load() -> ModuleType | None:
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    try:
        _speedups = importlib.import_module("._speedups", __package__)
    except ModuleNotFoundError:
        return None  # not built (no C compiler): the pure-Python read path
    # (A stale extension: renderer's guard, when installed first, has raised an
    # ImportError already; otherwise the check below does.)
    try:
        current = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    except OSError:
        current = None  # an installed copy without its .pyx: trust the build
    if current is not None and current != _speedups.SOURCE_SHA256:
        raise ImportError(
            f"{SOURCE} changed since its compiled build {Path(str(_speedups.__file__)).name} was "
            f"made: rebuild with `./dev setup` (or `{PURE_ENV}=1 python -m renderer._native "
            f"build`), or set {PURE_ENV}=1 to run the pure-Python modules",
            name="signals._speedups",
            path=str(SOURCE),
        )
    return _speedups


speedups: ModuleType | None = _load()
"""The compiled read path, or None (pure Python)."""

if TYPE_CHECKING or speedups is None:

    class SignalCall:
        """Pure Python: nothing (``Signal.__call__`` does the read)."""

        __slots__ = ()

    class ComputedCall:
        """Pure Python: nothing (``Computed.__call__`` does the read)."""

        __slots__ = ()

else:
    SignalCall = speedups.SignalCall
    ComputedCall = speedups.ComputedCall


def install(rt: Any, signal_cls: type, computed_cls: type) -> None:
    """With the compiled build: let the C ``__call__`` serve the two classes' reads."""
    if speedups is None:
        return
    signal_call = signal_cls.__dict__["__call__"]
    computed_call = computed_cls.__dict__["__call__"]
    speedups.install(rt, signal_cls, signal_call, computed_cls, computed_call)
    del signal_cls.__call__
    del computed_cls.__call__
