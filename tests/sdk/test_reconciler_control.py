"""Control flow: Show, For and fragments (the fine-grained path)."""

from __future__ import annotations

from reconciler_kit import Harness, Renders, Text, View, fresh_shape, opcodes

from renderer.lowlevel import Opcode
from sdk import Element, For, Fragment, Show, component
from signals import signal


def test_show_renders_its_children_while_when_is_truthy_else_the_fallback() -> None:
    on = signal(False)
    harness = Harness(View(Show(Text("yes"), when=on, fallback=Text("no"))))
    harness.flush()
    assert harness.texts() == ["no"]
    on.set(True)
    harness.flush()
    assert harness.texts() == ["yes"]
    on.set(False)
    harness.flush()
    assert harness.texts() == ["no"]


def test_show_accepts_a_plain_value_and_a_callable() -> None:
    n = signal(1)
    harness = Harness(View(Show(Text("static"), when=True),
                           Show(Text("big"), when=lambda: n() > 3)))
    harness.flush()
    assert harness.texts() == ["static"]
    n.set(5)
    harness.flush()
    assert harness.texts() == ["static", "big"]


def test_toggling_show_does_not_re_render_the_component_around_it() -> None:
    on = signal(False)
    renders = Renders()

    @component
    def Page() -> Element:
        renders("Page")
        return View(Text("a"), Show(Text("b"), when=on), Text("c"))

    harness = Harness(Page())
    harness.flush()
    for value in (True, False, True):
        on.set(value)
        harness.flush()
    assert renders.log == ["Page"]
    assert harness.texts() == ["a", "b", "c"]


def test_show_content_appears_in_place_between_its_siblings() -> None:
    on = [signal(False) for _ in range(3)]
    harness = Harness(View(Show(Text("0"), when=on[0]), Text("x"),
                           Show(Text("1"), Text("1b"), when=on[1]), Text("y"),
                           Show(Text("2"), when=on[2])))
    harness.flush()
    for i in (2, 0, 1):
        on[i].set(True)
        harness.flush()
    assert harness.texts() == ["0", "x", "1", "1b", "y", "2"]
    on[1].set(False)
    harness.flush()
    assert harness.texts() == ["0", "x", "y", "2"]


def test_changing_the_for_list_does_not_re_render_the_parent_component() -> None:
    items = signal([1, 2, 3])
    renders = Renders()

    @component
    def Page() -> Element:
        renders("Page")
        return View(For(each=items, render=lambda i: Text(str(i))))

    harness = Harness(Page())
    harness.flush()
    items.set([3, 2, 1, 4])
    harness.flush()
    assert renders.log == ["Page"]
    assert harness.texts() == ["3", "2", "1", "4"]


def test_for_renders_only_added_rows_and_reuses_the_others() -> None:
    items = signal(["a", "b"])
    rows = Renders()

    def render(item: str) -> Element:
        rows(item)
        return Text(item)

    harness = Harness(View(For(each=items, render=render)))
    harness.flush()
    items.set(["b", "c", "a"])
    harness.flush()
    assert rows.log == ["a", "b", "c"]


def test_a_for_row_re_renders_when_its_item_changes_by_equality() -> None:
    items = signal([{"id": 1, "label": "one"}, {"id": 2, "label": "two"}])
    rows = Renders()

    def render(item: dict[str, object]) -> Element:
        rows(str(item["id"]))
        return Text(str(item["label"]))

    harness = Harness(View(For(each=items, key=lambda r: r["id"], render=render)))
    harness.flush()
    items.set([{"id": 1, "label": "one"}, {"id": 2, "label": "TWO"}])
    data = harness.flush()
    assert rows.log == ["1", "2", "2"]
    assert harness.texts() == ["one", "TWO"]
    assert Opcode.CREATE not in opcodes(data)


def test_a_for_row_re_renders_when_a_signal_its_render_read_changes() -> None:
    marked = {i: signal(False) for i in (1, 2, 3)}
    rows = Renders()

    def render(i: int) -> Element:
        rows(str(i))
        return Text(f"{i}{'*' if marked[i]() else ''}")

    harness = Harness(View(For(each=[1, 2, 3], render=render)))
    harness.flush()
    rows.clear()
    marked[3].set(True)
    data = harness.flush()
    assert rows.log == ["3"]
    assert harness.texts() == ["1", "2", "3*"]
    assert opcodes(data)[Opcode.SET_TEXT] == 1


def test_for_rows_with_static_structure_are_template_instantiations() -> None:
    items = signal(list(range(100)))

    def row(i: int) -> Element:
        return View(Text(f"#{i}", size=20), Text("label"), direction="row", gap=8)

    harness = Harness(View(For(each=items, render=row)))
    data = harness.flush()
    counts = opcodes(data)
    assert counts[Opcode.DEFINE_TEMPLATE] == 1
    assert counts[Opcode.INSTANTIATE] == 100
    assert counts[Opcode.CREATE] == 2  # the root view and the list view
    assert harness.shape() == fresh_shape(View(*[row(i) for i in range(100)]), templates=False)


def test_a_fragment_adds_no_node_and_moves_as_a_unit() -> None:
    order = signal(["a", "b"])

    @component
    def Page() -> Element:
        return View(*[Fragment(Text(k + "1"), Text(k + "2"), key=k) for k in order()])

    harness = Harness(Page())
    harness.flush()
    outer = harness.double.children(harness.double.root)[0]
    assert len(harness.double.children(outer)) == 4
    order.set(["b", "a"])
    assert opcodes(harness.flush()) == {Opcode.INSERT: 2}
    assert harness.texts() == ["b1", "b2", "a1", "a2"]


def test_a_fragment_growing_from_empty_inserts_before_the_following_siblings() -> None:
    n = signal(0)

    @component
    def Middle() -> Element:
        return Fragment(*[Text(f"m{i}") for i in range(n())])

    harness = Harness(View(Text("first"), Middle(), Text("last")))
    harness.flush()
    for value in (2, 0, 3):
        n.set(value)
        harness.flush()
        assert harness.texts() == ["first", *[f"m{i}" for i in range(value)], "last"]


def test_a_for_row_that_starts_showing_nodes_appears_in_its_place() -> None:
    visible = {i: signal(False) for i in (1, 2, 3)}

    def render(i: int) -> Element | None:
        return Text(str(i)) if visible[i]() else None

    harness = Harness(View(For(each=[1, 2, 3], render=render), Text("end")))
    harness.flush()
    for i in (3, 1, 2):
        visible[i].set(True)
        harness.flush()
    assert harness.texts() == ["1", "2", "3", "end"]


def test_an_empty_for_that_gains_rows_while_its_next_sibling_is_removed_stays_valid() -> None:
    state = signal(True)

    @component
    def Page() -> Element:
        if state():
            return View(Text("a"), For(each=[], render=lambda i: Text(str(i))), Text("gone"))
        return View(Text("a"), For(each=[0], render=lambda i: Text(str(i))))

    harness = Harness(Page())
    harness.flush()
    state.set(False)
    harness.flush()  # the double rejects an INSERT before the removed text
    assert harness.texts() == ["a", "0"]


def test_an_empty_child_that_gains_nodes_while_its_siblings_move_lands_in_place() -> None:
    order = signal(["x", "show", "y"])
    on = signal(False)

    @component
    def Page() -> Element:
        kids = {"x": Text("x", key="x"), "y": Text("y", key="y"),
                "show": Show(Text("shown"), when=on(), key="show")}
        return View(*[kids[k] for k in order()])

    harness = Harness(Page())
    harness.flush()
    order.set(["y", "show", "x"])
    on.set(True)
    harness.flush()
    assert harness.texts() == ["y", "shown", "x"]
