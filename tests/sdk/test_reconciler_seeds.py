"""State seeding (`sdk/reconciler/_seeds.py`): a remounted tree of *new* component
functions takes the `use_signal` values of the old one where identity and hook
order match. The "reload" here is defining the components again, as a re-import does."""

from __future__ import annotations

import sys
import types
from typing import Any

from reconciler_kit import Harness, Text, View

from sdk import Element, For, component, use_effect, use_signal
from sdk.reconciler import arm_seeds, capture_state, current_component, disarm_seeds
from sdk.reconciler._seeds import migrate
from signals import Signal

SLOT: list[Any] = []


@component
def Slot(child: Element) -> Element:
    """The capture root: it is not redefined (like the dev loop's AppSlot)."""
    SLOT[:] = [current_component()]
    return child


def define(extra_hook: bool = False) -> dict[str, Any]:
    """Fresh component functions with the same qualified names (a re-import)."""
    signals: dict[str, list[Signal[int]]] = {"Counter": []}

    @component
    def Counter(label: str) -> Element:
        if extra_hook:
            use_effect(lambda: None)
        count = use_signal(0)
        signals["Counter"].append(count)
        return Text(lambda: f"{label} {count()}")

    @component
    def Page(rows: Signal[list[str]]) -> Element:
        return View(Counter(label="a"), Counter(label="b"),
                    For(each=rows, key=lambda r: r, render=lambda r: Counter(label=r)))

    Counter.__qualname__ = Counter.fn.__qualname__ = "Counter"
    Page.__qualname__ = Page.fn.__qualname__ = "Page"
    return {"Counter": Counter, "Page": Page, "signals": signals}


def mount(code: dict[str, Any], slot_key: object, rows: Signal[list[str]]) -> Harness:
    harness = Harness(View(Slot(child=code["Page"](rows=rows), key=slot_key)))
    harness.flush()
    return harness


def reload(old: Harness, code: dict[str, Any], rows: Signal[list[str]],
           then: list[str] | None = None) -> tuple[Harness, Any]:
    seeds = capture_state(SLOT[0])
    old.root.dispose()
    if then is not None:
        rows.set(then)
    arm_seeds(seeds)
    try:
        harness = mount(code, 2, rows)
    finally:
        armed = disarm_seeds()
    return harness, armed


def set_counts(signals: list[Signal[int]], values: list[int]) -> None:
    for signal, value in zip(signals, values, strict=True):
        signal.set(value)


def test_siblings_of_one_type_and_keyed_rows_take_their_own_values() -> None:
    rows = Signal(["x", "y"])
    old = define()
    harness = mount(old, 1, rows)
    set_counts(old["signals"]["Counter"], [1, 2, 3, 4])
    harness.flush()
    assert harness.texts() == ["a 1", "b 2", "x 3", "y 4"]
    rows.set(["y", "x"])  # keyed rows: the values follow the keys, not the positions
    harness.flush()
    new = define()
    reloaded, seeds = reload(harness, new, rows, then=["x", "y"])  # reordered meanwhile
    assert reloaded.texts() == ["a 1", "b 2", "x 3", "y 4"]
    assert seeds.taken == 4 and seeds.rejected == []


def test_a_changed_hook_order_starts_the_component_over() -> None:
    rows = Signal(["x"])
    old = define()
    harness = mount(old, 1, rows)
    set_counts(old["signals"]["Counter"], [5, 6, 7])
    harness.flush()
    reloaded, seeds = reload(harness, define(extra_hook=True), rows)
    reloaded.flush()  # the re-render the rejected seed scheduled
    assert reloaded.texts() == ["a 0", "b 0", "x 0"]
    assert len(seeds.rejected) == 3


def test_without_armed_seeds_a_mount_is_fresh() -> None:
    rows: Signal[list[str]] = Signal([])
    old = define()
    harness = mount(old, 1, rows)
    set_counts(old["signals"]["Counter"], [1, 2])
    harness.root.dispose()
    assert mount(define(), 2, rows).texts() == ["a 0", "b 0"]


def test_capture_skips_the_root_and_components_without_hooks() -> None:
    rows = Signal(["x"])
    harness = mount(define(), 1, rows)
    seeds = capture_state(SLOT[0])
    assert len(seeds) == 3  # three Counters; Page has no hooks, the slot is the root
    assert all(path[0][0] == "Page" or path[0][0].endswith(".Page") for path in seeds.entries)
    harness.root.dispose()



def test_migrate_retypes_elements_to_the_module_as_imported_now(
        monkeypatch: Any) -> None:
    def make() -> Any:
        @component
        def Card(title: str) -> Element:
            return Text(title)

        Card.fn.__module__ = "fake_app"
        Card.fn.__qualname__ = "Card"
        return Card

    old, new = make(), make()
    module = types.ModuleType("fake_app")
    module.Card = new  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_app", module)

    class Page:
        def __init__(self, element: Element) -> None:
            self.element = element

        def reloaded(self, migrate: Any) -> Page:
            return Page(migrate(self.element))

    carried = (Page(View(old(title="a"), key="k")), [old(title="b")], {"x": old(title="c")})
    moved = migrate(carried)
    assert isinstance(moved, tuple)
    page, items, mapping = moved
    assert page.element.key == "k" and page.element.children[0].type is new
    assert page.element.children[0].props == {"title": "a"}
    assert items[0].type is new and mapping["x"].type is new
    assert migrate(old(title="d")).type is new  # type: ignore[union-attr]
