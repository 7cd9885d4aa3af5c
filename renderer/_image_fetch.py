"""Fetching and decoding one image source, off the frame path.

These functions run on the image manager's worker threads; they touch no
shared state. A source is an `http(s)://` URL, or a local file path or
`file://` URL under the app's asset roots (`_image_sources` says which sources
are refused and why). Every failure becomes an `ImageLoadError` whose message
names the source and the reason (refused, HTTP status, connection refused,
timeout, file not found, not an image; never the source's bytes), so the app
can show it and the frame loop never sees an exception.

An HTTP fetch has one total deadline (`timeout_s`, connect to last byte): a
timer shuts its socket down when it passes, as `Abort.abort` does when the
manager closes, so a server trickling bytes cannot hold a worker.

The declared size is read from the header (`_image_header`) and checked
against the pixel budget before any decoder allocates.

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

import contextlib
import errno
import functools
import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from renderer._image_errors import ImageLoadError
from renderer._image_header import sniff_size
from renderer._image_sources import SourcePolicy, open_regular_file
from renderer._skia import skia

__all__ = ["Abort", "Decoded", "ImageLoadError", "decode_image", "draw_scaled", "fetch_bytes",
           "fit_size", "is_url"]

_CHUNK = 64 * 1024
STRIP_ROWS = 32
"""Rows decoded per call where the codec can decode in strips (JPEG)."""
MAX_SOURCE_PIXELS = 16 * 1024 * 1024
"""Default pixel budget of one source (16 Mpx, 64 MiB of pixels before any downscale)."""


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
    return src[:8].lower().startswith(("http://", "https://"))


class Abort:
    """Ends one fetch from another thread: shuts its sockets down so blocked reads return.

    `abort(reason)` is called by the fetch's deadline timer or by
    `ImageManager.close()`. Each socket is kept as a duplicate descriptor:
    `shutdown` acts on the connection, so it also wakes a read on the TLS
    socket that wraps the original.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.reason: str | None = None
        """Why the fetch was aborted, or None."""

    def abort(self, reason: str) -> None:
        """Marks the fetch aborted (the first reason wins) and shuts its sockets down."""
        with self._lock:
            if self.reason is None:
                self.reason = reason
            for sock in self._sockets:
                _shutdown(sock)

    def connect(self, address: tuple[str, int], timeout: Any = None,
                source_address: Any = None, *args: Any, **kwargs: Any) -> socket.socket:
        """`socket.create_connection`, registering the socket (http.client's hook)."""
        self._check()
        sock = socket.create_connection(address, timeout, source_address, *args, **kwargs)
        with self._lock:
            self._sockets.append(sock.dup())
            if self.reason is not None:
                _shutdown(sock)
        return sock

    def release(self) -> None:
        """Closes the duplicate descriptors (the fetch is over)."""
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            sock.close()

    def _check(self) -> None:
        if self.reason is not None:
            raise _Aborted(self.reason)


class _Aborted(Exception):
    """Internal: the fetch was aborted before it could connect."""


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # not connected yet, or already closed
        sock.shutdown(socket.SHUT_RDWR)


def fetch_bytes(src: str, *, timeout_s: float, max_bytes: int,
                policy: SourcePolicy | None = None, abort: Abort | None = None) -> bytes:
    """Reads the encoded bytes of `src` (file path, `file://` or http(s) URL).

    `policy` decides which sources may be read (default: URLs only, no local
    files); `timeout_s` is the total deadline of an HTTP fetch (connect,
    headers and body together); `abort` lets another thread end it early.

    Raises:
        ImageLoadError: the source is refused, missing, unreachable, too slow,
            too big, aborted or answered with an HTTP error status.
    """
    target = (policy or SourcePolicy()).resolve(src)
    if isinstance(target, Path):
        return open_regular_file(src, target, max_bytes)
    return _fetch_http(src, timeout_s, max_bytes, abort or Abort())


def _fetch_http(src: str, timeout_s: float, max_bytes: int, abort: Abort) -> bytes:
    # urllib's timeout bounds each socket operation only: a server sending a
    # byte a second would never trip it. The timer bounds the whole fetch.
    timer = threading.Timer(timeout_s, abort.abort, (f"timed out after {timeout_s:g} s",))
    timer.daemon = True
    timer.start()
    try:
        data = _request(src, timeout_s, max_bytes, abort)
    except ImageLoadError:
        if abort.reason is not None:
            raise ImageLoadError(src, abort.reason) from None
        raise
    finally:
        timer.cancel()
        abort.release()
    if abort.reason is not None:  # a shut-down socket reads as a short, clean end
        raise ImageLoadError(src, abort.reason)
    return data


def _request(src: str, timeout_s: float, max_bytes: int, abort: Abort) -> bytes:
    request = urllib.request.Request(src, headers={"User-Agent": "marquee-images/1"})
    try:
        with _opener(abort).open(request, timeout=timeout_s) as response:
            length = response.headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) > max_bytes:
                raise ImageLoadError(
                    src, f"response of {length} bytes exceeds the {max_bytes}-byte limit")
            return _read_body(src, response, max_bytes)
    except ImageLoadError:
        raise
    except _Aborted as exc:
        raise ImageLoadError(src, str(exc)) from None
    except urllib.error.HTTPError as exc:
        raise ImageLoadError(src, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, _Aborted):
            raise ImageLoadError(src, str(exc.reason)) from None
        raise ImageLoadError(src, _network_reason(exc.reason, timeout_s)) from None
    except TimeoutError:
        raise ImageLoadError(src, f"timed out after {timeout_s:g} s") from None
    except (OSError, http.client.HTTPException) as exc:
        raise ImageLoadError(src, _network_reason(exc, timeout_s)) from None


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, abort: Abort) -> None:
        super().__init__()
        self._abort = abort

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_connection, http.client.HTTPConnection,
                                              self._abort), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, abort: Abort) -> None:
        super().__init__()
        self._abort = abort

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_connection, http.client.HTTPSConnection,
                                              self._abort), req)


def _connection(kind: type[http.client.HTTPConnection], abort: Abort, *args: Any,
                **kwargs: Any) -> http.client.HTTPConnection:
    connection = kind(*args, **kwargs)
    # http.client's own hook for making the socket: the abort sees every socket.
    connection._create_connection = abort.connect  # type: ignore[attr-defined]
    return connection


def _opener(abort: Abort) -> urllib.request.OpenerDirector:
    """http(s) only (redirects included): no ftp or file handler to be redirected to."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), _HTTPHandler(abort), _HTTPSHandler(abort),
                    urllib.request.HTTPRedirectHandler(),
                    urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):
        opener.add_handler(handler)
    return opener


def _read_body(src: str, response: Any, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = response.read1(_CHUNK)
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


def decode_image(src: str, data: bytes, max_size: tuple[int, int] | None,
                 max_pixels: int = MAX_SOURCE_PIXELS) -> Decoded:
    """Decodes `data` into a native N32 premultiplied raster image.

    With `max_size`, an image larger than that box is downscaled to fit it
    (aspect kept); the intrinsic size reported stays the source's. The size
    the header declares is checked against `max_pixels` before any decoder
    runs, so a tiny file declaring a huge image allocates nothing.

    Raises:
        ImageLoadError: `data` is not a PNG, JPEG, WebP or GIF Skia can decode,
            or declares more than `max_pixels` pixels.
    """
    fmt, width, height = sniff_size(src, data)
    _check_pixels(src, fmt, width, height, max_pixels)
    # skia-python's Codec does not keep its SkData alive: this local does.
    encoded = skia.Data.MakeWithCopy(data)
    codec = _codec(encoded)
    if codec is None:
        raise ImageLoadError(src, f"not a {fmt} image Skia can decode ({len(data)} bytes)")
    dims = codec.dimensions()
    width, height = int(dims.width()), int(dims.height())
    _check_pixels(src, fmt, width, height, max_pixels)  # Skia's reading, in case it differs
    if codec.getOrigin() != skia.kTopLeft_EncodedOrigin:
        return _decode_by_drawing(src, encoded, max_size)
    out_w, out_h = fit_size(width, height, max_size)
    image = _decode_pixels(src, codec, _codec_size(codec, width, height, out_w, out_h))
    if (image.width(), image.height()) != (out_w, out_h):
        image = draw_scaled(src, image, out_w, out_h)
    return Decoded(image, width, height)


def _check_pixels(src: str, fmt: str, width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageLoadError(src, f"{fmt} header declares an empty {width}x{height} image")
    if width * height > max_pixels:
        raise ImageLoadError(
            src, f"{fmt} of {width}x{height} exceeds the {max_pixels}-pixel limit "
                 "(refused before decoding)")


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
