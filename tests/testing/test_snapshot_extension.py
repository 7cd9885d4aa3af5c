"""The image extension's comparison hook, without a pytest session."""

from __future__ import annotations

import numpy as np

from sdk.testing import Tolerance, encode_png
from sdk.testing._snapshot import _PROBE, _extensions, _LazyPNG, _Probe


def pixels(value):
    out = np.full((6, 8, 4), value, dtype=np.uint8)
    out[..., 3] = 255
    return out


def matches(stored, actual, tolerance=None):
    image_ext, _ = _extensions()
    probe = _Probe(tolerance or Tolerance())
    token = _PROBE.set(probe)
    try:
        return image_ext().matches(serialized_data=_LazyPNG(actual), snapshot_data=stored), probe
    finally:
        _PROBE.reset(token)


def test_stored_png_is_compared_by_pixels_with_the_tolerance():
    ok, probe = matches(encode_png(pixels(40)), pixels(41))
    assert ok and probe.comparison.max_delta == 1
    ok, probe = matches(encode_png(pixels(40)), pixels(41), Tolerance(threshold=0,
                                                                       max_diff_pixels=0))
    assert not ok and probe.comparison.differing_pixels == 48


def test_a_corrupt_stored_file_is_a_mismatch_that_update_can_rewrite():
    ok, probe = matches(b"\x89PNG truncated", pixels(40))
    assert not ok
    assert "--snapshot-update" in probe.error


def test_the_png_is_encoded_only_when_written(tmp_path):
    lazy = _LazyPNG(pixels(7))
    assert lazy._png is None
    from syrupy.data import Snapshot, SnapshotCollection

    image_ext, _ = _extensions()
    target = tmp_path / "x.png"
    collection = SnapshotCollection(location=str(target))
    collection.add(Snapshot(name="x", data=lazy))
    image_ext.write_snapshot_collection(snapshot_collection=collection)
    assert target.read_bytes() == lazy.png() == encode_png(pixels(7))
