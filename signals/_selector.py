"""Selectors: O(1) "is this key the selected one?" checks.

``selector(source)`` returns ``is_selected(key)``. Each key read gets its own
boolean signal; one internal effect watches ``source`` and, when it moves from
``old`` to ``new``, writes only the signals of ``old`` and ``new``. So with a
hundred readers, a change re-runs two of them, not a hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from ._effect import Effect
from ._graph import RT, refresh
from ._native import speedups
from ._signal import Signal

__all__ = ["selector"]

_FIRST_SWEEP = 256
"""Keys kept before the first sweep for unread ones."""

K = TypeVar("K", bound=Hashable)


def selector(source: Callable[[], K]) -> Callable[[K], bool]:
    """Return ``is_selected(key)``, true when ``key == source()``.

    Only the readers of the previously selected key and of the newly selected
    key re-run when ``source`` changes. The watcher belongs to the current
    owner. A key's signal is dropped once nothing reads it (swept when the
    table has doubled since the last sweep), so a list that keeps getting new
    keys does not grow the selector forever.
    """
    keys: dict[K, Signal[bool]] = {}
    current: list[K] = []
    sweep_at = [_FIRST_SWEEP]

    def sweep() -> None:
        for key in [k for k, sig in keys.items() if not sig._observers]:
            del keys[key]
        sweep_at[0] = max(_FIRST_SWEEP, 2 * len(keys))

    def watch() -> None:
        new = source()
        if current:
            old = current[0]
            if old == new:
                return
            current[0] = new
            previous = keys.get(old)
            if previous is not None:
                previous.set(False)
        else:
            current.append(new)
        selected = keys.get(new)
        if selected is not None:
            selected.set(True)

    watcher = Effect(watch)

    def is_selected(key: K) -> bool:
        # Refresh the watcher first, so a reader running before it in the same
        # flush never sees the previous selection.
        if watcher._state is not None:  # not clean
            refresh(watcher)
        sig = keys.get(key)
        if sig is None:
            if len(keys) >= sweep_at[0]:
                sweep()
            sig = keys[key] = Signal(bool(current) and current[0] == key)
        return sig()

    if speedups is not None:  # the compiled build: the same read in C (one per row)
        return cast("Callable[[K], bool]",
                    speedups.SelectorRead(keys, current, sweep_at, watcher, is_selected))
    return is_selected


if speedups is not None:
    speedups.install_selector(RT, Signal, Effect)
