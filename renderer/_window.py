"""Presenters: where painted frames go (a desktop window, or nowhere).

A presenter owns the pixel surface the `Painter` draws on and shows it.

- `HeadlessPresenter`: an `OffscreenSurface`; presenting does nothing.
- `WindowPresenter`: a pygame (SDL2) window with
  `SDL_FRAMEBUFFER_ACCELERATION=0` (a plain software framebuffer, no GPU
  upload per frame). Skia draws straight into a buffer that a pygame surface
  shares (BGRA, premultiplied; pygame reads it as opaque, i.e. composited
  over black); presenting blits only the damaged rectangles into the window
  and updates just those (`pygame.display.update(rects)`).

Presenters are not thread-safe: create, use and close one on one thread (SDL
wants window events pumped on the thread that made the window). `poll()`
returns window input as `WindowInput` values: keys already mapped to protocol
key codes, and `quit` when the window is closed.

`display_available()` says whether a window can be opened ($DISPLAY or
$WAYLAND_DISPLAY set and pygame importable).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from renderer._protocol import Key, KeyAction
from renderer._skia import skia
from renderer._surfaces import OffscreenSurface

__all__ = [
    "HeadlessPresenter",
    "Presenter",
    "WindowInput",
    "WindowPresenter",
    "display_available",
    "surface_rgba",
]

Damage = Sequence[tuple[float, float, float, float]]


@dataclass(frozen=True, slots=True)
class WindowInput:
    """One input from a window: `kind` is `"key"` (with `key`, `action`) or `"quit"`."""

    kind: str
    key: int = 0
    action: int = 0


class Presenter(Protocol):
    """What the frame loop paints on and presents through."""

    @property
    def skia_surface(self) -> Any:
        """The `skia.Surface` the painter draws on (persistent pixels)."""
        ...

    @property
    def size(self) -> tuple[int, int]:
        """Surface size in pixels."""
        ...

    def present(self, damage: Damage, full: bool) -> None:
        """Shows what was painted (only `damage` unless `full`)."""
        ...

    def poll(self) -> list[WindowInput]:
        """Window input since the last call (empty when headless)."""
        ...

    def resize(self, width: int, height: int) -> None:
        """Changes the surface size (pixels are lost: repaint in full)."""
        ...

    def close(self) -> None:
        """Releases the surface (and the window); idempotent."""
        ...


def surface_rgba(skia_surface: Any) -> bytes:
    """A skia surface's pixels as unpremultiplied RGBA rows (for screenshots)."""
    width, height = skia_surface.width(), skia_surface.height()
    info = skia.ImageInfo.Make(width, height, skia.kRGBA_8888_ColorType, skia.kUnpremul_AlphaType)
    buffer = bytearray(width * height * 4)
    if not skia_surface.readPixels(info, buffer, width * 4, 0, 0):
        raise RuntimeError("Skia could not read the surface's pixels")
    return bytes(buffer)


class HeadlessPresenter:
    """Paints offscreen; `present` does nothing."""

    def __init__(self, width: int, height: int) -> None:
        self._surface = OffscreenSurface(width, height)

    @property
    def skia_surface(self) -> Any:
        """The offscreen skia surface."""
        return self._surface.skia_surface

    @property
    def size(self) -> tuple[int, int]:
        """Surface size in pixels."""
        return self._surface.width, self._surface.height

    def present(self, damage: Damage, full: bool) -> None:
        """Nothing to show."""

    def poll(self) -> list[WindowInput]:
        """No input without a window."""
        return []

    def resize(self, width: int, height: int) -> None:
        """Replaces the surface with a cleared one of the new size."""
        self._surface.close()
        self._surface = OffscreenSurface(width, height)

    def close(self) -> None:
        """Releases the pixels."""
        self._surface.close()


def display_available() -> bool:
    """Whether a desktop window can be opened (a display and pygame)."""
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return has_display and importlib.util.find_spec("pygame") is not None


def _key_table(pygame: Any) -> dict[int, int]:
    table: dict[int, int] = {
        pygame.K_UP: Key.UP,
        pygame.K_DOWN: Key.DOWN,
        pygame.K_LEFT: Key.LEFT,
        pygame.K_RIGHT: Key.RIGHT,
        pygame.K_RETURN: Key.SELECT,
        pygame.K_KP_ENTER: Key.SELECT,
        pygame.K_ESCAPE: Key.BACK,
        pygame.K_BACKSPACE: Key.BACK,
        pygame.K_m: Key.MENU,
        pygame.K_SPACE: Key.PLAY_PAUSE,
    }
    for digit in range(10):
        table[getattr(pygame, f"K_{digit}")] = Key.DIGIT_0 + digit
    return table


class WindowPresenter:
    """A pygame window showing the painted surface.

    Args:
        width, height: window size in pixels.
        title: window title.
        extra_keys: app-named keys by pygame key name (`pygame.key.name`,
            e.g. `{"f1": 32}`), sent to the engine with their codes.

    Raises:
        RuntimeError: pygame is missing or no display could be opened.
    """

    def __init__(self, width: int, height: int, *, title: str = "Marquee",
                 extra_keys: Mapping[str, int] | None = None) -> None:
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        try:
            import pygame
        except ImportError as exc:  # pragma: no cover - pygame is a dependency
            raise RuntimeError("the window presenter needs pygame (pip install pygame)") from exc
        self._pygame: Any = pygame
        try:
            pygame.display.init()
        except pygame.error as exc:
            raise RuntimeError(f"could not open a display for the window: {exc}") from exc
        pygame.display.set_caption(title)
        self._keys = _key_table(pygame)
        self._extra = {name.lower(): code for name, code in (extra_keys or {}).items()}
        self._window: Any = None
        self._closed = False
        self._open(width, height)

    def _open(self, width: int, height: int) -> None:
        pygame = self._pygame
        self._window = pygame.display.set_mode((width, height))
        self._size = (width, height)
        # Skia draws into this buffer; the pygame surface shares it (no copy).
        self._pixels = bytearray(width * height * 4)
        info = skia.ImageInfo.Make(width, height, skia.kBGRA_8888_ColorType,
                                   skia.kPremul_AlphaType)
        surface = skia.Surface.MakeRasterDirect(info, self._pixels, width * 4)
        if surface is None:
            raise MemoryError(f"Skia could not wrap a {width}x{height} window buffer")
        self._skia = surface
        self._skia.getCanvas().clear(0)
        frame = pygame.image.frombuffer(self._pixels, (width, height), "BGRA")
        # Premultiplied pixels shown as opaque = composited over black, and a
        # blit becomes a plain copy.
        frame.set_alpha(None)
        self._frame = frame

    @property
    def skia_surface(self) -> Any:
        """The skia surface over the window's pixel buffer."""
        return self._skia

    @property
    def size(self) -> tuple[int, int]:
        """Window size in pixels."""
        return self._size

    def present(self, damage: Damage, full: bool) -> None:
        """Blits the damaged rectangles (or everything) and updates only them."""
        if self._closed:
            return
        pygame = self._pygame
        width, height = self._size
        if full or not damage:
            rects = [pygame.Rect(0, 0, width, height)] if full else []
        else:
            rects = []
            for x, y, w, h in damage:
                left, top = max(0, int(x)), max(0, int(y))
                right = min(width, int(-(-(x + w) // 1)))
                bottom = min(height, int(-(-(y + h) // 1)))
                if right > left and bottom > top:
                    rects.append(pygame.Rect(left, top, right - left, bottom - top))
        for rect in rects:
            self._window.blit(self._frame, rect, rect)
        if rects:
            pygame.display.update(rects)

    def poll(self) -> list[WindowInput]:
        """Window input since the last call: keys (down, repeat, up) and quit."""
        if self._closed:
            return []
        pygame = self._pygame
        out: list[WindowInput] = []
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                out.append(WindowInput("quit"))
            elif event.type in (pygame.KEYDOWN, pygame.KEYUP):
                code = self._keys.get(event.key)
                if code is None:
                    code = self._extra.get(pygame.key.name(event.key).lower())
                if code is None:
                    continue
                action = KeyAction.DOWN if event.type == pygame.KEYDOWN else KeyAction.UP
                out.append(WindowInput("key", code, int(action)))
        return out

    def window_rgba(self) -> bytes:
        """What the window's own framebuffer holds, as RGBA rows (tests)."""
        return bytes(self._pygame.image.tobytes(self._window, "RGBA"))

    def resize(self, width: int, height: int) -> None:
        """Reopens the window at the new size."""
        self._open(width, height)

    def close(self) -> None:
        """Closes the window (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._skia = None
        self._frame = None
        self._pygame.display.quit()
