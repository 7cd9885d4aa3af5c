"""What the announcer says on the catalog's search screen, key press by key press.

Against the real catalog service (`conftest.py`). Each step presses a key,
lets focus rest and the search settle (the query's debounce and the
service's answer, on virtual time) and takes what was said: the keyboard's
keys by name, the live status line (the hint, "5 results", "No results",
the error) after the focus speech, never cutting it off, and each result
with its position in the list.
"""

from __future__ import annotations

import pytest

from apps.catalog_service import CATALOG
from tests.apps.test_catalog_a11y import SIZE, app, said_after
from tests.apps.test_catalog_search import go_to_key


async def to_search(screen) -> None:
    """Profiles -> Ana's home -> the Search button, with what was said on the way dropped."""
    await screen.settle(speech=True)
    await said_after(screen, "select")
    assert await said_after(screen, "up") == ["Search, button"]


def card(title: dict, index: int, count: int) -> str:
    return f"{title['name']}, {title['year']} · {title['genre']}, button, {index} of {count}"


def issues(screen) -> list[str]:
    return [str(i) for i in screen.accessibility_issues()]


async def test_typing_and_browsing_the_results_is_spoken_key_by_key(ui, service):
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await to_search(screen)
    # The keyboard is introduced with the focused key; the hint (a polite live
    # region) comes after it instead of being cut off by it.
    await screen.press("select")
    await screen.settle(speech=True)
    assert [(u.text, u.interrupt) for u in screen.utterances] == [
        ("Search keyboard. q, button", True), ("Type a title or a genre", False)]
    screen.take_announcements()
    assert await said_after(screen, "down") == ["a, button"]
    assert await said_after(screen, "right", times=2) == ["d, button"]
    # Typing: the key stays focused (nothing to repeat); the count is said once the
    # query settled and the service answered, without the query in quotes.
    found = CATALOG.search("d")
    assert await said_after(screen, "select") == [f"{len(found)} results"]
    assert await said_after(screen, "up") == ["e, button"]
    assert await said_after(screen, "right") == ["r, button"]
    found = CATALOG.search("dr")
    assert await said_after(screen, "select") == [f"{len(found)} results"]
    # Down to the results: the list is introduced, each card says its position.
    for _ in range(6):
        await screen.press("down")
        if (screen.focused.test_id or "").startswith("result-"):
            break
    await screen.settle(speech=True)
    count = len(found)
    assert screen.take_announcements()[-1] == f"Results, list. {card(found[0], 1, count)}"
    assert await said_after(screen, "right") == [card(found[1], 2, count)]
    # Select opens the details page; back returns to the same result.
    assert await said_after(screen, "select") == [f"{found[1]['name']}. Play, button"]
    assert await said_after(screen, "back") == [f"Results, list. {card(found[1], 2, count)}"]


async def test_no_match_and_clear_are_spoken(ui, service):
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await to_search(screen)
    await said_after(screen, "select")
    assert CATALOG.search("q") == CATALOG.search("qw") == []
    await screen.press("select")     # "q"
    # Focus moved on, then the search for "q" ended: its status after the focus speech.
    assert await said_after(screen, "right") == ["w, button", "No results"]
    # "qw" matches nothing either: each query's outcome is said once.
    assert await said_after(screen, "select") == ["No results"]
    await go_to_key(screen, "Clear")
    await screen.settle(speech=True)
    assert screen.take_announcements() == ["Clear, button"]
    assert await said_after(screen, "select") == ["Type a title or a genre"]


async def test_action_and_punctuation_keys_say_their_names(ui, service):
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await to_search(screen)
    await said_after(screen, "select")
    await go_to_key(screen, "Shift")
    await screen.settle(speech=True)
    assert screen.take_announcements() == ["Shift, button"]
    assert await said_after(screen, "select") == ["checked"]       # upper case on
    assert await said_after(screen, "right") == ["Symbols, button"]  # not "?123"
    await said_after(screen, "select")                             # the symbols layout
    keyboard = screen.get_by_test_id("search-keyboard")
    assert keyboard.label == "Search keyboard"
    labels = [n.label for n in screen.within(keyboard).all_by_role("button")]
    # What a speech engine would skip is named; espeak-ng says nothing for "'" or "-".
    assert {"apostrophe", "dash", "comma", "dot", "quote", "Letters"} <= set(labels)
    assert not {"'", "-", ",", ".", '"', "qwe"} & set(labels)
    await go_to_key(screen, "apostrophe")
    await screen.settle(speech=True)
    assert screen.take_announcements() == ["apostrophe, button"]


async def test_a_failed_search_says_the_error_then_try_again(ui, service):
    service.set_fault("search", status=503)
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await to_search(screen)
    await said_after(screen, "select")
    await go_to_key(screen, "d")
    await screen.settle(speech=True)
    screen.take_announcements()
    assert await said_after(screen, "select") == [
        "Couldn't search. GET /api/search?q=d: HTTP 503 Service Unavailable"]
    for _ in range(4):
        await screen.press("down")
        if screen.focused.test_id == "search-retry":
            break
    await screen.settle(speech=True)
    assert screen.take_announcements()[-1] == "Couldn't search, alert. Try again, button"
    service.clear_faults()
    # Try again goes away while the search runs: focus goes back into the keyboard,
    # where the viewer left it, and the count follows.
    found = CATALOG.search("d")
    assert await said_after(screen, "select") == ["Search keyboard. Symbols, button",
                                                  f"{len(found)} results"]


@pytest.mark.parametrize("state", ["hint", "results", "empty", "error", "details"])
async def test_every_search_state_passes_the_accessibility_check(ui, service, state):
    if state == "error":
        service.set_fault("search", status=503)
    screen = await ui.mount(app(service), size=SIZE, paint=False)
    await to_search(screen)
    await said_after(screen, "select")
    for key in {"hint": "", "empty": "qw"}.get(state, "d"):
        await go_to_key(screen, key)
        await screen.press("select")
    await screen.settle()
    if state == "details":
        for _ in range(6):
            await screen.press("down")
            if (screen.focused.test_id or "").startswith("result-"):
                break
        await screen.press("select")
        await screen.settle()
        assert screen.get_by_test_id("details-title")
    expected = {"hint": "search-hint", "results": "search-count", "empty": "search-empty",
                "error": "search-error", "details": "details-title"}[state]
    assert screen.get_by_test_id(expected)
    assert issues(screen) == []
