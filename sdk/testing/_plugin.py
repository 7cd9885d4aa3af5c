"""The `marquee` pytest plugin (entry point `pytest11`): the `ui` fixture and snapshot output.

- `ui`: a `UI` that mounts elements headless; every screen it mounted is
  closed when the test ends.
- Async tests that take `ui` need no marker: they are marked
  `pytest.mark.asyncio` at collection (pytest-asyncio runs them).
- A failed `assert screen.snapshot() == snapshot` prints what differs and
  the path of the HTML report (`--snapshot-report-dir`, default
  `<rootdir>/.snapshot-report`). Reports of earlier runs are removed when
  a run starts (by the controller only, so xdist workers keep theirs); at
  the end the controller writes `index.html` linking every report and
  prints its path.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from ._harness import UI
from ._report import clear_reports, report_dir, set_report_dir, write_index
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


def _is_worker() -> bool:
    return bool(os.environ.get("PYTEST_XDIST_WORKER"))


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _is_worker():  # workers start after this and keep what they write
        clear_reports(report_dir())


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if _is_worker():
        return
    index = write_index(report_dir())
    if index is not None:
        terminalreporter.write_sep("-", "marquee snapshot reports")
        terminalreporter.write_line(f"image snapshot failures: {index}")


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


async def _ui() -> AsyncIterator[UI]:
    harness = UI()
    try:
        yield harness
    finally:
        await harness.aclose()


_ui.__doc__ = """Mounts elements headless for this test (`await ui.mount(Home())`);
closes them after, inside the test's event loop."""

def _sync_ui() -> Iterator[UI]:
    with UI() as harness:
        yield harness


_sync_ui.__doc__ = _ui.__doc__


def _ui_fixture() -> Any:
    try:
        import pytest_asyncio
    except ImportError:  # without pytest-asyncio, async tests cannot run anyway
        return pytest.fixture(_sync_ui, name="ui")
    return pytest_asyncio.fixture(_ui, name="ui")


ui = _ui_fixture()


@pytest.hookimpl(tryfirst=True)
def pytest_assertrepr_compare(config: pytest.Config, op: str, left: object,
                              right: object) -> list[str] | None:
    shot = left if isinstance(left, UISnapshot) else right
    if op != "==" or not isinstance(shot, UISnapshot) or not shot.failure:
        return None
    return ["the screen does not match its snapshot", *shot.failure]
