"""Clearing a list is one `CLEAR_CHILDREN`, and shows exactly what a `REMOVE` per row shows.

Each scenario runs twice on the real engine: as the reconciler sends it, and
with the clear turned off (`_clear_children` patched to refuse), which is the
per-row `REMOVE` path. The engine's dumps (boxes and focus included) and
frame events must be equal, and the command counts tell the two apart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from reconciler_kit import Image, Text, View, opcodes

from renderer import CommandBuffer, Renderer
from renderer.lowlevel import Opcode, iter_commands
from sdk import Deferred, Element, For, Ref, SceneRoot, component
from sdk.reconciler import _instance
from signals import signal

Counts = dict[Opcode, int]


class Run:
    """A SceneRoot on a real engine: every flush applied, acknowledged and framed."""

    def __init__(self, element: Element) -> None:
        self.root = SceneRoot(element)
        self.engine = Renderer()
        self.now = 0.0
        self.events: list[object] = []
        self.flush()

    def flush(self, extra: CommandBuffer | None = None) -> Counts:
        data = self.root.flush()
        if data:
            self.engine.apply(data)
            self.root.acknowledge(self.root.scene.ids.batches)
        if extra is not None:
            self.engine.apply(extra)
        self.now += 16.0
        self.events = self.engine.frame(self.now).events
        return dict(opcodes(data))

    def node_of(self, text: str) -> int:
        """The id of the node whose line in the dump shows `text`."""
        for line in self.engine.dump().splitlines():
            if f'"{text}"' in line:
                return int(line.split("#")[1].split(" ")[0])
        raise LookupError(text)

    def close(self) -> None:
        self.root.dispose()
        self.engine.close()


@pytest.fixture
def per_row_removes(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call to turn the clear off (the reconciler then sends a REMOVE per node)."""
    def off() -> None:
        monkeypatch.setattr(_instance, "_clear_children", lambda *_: False)
    return off


def both(scenario: Callable[[Run], Counts], make: Callable[[], Element],
         per_row_removes: Callable[[], None]) -> tuple[Counts, Counts]:
    """Run `scenario` with the clear and without; the engine must show the same both times.

    `make` builds the app and resets the signals it reads, so both runs start
    alike (and allocate the same node ids).
    """
    runs: list[Run] = []
    try:
        runs.append(Run(make()))
        cleared = scenario(runs[0])
        per_row_removes()
        runs.append(Run(make()))
        removed = scenario(runs[1])
        assert runs[0].engine.dump() == runs[1].engine.dump()
        assert runs[0].events == runs[1].events
    finally:
        for run in runs:
            run.close()
    return cleared, removed


def _rows_app(items: Any, *, sibling: bool = False) -> Callable[[], Element]:
    """A column of focusable rows from a For; `sibling` adds a title next to it."""
    def render(i: int) -> Element:
        return View(Text(f"row {i}"), focusable=True, height=40, key=i)

    start = list(items())

    def make() -> Element:
        items.set(start)

        @component
        def Page() -> Element:
            rows = For(each=items, key=lambda i: i, render=render)
            column = View(Text("title"), rows) if sibling else View(rows)
            return View(column, View(View(focusable=True, height=40), direction="row"),
                        direction="column")
        return Page()
    return make


@pytest.fixture
def items() -> Iterator[Any]:
    yield signal(list(range(6)))


def test_a_for_that_drops_all_its_rows_sends_one_clear(items: Any, per_row_removes: Any) -> None:
    def scenario(run: Run) -> Counts:
        items.set([])
        return run.flush()

    cleared, removed = both(scenario, _rows_app(items), per_row_removes)
    assert cleared == {Opcode.CLEAR_CHILDREN: 1}
    assert removed == {Opcode.REMOVE: 6}


def test_replacing_every_row_clears_then_creates_the_new_rows(items: Any,
                                                              per_row_removes: Any) -> None:
    def scenario(run: Run) -> Counts:
        items.set(list(range(10, 14)))
        return run.flush()

    cleared, removed = both(scenario, _rows_app(items), per_row_removes)
    assert cleared[Opcode.CLEAR_CHILDREN] == 1 and Opcode.REMOVE not in cleared
    assert removed[Opcode.REMOVE] == 6 and Opcode.CLEAR_CHILDREN not in removed
    rest = {op: n for op, n in cleared.items() if op != Opcode.CLEAR_CHILDREN}
    assert rest == {op: n for op, n in removed.items() if op != Opcode.REMOVE}


def test_the_clear_comes_before_the_new_rows() -> None:
    items = signal([1, 2, 3])
    run = Run(_rows_app(items)())
    try:
        items.set([4, 5])
        data = run.root.flush()
        ops = [Opcode(op) for op, _, _ in iter_commands(data)]
        assert ops.index(Opcode.CLEAR_CHILDREN) < ops.index(Opcode.INSERT)
        run.engine.apply(data)
        assert run.engine.dump().count('"row ') == 2
    finally:
        run.close()


def test_a_for_with_a_sibling_still_removes_row_by_row(items: Any) -> None:
    run = Run(_rows_app(items, sibling=True)())
    try:
        items.set([])
        assert run.flush() == {Opcode.REMOVE: 6}
        items.set([1, 2])
        run.flush()
        items.set([3, 4])
        counts = run.flush()
        assert counts[Opcode.REMOVE] == 2 and Opcode.CLEAR_CHILDREN not in counts
        assert '"title"' in run.engine.dump()
    finally:
        run.close()


def test_a_single_row_is_one_remove(items: Any) -> None:
    items.set([7])
    run = Run(_rows_app(items)())
    try:
        items.set([])
        assert run.flush() == {Opcode.REMOVE: 1}
    finally:
        run.close()


def test_focus_in_the_cleared_rows_lands_where_removes_would_put_it(
        items: Any, per_row_removes: Any) -> None:
    def scenario(run: Run) -> Counts:
        row = _parent_of(run, run.node_of("row 3"))
        run.flush(CommandBuffer().focus(row))
        assert _line_of(run, row).endswith(" focused")
        items.set([])
        counts = run.flush()
        run.flush()
        # The nearest node left that can take focus: the one below the rows.
        (focused,) = [line for line in run.engine.dump().splitlines()
                      if line.endswith(" focused")]
        assert focused.startswith("      #") and "height=40 focusable" in focused
        return counts

    cleared, _ = both(scenario, _rows_app(items), per_row_removes)
    assert cleared == {Opcode.CLEAR_CHILDREN: 1}


def _line_of(run: Run, node: int) -> str:
    return next(line for line in run.engine.dump().splitlines()
                if line.strip().startswith(f"#{node} "))


def _parent_of(run: Run, node: int) -> int:
    """The node whose subtree holds `node` one level up (by indentation in the dump)."""
    lines = run.engine.dump().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"#{node} "))
    depth = len(lines[at]) - len(lines[at].lstrip())
    for line in reversed(lines[:at]):
        if len(line) - len(line.lstrip()) < depth:
            return int(line.strip()[1:].split(" ")[0])
    raise LookupError(node)


def test_a_children_diff_that_removes_every_child_sends_one_clear(per_row_removes: Any) -> None:
    items = signal(list(range(5)))

    def make() -> Element:
        items.set(list(range(5)))

        @component
        def Page() -> Element:
            return View(View(*[Text(f"item {i}", key=i) for i in items()]), Text("footer"))
        return Page()

    def scenario(run: Run) -> Counts:
        items.set([])
        return run.flush()

    cleared, removed = both(scenario, make, per_row_removes)
    assert cleared == {Opcode.CLEAR_CHILDREN: 1}
    assert removed == {Opcode.REMOVE: 5}


def test_cleared_ids_wait_for_the_acknowledgement_like_removed_ones() -> None:
    items = signal(list(range(4)))
    root = SceneRoot(_rows_app(items)())
    engine = Renderer()

    def replace(first: int) -> set[int]:
        items.set(list(range(first, first + 4)))
        data = root.flush()
        assert opcodes(data)[Opcode.CLEAR_CHILDREN] == 1
        engine.apply(data)
        return _row_nodes(root)

    try:
        engine.apply(root.flush())
        root.acknowledge(1)
        a = _row_nodes(root)
        b = replace(10)  # batch 2 clears the rows of batch 1
        assert not a & b
        c = replace(20)  # batch 2 is not acknowledged: its cleared ids stay out
        assert not a & c
        root.acknowledge(2)
        d = replace(30)  # now they come back, and batch 3's (b) do not yet
        assert d & a and not d & b
        assert engine.dump().count('"row ') == 4
    finally:
        root.dispose()
        engine.close()


def _row_nodes(root: SceneRoot) -> set[int]:
    return {node for node, host in root.scene.nodes.items()
            if host.element.props.get("focusable") and host.element.key is not None}


def test_bindings_refs_and_images_of_cleared_rows_are_released() -> None:
    colour = signal("#ff0000")
    refs = [Ref() for _ in range(3)]
    images = _Images()
    items = signal([0, 1, 2])

    def render(i: int) -> Element:
        return View(View(background=lambda: colour(), ref=refs[i]),
                    Image(src=f"poster{i}.png"), key=i)

    root = SceneRoot(View(For(each=items, key=lambda i: i, render=render)), images=images)
    try:
        root.flush()
        assert all(ref.node for ref in refs) and images.held == 3
        items.set([])
        assert opcodes(root.flush()) == {Opcode.CLEAR_CHILDREN: 1}
        assert [ref.node for ref in refs] == [None, None, None]
        assert images.held == 0
        colour.set("#00ff00")
        assert root.flush() == b""  # the rows' bindings are gone
        assert not root.scene.nodes.keys() - {_only_view(root)}
    finally:
        root.dispose()


def _only_view(root: SceneRoot) -> int:
    (node,) = root.scene.nodes
    return node


class _Images:
    """An image source that counts what is held."""

    def __init__(self) -> None:
        self.held = 0

    def acquire(self, src: str) -> int:
        self.held += 1
        return self.held

    def release(self, image: int) -> None:
        self.held -= 1


def test_crash_recovery_replays_the_scene_after_a_clear(items: Any) -> None:
    run = Run(_rows_app(items)())
    try:
        items.set([])
        run.flush()
        items.set([40, 41])
        run.flush()
        items.set([50, 51, 52])
        assert run.flush()[Opcode.CLEAR_CHILDREN] == 1
        fresh = Renderer()
        try:
            fresh.apply(run.root.rebuild_commands())
            fresh.frame(run.now)
            assert fresh.dump() == run.engine.dump()
            items.set([])  # the next flush continues from the rebuilt scene
            data = run.root.flush()
            assert opcodes(data) == {Opcode.CLEAR_CHILDREN: 1}
            fresh.apply(data)
            run.engine.apply(data)
            assert fresh.dump() == run.engine.dump()
        finally:
            fresh.close()
    finally:
        run.close()


def test_a_deferred_fallback_next_to_the_rows_keeps_removes() -> None:
    gate: asyncio.Future[None] | None = None

    @component
    async def Slow() -> Element:
        assert gate is not None
        await gate
        return Text("late")

    async def main() -> None:
        nonlocal gate
        gate = asyncio.get_running_loop().create_future()
        items = signal([1, 2, 3])
        row = lambda i: Text(f"row {i}")  # noqa: E731
        root = SceneRoot(View(For(each=items, key=lambda i: i, render=row),
                              Deferred(Slow(), fallback=Text("loading"))))
        engine = Renderer()
        try:
            engine.apply(root.flush())
            await asyncio.sleep(0)  # Slow's task starts (and waits on the gate)
            assert '"loading"' in engine.dump()
            items.set([])
            data = root.flush()
            assert opcodes(data) == {Opcode.REMOVE: 3}
            engine.apply(data)
            assert '"loading"' in engine.dump() and '"row' not in engine.dump()
        finally:
            gate.cancel()
            root.dispose()
            engine.close()

    asyncio.run(main())


@pytest.mark.parametrize("shown", [0, 1, 2])
def test_a_for_alone_in_its_parent_clears_only_when_two_rows_show_nodes(shown: int) -> None:
    """Rows that show nothing (a render of None) do not count: none shown sends
    nothing, one shown sends its REMOVE, two or more one CLEAR_CHILDREN."""
    items = signal(list(range(5)))

    def render(i: int) -> Element | None:
        return View(Text(f"row {i}"), key=i) if i < shown else None

    harness_root = SceneRoot(View(For(each=items, key=lambda i: i, render=render)))
    harness_root.flush()
    items.set([])
    counts = opcodes(harness_root.flush())
    expected = {0: {}, 1: {Opcode.REMOVE: 1}, 2: {Opcode.CLEAR_CHILDREN: 1}}[shown]
    assert dict(counts) == expected
    harness_root.dispose()
