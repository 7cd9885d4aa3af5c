"""The renderer process's image scaler: display-size copies made in a forked worker."""

from __future__ import annotations

import os
import struct
import time

from renderer import Painter
from renderer.lowlevel import Scaler, skia
from renderer.testing import DisplayListBuilder
from sdk.runtime._pixel_store import PixelStore

W, H = 1280, 960


def big_image(store: PixelStore, image_id: int) -> None:
    surface = skia.Surface(W, H)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorSetARGB(255, 200, 30, 60))
    canvas.drawRect(skia.Rect.MakeXYWH(W / 2, 0, W / 2, H / 2),
                    skia.Paint(Color=skia.ColorSetARGB(255, 20, 90, 220)))
    pixmap = skia.Pixmap()
    assert surface.makeImageSnapshot().makeRasterImage().peekPixels(pixmap)
    store.put(struct.pack("<IIII", image_id, W, H, pixmap.rowBytes())
              + bytes(memoryview(pixmap).cast("B")))


def wait_ready(scaler: Scaler) -> list:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ready = scaler.take_ready()
        if ready:
            return ready
        time.sleep(0.002)
    raise AssertionError("the scaler never answered")


def test_a_worker_process_makes_the_same_copy_the_painter_would() -> None:
    store = PixelStore()
    big_image(store, 7)
    scaler = Scaler(store.shared)
    try:
        assert scaler.pid != os.getpid()
        assert scaler.request(7, 160, 120)
        assert scaler.request(7, 160, 120)  # asked once, not twice
        assert scaler.pending == 1
        [(image_id, width, height, copy)] = wait_ready(scaler)
        assert (image_id, width, height) == (7, 160, 120)
        source = store.shared(7)
        assert source is not None
        sampling = skia.SamplingOptions(skia.FilterMode.kLinear, skia.MipmapMode.kLinear)
        expected = source.image.resize(160, 120, sampling)
        assert copy.image.tobytes() == expected.tobytes()
        assert not scaler.request(99, 10, 10)  # no such image: the caller scales it itself
        copy.close()
    finally:
        scaler.close()
        store.close()
    assert not os.path.exists(f"/proc/{scaler.pid}")  # the worker ended and was reaped


def pixel(surface: object, x: int, y: int) -> int:
    bitmap = skia.Bitmap()
    bitmap.allocPixels(skia.ImageInfo.MakeN32Premul(1, 1))
    assert surface.readPixels(bitmap, x, y)  # type: ignore[attr-defined]
    return int(bitmap.getColor(0, 0))


def test_the_painter_leaves_the_background_until_the_copy_arrives() -> None:
    store = PixelStore()
    big_image(store, 7)
    scaler = Scaler(store.shared)
    surface = skia.Surface(320, 240)
    painter = Painter(surface, images=store, scaler=scaler)
    frame = (DisplayListBuilder().rect(0, 0, 320, 240, 0x101010FF).image(0, 0, 160, 120, 7))
    try:
        painter.paint(frame.records, frame.text, [(0, 0, 320, 240)], True)
        assert pixel(surface, 40, 30) == 0xFF101010  # background
        [(image_id, _w, _h, copy)] = wait_ready(scaler)
        source = store.shared(image_id)
        assert source is not None
        painter.put_scaled(image_id, source.image, copy.image, copy)
        painter.paint(frame.records, frame.text, [(0, 0, 320, 240)], True)
        assert pixel(surface, 40, 30) == 0xFFC81E3C  # the image
        assert pixel(surface, 120, 30) == 0xFF145ADC
    finally:
        scaler.close()
        store.close()
