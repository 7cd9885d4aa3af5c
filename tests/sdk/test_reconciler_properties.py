"""Property-based: incremental updates equal a fresh render; the double equals the engine.

Random element trees are described by hashable specs (so a component whose
spec did not change is not re-rendered, as in an app) and built into elements
by `build`. A root component renders the spec held in a signal; each step sets
a new spec, flushes, and applies the batch to a `SceneDouble` and to the real
Wasm engine. After every step:

* the double's dump (ids erased) equals a fresh `SceneRoot` rendering the
  same spec (incremental == from scratch);
* the engine's structure-only dump equals the double's (same command stream,
  same ids), so the double cannot drift;
* (live trees) `rebuild_commands()` on a fresh scene gives the same dump.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reconciler_kit import Harness, Text, View, fresh_shape, opcodes

from renderer import Renderer
from renderer.lowlevel import Opcode
from renderer.testing import SceneDouble
from sdk import Element, For, Fragment, Show, component, use_signal
from signals import signal

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# specs --------------------------------------------------------------------------------

_VIEW_PROPS = {
    "background": ["#ff0000", "#00ff00", "#102030"],
    "width": [40, 120, "50%"],
    "padding": [0, 6, (2, 8)],
    "direction": ["row", "column"],
    "gap": [0, 8],
    "opacity": [0.5, 1.0],
    "focusable": [True, False],
    "label": ["alpha", "beta"],
    "focused_style": [{"background": "#ffffff"}],
}
_TEXT_PROPS = {
    "size": [20, 32],
    "color": ["#ffffff", "#ff8800"],
    "max_lines": [1, 2],
    "test_id": ["t1", "t2"],
}


def _props(table: dict[str, list[Any]]) -> st.SearchStrategy[tuple[tuple[str, int], ...]]:
    """Props as (name, index into the table) pairs (hashable, shrinkable)."""
    items = st.sampled_from(sorted(table)).flatmap(
        lambda name: st.tuples(st.just(name), st.integers(0, len(table[name]) - 1)))
    return st.lists(items, max_size=3, unique_by=lambda p: p[0]).map(tuple)


_KEYS = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d", 1, 2]))
_TEXTS = st.sampled_from(["", "x", "hello", "row", "longer text"])

_leaf = st.one_of(
    st.tuples(st.just("text"), _TEXTS, _props(_TEXT_PROPS), _KEYS),
    st.tuples(st.just("for"), st.lists(st.integers(0, 6), unique=True, max_size=5).map(tuple),
              st.just(None)),
)


def _unique_keys(children: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
    seen: set[Any] = set()
    out = []
    for child in children:
        key = child[-1]
        if key is not None and key in seen:
            child = (*child[:-1], None)
        elif key is not None:
            seen.add(key)
        out.append(child)
    return tuple(out)


def _extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    kids = st.lists(children, max_size=4).map(_unique_keys)
    return st.one_of(
        st.tuples(st.just("view"), _props(_VIEW_PROPS), kids, _KEYS),
        st.tuples(st.just("comp"), children, _KEYS),
        st.tuples(st.just("frag"), kids, _KEYS),
        st.tuples(st.just("show"), st.booleans(), kids, _KEYS),
    )


trees = st.recursive(_leaf, _extend, max_leaves=10)
"""A random spec tree."""


def _resolve(table: dict[str, list[Any]], props: tuple[tuple[str, int], ...]) -> dict[str, Any]:
    return {name: table[name][index] for name, index in props}


@component
def Box(spec: Any = None) -> Element:
    """A component: renders its spec (not re-rendered while the spec is equal)."""
    return build(spec)


def _row(i: int) -> Element:
    return View(Text(f"r{i}"), Text("·"), direction="row")


def build(spec: Any) -> Element:
    """The element a spec describes."""
    kind = spec[0]
    if kind == "text":
        _, text, props, key = spec
        return Text(text, key=key, **_resolve(_TEXT_PROPS, props))
    if kind == "for":
        return For(each=list(spec[1]), key=lambda i: i, render=_row)
    if kind == "view":
        _, props, kids, key = spec
        return View(*[build(k) for k in kids], key=key, **_resolve(_VIEW_PROPS, props))
    if kind == "comp":
        _, child, key = spec
        return Box(spec=child, key=key)
    if kind == "frag":
        _, kids, key = spec
        return Fragment(*[build(k) for k in kids], key=key)
    if kind == "show":
        _, when, kids, key = spec
        return Show(*[build(k) for k in kids], when=when, fallback=Text("fallback"), key=key)
    raise AssertionError(spec)


class Run:
    """The app under test: one root component rendering `state`, mirrored to both scenes."""

    def __init__(self, first: Any) -> None:
        self.state = signal(first)
        state = self.state

        @component
        def App() -> Element:
            return View(build(state()), direction="column")

        self.harness = Harness(App())
        self.engine = Renderer()
        self.step()

    def step(self) -> bytes:
        data = self.harness.flush()
        if data:
            self.engine.apply(data)
        return data

    def check(self, spec: Any) -> None:
        expected = fresh_shape(View(build(spec), direction="column"))
        assert self.harness.shape() == expected
        assert self.engine.dump(structure_only=True) == self.harness.dump()

    def close(self) -> None:
        self.engine.close()


@SETTINGS
@given(st.lists(trees, min_size=2, max_size=5))
def test_an_incremental_update_equals_a_fresh_render_on_random_trees(specs: list[Any]) -> None:
    run = Run(specs[0])
    try:
        run.check(specs[0])
        for spec in specs[1:]:
            run.state.set(spec)
            run.step()
            run.check(spec)
    finally:
        run.close()


# keyed lists ----------------------------------------------------------------------------

_lists = st.lists(st.integers(0, 30), unique=True, max_size=25)


def _lis_length(values: list[int]) -> int:
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def _children_list(items: Any) -> Element:
    @component
    def List() -> Element:
        return View(*[Text(f"item {i}", key=i) for i in items()])

    return List()


def _for_list(items: Any) -> Element:
    @component
    def List() -> Element:
        return View(For(each=items, key=lambda i: i, render=lambda i: Text(f"item {i}")))

    return List()


@SETTINGS
@given(st.lists(_lists, min_size=2, max_size=6), st.booleans())
def test_random_keyed_list_edits_use_the_minimum_commands_and_equal_a_fresh_render(
        lists: list[list[int]], use_for: bool) -> None:
    make = _for_list if use_for else _children_list
    items = signal(lists[0])
    harness = Harness(make(items))
    engine = Renderer()
    try:
        engine.apply(harness.flush())
        for new in lists[1:]:
            old = items()
            items.set(new)
            data = harness.flush()
            if data:
                engine.apply(data)
            kept = [k for k in new if k in old]
            added = [k for k in new if k not in old]
            removed = [k for k in old if k not in new]
            moves = len(kept) - _lis_length([old.index(k) for k in kept])
            counts = opcodes(data)
            assert counts[Opcode.INSERT] == moves + len(added)
            assert counts[Opcode.CREATE] == len(added)
            if removed == old and len(old) >= 2:  # every node of the parent goes
                assert (counts[Opcode.CLEAR_CHILDREN], counts[Opcode.REMOVE]) == (1, 0)
            else:
                assert counts[Opcode.CLEAR_CHILDREN] == 0
                assert counts[Opcode.REMOVE] == len(removed)
            assert harness.texts() == [f"item {i}" for i in new]
            assert harness.shape() == fresh_shape(make(signal(new)))
            assert engine.dump(structure_only=True) == harness.dump()
    finally:
        engine.close()


@SETTINGS
@given(st.permutations(list(range(12))))
def test_a_random_permutation_is_only_moves_n_minus_lis_of_them(order: list[int]) -> None:
    items = signal(list(range(12)))
    harness = Harness(_for_list(items))
    harness.flush()
    items.set(list(order))
    data = harness.flush()
    expected = 12 - _lis_length(list(order))
    if expected:
        assert opcodes(data) == {Opcode.INSERT: expected}
    else:
        assert data == b""
    assert harness.texts() == [f"item {i}" for i in order]


@pytest.mark.parametrize("pair", [(i, j) for i in range(6) for j in range(i + 1, 6)])
@pytest.mark.parametrize("hidden", [(), (0,), (2, 3), (5,)])
def test_two_rows_trading_places_is_one_or_two_moves(pair: tuple[int, int],
                                                     hidden: tuple[int, ...]) -> None:
    # The swap fast path: rows that show nothing (`hidden`) have no node to move.
    def render(i: int) -> Element | None:
        return None if i in hidden else Text(f"item {i}")

    @component
    def List() -> Element:
        return View(For(each=items, key=lambda i: i, render=render))

    items = signal(list(range(6)))
    harness = Harness(List())
    engine = Renderer()
    try:
        engine.apply(harness.flush())
        order = list(range(6))
        i, j = pair
        order[i], order[j] = order[j], order[i]
        items.set(order)
        data = harness.flush()
        shown = [k for k in order if k not in hidden]
        before = [k for k in range(6) if k not in hidden]
        moves = len(shown) - _lis_length([before.index(k) for k in shown])
        assert opcodes(data) == ({Opcode.INSERT: moves} if moves else {})
        if data:
            engine.apply(data)
        assert harness.texts() == [f"item {k}" for k in shown]
        assert engine.dump(structure_only=True) == harness.dump()
    finally:
        engine.close()


# fine-grained state mixed with re-renders ------------------------------------------------

SIGNALS = [signal(0) for _ in range(3)]
_COLOURS = ["#ff0000", "#00ff00", "#0000ff"]


@component
def Dyn(index: int = 0, even: Any = None, odd: Any = None) -> Element:
    """A component whose output depends on a signal it reads while rendering."""
    return build_live(even if SIGNALS[index]() % 2 == 0 else odd)


def _reactive_text(index: int) -> Any:
    return lambda: f"s{index}={SIGNALS[index]()}"


def _reactive_colour(index: int) -> Any:
    return lambda: _COLOURS[SIGNALS[index]() % 3]


def build_live(spec: Any) -> Element:
    """`build` plus reactive texts, reactive props and signal-reading components."""
    kind = spec[0]
    if kind == "rtext":
        _, index, key = spec
        return Text(_reactive_text(index), key=key)
    if kind == "rview":
        _, index, kids, key = spec
        return View(*[build_live(k) for k in kids], key=key, background=_reactive_colour(index))
    if kind == "dyn":
        _, index, even, odd, key = spec
        return Dyn(index=index, even=even, odd=odd, key=key)
    if kind == "view":
        _, props, kids, key = spec
        return View(*[build_live(k) for k in kids], key=key, **_resolve(_VIEW_PROPS, props))
    if kind == "frag":
        _, kids, key = spec
        return Fragment(*[build_live(k) for k in kids], key=key)
    if kind == "rshow":
        _, index, kids, key = spec
        return Show(*[build_live(k) for k in kids], when=lambda: SIGNALS[index]() % 2 == 1,
                    fallback=Text("off"), key=key)
    if kind == "rfor":
        _, index, _ = spec
        return For(each=lambda: _LIVE_ITEMS[SIGNALS[index]() % len(_LIVE_ITEMS)],
                   render=lambda i: View(Text(_reactive_text(i % len(SIGNALS))), Text(f"{i}")))
    return build(spec)


_LIVE_ITEMS = [[1, 2, 3], [3, 1], [], [2, 4, 1, 3, 5], [5, 4, 3, 2, 1]]


_index = st.integers(0, len(SIGNALS) - 1)
_live_leaf = st.one_of(_leaf, st.tuples(st.just("rtext"), _index, _KEYS),
                       st.tuples(st.just("rfor"), _index, st.none()))


def _live_extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    kids = st.lists(children, max_size=4).map(_unique_keys)
    return st.one_of(
        st.tuples(st.just("view"), _props(_VIEW_PROPS), kids, _KEYS),
        st.tuples(st.just("rview"), _index, kids, _KEYS),
        st.tuples(st.just("dyn"), _index, children, children, _KEYS),
        st.tuples(st.just("rshow"), _index, kids, _KEYS),
        st.tuples(st.just("frag"), kids, _KEYS),
    )


live_trees = st.recursive(_live_leaf, _live_extend, max_leaves=10)
_steps = st.lists(st.one_of(
    st.tuples(st.just("spec"), live_trees),
    st.tuples(st.just("write"), _index, st.integers(0, 5)),
), min_size=1, max_size=6)


@SETTINGS
@given(live_trees, _steps)
def test_signal_writes_mixed_with_new_trees_equal_a_fresh_render(first: Any,
                                                                  steps: list[Any]) -> None:
    for s in SIGNALS:
        s.set(0)
    state = signal(first)

    @component
    def App() -> Element:
        return View(build_live(state()), direction="column")

    harness = Harness(App())
    engine = Renderer()
    try:
        engine.apply(harness.flush())
        for step in steps:
            if step[0] == "spec":
                state.set(step[1])
            else:
                SIGNALS[step[1]].set(step[2])
            data = harness.flush()
            if data:
                engine.apply(data)
            expected = fresh_shape(View(build_live(state()), direction="column"))
            assert harness.shape() == expected
            assert engine.dump(structure_only=True) == harness.dump()
        rebuilt = SceneDouble()  # what a fresh engine gets after a crash
        rebuilt.apply(harness.root.rebuild_commands())
        assert rebuilt.dump() == harness.dump()
    finally:
        harness.root.dispose()
        engine.close()


# state follows keys -----------------------------------------------------------------------

_ops = st.lists(st.one_of(
    st.tuples(st.just("list"), _lists),
    st.tuples(st.just("bump"), st.integers(0, 30)),
), min_size=1, max_size=8)


@SETTINGS
@given(_lists, _ops)
def test_component_state_follows_its_key_through_random_list_edits(first: list[int],
                                                                    ops: list[Any]) -> None:
    items = signal(first)
    counters: dict[int, Any] = {}

    @component
    def Row(n: int = 0) -> Element:
        count = use_signal(0)
        counters[n] = count
        return Text(lambda: f"{n}:{count()}")

    @component
    def List() -> Element:
        return View(*[Row(n=n, key=n) for n in items()])

    harness = Harness(List())
    harness.flush()
    expected = dict.fromkeys(first, 0)
    for op in ops:
        if op[0] == "list":
            items.set(op[1])
            expected = {n: expected.get(n, 0) for n in op[1]}  # a re-added key starts at 0
        elif op[1] in expected:
            counters[op[1]].set(counters[op[1]]() + 1)
            expected[op[1]] += 1
        harness.flush()
        assert harness.texts() == [f"{n}:{expected[n]}" for n in items()]
    harness.root.dispose()
