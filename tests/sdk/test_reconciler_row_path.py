"""The row path: `host_element`, `Element` and the template match.

The compiled build runs these in C (`sdk/reconciler/_speedups.pyx`), the pure
build in Python; `./dev test` runs this file on both, so both must give these
results, errors included.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

import attrs
import pytest

import sdk
from sdk import IMAGE, TEXT, VIEW, Element, host_element
from sdk.reconciler._templates import _NO_EXTRA, _baked, _shape, _Template


def _row(label: str, size: object = 24, background: object = None,
         extra: dict[str, object] | None = None) -> Element:
    text = host_element(TEXT, (), {"text": label, "size": size, "color": "#fff", **(extra or {})},
                        None)
    icon = host_element(VIEW, (), {"width": 20, "height": 20}, None)
    return host_element(VIEW, (text, icon), {"direction": "row", "height": 40,
                                             "background": background}, None)


def _template(first: Element) -> _Template:
    flat: list[Element] = []
    assert _shape(first, flat) is not None
    return _Template(1, flat, [_baked(el) for el in flat])


def _match(template: _Template, element: Element) -> tuple[bool, list[Element], list[object]]:
    flat: list[Element] = []
    extras: list[object] = []
    matched = template.match(element, flat, extras)
    return matched, flat, extras


def test_the_c_twins_run_only_on_the_compiled_build() -> None:
    from sdk.reconciler import _component, _element, _host, _native, _strings, _templates

    built = sdk.build_info()["build"] == "compiled"
    assert (_native.speedups is not None) == built
    c_module = "sdk.reconciler._speedups"
    assert (_element.Element.__mro__[1].__module__ == c_module) == built
    assert (_component.host_element.__module__ == c_module) == built
    assert (_strings.StringTable.__module__ == c_module) == built
    assert (_host.changed_offsets.__module__ == c_module) == built
    assert (_host.inner_props_are_plain.__module__ == c_module) == built
    assert (_templates.set_inner_texts.__module__ == c_module) == built
    assert (_templates._c_match is not None) == built
    assert (_templates.instantiate_copy is not None) == built
    assert (_host._c_diff_copy is not None) == (_host._c_send_changed_texts is not None) == built
    assert (_element.same_closure is not _element.pure_same_closure) == built


@pytest.mark.parametrize("before", [None, 9, 0xFFFFFFFF])
def test_a_copys_instantiate_and_insert_are_the_encoders_bytes(before: int | None) -> None:
    """The compiled build writes a copy's INSTANTIATE and INSERT itself: the same bytes
    as `CommandBuffer` (the pure build calls it), and an id out of range is refused."""
    from renderer import CommandBuffer
    from sdk.reconciler import _templates

    expected = CommandBuffer().instantiate(3, 40).insert(2, 40, before)
    write = _templates.instantiate_copy
    if write is None:  # (pure Python: the buffer's own methods, as above)
        assert sdk.build_info()["build"] != "compiled"
        return
    buf = CommandBuffer()
    write(buf, 3, 40, 2, before)
    assert buf.getvalue() == expected.getvalue()
    assert buf.command_count == expected.command_count == 2
    for bad in ((0, 40, 2, before), (3, 2**32, 2, before), (3, 40, -1, before),
                (3, 40, 2, 0), (3, 40, 2, 2**32)):
        with pytest.raises(ValueError, match="out of range"):
            write(buf, *bad)
    assert buf.getvalue() == expected.getvalue()  # nothing written by a refused call


# host_element and Element --------------------------------------------------------------


def test_host_element_keeps_element_children_and_props_as_given() -> None:
    leaf = host_element(TEXT, (), {"text": "a"}, "k")
    children = (leaf, host_element(VIEW, (), {}, None))
    props = {"direction": "row"}
    row = host_element(VIEW, children, props, 7)
    assert (row.type, row.props, row.children, row.key) == (VIEW, props, children, 7)
    assert row.children is children and row.props is props
    assert (leaf.type, leaf.children, leaf.key) == (TEXT, (), "k")


def test_host_element_flattens_lists_and_drops_none() -> None:
    a, b = host_element(TEXT, (), {"text": "a"}, None), host_element(TEXT, (), {"text": "b"}, None)
    row = host_element(VIEW, ([a, None], False, (b,)), {}, None)  # type: ignore[arg-type]
    assert row.children == (a, b)
    from_list = host_element(VIEW, [a, b], {}, None)  # type: ignore[arg-type]
    assert from_list.children == (a, b) and type(from_list.children) is tuple


def test_host_element_errors_name_the_element_and_the_prop() -> None:
    with pytest.raises(TypeError,
                       match="View\\(\\) got an unknown prop 'backgrond'; did you mean background"):
        host_element(VIEW, (), {"backgrond": "#fff"}, None)
    with pytest.raises(TypeError, match="Text\\(\\) got an unknown prop 'sise'"):
        host_element(TEXT, (), MappingProxyType({"sise": 3}), None)  # type: ignore[arg-type]
    leaf = host_element(TEXT, (), {"text": "a"}, None)
    with pytest.raises(TypeError, match="Image\\(\\) takes no child elements, got 1"):
        host_element(IMAGE, (leaf,), {}, None)
    with pytest.raises(TypeError, match="got the string 'oops' as a child"):
        host_element(VIEW, ("oops",), {}, None)  # type: ignore[arg-type]


def test_elements_are_frozen_on_either_build() -> None:
    element = host_element(TEXT, (), {"text": "a"}, None)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        element.key = 3  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del element.props  # type: ignore[misc]
    assert element.key is None
    assert repr(element) == "<Text text='a' (0 children)>"
    assert isinstance(element, Element) and element.type_name == "Text"


# the template match --------------------------------------------------------------------


def test_a_copy_matches_and_splits_its_per_copy_props() -> None:
    template = _template(_row("first"))
    bound: Callable[[], object] = lambda: "#123"  # noqa: E731
    copy = _row("second", background=bound)
    matched, flat, extras = _match(template, copy)
    assert matched
    assert flat == [copy, copy.children[0], copy.children[1]]
    assert extras == [[("background", bound)], [("text", "second")], []]
    assert extras[2] is _NO_EXTRA  # a node with nothing per copy shares one empty list


def test_carried_values_compare_by_equality_when_not_identical() -> None:
    template = _template(_row("first", size=24))
    assert _match(template, _row("x", size=24.0))[0]
    assert not _match(template, _row("x", size=25))[0]


def test_a_carried_prop_missing_bound_or_added_is_not_a_copy() -> None:
    template = _template(_row("first"))
    assert not _match(template, _row("x", size=None))[0]  # missing (None is no value)
    assert not _match(template, _row("x", size=lambda: 24))[0]  # bound now
    assert not _match(template, _row("x", extra={"max_lines": 2}))[0]  # a new static prop
    assert _match(template, _row("x", extra={"test_id": "t"}))[0]  # per copy: fine


def test_props_in_another_order_match_the_same() -> None:
    template = _template(_row("first"))  # (the compiled match walks the first row's order)
    text = host_element(TEXT, (), {"color": "#fff", "size": 24, "text": "x"}, None)
    icon = host_element(VIEW, (), {"height": 20, "width": 20}, None)
    bound: Callable[[], object] = lambda: "#123"  # noqa: E731
    copy = host_element(VIEW, (text, icon), {"background": bound, "height": 40,
                                             "direction": "row"}, None)
    matched, flat, extras = _match(template, copy)
    assert matched
    assert flat == [copy, text, icon]
    assert extras == [[("background", bound)], [("text", "x")], []]


def test_a_prop_the_template_left_out_for_being_none_is_refused_as_a_plain_value() -> None:
    template = _template(_row("first"))  # background None: not carried
    assert not _match(template, _row("x", background="#123"))[0]
    assert _match(template, _row("x", background=None))[0]


def test_shape_changes_are_not_copies() -> None:
    template = _template(_row("first"))
    text = host_element(TEXT, (), {"text": "x", "size": 24, "color": "#fff"}, None)
    fewer = host_element(VIEW, (text,), {"direction": "row", "height": 40}, None)
    assert not _match(template, fewer)[0]
    as_image = host_element(VIEW, (text, host_element(IMAGE, (), {"width": 20, "height": 20},
                                                       None)),
                            {"direction": "row", "height": 40}, None)
    assert not _match(template, as_image)[0]
    deeper = host_element(VIEW, (text, host_element(VIEW, (text,), {"width": 20, "height": 20},
                                                     None)),
                          {"direction": "row", "height": 40}, None)
    assert not _match(template, deeper)[0]


def test_a_props_mapping_that_is_not_a_dict_matches_the_same() -> None:
    template = _template(_row("first"))
    copy = _row("second")
    proxied = Element(copy.type, MappingProxyType(dict(copy.props)), copy.children, None)
    matched, flat, extras = _match(template, proxied)
    assert matched and flat[0] is proxied
    assert extras == [[], [("text", "second")], []]
    flat = [copy]  # what the caller had before stays, whichever path decided
    assert template.match(proxied, flat, []) and flat[0] is copy and len(flat) == 4


# a lazy copy's update ------------------------------------------------------------------


class _Unequal:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing me")

    __hash__ = object.__hash__


def test_changed_offsets_lists_the_inner_nodes_whose_per_copy_props_differ() -> None:
    from sdk.reconciler._host import changed_offsets

    def handler() -> None: ...

    odd = _Unequal()
    before: list[list[tuple[str, object]]] = [
        [("background", "x")], [("text", "a")], [("on_press", handler)], [("label", 1)],
        [("text", "b")], [("label", odd)], [], [("text", "c")]]
    after: list[list[tuple[str, object]]] = [
        [("background", "y")],  # the root (offset 0) is not an inner node
        [("text", "a")],  # equal
        [("on_press", handler)],  # the same handler
        [("label", 1.0)],  # equal but of another type: sent again
        [("test_id", "b")],  # another prop
        [("label", odd)],  # the very same object: unchanged, never compared
        [("text", "new")],  # one more prop
        [("text", "d")]]  # changed
    assert changed_offsets(before, after) == [3, 4, 6, 7]
    after[5] = [("label", _Unequal())]  # a comparison that raises counts as a change
    after[2] = [("on_press", lambda: None)]  # another handler object
    assert changed_offsets(before, after) == [2, 3, 4, 5, 6, 7]
    assert changed_offsets(before, before) == []


def test_a_copys_inner_texts_are_set_and_the_rest_left_to_python() -> None:
    from renderer import CommandBuffer
    from sdk.reconciler._host import inner_props_are_plain
    from sdk.reconciler._strings import StringTable
    from sdk.reconciler._templates import set_inner_texts

    def handler() -> None: ...

    extras: list[list[tuple[str, object]]] = [
        [("background", lambda: "#fff")],  # the root's: not an inner node
        [("text", "hello")], [], [("text", "")], [("text", "x"), ("label", "X")],
        [("on_press", handler)], [("text", 42)]]
    table, buf = StringTable(), CommandBuffer()
    assert set_inner_texts(extras, 100, table, buf) == [4, 5, 6]
    want = CommandBuffer().define_string(1, "hello").set_text(101, 1).set_text(103, 0)
    assert buf.getvalue() == want.getvalue() and buf.command_count == 3
    assert inner_props_are_plain(extras)
    assert not inner_props_are_plain([*extras, [("text", lambda: "bound")]])
    assert not inner_props_are_plain([[], [("src", "a.png")]])
    assert inner_props_are_plain([[("src", "a.png")], []])  # the root may carry anything
