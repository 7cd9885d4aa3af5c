"""For rows made from a template get instances below their root only when asked.

A row whose inner nodes carry only plain values (text, handlers) is mounted
as one root instance; events, updates, walks and unmounts must behave exactly
as if every node had its instance from the start.
"""

from __future__ import annotations

from typing import Any

from reconciler_kit import Harness, Text, View, normalized, opcodes
from test_reconciler_events import Engine, engines  # noqa: F401 (fixture)

from renderer import FocusEvent, Key, Prop
from renderer.lowlevel import Opcode
from sdk import For, Ref
from signals import signal


def _rows(items: Any, log: list[Any], **row_props: Any) -> Any:
    def render(i: int) -> Any:
        return View(Text(f"title {i}"),
                    View(Text(f"sub {i}"), on_focus=lambda e: log.append(("focus", i)),
                         focusable=True, width=100, height=40),
                    direction="column", **row_props)

    return View(For(each=items, render=render), direction="column")


def test_rows_with_plain_inner_props_have_one_instance_until_asked() -> None:
    items = signal(list(range(20)))
    harness = Harness(_rows(items, []))
    harness.flush()
    scene = harness.root.scene
    # The table view and one instance per row (of 4 nodes each): inner nodes
    # have no entry until asked for, yet every node id is known.
    assert len(scene.nodes) == 1 + 20
    ids = [node for node in range(1, 200) if node in scene.nodes]
    assert len(ids) == 1 + 20 * 4
    lazy_eager = Harness(_rows(signal(list(range(20))), []), templates=False)
    lazy_eager.flush()
    assert harness.shape() == lazy_eager.shape()


def test_an_event_on_an_inner_node_reaches_its_handler(engines: Any) -> None:  # noqa: F811
    log: list[Any] = []
    engine: Engine = engines(_rows(signal([1, 2, 3]), log))
    engine.key(Key.DOWN)
    engine.key(Key.DOWN)
    assert log == [("focus", 1), ("focus", 2)]
    assert any(isinstance(e, FocusEvent) for e in engine.events)


def test_a_changed_row_is_diffed_after_its_nodes_are_materialized() -> None:
    items = signal([1, 2, 3])
    harness = Harness(_rows(items, []))
    harness.flush()
    items.set([1, 20, 3])  # a new key: a new row; the old one unmounts lazily
    harness.flush()
    labels = {1: "one"}

    def render(i: int) -> Any:
        return View(Text(labels.get(i, f"title {i}")), View(Text(f"sub {i}")))

    changing = signal([1, 2])
    second = Harness(View(For(each=changing, render=render)))
    second.flush()
    labels[2] = "two"
    changing.set([1, 2, 3])
    second.flush()
    assert second.texts() == ["one", "sub 1", "title 2", "sub 2", "title 3", "sub 3"]
    assert harness.texts() == ["title 1", "sub 1", "title 20", "sub 20", "title 3", "sub 3"]
    eager = Harness(_rows(signal([1, 20, 3]), []), templates=False)
    eager.flush()
    assert harness.shape() == eager.shape()


def test_a_row_re_rendered_by_its_own_signal_updates_its_inner_text() -> None:
    label = signal("a")

    def render(i: int) -> Any:
        return View(Text(f"{label()} {i}"), View(Text("x")))

    harness = Harness(View(For(each=signal([1, 2]), render=render)))
    harness.flush()
    label.set("b")
    harness.flush()
    assert harness.texts() == ["b 1", "x", "b 2", "x"]


def test_clearing_lazy_rows_forgets_every_inner_node() -> None:
    items = signal(list(range(10)))
    harness = Harness(_rows(items, []))
    harness.flush()
    scene = harness.root.scene
    harness.root.find(max(dict.keys(scene.nodes)) + 1)  # one row's nodes get instances
    known = [node for node in range(1, 100) if node in scene.nodes]
    assert len(known) == 1 + 10 * 4
    items.set([])
    harness.flush()
    assert [node for node in range(1, 100) if node in scene.nodes] == [known[0]]
    assert harness.texts() == []


def test_a_lookup_of_an_inner_node_gives_that_nodes_own_instance() -> None:
    items = signal([7])
    harness = Harness(_rows(items, []))
    harness.flush()
    scene = harness.root.scene
    (row,) = [inst for inst in dict.values(scene.nodes) if inst.lazy]
    assert row.lazy == 3
    for node in range(row.node + 1, row.node + 4):
        inst = harness.root.find(node)
        assert inst is not None and inst.node == node
    assert row.lazy == 0 and len(scene.nodes) == 1 + 4
    assert harness.root.find(row.node + 4) is None  # past the block: no node
    texts = [inst.element.props.get("text") for n, inst in sorted(dict.items(scene.nodes))
             if inst.kind == 1]
    assert texts == ["title 7", "sub 7"]


def test_a_row_with_a_ref_inside_is_mounted_eagerly() -> None:
    refs: list[Ref] = []

    def render(i: int) -> Any:
        ref = Ref()
        refs.append(ref)
        return View(Text(str(i), ref=ref), View(Text("x")))

    harness = Harness(View(For(each=signal([1, 2]), render=render)))
    harness.flush()
    assert all(ref.node for ref in refs)
    scene = harness.root.scene
    assert not [inst for inst in dict.values(scene.nodes) if inst.lazy]
    assert len(scene.nodes) == 1 + 2 * 4


def test_crash_replay_re_sends_lazy_rows_as_they_are() -> None:
    harness = Harness(_rows(signal([1, 2]), []))
    harness.flush()
    shape = harness.shape()
    from renderer.testing import SceneDouble

    fresh = SceneDouble()
    fresh.apply(harness.root.rebuild_commands())
    assert normalized(fresh.dump()) == shape


def test_an_update_of_a_lazy_row_sends_only_what_changed_without_instances() -> None:
    labels = signal({1: "a", 2: "b"})
    subtitle = signal("s")

    def render(i: int) -> Any:
        return View(Text(labels()[i], test_id=f"t{i}"), View(Text(subtitle())),
                    direction="column")

    def build(templates: bool) -> Harness:
        harness = Harness(View(For(each=signal([1, 2]), render=render)), templates=templates)
        harness.flush()
        return harness

    lazy, eager = build(True), build(False)
    labels.set({1: "a", 2: "B"})
    subtitle.set("t")
    batch = lazy.flush()
    eager.flush()
    assert lazy.shape() == eager.shape()
    assert lazy.texts() == ["a", "t", "B", "t"]
    assert len(lazy.root.scene.nodes) == 1 + 2  # no inner instance was made
    counts = opcodes(batch)
    assert counts[Opcode.SET_TEXT] == 3  # "B" and the two subtitles, nothing else
    assert counts[Opcode.SET_PROP] + counts[Opcode.SET_PROPS] == 0


def test_a_lazy_row_whose_shape_changes_is_diffed_node_by_node() -> None:
    wide = signal(False)

    def render(i: int) -> Any:
        return View(Text(str(i), width=200 if wide() else 100), View(Text("x")))

    def build(templates: bool) -> Harness:
        harness = Harness(View(For(each=signal([1, 2]), render=render)), templates=templates)
        harness.flush()
        return harness

    lazy, eager = build(True), build(False)
    wide.set(True)
    lazy.flush()
    eager.flush()
    assert lazy.shape() == eager.shape()


def test_a_lazy_row_updated_with_its_props_in_another_order_or_a_handler_keeps_its_copy(
) -> None:
    """The compiled one-walk diff hands a node whose props come in another order to the
    general match, and an inner handler is per-copy: both updates stay without instances
    and send only the changed texts, on either build."""
    label = signal("a")
    flipped = signal(False)

    def render(i: int) -> Any:
        inner = (Text(label(), color="#ffffff", test_id=f"t{i}") if not flipped()
                 else Text(label(), test_id=f"t{i}", color="#ffffff"))
        return View(inner, View(Text("x"), on_press=lambda _e: None), direction="column")

    harness = Harness(View(For(each=signal([1, 2]), render=render)))
    harness.flush()
    for flip, text, texts_sent in ((False, "b", 2), (True, "c", 2), (False, "c", 0),
                                   (False, "d", 2)):
        flipped.set(flip)
        label.set(text)
        counts = opcodes(harness.flush())
        assert harness.texts() == [text, "x", text, "x"]
        assert len(harness.root.scene.nodes) == 1 + 2  # still no inner instance
        assert counts[Opcode.SET_TEXT] == texts_sent
        assert counts[Opcode.SET_PROP] + counts[Opcode.SET_PROPS] == 0


def test_a_lazy_row_rebinds_a_root_prop_whose_closure_changed_and_keeps_an_equal_one() -> None:
    red, blue = signal("#ff0000"), signal("#0000ff")
    use_blue, label = signal(False), signal("a")

    def render(i: int) -> Any:
        source = blue if use_blue() else red
        return View(Text(f"{label()}{i}"), background=lambda: source())

    harness = Harness(View(For(each=signal([1, 2]), render=render)))
    harness.flush()
    rows = harness.double.children(harness.double.children(harness.double.root)[0])
    label.set("b")  # a new closure over the same signal: kept, only the texts change
    counts = opcodes(harness.flush())
    assert counts[Opcode.SET_TEXT] == 2 and counts[Opcode.SET_PROP] == 0
    use_blue.set(True)  # a closure over another signal: bound again, one prop per row
    counts = opcodes(harness.flush())
    assert counts[Opcode.SET_PROP] + counts[Opcode.SET_PROPS] == 2
    assert [harness.double.prop(row, Prop.BACKGROUND) for row in rows] == [0x0000FFFF] * 2
    red.set("#00ff00")  # the old binding is gone
    assert harness.flush() == b""
    blue.set("#ffffff")
    assert [harness.double.prop(row, Prop.BACKGROUND) for row in rows] == [0x0000FFFF] * 2
    harness.flush()
    assert [harness.double.prop(row, Prop.BACKGROUND) for row in rows] == [0xFFFFFFFF] * 2
    assert len(harness.root.scene.nodes) == 1 + 2  # still lazy copies
