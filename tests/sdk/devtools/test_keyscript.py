"""The key grammar shared by `run --keys` and `record --keys`."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdk._cli import main
from sdk.devtools import KeyScriptError, Press, Wait, frames_for, parse_keys
from sdk.testing import decode_png


def test_keys_and_waits_parse_in_order() -> None:
    script = parse_keys("down, down,enter,wait:500,back")
    assert script.steps == (Press("down"), Press("down"), Press("enter"), Wait(500.0),
                            Press("back"))


def test_a_count_repeats_a_key_and_seconds_are_accepted() -> None:
    script = parse_keys("right*3,wait:1.5s,WAIT:20ms")
    assert script.steps == (Press("right"),) * 3 + (Wait(1500.0), Wait(20.0))


def test_the_script_length_in_frames_is_known_before_it_runs() -> None:
    script = parse_keys("down,wait:500", gap_ms=100)
    # 100 ms -> 6 frames of 16.7 ms; 500 ms -> 30 frames; at 50 fps: 5 + 25.
    assert script.frames() == 6 + 30
    assert script.frames(20.0) == 5 + 25
    assert frames_for(1) == 1 and frames_for(0) == 0


def test_an_extra_key_of_the_app_is_a_key() -> None:
    assert parse_keys("red", {"red": 32}).steps == (Press("red"),)


@pytest.mark.parametrize(("text", "names"), [
    ("down,dwn,enter", ["step 2", "'dwn'", "known keys: up, down"]),
    ("down,,enter", ["step 2 is empty"]),
    ("wait:soon", ["step 1", "wait:500"]),
    ("right*0", ["step 1", "1..1000"]),
    ("wait500", ["step 1", "waits are written wait:500"]),
])
def test_a_bad_step_is_named_with_its_position(text: str, names: list[str]) -> None:
    with pytest.raises(KeyScriptError) as caught:
        parse_keys(text)
    for name in names:
        assert name in str(caught.value)


def test_run_keys_moves_focus_in_the_headless_run(app_package: Path, tmp_path: Path) -> None:
    target = f"{app_package.name}.app"
    plain, moved = tmp_path / "plain.png", tmp_path / "moved.png"
    assert main(["run", target, "--headless", "--frames", "20", "--size", "480x270",
                 "--screenshot", str(plain)]) == 0
    assert main(["run", target, "--headless", "--frames", "20", "--size", "480x270",
                 "--keys", "down", "--screenshot", str(moved)]) == 0
    # The first arrow focuses the first focusable node: the focus ring shows.
    assert (decode_png(plain.read_bytes()) != decode_png(moved.read_bytes())).any()


def test_run_keys_with_a_typo_is_a_usage_error(app_package: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["run", f"{app_package.name}.app", "--headless", "--frames", "2",
                   "--keys", "down,selcet"])
    assert status == 2
    assert "step 2 'selcet' is not a key" in capsys.readouterr().err
