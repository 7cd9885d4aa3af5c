"""Debug mode: remember where nodes were created and warn about suspicious use.

Turn it on with ``set_debug(True)`` or the environment variable
``MARQUEE_SIGNALS_DEBUG=1``. When off it costs one attribute check per node
creation and nothing on reads and writes.

In debug mode:

* every signal, computed and effect records the line that created it; error
  messages (``CycleError``...) quote it;
* a ``SignalWarning`` is issued when a computed or effect is created outside
  any owner (nothing will ever dispose it), and when an effect writes a signal
  it reads in the same run (it will re-run itself until it converges).

A write during a computed's evaluation is an error in every mode.
"""

from __future__ import annotations

import os
import traceback
import warnings
import weakref
from typing import Any

from ._graph import RT

__all__ = ["SignalWarning", "creation_site", "is_debug", "record_creation", "set_debug", "warn"]

_SITES: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class SignalWarning(UserWarning):
    """A suspicious but legal use of the signal graph (debug mode only)."""


def set_debug(enabled: bool = True) -> None:
    """Turn debug mode on or off for nodes created from now on."""
    RT.debug = bool(enabled)


def is_debug() -> bool:
    """Whether debug mode is on."""
    return RT.debug


def record_creation(node: Any, *, free: bool = False) -> None:
    """Remember the first caller frame outside this package (`free`: ownerless on purpose)."""
    for frame in reversed(traceback.extract_stack(limit=12)[:-1]):
        if not os.path.abspath(frame.filename).startswith(_PACKAGE_DIR):
            _SITES[node] = f"{frame.filename}:{frame.lineno} in {frame.name}"
            break
    if not free and RT.owner is None and hasattr(node, "_sources"):
        from ._owner import current_owner

        if current_owner() is None:
            warn(
                f"{type(node).__name__} created outside any owner at "
                f"{_SITES.get(node, '?')}: nothing will dispose it; create it inside "
                "create_root(), an effect or a component"
            )
    guard = getattr(RT.observer, "_write_guard", None)
    if guard is not None:
        warn(
            f"{type(node).__name__} created while {guard} at {_SITES.get(node, '?')}: it is "
            "created again on every render and loses its value; use use_signal / "
            "use_computed (created once per mount) instead"
        )


def creation_site(node: Any) -> str | None:
    """Where ``node`` was created, if debug mode was on then."""
    try:
        return _SITES.get(node)
    except TypeError:
        return None


def warn(message: str) -> None:
    """Issue a ``SignalWarning`` pointing at user code."""
    warnings.warn(message, SignalWarning, stacklevel=4)


if os.environ.get("MARQUEE_SIGNALS_DEBUG", "") not in ("", "0", "false", "False"):
    set_debug(True)
