"""What the controls share: controlled and uncontrolled values, argument checks, names.

A control's value comes in one of three ways, as React and Flutter users
expect:

* **a signal** (`value=volume`): the control reads it and writes it back (two-way);
* **a value and `on_change`** (`value=42, on_change=set_volume`): controlled, the
  control shows `value` and asks `on_change(new)` to change it; it changes when
  the app renders it again with the new value;
* **a value alone, or nothing** (`value=42`, or no `value`): uncontrolled, the
  control keeps its own state starting at `value` (or its default); `on_change`
  still reports.

Anything with a `set` besides a signal (a stored value from `use_stored`) is
two-way too. A computed or zero-argument callable is read like a signal and
written only through `on_change`. `use_value` is the hook that turns these into one
`get()` / `set(v)` pair; the widget's body reads `get()`, so a change
re-renders it.

Errors name the widget and the prop the app used: `Slider(min=10, max=0)`,
`Switch() got an unknown prop 'size'`. Widgets with a root view build it with
`named(VIEW, "Switch")`, a view type whose prop errors say `Switch()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar, cast

from sdk import HostType, host_element, use_signal
from signals import Signal, untrack

__all__ = [
    "Model",
    "check_callable",
    "check_choice",
    "check_number",
    "check_style",
    "named",
    "peek",
    "use_value",
]

T = TypeVar("T")


def named(host: HostType, name: str) -> HostType:
    """`host` under the widget's name, so a wrong prop says `Switch()` and not `View()`."""
    return HostType(host.kind, name)


def check_style(host: HostType, style: Mapping[str, object]) -> None:
    """Raise at the call site for a style prop `host` does not know (named after the widget)."""
    host_element(host, (), dict(style), None)


def check_callable(widget: str, prop: str, value: object) -> None:
    """`value` is None or callable, else a `TypeError` naming `widget(prop=...)`."""
    if value is not None and not callable(value):
        raise TypeError(f"{widget}({prop}=...) must be callable, got {value!r}")


def check_number(widget: str, prop: str, value: object) -> float:
    """`value` as a finite float, else a `TypeError`/`ValueError` naming `widget(prop=...)`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{widget}({prop}=...) must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{widget}({prop}=...) must be finite, got {value!r}")
    return float(value)


def check_choice(widget: str, prop: str, value: object, choices: Mapping[str, object]) -> None:
    """`value` is one of `choices`' keys, else a `ValueError` listing them."""
    if not isinstance(value, str) or value not in choices:
        known = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{widget}({prop}={value!r}): expected one of {known}")


def peek(value: object) -> object:
    """The current value of a signal or callable (untracked), or `value` itself."""
    if callable(value):
        return untrack(value)
    return value


class Model(Generic[T]):
    """A control's value: `get()` (tracked) and `set(new)` (writes and reports)."""

    __slots__ = ("_get", "_set")

    def __init__(self, get: Callable[[], T], set_: Callable[[T], None]) -> None:
        self._get = get
        self._set = set_

    def get(self) -> T:
        """The current value (a tracked read)."""
        return self._get()

    def set(self, value: T) -> None:
        """Change the value (the signal, `on_change`, or the control's own state)."""
        self._set(value)


def use_value(value: T | Callable[[], T] | None, on_change: Callable[[T], object] | None,
              default: T) -> Model[T]:
    """The hook behind every control's `value=` / `on_change=` (see the module docstring).

    `value=None` is uncontrolled from `default`. Call it unconditionally in the
    component body.
    """
    own: Signal[T] = use_signal(default if value is None else cast(T, peek(value)))

    def report(new: T) -> None:
        if on_change is not None:
            on_change(new)

    if isinstance(value, Signal) or callable(getattr(value, "set", None)):
        sig = cast("Signal[T]", value)  # or a StoredValue: a tracked read and a `set`

        def write(new: T) -> None:
            sig.set(new)
            report(new)

        return Model(sig, write)
    if callable(value):
        return Model(value, report)
    if value is not None and on_change is not None:
        fixed: T = value
        return Model(lambda: fixed, report)

    def keep(new: T) -> None:
        own.set(new)
        report(new)

    return Model(own, keep)
