"""The catalog app against the real catalog service, through the `ui` harness.

What the viewer sees: the normal flow, slow answers (skeletons, then content),
failures (error view, Try again), timeouts, and no task left behind.
"""

from __future__ import annotations

import asyncio
import re

from apps.catalog import CatalogApp
from apps.catalog_service import CATALOG
from async_tasks import VirtualClock, live_tasks
from sdk import App

SIZE = (960, 540)
ROW_IDS = ["trending", "new", "picks", "docs"]


def app(service, timeout_ms: float = 60_000.0):
    return CatalogApp(base_url=service.url, timeout_ms=timeout_ms)


async def to_home(screen, profile: str = "profile-ana") -> None:
    await screen.settle()
    assert screen.focused.test_id == "profile-ana"  # focused when the list shows
    while screen.focused.test_id != profile:
        await screen.press("right")
    await screen.press("select")


def title_of(cell) -> str:
    """The title a focused rail cell shows (its poster's label)."""
    return cell.children[0].label


async def test_profiles_then_home_with_every_row(ui, service, snapshot):
    screen = await ui.mount(app(service), size=SIZE)
    await screen.settle()
    assert screen.get_by_role("heading").text == "Who's watching?"
    assert [n.label for n in screen.all_by_role("button")] == ["Ana", "Ben", "Kids"]
    assert screen.focused.label == "Ana"
    assert screen.snapshot() == snapshot(name="profiles")
    await screen.press("select")
    await screen.settle()
    hero = CATALOG.titles[CATALOG.rows["trending"].title_ids[0]]
    assert screen.get_by_test_id("hero-title").text == hero.name
    for row_id in ROW_IDS:
        rail = screen.get_by_test_id(f"row-{row_id}")
        assert rail.label == CATALOG.rows[row_id].name
        first = CATALOG.titles[CATALOG.rows[row_id].title_ids[0]]
        assert screen.within(rail).all_by_role("image")[0].label == first.name
    assert screen.query_by_test_id("home-loading") is None
    assert screen.snapshot() == snapshot(name="home")


async def test_kids_get_their_own_rows(ui, service):
    screen = await ui.mount(app(service), size=SIZE)
    await to_home(screen, "profile-kids")
    await screen.settle()
    assert [n.label for n in screen.all_by_role("list")] == ["New releases", "Picked for you"]


async def test_select_opens_details_and_back_restores_focus_on_the_poster(ui, service, snapshot):
    screen = await ui.mount(app(service), size=SIZE)
    await to_home(screen)
    await screen.settle()
    assert screen.focused.test_id == "hero-info"  # focused when the page shows
    await screen.press("down")
    await screen.press("right", times=2)
    cell = screen.focused
    expected = CATALOG.titles[CATALOG.rows["trending"].title_ids[2]]
    assert cell.role == "listitem" and title_of(cell) == expected.name
    await screen.press("select")
    await screen.settle()
    assert screen.get_by_test_id("details-title").text == expected.name
    assert screen.focused.test_id == "details-play"
    assert screen.get_by_test_id("details-meta").text == (
        f"{expected.year} · {expected.genre} · {expected.minutes} min · {expected.rating}")
    assert screen.get_by_text(expected.synopsis)
    assert screen.query_by_test_id("hero") is None  # the covered home page is hidden
    assert screen.snapshot() == snapshot(name="details")
    await screen.press("back")
    await screen.settle()
    assert screen.query_by_test_id("details") is None
    assert screen.focused is not None and title_of(screen.focused) == expected.name
    assert screen.focused.box == cell.box
    await screen.press("right")
    nxt = CATALOG.titles[CATALOG.rows["trending"].title_ids[3]]
    assert title_of(screen.focused) == nxt.name


async def test_a_slow_home_page_shows_its_skeleton_then_the_content(ui, service, snapshot):
    service.set_fault("home", delay_ms=400)
    screen = await ui.mount(app(service), size=SIZE)
    await to_home(screen)
    await screen.frame(2)
    assert screen.get_by_test_id("home-loading")
    assert screen.query_by_test_id("hero") is None
    assert screen.snapshot() == snapshot(name="loading")
    await screen.settle()
    assert screen.query_by_test_id("home-loading") is None
    assert screen.get_by_test_id("hero-title")


async def test_a_slow_row_holds_back_only_that_row(ui, service):
    service.set_fault("row", delay_ms=1000, match="/api/rows/new")
    screen = await ui.mount(app(service), size=SIZE)
    await to_home(screen)
    # Frames until the page is in; the slow row still shows its skeleton then.
    for _ in range(600):
        await screen.frame()
        if screen.query_by_test_id("row-trending"):
            break
    assert screen.get_by_test_id("hero-title")
    assert screen.get_by_test_id("row-new-loading").text.startswith("New releases")
    assert screen.query_by_test_id("row-new") is None
    await screen.settle()
    assert screen.query_by_test_id("row-new-loading") is None
    assert screen.get_by_test_id("row-new").label == "New releases"


async def test_a_failing_home_page_shows_the_error_and_retry_works(ui, service, snapshot):
    service.set_fault("home", status=500)
    screen = await ui.mount(app(service), size=SIZE)
    await to_home(screen)
    await screen.settle()
    assert screen.get_by_test_id("home-error-title").text == "Couldn't load the home page"
    assert screen.get_by_test_id("home-error-message").text == (
        "GET /api/home?profile=ana: HTTP 500 Internal Server Error")
    assert screen.focused.test_id == "home-error-retry"
    assert screen.snapshot() == snapshot(name="error")
    asked = service.hits["home"]
    await screen.press("select")  # still failing: the error again, asked once more
    await screen.settle()
    assert service.hits["home"] == asked + 1
    assert screen.get_by_test_id("home-error")
    assert screen.focused.test_id == "home-error-retry"  # the new error view's
    service.clear_faults()
    await screen.press("select")
    await screen.settle()
    assert screen.query_by_test_id("home-error") is None
    assert screen.get_by_test_id("hero-title")
    assert len(screen.all_by_role("list")) == 4


async def test_a_failing_row_breaks_only_that_row_and_its_retry_reloads_it(ui, service):
    service.set_fault("row", status=500, match="/api/rows/picks")
    screen = await ui.mount(app(service), size=SIZE)
    await to_home(screen)
    await screen.settle()
    assert [n.label for n in screen.all_by_role("list")] == [
        "Trending now", "New releases", "Documentaries"]
    assert screen.get_by_test_id("row-picks-error-title").text == "Couldn't load Picked for you"
    service.clear_faults()
    await screen.press("down")  # hero, then the rows, then the retry button
    while screen.focused.test_id != "row-picks-error-retry":
        await screen.press("down")
    await screen.press("select")
    await screen.settle()
    assert screen.query_by_test_id("row-picks-error") is None
    assert screen.get_by_test_id("row-picks").label == "Picked for you"


async def test_a_hanging_request_times_out_naming_the_component_and_the_time(ui, service):
    service.set_fault("title", hang=True)
    screen = await ui.mount(app(service, timeout_ms=3000), size=SIZE)
    await to_home(screen)
    await screen.settle()
    await screen.press("down", times=2)
    await screen.press("select")
    await screen.frame(2)
    assert screen.get_by_test_id("details-loading")
    await screen.advance(3000)
    await screen.settle()
    message = screen.get_by_test_id("details-error-message").text
    assert message == "Component DetailsContent timed out after 3000 ms"
    assert re.match(r"Couldn't load .+", screen.get_by_test_id("details-error-title").text)
    for _ in range(100):  # the client dropped the request: the server stops answering it
        if service.in_flight == 0:
            break
        await asyncio.sleep(0.01)
    assert service.in_flight == 0


async def test_unmounting_mid_request_leaves_no_task_and_no_request(ui, service):
    service.set_fault("row", hang=True)
    screen = await ui.mount(app(service), size=SIZE)
    await to_home(screen)
    for _ in range(600):
        await screen.frame()
        if screen.query_by_test_id("hero") and service.in_flight == 4:
            break
    assert len([t for t in live_tasks() if "RowRail" in t.name]) == 4
    await ui.aclose()
    assert live_tasks() == []
    for _ in range(100):
        if service.in_flight == 0:
            break
        await asyncio.sleep(0.01)
    assert service.in_flight == 0


async def test_closing_the_app_mid_request_leaves_no_task(service):
    service.set_fault("home", hang=True)
    async with App(app(service), size=SIZE, design_size=(1920.0, 1080.0),
                   clock=VirtualClock()) as running:
        for _ in range(300):
            await running.frame()
            if "profile-ana" in await running.dump():
                break
        await running.frame(2)
        running.press("select")
        for _ in range(300):
            await running.frame()
            if service.in_flight:
                break
        assert [t.name for t in live_tasks()] == ["component HomeContent"]
    assert live_tasks() == []


async def wait_for_node(running: App, test_id: str, frames: int = 600) -> str:
    """Real-time frames until the engine's scene has `test_id`; returns the dump."""
    for _ in range(frames):
        await running.frame()
        dump = await running.dump()
        if f'test_id="{test_id}"' in dump:
            return dump
    raise AssertionError(f"{test_id!r} never showed; the scene:\n{dump}")


def focused_line(dump: str) -> str:
    return next(line for line in dump.splitlines() if line.endswith(" focused"))


def test_in_real_time_a_failing_row_shows_its_error_and_retry_reloads_it(service):
    """The same boundaries on the runtime's real clock and renderer thread."""
    service.set_fault("row", status=500, match="/api/rows/new")

    async def main() -> None:
        async with App(app(service, timeout_ms=8000), size=SIZE, headless=True) as running:
            await wait_for_node(running, "profile-ana")
            running.press("select")
            dump = await wait_for_node(running, "row-new-error-retry")
            assert 'test_id="row-trending"' in dump
            service.clear_faults()
            for _ in range(4):  # hero, trending, then the failed row's Try again
                if 'test_id="row-new-error-retry"' in focused_line(await running.dump()):
                    break
                running.press("down")
                await running.frame(2)
            assert 'test_id="row-new-error-retry"' in focused_line(await running.dump())
            running.press("select")
            dump = await wait_for_node(running, "row-new")
            assert 'test_id="row-new-error"' not in dump
        assert live_tasks() == []

    asyncio.run(main())
