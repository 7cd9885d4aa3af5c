"""The `marquee` pytest plugin (entry point `pytest11`): the `ui` fixture and snapshot output.

- `ui`: a `UI` that mounts elements headless; every screen it mounted is
  closed when the test ends.
- Async tests that take `ui` need no marker: they are marked
  `pytest.mark.asyncio` at collection (pytest-asyncio runs them).
- A failed `assert screen.snapshot() == snapshot` prints what differs and
  the path of the HTML report (`--snapshot-report-dir`, default
  `<rootdir>/.snapshot-report`). Reports of earlier runs are removed when
  a run starts (by the controller only, so xdist workers keep theirs).
"""

from __future__ import annotations

import inspect
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._harness import UI
from ._report import report_dir, set_report_dir
from ._snapshot import UISnapshot

__all__ = ["pytest_addoption", "pytest_assertrepr_compare", "pytest_configure", "ui"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("marquee", "Marquee UI tests")
    group.addoption("--snapshot-report-dir", default=None, metavar="DIR",
                    help="where failed image snapshots write their HTML reports "
                         "(default: <rootdir>/.snapshot-report)")


def pytest_configure(config: pytest.Config) -> None:
    option = config.getoption("--snapshot-report-dir")
    path = Path(option) if option else config.rootpath / ".snapshot-report"
    set_report_dir(path.resolve())


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    root = report_dir()
    if not root.is_dir():
        return
    for folder in root.iterdir():
        # Only folders this plugin wrote: a report page next to its images.
        if (folder / "report.html").is_file() and (folder / "expected.png").is_file():
            shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: Any, name: str, obj: object) -> None:
    if not inspect.iscoroutinefunction(obj):
        return
    if not collector.config.pluginmanager.hasplugin("asyncio"):
        return
    try:
        parameters = inspect.signature(obj).parameters
    except (TypeError, ValueError):
        return
    marks = getattr(obj, "pytestmark", [])
    if "ui" in parameters and not any(getattr(m, "name", "") == "asyncio" for m in marks):
        pytest.mark.asyncio(obj)


@pytest.fixture
def ui() -> Iterator[UI]:
    """Mounts elements headless for this test (`await ui.mount(Home())`); closes them after."""
    with UI() as harness:
        yield harness


@pytest.hookimpl(tryfirst=True)
def pytest_assertrepr_compare(config: pytest.Config, op: str, left: object,
                              right: object) -> list[str] | None:
    shot = left if isinstance(left, UISnapshot) else right
    if op != "==" or not isinstance(shot, UISnapshot) or not shot.failure:
        return None
    return ["the screen does not match its snapshot", *shot.failure]
