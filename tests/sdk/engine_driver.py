"""Drives a SceneRoot against the real engine frame by frame (keys in, events back)."""

from __future__ import annotations

from renderer import CommandBuffer, KeyAction, Renderer
from sdk import Element, SceneRoot
from sdk.runtime import AppHalf, DirectTransport, RendererHalf


class Driver:
    """One SceneRoot on one real engine; `frame(*keys)` presses keys and runs a frame."""

    def __init__(self, element: Element) -> None:
        self.root = SceneRoot(element)
        self.engine = Renderer()
        self.step = DirectTransport(AppHalf(self.root), RendererHalf(self.engine))
        self.now = 0.0
        self.frame()

    def frame(self, *keys: int) -> None:
        """Flush, press `keys` (down and up), run one frame, hand back its events."""
        self.step.push()
        if keys:
            buf = CommandBuffer()
            for key in keys:
                buf.key(key, KeyAction.DOWN).key(key, KeyAction.UP)
            self.step.send_commands(buf.getvalue())
        self.now += 16.7
        self.step.step(self.now)
        self.step.push()  # what the handlers changed

    def settle(self, frames: int = 3) -> None:
        """A few empty frames (effects after commit, focus moves)."""
        for _ in range(frames):
            self.frame()

    def dump(self) -> str:
        """The engine's scene dump."""
        return self.engine.dump()

    def focused(self) -> str | None:
        """The test id of the focused node, or None."""
        for line in self.engine.dump().splitlines():
            focused = line.rstrip().endswith(" focused") or " focused " in line
            if focused and 'test_id="' in line:
                return line.split('test_id="')[1].split('"')[0]
        return None
