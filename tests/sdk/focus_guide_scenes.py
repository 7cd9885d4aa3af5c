"""The screens of `docs/focus.md`: tested in `test_focus_guide.py`, and drawn into
`docs/images/focus_*.png` by `python -m tests.sdk.focus_guide_scenes docs/images`.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from components import Button, Column, Row, Text, View, current_theme, focus_styles
from sdk import STOP, Element, Key, KeyAction, KeyEvent, Ref, component, use_signal
from sdk.testing import UI

KEYS = "abcdefgh"
RESULTS = ["Arrival", "Dune", "Solaris"]


def KeyButton(letter: str) -> Element:
    return Button(letter.upper(), width=96, test_id=f"key-{letter}")


def Result(title: str, index: int) -> Element:
    return Button(title, width=200, height=260, test_id=f"result-{index}")


@component
def Search(stop: bool = True) -> Element:
    """A keyboard above the results; Right on the last result stays there."""
    keyboard = Row(*(KeyButton(k) for k in KEYS), gap=16, focus_scope=True)
    results = Row(*(Result(t, i) for i, t in enumerate(RESULTS)), gap=24,
                  focus_scope=True, **({"stop_at_edges": "right"} if stop else {}))
    return Column(Text("Search", size=44), keyboard, results, gap=40, padding=64)


@component
def SettingRow(label: str, value: int, test_id: str) -> Element:
    """A focusable settings row with a volume bar; the bar's fill follows the row's focus."""
    theme = current_theme()
    colors = theme.colors
    fill = View(width=f"{value}%", height="100%", radius=6, test_id=f"{test_id}-fill",
                background=colors.accent,
                focus_within_style={"background": colors.text})
    track = View(fill, width=360, height=12, radius=6, background=colors.surface_raised)
    return Row(Text(label, size=theme.type.label, grow=1), track,
               focusable=True, align="center", padding=(20, 32), radius=theme.radii.medium,
               border=theme.focus.width, border_color="#00000000", width=900,
               test_id=test_id, **focus_styles(theme, scale=False))


@component
def Settings() -> Element:
    return Column(Text("Sound", size=44),
                  SettingRow(label="Volume", value=60, test_id="volume"),
                  SettingRow(label="Dialogue boost", value=30, test_id="boost"),
                  gap=24, padding=64)


@component
def VolumeSlider() -> Element:
    """`capture_keys`: Left and Right change the value; Up and Down still move focus."""
    theme = current_theme()
    colors = theme.colors
    value = use_signal(50)

    def on_key(event: KeyEvent) -> bool:
        if event.captured_by and event.action in (KeyAction.DOWN, KeyAction.REPEAT):
            step = 10 if event.key == Key.RIGHT else -10
            value.update(lambda v: max(0, min(100, v + step)))
            return True
        return False

    fill = View(width=lambda: f"{value()}%", height="100%", radius=6, background=colors.accent,
                focus_within_style={"background": colors.text})
    slider = Row(Text("Volume", size=theme.type.label, grow=1),
                 Text(lambda: f"{value()}", size=theme.type.label, width=80, test_id="value"),
                 View(fill, width=360, height=12, radius=6, background=colors.surface_raised),
                 focusable=True, capture_keys=["left", "right"], on_key=on_key, align="center",
                 padding=(20, 32), radius=theme.radii.medium, border=theme.focus.width,
                 border_color="#00000000", width=900, test_id="slider",
                 **focus_styles(theme, scale=False))
    return Column(Text("Sound", size=44), slider, Button("Done", test_id="done"),
                  gap=24, padding=64)


@component
def Player(log: list[str]) -> Element:
    """`on_key` with `KeyEvent` and `KeyAction`: play/pause toggles, a long select opens a menu."""
    playing = use_signal(False)

    def on_key(event: KeyEvent) -> bool:
        if event.key == 8 and event.action == KeyAction.DOWN:  # Key.PLAY_PAUSE
            playing.update(lambda p: not p)
            log.append(f"play_pause {event.action.name}")
            return True
        if event.action == KeyAction.LONG_PRESS:
            log.append("long press")
            return True
        return False

    return Column(Text(lambda: "Playing" if playing() else "Paused", test_id="state"),
                  Button("Options", test_id="options"), on_key=on_key, padding=64)


@component
def LastStop() -> Element:
    """`next_right=STOP` on the row's last button; `Ref.focus()` jumps back to the first."""
    first = Ref()
    return Column(
        Row(Button("First", ref=first, test_id="first"),
            Button("Last", next_right=STOP, test_id="last"), gap=24),
        Button("Back to first", on_press=lambda: first.focus(), test_id="jump"),
        gap=24, padding=64)


async def render(folder: Path) -> list[Path]:
    """Draws the guide's pictures into `folder` (960x540, the 1920x1080 layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    with UI() as ui:
        screen = await ui.mount(Search(), size=(960, 540))
        await screen.press("down", times=3)
        await screen.press("right", times=3)
        await screen.settle()
        out.append(screen.screenshot().save(folder / "focus_stop_at_edges.png"))
        screen = await ui.mount(Settings(), size=(960, 540))
        await screen.press("down")
        await screen.settle()
        out.append(screen.screenshot().save(folder / "focus_within.png"))
        screen = await ui.mount(VolumeSlider(), size=(960, 540))
        await screen.press("down")
        await screen.press("right", times=3)
        await screen.settle()
        out.append(screen.screenshot().save(folder / "focus_capture_keys.png"))
    return out


if __name__ == "__main__":
    for path in asyncio.run(render(Path(sys.argv[1] if len(sys.argv) > 1 else "."))):
        print(path)
