"""Decoding images in worker processes, outside the app's and the renderer's interpreters.

Skia holds the GIL while it decodes (a full-HD JPEG: ~20 ms). On the image
manager's threads that stalls whatever else the process runs. With a
`DecoderPool` the threads still fetch, but hand the bytes to a small pool
of worker processes (`forkserver`: safe to start from a process that
already runs threads), which decode, downscale to the manager's `max_size`
and send back plain pixel rows; the thread wraps them as a `skia.Image`.
The pixels cross a pipe once (this is not the frame path); an
`ImageLoadError` crosses back as itself.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
from typing import Any

from renderer._image_errors import ImageLoadError
from renderer._image_fetch import Decoded, decode_image
from renderer._skia import skia

__all__ = ["DecoderPool", "decode_to_rows"]

BACKGROUND_NICENESS = 10
"""How much lower than the app and the renderer the decoder processes run."""

Rows = tuple[int, int, int, bytes, int, int, int]
"""width, height, row bytes, pixels, intrinsic width, intrinsic height, decoder pid."""


def _background() -> None:
    """Worker start: decoding is background work, frames come first on a busy CPU."""
    os.nice(BACKGROUND_NICENESS)


def _warm() -> int:
    """A first task: the worker imports this module (and Skia) before an image waits."""
    return os.getpid()


def decode_to_rows(src: str, data: bytes, max_size: tuple[int, int] | None,
                   max_pixels: int) -> Rows:
    """`decode_image` in a worker: the pixels as N32 premultiplied rows (picklable)."""
    decoded = decode_image(src, data, max_size, max_pixels)
    image = decoded.image
    width, height = int(image.width()), int(image.height())
    rows = bytearray(width * height * 4)
    info = skia.ImageInfo.MakeN32Premul(width, height)
    if not image.readPixels(info, rows, width * 4, 0, 0):
        raise ImageLoadError(src, "the decoded pixels could not be read")
    return width, height, width * 4, bytes(rows), decoded.width, decoded.height, os.getpid()


def image_from_rows(src: str, rows: Rows) -> Decoded:
    """A `Decoded` over a copy of the rows (Skia owns the copy)."""
    width, height, row_bytes, pixels, intrinsic_w, intrinsic_h, _pid = rows
    bitmap = skia.Bitmap()
    if not bitmap.tryAllocPixels(skia.ImageInfo.MakeN32Premul(width, height), row_bytes):
        raise ImageLoadError(src, f"cannot allocate {width}x{height} pixels")
    target = memoryview(bitmap).cast("B")
    target[:] = pixels
    target.release()
    bitmap.setImmutable()
    return Decoded(skia.Image.MakeFromBitmap(bitmap), intrinsic_w, intrinsic_h)


class DecoderPool:
    """A few worker processes that decode images.

    Args:
        workers: processes (started at once, in the background).
    """

    def __init__(self, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError(f"DecoderPool needs at least one worker, got {workers}")
        context = multiprocessing.get_context("forkserver")
        # The server preloads nothing, never the app's __main__ (a `python -m sdk run`
        # would start the CLI again); the workers import Skia themselves, niced.
        context.set_forkserver_preload([])
        self._executor = futures.ProcessPoolExecutor(
            workers, mp_context=context, initializer=_background)
        for _ in range(workers):  # workers start (and import) now, not at the first image
            self._executor.submit(_warm)
        self.pids: set[int] = set()
        """The processes that decoded something so far."""

    def decode(self, src: str, data: bytes, max_size: tuple[int, int] | None,
               max_pixels: int) -> Decoded:
        """Decodes in a worker; blocks the calling thread (one of the manager's) until done.

        Raises:
            ImageLoadError: the image could not be decoded (or the pool broke).
        """
        try:
            rows: Any = self._executor.submit(decode_to_rows, src, data, max_size,
                                              max_pixels).result()
        except futures.process.BrokenProcessPool as exc:
            raise ImageLoadError(src, f"the decoder process died: {exc}") from exc
        except RuntimeError as exc:  # shut down meanwhile
            raise ImageLoadError(src, f"decoding stopped: {exc}") from exc
        self.pids.add(rows[6])
        return image_from_rows(src, rows)

    def close(self) -> None:
        """Stops the workers (waits for them, so none is left behind)."""
        self._executor.shutdown(wait=True, cancel_futures=True)
