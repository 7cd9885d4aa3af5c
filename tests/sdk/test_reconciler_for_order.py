"""For rows that start or stop showing nodes while the list reorders keep their place."""

from __future__ import annotations

from reconciler_kit import Harness, Text, View

from sdk import For
from signals import signal


def _list(items, visible):
    def render(i):
        return Text(str(i)) if visible[i]() else None

    return Harness(View(For(each=items, render=render), Text("end")))


def test_a_row_gaining_nodes_during_a_reorder_lands_in_its_new_place():
    visible = {i: signal(i != 2) for i in (1, 2, 3)}
    items = signal([1, 2, 3])
    harness = _list(items, visible)
    harness.flush()
    items.set([3, 2, 1])
    visible[2].set(True)
    harness.flush()
    assert harness.texts() == ["3", "2", "1", "end"]


def test_a_row_gaining_nodes_next_to_a_removed_row_lands_in_its_place():
    visible = {i: signal(i != 1) for i in (1, 2, 3)}
    items = signal([1, 2, 3])
    harness = _list(items, visible)
    harness.flush()
    items.set([1, 3])
    visible[1].set(True)
    harness.flush()
    assert harness.texts() == ["1", "3", "end"]
