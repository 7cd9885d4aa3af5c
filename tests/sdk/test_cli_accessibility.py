"""`python -m sdk run ... --speak print --text-scale --high-contrast --reduced-motion`."""

from __future__ import annotations

import pytest

from sdk._cli import main


def test_run_speaks_focus_and_applies_the_viewer_settings(capsys, tmp_path):
    shot = tmp_path / "hello.png"
    status = main(["run", "apps.hello", "--headless", "--frames", "40", "--keys", "right",
                   "--speak", "print", "--text-scale", "1.5", "--high-contrast",
                   "--reduced-motion", "--screenshot", str(shot), "--size", "960x540"])
    out = capsys.readouterr().out
    assert status == 0
    assert "marquee: says > Press me, button" in out
    assert shot.exists()


def test_a_text_scale_out_of_range_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "apps.hello", "--text-scale", "3"])
    assert exit_info.value.code == 2
    assert "expected 1.0 to 2.0, got 3" in capsys.readouterr().err
