"""`For` takes a kept item's key from its row: the same keys as calling `key` for each.

Random edits of a list (insertions, removals, replacements, moves, repeats of
one object) must give `_known_keys` exactly the keys a fresh `key(item)` per
item gives, and the rows that render them must not call `key` for kept items.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reconciler_kit import Harness, Text, View

from sdk import ComponentError, For
from sdk.reconciler._for import ForInstance, RowInstance, _known_keys
from sdk.reconciler._native import speedups
from signals import signal


class _Item:
    __slots__ = ("id",)

    def __init__(self, item_id: int) -> None:
        self.id = item_id


def _row(item: _Item) -> RowInstance:
    """A row as `_known_keys` reads it: the item it shows and its key (nothing mounted)."""
    row = RowInstance.__new__(RowInstance)
    row.item = item
    row.key = item.id
    row.lent = 0
    return row


_EDITS = st.lists(st.tuples(st.sampled_from(["insert", "remove", "replace", "move", "repeat",
                                             "swap"]),
                            st.integers(0, 40), st.integers(0, 40)), max_size=12)


def _edit(items: list[_Item], edits: list[tuple[str, int, int]], fresh: list[int]) -> list[_Item]:
    out = list(items)
    for op, a, b in edits:
        if op == "insert":
            fresh[0] += 1
            out.insert(a % (len(out) + 1), _Item(fresh[0]))
        elif not out:
            continue
        elif op == "remove":
            del out[a % len(out)]
        elif op == "replace":
            fresh[0] += 1
            out[a % len(out)] = _Item(fresh[0])
        elif op == "move":
            out.insert(b % len(out), out.pop(a % len(out)))
        elif op == "repeat":  # the same object twice: the key must repeat too
            out.insert(b % (len(out) + 1), out[a % len(out)])
        else:
            i, j = a % len(out), b % len(out)
            out[i], out[j] = out[j], out[i]
    return out


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(0, 30), _EDITS)
def test_known_keys_equal_a_key_call_per_item(size: int, edits: list[tuple[str, int, int]]
                                              ) -> None:
    old = [_Item(i) for i in range(size)]
    new = _edit(old, edits, [size])
    calls: list[_Item] = []

    def key_of(item: Any) -> int:
        calls.append(item)
        return int(item.id)

    rows = [_row(item) for item in old]
    keys, fresh = _known_keys(rows, list(new), key_of, 7)
    assert keys == [item.id for item in new]
    assert [new[i] for i in fresh] == calls  # `key` was called exactly at the fresh places
    lent = [row for row in rows if row.lent == 7]
    taken = [keys[i] for i in range(len(new)) if i not in fresh]
    assert sorted(row.key for row in lent) == sorted(taken)  # each kept key from its own row
    assert len(set(taken)) == len(taken)


def test_kept_items_in_place_need_no_key_call() -> None:
    items = [_Item(i) for i in range(100)]
    data = signal(items)
    calls: list[int] = []

    def key_of(item: _Item) -> int:
        calls.append(item.id)
        return item.id

    harness = Harness(View(For(each=data, key=key_of, render=lambda i: Text(str(i.id)))))
    harness.flush()
    assert len(calls) == 100
    calls.clear()
    swapped = list(items)
    swapped[1], swapped[98] = swapped[98], swapped[1]
    data.set([*swapped[:50], _Item(500), *swapped[51:]])  # a swap and a replacement
    harness.flush()
    if speedups is None:  # pure Python calls `key` for every item (cheaper there)
        assert sorted(calls) == sorted(item.id for item in data.peek())
    else:
        assert calls == [98, 500, 1]  # the new item, and the two that left their places
    assert harness.texts() == [str(item.id) for item in data.peek()]


def test_a_duplicate_key_in_an_update_is_refused_however_the_keys_were_found() -> None:
    items = [_Item(i) for i in range(10)]
    data = signal(items)
    harness = Harness(View(For(each=data, key=lambda i: i.id, render=lambda i: Text(str(i.id)))))
    harness.flush()
    for bad in ([*items, items[3]],            # the same object twice
                [*items[:5], _Item(7), *items[5:]]):  # a new object with a kept row's key
        data.set(bad)
        with pytest.raises(ComponentError, match="duplicate key"):
            harness.flush()
        data.set(items)
        harness.flush()
        assert harness.texts() == [str(i) for i in range(10)]


def _for_instance(harness: Harness) -> ForInstance:
    for host in harness.root.scene.nodes.values():  # the View that holds the For
        if not isinstance(host.parent, RowInstance):
            for child in host.child_instances():
                if isinstance(child, ForInstance):
                    return child
    raise AssertionError("no For mounted")


_CLASHES = st.lists(st.tuples(_EDITS, st.sampled_from(["none", "repeat", "clash"]),
                              st.integers(0, 40), st.integers(0, 40)), max_size=8)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.integers(0, 30), _CLASHES)
def test_updates_are_refused_exactly_when_a_key_repeats(size: int,
                                                        steps: list[tuple[Any, str, int, int]]
                                                        ) -> None:
    """Over a run of updates (the few-new-keys check and its key index on the compiled
    build, the full check on both), an update is refused iff two items share a key, a
    refused update changes nothing, and the index always matches the rows."""
    items = [_Item(i) for i in range(size)]
    data = signal(items)
    harness = Harness(View(For(each=data, key=lambda i: i.id, render=lambda i: Text(str(i.id)))))
    harness.flush()
    counter = [size]
    for edits, bad, a, b in steps:
        new = _edit(items, edits, counter)
        if bad == "repeat" and new:
            new.insert(b % (len(new) + 1), new[a % len(new)])
        elif bad == "clash" and new:  # a new object with a key some other item has
            new.insert(b % (len(new) + 1), _Item(new[a % len(new)].id))
        data.set(new)
        ids = [item.id for item in new]
        if len(set(ids)) != len(ids):
            with pytest.raises(ComponentError, match="duplicate key"):
                harness.flush()
            data.set(items)
            harness.flush()
        else:
            harness.flush()
            items = new
        assert harness.texts() == [str(item.id) for item in items]
        index = _for_instance(harness).key_index
        if index is not None:
            rows = _for_instance(harness).rows
            assert index == {row.key: row for row in rows}
