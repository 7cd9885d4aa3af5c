"""The settings page (see the package docstring): the kit and stored values at work.

Layout: a heading, then a row of the section `Menu` (a focus scope: coming
back from the panel lands on the item the viewer left) and the panel of the
selected section. Select on a menu item opens its section; right goes into
the panel; back (or left, where no control takes it) returns to the menu.
Each control's `value=` is a `StoredValue` from `use_stored`, which the
kit's controls read and write like a signal, so a change is on disk before
the key's frame ends.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from components import (
    Button,
    Checkbox,
    Column,
    Dialog,
    Menu,
    MenuItem,
    Row,
    ScrollView,
    Select,
    Slider,
    Switch,
    Text,
    Toast,
    View,
    use_theme,
)
from sdk import Element, Key, KeyAction, KeyEvent, Ref, Show, component, use_memo, use_signal
from sdk.storage import Store, open_store, provide_store, use_stored
from signals import Signal

__all__ = ["ABOUT", "APP_ID", "DEFAULTS", "SECTIONS", "SettingsApp", "root"]

APP_ID = "com.marquee.settings"
"""The store's app id (its folder under the storage directory)."""

DEFAULTS: dict[str, object] = {
    "autoplay": True,
    "previews": False,
    "subtitles": False,
    "subtitle_language": "English",
    "quality": "Auto",
    "volume": 40,
    "night_mode": False,
    "audio_downloads": ["English"],
    "text_size": "Medium",
    "reduce_motion": False,
    "screensaver": "10 minutes",
}
"""Every stored setting and its default (what "Reset all settings" brings back)."""

SECTIONS = ("Playback", "Audio", "Display", "About", "System")
"""The menu's sections, in order."""

LANGUAGES = ("English", "Français", "Deutsch", "Español", "Italiano")
QUALITIES = ("Auto", "2160p", "1080p", "720p", "Data saver")
TEXT_SIZES = ("Small", "Medium", "Large")
SCREENSAVERS = ("Off", "5 minutes", "10 minutes", "30 minutes")

ABOUT = (
    "Marquee Settings, version 1.0. This page is built only from the widget kit: a menu, "
    "switches, choices, a slider, checkboxes, a scrolling text, a dialog and a toast. "
    "Every value you change is written to this device's storage before the next frame, "
    "atomically, so a power cut never leaves half a file, and it is still there the next "
    "time the app starts.",
    "Privacy. Your settings stay on this device. Nothing on this page is sent anywhere; "
    "the volume, languages and picture choices are read only by the apps on this box. "
    "Resetting the settings (System, Reset all settings) deletes the stored values and "
    "brings back the defaults.",
    "Licences. The interface font is Roboto, under the Apache License 2.0. The scene "
    "engine is written in Rust and compiled to WebAssembly; the painter is Skia, under a "
    "BSD-style licence. The sample catalogue is made up: any resemblance to real films "
    "is a coincidence.",
    "Remote control. Up and down move between rows, left and right change a choice or the "
    "volume, select flips a switch or opens a list, and back closes what is open. Hold "
    "left or right on the volume to move it faster.",
    "Accessibility. Text size and reduce motion are under Display; subtitles and their "
    "language under Playback. Night mode under Audio keeps loud scenes softer so that "
    "dialogue stays clear late in the evening.",
)
"""The About text: long enough to scroll."""


def _store_dir() -> str | None:
    return os.environ.get("MARQUEE_SETTINGS_DIR") or None


@component
def SettingsApp(base_dir: str | None = None) -> Element:
    """The whole page, over the store of `APP_ID` in `base_dir` (default: the user's)."""
    store: Store = use_memo(lambda: open_store(APP_ID, base_dir=base_dir))
    provide_store(store)
    return SettingsPage(store=store)


@component
def SettingsPage(store: Store) -> Element:
    theme = use_theme()
    section = use_signal(0)
    notice = use_signal("")
    confirming = use_signal(False)
    reset_button = use_memo(Ref)
    menu = use_memo(Ref)

    def back_to_menu(event: KeyEvent) -> bool:
        # Back in the panel returns to the menu (left may be a slider's or a choice's).
        if event.key == Key.BACK and event.action == KeyAction.DOWN:
            menu.focus()
            return True
        return False

    def reset() -> None:
        for key in DEFAULTS:
            store.delete(key)
        confirming.set(False)
        notice.set("Settings reset to their defaults")

    panels: dict[int, Callable[[], Element]] = {
        0: lambda: Playback(),
        1: lambda: Audio(),
        2: lambda: Display(),
        3: lambda: About(),
        4: lambda: System(reset_button=reset_button, ask=lambda: confirming.set(True)),
    }
    current = section()
    return View(
        Column(
            Text("Settings", size=theme.type.headline, font=theme.font_medium, role="heading",
                 test_id="heading"),
            Row(
                Menu([MenuItem(name) for name in SECTIONS], selected=section, item_width=380,
                     label="Sections", test_id="sections", ref=menu),
                View(panels[current](), direction="column", grow=1.0, basis=0, min_width=0,
                     role="view", label=SECTIONS[current], test_id="panel", key=current,
                     on_key=back_to_menu),
                gap=theme.spacing.xl, align="start", grow=1.0, min_height=0,
            ),
            gap=theme.spacing.lg, width="100%", height="100%",
            padding=(theme.safe_area.y, theme.safe_area.x),
        ),
        Show(Dialog("Reset all settings?",
                    message="Volume, languages, picture and playback settings go back to "
                            "their defaults.",
                    actions=[("Reset", reset), ("Cancel", lambda: confirming.set(False))],
                    default_action=1, on_close=lambda: confirming.set(False),
                    return_focus=reset_button, test_id="reset-dialog"),
             when=confirming),
        Notice(notice=notice),
        width="100%", height="100%", background=theme.colors.background,
    )


@component
def Notice(notice: Signal[str]) -> Element | None:
    """A toast with the latest notice, until it dismisses itself."""
    text = notice()
    if not text:
        return None
    return Toast(text, kind="success", on_dismiss=lambda: notice.set(""), test_id="toast",
                 key=text)


def _section(title: str, *rows: Element | None) -> Element:
    theme = use_theme()
    return Column(Text(title, size=theme.type.title, font=theme.font_medium, role="heading"),
                  *rows, gap=theme.spacing.sm, width="100%")


def _hint(text: str) -> Element:
    theme = use_theme()
    return Text(text, size=theme.type.caption, color=theme.colors.text_muted, max_lines=2)


@component
def Playback() -> Element:
    subtitles = use_stored("subtitles", DEFAULTS["subtitles"])
    return _section(
        "Playback",
        Switch("Autoplay next episode", value=use_stored("autoplay", DEFAULTS["autoplay"]),
               test_id="autoplay"),
        Switch("Play previews on the home page",
               value=use_stored("previews", DEFAULTS["previews"]), test_id="previews"),
        Switch("Subtitles", value=subtitles, test_id="subtitles"),
        Select("Subtitle language", LANGUAGES,
               value=use_stored("subtitle_language", DEFAULTS["subtitle_language"]),
               disabled=not subtitles(), test_id="subtitle-language"),
        Select("Streaming quality", QUALITIES, mode="list",
               value=use_stored("quality", DEFAULTS["quality"]), test_id="quality"),
    )


@component
def Audio() -> Element:
    downloads = use_stored("audio_downloads", DEFAULTS["audio_downloads"])

    def pick(language: str, on: bool) -> None:
        chosen = [lang for lang in downloads.peek() if lang != language]
        downloads.set([lang for lang in LANGUAGES if lang in chosen or (on and lang == language)])

    picked = downloads()
    return _section(
        "Audio",
        Slider("Volume", value=use_stored("volume", DEFAULTS["volume"]), min=0, max=100,
               step=5, format=lambda v: f"{v:.0f}%", track_width=420, test_id="volume"),
        Switch("Night mode (softer loud scenes)",
               value=use_stored("night_mode", DEFAULTS["night_mode"]), test_id="night-mode"),
        _hint("Audio languages kept with downloads"),
        *[Checkbox(lang, value=lang in picked, on_change=lambda on, lang=lang: pick(lang, on),
                   test_id=f"download-{lang}") for lang in LANGUAGES[:3]],
    )


@component
def Display() -> Element:
    return _section(
        "Display",
        Select("Text size", TEXT_SIZES, value=use_stored("text_size", DEFAULTS["text_size"]),
               test_id="text-size"),
        Switch("Reduce motion", value=use_stored("reduce_motion", DEFAULTS["reduce_motion"]),
               test_id="reduce-motion"),
        Select("Screensaver", SCREENSAVERS,
               value=use_stored("screensaver", DEFAULTS["screensaver"]), test_id="screensaver"),
    )


@component
def About() -> Element:
    theme = use_theme()
    return _section(
        "About",
        ScrollView(*[Text(p, color=theme.colors.text if i == 0 else theme.colors.text_muted)
                     for i, p in enumerate(ABOUT)],
                   height=520, width="100%", label="About this app", test_id="about"),
    )


@component
def System(reset_button: Ref, ask: Callable[[], None]) -> Element:
    return _section(
        "System",
        _hint("Puts every setting on this page back to its default."),
        Row(Button("Reset all settings", on_press=ask, ref=reset_button, test_id="reset")),
    )


def root() -> Element:
    """The app's root element (the CLI's convention); `MARQUEE_SETTINGS_DIR` picks the store."""
    return SettingsApp(base_dir=_store_dir())
