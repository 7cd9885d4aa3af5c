"""The thread transport: the message bus between the app thread and the renderer thread.

It joins the two halves of the frame step (`_step.py`) across threads. Every
message is plain bytes: a one-byte kind, then a little-endian payload.
Nothing but bytes crosses, so the renderer can later move to its own process
(shared-memory rings instead of queues) without changing either side. Event
records travel as the engine wrote them; the app side decodes them once.

Down (app -> renderer), applied in order:

| kind | payload |
| --- | --- |
| `BATCH` | a command batch from the scene root (counted for `acknowledge`) |
| `COMMANDS` | runtime commands: fonts, images, focus (not counted) |
| `KEYS` | `KEY` commands (kept by the renderer until a frame ran on them: crash replay) |
| `STEP` | `seq u32, now_ms f64`: run one frame (stepped mode) |
| `RESIZE` | `w u32, h u32` |
| `REBUILD` | `generation u32`, then the batch that rebuilds the scene |
| `DUMP` | `seq u32` |
| `SCREENSHOT` | `seq u32` |
| `STOP` | |
| `IMAGE_PIXELS` | `image u32, w u32, h u32, row_bytes u32`, then N32 premultiplied rows |
| `IMAGE_FORGET` | `image u32`: the renderer drops its copy of the pixels |
| `TIMINGS` | `seq u32`: asks for the frame loop's `FrameTiming`s |
| `SHAPE` | strings to shape before the next batch (`u32` length + UTF-8 each; process transport) |

Up (renderer -> app):

| kind | payload |
| --- | --- |
| `FRAME` | `seq u32, batches u32, now_ms f64`, then the engine's 32-byte event records |
| `NEED_REBUILD` | `generation u32`, then the crash reason (UTF-8) |
| `DUMP_RESULT` | `seq u32`, then the dump (UTF-8) |
| `PIXELS` | `seq u32, w u32, h u32`, then RGBA (unpremultiplied) rows |
| `CLOSED` | (the window was closed) |
| `ERROR` | the failure as UTF-8 text |
| `CRASH_LOOP` | `crashes u32, window_ms f64`, then the last crash's reason (UTF-8) |
| `READY` | the renderer process built its frame loop |
| `TIMINGS_RESULT` | `seq u32, missed u32`, then `FrameTiming` records (`TIMING` struct) |
| `IMAGES_WANTED` | `missed u32`, then the ids it missed, then those it drew |
| `EXITED` | `code i32`, then why (UTF-8): the renderer process is gone (the app end makes it) |

`IMAGE_*`, `READY`, `IMAGES_WANTED` and `EXITED` belong to the process
transport (`_process_bus.py`). `seq` 0 in `FRAME`/`PIXELS` means "not an
answer to a request".
"""

from __future__ import annotations

import enum
import queue
import struct
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

__all__ = ["AppSide", "AppSideBase", "Bus", "Down", "RendererSide", "Up"]


class Down(enum.IntEnum):
    """Kinds of app -> renderer messages."""

    BATCH = 1
    COMMANDS = 2
    STEP = 3
    RESIZE = 4
    REBUILD = 5
    DUMP = 6
    SCREENSHOT = 7
    STOP = 8
    KEYS = 9
    IMAGE_PIXELS = 10
    IMAGE_FORGET = 11
    TIMINGS = 12
    SHAPE = 13


class Up(enum.IntEnum):
    """Kinds of renderer -> app messages."""

    FRAME = 1
    NEED_REBUILD = 2
    DUMP_RESULT = 3
    PIXELS = 4
    CLOSED = 5
    ERROR = 6
    CRASH_LOOP = 7
    READY = 8
    TIMINGS_RESULT = 9
    IMAGES_WANTED = 10
    EXITED = 11


U32 = struct.Struct("<I")
STEP = struct.Struct("<Id")
SIZE = struct.Struct("<II")
FRAME = struct.Struct("<IId")
PIXELS = struct.Struct("<III")
IMAGE = struct.Struct("<IIII")
TIMINGS = struct.Struct("<II")
EXITED = struct.Struct("<i")


class AppSide(Protocol):
    """What the app thread uses of a transport (the thread `Bus`, the process `AppEnd`)."""

    def send(self, data: bytes) -> None:
        """Queues one down message (kind byte + payload)."""
        ...

    def send_batch(self, batch: bytes) -> None:
        """Queues a scene-root batch."""
        ...

    def send_commands(self, commands: bytes) -> None:
        """Queues runtime commands."""
        ...

    def send_keys(self, keys: bytes) -> None:
        """Queues `KEY` commands."""
        ...

    def send_step(self, seq: int, now_ms: float) -> None:
        """Asks for one frame (stepped mode)."""
        ...

    def send_rebuild(self, generation: int, batch: bytes) -> None:
        """Answers `NEED_REBUILD`."""
        ...

    def send_request(self, kind: Down, seq: int) -> None:
        """Queues a request (`DUMP`, `SCREENSHOT`, `TIMINGS`)."""
        ...

    def send_resize(self, width: int, height: int) -> None:
        """Asks for a new surface size."""
        ...

    def send_stop(self) -> None:
        """Asks the renderer side to finish."""
        ...

    def send_shape(self, texts: Sequence[str]) -> None:
        """Strings the renderer side shapes before the next batch (process mode)."""
        ...

    def set_on_post(self, hook: Callable[[], None] | None) -> None:
        """Sets the hook called (on another thread) when up messages arrive."""
        ...

    def take_up(self) -> list[bytes]:
        """Every up message received so far (never blocks)."""
        ...


class RendererSide(Protocol):
    """What the frame loop uses of a transport."""

    def receive(self, timeout: float | None) -> bytes | memoryview | None:
        """The next down message, or None after `timeout` seconds."""
        ...

    def post(self, data: bytes) -> None:
        """Posts one up message."""
        ...

    def post_frame(self, seq: int, batches: int, now_ms: float, records: bytes) -> None:
        """Posts a frame's acknowledgement counter and event records."""
        ...


def unpack_texts(payload: bytes | memoryview) -> list[str]:
    """The strings of a `SHAPE` payload.

    Raises:
        ValueError: a length runs past the payload.
    """
    texts: list[str] = []
    data, at = bytes(payload), 0
    while at < len(data):
        (length,) = U32.unpack_from(data, at)
        at += U32.size
        if at + length > len(data):
            raise ValueError(f"SHAPE: a {length}-byte string runs past the message")
        texts.append(data[at:at + length].decode("utf-8", "replace"))
        at += length
    return texts


def message(kind: int, *parts: bytes | bytearray | memoryview) -> bytes:
    """Joins a kind byte and payload parts into one message."""
    return b"".join((bytes((kind,)), *parts))  # one copy: join reads any buffer


class AppSideBase:
    """The app side every transport shares: typed down messages over one `_send_parts`
    (each transport's own), and an inbox of up messages with a wake-up hook."""

    def __init__(self) -> None:
        self._up: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._hook_lock = threading.Lock()
        self._on_post: Callable[[], None] | None = None

    def _send_parts(self, kind: int, *parts: bytes | bytearray | memoryview) -> None:
        raise NotImplementedError

    def send(self, data: bytes) -> None:
        """Sends one down message (kind byte + payload; any thread)."""
        if not data:
            raise ValueError("a bus message needs at least its kind byte")
        self._send_parts(data[0], memoryview(data)[1:])

    def send_batch(self, batch: bytes) -> None:
        """Sends a scene-root batch."""
        self._send_parts(Down.BATCH, batch)

    def send_commands(self, commands: bytes) -> None:
        """Sends runtime commands (fonts, keys, focus)."""
        self._send_parts(Down.COMMANDS, commands)

    def send_keys(self, keys: bytes) -> None:
        """Sends `KEY` commands (replayed into a fresh engine if a crash lost them)."""
        self._send_parts(Down.KEYS, keys)

    def send_step(self, seq: int, now_ms: float) -> None:
        """Asks for one frame at `now_ms` (stepped mode)."""
        self._send_parts(Down.STEP, STEP.pack(seq, now_ms))

    def send_rebuild(self, generation: int, batch: bytes) -> None:
        """Answers `NEED_REBUILD` with the batch that recreates the scene."""
        self._send_parts(Down.REBUILD, U32.pack(generation), batch)

    def send_request(self, kind: Down, seq: int) -> None:
        """Sends a `DUMP`, `SCREENSHOT` or `TIMINGS` request."""
        self._send_parts(kind, U32.pack(seq))

    def send_resize(self, width: int, height: int) -> None:
        """Asks the renderer to resize its surface and viewport."""
        self._send_parts(Down.RESIZE, SIZE.pack(width, height))

    def send_stop(self) -> None:
        """Asks the renderer side to finish."""
        self._send_parts(Down.STOP)

    def send_shape(self, texts: Sequence[str]) -> None:
        """Strings the renderer side shapes (`SHAPED_TEXT`) before the next batch."""
        encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
        self._send_parts(Down.SHAPE, *(U32.pack(len(e)) + e for e in encoded))

    def set_on_post(self, hook: Callable[[], None] | None) -> None:
        """Sets the wake-up hook called (on the other thread) after each up message."""
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

    def _deliver(self, data: bytes) -> None:
        """Queues one up message and wakes the app side."""
        self._up.put(data)
        with self._hook_lock:
            hook = self._on_post
        if hook is not None:
            hook()


class Bus(AppSideBase):
    """The thread transport: two FIFO queues of byte messages and a wake-up hook.

    The renderer thread blocks on `receive` (with a timeout: it keeps its own
    frame clock); the app thread is told about `post`ed messages through the
    `on_post` hook (the App sets it to `loop.call_soon_threadsafe(...)`), then
    drains them with `take_up`.
    """

    def __init__(self) -> None:
        super().__init__()
        self._down: queue.SimpleQueue[bytes] = queue.SimpleQueue()

    def send(self, data: bytes) -> None:
        """Queues one down message as it is (any thread)."""
        if not data:
            raise ValueError("a bus message needs at least its kind byte")
        self._down.put(data)

    def _send_parts(self, kind: int, *parts: bytes | bytearray | memoryview) -> None:
        self._down.put(message(kind, *parts))

    # Renderer side ----------------------------------------------------------

    def receive(self, timeout: float | None) -> bytes | None:
        """The next down message, waiting up to `timeout` seconds (None = forever)."""
        try:
            return self._down.get(timeout=timeout) if timeout != 0 else self._down.get_nowait()
        except queue.Empty:
            return None

    def post(self, data: bytes) -> None:
        """Posts one up message and wakes the app side."""
        self._deliver(data)

    def post_frame(self, seq: int, batches: int, now_ms: float, records: bytes) -> None:
        """Posts a frame's acknowledgement counter and its event records (the engine's bytes)."""
        self.post(message(Up.FRAME, FRAME.pack(seq, batches, now_ms), records))
