"""Measures the image manager and prints each value against a reference from the same run.

- decode (`renderer._image_fetch.decode_image`) against the plain Skia path
  (`MakeFromEncoded` drawn once into a raster surface), per source size;
- `ImageManager.request` and `skia_image` on the caller's thread against the
  16.7 ms frame budget;
- loading 100 poster files on the worker pool, against decoding them one
  after another on the calling thread.

Writes `benchmarks/results/images.json`. Run: `python -m benchmarks.images`.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from renderer import ImageManager
from renderer.lowlevel import decode_image, draw_scaled, fit_size, skia

FRAME_BUDGET_MS = 16.7
RESULTS = Path(__file__).resolve().parents[1] / "results" / "images.json"


def best_ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(min, median) of `repeat` timed calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return min(times), statistics.median(times)


def encoded(width: int, height: int, fmt: object) -> bytes:
    """A gradient (so the encoder has real work) encoded as `fmt`."""
    surface = skia.Surface.MakeRasterN32Premul(width, height)
    paint = skia.Paint(Shader=skia.GradientShader.MakeLinear(
        [(0, 0), (width, height)], [0xFFFF0000, 0xFF0000FF]))
    surface.getCanvas().drawRect(skia.Rect.MakeWH(width, height), paint)
    return bytes(surface.makeImageSnapshot().encodeToData(fmt, 85))


def plain_skia(data: bytes, max_size: tuple[int, int] | None) -> object:
    image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(data))
    width, height = fit_size(image.width(), image.height(), max_size)
    return draw_scaled("reference", image, width, height)


def decode_cases(results: dict[str, object]) -> None:
    jpeg, png = skia.EncodedImageFormat.kJPEG, skia.EncodedImageFormat.kPNG
    cases = [
        ("jpeg_342x513", jpeg, 342, 513, None),
        ("jpeg_1920x1080", jpeg, 1920, 1080, None),
        ("jpeg_3840x2160", jpeg, 3840, 2160, None),
        ("jpeg_3840x2160_to_1080p", jpeg, 3840, 2160, (1920, 1080)),
        ("png_3840x2160_to_1080p", png, 3840, 2160, (1920, 1080)),
    ]
    print("decode (min of runs)                  ours ms   plain Skia ms   speed-up")
    for name, fmt, width, height, max_size in cases:
        data = encoded(width, height, fmt)
        repeat = 15 if width < 1000 else 5
        ours, _ = best_ms(partial(decode_image, name, data, max_size), repeat)
        ref, _ = best_ms(partial(plain_skia, data, max_size), repeat)
        results[f"decode_{name}"] = {"ms": ours, "plain_skia_ms": ref, "speedup": ref / ours}
        print(f"  {name:34} {ours:8.2f} {ref:14.2f} {ref / ours:9.2f}x")


def caller_costs(results: dict[str, object], paths: list[str]) -> None:
    with ImageManager() as manager:
        start = time.perf_counter()
        ids = [manager.request(p) for p in paths]
        request_us = (time.perf_counter() - start) * 1e6 / len(paths)
        manager.wait_idle(120)
        manager.drain_commands()
        lookup_ms, _ = best_ms(lambda: [manager.skia_image(i) for i in ids], 20)
    lookup_us = lookup_ms * 1e3 / len(ids)
    results["request_us"] = request_us
    results["skia_image_us"] = lookup_us
    print(f"request() on the caller's thread: {request_us:.1f} us "
          f"= {request_us / 1e3 / FRAME_BUDGET_MS:.4f} of a frame")
    print(f"skia_image() lookup: {lookup_us:.2f} us "
          f"= {lookup_us / 1e3 / FRAME_BUDGET_MS:.5f} of a frame")


def pool_vs_serial(results: dict[str, object], paths: list[str]) -> None:
    def pool() -> None:
        with ImageManager() as manager:
            for p in paths:
                manager.request(p)
            manager.wait_idle(120)
            manager.drain_commands()

    def serial() -> None:
        for p in paths:
            decode_image(p, Path(p).read_bytes(), None)

    ours, _ = best_ms(pool, 3)
    ref, _ = best_ms(serial, 3)
    results["load_100_posters"] = {"pool_ms": ours, "serial_ms": ref, "ratio": ref / ours}
    print(f"100 posters: pool of 2 {ours:.0f} ms, serial on the caller {ref:.0f} ms "
          f"({ref / ours:.2f}x); the caller's thread is free during the pool's time")


def longest_stall_ms(work: Callable[[], object]) -> float:
    """Longest gap between a 1 ms ticking loop's ticks while `work` runs on a thread."""
    done = threading.Event()

    def run() -> None:
        work()
        done.set()

    worker = threading.Thread(target=run)
    gaps = []
    last = time.perf_counter()
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        time.sleep(0.001)
    worker.join()
    return max(gaps) * 1e3


def frame_thread_stalls(results: dict[str, object]) -> None:
    """What a background decode costs a thread that wants to run every 1 ms.

    skia-python holds the GIL inside each call: JPEGs decode in strips,
    other formats in one call. The reference is the same loop with the
    worker sleeping (Python's 5 ms switch interval is the floor).
    """
    jpeg, png = skia.EncodedImageFormat.kJPEG, skia.EncodedImageFormat.kPNG
    idle = longest_stall_ms(partial(time.sleep, 0.1))
    results["stall_idle_ms"] = idle
    print(f"longest stall of a 1 ms loop, worker idle: {idle:.1f} ms")
    for name, fmt, size in (("jpeg_1920x1080", jpeg, (1920, 1080)),
                            ("jpeg_3840x2160", jpeg, (3840, 2160)),
                            ("png_1920x1080", png, (1920, 1080))):
        data = encoded(*size, fmt)
        ours = longest_stall_ms(partial(decode_image, name, data, None))
        ref = longest_stall_ms(partial(plain_skia, data, None))
        results[f"stall_{name}"] = {"ms": ours, "plain_skia_ms": ref}
        print(f"  while decoding {name:16} ours {ours:6.1f} ms, plain Skia {ref:6.1f} ms")


def main() -> None:
    results: dict[str, object] = {}
    decode_cases(results)
    frame_thread_stalls(results)
    with tempfile.TemporaryDirectory() as tmp:
        poster = encoded(342, 513, skia.EncodedImageFormat.kJPEG)
        paths = []
        for i in range(100):
            path = Path(tmp) / f"poster{i}.jpg"
            path.write_bytes(poster)
            paths.append(str(path))
        caller_costs(results, paths)
        pool_vs_serial(results, paths)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
