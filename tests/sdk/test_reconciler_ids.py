"""Unmount, node id recycling, string ids, rebuild and dispose."""

from __future__ import annotations

import struct
from typing import Any

import pytest
from reconciler_kit import Harness, Text, View, normalized, opcodes

from renderer import CommandBuffer, Renderer
from renderer.lowlevel import Opcode, iter_commands
from renderer.testing import SceneDouble
from sdk import Element, For, SceneRoot, Show, component, use_computed, use_effect, use_signal
from sdk.reconciler._strings import STRING_CACHE_BYTES, STRING_CACHE_SIZE, StringTable
from signals import on_cleanup, signal


def _removed(data: bytes) -> list[int]:
    return [struct.unpack_from("<I", data, start)[0]
            for op, start, _ in iter_commands(data) if op == Opcode.REMOVE]


def _created(data: bytes) -> list[int]:
    return [struct.unpack_from("<I", data, start)[0]
            for op, start, _ in iter_commands(data) if op == Opcode.CREATE]


def test_unmounting_removes_each_subtree_root_with_one_command() -> None:
    shown = signal(True)

    @component
    def Deep() -> list[Element]:
        return [View(View(Text("1"), Text("2")), Text("3")), Text("4")]

    @component
    def Page() -> Element:
        return View(Text("keep"), Show(Deep(), when=shown))

    harness = Harness(Page(), templates=False)
    harness.flush()
    nodes_before = len(harness.double.node_ids())
    shown.set(False)
    data = harness.flush()
    assert opcodes(data) == {Opcode.REMOVE: 2}  # the outer view and the "4" text
    assert len(harness.double.node_ids()) == nodes_before - 6
    assert "detached" not in harness.dump()
    assert harness.texts() == ["keep"]


def test_unmount_disposes_effects_cleanups_and_reactive_props() -> None:
    shown = signal(True)
    value = signal(0)
    log: list[str] = []

    @component
    def Child() -> Element:
        use_effect(lambda: log.append(f"effect {value()}"))
        on_cleanup(lambda: log.append("cleanup"))
        return Text(lambda: f"v={value()}")

    @component
    def Page() -> Element:
        return View(Child() if shown() else None)

    harness = Harness(Page())
    harness.flush()
    shown.set(False)
    harness.flush()
    log.clear()
    value.set(1)
    assert harness.flush() == b""
    assert log == []


def test_removed_node_ids_are_reused_only_after_the_engine_acknowledged_the_removal() -> None:
    items = signal([1, 2, 3])
    root = SceneRoot(View(For(each=items, render=lambda i: Text(str(i)))))
    double = SceneDouble()
    double.apply(root.flush())
    root.acknowledge(1)
    items.set([1, 2])
    batch2 = root.flush()
    double.apply(batch2)
    (freed,) = _removed(batch2)
    items.set([1, 2, 4])  # batch 2 is not acknowledged yet
    batch3 = root.flush()
    double.apply(batch3)
    assert freed not in _created(batch3)
    root.acknowledge(3)
    items.set([1, 2, 4, 5])
    batch4 = root.flush()
    double.apply(batch4)
    assert freed in _created(batch4)
    assert [double.text(n) for n in double.children(double.children(double.root)[0])] == [
        "1", "2", "4", "5"]


def test_a_text_that_changes_every_second_keeps_engine_strings_and_memory_flat() -> None:
    seconds = signal(0)
    root = SceneRoot(View(Text(lambda: f"12:{seconds() // 60:02d}:{seconds() % 60:02d} "
                                       f"tick {seconds()}")))
    double = SceneDouble()
    renderer = Renderer()
    try:
        def tick(n: int) -> None:
            for _ in range(n):
                seconds.set(seconds() + 1)
                data = root.flush()
                double.apply(data)
                renderer.apply(data)
            renderer.frame(float(seconds()) * 1000)

        warm = STRING_CACHE_SIZE + 200  # the string cache is full from here on
        tick(warm)
        strings_early, memory_early = len(double.strings()), renderer.memory_size
        for _ in range(4):
            tick(950)
        total = warm + 4 * 950
        assert seconds() == total
        assert len(double.strings()) <= STRING_CACHE_SIZE
        assert len(double.strings()) == strings_early
        assert len(root.scene.strings) <= STRING_CACHE_SIZE
        assert renderer.memory_size == memory_early
        clock = f"12:{total // 60:02d}:{total % 60:02d} tick {total}"
        assert f'"{clock}"' in renderer.dump()
    finally:
        renderer.close()


def test_long_changing_texts_keep_engine_strings_under_the_byte_bound() -> None:
    # 2 KB descriptions: the count bound alone would keep 1024 of them (2 MB).
    counter = signal(0)
    root = SceneRoot(View(Text(lambda: f"{counter():06d} " + "description " * 170)))
    double = SceneDouble()
    renderer = Renderer()
    try:
        def show(n: int) -> None:
            for _ in range(n):
                counter.set(counter() + 1)
                data = root.flush()
                double.apply(data)
                renderer.apply(data)
            renderer.frame(float(counter()))

        show(800)  # 1.6 MB of distinct strings: the byte bound is reached
        memory_early = renderer.memory_size
        show(800)
        defined = sum(len(text.encode()) for text in double.strings().values())
        assert defined <= STRING_CACHE_BYTES
        assert root.scene.strings.byte_size == defined
        assert renderer.memory_size == memory_early
        assert f"{counter():06d} description" in renderer.dump()
    finally:
        renderer.close()


def test_the_byte_bound_keeps_the_newest_strings_of_one_set_props_defined() -> None:
    table = StringTable(max_bytes=100)
    buf = CommandBuffer()
    label = table.id_for("a label", buf)
    test_id = table.id_for("x" * 500, buf)  # alone over the bound: nothing newer is released
    double = SceneDouble()
    double.apply(buf.getvalue())
    assert double.strings() == {label: "a label", test_id: "x" * 500}
    for n in range(20):
        table.id_for(f"{n:02d}" * 100, buf)
    assert len(table) == 8 and table.byte_size == 8 * 200
    with pytest.raises(ValueError, match="max_bytes >= 1"):
        StringTable(max_bytes=0)


def test_a_repeated_string_is_defined_once() -> None:
    harness = Harness(View(*[Text("Play") for _ in range(50)]))
    data = harness.flush()
    assert opcodes(data)[Opcode.DEFINE_STRING] == 1


def _rich_app(items: signal, selected: signal) -> Element:  # type: ignore[valid-type]
    @component
    def Row(i: int = 0) -> Element:
        return View(Text(f"row {i}", size=24),
                    Text(lambda: "*" if selected() == i else " "),  # type: ignore[operator]
                    direction="row", gap=4, focusable=True,
                    focused_style={"background": "#333333"}, label=f"Row {i}")

    @component
    def App() -> Element:
        count = use_signal(0)
        return View(Text(lambda: f"count {count()}", color="#ff0000"),
                    View(For(each=items, key=lambda i: i, render=lambda i: Row(i=i))),
                    Show(Text("shown"), when=lambda: selected() > 2),  # type: ignore[operator]
                    padding=(10, 20), background="#101010", direction="column")

    return App()


def test_rebuild_commands_on_a_fresh_engine_give_the_live_dump() -> None:
    items = signal(list(range(8)))
    selected = signal(1)
    root = SceneRoot(_rich_app(items, selected))
    live = Renderer()
    try:
        live.apply(root.flush())
        for order, sel in (([3, 1, 0, 9, 4], 3), ([9, 4, 3, 10, 11], 4)):
            items.set(order)
            selected.set(sel)
            live.apply(root.flush())
        live.frame(0)
        fresh = Renderer()
        try:
            fresh.apply(root.rebuild_commands())
            fresh.frame(0)
            assert fresh.dump() == live.dump()
            # The next flush continues from the rebuilt scene.
            items.set([11, 10, 9])
            data = root.flush()
            live.apply(data)
            fresh.apply(data)
            live.frame(16)
            fresh.frame(16)
            assert fresh.dump() == live.dump()
        finally:
            fresh.close()
    finally:
        live.close()


def test_dispose_unmounts_everything_and_runs_cleanups() -> None:
    log: list[str] = []

    @component
    def Leaf() -> Element:
        use_effect(lambda: (lambda: log.append("effect cleanup")))
        on_cleanup(lambda: log.append("cleanup"))
        return Text("leaf")

    harness = Harness(View(Leaf(), Leaf()))
    harness.flush()
    harness.root.dispose()
    assert sorted(log) == ["cleanup", "cleanup", "effect cleanup", "effect cleanup"]
    assert harness.root.scene.nodes == {}
    data = harness.flush()
    assert opcodes(data) == {Opcode.REMOVE: 1}
    assert normalized(harness.dump()).startswith("# view width=100% height=100% bg=")  # the surface
    assert harness.flush() == b""


def _instantiated_bases(data: bytes) -> list[int]:
    return [struct.unpack_from("<II", data, start)[1]
            for op, start, _ in iter_commands(data) if op == Opcode.INSTANTIATE]


def test_template_id_blocks_are_reused_only_after_acknowledge() -> None:
    items = signal([1, 2])
    root = SceneRoot(View(For(each=items, render=lambda i: View(Text(str(i)), Text("x")))))
    double = SceneDouble()
    batch1 = root.flush()
    double.apply(batch1)
    _, row2 = _instantiated_bases(batch1)
    root.acknowledge(1)
    items.set([1])
    double.apply(root.flush())  # batch 2 frees row 2's block
    items.set([1, 3])
    batch3 = root.flush()
    double.apply(batch3)
    assert _instantiated_bases(batch3) != [row2]
    root.acknowledge(3)
    items.set([1, 3, 4])
    batch4 = root.flush()
    double.apply(batch4)
    assert _instantiated_bases(batch4) == [row2]
    rows = double.children(double.children(double.root)[0])
    assert [double.text(double.children(r)[0]) for r in rows] == ["1", "3", "4"]


def _observers(source: Any) -> int:
    return len(source._observers or ())


def test_unmount_and_dispose_leave_no_subscriptions_behind() -> None:
    g, items, on = signal(0), signal([1, 2, 3]), signal(True)

    @component
    def Leaf(i: int = 0) -> Element:
        total = use_computed(lambda: g() + i)
        use_effect(lambda: g())
        return Text(lambda: f"{total()}", opacity=lambda: 1.0 if g() else 0.5)

    @component
    def App() -> Element:
        g()
        return View(Show(View(For(each=items, render=lambda i: [Leaf(i=i), Text(str(g()))])),
                         when=on))

    harness = Harness(App())
    harness.flush()
    g.set(1)
    items.set([3, 4])
    harness.flush()
    assert _observers(g) > 1
    on.set(False)
    harness.flush()
    assert _observers(g) == 1 and _observers(items) == 0  # only App's render reads g
    harness.root.dispose()
    assert (_observers(g), _observers(items), _observers(on)) == (0, 0, 0)


def test_the_string_table_counts_evictions_so_a_soak_knows_when_it_is_full() -> None:
    table, buf = StringTable(capacity=3), CommandBuffer()
    for n in range(3):
        table.id_for(f"s{n}", buf)
    assert table.evictions == 0 and table.capacity == 3
    table.id_for("s3", buf)
    table.id_for("s1", buf)  # still defined: no eviction
    assert table.evictions == 1 and len(table) == 3


def test_the_string_table_writes_exactly_these_commands() -> None:
    # The compiled build's table (sdk/reconciler/_speedups.pyx) encodes these
    # itself: both builds must write the bytes the encoder would.
    table, buf = StringTable(capacity=3), CommandBuffer()
    ids = [table.id_for(text, buf) for text in ("a", "bb", "a", "ccc", "déjà", "a", "ee")]
    want = CommandBuffer()
    want.define_string(1, "a").define_string(2, "bb").define_string(3, "ccc")
    want.release_string(2).define_string(2, "déjà")  # full: the oldest ("bb") serves
    want.release_string(3).define_string(3, "ee")  # "a" was used since: "ccc" goes
    assert ids == [1, 2, 1, 3, 2, 1, 3]
    assert buf.getvalue() == want.getvalue() and buf.command_count == want.command_count
    assert (len(table), table.byte_size, table.evictions) == (3, 1 + 6 + 2, 2)
    before = buf.getvalue()
    with pytest.raises(ValueError, match=r"DEFINE_STRING: a string of 16777221 UTF-8 bytes "
                                         r"is too long \(at most 16777211\)"):
        table.id_for("g" * 16_777_221, buf)
    with pytest.raises(UnicodeEncodeError):
        table.id_for("\ud800", buf)
    assert buf.getvalue() == before and (len(table), table.evictions) == (3, 2)  # untouched
    assert table.id_for("a", buf) == 1


def test_the_byte_bound_releases_the_oldest_and_reuses_their_ids() -> None:
    table, buf = StringTable(capacity=20, max_bytes=30), CommandBuffer()
    ids = [table.id_for(str(n), buf) for n in range(9)] + [table.id_for("e" * 25, buf)]
    want = CommandBuffer()
    for n in range(9):
        want.define_string(n + 1, str(n))
    want.define_string(10, "e" * 25).release_string(1).release_string(2)  # 34 bytes: two go
    assert ids == list(range(1, 11))
    assert buf.getvalue() == want.getvalue() and buf.command_count == want.command_count
    assert (len(table), table.byte_size, table.evictions) == (8, 32, 2)
    assert table.id_for("f", buf) == 2  # a released id serves again


def test_freed_ids_are_reused_lowest_first_however_they_were_freed() -> None:
    from sdk.reconciler._ids import NodeIds

    ids = NodeIds()
    blocks = [ids.alloc_block(5) for _ in range(6)]  # 1, 6, 11, 16, 21, 26
    singles = [ids.alloc() for _ in range(4)]
    for base in (blocks[3], blocks[0], blocks[5]):
        ids.free_block(base, 5)
    for node in (singles[2], singles[0]):
        ids.free(node)
    ids.acknowledge(ids.seal_batch())
    assert [ids.alloc_block(5), ids.alloc()] == [blocks[0], singles[0]]
    ids.free_block(blocks[1], 5)  # freed between two takes: still lowest first
    ids.acknowledge(ids.seal_batch())
    assert [ids.alloc_block(5) for _ in range(3)] == [blocks[1], blocks[3], blocks[5]]
    assert ids.alloc() == singles[2]
    assert ids.alloc_block(5) == blocks[5] + 5 + 4  # (past the singles): all reused
