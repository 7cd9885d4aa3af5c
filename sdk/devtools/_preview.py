"""`preview MODULE --port N`: the app's frames live in a browser, its keyboard as the remote.

Three threads meet in a `PreviewHub`:

```
renderer thread                    encoder thread                 app thread (asyncio)
BrowserPresenter.present(damage)   update the mirror, PNG-encode  PreviewServer (aiohttp):
  read the damaged rects' pixels -->  each tile, one message   -->   GET /    the page (_page)
BrowserPresenter.poll()                                              GET /ws  frames out,
  <-- browser keys (WindowInput) <--------------------------------- keys in (JSON)
```

- The presenter is the App's `presenter_factory`: the App stays unchanged
  and the renderer runs its usual paced loop. It reads only the damaged
  rectangles (whole pixels, clipped) off the surface and hands them on; PNG
  encoding runs on the hub's encoder thread, off the frame path.
- The hub keeps a mirror of the whole screen: a browser that connects (or
  reconnects) first gets one full tile, then damage only.
- Keys from the browser become `WindowInput`s, exactly what a window's
  keyboard gives the frame loop: the engine moves focus on the renderer
  thread, with no round trip through the app thread.
- The server listens on 127.0.0.1 only (a developer's tool, not a service).

Binary frame message (little-endian): `u32 frame, u16 count`, then per tile
`u16 x, u16 y, u16 w, u16 h, u32 length` and `length` bytes of PNG.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import struct
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from renderer import KeyAction
from renderer.lowlevel import HeadlessPresenter, WindowInput, skia

from ..runtime import resolve_key

__all__ = ["BrowserPresenter", "PreviewHub", "encode_png", "frame_message"]

logger = logging.getLogger(__name__)

MAX_TILES = 16
"""More damaged rectangles than this in a catch-up message become one bounding box."""
_FRAME = struct.Struct("<IH")
_TILE = struct.Struct("<4HI")
Tile = tuple[int, int, int, int, bytes]
"""`(x, y, w, h, rgba)`: unpremultiplied RGBA rows of one damaged rectangle."""


def encode_png(width: int, height: int, rgba: bytes) -> bytes:
    """RGBA rows as a PNG (fast settings: previews favour latency over size)."""
    info = skia.ImageInfo.Make(width, height, skia.kRGBA_8888_ColorType, skia.kUnpremul_AlphaType)
    image = skia.Image.MakeRasterData(info, rgba, width * 4)
    data = image.encodeToData(skia.EncodedImageFormat.kPNG, 100) if image else None
    if data is None:
        raise RuntimeError("Skia could not encode a preview tile as PNG")
    return bytes(data)


def frame_message(number: int, tiles: Sequence[tuple[int, int, int, int, bytes]]) -> bytes:
    """One binary frame message from `(x, y, w, h, png)` tiles."""
    parts = [_FRAME.pack(number, len(tiles))]
    for x, y, w, h, png in tiles:
        parts.append(_TILE.pack(x, y, w, h, len(png)))
        parts.append(png)
    return b"".join(parts)


def _pixel_rects(damage: Sequence[tuple[float, float, float, float]], full: bool,
                 width: int, height: int) -> list[tuple[int, int, int, int]]:
    if full:
        return [(0, 0, width, height)]
    rects = []
    for x, y, w, h in damage:
        left, top = max(0, int(x)), max(0, int(y))
        right, bottom = min(width, int(-(-(x + w) // 1))), min(height, int(-(-(y + h) // 1)))
        if right > left and bottom > top:
            rects.append((left, top, right - left, bottom - top))
    return rects


class PreviewHub:
    """What the presenter, the encoder thread and the server share (thread-safe).

    Args:
        size: the app's surface size in pixels.
        extra_keys: the app's extra key names (browser keys of those names pass).
    """

    def __init__(self, size: tuple[int, int], extra_keys: Mapping[str, int] | None = None) -> None:
        self.size = size
        self.extra_keys = dict(extra_keys or {})
        self.frames = 0
        """Frame messages sent so far."""
        self._inputs: list[WindowInput] = []
        self._lock = threading.Lock()
        self._mirror = bytearray(size[0] * size[1] * 4)
        self._mirror_lock = threading.Lock()
        self._work: queue.SimpleQueue[list[Tile] | None] = queue.SimpleQueue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._clients: set[web.WebSocketResponse] = set()
        self._encoder = threading.Thread(target=self._encode_loop, name="marquee-preview-png",
                                         daemon=True)
        self._encoder.start()
        self._closed = False

    # Renderer thread -------------------------------------------------------------

    def submit(self, tiles: list[Tile]) -> None:
        """Damaged pixels of one presented frame (the presenter calls this)."""
        if tiles and not self._closed:
            self._work.put(tiles)

    def take_inputs(self) -> list[WindowInput]:
        """Browser keys since the last call."""
        with self._lock:
            inputs, self._inputs = self._inputs, []
        return inputs

    # Encoder thread ----------------------------------------------------------------

    def _encode_loop(self) -> None:
        while True:
            pending = [self._work.get()]
            while True:  # frames that queued while the last one was encoding
                try:
                    pending.append(self._work.get_nowait())
                except queue.Empty:
                    break
            frames = [tiles for tiles in pending if tiles is not None]
            if frames:
                try:
                    message = self._encode(frames)
                except Exception:
                    logger.exception("preview: could not encode a frame")
                else:
                    loop = self._loop
                    if loop is not None and not loop.is_closed():
                        with contextlib.suppress(RuntimeError):
                            loop.call_soon_threadsafe(self._broadcast, message)
            if len(frames) < len(pending):
                return

    def _encode(self, frames: list[list[Tile]]) -> bytes:
        """One message for the frames presented since the last one.

        Usually one frame: its tiles are encoded as they came. When the encoder
        fell behind, every frame goes into the mirror and the rectangles they
        damaged (one bounding box if there are many) are encoded once from it,
        so a slow browser link or a busy core costs latency, never a backlog.
        """
        width = self.size[0]
        with self._mirror_lock:
            for tiles in frames:
                for x, y, w, h, rgba in tiles:
                    row = w * 4
                    for line in range(h):
                        at = ((y + line) * width + x) * 4
                        self._mirror[at:at + row] = rgba[line * row:(line + 1) * row]
            if len(frames) == 1:
                out = [(x, y, w, h, encode_png(w, h, rgba)) for x, y, w, h, rgba in frames[0]]
            else:
                rects = list(dict.fromkeys((x, y, w, h) for tiles in frames
                                           for x, y, w, h, _ in tiles))
                if len(rects) > MAX_TILES:
                    left, top = min(r[0] for r in rects), min(r[1] for r in rects)
                    right = max(r[0] + r[2] for r in rects)
                    bottom = max(r[1] + r[3] for r in rects)
                    rects = [(left, top, right - left, bottom - top)]
                out = [(x, y, w, h, encode_png(w, h, self._crop(x, y, w, h)))
                       for x, y, w, h in rects]
            self.frames += 1
            return frame_message(self.frames, out)

    def _crop(self, x: int, y: int, w: int, h: int) -> bytes:
        width = self.size[0]
        return b"".join(bytes(self._mirror[((y + line) * width + x) * 4:
                                           ((y + line) * width + x + w) * 4])
                        for line in range(h))

    def keyframe(self) -> bytes:
        """The whole screen as one tile (for a browser that just connected)."""
        width, height = self.size
        with self._mirror_lock:
            return frame_message(self.frames, [(0, 0, width, height,
                                                encode_png(width, height, bytes(self._mirror)))])

    # App thread (the server's loop) -------------------------------------------------

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Frames are broadcast on `loop` from now on."""
        self._loop = loop

    def add_client(self, ws: web.WebSocketResponse) -> None:
        """`ws` receives every frame from now on."""
        self._clients.add(ws)

    def remove_client(self, ws: web.WebSocketResponse) -> None:
        """`ws` is gone."""
        self._clients.discard(ws)

    @property
    def clients(self) -> int:
        """Connected browsers."""
        return len(self._clients)

    def client_sockets(self) -> list[web.WebSocketResponse]:
        """The connected browsers' sockets."""
        return list(self._clients)

    def _broadcast(self, message: bytes) -> None:
        for ws in list(self._clients):
            if ws.closed:
                self._clients.discard(ws)
                continue
            task = asyncio.ensure_future(ws.send_bytes(message))
            task.add_done_callback(_ignore_result)

    def key(self, name: str, action: str) -> None:
        """A browser key: queued for the renderer thread's next `poll()`.

        Raises:
            ValueError: not a key of the app, or not down/repeat/up.
        """
        code = resolve_key(name, self.extra_keys)
        try:
            key_action = KeyAction[action.upper()]
        except KeyError:
            raise ValueError(f"key action must be down, repeat or up, got {action!r}") from None
        with self._lock:
            self._inputs.append(WindowInput("key", code, int(key_action)))

    def quit(self) -> None:
        """Asks the app to stop, as closing a window does."""
        with self._lock:
            self._inputs.append(WindowInput("quit"))

    def close(self) -> None:
        """Stops the encoder thread (idempotent)."""
        if not self._closed:
            self._closed = True
            self._work.put(None)
            self._encoder.join(5.0)

    def __enter__(self) -> PreviewHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ignore_result(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()  # a browser that went away is not an error


class BrowserPresenter:
    """The App's presenter for the preview: paints offscreen, presents to the hub.

    Made on the renderer thread by the App's `presenter_factory`
    (`hub.presenter_factory`).
    """

    def __init__(self, width: int, height: int, hub: PreviewHub) -> None:
        self._inner = HeadlessPresenter(width, height)
        self._hub = hub

    @property
    def skia_surface(self) -> Any:
        """The offscreen skia surface."""
        return self._inner.skia_surface

    @property
    def size(self) -> tuple[int, int]:
        """Surface size in pixels."""
        return self._inner.size

    def present(self, damage: Sequence[tuple[float, float, float, float]], full: bool) -> None:
        """Reads the damaged pixels and hands them to the hub's encoder."""
        width, height = self.size
        surface = self._inner.skia_surface
        tiles: list[Tile] = []
        for x, y, w, h in _pixel_rects(damage, full, width, height):
            info = skia.ImageInfo.Make(w, h, skia.kRGBA_8888_ColorType, skia.kUnpremul_AlphaType)
            buffer = bytearray(w * h * 4)
            if surface.readPixels(info, buffer, w * 4, x, y):
                tiles.append((x, y, w, h, bytes(buffer)))
        self._hub.submit(tiles)

    def poll(self) -> list[WindowInput]:
        """Keys the browser sent since the last call."""
        return self._hub.take_inputs()

    def resize(self, width: int, height: int) -> None:
        """Resizes the surface (the preview keeps its page size; for completeness)."""
        self._inner.resize(width, height)

    def close(self) -> None:
        """Releases the pixels."""
        self._inner.close()
