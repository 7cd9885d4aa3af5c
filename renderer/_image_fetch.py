"""Fetching and decoding one image source, off the frame path.

These functions run on the image manager's worker threads; they touch no
shared state. A source is a local file path, a `file://` URL or an `http(s)://`
URL. Every failure becomes an `ImageLoadError` whose message names the source
and the reason (HTTP status, connection refused, timeout, file not found, not
an image), so the app can show it and the frame loop never sees an exception.

Decoding forces the pixels into the surface's native format now, on the
worker (Skia's `MakeFromEncoded` is lazy and would decode at first draw, on
the frame path). A `skia.Codec` decodes straight into a Skia-owned N32
premultiplied bitmap, converting gray, RGB, unpremultiplied and 16-bit
sources; the image shares the bitmap's pixels. When `max_size` asks for a
smaller image, JPEG (n/8) and WebP decode at a native scale, and whatever
reduction remains is one linear draw (mipmapped past 2x). JPEGs decode in strips of
`STRIP_ROWS` rows: skia-python holds the GIL inside each call, and strips
let the frame thread run between them. Other formats decode in one call.
EXIF-rotated sources are decoded by drawing `MakeFromEncoded`'s image, which
applies the orientation.
"""

from __future__ import annotations

import errno
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from renderer._skia import skia

__all__ = ["Decoded", "ImageLoadError", "decode_image", "draw_scaled", "fetch_bytes", "fit_size",
           "is_url"]

_CHUNK = 64 * 1024
STRIP_ROWS = 32
"""Rows decoded per call where the codec can decode in strips (JPEG)."""
MAX_SOURCE_PIXELS = 64 * 1024 * 1024
"""Largest source decoded (64 Mpx, 256 MiB of pixels before any downscale)."""


class ImageLoadError(Exception):
    """An image source could not be fetched or decoded.

    Attributes:
        src: the source as the app gave it.
        reason: what went wrong, e.g. ``HTTP 404 Not Found``.
    """

    def __init__(self, src: str, reason: str) -> None:
        super().__init__(f"image {src!r}: {reason}")
        self.src = src
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    """A decoded image: native-format pixels plus the source's own size."""

    image: Any
    """The `skia.Image` (raster, N32 premultiplied), at most `max_size`."""
    width: int
    """Intrinsic width of the source in pixels (before any downscale)."""
    height: int
    """Intrinsic height of the source in pixels."""

    @property
    def nbytes(self) -> int:
        """Bytes of pixels held (4 per pixel)."""
        return int(self.image.width()) * int(self.image.height()) * 4


def is_url(src: str) -> bool:
    """Whether `src` is an http(s) URL (anything else is a file)."""
    return src.startswith(("http://", "https://"))


def fetch_bytes(src: str, *, timeout_s: float, max_bytes: int) -> bytes:
    """Reads the encoded bytes of `src` (file path, `file://` or http(s) URL).

    Raises:
        ImageLoadError: the source is missing, unreachable, too slow, too big
            or answered with an HTTP error status.
    """
    if is_url(src):
        return _fetch_http(src, timeout_s, max_bytes)
    path = Path(urllib.parse.unquote(src[7:])) if src.startswith("file://") else Path(src)
    return _read_file(src, path, max_bytes)


def _read_file(src: str, path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ImageLoadError(src, f"file not found: {path}") from None
    except IsADirectoryError:
        raise ImageLoadError(src, f"is a directory, not an image file: {path}") from None
    except OSError as exc:
        raise ImageLoadError(src, f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ImageLoadError(src, f"file is larger than the {max_bytes}-byte limit")
    return data


def _fetch_http(src: str, timeout_s: float, max_bytes: int) -> bytes:
    # urllib's timeout bounds each socket operation; the deadline bounds the
    # whole transfer, so a server trickling bytes cannot hold a worker forever.
    deadline = time.monotonic() + timeout_s
    request = urllib.request.Request(src, headers={"User-Agent": "marquee-images/1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            length = response.headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) > max_bytes:
                raise ImageLoadError(
                    src, f"response of {length} bytes exceeds the {max_bytes}-byte limit")
            return _read_body(src, response, deadline, timeout_s, max_bytes)
    except ImageLoadError:
        raise
    except urllib.error.HTTPError as exc:
        raise ImageLoadError(src, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise ImageLoadError(src, _network_reason(exc.reason, timeout_s)) from None
    except TimeoutError:
        raise ImageLoadError(src, f"timed out after {timeout_s:g} s") from None
    except OSError as exc:
        raise ImageLoadError(src, _network_reason(exc, timeout_s)) from None


def _read_body(src: str, response: Any, deadline: float, timeout_s: float, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise ImageLoadError(src, f"timed out after {timeout_s:g} s (body too slow)")
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise ImageLoadError(src, f"response exceeds the {max_bytes}-byte limit")
        chunks.append(chunk)


def _network_reason(reason: object, timeout_s: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout_s:g} s"
    if isinstance(reason, ConnectionRefusedError) or (
        isinstance(reason, OSError) and reason.errno == errno.ECONNREFUSED
    ):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return f"host not found ({reason.strerror})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error: {reason.strerror}"
    return f"network error: {reason}"


def decode_image(src: str, data: bytes, max_size: tuple[int, int] | None) -> Decoded:
    """Decodes `data` into a native N32 premultiplied raster image.

    With `max_size`, an image larger than that box is downscaled to fit it
    (aspect kept); the intrinsic size reported stays the source's.

    Raises:
        ImageLoadError: `data` is not an image Skia can decode, or is too large.
    """
    # skia-python's Codec does not keep its SkData alive: this local does.
    encoded = skia.Data.MakeWithCopy(data)
    codec = _codec(encoded) if data else None
    if codec is None:
        raise ImageLoadError(src, f"not an image ({len(data)} bytes starting {data[:16]!r})")
    dims = codec.dimensions()
    width, height = int(dims.width()), int(dims.height())
    if width * height > MAX_SOURCE_PIXELS:
        raise ImageLoadError(
            src, f"{width}x{height} exceeds the {MAX_SOURCE_PIXELS}-pixel decode limit")
    if codec.getOrigin() != skia.kTopLeft_EncodedOrigin:
        return _decode_by_drawing(src, encoded, max_size)
    out_w, out_h = fit_size(width, height, max_size)
    image = _decode_pixels(src, codec, _codec_size(codec, width, height, out_w, out_h))
    if (image.width(), image.height()) != (out_w, out_h):
        image = draw_scaled(src, image, out_w, out_h)
    return Decoded(image, width, height)


def _decode_pixels(src: str, codec: Any, size: tuple[int, int]) -> Any:
    """Decodes into a Skia-owned N32 premultiplied bitmap of `size` (a native scale)."""
    info = skia.ImageInfo.MakeN32Premul(*size)
    bitmap = skia.Bitmap()
    if not bitmap.tryAllocPixels(info):
        raise ImageLoadError(src, f"cannot allocate {size[0]}x{size[1]} pixels")
    pixels = memoryview(bitmap).cast("B")
    row_bytes = int(bitmap.rowBytes())
    # skia-python mislabels ScanlineOrder's members; 0 is top-down.
    if codec.startScanlineDecode(info) == skia.Codec.kSuccess and \
            int(codec.getScanlineOrder()) == 0:
        _decode_rows(codec, pixels, size[1], row_bytes)
    else:
        result = codec.getPixels(info, pixels, row_bytes)
        # Incomplete or partly corrupt input still yields the rows that decoded
        # (Skia fills the rest), as browsers show a partial image.
        if result not in (skia.Codec.kSuccess, skia.Codec.kIncompleteInput,
                          skia.Codec.kErrorInInput):
            raise ImageLoadError(src, f"cannot decode: {skia.Codec.ResultToString(result)}")
    pixels.release()
    bitmap.setImmutable()
    # The image shares the bitmap's Skia-owned pixels (no copy) and keeps them
    # alive. (`Image.MakeRasterData` over a Python buffer would not: skia-python
    # lets the image read freed memory once the buffer is collected.)
    return skia.Image.MakeFromBitmap(bitmap)


def _decode_rows(codec: Any, pixels: memoryview, height: int, row_bytes: int) -> None:
    # Skia holds the GIL inside each call, so a whole-image decode would stall
    # the frame thread for its full duration (~20 ms for a 1080p JPEG). In
    # strips, the GIL can change hands between calls.
    for top in range(0, height, STRIP_ROWS):
        count = min(STRIP_ROWS, height - top)
        codec.getScanlines(pixels[top * row_bytes:(top + count) * row_bytes], count, row_bytes)


def _codec(encoded: Any) -> Any | None:
    try:
        return skia.Codec.MakeFromData(encoded)
    except RuntimeError:  # skia-python raises where Skia returns null
        return None


def _codec_size(codec: Any, width: int, height: int, out_w: int, out_h: int
                ) -> tuple[int, int]:
    """The smallest size the codec decodes to natively (JPEG n/8, WebP) covering the output.

    Letting libjpeg scale while decoding a 4K JPEG for a 1080p box is ~3x
    cheaper than decoding it in full and resampling (`docs/painting.md`).
    """
    if out_w >= width:
        return width, height
    for eighths in range(max(1, (8 * out_w) // width), 8):
        size = codec.getScaledDimensions(eighths / 8)
        if size.width() >= out_w and size.height() >= out_h:
            return int(size.width()), int(size.height())
    return width, height


def _decode_by_drawing(src: str, encoded: Any, max_size: tuple[int, int] | None) -> Decoded:
    # An EXIF-rotated photo: `MakeFromEncoded` applies the orientation, the
    # raw codec does not, so this rare case is decoded by drawing it once (in
    # one call, holding the GIL throughout).
    lazy = skia.Image.MakeFromEncoded(encoded)
    if lazy is None:
        raise ImageLoadError(src, "not an image Skia can decode")
    width, height = int(lazy.width()), int(lazy.height())
    out_w, out_h = fit_size(width, height, max_size)
    return Decoded(draw_scaled(src, lazy, out_w, out_h), width, height)


def draw_scaled(src: str, image: Any, out_w: int, out_h: int) -> Any:
    """Draws `image` once into an `out_w` x `out_h` N32 premultiplied raster."""
    surface = skia.Surface.MakeRasterN32Premul(out_w, out_h)
    if surface is None:
        raise ImageLoadError(src, f"cannot allocate {out_w}x{out_h} pixels")
    canvas = surface.getCanvas()
    canvas.clear(0)
    if (out_w, out_h) == (image.width(), image.height()):
        canvas.drawImage(image, 0, 0)
    else:
        # Mipmaps only pay off past a 2x reduction; below it linear is exact enough.
        big = image.width() > 2 * out_w or image.height() > 2 * out_h
        mipmap = skia.MipmapMode.kLinear if big else skia.MipmapMode.kNone
        sampling = skia.SamplingOptions(skia.FilterMode.kLinear, mipmap)
        canvas.drawImageRect(image, skia.Rect.MakeWH(out_w, out_h), sampling)
    return surface.makeImageSnapshot()


def fit_size(width: int, height: int, max_size: tuple[int, int] | None) -> tuple[int, int]:
    """`width` x `height` scaled down (aspect kept) to fit `max_size`; never up."""
    if max_size is None or (width <= max_size[0] and height <= max_size[1]):
        return width, height
    scale = min(max_size[0] / width, max_size[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))
