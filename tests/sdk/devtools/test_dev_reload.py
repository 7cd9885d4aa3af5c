"""`dev`: reload on save keeps state where identity and hook order match, errors show
an overlay and never end the run. Stepped (virtual time) so every frame is known."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from devtools_kit import COUNTER_APP, NAV_APP

import sdk
from async_tasks import VirtualClock
from sdk.devtools import DEV_EXTRA_KEYS, DevSession
from sdk.runtime import App


@pytest.fixture
async def dev(app_package: Path) -> AsyncIterator[tuple[DevSession, App, Path]]:
    session = DevSession(f"{app_package.name}.app")
    session.load()
    app = App(session.shell(), (480, 270), clock=VirtualClock(), extra_keys=DEV_EXTRA_KEYS)
    async with app:
        session.app = app
        await app.frame(2)
        yield session, app, app_package / "app.py"


async def count_to_two(app: App) -> None:
    app.press("down")  # the first arrow focuses the first focusable node: the Add button
    await app.frame(3)
    for _ in range(2):
        app.press("select")
        await app.frame(3)
    assert '"Count 2"' in await app.dump()


async def save(session: DevSession, app: App, path: Path, source: str) -> None:
    path.write_text(source)
    report = session.reload([path])
    await app.frame(3)
    assert report is session.reports[-1]


async def test_a_save_shows_the_new_code_with_the_state_kept(dev: tuple[DevSession, App, Path],
                                                             ) -> None:
    session, app, path = dev
    await count_to_two(app)
    await save(session, app, path, COUNTER_APP.replace('LABEL = "Count"', 'LABEL = "Total"'))
    dump = await app.dump()
    assert '"Total 2"' in dump  # new code, old count
    report = session.reports[-1]
    assert report.ok and report.committed
    assert report.kept >= 1 and report.rejected == []
    add = next(line for line in dump.splitlines() if 'test_id="add"' in line)
    assert add.endswith("focused")  # focus is back on the same button


async def test_a_changed_hook_order_starts_that_component_over(
        dev: tuple[DevSession, App, Path]) -> None:
    session, app, path = dev
    await count_to_two(app)
    changed = COUNTER_APP.replace("    count = use_signal(0)\n",
                                  "    step = use_signal(10)\n    count = use_signal(0)\n")
    changed = changed.replace("lambda n: n + 1", "lambda n: n + step()")
    await save(session, app, path, changed)
    assert '"Count 0"' in await app.dump()  # not "Count 2": the seed did not fit
    assert any("Counter" in name for name in session.reports[-1].rejected)
    app.press("select")  # the button kept focus, and the fresh step is 10
    await app.frame(3)
    assert '"Count 10"' in await app.dump()


async def test_a_syntax_error_shows_an_overlay_and_the_next_save_clears_it(
        dev: tuple[DevSession, App, Path]) -> None:
    session, app, path = dev
    await count_to_two(app)
    await save(session, app, path, COUNTER_APP.replace("def Home()", "def Home(:"))
    report = session.reports[-1]
    assert not report.ok and "SyntaxError" in (report.error or "")
    dump = await app.dump()
    assert 'test_id="marquee-devtools-error"' in dump
    assert "SyntaxError" in dump
    assert '"Count 2"' in dump  # the old app keeps running under the overlay
    app.press("select")
    await app.frame(3)
    assert '"Count 3"' in await app.dump()
    await save(session, app, path, COUNTER_APP.replace('LABEL = "Count"', 'LABEL = "Fixed"'))
    dump = await app.dump()
    assert "marquee-devtools-error" not in dump
    assert '"Fixed 3"' in dump


async def test_an_error_in_a_render_shows_an_overlay_and_keeps_the_last_good_state(
        dev: tuple[DevSession, App, Path]) -> None:
    session, app, path = dev
    await count_to_two(app)
    broken = COUNTER_APP.replace("    count = use_signal(0)\n",
                                 "    count = use_signal(0)\n    1 / 0\n")
    await save(session, app, path, broken)
    dump = await app.dump()
    assert "app error: ZeroDivisionError" in dump
    assert 'test_id="add"' not in dump  # the app could not render
    assert session.slot is None
    await save(session, app, path, COUNTER_APP)
    dump = await app.dump()
    assert "marquee-devtools-error" not in dump
    assert '"Count 2"' in dump  # the state captured before the broken save


async def test_a_reload_replaces_only_the_apps_modules(dev: tuple[DevSession, App, Path]) -> None:
    session, app, path = dev
    sdk_before = sys.modules["sdk"]
    app_before = sys.modules[session.spec]
    await save(session, app, path, COUNTER_APP)
    assert sys.modules["sdk"] is sdk_before is sdk
    assert sys.modules[session.spec] is not app_before
    assert all(not name.startswith(("sdk", "signals", "renderer", "components", "async_tasks"))
               for name in session.modules.names())


def test_the_watcher_sees_a_saved_file(app_package: Path) -> None:
    session = DevSession(f"{app_package.name}.app")
    assert session.modules.changed() == []
    (app_package / "app.py").write_text(COUNTER_APP + "\n# edited\n")
    assert session.modules.changed() == [app_package / "app.py"]
    assert session.modules.changed() == []


async def test_an_app_that_fails_its_first_import_starts_on_the_first_good_save(
        app_package: Path) -> None:
    path = app_package / "app.py"
    path.write_text(COUNTER_APP.replace("def Home()", "def Home(:"))
    session = DevSession(f"{app_package.name}.app")
    session.load()
    async with App(session.shell(), (480, 270), clock=VirtualClock(),
                   extra_keys=DEV_EXTRA_KEYS) as app:
        await app.frame(2)
        dump = await app.dump()
        assert "could not load" in dump and "SyntaxError" in dump
        await save(session, app, path, COUNTER_APP)
        dump = await app.dump()
        assert '"Count 0"' in dump and "marquee-devtools-error" not in dump


async def test_a_pushed_page_stays_open_with_its_state_and_the_new_code(
        app_package: Path) -> None:
    path = app_package / "app.py"
    path.write_text(NAV_APP)
    session = DevSession(f"{app_package.name}.app")
    session.load()
    async with App(session.shell(), (480, 270), clock=VirtualClock(),
                   extra_keys=DEV_EXTRA_KEYS) as app:
        await app.frame(2)
        for key in ("down", "select"):  # open the details page
            app.press(key)
            await app.frame(4)
        for _ in range(2):  # focus is on Like (the page focuses its first button)
            app.press("select")
            await app.frame(3)
        assert '"Details 7: 2 likes"' in await app.dump()
        await save(session, app, path, NAV_APP.replace('TITLE = "Details"', 'TITLE = "Page"'))
        dump = await app.dump()
        assert '"Page 7: 2 likes"' in dump  # the page stack, its state and the new code
        app.press("back")  # the menu under it is still there
        await app.frame(4)
        assert '"Menu"' in await app.dump()
