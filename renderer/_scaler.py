"""Scaling images to display size in a worker process, off the frame path.

The painter draws each image from a copy scaled to its size on screen; making
that copy from a full-HD source costs 10-150 ms of Skia, during which a frame
cannot be painted. With a `Scaler`, the painter asks for the copy instead
(`request`) and leaves the node's background showing for now; a worker
process (forked from a single-threaded renderer process, so it has Skia
already) scales it and hands it back, and the frame loop gives it to the
painter (`take_ready`) and has the engine repaint the nodes showing it.

Pixels cross without pickling or copying through pipes: an image to scale
lives in an anonymous shared file (`memfd`, see `SharedPixels`), whose
descriptor is passed over a Unix socket with the request; the worker maps
it, scales with Skia, writes the result into a new `memfd` and passes that
back. Nothing has a name in `/dev/shm`, so nothing can be left behind.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import os
import socket
import struct
from collections.abc import Callable
from typing import Any

from renderer._skia import skia

__all__ = ["Scaler", "SharedPixels"]

logger = logging.getLogger(__name__)

BACKGROUND_NICENESS = 10
"""How much lower than the renderer the scaler process runs."""

_REQUEST = struct.Struct("<IIIIIII")
"""seq, image id, source width, height, row bytes, target width, height."""
_REPLY = struct.Struct("<IIIII")
"""seq, image id, width, height, row bytes (0: the worker could not scale it)."""


class SharedPixels:
    """N32 premultiplied pixels in an anonymous shared file, and a `skia.Image` over them.

    The image reads the mapping without a copy: keep this object as long as
    the image is drawn.
    """

    def __init__(self, width: int, height: int, row_bytes: int, fd: int | None = None) -> None:
        size = row_bytes * height
        self.fd = fd if fd is not None else os.memfd_create("marquee-pixels", os.MFD_CLOEXEC)
        try:
            if fd is None:
                os.ftruncate(self.fd, size)
            self._map = mmap.mmap(self.fd, size)
        except BaseException:
            os.close(self.fd)
            raise
        self.width, self.height, self.row_bytes = width, height, row_bytes
        info = skia.ImageInfo.MakeN32Premul(width, height)
        self.image: Any = skia.Image.MakeRasterData(
            info, skia.Data.MakeWithoutCopy(self._map), row_bytes)
        if self.image is None:
            self.close()
            raise ValueError(f"Skia refused {width}x{height} pixels of {row_bytes}-byte rows")

    @property
    def buffer(self) -> mmap.mmap:
        """The pixels (writable)."""
        return self._map

    def close(self) -> None:
        """Drops the image, the mapping and the descriptor (idempotent)."""
        self.image = None
        if self.fd >= 0:
            with contextlib.suppress(BufferError, ValueError):
                self._map.close()
            os.close(self.fd)
            self.fd = -1


def _sampling(downscale: bool) -> Any:
    if downscale:
        return skia.SamplingOptions(skia.FilterMode.kLinear, skia.MipmapMode.kLinear)
    return skia.SamplingOptions(skia.CubicResampler.Mitchell())


def _serve(sock: socket.socket) -> None:
    """The worker: scale what comes in until the socket closes."""
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(sock, _REQUEST.size, 1)
        except OSError:
            return
        if not data:
            return
        seq, image_id, width, height, row_bytes, out_w, out_h = _REQUEST.unpack(data)
        reply = _REPLY.pack(seq, image_id, 0, 0, 0)
        result: SharedPixels | None = None
        try:
            source = SharedPixels(width, height, row_bytes, fds[0])
            try:
                scaled = source.image.resize(out_w, out_h,
                                             _sampling(out_w < width or out_h < height))
            finally:
                source.close()
            result = SharedPixels(out_w, out_h, out_w * 4)
            info = skia.ImageInfo.MakeN32Premul(out_w, out_h)
            if scaled is not None and scaled.readPixels(info, result.buffer, out_w * 4, 0, 0):
                reply = _REPLY.pack(seq, image_id, out_w, out_h, out_w * 4)
        except (OSError, ValueError, IndexError):
            logger.exception("the image scaler failed on image %d", image_id)
        sent = [result.fd] if result is not None and reply[8:] != bytes(12) else []
        try:
            socket.send_fds(sock, [reply], sent)
        except OSError:
            return
        finally:
            if result is not None:
                result.close()  # the receiver has its own descriptor now


class Scaler:
    """Scales images in a forked worker process; see the module docstring.

    Fork it while the process has a single thread (the renderer process
    does so first thing). `pixels(image_id)` gives the `SharedPixels` of an
    image to scale (the renderer's pixel store).

    Raises:
        OSError: the worker could not be started.
    """

    def __init__(self, pixels: Callable[[int], SharedPixels | None]) -> None:
        self._pixels = pixels
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                ours.close()
                os.nice(BACKGROUND_NICENESS)  # frames first on a busy CPU
                _serve(theirs)
                code = 0
            finally:
                os._exit(code)
        theirs.close()
        ours.setblocking(False)
        self._sock: socket.socket | None = ours
        self.pid = pid
        self._seq = 0
        self._pending: dict[int, tuple[int, int, int]] = {}
        self._asked: set[tuple[int, int, int]] = set()
        self.scaled = 0
        """Copies made so far (tests and stats)."""

    @property
    def pending(self) -> int:
        """Requests not answered yet."""
        return len(self._pending)

    def request(self, image_id: int, width: int, height: int) -> bool:
        """Asks for `image_id` at `width` x `height`; False if it cannot be asked (no
        shared pixels, or the worker is gone): the caller scales it itself."""
        key = (image_id, width, height)
        if key in self._asked:
            return True
        source = self._pixels(image_id)
        if source is None or self._sock is None:
            return False
        self._seq += 1
        head = _REQUEST.pack(self._seq, image_id, source.width, source.height,
                             source.row_bytes, width, height)
        try:
            socket.send_fds(self._sock, [head], [source.fd])
        except OSError as exc:
            logger.warning("the image scaler is gone (%s); scaling on the frame path", exc)
            self._sock = None
            return False
        self._pending[self._seq] = key
        self._asked.add(key)
        return True

    def take_ready(self) -> list[tuple[int, int, int, SharedPixels]]:
        """`(image id, width, height, pixels)` for every copy finished since the last call."""
        out: list[tuple[int, int, int, SharedPixels]] = []
        while self._sock is not None:
            try:
                data, fds, _flags, _addr = socket.recv_fds(self._sock, _REPLY.size, 1)
            except BlockingIOError:
                break
            except OSError:
                self._sock = None
                break
            if not data:
                self._sock = None
                break
            seq, image_id, width, height, row_bytes = _REPLY.unpack(data)
            key = self._pending.pop(seq, None)
            if key is not None:
                self._asked.discard(key)
            if not fds:
                continue
            out.append((image_id, width, height, SharedPixels(width, height, row_bytes, fds[0])))
            self.scaled += 1
        return out

    def close(self) -> None:
        """Ends the worker (idempotent)."""
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
