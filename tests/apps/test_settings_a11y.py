"""What the announcer says on the settings app, key press by key press, and the check.

Each test gets its own storage folder. Each step presses a key, lets focus
rest (the debounce, on virtual time) and takes what was said.
"""

from __future__ import annotations

import pytest

from apps.settings import SettingsApp
from apps.settings.app import ABOUT
from sdk import ViewerSettings

SIZE = (960, 540)


async def said_after(screen, key: str, times: int = 1) -> list[str]:
    await screen.press(key, times=times)
    await screen.settle(speech=True)
    return screen.take_announcements()


async def mount(ui, tmp_path, **kwargs):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE, paint=False,
                            **kwargs)
    await screen.settle(speech=True)
    return screen


def issues(screen) -> list[str]:
    return [str(i) for i in screen.accessibility_issues()]


async def test_the_menu_and_the_audio_panel_are_spoken_key_by_key(ui, tmp_path):
    screen = await mount(ui, tmp_path)
    # The page opens on its menu: the page's heading, the menu, the selected section.
    assert screen.take_announcements() == [
        "Settings. Sections, menu. Playback, menu item, selected, 1 of 5"]
    assert await said_after(screen, "down") == ["Audio, menu item, 2 of 5"]
    assert await said_after(screen, "down") == ["Display, menu item, 3 of 5"]
    assert await said_after(screen, "up") == ["Audio, menu item, 2 of 5"]
    assert await said_after(screen, "select") == ["selected"]
    # Right enters the panel, a group named after its section, on its first control.
    assert await said_after(screen, "right") == ["Audio. Volume, slider, 40%"]
    assert await said_after(screen, "right") == ["45%"]
    assert await said_after(screen, "right", times=2) == ["55%"]   # where it stops
    assert await said_after(screen, "left") == ["50%"]
    assert await said_after(screen, "down") == ["Night mode (softer loud scenes), switch, off"]
    assert await said_after(screen, "select") == ["on"]
    # The download languages are a group introduced by their hint.
    assert await said_after(screen, "down") == [
        "Audio languages kept with downloads. English, checkbox, checked"]
    assert await said_after(screen, "down") == ["Français, checkbox, not checked"]
    assert await said_after(screen, "select") == ["checked"]
    assert await said_after(screen, "down") == ["Deutsch, checkbox, not checked"]
    # The panel ends here: down stays (it used to jump into the menu, unannounced).
    assert await said_after(screen, "down") == []
    # Back returns to the menu, introduced again.
    assert await said_after(screen, "back") == [
        "Sections, menu. Audio, menu item, selected, 2 of 5"]


async def test_switches_and_choices_say_their_state_and_only_what_changed(ui, tmp_path):
    screen = await mount(ui, tmp_path)
    screen.take_announcements()
    assert await said_after(screen, "right") == ["Playback. Autoplay next episode, switch, on"]
    assert await said_after(screen, "select") == ["off"]
    assert await said_after(screen, "down") == ["Play previews on the home page, switch, off"]
    assert await said_after(screen, "down") == ["Subtitles, switch, off"]
    assert await said_after(screen, "select") == ["on"]
    # A cycled choice is adjustable (left/right), not a "collapsed" pop-up; a step
    # says the new choice alone.
    assert await said_after(screen, "down") == ["Subtitle language, adjustable, English"]
    assert await said_after(screen, "right") == ["Français"]
    assert await said_after(screen, "left") == ["English"]
    # A listed choice is a pop-up button: collapsed, then its list.
    assert await said_after(screen, "down") == [
        "Streaming quality, pop-up button, collapsed, Auto"]
    assert await said_after(screen, "select") == [
        "Streaming quality, list box. Auto, option, selected, 1 of 5"]
    assert await said_after(screen, "down") == ["2160p, option, 2 of 5"]
    assert await said_after(screen, "select") == [
        "Streaming quality, pop-up button, collapsed, 2160p"]


async def test_display_and_the_reset_dialog_are_spoken(ui, tmp_path):
    screen = await mount(ui, tmp_path)
    screen.take_announcements()
    assert await said_after(screen, "down", times=2) == ["Display, menu item, 3 of 5"]
    await said_after(screen, "select")
    assert await said_after(screen, "right") == ["Display. Text size, adjustable, Standard"]
    assert await said_after(screen, "right") == ["Large"]
    assert await said_after(screen, "down") == ["Reduce motion, switch, off"]
    assert await said_after(screen, "select") == ["on"]
    assert await said_after(screen, "down") == ["Screensaver, adjustable, 10 minutes"]
    await said_after(screen, "back")
    assert await said_after(screen, "down", times=2) == ["System, menu item, 5 of 5"]
    await said_after(screen, "select")
    assert await said_after(screen, "right") == ["System. Reset all settings, button"]
    # The dialog says its title and message, then the focused (safe) action.
    assert await said_after(screen, "select") == [
        "Reset all settings?, dialog. Volume, languages, picture and playback settings go "
        "back to their defaults. Cancel, button"]
    assert await said_after(screen, "left") == ["Reset, button"]
    # Reset: focus returns to the opener, then the toast (polite) is said after it,
    # queued instead of cut off by the focus speech.
    await screen.press("select")
    await screen.settle(speech=True)
    assert [(u.text, u.interrupt) for u in screen.utterances] == [
        ("System. Reset all settings, button", True),
        ("Settings reset to their defaults", False)]


async def move(screen, key: str, times: int) -> None:
    if times:
        await screen.press(key, times=times)


async def test_the_about_text_is_read_when_focus_reaches_it(ui, tmp_path):
    screen = await mount(ui, tmp_path)
    screen.take_announcements()
    assert await said_after(screen, "down", times=3) == ["About, menu item, 4 of 5"]
    await said_after(screen, "select")
    said = await said_after(screen, "right")
    assert said == ["About. About this app, scroll area. " + " ".join(ABOUT)]
    # Scrolling moves the text, it does not read it again.
    assert await said_after(screen, "down") == []


async def open_panel(screen, section: int) -> None:
    """From the menu's first item: select section `section` and step into its panel."""
    await move(screen, "down", section)
    await screen.press("select")
    await screen.press("right")
    await screen.settle()


@pytest.mark.parametrize("viewer", [None, ViewerSettings(high_contrast=True),
                                    ViewerSettings(text_scale=2.0)],
                         ids=["default", "high_contrast", "text_scale_2"])
async def test_every_settings_state_passes_the_accessibility_check(ui, tmp_path, viewer):
    extra = {} if viewer is None else {"viewer": viewer}
    screen = await mount(ui, tmp_path, **extra)
    assert issues(screen) == []                                   # the menu focused
    for section in range(5):
        await open_panel(screen, section)
        assert issues(screen) == [], f"section {section}"
        await screen.press("back")
        await move(screen, "up", section)
    await open_panel(screen, 0)
    await screen.press("down", times=2)
    await screen.press("select")                                  # subtitles on
    await screen.press("down", times=2)
    await screen.press("select")                                  # the quality list open
    await screen.settle()
    assert screen.get_by_role("listbox")
    assert issues(screen) == []
    await screen.press("back")
    await screen.press("back")
    await open_panel(screen, 4)
    await screen.press("select")                                  # the reset dialog
    await screen.settle()
    assert screen.get_by_role("dialog")
    assert issues(screen) == []
    await screen.press("left")
    await screen.press("select")                                  # reset: the toast
    await screen.frame(2)
    assert screen.get_by_test_id("toast")
    assert issues(screen) == []
