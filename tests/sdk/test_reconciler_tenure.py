"""Pretenuring (`sdk/reconciler/_tenure.py`): a flush's objects go to the oldest
generation, and cyclic garbage is still collected without anyone calling
`gc.collect()`."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from sdk import TEXT, VIEW, Element, For, SceneRoot, component, host_element
from sdk.reconciler import _tenure
from signals import signal


class _Probe:
    """Refers to itself: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


def _table(rows: signal, probes: list[weakref.ref[_Probe]] | None = None  # type: ignore[valid-type]
           ) -> Element:
    def render(n: int) -> Element:
        probe = _Probe()
        if probes is not None:
            probes.append(weakref.ref(probe))
        text = host_element(TEXT, (), {"text": str(n)}, None)
        return host_element(VIEW, (text,), {"on_press": lambda: probe.me}, None)

    @component
    def Table() -> Element:
        return host_element(VIEW, (For(each=rows, key=lambda n: n, render=render),), {}, None)

    return Table()


@pytest.fixture
def fresh() -> Iterator[_tenure.Tenuring]:
    """A fresh `Tenuring` in place of the process's (restored after)."""
    saved = _tenure.tenuring
    _tenure.tenuring = fresh_one = _tenure.Tenuring()
    import sdk.reconciler._root as root_module
    root_module.tenuring = fresh_one
    gc.collect()
    try:
        yield fresh_one
    finally:
        _tenure.tenuring = saved
        root_module.tenuring = saved


def test_a_big_flush_leaves_its_objects_in_the_oldest_generation(
        fresh: _tenure.Tenuring) -> None:
    rows = signal(list(range(1_000)))
    root = SceneRoot(_table(rows), background=None)
    try:
        root.flush()
        assert gc.get_count()[0] < _tenure.MIN_YOUNG
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        shown = root.scene.nodes.get(max(root.scene.nodes))
        assert shown is not None and id(shown) in oldest and id(shown.element) in oldest
        assert fresh.moved >= 1_000 and fresh.full_collections == 0
    finally:
        root.dispose()


def test_small_flushes_are_left_to_the_young_collections(fresh: _tenure.Tenuring) -> None:
    rows = signal(list(range(3)))
    root = SceneRoot(_table(rows), background=None)
    try:
        root.flush()
        rows.set([1, 2, 3, 4])
        root.flush()
        assert fresh.moved == 0
    finally:
        root.dispose()


def test_cyclic_garbage_is_still_collected_without_an_explicit_collect(
        fresh: _tenure.Tenuring, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_tenure, "MIN_FULL_BUDGET", 5_000)
    fresh.budget = 5_000
    probes: list[weakref.ref[_Probe]] = []
    rows = signal(list(range(1_000)))
    root = SceneRoot(_table(rows, probes), background=None)
    try:
        root.flush()
        first = probes[:1_000]
        rows.set(list(range(1_000, 2_000)))  # the first rows go: their probes are garbage
        flushes = 1
        while any(ref() is not None for ref in first) and flushes < 20:
            root.flush()
            rows.set([n + 1_000 for n in rows.peek()])
            flushes += 1
        assert all(ref() is None for ref in first)
        assert fresh.full_collections >= 1
    finally:
        root.dispose()


def test_objects_the_app_froze_stay_frozen(fresh: _tenure.Tenuring) -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    rows = signal(list(range(1_000)))
    root = SceneRoot(_table(rows), background=None)
    try:
        root.flush()
        assert gc.get_freeze_count() <= frozen and fresh.moved == 0  # (some were freed)
        shown = root.scene.nodes.get(max(root.scene.nodes))
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        assert shown is not None and id(shown) not in oldest  # left to the young collections
    finally:
        root.dispose()
        gc.unfreeze()


def test_an_app_that_turned_the_collector_off_keeps_it_off(fresh: _tenure.Tenuring) -> None:
    gc.disable()
    rows = signal(list(range(1_000)))
    root = SceneRoot(_table(rows), background=None)
    try:
        root.flush()
        assert not gc.isenabled() and fresh.moved == 0
    finally:
        root.dispose()
        gc.enable()
