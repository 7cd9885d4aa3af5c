"""Comparator rules on small synthetic images (real scenes: test_compare_regressions)."""

from __future__ import annotations

import numpy as np
import pytest

from sdk.testing import Tolerance, compare_images, decode_png, encode_png
from sdk.testing._compare import diff_image


def image(width=16, height=12, rgba=(20, 30, 40, 255)):
    out = np.empty((height, width, 4), dtype=np.uint8)
    out[:] = rgba
    return out


def test_values_within_the_threshold_match():
    a = image()
    b = a.copy()
    b[3, 4, 0] += 2
    result = compare_images(a, b)
    assert result.matched and not result.exact and result.max_delta == 2


def test_a_flat_change_above_the_threshold_counts_every_pixel():
    a = image()
    b = image(rgba=(23, 30, 40, 255))
    result = compare_images(a, b)
    assert not result.matched
    assert result.differing_pixels == 16 * 12


def test_max_diff_pixels_allows_a_few_isolated_pixels():
    a = image()
    b = a.copy()
    b[5, 5] = (255, 0, 0, 255)
    assert not compare_images(a, b, Tolerance(max_diff_pixels=0)).matched
    assert compare_images(a, b, Tolerance(max_diff_pixels=1)).matched


def test_an_edge_pixel_between_its_neighbours_is_forgiven():
    # A vertical edge: dark | light. One pixel on the edge gets a mid value
    # (a coverage change), which both neighbourhoods explain.
    a = image()
    a[:, 8:] = (200, 200, 200, 255)
    b = a.copy()
    b[6, 8] = (110, 115, 120, 255)
    result = compare_images(a, b, Tolerance(max_diff_pixels=0))
    assert result.matched and result.forgiven_pixels == 1
    assert not compare_images(a, b, Tolerance(max_diff_pixels=0, antialiasing=False)).matched


def test_alpha_alone_counts():
    a = image()
    b = image(rgba=(20, 30, 40, 230))
    assert not compare_images(a, b).matched


def test_diff_image_marks_differing_pixels_red():
    a = image()
    b = a.copy()
    b[2:4, 2:4] = (255, 255, 255, 255)
    result = compare_images(a, b, Tolerance(antialiasing=False))
    diff = diff_image(a, b, result)
    assert tuple(diff[2, 2]) == (255, 0, 64, 255)
    assert tuple(diff[0, 0]) != (255, 0, 64, 255)


def test_png_round_trip_is_lossless():
    a = np.random.default_rng(7).integers(0, 256, (9, 13, 4), dtype=np.uint8)
    a[..., 3] = 255
    assert np.array_equal(decode_png(encode_png(a)), a)


def test_bad_png_says_how_to_fix_it():
    with pytest.raises(ValueError, match="--snapshot-update"):
        decode_png(b"not a png")


@pytest.mark.parametrize("bad", [{"threshold": -1}, {"threshold": 256}, {"max_diff_pixels": -3},
                                 {"threshold": 1.5}])
def test_bad_tolerance_is_rejected(bad):
    with pytest.raises(ValueError, match="Tolerance"):
        Tolerance(**bad)

