"""The instruction-count benchmark's clicks run on both apps, and its arguments are checked."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.reconciler import instructions


@pytest.mark.parametrize("op", instructions._OPS)
@pytest.mark.parametrize("app", ["marquee", "vanilla"])
def test_every_counted_click_runs_on_both_apps(app: str, op: str) -> None:
    clicked = instructions._child(app, op, 1)  # what valgrind runs, once, without valgrind
    removed = 2 * instructions._REPEATS["remove"] if op == "remove" else 0
    assert len(clicked.store.data) == 1000 - removed
    assert clicked.name == app


def test_bad_arguments_are_refused_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("valgrind") is None:
        assert instructions.main(["--ops", "swap"]) == 1
        assert "valgrind is not installed" in capsys.readouterr().out
        return
    with pytest.raises(SystemExit):
        instructions.main(["--ops", "resize"])
    assert "unknown operation(s) ['resize']" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        instructions.main(["--few", "3", "--many", "3"])
    assert "--many must be larger than --few" in capsys.readouterr().err
