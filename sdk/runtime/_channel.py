"""The process transport's wire: framed messages over a socket, big ones through shared memory.

Each end of a socketpair sends messages as `u32 length` + the message (the
bus's own bytes: a kind byte, then its payload). A message of
`RING_THRESHOLD` bytes or more is written once into a shared-memory ring
instead, and the socket carries only a small reference to it
(`RING_REF`: `start u64, length u32`), so a 1 MB batch costs one copy into
shared memory, not two through the kernel. Nothing is pickled.

Rings: one per direction, created (and unlinked at close) by the app process,
which owns every segment; the renderer process maps them by name without
registering them anywhere. A ring is a 64-byte header (the reader's `tail`,
a monotonic `u64` byte count) and a data area. The writer keeps its own
`head`; a message that would not fit before the end of the area starts over
at its beginning, and the skipped bytes count as read once the message is.
A message that does not fit at all (the reader is behind, or it is bigger
than half the ring) goes inline through the socket: slower, never lost.

Reading: the renderer end hands ring messages out as views into the ring and
marks them read on its next `receive` (the frame loop never keeps a view);
the app end copies them out at once on its reader thread.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import secrets
import select
import socket
import struct
import threading
import time
from multiprocessing import shared_memory

__all__ = [
    "RING_THRESHOLD",
    "Channel",
    "ChannelClosed",
    "Ring",
    "RingSegment",
]

RING_THRESHOLD = 64 * 1024
"""Messages at least this long go through the ring (when one is attached)."""

_LENGTH = struct.Struct("<I")
_REF = struct.Struct("<BQI")
_RING_REF = 0xFF
"""First byte of a socket message that points into the ring (bus kinds are < 0x80)."""
_TAIL = struct.Struct("<Q")
_HEADER = 64
_MAX_MESSAGE = 1 << 30


class ChannelClosed(ConnectionError):
    """The other end closed its socket (it exited or died)."""


class RingSegment:
    """A shared-memory segment for one ring, created by the app process (which unlinks it).

    Args:
        size: data bytes (the header comes on top).
        prefix: the segment's name starts with it (tests look for leftovers by it).
    """

    def __init__(self, size: int, prefix: str = "marquee") -> None:
        name = f"{prefix}-{os.getpid()}-{secrets.token_hex(4)}"
        self._shm: shared_memory.SharedMemory | None = shared_memory.SharedMemory(
            name=name, create=True, size=_HEADER + size)
        self.name = name
        self.size = size

    @property
    def buffer(self) -> memoryview:
        """The segment's bytes (header and data)."""
        buffer = None if self._shm is None else self._shm.buf
        if buffer is None:
            raise ValueError(f"ring segment {self.name} is closed")
        return buffer

    def close(self) -> None:
        """Unmaps and unlinks the segment (idempotent)."""
        shm, self._shm = self._shm, None
        if shm is None:
            return
        shm.close()
        with contextlib.suppress(FileNotFoundError):  # a tracker got there first
            shm.unlink()


def attach_segment(name: str) -> mmap.mmap:
    """Maps a segment the app created, by name, without the resource tracker.

    (Python 3.11's `SharedMemory(name)` registers an attached segment with a
    tracker that unlinks it when this process exits: the owner's job.)
    """
    fd = os.open(f"/dev/shm/{name}", os.O_RDWR)
    try:
        return mmap.mmap(fd, os.fstat(fd).st_size)
    finally:
        os.close(fd)


class Ring:
    """One end of a ring over a segment's buffer (`writer` or reader)."""

    def __init__(self, buffer: memoryview | mmap.mmap, *, writer: bool) -> None:
        self._view = memoryview(buffer)
        self._data = self._view[_HEADER:]
        self.capacity = len(self._data)
        self._writer = writer
        self._head = 0
        if writer:
            _TAIL.pack_into(self._view, 0, 0)

    def reserve(self, length: int) -> tuple[int, memoryview] | None:
        """Space for a `length`-byte message: `(start, view)`, or None if it does not fit now."""
        capacity = self.capacity
        if length > capacity // 2:
            return None
        head = self._head
        at = head % capacity
        start = head + (capacity - at if at + length > capacity else 0)
        if start + length - _TAIL.unpack_from(self._view, 0)[0] > capacity:
            return None
        self._head = start + length
        at = start % capacity
        return start, self._data[at:at + length]

    def read(self, start: int, length: int) -> memoryview:
        """The message at `start` (checked against the ring's size)."""
        at = start % self.capacity
        if length > self.capacity - at:
            raise ValueError(f"ring reference out of range: start {start}, length {length}")
        return self._data[at:at + length]

    def release(self, start: int, length: int) -> None:
        """Marks everything up to the end of the message at `start` as read."""
        _TAIL.pack_into(self._view, 0, start + length)

    def close(self) -> None:
        """Drops the views (the segment's owner unmaps it)."""
        for view in (self._data, self._view):
            # A view handed out may still be alive; the mapping then outlives it.
            with contextlib.suppress(BufferError):
                view.release()


class Channel:
    """Framed messages over a connected socket, big ones through `out_ring`/`in_ring`.

    `send` is thread-safe; `receive` belongs to one thread.
    """

    def __init__(self, sock: socket.socket, *, out_ring: Ring | None = None,
                 in_ring: Ring | None = None) -> None:
        self.sock = sock
        self._out = out_ring
        self._in = in_ring
        self._send_lock = threading.Lock()
        self._buffer = bytearray()
        self._pending: tuple[int, int] | None = None  # a ring message handed out, not yet read
        self._closed = False
        self.sent_bytes = 0
        self.ring_messages = 0

    def attach_rings(self, out_ring: Ring | None, in_ring: Ring | None) -> None:
        """Attaches the rings once their names are known (the renderer process's start)."""
        self._out, self._in = out_ring, in_ring

    def send(self, kind: int, *parts: bytes | bytearray | memoryview) -> None:
        """Sends one message: `kind`, then `parts` (copied once, into the ring or the socket).

        Raises:
            ChannelClosed: the other end is gone.
        """
        length = 1 + sum(len(p) for p in parts)
        with self._send_lock:
            ring = self._out
            slot = ring.reserve(length) if ring is not None and length >= RING_THRESHOLD else None
            if slot is not None:
                start, view = slot
                view[0] = kind
                at = 1
                for part in parts:
                    view[at:at + len(part)] = part
                    at += len(part)
                view.release()
                self.ring_messages += 1
                wire = _LENGTH.pack(_REF.size) + _REF.pack(_RING_REF, start, length)
            else:
                wire = b"".join((_LENGTH.pack(length), bytes((kind,)), *parts))
            self.sent_bytes += length
            try:
                self.sock.sendall(wire)
            except OSError as exc:
                raise ChannelClosed(f"the other end of the channel is gone: {exc}") from exc

    def receive(self, timeout: float | None) -> bytes | memoryview | None:
        """The next message, waiting up to `timeout` s (None: forever); None on timeout.

        A ring message is a view, valid until the next `receive`.

        Raises:
            ChannelClosed: the other end closed the socket.
        """
        self._release_pending()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            message = self._parse()
            if message is not None:
                return message
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not self._fill(wait):
                return None

    def receive_copy(self, timeout: float | None) -> bytes | None:
        """Like `receive`, but always a `bytes` copy (a ring message is read at once)."""
        message = self.receive(timeout)
        if isinstance(message, memoryview):
            copy = bytes(message)
            self._release_pending()
            return copy
        return message

    def _release_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and self._in is not None:
            self._in.release(*pending)

    def _parse(self) -> bytes | memoryview | None:
        buffer = self._buffer
        if len(buffer) < _LENGTH.size:
            return None
        (length,) = _LENGTH.unpack_from(buffer, 0)
        if length == 0 or length > _MAX_MESSAGE:
            raise ChannelClosed(f"corrupt channel: a message of {length} bytes")
        end = _LENGTH.size + length
        if len(buffer) < end:
            return None
        body = bytes(buffer[_LENGTH.size:end])
        del buffer[:end]
        if body[0] != _RING_REF:
            return body
        if self._in is None or len(body) != _REF.size:
            raise ChannelClosed("corrupt channel: a ring reference without a ring")
        _, start, size = _REF.unpack(body)
        view = self._in.read(start, size)
        self._pending = (start, size)
        return view

    def _fill(self, timeout: float | None) -> bool:
        """Reads what the socket has (waiting up to `timeout`); False on timeout."""
        if timeout is not None:
            ready, _, _ = select.select([self.sock], [], [], timeout)
            if not ready:
                return False
        try:
            chunk = self.sock.recv(1 << 16)
        except (ConnectionResetError, BrokenPipeError) as exc:
            raise ChannelClosed(f"the other end of the channel is gone: {exc}") from exc
        if not chunk:
            raise ChannelClosed("the other end closed the channel")
        self._buffer += chunk
        return True

    def close(self) -> None:
        """Closes the socket and drops the ring views (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._pending = None
        for ring in (self._out, self._in):
            if ring is not None:
                ring.close()
        with contextlib.suppress(OSError):  # already disconnected
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
