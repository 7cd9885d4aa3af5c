"""The catalog's search screen against the real catalog service, typed with the remote.

Typing is done as a viewer does it: arrows to a key of the on-screen
keyboard, then select. The query is sent once typing pauses (the debounce,
on virtual time); the service's fault controls make it slow or fail.
"""

from __future__ import annotations

import json
import urllib.request

from apps.catalog import CatalogApp
from apps.catalog._search import DEBOUNCE_MS
from apps.catalog_service import CATALOG

SIZE = (960, 540)


def app(service, timeout_ms: float = 60_000.0):
    return CatalogApp(base_url=service.url, timeout_ms=timeout_ms)


async def to_search(screen) -> None:
    """Profiles -> Ana's home -> up to the Search button -> the search screen."""
    await screen.settle()
    await screen.press("select")
    await screen.settle()
    await screen.press("up")
    assert screen.focused.test_id == "home-search"
    await screen.press("select")
    await screen.settle()
    assert screen.get_by_test_id("search")


async def go_to_key(screen, label: str) -> None:
    """Arrows to the key labelled `label`: up or down to its row, then along the row."""
    keyboard = screen.get_by_test_id("search-keyboard")
    target = screen.within(keyboard).get_by_role("button", name=label)
    for _ in range(30):
        here = screen.focused
        if here.label == label:
            return
        if abs(here.box.center[1] - target.box.center[1]) > 1:
            await screen.press("down" if target.box.y > here.box.y else "up")
        else:
            await screen.press("right" if target.box.x > here.box.x else "left")
    raise AssertionError(f"could not reach key {label!r}; focus is on {screen.focused.label!r}")


async def type_text(screen, text: str) -> None:
    for char in text:
        await go_to_key(screen, char)
        await screen.press("select")


async def down_to_results(screen) -> None:
    """Down from the keyboard until a result has focus."""
    for _ in range(8):
        if (screen.focused.test_id or "").startswith("result-"):
            return
        await screen.press("down")
    raise AssertionError(f"down never reached the results; focus is on {screen.focused!r}")


def query_text(screen) -> str:
    return screen.get_by_test_id("search-query").props.get("value_text", "")


async def test_the_search_screen_opens_with_the_keyboard_focused_and_a_hint(ui, service,
                                                                            snapshot):
    asked = service.hits["search"]  # the service lives as long as the module
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    assert screen.focused.label == "q" and screen.focused.role == "button"
    assert screen.get_by_test_id("search-hint").text == "Type a title or a genre"
    assert screen.get_by_test_id("search-query").role == "textbox"
    assert service.hits["search"] == asked
    assert screen.snapshot() == snapshot(name="empty")
    await screen.press("back")                    # back to home, onto the Search button
    await screen.settle()
    assert screen.query_by_test_id("search") is None
    assert screen.focused.test_id == "home-search"


async def test_typing_sends_one_debounced_query_and_shows_the_results(ui, service, snapshot):
    asked = service.hits["search"]  # the service lives as long as the module
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    await type_text(screen, "dr")                 # both keys within the debounce
    assert query_text(screen) == "dr"
    assert service.hits["search"] == asked            # typing has not paused yet
    await screen.settle()                         # the debounce ends, the answer comes
    assert service.hits["search"] == asked + 1            # one request, for "dr"
    expected = CATALOG.search("dr")
    assert screen.get_by_test_id("search-count").text == f"{len(expected)} results for “dr”"
    cards = screen.within(screen.get_by_test_id("search-results")).all_by_role("button")
    assert [c.label for c in cards] == [f"{t['name']}, {t['year']} · {t['genre']}"
                                        for t in expected]
    await down_to_results(screen)
    assert screen.focused.test_id == "result-0"
    assert screen.snapshot() == snapshot(name="results")


async def test_right_on_the_last_result_stays_instead_of_jumping_into_the_keyboard(ui, service):
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    await type_text(screen, "dr")
    await screen.settle()
    count = len(CATALOG.search("dr"))
    await down_to_results(screen)
    await screen.press("right", times=count + 2)
    assert screen.focused.test_id == f"result-{count - 1}"
    await screen.press("up")                      # up still leaves the results
    assert screen.within(screen.get_by_test_id("search-keyboard")).query_by_label(
        screen.focused.label) is not None


async def test_a_result_opens_its_details_and_back_returns_to_it(ui, service):
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    await type_text(screen, "dr")
    await screen.settle()
    await down_to_results(screen)
    await screen.press("right")
    second = CATALOG.search("dr")[1]
    await screen.press("select")
    await screen.settle()
    assert screen.get_by_test_id("details-title").text == second["name"]
    await screen.press("back")
    await screen.settle()
    assert screen.focused.test_id == "result-1"
    assert query_text(screen) == "dr"              # the covered screen kept its state


async def test_a_query_nothing_matches_says_so(ui, service):
    asked = service.hits["search"]  # the service lives as long as the module
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    await type_text(screen, "zq")
    await screen.settle()
    assert CATALOG.search("zq") == []
    assert screen.get_by_test_id("search-empty").text == "No titles match “zq”"
    assert screen.within(screen.get_by_test_id("search-results")).all_by_role("button") == []
    await go_to_key(screen, "Clear")
    await screen.press("select")
    await screen.settle()
    assert screen.get_by_test_id("search-hint")    # an empty query asks nothing
    assert service.hits["search"] == asked + 1


async def test_a_slow_search_shows_the_spinner_then_the_results(ui, service, snapshot):
    service.set_fault("search", delay_ms=400)
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    await type_text(screen, "dr")
    await screen.advance(DEBOUNCE_MS + 50)
    for _ in range(60):
        if screen.query_by_test_id("search-loading"):
            break
        await screen.frame()
    assert screen.get_by_test_id("search-loading").text == "Searching for “dr”"
    assert screen.get_by_role("progress")
    assert screen.snapshot() == snapshot(name="loading")
    await screen.settle()
    assert screen.query_by_test_id("search-loading") is None
    assert screen.get_by_test_id("search-count")


async def test_a_failing_search_shows_the_error_and_try_again_recovers(ui, service, snapshot):
    # The service's HTTP fault controls, as a test rig or a demo would use them.
    request = urllib.request.Request(
        f"{service.url}/control/faults", method="POST",
        data=json.dumps({"route": "search", "status": 503}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert json.load(answer) == {"ok": True}
    asked = service.hits["search"]  # the service lives as long as the module
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    await type_text(screen, "dr")
    await screen.settle()
    assert screen.get_by_test_id("search-error-title").text == "Couldn't search"
    assert screen.get_by_test_id("search-error-message").text == (
        "GET /api/search?q=dr: HTTP 503 Service Unavailable")
    assert screen.get_by_role("alert").label == "Couldn't search"
    assert screen.query_by_test_id("result-0") is None
    assert screen.snapshot() == snapshot(name="error")
    urllib.request.urlopen(urllib.request.Request(
        f"{service.url}/control/faults", method="DELETE"), timeout=5).close()
    for _ in range(4):
        await screen.press("down")
        if screen.focused.test_id == "search-retry":
            break
    assert screen.focused.test_id == "search-retry"   # below the keyboard
    await screen.press("select")
    await screen.settle()
    assert screen.query_by_test_id("search-error") is None
    assert screen.get_by_test_id("search-count").text.endswith("for “dr”")
    assert service.hits["search"] == asked + 2


async def test_a_newer_query_wins_over_a_slow_older_one(ui, service):
    service.set_fault("search", delay_ms=600, times=1)   # only the first request is slow
    asked = service.hits["search"]  # the service lives as long as the module
    screen = await ui.mount(app(service), size=SIZE)
    await to_search(screen)
    await type_text(screen, "d")
    await screen.advance(DEBOUNCE_MS + 50)               # "d" is asked and still slow
    for _ in range(300):                                 # (real time: it reaches the service)
        if service.hits["search"] == asked + 1:
            break
        await screen.frame()
    assert screen.get_by_test_id("search-loading").text == "Searching for “d”"
    await type_text(screen, "r")
    await screen.settle()
    assert screen.get_by_test_id("search-count").text == (
        f"{len(CATALOG.search('dr'))} results for “dr”")
    assert service.hits["search"] == asked + 2
