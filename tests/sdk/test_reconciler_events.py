"""Events and refs, driven through the real Wasm engine (KEY commands in, events out)."""

from __future__ import annotations

from typing import Any

import pytest
from reconciler_kit import Text, View

from renderer import (
    BlurEvent,
    CommandBuffer,
    FocusEvent,
    Key,
    KeyEvent,
    LayoutEvent,
    PressEvent,
    Renderer,
)
from sdk import Element, Ref, SceneRoot, component, use_ref
from sdk.runtime import AppHalf, DirectTransport, RendererHalf
from signals import Effect, create_root, signal


class Engine:
    """A SceneRoot wired to a real renderer: flush -> apply -> frame -> handle_events."""

    def __init__(self, element: Element) -> None:
        self.root = SceneRoot(element)
        self.renderer = Renderer()
        self.transport = DirectTransport(AppHalf(self.root), RendererHalf(self.renderer))
        self.now = 0.0
        self.events: list[Any] = []
        self.step()

    def step(self) -> None:
        self.now += 16.0
        self.events += self.transport.step(self.now)

    def key(self, key: Key) -> None:
        self.transport.send_commands(CommandBuffer().key(key).getvalue())
        self.step()
        self.step()  # renders what the handlers changed


@pytest.fixture
def engines() -> Any:
    made: list[Engine] = []

    def make(element: Element) -> Engine:
        engine = Engine(element)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.root.dispose()
        engine.renderer.close()


def _tile(name: str, log: list[Any], **props: Any) -> Element:
    return View(Text(name), focusable=True, width=200, height=100,
                on_focus=lambda e: log.append(("focus", name, type(e))),
                on_blur=lambda e: log.append(("blur", name, type(e))),
                on_press=lambda: log.append(("press", name)), **props)


def test_on_focus_on_blur_and_on_press_run_for_engine_events(engines: Any) -> None:
    log: list[Any] = []
    engine = engines(View(_tile("a", log), _tile("b", log), direction="column"))
    engine.key(Key.DOWN)  # nothing focused: the first focusable gains focus
    engine.key(Key.SELECT)
    engine.key(Key.DOWN)
    engine.key(Key.SELECT)
    assert log == [("focus", "a", FocusEvent), ("press", "a"),
                   ("blur", "a", BlurEvent), ("focus", "b", FocusEvent), ("press", "b")]


def test_on_key_runs_on_the_focused_node_and_bubbles_to_ancestors(engines: Any) -> None:
    log: list[Any] = []

    def outer(event: KeyEvent) -> bool:
        log.append(("outer", Key(event.key)))
        return False

    def inner(event: KeyEvent) -> bool:
        log.append(("inner", Key(event.key)))
        return event.key == Key.MENU  # handled: stops bubbling

    engine = engines(View(_tile("a", [], on_key=inner), on_key=outer))
    engine.key(Key.DOWN)
    log.clear()
    engine.key(Key.PLAY_PAUSE)
    engine.key(Key.MENU)
    assert log == [("inner", Key.PLAY_PAUSE), ("outer", Key.PLAY_PAUSE), ("inner", Key.MENU)]


def test_a_key_with_nothing_focused_reaches_the_outermost_node(engines: Any) -> None:
    log: list[Any] = []
    engine = engines(View(Text("no focusable"), on_key=lambda e: log.append(Key(e.key))))
    engine.key(Key.BACK)
    assert log == [Key.BACK]


def test_a_handler_updates_state_and_the_next_frame_shows_it(engines: Any) -> None:
    count = signal(0)

    @component
    def Counter() -> Element:
        return View(Text(lambda: f"Pressed {count()} times"), focusable=True,
                    on_press=lambda: count.set(count() + 1))

    engine = engines(Counter())
    engine.key(Key.DOWN)
    for _ in range(3):
        engine.key(Key.SELECT)
    assert '"Pressed 3 times"' in engine.renderer.dump()


def test_handlers_run_inside_one_batch() -> None:
    a, b = signal(0), signal(0)
    seen: list[tuple[int, int]] = []
    dispose = create_root(lambda d: (Effect(lambda: seen.append((a(), b()))), d)[1])

    def handler() -> None:
        a.set(1)
        b.set(1)

    root = SceneRoot(View(Text("x"), on_press=handler))
    root.flush()
    node = next(iter(root.scene.nodes))
    root.handle_events([PressEvent(node)])
    dispose()
    assert seen == [(0, 0), (1, 1)]


def test_the_handler_of_the_latest_render_is_the_one_called() -> None:
    label = signal("first")
    log: list[str] = []

    @component
    def Button() -> Element:
        name = label()
        return View(on_press=lambda: log.append(name))

    root = SceneRoot(Button())
    root.flush()
    label.set("second")
    root.flush()
    node = max(root.scene.nodes)
    root.handle_events([PressEvent(node)])
    assert log == ["second"]


def test_events_for_removed_nodes_are_ignored() -> None:
    shown = signal(True)
    log: list[str] = []

    @component
    def Page() -> Element:
        return View(View(on_press=lambda: log.append("press")) if shown() else None)

    root = SceneRoot(Page())
    root.flush()
    node = max(root.scene.nodes)
    shown.set(False)
    root.flush()
    root.handle_events([PressEvent(node), FocusEvent(node, 0), BlurEvent(node, 0),
                        LayoutEvent(node, 0, 0, 1, 1)])
    assert log == []


def test_a_ref_gets_the_node_id_and_the_box_from_layout_events(engines: Any) -> None:
    width = signal(300)
    refs: list[Ref] = []

    @component
    def Panel() -> Element:
        ref = use_ref()
        refs.append(ref)
        return View(View(width=width(), height=50, ref=ref), padding=10)

    engine = engines(Panel())
    ref = refs[0]
    assert ref.node is not None and engine.root.find(ref.node) is not None
    assert f"#{ref.node} view" in engine.renderer.dump()
    assert ref.box == (10.0, 10.0, 300.0, 50.0)
    width.set(120)
    engine.step()
    engine.step()
    assert ref.box == (10.0, 10.0, 120.0, 50.0)


def test_a_ref_box_is_tracked_by_effects(engines: Any) -> None:
    ref = Ref()
    boxes: list[Any] = []
    dispose = create_root(lambda d: (Effect(lambda: boxes.append(ref.box)), d)[1])
    engine = engines(View(View(width=40, height=30, ref=ref), padding=5))
    dispose()
    assert boxes == [None, (5.0, 5.0, 40.0, 30.0)]
    assert engine.root.find(ref.node or 0) is not None


def test_a_ref_is_detached_on_unmount() -> None:
    shown = signal(True)
    ref = Ref()

    @component
    def Page() -> Element:
        return View(View(ref=ref) if shown() else None)

    root = SceneRoot(Page())
    root.flush()
    assert ref.node is not None
    shown.set(False)
    root.flush()
    assert ref.node is None


def test_ref_focus_moves_engine_focus_to_the_node(engines: Any) -> None:
    log: list[Any] = []
    second = Ref()
    engine = engines(View(_tile("a", log), _tile("b", log, ref=second), direction="column"))
    second.focus()
    engine.step()
    engine.step()
    assert ("focus", "b", FocusEvent) in log
    engine.key(Key.SELECT)
    assert log[-1] == ("press", "b")


def test_on_layout_gets_the_box(engines: Any) -> None:
    boxes: list[Any] = []
    engines(View(View(width=64, height=32, on_layout=boxes.append), padding=8))
    assert boxes == [(8.0, 8.0, 64.0, 32.0)]


def test_a_new_ref_on_the_same_node_gets_its_box_and_the_old_one_lets_go(engines: Any) -> None:
    first, second = Ref(), Ref()
    which = signal(first)

    @component
    def Panel() -> Element:
        return View(View(width=30, height=20, ref=which()), padding=4)

    engine = engines(Panel())
    assert first.box == (4.0, 4.0, 30.0, 20.0)
    which.set(second)
    engine.step()
    assert first.node is None and second.node is not None
    assert second.box == (4.0, 4.0, 30.0, 20.0)


def test_a_ref_moved_to_another_node_follows_it(engines: Any) -> None:
    ref = Ref()
    on_first = signal(True)

    @component
    def Panel() -> Element:
        return View(View(width=30, height=20, ref=ref if on_first() else None),
                    View(width=50, height=10, ref=None if on_first() else ref), padding=4)

    engine = engines(Panel())
    old = ref.node
    on_first.set(False)
    engine.step()
    engine.step()
    assert ref.node is not None and ref.node != old
    assert ref.box == (34.0, 4.0, 50.0, 10.0)


def test_on_scroll_gets_the_engines_offset_in_the_frame_of_the_focus_change(
        engines: Any) -> None:
    import re

    offsets: list[tuple[float, float]] = []
    tiles = [View(focusable=True, width=200, height=100, shrink=0, test_id=f"t{i}")
             for i in range(12)]
    engine = engines(View(View(*tiles, direction="column", overflow="scroll", height=300,
                               scroll_margin=40, test_id="list", on_scroll=offsets.append),
                          height=1080))
    engine.key(Key.DOWN)  # focus the first tile: no scroll yet
    assert offsets == []
    for step in range(1, 8):
        engine.events.clear()
        engine.transport.send_commands(CommandBuffer().key(Key.DOWN).getvalue())
        engine.step()  # one frame: the focus change and the scroll it caused
        assert any(isinstance(e, FocusEvent) for e in engine.events)
        dump = engine.renderer.dump().splitlines()
        line = next(text for text in dump if 'test_id="list"' in text)
        match = re.search(r"scroll_y=([\d.]+)", line)
        dumped = float(match.group(1)) if match else 0.0
        if dumped:
            assert offsets[-1] == (0.0, dumped), step
    # with a 40-unit margin the engine keeps the focused tile away from the edge:
    # tile 7 ends at 800, so the offset is 800 + 40 - 300
    assert offsets[-1] == (0.0, 540.0)
