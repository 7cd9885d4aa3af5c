"""The renderer process's copy of image pixels (process transport).

Each image's pixels live in an anonymous shared file (`SharedPixels`), so the
image scaler's worker can map them without a copy.

In process mode the app's `ImageManager` still fetches, decodes and budgets
images; it ships the pixels of each image once it is loaded
(`IMAGE_PIXELS`), and says when to drop them (`IMAGE_FORGET`). The painter
reads them here. Which images the painter used or missed goes back to the
app at most every `REPORT_INTERVAL_S` (`IMAGES_WANTED`): the manager counts
them as drawn (what is on screen is never evicted) and re-decodes or re-ships
the ones missing.
"""

from __future__ import annotations

import struct
import time
from typing import Any

from renderer.lowlevel import SharedPixels

__all__ = ["PixelStore"]

REPORT_INTERVAL_S = 0.1
_IMAGE = struct.Struct("<IIII")


class PixelStore:
    """Image id -> `skia.Image`; an `ImageProvider` for the painter."""

    def __init__(self) -> None:
        self._images: dict[int, SharedPixels] = {}
        self._drawn: set[int] = set()
        self._missed: set[int] = set()
        self._reported = 0.0

    def __len__(self) -> int:
        return len(self._images)

    def close(self) -> None:
        """Drops every image's pixels."""
        for shared in self._images.values():
            shared.close()
        self._images.clear()

    def put(self, payload: bytes | memoryview) -> int:
        """Stores the pixels of one `IMAGE_PIXELS` payload (copied); returns the image id.

        Raises:
            ValueError: the payload's size does not match its header.
        """
        image_id, width, height, row_bytes = _IMAGE.unpack_from(payload)
        pixels = memoryview(payload)[_IMAGE.size:]
        if width <= 0 or height <= 0 or row_bytes < width * 4 or \
                len(pixels) != row_bytes * height:
            raise ValueError(f"IMAGE_PIXELS for image {image_id}: {len(pixels)} bytes do not "
                             f"make {width}x{height} pixels of {row_bytes}-byte rows")
        shared = SharedPixels(width, height, row_bytes)
        shared.buffer[:] = pixels.cast("B")
        old = self._images.pop(image_id, None)
        if old is not None:
            old.close()
        self._images[image_id] = shared
        self._missed.discard(image_id)
        return int(image_id)

    def shared(self, image_id: int) -> SharedPixels | None:
        """The shared pixels of `image_id` (what the scaler maps), or None."""
        return self._images.get(image_id)

    def forget(self, image_id: int) -> None:
        """Drops an image's pixels."""
        shared = self._images.pop(image_id, None)
        if shared is not None:
            shared.close()

    def skia_image(self, image_id: int) -> Any | None:
        """The pixels of `image_id`, or None (the miss is reported to the app)."""
        shared = self._images.get(image_id)
        if shared is None:
            self._missed.add(image_id)
            return None
        self._drawn.add(image_id)
        return shared.image

    def take_report(self, now_s: float | None = None) -> bytes | None:
        """`missed u32`, then the missed ids, then the drawn ids; None when not due or empty."""
        now = time.monotonic() if now_s is None else now_s
        if not (self._missed or self._drawn) or now - self._reported < REPORT_INTERVAL_S:
            return None
        self._reported = now
        missed, drawn = sorted(self._missed), sorted(self._drawn - self._missed)
        self._missed.clear()
        self._drawn.clear()
        ids = missed + drawn
        return struct.pack(f"<I{len(ids)}I", len(missed), *ids)
