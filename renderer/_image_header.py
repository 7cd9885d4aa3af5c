"""An encoded image's format and pixel size, read from its header alone.

Used to refuse an image whose declared size is over the pixel budget before
any decoder allocates for it (a 100-byte PNG can declare 30000x30000 pixels).
Only PNG, JPEG, WebP and GIF are recognised; anything else is refused as not
an image. No decoder is involved: these are the formats' fixed header layouts.
"""

from __future__ import annotations

import struct

from renderer._image_errors import ImageLoadError

__all__ = ["sniff_size"]

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7,
                       0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
"""JPEG start-of-frame markers (0xC4, 0xC8 and 0xCC are not frames)."""
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
"""Markers with no length field (TEM, RSTn)."""


def sniff_size(src: str, data: bytes) -> tuple[str, int, int]:
    """The format name and the declared width and height of `data`.

    Raises:
        ImageLoadError: not a PNG, JPEG, WebP or GIF, or a header too short or
            malformed to say its size. The message gives the length, never the bytes.
    """
    if data.startswith(_PNG):
        return "PNG", *_png(src, data)
    if data.startswith(b"\xff\xd8"):
        return "JPEG", *_jpeg(src, data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP", *_webp(src, data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF", *_gif(src, data)
    raise ImageLoadError(src, f"not an image ({len(data)} bytes; "
                              "PNG, JPEG, WebP and GIF are supported)")


def _malformed(src: str, fmt: str) -> ImageLoadError:
    return ImageLoadError(src, f"malformed {fmt} header (cannot read the image size)")


def _png(src: str, data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise _malformed(src, "PNG")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _gif(src: str, data: bytes) -> tuple[int, int]:
    if len(data) < 10:
        raise _malformed(src, "GIF")
    width, height = struct.unpack("<HH", data[6:10])
    return int(width), int(height)


def _jpeg(src: str, data: bytes) -> tuple[int, int]:
    # Walk the marker segments (APPn, DQT, ...) up to the first start-of-frame.
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _JPEG_STANDALONE:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if marker in _JPEG_SOF:
            if length < 7 or pos + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return int(width), int(height)
        if length < 2 or marker == 0xDA:  # scan data before any frame: malformed
            break
        pos += 2 + length
    raise _malformed(src, "JPEG")


def _webp(src: str, data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    raise _malformed(src, "WebP")
