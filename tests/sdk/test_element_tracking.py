"""Elements that refer to no tracked object are left out of the cycle collector.

On the compiled build, `host_element` untracks an element whose props, key and
children hold nothing the collector watches (as CPython untracks such tuples
and dicts): a list's texts and icons are then never walked by a collection.
An element that can be part of a cycle stays tracked, and such a cycle is
still collected.
"""

from __future__ import annotations

import gc
from typing import Any

from reconciler_kit import Text, View

from sdk import TEXT, VIEW, host_element
from sdk.reconciler._native import speedups


def test_an_element_of_strings_and_numbers_is_untracked_and_so_is_its_parent() -> None:
    leaf = host_element(TEXT, (), {"text": "a", "size": 20}, None)
    icon = host_element(VIEW, (), {"width": 10, "background": "#ff0000"}, "k")
    parent = host_element(VIEW, (leaf, icon), {"direction": "row"}, None)
    tracked = speedups is None  # (pure Python cannot untrack: every element is watched)
    assert gc.is_tracked(leaf) == gc.is_tracked(icon) == gc.is_tracked(parent) == tracked


def test_an_element_that_refers_to_a_tracked_object_stays_tracked() -> None:
    leaf = host_element(TEXT, (), {"text": "a"}, None)
    handler = host_element(VIEW, (), {"on_press": lambda _e: None}, None)
    keyed = host_element(VIEW, (), {}, ("tuple", []))  # a key holding a list
    assert gc.is_tracked(handler) and gc.is_tracked(keyed)
    for parent in (host_element(VIEW, (leaf, handler), {}, None),
                   host_element(VIEW, (leaf,), {"background": lambda: None}, None)):
        assert gc.is_tracked(parent)


def test_a_cycle_through_an_element_is_collected() -> None:
    freed: list[str] = []

    class Witness:
        def __del__(self) -> None:
            freed.append("witness")

    def make() -> None:
        witness = Witness()
        element: Any = None

        def on_press(_event: object) -> object:
            return element, witness  # element -> props -> handler -> cell -> element

        element = View(Text("a"), on_press=on_press)

    gc.collect()
    gc.disable()
    try:
        make()
        assert freed == []  # only the collector can free the cycle
    finally:
        gc.enable()
    gc.collect()
    assert freed == ["witness"]
