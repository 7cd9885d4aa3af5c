"""`python -m sdk run`: module convention, headless frames to PNG, screenshot,
usage errors, and Ctrl-C stopping a running app cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from renderer.lowlevel import skia
from sdk._cli import main

REPO = Path(__file__).resolve().parents[2]

APP_MODULE = textwrap.dedent('''
    """A tiny app for the CLI tests: a box that moves 10 px per frame (virtual time)."""
    from renderer import CommandBuffer, Kind, Prop

    class Root:
        def __init__(self):
            self.frame = 0
            self.dirty = True

        def flush(self):
            buf = CommandBuffer()
            if self.frame == 0:
                buf.create(1, Kind.VIEW)
                buf.set_props(1, [(Prop.WIDTH, "100%"), (Prop.HEIGHT, "100%"),
                                  (Prop.BACKGROUND, 0x000000FF)])
                buf.create(2, Kind.VIEW)
                buf.set_props(2, [(Prop.WIDTH, 100), (Prop.HEIGHT, 100),
                                  (Prop.BACKGROUND, 0xFFFFFFFF)])
                buf.insert(1, 2)
                buf.set_root(1)
            buf.set_prop(2, Prop.TRANSLATE_X, 10.0 * self.frame)
            self.frame += 1
            return buf.getvalue()

        def handle_events(self, events): pass
        def acknowledge(self, n): pass
        def rebuild_commands(self): return b""
        def dispose(self): pass

    def root():
        return Root()
''')


@pytest.fixture
def app_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "cli_demo_app.py").write_text(APP_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    return "cli_demo_app"



def white_left_edge(path: Path) -> int:
    """x of the first white pixel on row 5 of a 192x108 frame."""
    image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(path.read_bytes()))
    info = skia.ImageInfo.Make(image.width(), image.height(), skia.kRGBA_8888_ColorType,
                               skia.kUnpremul_AlphaType)
    pixels = bytearray(image.width() * image.height() * 4)
    assert image.readPixels(info, pixels, image.width() * 4, 0, 0)
    row = pixels[5 * image.width() * 4:6 * image.width() * 4]
    return next(x for x in range(image.width()) if row[4 * x] == 255)


def test_headless_frames_are_written_as_png(app_module: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "frames"
    shot = tmp_path / "last.png"
    status = main(["run", app_module, "--headless", "--frames", "4", "--size", "192x108",
                   "--out", str(out), "--screenshot", str(shot)])
    assert status == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == [f"frame_0000{i}.png" for i in range(1, 5)]
    # 1920-unit design on a 192 px surface: the box moves 1 px per frame.
    assert [white_left_edge(out / f) for f in files] == [0, 1, 2, 3]
    assert white_left_edge(shot) == 3
    printed = capsys.readouterr().out
    assert f"wrote 4 frame(s) to {out}" in printed
    assert f"screenshot in {shot}" in printed


def test_usage_errors_name_the_problem(app_module: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "no_such_module_xyz", "--headless"]) == 2
    assert "cannot import 'no_such_module_xyz'" in capsys.readouterr().err
    assert main(["run", f"{app_module}:nothing", "--headless"]) == 2
    assert "has no `nothing`" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["run", app_module, "--size", "big"])
    assert "size must look like 1280x720" in capsys.readouterr().err


def test_ctrl_c_stops_a_running_app_cleanly(tmp_path: Path) -> None:
    (tmp_path / "cli_demo_app.py").write_text(APP_MODULE)
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"}
    env.pop("DISPLAY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "sdk", "run", "cli_demo_app", "--size", "192x108",
         "--screenshot", str(tmp_path / "at_exit.png")],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # printed once both threads run
        assert "running cli_demo_app (headless, 192x108)" in first
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "marquee: stopped" in out
    assert "Traceback" not in err
