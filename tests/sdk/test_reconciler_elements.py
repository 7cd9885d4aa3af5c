"""Elements, components and the props diff (issue 4, section 1)."""

from __future__ import annotations

import attrs
import pytest
from reconciler_kit import Harness, Renders, Text, View, fresh_shape, opcodes

from renderer import Prop
from renderer.lowlevel import PROP_BY_ID, Opcode
from sdk import Element, HostPropError, component
from signals import signal


def test_an_element_is_an_immutable_value_of_type_props_children_and_key() -> None:
    child = Text("a")
    element = View(child, key="k", gap=4)
    assert element.type.name == "View"
    assert element.props == {"gap": 4}
    assert element.children == (child,)
    assert element.key == "k"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        element.key = "other"  # type: ignore[misc]


def test_children_are_positional_and_nested_lists_and_none_are_flattened() -> None:
    a, b, c = Text("a"), Text("b"), Text("c")
    element = View([a, [b, None]], False, (x for x in [c]), None)
    assert element.children == (a, b, c)


def test_a_string_child_is_an_error_that_says_to_wrap_it_in_text() -> None:
    with pytest.raises(TypeError, match=r"Text\('hello'\)"):
        View("hello")


def test_calling_a_component_builds_an_element_without_running_the_body() -> None:
    ran = []

    @component
    def Card(title: str = "") -> Element:
        ran.append(title)
        return Text(title)

    element = Card(title="x")
    assert isinstance(element, Element) and element.type is Card
    assert element.props == {"title": "x"}
    assert ran == []


def test_an_unknown_prop_fails_at_the_call_site_naming_the_prop() -> None:
    @component
    def Card(title: str = "") -> Element:
        return Text(title)

    with pytest.raises(TypeError, match="'titel'"):
        Card(titel="x")
    with pytest.raises(TypeError, match=r"'backgroud'.*background"):
        View(backgroud="#fff")


def test_a_bad_prop_value_names_the_prop() -> None:
    harness = Harness(View(direction="diagonal"))
    with pytest.raises(Exception) as info:
        harness.flush()
    assert "direction" in repr(info.value.__cause__ or info.value)
    assert isinstance(info.value.__cause__ or info.value, HostPropError)


def _switchable(state: object) -> Harness:
    @component
    def App() -> Element:
        return state()  # type: ignore[operator, no-any-return]

    harness = Harness(App())
    harness.flush()
    return harness


def test_only_changed_props_become_commands() -> None:
    state = signal(View(Text("a"), background="#ff0000", width=100, height=50, gap=8))
    harness = _switchable(state)
    view = harness.double.children(harness.double.root)[0]
    state.set(View(Text("a"), background="#00ff00", width=100, height=50, gap=8))
    data = harness.flush()
    assert opcodes(data) == {Opcode.SET_PROP: 1}
    assert harness.double.prop(view, Prop.BACKGROUND) == 0x00FF00FF
    state.set(View(Text("a"), background="#00ff00", width=100, height=50, gap=8))
    assert harness.flush() == b""


def test_a_removed_prop_goes_back_to_its_default() -> None:
    state = signal(View(Text("a", size=50, color="#ff0000"), background="#ff0000", padding=20))
    harness = _switchable(state)
    state.set(View(Text("a", size=50), padding=20))
    data = harness.flush()
    assert Opcode.CREATE not in opcodes(data)
    view = harness.double.children(harness.double.root)[0]
    spec = PROP_BY_ID[int(Prop.BACKGROUND)]
    assert harness.double.prop(view, Prop.BACKGROUND) == spec.default
    assert harness.shape() == fresh_shape(View(Text("a", size=50), padding=20))


def test_a_prop_set_to_none_goes_back_to_its_default() -> None:
    state = signal(View(width=300, background="#123456"))
    harness = _switchable(state)
    state.set(View(width=None, background="#123456"))
    harness.flush()
    assert harness.shape() == fresh_shape(View(background="#123456"))


def test_a_changed_type_replaces_the_node() -> None:
    state = signal(View(View(key="x"), Text("after")))
    harness = _switchable(state)
    outer = harness.double.children(harness.double.root)[0]
    old_first = harness.double.children(outer)[0]
    state.set(View(Text("now text", key="x"), Text("after")))
    data = harness.flush()
    counts = opcodes(data)
    assert counts[Opcode.CREATE] == 1 and counts[Opcode.REMOVE] == 1
    assert old_first not in harness.double
    assert harness.texts() == ["now text", "after"]


def test_a_changed_key_replaces_the_node() -> None:
    state = signal(View(Text("a", key=1)))
    harness = _switchable(state)
    outer = harness.double.children(harness.double.root)[0]
    old = harness.double.children(outer)[0]
    state.set(View(Text("a", key=2)))
    data = harness.flush()
    assert opcodes(data)[Opcode.REMOVE] == 1
    new = harness.double.children(outer)[0]
    assert new != old and old not in harness.double


def test_unkeyed_children_are_matched_by_position() -> None:
    state = signal(View(Text("a"), Text("b")))
    harness = _switchable(state)
    outer = harness.double.children(harness.double.root)[0]
    before = harness.double.children(outer)
    state.set(View(Text("b"), Text("a"), Text("c")))
    data = harness.flush()
    counts = opcodes(data)
    # Position 0 and 1 are updated in place (two texts), position 2 is created.
    assert counts[Opcode.CREATE] == 1 and counts[Opcode.REMOVE] == 0
    assert counts[Opcode.SET_TEXT] == 3
    assert harness.double.children(outer)[:2] == before
    assert harness.texts() == ["b", "a", "c"]


def test_a_child_component_with_unchanged_props_is_not_re_rendered() -> None:
    renders = Renders()
    tick = signal(0)

    @component
    def Child(label: str = "") -> Element:
        renders("Child")
        return Text(label)

    @component
    def Parent() -> Element:
        renders("Parent")
        return View(Text(str(tick())), Child(label="same"))

    harness = Harness(Parent())
    harness.flush()
    tick.set(1)
    harness.flush()
    assert renders.log == ["Parent", "Child", "Parent"]
    assert harness.texts() == ["1", "same"]


def test_a_child_component_with_changed_props_re_renders() -> None:
    renders = Renders()
    tick = signal(0)

    @component
    def Child(label: str = "") -> Element:
        renders("Child")
        return Text(label)

    @component
    def Parent() -> Element:
        return View(Child(label=f"n={tick()}"))

    harness = Harness(Parent())
    harness.flush()
    tick.set(1)
    harness.flush()
    assert renders.count("Child") == 2
    assert harness.texts() == ["n=1"]


def test_a_component_may_return_none_a_list_or_another_component() -> None:
    @component
    def Nothing() -> None:
        return None

    @component
    def Pair() -> list[Element]:
        return [Text("1"), Text("2")]

    @component
    def Outer() -> Element:
        return Pair()

    harness = Harness(View(Nothing(), Outer(), Text("3")))
    harness.flush()
    assert harness.texts() == ["1", "2", "3"]


def test_a_component_returning_a_non_element_is_an_error_naming_it() -> None:
    @component
    def Broken() -> int:
        return 42

    harness = Harness(Broken())
    with pytest.raises(Exception, match="Broken"):
        harness.flush()


def test_children_reach_a_component_through_its_children_parameter() -> None:
    @component
    def Card(children: tuple[Element, ...] = (), title: str = "") -> Element:
        return View(Text(title), *children)

    harness = Harness(Card(Text("body"), title="head"))
    harness.flush()
    assert harness.texts() == ["head", "body"]
    with pytest.raises(TypeError, match="takes none"):
        Text_only = component(lambda: None)
        Text_only(Text("x"))
