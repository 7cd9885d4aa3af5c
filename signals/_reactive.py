"""`Reactive`: the structural type of a reactive graph node, as a reader sees it.

Anything a reactive prop, a `For(each=...)` or a `Show(when=...)` may be is
read the same way: called with no argument. Inside a tracking scope (a
computed, an effect, a `Reaction`, a component render) a `Signal`, a
`Computed`, a `ReadSignal` view or an `ObservableSignal` records the read, so
the scope re-runs when the value changes; a plain zero-argument function is
re-run by the scope and records the reads it makes itself. `Reactive[T]` is
the protocol all of them satisfy, so APIs that only read accept it.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

__all__ = ["Reactive"]

T_co = TypeVar("T_co", covariant=True)


class Reactive(Protocol[T_co]):
    """A reactive graph node: calling it returns the current value (tracked in a scope).

    `Signal[T]`, `Computed[T]`, `ReadSignal[T]` and any `Callable[[], T]` are
    `Reactive[T]`.
    """

    def __call__(self) -> T_co:
        """The current value; inside a tracking scope the read is recorded."""
        ...
