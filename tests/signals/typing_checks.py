"""Static type expectations for the public API, checked by test_typing.py with mypy.

Not a test module: nothing here runs under pytest.
"""

from __future__ import annotations

from typing import assert_type

from signals import (
    Computed,
    Context,
    Effect,
    ReadSignal,
    Signal,
    batch,
    computed,
    create_context,
    create_root,
    effect,
    selector,
    signal,
    untrack,
    use_context,
)

count = signal(0)
assert_type(count, Signal[int])
assert_type(count(), int)
assert_type(count.peek(), int)
double = computed(lambda: count() * 2)
assert_type(double, Computed[int])
assert_type(double(), int)
label = computed(lambda: f"{double()} items")
assert_type(label(), str)
view = count.read_only()
assert_type(view, ReadSignal[int])
reader: ReadSignal[int] = double  # computeds are readable signals
assert_type(effect(lambda: None), Effect)
assert_type(batch(lambda: "x"), str)
assert_type(untrack(count), int)
assert_type(create_root(lambda dispose: 1.5), float)
theme = create_context("light")
assert_type(theme, Context[str])
assert_type(use_context(theme), str)
is_selected = selector(count)
assert_type(is_selected(3), bool)
names: Signal[list[str]] = Signal([])
names.update(lambda old: [*old, "x"])
count.set("not an int")  # type: ignore[arg-type]
view.set(1)  # type: ignore[attr-defined]
