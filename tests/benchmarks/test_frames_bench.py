"""Smoke test of `python -m benchmarks.frames`: a tiny session, the JSON's shape and sanity.

No timing asserts (numbers depend on the machine); it checks that every
frame was measured, the split adds up to the frame work, every key moved
focus, and the document has the keys docs/frames.md promises.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.frames._run import HEADLINE, main, report, run
from benchmarks.frames._xvfb import XvfbUnavailable, xvfb


@pytest.fixture(scope="module")
def doc():
    try:
        with xvfb(320, 240):
            pass
    except XvfbUnavailable as exc:
        pytest.skip(f"Xvfb cannot start: {exc}")
    return run(profile_cycles=1, grid_keys=6, only=("idle", "busy"))


def test_headline_keys_and_ranges(doc):
    for key in HEADLINE:
        assert isinstance(doc[key], float), key
        assert doc[key] >= 0.0, key
    assert 0.0 <= doc["late_frame_share"] <= 1.0
    assert doc["frame_work_p50_ms"] <= doc["frame_work_p99_ms"]
    assert 0.0 < doc["input_latency_p50_ms"] <= doc["input_latency_p99_ms"] < 2000.0
    assert set(doc["split_mean_ms"]) == {"apply", "frame", "paint", "present"}
    json.dumps(doc)  # the document is plain JSON


def test_sessions_measured_every_key_and_frame(doc):
    assert set(doc["sessions"]) == {"profiles idle", "grid idle", "profiles busy", "grid busy"}
    for name, stats in doc["sessions"].items():
        assert stats["keys"] == (10 if name.startswith("profiles") else 6), name
        assert stats["keys_without_focus_move"] == 0, name
        # 10 keys 180 ms apart at 60 Hz: well over 60 ticks in the window
        assert stats["frames"] >= 40, name
        assert stats["painted_share"] > 0.5, name
        split = stats["split_mean_ms"]
        assert split["paint"] > 0.0 and split["frame"] > 0.0, name
    assert doc["sessions"]["profiles idle"]["handler_burn_ms_total"] == 0.0
    # 10 focus moves on the profiles page (select/back move focus through the app too)
    assert doc["sessions"]["profiles busy"]["handler_burn_ms_total"] >= 5.0 * 4


def test_gil_block_and_report(doc):
    gil = doc["gil_wait"]
    for key in ("start_wait_mean_ms", "start_wait_mean_idle_ms", "in_tick_wait_share",
                "in_tick_wait_share_idle"):
        assert gil[key] >= 0.0, key
    assert 0.0 <= gil["in_tick_wait_share"] <= 1.0
    text = report(doc)
    assert "busy headline" in text and "grid busy" in text
    assert f"Marquee build: {doc['build']['label']}" in text
    assert doc["build"]["build"] in ("compiled", "pure")


def test_run_needs_idle_and_busy():
    with pytest.raises(ValueError, match="idle"):
        run(1, 6, only=("busy",))


def test_main_rejects_unknown_options(capsys):
    with pytest.raises(SystemExit):
        main(["--bogus"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_a_session_with_the_renderer_in_its_own_process():
    from benchmarks.frames._run import grid_script, scenarios
    from benchmarks.frames._session import run_session
    from benchmarks.frames._stats import summarize

    try:
        with xvfb(320, 240):
            pass
    except XvfbUnavailable as exc:
        pytest.skip(f"Xvfb cannot start: {exc}")
    sessions = [s for group, page, s in scenarios(1, 6, ("process",))
                if group == "busy [process]" and page == "grid"]
    assert [s.transport for s in sessions] == ["process"]
    with xvfb():
        result = run_session(sessions[0])
    stats = summarize([result])
    assert [r.key for r in result.keys] == grid_script(6)
    assert stats["keys_without_focus_move"] == 0  # focus read from the renderer process's loop
    assert stats["frames"] >= 40 and stats["painted_share"] > 0.5
    assert sum(result.burns_ms) >= 5.0 * 6  # the handlers burned on the app side


def test_the_catalog_scenario_reports_painted_frames_in_a_renderer_process():
    from benchmarks.frames._catalog import catalog_scenario

    row = catalog_scenario("process", size=(640, 360))
    assert row["painted"] > 10 and row["frames"] >= row["painted"]
    assert 0.0 < row["painted_work_p50_ms"] <= row["painted_work_p95_ms"] <= row[
        "painted_work_max_ms"]
