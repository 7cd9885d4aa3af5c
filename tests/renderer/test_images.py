"""The image manager against a real local HTTP server, real files and the real engine.

The server (http.server on 127.0.0.1, port 0) serves PNGs generated with Skia
in the test, a 404, a response that never comes (until teardown), a body that
is not an image, and counts requests per path. Nothing sleeps: the tests wait
for the manager's workers with `wait_idle`.
"""

from __future__ import annotations

import contextlib
import gc
import socket
import struct
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from renderer import (
    CommandBuffer,
    ImageFailedEvent,
    ImageLoadedEvent,
    ImageLoadError,
    ImageManager,
    ImageManagerClosed,
    ImageState,
    Kind,
    OffscreenSurface,
    Painter,
    Prop,
    Renderer,
    render_to_surface,
)
from renderer._image_fetch import decode_image
from renderer._painter import argb
from renderer._skia import skia

RED = (255, 0, 0, 255)
GREEN = (0, 255, 0, 255)
GREY = (128, 128, 128, 255)
WAIT_S = 5.0


def png_bytes(width: int, height: int, rgba: int) -> bytes:
    surface = skia.Surface.MakeRasterN32Premul(width, height)
    surface.getCanvas().clear(argb(rgba))
    return bytes(surface.makeImageSnapshot().encodeToData(skia.EncodedImageFormat.kPNG, 100))


def rgba_at(surface: OffscreenSurface, x: int, y: int) -> tuple[int, ...]:
    i = (y * surface.width + x) * 4
    return tuple(surface.pixels()[i : i + 4])


def image_rgba(image: Any) -> tuple[int, ...]:
    """The top-left pixel of a `skia.Image`, drawn on a 1x1 surface."""
    with OffscreenSurface(1, 1) as surface:
        surface.canvas.drawImage(image, 0, 0)
        return rgba_at(surface, 0, 0)


class Server:
    """A local HTTP server with fixed routes and per-path hit counts."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.release_slow = threading.Event()
        self.gates: dict[str, threading.Event] = {}
        """Paths whose answer waits until the test opens their gate."""
        self.routes: dict[str, tuple[int, str, bytes]] = {
            "/red.png": (200, "image/png", png_bytes(8, 8, 0xFF0000FF)),
            "/green.png": (200, "image/png", png_bytes(8, 8, 0x00FF00FF)),
            "/blue.png": (200, "image/png", png_bytes(8, 8, 0x0000FFFF)),
            "/wide.png": (200, "image/png", png_bytes(64, 32, 0xFF0000FF)),
            "/text": (200, "text/plain", b"hello, I am not an image"),
        }
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.hits[self.path] += 1
                if self.path == "/slow.png":
                    owner.release_slow.wait(WAIT_S)
                gate = owner.gates.get(self.path)
                if gate is not None:
                    gate.wait(WAIT_S)
                route = owner.routes.get(self.path.removeprefix("/gated"))
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                status, kind, body = route
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):  # the client timed out first
                    self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.routes["/slow.png"] = self.routes["/red.png"]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def gated(self, path: str) -> tuple[str, threading.Event]:
        """A URL serving `path` only once the returned event is set."""
        gate = self.gates.setdefault("/gated" + path, threading.Event())
        return self.url("/gated" + path), gate

    def close(self) -> None:
        self.release_slow.set()
        for gate in self.gates.values():
            gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[ImageManager]:
    with ImageManager(workers=1, timeout_s=WAIT_S, asset_roots=[tmp_path]) as m:
        yield m


def settle(manager: ImageManager) -> bytes:
    assert manager.wait_idle(WAIT_S)
    return manager.drain_commands()


def commands(build: Any) -> bytes:
    buffer = CommandBuffer()
    build(buffer)
    return buffer.getvalue()


# Loading ---------------------------------------------------------------------


def test_a_url_is_defined_unloaded_at_once_then_reported_loaded_with_its_size(
    server: Server, manager: ImageManager
) -> None:
    image = manager.request(server.url("/red.png"))
    assert manager.drain_commands() in (
        commands(lambda b: b.define_image(image, 0, 0)),
        commands(lambda b: b.define_image(image, 0, 0).image_state(image, ImageState.LOADED, 8, 8)),
    )
    settle(manager)
    assert manager.state(image) is ImageState.LOADED
    assert image_rgba(manager.skia_image(image)) == RED


def test_the_loaded_state_is_queued_only_by_poll_on_the_callers_thread(
    server: Server, manager: ImageManager
) -> None:
    image = manager.request(server.url("/green.png"))
    assert manager.wait_idle(WAIT_S)
    # The worker finished, but nothing is visible until the caller polls.
    assert manager.skia_image(image) is None
    assert manager.state(image) is None
    assert manager.drain_commands() == commands(
        lambda b: b.define_image(image, 0, 0).image_state(image, ImageState.LOADED, 8, 8))
    assert image_rgba(manager.skia_image(image)) == GREEN


def test_decoded_pixels_are_native_n32_premultiplied(server: Server, manager: ImageManager) -> None:
    image = manager.request(server.url("/blue.png"))
    settle(manager)
    pixels = manager.skia_image(image)
    assert pixels.colorType() == skia.ImageInfo.MakeN32Premul(1, 1).colorType()
    assert pixels.alphaType() == skia.kPremul_AlphaType
    assert not pixels.isLazyGenerated()


def test_file_paths_and_file_urls_load(tmp_path: Path, manager: ImageManager) -> None:
    path = tmp_path / "poster one.png"
    path.write_bytes(png_bytes(4, 6, 0x00FF00FF))
    plain = manager.request(str(path))
    url = manager.request("file://" + str(path).replace(" ", "%20"))
    assert plain != url
    commands_ = settle(manager)
    assert commands(lambda b: b.image_state(plain, ImageState.LOADED, 4, 6)) in commands_
    assert commands(lambda b: b.image_state(url, ImageState.LOADED, 4, 6)) in commands_
    assert image_rgba(manager.skia_image(plain)) == GREEN
    assert image_rgba(manager.skia_image(url)) == GREEN


def test_a_large_image_is_downscaled_at_decode_but_reports_its_own_size(server: Server) -> None:
    with ImageManager(max_size=(16, 16)) as manager:
        image = manager.request(server.url("/wide.png"))
        assert commands(lambda b: b.image_state(image, ImageState.LOADED, 64, 32)) in \
            settle(manager)
        pixels = manager.skia_image(image)
        assert (pixels.width(), pixels.height()) == (16, 8)
        assert manager.stats().decoded_bytes == 16 * 8 * 4


def encoded(width: int, height: int, rgba: int, fmt: Any) -> bytes:
    surface = skia.Surface.MakeRasterN32Premul(width, height)
    surface.getCanvas().clear(argb(rgba))
    return bytes(surface.makeImageSnapshot().encodeToData(fmt, 95))


def test_a_jpeg_is_decoded_at_a_native_scale_to_fit_max_size(tmp_path: Path) -> None:
    path = tmp_path / "backdrop.jpg"
    path.write_bytes(encoded(640, 320, 0xFF0000FF, skia.EncodedImageFormat.kJPEG))
    with ImageManager(max_size=(160, 160), asset_roots=[tmp_path]) as manager:
        image = manager.request(str(path))
        assert commands(lambda b: b.image_state(image, ImageState.LOADED, 640, 320)) in \
            settle(manager)
        pixels = manager.skia_image(image)
        assert (pixels.width(), pixels.height()) == (160, 80)
        r, g, b, a = image_rgba(pixels)
        assert r > 240 and g < 16 and b < 16 and a == 255


def test_decoded_pixels_stay_valid_after_the_decoders_buffers_are_freed() -> None:
    # skia-python images made from Python-owned buffers read freed memory once
    # the buffer is collected; decoded pixels must live in Skia's own memory.
    # (A JPEG decoded at a native 1/4 scale takes the codec's path.)
    data = encoded(400, 200, 0x0000FFFF, skia.EncodedImageFormat.kJPEG)
    images = [decode_image("blue.jpg", data, (100, 100)).image for _ in range(20)]
    assert {(image.width(), image.height()) for image in images} == {(100, 50)}
    gc.collect()
    churn = [bytearray(b"\x11" * 20000) for _ in range(400)]
    assert churn
    for image in images:
        r, g, b, a = image_rgba(image)
        assert r < 16 and g < 16 and b > 240 and a == 255


def test_a_source_with_too_many_pixels_is_refused_before_decoding() -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 10000, 10000, 8, 2, 0, 0, 0)  # 100 Mpx RGB
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
           + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    with pytest.raises(ImageLoadError, match="PNG of 10000x10000 exceeds the 16777216-pixel"):
        decode_image("huge.png", png, None)


def with_exif_orientation(jpeg: bytes, orientation: int) -> bytes:
    """`jpeg` with an APP1 Exif segment holding one Orientation tag."""
    tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) \
        + struct.pack("<HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack("<I", 0)
    body = b"Exif\x00\x00" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


def test_an_exif_rotated_photo_is_decoded_upright_with_its_upright_size() -> None:
    surface = skia.Surface.MakeRasterN32Premul(16, 8)
    canvas = surface.getCanvas()
    canvas.clear(argb(0x0000FFFF))
    canvas.drawRect(skia.Rect.MakeWH(8, 8), skia.Paint(Color=argb(0xFF0000FF)))
    jpeg = bytes(surface.makeImageSnapshot().encodeToData(skia.EncodedImageFormat.kJPEG, 100))
    decoded = decode_image("photo.jpg", with_exif_orientation(jpeg, 6), None)
    # Orientation 6: the stored image turns 90 degrees clockwise, so its left
    # (red) half ends up on top.
    assert (decoded.width, decoded.height) == (8, 16)
    with OffscreenSurface(8, 16) as out:
        out.canvas.drawImage(decoded.image, 0, 0)
        top, bottom = rgba_at(out, 4, 2), rgba_at(out, 4, 13)
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_without_an_encoded_budget_an_evicted_url_is_fetched_again(server: Server) -> None:
    with ImageManager(workers=1, budget_bytes=EIGHT_BY_EIGHT, encoded_budget_bytes=0) as manager:
        red = manager.request(server.url("/red.png"))
        settle(manager)
        manager.release(red)
        hits = server.hits["/red.png"]
        manager.request(server.url("/green.png"))
        settle(manager)  # the released red pixels go, and no bytes were kept
        again = manager.request(server.url("/red.png"))
        assert manager.drain_commands() == commands(lambda b: b.define_image(again, 0, 0))
        settle(manager)
        assert server.hits["/red.png"] == hits + 1
        assert manager.stats().encoded_bytes == 0


def test_a_grayscale_png_becomes_native_colour_pixels(tmp_path: Path) -> None:
    gray = skia.Surface.MakeRaster(skia.ImageInfo.Make(
        5, 5, skia.kGray_8_ColorType, skia.kOpaque_AlphaType))
    gray.getCanvas().clear(argb(0x404040FF))
    path = tmp_path / "gray.png"
    png = gray.makeImageSnapshot().encodeToData(skia.EncodedImageFormat.kPNG, 100)
    path.write_bytes(bytes(png))
    with ImageManager(asset_roots=[tmp_path]) as manager:
        image = manager.request(str(path))
        settle(manager)
        pixels = manager.skia_image(image)
        assert pixels.colorType() == skia.ImageInfo.MakeN32Premul(1, 1).colorType()
        assert image_rgba(pixels) == (64, 64, 64, 255)


# Failures ----------------------------------------------------------------------


def failure_after_load(manager: ImageManager, src: str) -> tuple[int, ImageLoadError, bytes]:
    image = manager.request(src)
    batch = settle(manager)
    error = manager.failure(image)
    assert error is not None
    return image, error, batch


def test_an_http_error_is_reported_as_a_failed_state_naming_the_status(
    server: Server, manager: ImageManager
) -> None:
    src = server.url("/nope.png")
    image, error, batch = failure_after_load(manager, src)
    assert batch.endswith(commands(lambda b: b.image_state(image, ImageState.FAILED, 0, 0)))
    assert manager.state(image) is ImageState.FAILED
    assert error.src == src and "HTTP 404" in error.reason and src in str(error)
    assert manager.failures == {image: error}
    assert manager.skia_image(image) is None


def test_a_refused_connection_is_reported(manager: ImageManager) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _, error, _ = failure_after_load(manager, f"http://127.0.0.1:{port}/x.png")
    assert error.reason == "connection refused"


def test_a_response_slower_than_the_timeout_is_reported(server: Server) -> None:
    with ImageManager(timeout_s=0.2) as manager:
        _, error, _ = failure_after_load(manager, server.url("/slow.png"))
    assert "timed out after 0.2 s" in error.reason


def test_a_body_that_is_not_an_image_is_reported(server: Server, manager: ImageManager) -> None:
    _, error, _ = failure_after_load(manager, server.url("/text"))
    assert error.reason == "not an image (24 bytes; PNG, JPEG, WebP and GIF are supported)"
    assert "hello" not in str(error)  # the body is never quoted (it may be a private file)


def test_a_missing_file_is_reported(tmp_path: Path, manager: ImageManager) -> None:
    _, error, _ = failure_after_load(manager, str(tmp_path / "gone.png"))
    assert error.reason.startswith("file not found")


def test_a_source_over_the_size_cap_is_refused(server: Server) -> None:
    with ImageManager(max_bytes=50) as manager:
        _, error, _ = failure_after_load(manager, server.url("/red.png"))
    assert "exceeds the 50-byte limit" in error.reason


def test_a_failure_is_not_cached_and_a_new_request_tries_again(
    server: Server, manager: ImageManager
) -> None:
    src = server.url("/later.png")
    image, _, _ = failure_after_load(manager, src)
    manager.release(image)
    server.routes["/later.png"] = server.routes["/red.png"]
    again = manager.request(src)
    settle(manager)
    assert manager.state(again) is ImageState.LOADED
    assert server.hits["/later.png"] == 2


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="budget_bytes must be positive, got 0"):
        ImageManager(budget_bytes=0)
    with pytest.raises(ValueError, match="max_size must be positive"):
        ImageManager(max_size=(0, 10))
    with ImageManager() as manager:
        with pytest.raises(ValueError, match="non-empty path or URL, got ''"):
            manager.request("")
        with pytest.raises(KeyError, match="image 99 is not held"):
            manager.release(99)


# Identity and lifetime ---------------------------------------------------------


def test_the_same_source_shares_one_id_and_one_fetch_until_its_last_release(
    server: Server, manager: ImageManager
) -> None:
    before = server.hits["/blue.png"]
    src = server.url("/blue.png")
    first, second = manager.request(src), manager.request(src)
    assert first == second
    settle(manager)
    assert server.hits["/blue.png"] == before + 1
    manager.release(first)
    assert manager.drain_commands() == b""
    assert manager.skia_image(first) is not None
    manager.release(first)
    assert manager.drain_commands() == commands(lambda b: b.release_image(first))
    assert manager.skia_image(first) is None
    with pytest.raises(KeyError, match="released already"):
        manager.release(first)


def test_a_released_source_requested_again_is_loaded_at_once_under_a_new_id(
    server: Server,
) -> None:
    forgotten: list[int] = []
    with ImageManager(on_forget=forgotten.append) as manager:
        src = server.url("/red.png")
        old = manager.request(src)
        settle(manager)
        manager.release(old)
        assert forgotten == [old]
        new = manager.request(src)
        assert new != old
        assert manager.drain_commands() == commands(
            lambda b: b.release_image(old).define_image(new, 8, 8))
        assert image_rgba(manager.skia_image(new)) == RED
        assert manager.stats().fetches == 1


def test_a_malformed_batch_to_wrap_is_refused_and_the_queued_commands_are_kept(
    server: Server, manager: ImageManager
) -> None:
    image = manager.request(server.url("/red.png"))
    assert manager.wait_idle(WAIT_S)
    with pytest.raises(ValueError):
        manager.wrap_batch(b"\x06\x00")  # a command cut short
    assert manager.drain_commands() == commands(
        lambda b: b.define_image(image, 0, 0).image_state(image, ImageState.LOADED, 8, 8))


def test_close_is_idempotent_and_refuses_new_requests(server: Server) -> None:
    manager = ImageManager()
    image = manager.request(server.url("/red.png"))
    manager.close()
    manager.close()
    assert manager.closed
    assert manager.skia_image(image) is None
    assert manager.poll() == 0
    with pytest.raises(ImageManagerClosed, match="create a new one"):
        manager.request(server.url("/red.png"))


# Memory budget -------------------------------------------------------------------

EIGHT_BY_EIGHT = 8 * 8 * 4


def test_over_budget_released_pixels_go_first_and_come_back_from_cached_bytes(
    server: Server,
) -> None:
    with ImageManager(workers=1, budget_bytes=2 * EIGHT_BY_EIGHT) as manager:
        red = manager.request(server.url("/red.png"))
        green = manager.request(server.url("/green.png"))
        settle(manager)
        manager.release(red)
        hits = server.hits["/red.png"]
        blue = manager.request(server.url("/blue.png"))
        settle(manager)
        stats = manager.stats()
        assert (stats.evictions, stats.decoded_bytes) == (1, 2 * EIGHT_BY_EIGHT)
        assert manager.skia_image(green) is not None and manager.skia_image(blue) is not None
        again = manager.request(server.url("/red.png"))
        assert manager.drain_commands() == commands(lambda b: b.define_image(again, 0, 0))
        settle(manager)
        assert image_rgba(manager.skia_image(again)) == RED
        assert server.hits["/red.png"] == hits  # re-decoded from the cached PNG bytes
        assert manager.stats().decodes == manager.stats().fetches + 1


def test_held_pixels_not_drawn_since_the_last_poll_are_evicted_and_redecoded_on_demand(
    server: Server,
) -> None:
    with ImageManager(workers=1, budget_bytes=EIGHT_BY_EIGHT) as manager:
        red = manager.request(server.url("/red.png"))
        green = manager.request(server.url("/green.png"))
        settle(manager)  # both just loaded: protected until they could be drawn
        assert manager.stats().evictions == 0 and manager.stats().over_budget
        manager.poll()  # neither drawn since: the least recently used one goes
        assert manager.stats().evictions == 1
        assert manager.skia_image(red) is None  # starts a re-decode
        assert manager.skia_image(green) is not None
        batch = settle(manager)
        assert batch == commands(lambda b: b.image_state(red, ImageState.LOADED, 8, 8))
        # Both were drawn since the previous poll, so neither could go.
        assert manager.stats().over_budget
        assert image_rgba(manager.skia_image(red)) == RED


# Through the real engine -----------------------------------------------------------


def image_scene(image: int) -> CommandBuffer:
    """A 64x64 white root with a 32x32 grey image node at (16, 16)."""
    b = CommandBuffer().set_viewport(64, 64, 64.0, 64.0)
    b.create(1, Kind.VIEW).set_props(1, {Prop.WIDTH: 64, Prop.HEIGHT: 64,
                                         Prop.BACKGROUND: 0xFFFFFFFF})
    b.create(2, Kind.IMAGE).set_props(2, {
        Prop.WIDTH: 32, Prop.HEIGHT: 32, Prop.BACKGROUND: 0x808080FF,
        Prop.MARGIN_LEFT: 16, Prop.MARGIN_TOP: 16, Prop.IMAGE_FIT: 2})
    b.set_prop(2, Prop.IMAGE, image)
    b.insert(1, 2).set_root(1)
    return b


class Screen:
    """One engine, one painter, one surface, fed by one image manager."""

    def __init__(self, manager: ImageManager) -> None:
        self.manager = manager
        self.renderer = Renderer()
        self.surface = OffscreenSurface(64, 64)
        self.painter = Painter(self.surface, images=manager)
        manager.on_forget = self.painter.forget_image
        self.now = 0.0

    def frame(self, batch: CommandBuffer | None = None) -> list[Any]:
        self.renderer.apply(self.manager.wrap_batch(batch if batch is not None else b""))
        self.now += 16.0
        output = self.renderer.frame(self.now)
        self.painter.paint_output(output)
        return output.events

    def close(self) -> None:
        self.renderer.close()
        self.surface.close()


@pytest.fixture
def screen(manager: ImageManager) -> Iterator[Screen]:
    s = Screen(manager)
    yield s
    s.close()


def test_a_node_paints_its_background_until_its_image_loads_then_the_pixels(
    server: Server, screen: Screen
) -> None:
    src, gate = server.gated("/red.png")
    image = screen.manager.request(src)
    screen.frame(image_scene(image))
    assert rgba_at(screen.surface, 20, 20) == GREY
    gate.set()
    assert screen.manager.wait_idle(WAIT_S)
    events = screen.frame()
    assert ImageLoadedEvent(2, image) in events
    assert rgba_at(screen.surface, 20, 20) == RED
    assert rgba_at(screen.surface, 47, 47) == RED
    assert rgba_at(screen.surface, 10, 10) == (255, 255, 255, 255)


def test_a_failed_image_is_an_engine_event_and_the_background_stays(
    server: Server, screen: Screen
) -> None:
    src, gate = server.gated("/missing.png")
    image = screen.manager.request(src)
    screen.frame(image_scene(image))
    assert rgba_at(screen.surface, 20, 20) == GREY
    gate.set()
    assert screen.manager.wait_idle(WAIT_S)
    events = screen.frame()
    assert ImageFailedEvent(2, image) in events
    assert rgba_at(screen.surface, 20, 20) == GREY
    assert screen.renderer.alive
    assert "HTTP 404" in str(screen.manager.failure(image))


def test_an_evicted_image_on_screen_repaints_once_it_is_decoded_again(
    server: Server, screen: Screen
) -> None:
    manager = screen.manager
    image = manager.request(server.url("/red.png"))
    screen.frame(image_scene(image))
    assert manager.wait_idle(WAIT_S)
    screen.frame()
    assert rgba_at(screen.surface, 20, 20) == RED
    manager.budget_bytes = 1
    manager.poll()  # drawn since the last poll: kept
    assert any(key[0] == image for key in screen.painter.scaled_image_cache)
    manager.poll()  # not drawn since: evicted, and the painter forgets its copies
    assert manager.stats().evictions == 1
    assert not any(key[0] == image for key in screen.painter.scaled_image_cache)
    # The node must repaint (it moves); its pixels are gone, so its background shows.
    screen.frame(CommandBuffer().set_prop(2, Prop.MARGIN_LEFT, 8))
    assert rgba_at(screen.surface, 12, 20) == GREY
    assert manager.wait_idle(WAIT_S)
    events = screen.frame()
    assert ImageLoadedEvent(2, image) in events
    assert rgba_at(screen.surface, 12, 20) == RED
    assert manager.stats().fetches == 1


def test_render_to_surface_waits_for_a_managers_images(
    server: Server, manager: ImageManager
) -> None:
    image = manager.request(server.url("/green.png"))
    with render_to_surface(image_scene(image), (64, 64), design_size=(64.0, 64.0),
                           images=manager) as surface:
        assert rgba_at(surface, 20, 20) == GREEN
        assert rgba_at(surface, 10, 10) == (255, 255, 255, 255)


def test_a_load_that_finished_before_its_node_existed_still_reaches_the_node(
    server: Server, screen: Screen
) -> None:
    image = screen.manager.request(server.url("/red.png"))
    assert screen.manager.wait_idle(WAIT_S)
    # wrap_batch: definition, then the batch creating the node, then the state.
    events = screen.frame(image_scene(image))
    assert ImageLoadedEvent(2, image) in events
    assert rgba_at(screen.surface, 20, 20) == RED


def test_a_release_before_the_state_was_sent_drops_the_state(
    server: Server, screen: Screen
) -> None:
    image = screen.manager.request(server.url("/red.png"))
    assert screen.manager.wait_idle(WAIT_S)
    screen.manager.release(image)
    batch = screen.manager.drain_commands()
    assert batch == commands(lambda b: b.define_image(image, 0, 0).release_image(image))
    screen.renderer.apply(batch)  # the engine accepts it: no state for a released id
