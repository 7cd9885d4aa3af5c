"""The two ends of the process transport: the same bus messages as the thread `Bus`.

`AppEnd` (app process) implements `AppSide`: sends go straight into the
`Channel` (big ones through shared memory), and a reader thread receives up
messages, queues them and calls the wake-up hook, as the renderer thread's
posts do on the thread bus. When the renderer process goes away the reader
queues one `EXITED` message. `RendererEnd` (renderer process) implements
`RendererSide` for the frame loop; the app going away reads as `STOP`, so a
renderer process never outlives its app.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from renderer.lowlevel import skia

from ._bus import EXITED, FRAME, IMAGE, SIZE, STEP, U32, Down, Up
from ._channel import Channel, ChannelClosed

__all__ = ["AppEnd", "RendererEnd"]

logger = logging.getLogger(__name__)


class AppEnd:
    """The app process's end of a renderer process's channel (an `AppSide`).

    Args:
        channel: the connected channel (rings attached).
        exit_reason: called once the channel closes: `(exit code, reason)`.
    """

    def __init__(self, channel: Channel, exit_reason: Callable[[], tuple[int, str]]) -> None:
        self.channel = channel
        self._exit_reason = exit_reason
        self._up: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._hook_lock = threading.Lock()
        self._on_post: Callable[[], None] | None = None
        self.batches_sent = 0
        """Scene batches sent so far (a replacement process starts counting from here)."""
        self.gone = False
        """The renderer process closed its end."""
        self._reader = threading.Thread(target=self._read, name="marquee-renderer-reader",
                                        daemon=True)

    def start_reader(self) -> None:
        """Starts the thread that receives up messages."""
        self._reader.start()

    def join_reader(self, timeout_s: float) -> None:
        """Waits for the reader to end (after the channel closed)."""
        if self._reader.ident is not None:
            self._reader.join(timeout_s)

    # AppSide -----------------------------------------------------------------

    def send(self, data: bytes) -> None:
        """Sends one down message; a gone renderer drops it (its `EXITED` is on the way)."""
        if not data:
            raise ValueError("a bus message needs at least its kind byte")
        self._send(data[0], memoryview(data)[1:])

    def _send(self, kind: int, *parts: bytes | bytearray | memoryview) -> None:
        if self.gone:
            return
        try:
            self.channel.send(kind, *parts)
        except ChannelClosed:
            self.gone = True

    def send_batch(self, batch: bytes) -> None:
        """Sends a scene-root batch (counted, so a replacement process acknowledges on)."""
        self.batches_sent += 1
        self._send(Down.BATCH, batch)

    def send_commands(self, commands: bytes) -> None:
        """Sends runtime commands."""
        self._send(Down.COMMANDS, commands)

    def send_keys(self, keys: bytes) -> None:
        """Sends `KEY` commands."""
        self._send(Down.KEYS, keys)

    def send_step(self, seq: int, now_ms: float) -> None:
        """Asks for one frame at `now_ms`."""
        self._send(Down.STEP, STEP.pack(seq, now_ms))

    def send_rebuild(self, generation: int, batch: bytes) -> None:
        """Answers `NEED_REBUILD`."""
        self._send(Down.REBUILD, U32.pack(generation), batch)

    def send_request(self, kind: Down, seq: int) -> None:
        """Sends a `DUMP`, `SCREENSHOT` or `TIMINGS` request."""
        self._send(kind, U32.pack(seq))

    def send_resize(self, width: int, height: int) -> None:
        """Asks for a new surface size."""
        self._send(Down.RESIZE, SIZE.pack(width, height))

    def send_stop(self) -> None:
        """Asks the renderer process to finish."""
        self._send(Down.STOP)

    def send_image(self, image_id: int, image: Any) -> bool:
        """Ships a decoded raster image's pixels (one copy, into shared memory); False if
        the image has no readable pixels."""
        pixmap = skia.Pixmap()
        if not image.peekPixels(pixmap):
            return False
        pixels = memoryview(pixmap).cast("B")
        header = IMAGE.pack(image_id, pixmap.width(), pixmap.height(), pixmap.rowBytes())
        try:
            self._send(Down.IMAGE_PIXELS, header, pixels)
        finally:
            pixels.release()
        return True

    def ship_image(self, image_id: int, image: Any) -> None:
        """`send_image` as the image manager's `on_loaded` hook."""
        if not self.send_image(image_id, image):
            logger.warning("image %d has no raster pixels to ship to the renderer", image_id)

    def send_forget(self, image_id: int) -> None:
        """The renderer drops its copy of an image's pixels."""
        self._send(Down.IMAGE_FORGET, U32.pack(image_id))

    def set_on_post(self, hook: Callable[[], None] | None) -> None:
        """Sets the hook the reader thread calls after each up message."""
        with self._hook_lock:
            self._on_post = hook

    def take_up(self) -> list[bytes]:
        """Every up message received so far, oldest first (never blocks)."""
        out: list[bytes] = []
        while True:
            try:
                out.append(self._up.get_nowait())
            except queue.Empty:
                return out

    # The reader thread -------------------------------------------------------

    def _read(self) -> None:
        while True:
            try:
                data = self.channel.receive_copy(None)
            except (ChannelClosed, OSError, ValueError):
                break
            if data is not None:
                self._post(data)
        self.gone = True
        code, reason = self._exit_reason()
        self._post(bytes((Up.EXITED,)) + EXITED.pack(code) + reason.encode("utf-8", "replace"))

    def _post(self, data: bytes) -> None:
        self._up.put(data)
        with self._hook_lock:
            hook = self._on_post
        if hook is not None:
            hook()


class RendererEnd:
    """The renderer process's end (a `RendererSide`): the app going away reads as `STOP`."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.app_gone = False

    def receive(self, timeout: float | None) -> bytes | memoryview | None:
        """The next down message (a ring message is a view, valid until the next call)."""
        if self.app_gone:
            return bytes((Down.STOP,))
        try:
            return self.channel.receive(timeout)
        except ChannelClosed:
            self.app_gone = True
            return bytes((Down.STOP,))

    def post(self, data: bytes) -> None:
        """Sends one up message (dropped once the app is gone)."""
        self._post(data[0], memoryview(data)[1:])

    def _post(self, kind: int, *parts: bytes | memoryview) -> None:
        if self.app_gone:
            return
        try:
            self.channel.send(kind, *parts)
        except ChannelClosed:
            self.app_gone = True

    def post_frame(self, seq: int, batches: int, now_ms: float, records: bytes) -> None:
        """Sends a frame's acknowledgement counter and event records."""
        self._post(Up.FRAME, FRAME.pack(seq, batches, now_ms), records)
