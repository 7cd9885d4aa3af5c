"""One example per widget of the kit, and the docs images made from them.

Each `Example` is a small page (1280x720 design units; the two app screens,
settings and search, are full 1920x1080 pages) with the keys that bring it
into the state the picture shows (`"settle"` waits for the screen to settle,
e.g. for search results). `render_examples(dir)` mounts
each on the test harness (`sdk.testing.UI`: the real engine, Skia and the
bundled font, on virtual time), presses its keys and writes
`dir/<name>.png` at 960x540. `tests/components/test_gallery_kit.py`
snapshots the same screens, so the docs' images are the tested ones.

Run `python -m apps.gallery --widgets docs/images/widgets`.
"""

from __future__ import annotations

import asyncio
import atexit
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apps.catalog import CatalogApp, service_url
from apps.settings import SettingsApp
from components import (
    Button,
    Card,
    Checkbox,
    Dialog,
    Keyboard,
    Menu,
    MenuItem,
    Row,
    ScrollView,
    Select,
    Slider,
    Switch,
    Tabs,
    Text,
    TextEdit,
    TextField,
    Toast,
    View,
    use_theme,
)
from sdk import Element, component, use_memo, use_signal
from sdk.testing import UI

__all__ = ["DESIGN", "EXAMPLES", "SCREEN", "SIZE", "Example", "drive", "render_examples"]

DESIGN = (1280.0, 720.0)
"""The widget examples' design space."""
SCREEN = (1920.0, 1080.0)
"""The app screens' design space."""
SIZE = (960, 540)
"""The pictures' size in pixels."""

ABOUT = (
    "Marquee is a toolkit for television apps. Everything on this screen is drawn by a "
    "scene engine written in Rust and compiled to WebAssembly: layout, focus, scrolling "
    "and animation happen there, and the app only describes what to show. "
    "The remote has five keys that matter: up, down, left, right and select. "
    "Every widget is built for them: a switch flips on select, a slider steps with left "
    "and right, a long text like this one scrolls with up and down and fades at its "
    "edges so you can tell there is more. Licences: Roboto is under the Apache License "
    "2.0. The sample titles are made up."
)


def _page(*children: Element, **style: object) -> Element:
    theme = use_theme()
    props: dict[str, object] = {
        "direction": "column", "gap": theme.spacing.md, "padding": 64,
        "width": "100%", "height": "100%", "background": theme.colors.background,
    }
    props.update(style)
    return View(*children, **props)


def _caption(text: str) -> Element:
    theme = use_theme()
    return Text(text, size=theme.type.caption, color=theme.colors.text_muted)


@component
def SwitchExample() -> Element:
    return _page(_caption("Switch: select flips it (the first row has focus)"),
                 Switch("Subtitles", value=True, width=640, test_id="subtitles"),
                 Switch("Autoplay next episode", value=False, width=640),
                 Switch("Parental lock", value=True, disabled=True, width=640))


@component
def CheckboxExample() -> Element:
    return _page(_caption("Checkbox: select ticks it (the second row has focus)"),
                 Checkbox("English", value=True, width=640, test_id="english"),
                 Checkbox("Français", value=True, width=640, test_id="french"),
                 Checkbox("Deutsch", value=False, width=640),
                 Checkbox("Audio description", value=True, disabled=True, width=640))


@component
def SelectExample() -> Element:
    return _page(_caption("Select: left/right cycle; a list opens on select"),
                 Select("Quality", ["Auto", "1080p", "720p", "480p"], value="1080p",
                        width=720, test_id="quality"),
                 Select("Audio", ["English", "Français", "Deutsch", "Español"],
                        mode="list", width=720, test_id="audio"),
                 Select("Captions", ["Off", "On"], disabled=True, width=720))


@component
def SliderExample() -> Element:
    volume = use_signal(40.0)
    return _page(_caption("Slider: left/right step by 5"),
                 Slider("Volume", value=volume, step=5, format=lambda v: f"{v:.0f}%",
                        width=900, test_id="volume"),
                 Slider("Brightness", value=70, width=900),
                 Slider("Subtitle size", value=2, min=1, max=4, width=900, disabled=True))


@component
def MenuExample() -> Element:
    theme = use_theme()
    dot = View(width=28, height=28, radius=14, background=theme.colors.accent)
    return _page(_caption("Menu: the selected item keeps its bar; focus is on another"),
                 Menu(["Home", MenuItem("Search", icon=dot), "Movies", "Series",
                       MenuItem("Downloads", disabled=True)],
                      selected=0, item_width=420, label="Main menu", test_id="menu"))


@component
def TabsExample() -> Element:
    theme = use_theme()
    return _page(_caption("Tabs: the page follows focus"),
                 Tabs(["Movies", "Series", "Kids", "Live"], selected=0, test_id="tabs",
                      render=lambda i: Text(f"{['Movies', 'Series', 'Kids', 'Live'][i]} "
                                            f"page", color=theme.colors.text_muted)))


@component
def TextFieldExample() -> Element:
    query = use_signal("Blade Ru")
    pin = use_signal("1234")
    empty = use_signal("")
    edit = use_memo(lambda: TextEdit(query, max_length=40))
    return _page(_caption("TextField: caret by grapheme; placeholder; secure"),
                 TextField(edit, label="Search", width=720, test_id="query"),
                 TextField(empty, placeholder="Titles, people, genres", width=720),
                 TextField(pin, secure=True, max_length=4, label="PIN", width=320))


@component
def KeyboardExample() -> Element:
    query = use_signal("jane.doe@example")
    edit = use_memo(lambda: TextEdit(query))
    return _page(TextField(edit, placeholder="Search", width=1100),
                 Keyboard(layout="qwerty", extra="email", target=edit, test_id="keyboard"),
                 gap=24, padding=48)


@component
def CyrillicKeyboardExample() -> Element:
    query = use_signal("")
    edit = use_memo(lambda: TextEdit(query))
    return _page(TextField(edit, placeholder="Поиск", width=1100),
                 Keyboard(layout="cyrillic", target=edit), gap=24, padding=48)


@component
def ScrollViewExample() -> Element:
    return _page(_caption("ScrollView: down scrolls; fades show more above and below"),
                 ScrollView(Text("About Marquee", size=44, font=1), Text(ABOUT),
                            Text(ABOUT, color="#b9bfcc"), height=480, width=1000,
                            label="About", test_id="about"))


@component
def CardExample() -> Element:
    return _page(_caption("Card: focus scales it and shows the ring"),
                 Row(Card("Metropolis", subtitle="1927 · Sci-fi", test_id="card"),
                     Card("Nosferatu", subtitle="1922 · Horror"),
                     Card("Sunrise", subtitle="1927 · Drama"), gap=32,
                     padding=(24, 0)))


@component
def DialogExample() -> Element:
    return View(
        _page(_caption("Dialog: focus starts on the default action"),
              Row(Button("Play"), Button("Sign out"), gap=24)),
        Dialog("Sign out?", message="You will need your PIN to sign in again.",
               actions=[("Sign out", lambda: None), ("Cancel", lambda: None)],
               default_action=1, test_id="dialog"),
        width="100%", height="100%")


@component
def ToastExample() -> Element:
    return View(
        _page(_caption("Toast: a notice that never takes focus"),
              Row(Button("Add to my list"), Button("Play"), gap=24)),
        Toast("Added to your list", kind="success", duration_ms=None, test_id="toast"),
        width="100%", height="100%")


@component
def ButtonExample() -> Element:
    theme = use_theme()
    icon = View(width=30, height=30, radius=15, background="#e50914")
    return _page(_caption("Button: label size, colour and an icon"),
                 Row(Button("Play", icon=icon, test_id="play"),
                     Button("Trailer", size=40, color="#ffd166"),
                     Button("Small", size=theme.type.caption),
                     Button("Download", disabled=True), gap=24, align="center"))


def SettingsExample() -> Element:
    """`apps.settings` over an empty store (a fresh folder, removed at exit: the defaults)."""
    folder = tempfile.mkdtemp(prefix="marquee-gallery-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return SettingsApp(base_dir=folder)


def SearchExample() -> Element:
    """The catalog on the embedded catalog service; the keys open search and type "dr"."""
    return CatalogApp(base_url=service_url())


@dataclass(frozen=True)
class Example:
    """A widget example: its page and the keys pressed before the picture."""

    name: str
    build: Callable[[], Element]
    keys: tuple[str, ...] = ()
    design: tuple[float, float] = DESIGN
    """The design space the page is laid out in (scaled to `SIZE`)."""


EXAMPLES: tuple[Example, ...] = (
    Example("button", ButtonExample, ("right",)),
    Example("switch", SwitchExample, ("down",)),
    Example("checkbox", CheckboxExample, ("down", "down")),
    Example("select", SelectExample, ("down", "right", "down", "select")),
    Example("slider", SliderExample, ("down", "right")),
    Example("menu", MenuExample, ("down", "down", "down")),
    Example("tabs", TabsExample, ("right", "right")),
    Example("textfield", TextFieldExample, ("down", "left", "left")),
    Example("keyboard", KeyboardExample, ("down", "down", "down", "down", "down", "right")),
    Example("keyboard_cyrillic", CyrillicKeyboardExample, ("down", "down", "select")),
    Example("scrollview", ScrollViewExample, ("down", "down", "down")),
    Example("card", CardExample, ("right",)),
    Example("dialog", DialogExample, ()),
    Example("toast", ToastExample, ("right",)),
    Example("settings", SettingsExample, ("down", "select", "right", "right", "right"),
            SCREEN),
    Example("search", SearchExample,
            ("settle", "select", "settle", "up", "select", "settle", "down", "right", "right",
             "select", "up", "right", "select", "settle", "down", "down", "down", "down",
             "right"), SCREEN),
)
"""Every example, in the order of `docs/components.md`."""


async def drive(screen: Any, keys: tuple[str, ...]) -> None:
    """Press `keys` (`"settle"`: wait until nothing is pending), then settle."""
    for key in keys:
        if key == "settle":
            await screen.settle()
        else:
            await screen.press(key)
    await screen.settle()


async def _render(out: Path) -> list[Path]:
    written = []
    with UI() as ui:
        for example in EXAMPLES:
            screen = await ui.mount(example.build(), SIZE, design_size=example.design)
            await drive(screen, example.keys)
            written.append(screen.screenshot().save(out / f"{example.name}.png"))
    return written


def render_examples(out: str | Path) -> list[Path]:
    """Write `out/<name>.png` for every example; the paths written."""
    return asyncio.run(_render(Path(out)))
