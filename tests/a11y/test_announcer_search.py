"""A search screen (keyboard, field, live result count, results rail), spoken key by key."""

from __future__ import annotations

from components import Column, Keyboard, Rail, Text, TextEdit, TextField
from sdk import component, use_memo, use_signal

TITLES = ["Arrival", "Blade Runner", "Brazil", "Dune", "Solaris", "Stalker"]


@component
def Search():
    query = use_signal("")
    edit = use_memo(lambda: TextEdit(query))

    def results() -> list[str]:
        q = query().lower()
        return [t for t in TITLES if q and q in t.lower()]

    return Column(
        TextField(edit, placeholder="Search", label="Search", width=900),
        Keyboard(layout="alphabetical", target=edit),
        Text(lambda: (f"{len(results())} result{'' if len(results()) == 1 else 's'}"
                      if query() else ""), live="polite",
             test_id="count"),
        Rail(results, render=lambda t: Text(t), item_width=320, item_height=120,
             label="Results"),
        width="100%", padding=(54, 96), gap=24,
    )


async def said_after(screen, key: str, times: int = 1) -> list[str]:
    await screen.press(key, times=times)
    await screen.settle(speech=True)
    return screen.take_announcements()


async def test_the_search_flow_is_spoken_key_by_key(ui):
    screen = await ui.mount(Search(), paint=False)
    assert await said_after(screen, "down") == ["Search, text field"]
    # Entering the keyboard names it; two quick presses speak only the landing key.
    assert await said_after(screen, "down") == ["Keyboard (alphabetical). f, button"]
    assert await said_after(screen, "left", times=2) == ["d, button"]
    # Typing changes the live result count (polite): it is spoken, focus stays on "d".
    assert await said_after(screen, "select") == ["2 results"]
    assert await said_after(screen, "right") == ["e, button"]
    assert await said_after(screen, "select") == ["1 result"]
    assert screen.get_by_role("textbox").props["value_text"] == "de"
    # Down past the keyboard into the results.
    assert await said_after(screen, "down", times=5) == ["Results, list. Blade Runner, 1 of 1"]


async def test_typing_the_same_count_again_says_nothing(ui):
    screen = await ui.mount(Search(), paint=False)
    await said_after(screen, "down", times=2)
    assert await said_after(screen, "select") == ["0 results"]  # "f"
    assert await said_after(screen, "select") == []  # "ff": still 0 results
