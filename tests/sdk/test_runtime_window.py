"""The pygame window presenter under a private Xvfb server: the pixels the X
server shows (read back with `xwd`) equal the offscreen render of the same
scene, damage-only presents keep them equal, and closing the window stops the app."""

from __future__ import annotations

import asyncio
import os
import shutil
import struct
import subprocess
from collections.abc import Iterator

import pytest

from async_tasks import VirtualClock
from renderer import CommandBuffer, FontSet, Kind, Prop, State, render_to_surface
from sdk.runtime._app import App

SIZE = (320, 180)


def xvfb_missing() -> str | None:
    for tool in ("Xvfb", "xwd"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (./dev setup installs xvfb and x11-apps)"
    return None


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private Xvfb server; DISPLAY points at it for the test."""
    missing = xvfb_missing()
    if missing:
        pytest.skip(missing)
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()  # Xvfb writes it once it accepts clients
        if not number:
            raise RuntimeError("Xvfb did not report a display number")
        display = f":{number}"
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def xwd_rgb(window_id: int, display: str) -> tuple[int, int, bytes]:
    """Reads a window's pixels from the X server with `xwd` (RGB rows)."""
    raw = subprocess.run(["xwd", "-silent", "-id", str(window_id), "-display", display],
                         check=True, capture_output=True, timeout=20).stdout
    fields = struct.unpack(">25I", raw[:100])
    header_size, width, height = fields[0], fields[4], fields[5]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    red_mask, green_mask, blue_mask, ncolors = fields[14], fields[15], fields[16], fields[19]
    assert bits_per_pixel == 32, f"expected a 32-bit visual, got {bits_per_pixel}"
    data = raw[header_size + 12 * ncolors:]
    fmt = "<I" if byte_order == 0 else ">I"
    shifts = [(mask, (mask & -mask).bit_length() - 1) for mask in (red_mask, green_mask, blue_mask)]
    out = bytearray()
    for y in range(height):
        row = data[y * bytes_per_line:y * bytes_per_line + width * 4]
        for (value,) in struct.iter_unpack(fmt, row):
            out += bytes((value & mask) >> shift for mask, shift in shifts)
    return width, height, bytes(out)


def rgb_of(rgba: bytes) -> bytes:
    return bytes(b for i, b in enumerate(rgba) if i % 4 != 3)


class Root:
    """Boxes, a rounded translucent card and text over an opaque background."""

    def __init__(self) -> None:
        self.mounted = False
        self.dirty = True

    @staticmethod
    def batch() -> bytes:
        buf = CommandBuffer()
        buf.create(1, Kind.VIEW)
        buf.set_props(1, [(Prop.WIDTH, "100%"), (Prop.HEIGHT, "100%"),
                          (Prop.BACKGROUND, 0x101830FF), (Prop.PADDING_LEFT, 16),
                          (Prop.PADDING_TOP, 16), (Prop.COLUMN_GAP, 12)])
        for node in (2, 3):
            buf.create(node, Kind.VIEW)
            buf.set_props(node, [(Prop.WIDTH, 90), (Prop.HEIGHT, 70), (Prop.CORNER_RADIUS, 12),
                                 (Prop.BACKGROUND, 0xE0A02080), (Prop.FOCUSABLE, 1)])
            buf.set_state_props(node, State.FOCUSED, [(Prop.BACKGROUND, 0x40E080FF)])
            buf.insert(1, node)
        buf.define_string(1, "Hello, window")
        buf.create(4, Kind.TEXT)
        buf.set_props(4, [(Prop.FONT_SIZE, 22), (Prop.TEXT_COLOR, 0xFFFFFFFF)])
        buf.set_text(4, 1)
        buf.insert(1, 4)
        buf.set_root(1)
        return buf.getvalue()

    def flush(self) -> bytes:
        if self.mounted:
            return b""
        self.mounted, self.dirty = True, False
        return self.batch()

    def handle_events(self, events: object) -> None: ...
    def acknowledge(self, batches_applied: int) -> None: ...
    def rebuild_commands(self) -> bytes:
        return self.batch()
    def dispose(self) -> None: ...


async def test_window_pixels_match_the_offscreen_render(x_display: str) -> None:
    import pygame

    fonts = FontSet()
    async with App(Root(), SIZE, design_size=SIZE, clock=VirtualClock(), headless=False,
                   fonts=fonts) as app:
        await app.frame()
        window_id = pygame.display.get_wm_info()["window"]
        width, height, shown = xwd_rgb(window_id, x_display)
        assert (width, height) == SIZE
        with render_to_surface(Root.batch(), SIZE, design_size=SIZE, fonts=FontSet()) as ref:
            expected = rgb_of(ref.pixels())
        assert shown == expected
        # A focus change repaints only the damage; the window still shows the surface.
        app.press("right")
        await app.frame()
        shot = await app.screenshot()
        assert shot.pixel(50, 50)[:3] == (0x40, 0xE0, 0x80)
        assert rgb_of(shot.rgba) != expected  # the focus change is visible
        assert xwd_rgb(window_id, x_display)[2] == rgb_of(shot.rgba)


async def test_closing_the_window_stops_the_app(x_display: str) -> None:
    import pygame

    app = App(Root(), SIZE, design_size=SIZE, clock=VirtualClock(), headless=False)
    await app.start()
    await app.frame()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    await app.frame()  # the renderer thread reads the close and tells the app
    await asyncio.wait_for(app.run_async(), 10)
    thread = app.renderer_thread
    assert thread is not None and not thread.alive
    assert not app.running
