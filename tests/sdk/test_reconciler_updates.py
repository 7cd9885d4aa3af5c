"""Reactive props and per-frame batched updates."""

from __future__ import annotations

from typing import Any

import pytest
from reconciler_kit import Harness, Renders, Text, View, opcodes

from renderer import Prop
from renderer.lowlevel import Opcode
from sdk import Element, component
from signals import computed, signal


def _colour_app(prop: object, renders: Renders) -> Harness:
    @component
    def Panel() -> Element:
        renders("Panel")
        return View(Text("static"), background=prop)

    harness = Harness(Panel())
    harness.flush()
    return harness


def _panel(harness: Harness) -> int:
    return harness.double.children(harness.double.root)[0]


@pytest.mark.parametrize("kind", ["signal", "computed", "lambda"])
def test_a_reactive_prop_updates_with_one_set_prop_and_no_re_render(kind: str) -> None:
    source = signal("#ff0000")
    prop = {"signal": source, "computed": computed(lambda: source()),
            "lambda": lambda: source()}[kind]
    renders = Renders()
    harness = _colour_app(prop, renders)
    assert harness.double.prop(_panel(harness), Prop.BACKGROUND) == 0xFF0000FF
    source.set("#00ff00")
    assert opcodes(harness.flush()) == {Opcode.SET_PROP: 1}
    assert harness.double.prop(_panel(harness), Prop.BACKGROUND) == 0x00FF00FF
    assert renders.log == ["Panel"]


def test_reactive_text_updates_with_one_set_text_and_no_re_render() -> None:
    count = signal(0)
    renders = Renders()

    @component
    def Counter() -> Element:
        renders("Counter")
        return View(Text(lambda: f"Pressed {count()} times", size=40))

    harness = Harness(Counter())
    harness.flush()
    count.set(1)
    counts = opcodes(harness.flush())
    assert counts[Opcode.SET_TEXT] == 1
    assert set(counts) <= {Opcode.SET_TEXT, Opcode.DEFINE_STRING, Opcode.RELEASE_STRING}
    assert harness.texts() == ["Pressed 1 times"]
    assert renders.log == ["Counter"]


def test_a_reactive_prop_whose_value_did_not_change_sends_nothing() -> None:
    tick = signal(0)
    renders = Renders()
    harness = _colour_app(lambda: "#ff0000" if tick() < 10 else "#0000ff", renders)
    tick.set(1)
    assert harness.flush() == b""
    tick.set(11)
    assert opcodes(harness.flush()) == {Opcode.SET_PROP: 1}


def test_replacing_a_reactive_prop_with_a_static_value_stops_the_binding() -> None:
    source = signal("#ff0000")
    use_signal_prop = signal(True)

    @component
    def Panel() -> Element:
        return View(background=source if use_signal_prop() else "#123456")

    harness = Harness(Panel())
    harness.flush()
    use_signal_prop.set(False)
    assert opcodes(harness.flush()) == {Opcode.SET_PROP: 1}
    source.set("#00ff00")
    assert harness.flush() == b""
    assert harness.double.prop(_panel(harness), Prop.BACKGROUND) == 0x123456FF


def test_a_removed_reactive_prop_stops_its_binding_and_resets_the_property() -> None:
    source = signal(0.5)
    has_prop = signal(True)

    @component
    def Panel() -> Element:
        return View(opacity=source) if has_prop() else View()

    harness = Harness(Panel())
    harness.flush()
    has_prop.set(False)
    harness.flush()
    assert harness.double.prop(_panel(harness), Prop.OPACITY) == 1.0
    source.set(0.25)
    assert harness.flush() == b""


def test_writes_are_not_rendered_until_the_flush() -> None:
    count = signal(0)
    renders = Renders()

    @component
    def Counter() -> Element:
        renders("Counter")
        return Text(str(count()))

    harness = Harness(Counter())
    harness.flush()
    for i in range(10):
        count.set(i)
    assert renders.log == ["Counter"]
    harness.flush()
    assert renders.log == ["Counter", "Counter"]
    assert harness.texts() == ["9"]


def test_many_writes_in_one_frame_render_each_component_once_parents_first() -> None:
    a, b, c = signal(0), signal(0), signal(0)
    renders = Renders()

    @component
    def Grandchild() -> Element:
        renders("Grandchild")
        return Text(f"c={c()}")

    @component
    def Child(label: str = "") -> Element:
        renders("Child")
        return View(Text(f"{label} b={b()}"), Grandchild())

    @component
    def Parent() -> Element:
        renders("Parent")
        return View(Child(label=f"a={a()}"))

    harness = Harness(Parent())
    harness.flush()
    renders.clear()
    for i in range(1, 4):  # children first, several times each
        c.set(i)
        b.set(i)
        a.set(i)
    harness.flush()
    assert renders.log == ["Parent", "Child", "Grandchild"]
    assert harness.texts() == ["a=3 b=3", "c=3"]


def test_a_dirty_child_whose_parent_re_renders_renders_once() -> None:
    a, b = signal(0), signal(0)
    renders = Renders()

    @component
    def Child() -> Element:
        renders("Child")
        return Text(f"b={b()}")

    @component
    def Parent() -> Element:
        renders("Parent")
        return View(Text(f"a={a()}"), Child())

    harness = Harness(Parent())
    harness.flush()
    renders.clear()
    b.set(1)
    a.set(1)
    harness.flush()
    assert renders.log == ["Parent", "Child"]
    assert harness.texts() == ["a=1", "b=1"]


def test_siblings_render_in_tree_depth_order_and_only_the_dirty_ones() -> None:
    signals = [signal(0) for _ in range(3)]
    renders = Renders()

    @component
    def Cell(i: int = 0) -> Element:
        renders(f"Cell{i}")
        return Text(str(signals[i]()))

    harness = Harness(View(*(Cell(i=i) for i in range(3))))
    harness.flush()
    renders.clear()
    signals[2].set(1)
    signals[0].set(1)
    harness.flush()
    assert sorted(renders.log) == ["Cell0", "Cell2"]
    assert harness.texts() == ["1", "0", "1"]


def test_an_effect_writing_a_signal_after_the_commit_renders_in_the_same_flush() -> None:
    from sdk import use_effect, use_signal

    @component
    def Loader() -> Element:
        loaded = use_signal("loading")
        use_effect(lambda: loaded.set("ready"))
        return Text(loaded())

    harness = Harness(Loader())
    harness.flush()
    assert harness.texts() == ["ready"]


def test_a_text_changed_to_none_empties_the_node_as_on_mount() -> None:
    label = signal("hello")

    @component
    def Label() -> Element:
        return View(Text(label()))

    harness = Harness(Label())
    harness.flush()
    label.set(None)  # type: ignore[arg-type]
    harness.flush()
    node = harness.double.children(_panel(harness))[0]
    assert harness.double.text(node) == ""


def _bound_names(harness: Harness) -> list[str]:
    """The names of the bindings the panel's host instance keeps (none disposed)."""
    host = harness.root.scene.nodes[_panel(harness)]
    names, binding = [], host._binds
    while binding is not None:
        names.append(binding.name)
        binding = binding.next_bound
    return names


@pytest.mark.parametrize("dropped", [("opacity",), ("background",), ("width",),
                                     ("opacity", "width"), ("background", "opacity", "width")])
def test_one_node_keeps_its_other_bindings_when_some_are_removed(dropped: tuple[str, ...]
                                                                  ) -> None:
    """A node's bindings are unlinked one by one, whichever of them goes (first bound,
    last bound or between), and the others keep working."""
    sources: dict[str, Any] = {"background": signal("#ff0000"), "opacity": signal(0.5),
                               "width": signal(10)}
    keep = signal(True)

    @component
    def Panel() -> Element:
        return View(**{name: source for name, source in sources.items()
                       if keep() or name not in dropped})

    harness = Harness(Panel())
    harness.flush()
    keep.set(False)
    harness.flush()
    sources["background"].set("#00ff00")
    sources["opacity"].set(0.25)
    sources["width"].set(20)
    counts = opcodes(harness.flush())
    assert counts[Opcode.SET_PROP] == 3 - len(dropped)
    node = _panel(harness)
    shown = {"background": (Prop.BACKGROUND, 0x00FF00FF, 0),
             "opacity": (Prop.OPACITY, 0.25, 1.0), "width": (Prop.WIDTH, (1, 20.0), None)}
    for name, (prop, live, reset) in shown.items():
        value = harness.double.prop(node, prop)
        if name not in dropped:
            assert value == live
        elif reset is not None:
            assert value == reset
    for _ in range(2):  # bound again, then dropped again: one binding per prop
        keep.set(True)
        harness.flush()
        assert all(len(source._observers) == 1 for source in sources.values())
        keep.set(False)
        harness.flush()
        assert [name for name, source in sources.items() if source._observers] == \
            [name for name in sources if name not in dropped]
        assert sorted(_bound_names(harness)) == [n for n in sorted(sources) if n not in dropped]
    harness.root.dispose()
    for source in sources.values():
        assert not source._observers  # every binding left its source
