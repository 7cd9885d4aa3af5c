"""Image comparison for snapshots: exact first, then a tolerant pixel count.

Algorithm (`compare_images`):

1. Different sizes never match.
2. Identical RGBA bytes match (the usual case: the engine, Skia and the
   bundled font are pinned, so a render is bit-for-bit reproducible).
3. Otherwise a pixel *differs* when any channel (alpha included) moved by
   more than `threshold` levels out of 255.
4. Anti-aliasing allowance: a differing pixel is forgiven when each image's
   value at that pixel lies within the per-channel range (widened by
   `threshold`) of the other image's 3x3 neighbourhood. Edge pixels that only
   shifted their coverage pass this test; a flat area that changed colour, a
   shape that moved by 2 px or more, or an alpha change does not.
5. The images match when at most `max_diff_pixels` differing pixels remain.

The defaults catch a 2 px move of a focus ring, a card brightened by a few
levels and a 10% alpha change (`tests/testing/test_compare_regressions.py`
renders each from a real Button/card scene).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from renderer.lowlevel import skia

__all__ = ["Comparison", "Tolerance", "compare_images", "decode_png", "diff_image", "encode_png"]

Pixels = npt.NDArray[np.uint8]
"""An image as a `(height, width, 4)` RGBA array."""


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How different two renders may be and still match."""

    threshold: int = 2
    """Largest per-channel difference (0-255) that still counts as equal."""
    max_diff_pixels: int = 8
    """Most differing pixels (after the anti-aliasing allowance) that still match."""
    antialiasing: bool = True
    """Forgive pixels whose change is explained by an edge's coverage (see module)."""

    def __post_init__(self) -> None:
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, int) \
                or not 0 <= self.threshold <= 255:
            raise ValueError(f"Tolerance.threshold must be an int in 0..255, "
                             f"got {self.threshold!r}")
        if isinstance(self.max_diff_pixels, bool) or not isinstance(self.max_diff_pixels, int) \
                or self.max_diff_pixels < 0:
            raise ValueError(f"Tolerance.max_diff_pixels must be an int >= 0, "
                             f"got {self.max_diff_pixels!r}")

    def replace(self, **changes: Any) -> Tolerance:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of `compare_images`."""

    matched: bool
    exact: bool
    """Identical bytes."""
    differing_pixels: int
    """Pixels over the threshold that the anti-aliasing allowance did not forgive."""
    forgiven_pixels: int
    """Pixels over the threshold forgiven as anti-aliasing."""
    max_delta: int
    """Largest channel difference anywhere (0-255)."""
    bounds: tuple[int, int, int, int] | None
    """`(x, y, width, height)` around the differing pixels, or None."""
    reason: str
    """One line for a failure message."""
    mask: Pixels | None = dataclasses.field(default=None, repr=False, compare=False)
    """Per pixel: 0 equal, 1 forgiven, 2 differing (None when sizes differ or exact)."""


def decode_png(data: bytes) -> Pixels:
    """PNG bytes as an unpremultiplied RGBA array.

    Raises:
        ValueError: not a decodable image.
    """
    image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(data))
    if image is None:
        raise ValueError("the snapshot file is not a decodable PNG; rewrite it with "
                         "--snapshot-update")
    width, height = image.width(), image.height()
    info = skia.ImageInfo.Make(width, height, skia.kRGBA_8888_ColorType, skia.kUnpremul_AlphaType)
    buffer = bytearray(width * height * 4)
    if not image.readPixels(info, buffer, width * 4, 0, 0):
        raise ValueError("Skia could not read the snapshot's pixels")
    return np.frombuffer(bytes(buffer), dtype=np.uint8).reshape(height, width, 4)


def encode_png(pixels: Pixels) -> bytes:
    """An RGBA array as PNG bytes."""
    height, width = pixels.shape[:2]
    info = skia.ImageInfo.Make(width, height, skia.kRGBA_8888_ColorType, skia.kUnpremul_AlphaType)
    # The image borrows `raw` without copying: keep it referenced until encoded.
    raw = np.ascontiguousarray(pixels).tobytes()
    image = skia.Image.MakeRasterData(info, raw, width * 4)
    data = image.encodeToData(skia.EncodedImageFormat.kPNG, 100) if image else None
    del image, raw
    if data is None:
        raise RuntimeError("Skia could not encode the image as PNG")
    return bytes(data)


def _neighbourhood(pixels: npt.NDArray[np.int16]) -> tuple[npt.NDArray[np.int16],
                                                           npt.NDArray[np.int16]]:
    """Per-channel min and max over each pixel's 3x3 neighbourhood (edges clamped)."""
    padded = np.pad(pixels, ((1, 1), (1, 1), (0, 0)), mode="edge")
    height, width = pixels.shape[:2]
    low = pixels.copy()
    high = pixels.copy()
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            window = padded[dy:dy + height, dx:dx + width]
            np.minimum(low, window, out=low)
            np.maximum(high, window, out=high)
    return low, high


def _explained(value: npt.NDArray[np.int16], other: npt.NDArray[np.int16],
               threshold: int) -> npt.NDArray[np.bool_]:
    low, high = _neighbourhood(other)
    inside = (value >= low - threshold) & (value <= high + threshold)
    return np.asarray(inside.all(axis=2), dtype=np.bool_)


def compare_images(expected: Pixels, actual: Pixels,
                   tolerance: Tolerance | None = None) -> Comparison:
    """Compares two RGBA arrays (see the module docstring for the rules)."""
    tol = tolerance if tolerance is not None else Tolerance()
    if expected.shape != actual.shape:
        eh, ew = expected.shape[:2]
        ah, aw = actual.shape[:2]
        return Comparison(False, False, ew * eh, 0, 255, None,
                          f"size changed: expected {ew}x{eh}, got {aw}x{ah}")
    if np.array_equal(expected, actual):
        return Comparison(True, True, 0, 0, 0, None, "identical")
    delta = np.abs(expected.astype(np.int16) - actual.astype(np.int16)).max(axis=2)
    over = delta > tol.threshold
    mask = np.zeros(delta.shape, dtype=np.uint8)
    max_delta = int(delta.max())
    if not over.any():
        return Comparison(True, False, 0, 0, max_delta, None,
                          f"within the threshold (largest channel difference {max_delta})", mask)
    ys, xs = np.nonzero(over)
    # Only the region around the differences needs the neighbourhood pass.
    y0, y1 = max(int(ys.min()) - 1, 0), min(int(ys.max()) + 2, delta.shape[0])
    x0, x1 = max(int(xs.min()) - 1, 0), min(int(xs.max()) + 2, delta.shape[1])
    region_over = over[y0:y1, x0:x1]
    differing = region_over
    if tol.antialiasing:
        exp = expected[y0:y1, x0:x1].astype(np.int16)
        act = actual[y0:y1, x0:x1].astype(np.int16)
        forgiven = (_explained(act, exp, tol.threshold) & _explained(exp, act, tol.threshold))
        differing = region_over & ~forgiven
    mask[y0:y1, x0:x1][region_over] = 1
    mask[y0:y1, x0:x1][differing] = 2
    count = int(differing.sum())
    forgiven_count = int(region_over.sum()) - count
    bounds = None
    if count:
        dy, dx = np.nonzero(differing)
        bounds = (x0 + int(dx.min()), y0 + int(dy.min()),
                  int(dx.max() - dx.min()) + 1, int(dy.max() - dy.min()) + 1)
    matched = count <= tol.max_diff_pixels
    reason = (f"{count} pixels differ by more than {tol.threshold} levels "
              f"(at most {tol.max_diff_pixels} allowed; {forgiven_count} forgiven as "
              f"anti-aliasing; largest channel difference {max_delta})")
    if bounds is not None:
        reason += f"; differences within x={bounds[0]} y={bounds[1]} {bounds[2]}x{bounds[3]}"
    return Comparison(matched, False, count, forgiven_count, max_delta, bounds, reason, mask)


def diff_image(expected: Pixels, actual: Pixels, comparison: Comparison) -> Pixels:
    """A picture of the differences: the expected image faded, differing pixels red,
    forgiven pixels yellow."""
    if expected.shape != actual.shape:
        return actual.copy()
    base = expected[..., :3].astype(np.float32) * 0.25 + 48.0
    out = np.empty(expected.shape, dtype=np.uint8)
    out[..., :3] = base.clip(0, 255).astype(np.uint8)
    out[..., 3] = 255
    mask = comparison.mask
    if mask is not None:
        out[mask == 1] = (255, 210, 0, 255)
        out[mask == 2] = (255, 0, 64, 255)
    return out
