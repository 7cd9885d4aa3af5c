"""The installed pytest plugin end to end, in a fresh pytest process per run.

One project in a temporary directory, run twice: `--snapshot-update`
creates the image and tree snapshots; a run under pytest-xdist (`-n 2`)
with a changed prop fails that test, prints the report path, passes the
unchanged render (a new process), fails a test whose snapshot was never
stored (saying how to create it) and reports a planted stale snapshot. The project's pytest.ini sets
pytest-asyncio's *strict* mode, so the unmarked async tests run only because
the plugin marks tests that take `ui`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np

from sdk.testing import decode_png

APP_TEST = textwrap.dedent('''
    import json
    import os

    from components import Button, Row, Text, View

    PROPS = json.loads(os.environ.get("CARD_PROPS", "{}"))


    def card(**props):
        return View(
            View(Text("Dune", size=48), Row(Button("Play"), Button("Trailer"), gap=24),
                 direction="column", gap=24, padding=40, background="#1b1f2a", width=700,
                 **props),
            padding=96, grow=1, align="flex-start", background="#0b0d12")


    async def test_card(ui, snapshot):
        screen = await ui.mount(card(**PROPS), size=(960, 540))
        await screen.settle()
        await screen.press("right")
        assert screen.snapshot() == snapshot


    async def test_card_unchanged(ui, snapshot):
        screen = await ui.mount(card(), size=(960, 540))
        await screen.settle()
        assert screen.snapshot() == snapshot


    async def test_tree_only(ui, snapshot):
        screen = await ui.mount(card(), paint=False)
        assert screen.snapshot() == snapshot


    if "CARD_PROPS" in os.environ:
        async def test_added_later(ui, snapshot):
            screen = await ui.mount(card(), paint=False)
            assert screen.snapshot() == snapshot
''')

INI = "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n"


def run(project, *args, props=None):
    env = dict(os.environ)
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_ADDOPTS", None)
    if props is not None:
        env["CARD_PROPS"] = props
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "-p", "no:hypothesispytest",  # its import alone costs seconds per process
         *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=180,
    )


def test_update_pass_fail_with_report_and_stale_snapshots_under_xdist(tmp_path):
    (tmp_path / "pytest.ini").write_text(INI)
    (tmp_path / "test_app.py").write_text(APP_TEST)
    snapshots = tmp_path / "__snapshots__" / "test_app"

    created = run(tmp_path, "--snapshot-update")
    assert created.returncode == 0, created.stdout + created.stderr
    assert "5 snapshots generated" in created.stdout
    png = decode_png((snapshots / "test_card[screen].png").read_bytes())
    assert png.shape == (540, 960, 4)
    tree = (snapshots / "test_card[screen].txt").read_text()
    assert 'role=button label="Play" focusable focused' in tree
    assert (snapshots / "test_tree_only[screen].txt").exists()
    assert not (snapshots / "test_tree_only[screen].png").exists()

    stale = snapshots / "test_gone[screen].txt"
    stale.write_text(tree)
    changed = run(tmp_path, "-n", "2", props='{"opacity": 0.9}')
    out = changed.stdout
    assert changed.returncode == 1, out
    assert "2 failed, 2 passed" in out  # test_card_unchanged: identical render, new process
    assert ("scene tree snapshot 'screen' does not exist yet" in out
            and "run pytest with --snapshot-update to create it" in out)
    assert "image snapshot 'screen' differs from" in out
    assert "scene tree snapshot 'screen' differs" in out
    assert "1 snapshot unused" in out
    report = tmp_path / ".snapshot-report" / "test_app.py_test_card[screen]" / "report.html"
    assert f"report: {report}" in out
    page = report.read_text()
    for name in ("expected.png", "actual.png", "diff.png", "diff-crop.png"):
        assert f'src="{name}"' in page
        assert (report.parent / name).is_file()
    expected = decode_png((report.parent / "expected.png").read_bytes())
    assert np.array_equal(expected, png)  # the stored snapshot, not a re-render
    assert "opacity=0.9" in page
    index = tmp_path / ".snapshot-report" / "index.html"
    assert f"image snapshot failures: {index}" in out
    assert 'href="test_app.py_test_card[screen]/report.html"' in index.read_text()
