"""Image sources from outside are not trusted: which files, how long, how many pixels.

Real files, a real FIFO, symlinks, and a real local HTTP server whose routes
trickle headers or bodies a byte at a time, or hang until the test ends. The
tests wait for the manager's workers with `wait_idle`, never on the clock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import struct
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from renderer import ImageLoadError, ImageManager, ImageState
from renderer._image_fetch import decode_image
from renderer._image_header import sniff_size
from renderer._painter import argb
from renderer._skia import skia

WAIT_S = 5.0
HANG_S = 10.0
"""How long the hanging route holds a request (far beyond every timeout below)."""


def encoded(width: int, height: int, fmt: Any = skia.EncodedImageFormat.kPNG) -> bytes:
    surface = skia.Surface.MakeRasterN32Premul(width, height)
    surface.getCanvas().clear(argb(0x00FF00FF))
    return bytes(surface.makeImageSnapshot().encodeToData(fmt, 90))


def png_declaring(width: int, height: int) -> bytes:
    """A ~60-byte PNG whose header declares `width` x `height` RGBA pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


class Server:
    """Routes: `/ok.png`, `/big.png` (declares 6000x6000), `/trickle-head`,
    `/trickle-body` (a byte every 50 ms), `/hang` (answers after `HANG_S`)."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.answered: set[str] = set()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                with contextlib.suppress(OSError):  # the client gave up first
                    self._answer()

            def _answer(self) -> None:
                if self.path == "/trickle-head":
                    for byte in b"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n" * 1000:
                        if owner.stop.wait(0.05):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    return
                if self.path == "/hang":
                    owner.stop.wait(HANG_S)
                body = {"/big.png": png_declaring(6000, 6000)}.get(self.path, encoded(4, 4))
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.path == "/trickle-body":
                    for byte in body:
                        if owner.stop.wait(0.05):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                else:
                    self.wfile.write(body)
                owner.answered.add(self.path)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    root = tmp_path / "app" / "assets"
    root.mkdir(parents=True)
    (root / "poster.png").write_bytes(encoded(4, 6))
    (tmp_path / "app" / "secret.png").write_bytes(encoded(4, 6))
    (tmp_path / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    return root


def load(manager: ImageManager, src: str) -> tuple[int, ImageLoadError | None]:
    image = manager.request(src)
    assert manager.wait_idle(WAIT_S), "the load did not end"
    manager.drain_commands()
    return image, manager.failure(image)


# Which local files ---------------------------------------------------------------


def test_without_asset_roots_no_local_file_is_read_and_its_bytes_never_logged(
    assets: Path, caplog: pytest.LogCaptureFixture
) -> None:
    passwd = assets.parent.parent / "passwd"
    caplog.set_level(logging.WARNING, "renderer")
    with ImageManager() as manager:
        for src in (str(passwd), "file://" + str(passwd), str(assets / "poster.png")):
            image, error = load(manager, src)
            assert manager.state(image) is ImageState.FAILED
            assert error is not None and "refused: local files are not allowed" in error.reason
    assert "refused" in caplog.text and "root:" not in caplog.text


@pytest.mark.parametrize("escape", [
    "{root}/../secret.png",            # .. out of the root
    "file://{root}/../../passwd",      # a file URL is a path like any other
    "{root}/../../passwd",
    "../secret.png",                   # relative to the first root, then out
    "{root}/link.png",                 # a symlink inside pointing outside
])
def test_paths_leading_out_of_the_asset_roots_are_refused(assets: Path, escape: str) -> None:
    (assets / "link.png").symlink_to(assets.parent / "secret.png")
    with ImageManager(asset_roots=[assets]) as manager:
        _, error = load(manager, escape.format(root=assets))
    assert error is not None
    assert error.reason == "refused: the file is outside the app's asset roots"


@pytest.mark.parametrize("src", ["data:image/png;base64,AAAA", "ftp://example.com/a.png",
                                 "file://example.com/etc/passwd", "http:///nohost.png"])
def test_other_schemes_and_hosts_are_refused_by_name(assets: Path, src: str) -> None:
    with ImageManager(asset_roots=[assets]) as manager:
        _, error = load(manager, src)
    assert error is not None and error.reason.startswith("refused: ")


def test_files_inside_the_roots_load_by_path_file_url_and_relative_path(assets: Path) -> None:
    (assets / "inner").mkdir()
    (assets / "inner" / "link.png").symlink_to(assets / "poster.png")  # stays inside
    with ImageManager(asset_roots=[assets.parent / "assets"]) as manager:
        for src in (str(assets / "poster.png"), "file://" + str(assets / "poster.png"),
                    "poster.png", "inner/../poster.png", str(assets / "inner" / "link.png")):
            image, error = load(manager, src)
            assert error is None, src
            assert manager.state(image) is ImageState.LOADED
            assert manager.skia_image(image).width() == 4


def test_a_root_that_is_not_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"asset root .*nowhere.* is not an existing directory"):
        ImageManager(asset_roots=[tmp_path / "nowhere"])


def test_a_fifo_or_a_device_is_refused_without_blocking_a_worker(assets: Path) -> None:
    fifo = assets / "pipe.png"
    os.mkfifo(fifo)
    with ImageManager(workers=1, asset_roots=[assets, "/dev"]) as manager:
        _, fifo_error = load(manager, str(fifo))
        _, device_error = load(manager, "/dev/zero")
        _, after = load(manager, "poster.png")  # the single worker is free again
    assert fifo_error is not None and "not a regular file (a FIFO)" in fifo_error.reason
    assert device_error is not None
    assert "not a regular file (a character device)" in device_error.reason
    assert after is None


def test_a_file_over_the_byte_limit_is_refused_from_its_size(assets: Path) -> None:
    with ImageManager(max_bytes=10, asset_roots=[assets]) as manager:
        _, error = load(manager, "poster.png")
    assert error is not None and error.reason == "file is larger than the 10-byte limit"


# How long ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/trickle-head", "/trickle-body"])
def test_a_server_trickling_bytes_is_cut_at_the_total_deadline(server: Server, path: str) -> None:
    # Each byte arrives well within the per-read timeout; only a total deadline ends it.
    with ImageManager(timeout_s=0.5) as manager:
        _, error = load(manager, server.url(path))
    assert error is not None and error.reason == "timed out after 0.5 s"
    assert path not in server.answered


def test_close_aborts_a_fetch_in_flight_and_its_worker_ends(server: Server) -> None:
    manager = ImageManager(workers=1, timeout_s=HANG_S * 3)
    manager.request(server.url("/hang"))
    manager.close()
    # close() did not wait for the answer: the server still holds the request,
    # and the worker thread is already gone.
    assert "/hang" not in server.answered
    for thread in threading.enumerate():
        if thread.name.startswith("marquee-images"):
            thread.join(WAIT_S)
            assert not thread.is_alive()


# How many pixels -----------------------------------------------------------------------


def test_a_small_file_declaring_a_huge_image_is_refused_before_decoding(server: Server) -> None:
    with ImageManager() as manager:
        _, error = load(manager, server.url("/big.png"))
    assert error is not None
    assert error.reason == ("PNG of 6000x6000 exceeds the 16777216-pixel limit "
                            "(refused before decoding)")


def test_the_pixel_budget_is_a_setting(assets: Path) -> None:
    with ImageManager(max_pixels=20, asset_roots=[assets]) as manager:
        _, error = load(manager, "poster.png")  # 4x6 = 24 pixels
    assert error is not None and "PNG of 4x6 exceeds the 20-pixel limit" in error.reason
    with pytest.raises(ValueError, match="max_pixels must be positive"):
        ImageManager(max_pixels=0)


@pytest.mark.parametrize(("fmt", "name"), [
    (skia.EncodedImageFormat.kPNG, "PNG"), (skia.EncodedImageFormat.kJPEG, "JPEG"),
    (skia.EncodedImageFormat.kWEBP, "WebP"),
])
def test_header_sizes_match_what_the_decoder_finds(fmt: Any, name: str) -> None:
    data = encoded(37, 23, fmt)
    assert sniff_size("x", data) == (name, 37, 23)
    assert (decode_image("x", data, None).width, decode_image("x", data, None).height) == (37, 23)
    with pytest.raises(ImageLoadError, match=f"{name} of 37x23 exceeds the 100-pixel limit"):
        decode_image("x", data, None, max_pixels=100)


def test_gif_and_lossless_webp_headers_are_read() -> None:
    gif = b"GIF89a" + struct.pack("<HH", 300, 200) + b"\x00" * 8
    assert sniff_size("a.gif", gif) == ("GIF", 300, 200)
    lossless = skia.Image.MakeRasterData(
        skia.ImageInfo.MakeN32Premul(9, 5), b"\xff" * 9 * 5 * 4, 9 * 4
    ).encodeToData(skia.EncodedImageFormat.kWEBP, 100)
    assert sniff_size("a.webp", bytes(lossless)) == ("WebP", 9, 5)


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00",
                                  b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"<svg/>"])
def test_truncated_or_unknown_headers_are_refused_without_quoting_them(data: bytes) -> None:
    with pytest.raises(ImageLoadError) as caught:
        decode_image("x", data, None)
    assert ("malformed" in caught.value.reason or "not an image" in caught.value.reason)
    assert "svg" not in str(caught.value) and "RIFF" not in str(caught.value)
