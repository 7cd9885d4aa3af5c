"""Keyed children: moves only, the minimum number of moves, duplicate keys."""

from __future__ import annotations

import random
import struct

import pytest
from reconciler_kit import Harness, Renders, Text, View, fresh_shape, opcodes

from renderer.lowlevel import Opcode, iter_commands
from sdk import Element, For, component
from sdk.reconciler._instance import longest_increasing_subsequence
from signals import signal


def _lis_length(values: list[int]) -> int:
    """Reference O(n^2) longest strictly increasing subsequence length."""
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def _inserted_children(data: bytes) -> list[int]:
    """The child ids of every INSERT in `data`."""
    out = []
    for op, start, _ in iter_commands(data):
        if op == Opcode.INSERT:
            _, child = struct.unpack_from("<II", data, start)
            out.append(child)
    return out


def _list_app(items: signal) -> Element:  # type: ignore[valid-type]
    @component
    def List() -> Element:
        return View(*[Text(f"row {i}", key=i) for i in items()])  # type: ignore[operator]

    return List()


def _for_app(items: signal) -> Element:  # type: ignore[valid-type]
    @component
    def List() -> Element:
        return View(For(each=items, key=lambda i: i, render=lambda i: Text(f"row {i}")))

    return List()


@pytest.mark.parametrize("make", [_list_app, _for_app], ids=["children", "For"])
def test_a_keyed_reorder_produces_moves_only_and_the_minimum_number(make) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(4)
    items = signal(list(range(40)))
    harness = Harness(make(items))
    harness.flush()
    existing = set(harness.double.node_ids())
    for _ in range(30):
        old = list(items())
        new = old[:]
        rng.shuffle(new) if rng.random() < 0.5 else _nudge(new, rng)
        items.set(new)
        data = harness.flush()
        counts = opcodes(data)
        expected = len(new) - _lis_length([old.index(k) for k in new])
        assert set(counts) <= {Opcode.INSERT}, counts
        assert counts[Opcode.INSERT] == expected
        assert set(_inserted_children(data)) <= existing
        assert harness.texts() == [f"row {i}" for i in new]


def _nudge(values: list[int], rng: random.Random) -> None:
    """Move one or two items (the common small reorder)."""
    for _ in range(rng.randint(1, 2)):
        values.insert(rng.randrange(len(values)), values.pop(rng.randrange(len(values))))


def test_swapping_two_rows_of_a_thousand_is_two_moves() -> None:
    items = signal(list(range(1000)))
    harness = Harness(_for_app(items))
    harness.flush()
    swapped = list(range(1000))
    swapped[1], swapped[998] = swapped[998], swapped[1]
    items.set(swapped)
    data = harness.flush()
    assert opcodes(data) == {Opcode.INSERT: 2}
    assert harness.texts()[:3] == ["row 0", "row 998", "row 2"]
    assert harness.texts()[997:] == ["row 997", "row 1", "row 999"]


def test_reversing_a_list_moves_all_but_one_row() -> None:
    items = signal(list(range(10)))
    harness = Harness(_list_app(items))
    harness.flush()
    items.set(list(range(9, -1, -1)))
    assert opcodes(harness.flush()) == {Opcode.INSERT: 9}


def test_inserts_and_removes_create_and_remove_only_the_changed_rows() -> None:
    items = signal(list(range(10)))
    harness = Harness(_for_app(items))
    harness.flush()
    ids_before = {text: node for node, text in _text_nodes(harness).items()}
    items.set([0, 1, 100, 2, 3, 5, 6, 7, 8, 9, 101])  # 4 removed, 100 and 101 added
    counts = opcodes(harness.flush())
    assert counts[Opcode.CREATE] == 2
    assert counts[Opcode.REMOVE] == 1
    assert counts[Opcode.INSERT] == 2  # the two new rows, nothing moved
    after = {text: node for node, text in _text_nodes(harness).items()}
    for i in (0, 1, 2, 3, 5, 9):
        assert after[f"row {i}"] == ids_before[f"row {i}"]
    assert harness.shape() == fresh_shape(_for_app(signal([0, 1, 100, 2, 3, 5, 6, 7, 8, 9, 101])))


def _text_nodes(harness: Harness) -> dict[int, str]:
    double = harness.double
    return {n: double.text(n) for n in double.node_ids() if double.text(n)}


def test_keyed_rows_keep_their_component_state_when_moved() -> None:
    renders = Renders()
    items = signal(["a", "b", "c"])

    @component
    def Row(name: str = "") -> Element:
        renders(name)
        return Text(name)

    @component
    def List() -> Element:
        return View(*[Row(name=n, key=n) for n in items()])

    harness = Harness(List())
    harness.flush()
    items.set(["c", "a", "b"])
    harness.flush()
    assert renders.log == ["a", "b", "c"]  # moved, not re-rendered
    assert harness.texts() == ["c", "a", "b"]


def test_moving_a_component_row_with_several_nodes_moves_each_of_its_nodes() -> None:
    items = signal([1, 2, 3])

    @component
    def Pair(n: int = 0) -> list[Element]:
        return [Text(f"{n}a"), Text(f"{n}b")]

    @component
    def List() -> Element:
        return View(*[Pair(n=n, key=n) for n in items()])

    harness = Harness(List())
    harness.flush()
    items.set([3, 1, 2])
    assert opcodes(harness.flush()) == {Opcode.INSERT: 2}
    assert harness.texts() == ["3a", "3b", "1a", "1b", "2a", "2b"]


def test_duplicate_keys_are_an_error_naming_the_key_and_the_parent_component() -> None:
    @component
    def Shelf() -> Element:
        return View(Text("x", key="dup"), Text("y", key="dup"))

    harness = Harness(View(Shelf()))
    with pytest.raises(Exception) as info:
        harness.flush()
    message = str(info.value.__cause__ or info.value)
    assert "'dup'" in message and "Shelf" in message


def test_duplicate_keys_appearing_on_update_are_an_error_too() -> None:
    items = signal([1, 2])

    @component
    def Shelf() -> Element:
        return View(*[Text(str(i), key=i) for i in items()])

    harness = Harness(Shelf())
    harness.flush()
    items.set([1, 2, 2])
    with pytest.raises(Exception) as info:
        harness.flush()
    message = str(info.value.__cause__ or info.value)
    assert "duplicate key 2" in message and "Shelf" in message
    assert "object at" not in message


def test_duplicate_for_keys_are_an_error_naming_the_key_and_the_component() -> None:
    @component
    def Shelf() -> Element:
        return View(For(each=["x", "y", "x"], render=lambda i: Text(i)))

    harness = Harness(View(Shelf()))
    with pytest.raises(Exception) as info:
        harness.flush()
    message = str(info.value.__cause__ or info.value)
    assert "duplicate key 'x'" in message and "Shelf" in message
    assert "object at" not in message


def test_longest_increasing_subsequence_matches_a_reference() -> None:
    rng = random.Random(7)
    for _ in range(200):
        values = rng.sample(range(50), rng.randint(0, 20))
        lis = longest_increasing_subsequence(values)
        assert len(lis) == _lis_length(values)
        assert lis == sorted(lis) and len(set(lis)) == len(lis)
        positions = [values.index(v) for v in lis]
        assert positions == sorted(positions)
