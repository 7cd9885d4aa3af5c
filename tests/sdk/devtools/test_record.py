"""`record`: a scripted run on virtual time, decoded back from the MP4/GIF it wrote."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import numpy as np
import pytest

from sdk._cli import main
from sdk.devtools import Progress, load_target, parse_keys, read_video, record

pytest.importorskip("imageio_ffmpeg")

SIZE = (320, 180)


def decode(path: Path) -> tuple[dict[str, object], list[np.ndarray]]:
    meta, frames = read_video(path)
    width, height = meta["size"]  # type: ignore[misc]
    return meta, [np.frombuffer(f, np.uint8).reshape(height, width, 3) for f in frames]


@pytest.mark.parametrize(("suffix", "fps"), [(".mp4", 60.0), (".gif", 50.0)])
def test_the_video_has_one_frame_per_frame_of_the_run(app_package: Path, tmp_path: Path,
                                                       suffix: str, fps: float) -> None:
    script = parse_keys("down,wait:200,right")
    out = tmp_path / f"run{suffix}"
    result = asyncio.run(record(load_target(f"{app_package.name}.app"), script, out, size=SIZE,
                                lead_in=10, tail_ms=100, progress=False))
    interval = 1000.0 / fps
    assert result.frames == 10 + script.frames(interval) + round(100 / interval + 0.49)
    meta, frames = decode(out)
    assert meta["fps"] == fps
    assert meta["size"] == SIZE
    assert len(frames) == result.frames


def test_a_key_that_moves_focus_changes_the_pixels(app_package: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.mp4"
    # lead-in 10 frames, then down (6 frames), then 60 frames of nothing.
    asyncio.run(record(load_target(f"{app_package.name}.app"), parse_keys("down,wait:1000"),
                       out, size=SIZE, lead_in=10, tail_ms=0, progress=False))
    _, frames = decode(out)
    before, after, later = frames[8], frames[30], frames[-1]
    assert np.abs(before.astype(int) - after.astype(int)).max() > 64  # the focus ring appeared
    assert np.abs(after.astype(int) - later.astype(int)).max() < 16  # then nothing moved


def test_record_cli_writes_the_file_and_says_so(app_package: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.gif"
    status = main(["record", f"{app_package.name}.app", "--keys", "down", "--out", str(out),
                   "--size", "160x90", "--lead-in", "2", "--tail", "0", "--quiet"])
    assert status == 0
    assert "wrote" in capsys.readouterr().out
    assert len(decode(out)[1]) == 2 + 5


def test_record_cli_rejects_other_formats_and_bad_keys(app_package: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["record", f"{app_package.name}.app", "--out", str(tmp_path / "x.avi")]) == 2
    assert "must end in .mp4 or .gif" in capsys.readouterr().err
    assert main(["record", f"{app_package.name}.app", "--keys", "up,jump",
                 "--out", str(tmp_path / "x.mp4")]) == 2
    assert "step 2 'jump'" in capsys.readouterr().err


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_stays_quiet_for_short_work_and_prints_tenths_in_logs() -> None:
    stream, clock = io.StringIO(), FakeClock()
    progress = Progress("recording x.mp4", 100, stream=stream, delay_s=2.0, clock=clock)
    progress.advance(50)
    assert stream.getvalue() == ""  # under two seconds: nothing
    clock.now = 3.0
    progress.advance(10)
    progress.advance(1)  # same tenth: no new line
    clock.now = 4.0
    progress.advance(39)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert lines == ["marquee: recording x.mp4: 60/100 frames ( 60%), 20 frames/s, 2 s left",
                     "marquee: recording x.mp4: 100/100 frames (100%), 25 frames/s, 0 s left"]
