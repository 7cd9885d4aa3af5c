"""The settings app driven with the remote on the real engine, its values on disk.

Each test gets its own storage folder (`tmp_path`); "a restart" is a second
mount of the app over the same folder after the first screen was closed.
"""

from __future__ import annotations

import json

from apps import settings as settings_app
from apps.settings import APP_ID, DEFAULTS, SettingsApp
from components import TEN_FOOT

SIZE = (960, 540)
TEXT = TEN_FOOT.colors.text.lstrip("#") + "ff"
ACCENT = TEN_FOOT.colors.accent.lstrip("#") + "ff"


def stored(folder) -> dict:
    path = folder / APP_ID / "storage.json"
    return json.loads(path.read_text())["values"] if path.exists() else {}


async def open_section(screen, name: str) -> None:
    """Focus the menu item `name`, select it and step right into its panel."""
    if screen.focused is None:
        await screen.press("down")
    if screen.focused.role != "menuitem":
        await screen.press("back")              # from the panel to the menu
        assert screen.focused.role == "menuitem"
    names = [n.label for n in screen.all_by_role("menuitem")]
    here = names.index(screen.focused.label)
    there = names.index(name)
    if there != here:
        await screen.press("down" if there > here else "up", times=abs(there - here))
    assert screen.focused.label == name
    await screen.press("select")
    await screen.press("right")


async def test_the_page_shows_the_sections_and_the_playback_panel(ui, tmp_path, snapshot):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await screen.settle()
    assert screen.get_by_role("heading", name="Settings")
    assert [n.label for n in screen.all_by_role("menuitem")] == [
        "Playback", "Audio", "Display", "About", "System"]
    # The page opens with focus on the menu's selected section.
    assert screen.get_by_role("menuitem", name="Playback").state == {"selected", "focused"}
    assert screen.get_by_test_id("autoplay").state == {"checked"}      # the default
    assert screen.get_by_test_id("subtitle-language").state == {"disabled"}
    await screen.press("right")
    assert screen.focused.test_id == "autoplay"
    assert screen.snapshot() == snapshot(name="playback")
    assert stored(tmp_path) == {}               # nothing written until something changes


async def test_playback_changes_are_on_disk_at_once_and_survive_a_restart(ui, tmp_path):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await open_section(screen, "Playback")
    await screen.press("select")                          # autoplay off
    await screen.press("down", times=2)
    await screen.press("select")                          # subtitles on
    assert stored(tmp_path) == {"autoplay": False, "subtitles": True}
    await screen.press("down")                            # the language is enabled now
    assert screen.focused.test_id == "subtitle-language"
    await screen.press("right", times=2)                  # English -> Français -> Deutsch
    await screen.press("down")
    await screen.press("select")                          # the quality list opens
    assert screen.get_by_test_id("quality").state == {"expanded"}  # focus is in its list
    await screen.press("down", times=2)                   # Auto -> 2160p -> 1080p
    await screen.press("select")
    assert screen.focused.test_id == "quality"
    assert stored(tmp_path) == {"autoplay": False, "subtitles": True,
                                "subtitle_language": "Deutsch", "quality": "1080p"}
    screen.close()

    again = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await again.settle()
    assert again.get_by_test_id("autoplay").state == set()
    assert again.get_by_test_id("subtitles").state == {"checked"}
    assert again.get_by_test_id("subtitle-language").props["value_text"] == "Deutsch"
    assert again.get_by_test_id("quality").props["value_text"] == "1080p"


async def test_the_volume_steps_by_five_is_saved_and_its_fill_follows_focus(ui, tmp_path,
                                                                            snapshot):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await open_section(screen, "Audio")
    assert screen.focused.test_id == "volume"
    fill = screen.within(screen.get_by_test_id("volume")).all(
        lambda n: n.props.get("width", "").endswith("%"))[0]
    assert fill.props["bg"] == "#" + TEXT        # light on the focused (accent) row
    await screen.press("right", times=3)
    assert screen.get_by_test_id("volume").props["value_text"] == "55%"
    assert stored(tmp_path)["volume"] == 55
    assert screen.snapshot() == snapshot(name="audio")
    await screen.press("down")                   # off the row: the fill is accent again
    fill = screen.within(screen.get_by_test_id("volume")).all(
        lambda n: n.props.get("width", "").endswith("%"))[0]
    assert fill.props["bg"] == "#" + ACCENT
    screen.close()

    again = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await open_section(again, "Audio")
    assert again.get_by_test_id("volume").props["value"] == "55"
    await again.press("left", hold_ms=3000)      # held: repeats down to 0 and stops
    assert again.get_by_test_id("volume").props["value"] == "0"
    assert stored(tmp_path)["volume"] == 0


async def test_download_languages_are_checkboxes_saved_as_a_list(ui, tmp_path):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await open_section(screen, "Audio")
    await screen.press("down", times=3)
    assert screen.focused.test_id == "download-Français"
    await screen.press("select")
    assert screen.focused.state == {"checked", "focused"}
    await screen.press("up")
    await screen.press("select")                          # English off
    assert stored(tmp_path)["audio_downloads"] == ["Français"]
    assert screen.get_by_test_id("download-English").state == {"focused"}
    screen.close()
    again = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await open_section(again, "Audio")
    assert [n.label for n in again.all_by_role("checkbox") if "checked" in n.state] == [
        "Français"]


async def test_the_about_text_scrolls_with_down_and_focus_leaves_at_the_end(ui, tmp_path,
                                                                            snapshot):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await open_section(screen, "About")
    about = screen.get_by_test_id("about")
    assert screen.focused.test_id == "about" and about.role == "scrollview"
    top = float(about.props["max"])
    assert top > 0                                         # the text is longer than the view
    await screen.press("down", times=2)
    await screen.advance(300)                              # the glide ends
    assert float(screen.get_by_test_id("about").props["value"]) == 240
    assert screen.snapshot() == snapshot(name="about")
    await screen.press("down", times=20)
    assert float(screen.get_by_test_id("about").props["value"]) == top
    assert screen.focused.test_id == "about"               # nothing below: focus stays


async def test_reset_asks_first_then_brings_back_the_defaults(ui, tmp_path, snapshot):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await open_section(screen, "Audio")
    await screen.press("right", times=2)
    assert stored(tmp_path) == {"volume": 50}
    await open_section(screen, "System")
    assert screen.focused.test_id == "reset"
    await screen.press("select")
    await screen.settle()
    assert screen.get_by_role("dialog")
    assert screen.focused.label == "Cancel"                # the safe action first
    await screen.press("select")
    await screen.settle()
    assert screen.query_by_role("dialog") is None
    assert screen.focused.test_id == "reset"               # focus back on the opener
    assert stored(tmp_path) == {"volume": 50}
    await screen.press("select")
    await screen.settle()
    await screen.press("left")                             # to "Reset"
    await screen.press("select")
    await screen.frame(2)
    assert stored(tmp_path) == {}
    assert screen.get_by_test_id("toast").text == "Settings reset to their defaults"
    assert screen.focused.test_id == "reset"
    await screen.advance(500)                              # the toast has slid in
    assert screen.snapshot() == snapshot(name="reset")
    await screen.advance(4000)                             # the toast goes by itself
    assert screen.query_by_test_id("toast") is None
    await open_section(screen, "Audio")
    assert screen.get_by_test_id("volume").props["value"] == str(DEFAULTS["volume"])


async def test_a_corrupt_settings_file_is_set_aside_and_the_defaults_show(ui, tmp_path):
    folder = tmp_path / APP_ID
    folder.mkdir()
    (folder / "storage.json").write_text("{not json")
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await screen.settle()
    assert screen.get_by_test_id("autoplay").state == {"checked"}
    assert (folder / "storage.corrupt-1.json").read_text() == "{not json"


def test_the_cli_convention_root_reads_its_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MARQUEE_SETTINGS_DIR", str(tmp_path))
    element = settings_app.root()
    assert element.type is SettingsApp and element.props["base_dir"] == str(tmp_path)
    monkeypatch.delenv("MARQUEE_SETTINGS_DIR")
    assert settings_app.root().props["base_dir"] is None      # the user's data folder
