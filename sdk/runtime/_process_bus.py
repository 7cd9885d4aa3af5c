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
import threading
from collections.abc import Callable
from typing import Any

from renderer.lowlevel import skia

from ._bus import EXITED, FRAME, IMAGE, U32, AppSideBase, Down, Up
from ._channel import Channel, ChannelClosed

__all__ = ["AppEnd", "RendererEnd"]

logger = logging.getLogger(__name__)


class AppEnd(AppSideBase):
    """The app process's end of a renderer process's channel (an `AppSide`).

    Args:
        channel: the connected channel (rings attached).
        exit_reason: called once the channel closes: `(exit code, reason)`.
    """

    def __init__(self, channel: Channel, exit_reason: Callable[[], tuple[int, str]]) -> None:
        super().__init__()
        self.channel = channel
        self._exit_reason = exit_reason
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

    def _send_parts(self, kind: int, *parts: bytes | bytearray | memoryview) -> None:
        """Sends into the channel; a gone renderer drops it (its `EXITED` is on the way)."""
        if self.gone:
            return
        try:
            self.channel.send(kind, *parts)
        except ChannelClosed:
            self.gone = True

    def send_batch(self, batch: bytes) -> None:
        """Sends a scene batch (counted, so a replacement process acknowledges on)."""
        self.batches_sent += 1
        super().send_batch(batch)

    def send_image(self, image_id: int, image: Any) -> bool:
        """Ships a decoded raster image's pixels (one copy, into shared memory); False if
        the image has no readable pixels."""
        pixmap = skia.Pixmap()
        if not image.peekPixels(pixmap):
            return False
        pixels = memoryview(pixmap).cast("B")
        header = IMAGE.pack(image_id, pixmap.width(), pixmap.height(), pixmap.rowBytes())
        try:
            self._send_parts(Down.IMAGE_PIXELS, header, pixels)
        finally:
            pixels.release()
        return True

    def ship_image(self, image_id: int, image: Any) -> None:
        """`send_image` as the image manager's `on_loaded` hook."""
        if not self.send_image(image_id, image):
            logger.warning("image %d has no raster pixels to ship to the renderer", image_id)

    def send_forget(self, image_id: int) -> None:
        """The renderer drops its copy of an image's pixels."""
        self._send_parts(Down.IMAGE_FORGET, U32.pack(image_id))

    # The reader thread -------------------------------------------------------

    def _read(self) -> None:
        while True:
            try:
                data = self.channel.receive_copy(None)
            except (ChannelClosed, OSError, ValueError):
                break
            if data is not None:
                self._deliver(data)
        self.gone = True
        code, reason = self._exit_reason()
        self._deliver(bytes((Up.EXITED,)) + EXITED.pack(code) + reason.encode("utf-8", "replace"))


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
