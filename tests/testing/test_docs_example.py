from components import Button, Column, Row, Text
from sdk import component

MOVIES = ["Arrival", "Blade Runner", "Dune", "Solaris"]


@component
def Home():
    return Column(
        Text("Science fiction", size=48),
        Row(*(Button(title, test_id=f"movie-{i}") for i, title in enumerate(MOVIES)), gap=24),
        gap=32, padding=96,
    )


async def test_home_moves_focus_right(ui, snapshot):
    screen = await ui.mount(Home(), size=(1920, 1080))
    await screen.settle()                  # nothing left pending
    await screen.press("right")            # the first arrow focuses the first button
    await screen.press("right", times=2)
    assert screen.focused.text == "Dune"
    assert screen.get_by_role("button", name="Dune").state == {"focused"}
    await screen.advance(300)              # virtual ms
    assert screen.snapshot() == snapshot   # image + scene tree
