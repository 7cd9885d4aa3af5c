"""The settings page (see the package docstring): the kit and stored values at work.

Layout: a heading, then a row of the section `Menu` (a focus scope: coming
back from the panel lands on the item the viewer left) and the panel of the
selected section. Select on a menu item opens its section; right goes into
the panel; back (or left, where no control takes it) returns to the menu.
Each control's `value=` is a `StoredValue` from `use_stored`, which the
kit's controls read and write like a signal, so a change is on disk before
the key's frame ends.

Text size and reduce motion act on the running app: `use_viewer_choices`
writes them into the viewer's settings (`sdk.use_viewer()`, the signals the
theme and the reconciler follow), so the page's text grows and its motion
becomes instant as soon as the choice changes, and again at the next start.
The platform's own settings (the TV's accessibility menu, `--text-scale`)
are a floor: the app can make text larger or motion calmer, never less.

Speech: the page is a `page` titled by its heading, each panel a `group`
named after its section (entering it says "Audio. Volume, slider, 40%"),
and it starts with focus on the menu, so the announcer speaks at once.
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
from sdk import (
    Element,
    Key,
    KeyAction,
    KeyEvent,
    Ref,
    Show,
    component,
    use_effect,
    use_memo,
    use_signal,
    use_viewer,
)
from sdk.storage import Store, open_store, provide_store, use_stored
from signals import Signal, batch

__all__ = ["ABOUT", "APP_ID", "DEFAULTS", "SCHEMA", "SECTIONS", "TEXT_SCALES", "SettingsApp",
           "migrate", "root", "use_viewer_choices"]

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
    "text_size": "Standard",
    "reduce_motion": False,
    "screensaver": "10 minutes",
}
"""Every stored setting and its default (what "Reset all settings" brings back)."""

SECTIONS = ("Playback", "Audio", "Display", "About", "System")
"""The menu's sections, in order."""

LANGUAGES = ("English", "Français", "Deutsch", "Español", "Italiano")
QUALITIES = ("Auto", "2160p", "1080p", "720p", "Data saver")
TEXT_SCALES: dict[str, float] = {"Standard": 1.0, "Large": 1.25, "Larger": 1.5,
                                 "Largest": 2.0}
"""The text size choices and the viewer's text scale each one sets."""
TEXT_SIZES = tuple(TEXT_SCALES)
SCHEMA = 2
"""The store's schema: 2 since text sizes are scales ("Small"/"Medium" became "Standard")."""
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


def migrate(values: dict[str, object], schema: int) -> dict[str, object]:
    """Schema 1 -> 2: the text sizes "Small" and "Medium" (which changed nothing) are
    "Standard"; "Large" stays."""
    size = values.get("text_size")
    if size not in TEXT_SCALES:
        values = {k: v for k, v in values.items() if k != "text_size"}
    return values


def use_viewer_choices() -> None:
    """Apply the stored text size and reduce motion to the viewer's settings.

    The viewer's settings as the app found them (the platform's) are the floor:
    the chosen scale applies when it is larger, reduce motion when either asks
    for it. They are put back when the page unmounts.
    """
    viewer = use_viewer()
    size = use_stored("text_size", DEFAULTS["text_size"])
    reduce = use_stored("reduce_motion", DEFAULTS["reduce_motion"])
    platform = use_memo(lambda: (viewer.reduced_motion.peek(), viewer.text_scale.peek()))

    def apply() -> None:
        scale = TEXT_SCALES.get(str(size()), 1.0)
        calm = bool(reduce())
        with batch():
            viewer.reduced_motion.set(platform[0] or calm)
            viewer.set_text_scale(max(platform[1], scale))

    def restore() -> None:
        with batch():
            viewer.reduced_motion.set(platform[0])
            viewer.set_text_scale(platform[1])

    use_effect(apply)               # again whenever a stored choice changes
    use_effect(lambda: restore)     # reads nothing: runs once, restores at unmount


@component
def SettingsApp(base_dir: str | None = None) -> Element:
    """The whole page, over the store of `APP_ID` in `base_dir` (default: the user's)."""
    store: Store = use_memo(lambda: open_store(APP_ID, base_dir=base_dir, schema=SCHEMA,
                                               migrate=migrate))
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
    use_viewer_choices()
    use_effect(lambda: menu.focus())   # the page opens on its menu (and says so)

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
                # A group named after its section: entering it says "Audio. Volume, ...".
                # Up and down stop at its ends instead of jumping into the menu.
                View(panels[current](), direction="column", grow=1.0, basis=0, min_width=0,
                     role="group", label=SECTIONS[current], test_id="panel", key=current,
                     focus_scope=True, stop_at_edges=("up", "down"), on_key=back_to_menu),
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
        width="100%", height="100%", background=theme.colors.background, role="page",
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
               focus_preferred=True, test_id="autoplay"),
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
    theme = use_theme()
    return _section(
        "Audio",
        Slider("Volume", value=use_stored("volume", DEFAULTS["volume"]), min=0, max=100,
               step=5, format=lambda v: f"{v:.0f}%", track_width=420, focus_preferred=True,
               test_id="volume"),
        Switch("Night mode (softer loud scenes)",
               value=use_stored("night_mode", DEFAULTS["night_mode"]), test_id="night-mode"),
        # A group labelled by its hint: "Audio languages kept with downloads. English, ..."
        Column(
            _hint("Audio languages kept with downloads"),
            *[Checkbox(lang, value=lang in picked,
                       on_change=lambda on, lang=lang: pick(lang, on),
                       test_id=f"download-{lang}") for lang in LANGUAGES[:3]],
            gap=theme.spacing.sm, width="100%", role="group",
            label="Audio languages kept with downloads", test_id="downloads"),
    )


@component
def Display() -> Element:
    return _section(
        "Display",
        Select("Text size", TEXT_SIZES, value=use_stored("text_size", DEFAULTS["text_size"]),
               focus_preferred=True, test_id="text-size"),
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
        Row(Button("Reset all settings", on_press=ask, ref=reset_button, focus_preferred=True,
                   test_id="reset")),
    )


def root() -> Element:
    """The app's root element (the CLI's convention); `MARQUEE_SETTINGS_DIR` picks the store."""
    return SettingsApp(base_dir=_store_dir())
