"""What the announcer says on the catalog app, key press by key press.

The screen's announcer speaks into a recording backend; each step presses a
key, lets focus rest (the debounce, on virtual time) and takes what was said.
"""

from __future__ import annotations

from apps.catalog import CatalogApp
from apps.catalog_service import CATALOG

SIZE = (960, 540)


def app(service):
    return CatalogApp(base_url=service.url, timeout_ms=60_000.0)


async def said_after(screen, key: str, times: int = 1) -> list[str]:
    await screen.press(key, times=times)
    await screen.settle(speech=True)
    return screen.take_announcements()


def trending(i: int) -> str:
    return CATALOG.titles[CATALOG.rows["trending"].title_ids[i]].name


async def test_the_catalog_flow_is_spoken_key_by_key(ui, service):
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await screen.settle(speech=True)
    count = len(CATALOG.rows["trending"].title_ids)
    row = CATALOG.rows["trending"].name
    # The first focus names the page by its heading.
    assert screen.take_announcements() == ["Who's watching? Ana, button"]
    assert await said_after(screen, "right") == ["Ben, button"]
    assert await said_after(screen, "right") == ["Kids, button"]
    assert await said_after(screen, "left") == ["Ben, button"]
    # A new page: its heading (the hero's title), then the focused button.
    assert await said_after(screen, "select") == [f"{trending(0)}. More info, button"]
    # Entering a rail says its title and role once, then each poster and its position.
    assert await said_after(screen, "down") == [f"{row}, list. {trending(0)}, 1 of {count}"]
    assert await said_after(screen, "right") == [f"{trending(1)}, 2 of {count}"]
    assert await said_after(screen, "right") == [f"{trending(2)}, 3 of {count}"]
    assert await said_after(screen, "select") == [f"{trending(2)}. Play, button"]
    # Back: the home page and the rail are entered again, focus is on the same poster.
    assert await said_after(screen, "back") == [
        f"{trending(0)}. {row}, list. {trending(2)}, 3 of {count}"]


async def test_fast_travel_speaks_only_where_focus_lands(ui, service):
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await screen.settle(speech=True)
    await screen.press("select")
    await screen.settle(speech=True)
    await said_after(screen, "down")
    # Five presses, 33 ms apart: focus never rests 200 ms until the last one.
    assert await said_after(screen, "right", times=5) == [
        f"{trending(5)}, 6 of {len(CATALOG.rows['trending'].title_ids)}"]
    # Held: the first step rests 400 ms before repeats start (spoken), then the
    # repeats every 100 ms are not, until focus stops at the start of the row.
    count = len(CATALOG.rows["trending"].title_ids)
    await screen.press("left", hold_ms=900)
    await screen.settle(speech=True)
    assert screen.take_announcements() == [f"{trending(4)}, 5 of {count}",
                                           f"{trending(0)}, 1 of {count}"]
    # Each utterance interrupts the one before: focus speech never queues.
    assert all(u.interrupt for u in screen.utterances)


async def test_every_catalog_screen_passes_the_accessibility_check(ui, service):
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await screen.settle()
    assert [str(i) for i in screen.accessibility_issues()] == []  # profiles
    for key in ["select", "down", "right", "select"]:  # home, a rail, details
        await screen.press(key)
        await screen.settle()
        assert [str(i) for i in screen.accessibility_issues()] == []
