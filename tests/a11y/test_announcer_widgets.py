"""What the announcer says on the widget kit: state changes, values, live regions."""

from __future__ import annotations

from async_tasks import VirtualClock
from components import (
    Button,
    Column,
    Dialog,
    Menu,
    Rail,
    Row,
    Select,
    Slider,
    Switch,
    Tabs,
    Text,
    TextField,
    Toast,
)
from sdk import App, Ref, SceneRoot, Show, component, use_memo, use_signal
from sdk.a11y import Announcer, Phrases, RecordingSpeech


async def said_after(screen, key: str, times: int = 1) -> list[str]:
    await screen.press(key, times=times)
    await screen.settle(speech=True)
    return screen.take_announcements()


@component
def Settings():
    return Column(
        Switch("Subtitles", width=640),
        Slider("Volume", value=40, step=5, format=lambda v: f"{v:g}%"),
        Select("Quality", ["Auto", "1080p", "720p"], mode="list"),
        Button("Sign out", disabled=True),
        width="100%", padding=96, gap=24,
    )


async def test_settings_controls_say_their_state_and_its_changes(ui):
    screen = await ui.mount(Settings(), paint=False)
    assert await said_after(screen, "down") == ["Subtitles, switch, off"]
    assert await said_after(screen, "select") == ["on"]
    assert await said_after(screen, "select") == ["off"]
    assert await said_after(screen, "down") == ["Volume, slider, 40%"]
    assert await said_after(screen, "right") == ["45%"]
    # Held right: the value is spoken where it stops, not at every step.
    await screen.press("right", hold_ms=1000)
    await screen.settle(speech=True)
    assert screen.take_announcements() == ["50%", "85%"]
    assert await said_after(screen, "down") == ["Quality, pop-up button, collapsed, Auto"]
    assert await said_after(screen, "select") == [
        "Quality, list box. Auto, option, selected, 1 of 3"]
    assert await said_after(screen, "down") == ["1080p, option, 2 of 3"]
    assert await said_after(screen, "select") == ["Quality, pop-up button, collapsed, 1080p"]
    # The disabled button cannot take focus: nothing more to say.
    assert await said_after(screen, "down") == []


@component
def MenuAndTabs():
    return Row(
        Menu(["Home", "Movies", "Series"], selected=1, label="Main menu", item_width=360),
        Tabs(["Overview", "Episodes"], render=lambda i: Text(["Plot", "12 episodes"][i])),
        padding=96, gap=96,
    )


async def test_menus_and_tabs_say_their_title_selection_and_position(ui):
    screen = await ui.mount(MenuAndTabs(), paint=False)
    assert await said_after(screen, "down") == [
        "Main menu, menu. Movies, menu item, selected, 2 of 3"]
    assert await said_after(screen, "down") == ["Series, menu item, 3 of 3"]
    assert await said_after(screen, "right") == ["Overview, tab, 1 of 2"]
    assert await said_after(screen, "right") == ["Episodes, tab, 2 of 2"]


@component
def Login():
    name = use_signal("ana")
    password = use_signal("hunter2")
    return Column(TextField(name, label="Name", width=600),
                  TextField(password, label="Password", secure=True, width=600),
                  padding=96, gap=24)


async def test_a_secure_field_is_never_read_out(ui):
    screen = await ui.mount(Login(), paint=False)
    assert await said_after(screen, "down") == ["Name, text field, ana"]
    said = await said_after(screen, "down")
    assert said == ["Password, text field, secure text"]
    assert "hunter2" not in said[0]


@component
def Notices():
    saved = use_signal(False)
    failed = use_signal(False)
    asking = use_signal(False)
    return Column(
        Button("Save", on_press=lambda: saved.set(True)),
        Button("Upload", on_press=lambda: failed.set(True)),
        Button("Sign out", on_press=lambda: asking.set(True)),
        Show(Toast("Saved to your list", duration_ms=None), when=saved),
        Show(Toast("Upload failed", kind="error", duration_ms=None), when=failed),
        Show(Dialog("Sign out?", actions=[("Cancel", lambda: asking.set(False)),
                                          ("Sign out", lambda: asking.set(False))],
                    message="You will need your password again."), when=asking),
        width="100%", height="100%", padding=96, gap=24,
    )


async def test_live_regions_speak_polite_after_focus_and_assertive_at_once(ui):
    screen = await ui.mount(Notices(), paint=False)
    assert await said_after(screen, "down") == ["Save, button"]
    # A polite status queues behind what is being said (no interrupt).
    await screen.press("select")
    await screen.settle(speech=True)
    assert [(u.text, u.interrupt) for u in screen.utterances] == [("Saved to your list", False)]
    screen.take_announcements()
    await said_after(screen, "down")
    # An error toast is an alert: it cuts in, without waiting for the debounce.
    await screen.press("select")
    assert [(u.text, u.interrupt) for u in screen.utterances] == [("Upload failed", True)]


async def test_a_dialog_says_its_title_when_focus_enters_it(ui):
    screen = await ui.mount(Notices(), paint=False)
    await said_after(screen, "down", times=3)
    # The title, then the message (what a screen reader reads as the description).
    assert await said_after(screen, "select") == [
        "Sign out?, dialog. You will need your password again. Cancel, button"]
    assert await said_after(screen, "right") == ["Sign out, button"]


async def test_the_announcer_speaks_in_a_running_app():
    """`App` takes a `SceneRoot`: the announcer observes it on the app thread, and the
    engine runs on the renderer thread (focus arrives as events, nothing else crosses)."""
    clock = VirtualClock()
    root = SceneRoot(Settings())
    speech = RecordingSpeech(clock)
    async with App(root, (960, 540), clock=clock, renderer_mode="thread") as app:
        announcer = Announcer(root, speech, clock=clock)
        await app.frame()
        app.press("down")
        await app.frame(20)  # 333 ms: focus rested past the debounce
        app.press("select")
        await app.frame(20)
        announcer.close()
    assert speech.texts == ["Subtitles, switch, off", "on"]
    assert [u.at_ms for u in speech.utterances] == sorted(u.at_ms for u in speech.utterances)


@component
def HiddenStatus():
    shown = use_signal(False)
    count = use_signal(1)
    return Column(
        Button("More", on_press=lambda: count.update(lambda n: n + 1)),
        Button("Show", on_press=lambda: shown.set(True)),
        Column(Text(lambda: f"{count()} new", live="polite"), visible=shown),
        padding=96, gap=24,
    )


async def test_a_hidden_live_region_is_silent_until_shown(ui):
    screen = await ui.mount(HiddenStatus(), paint=False)
    assert await said_after(screen, "down") == ["More, button"]
    assert await said_after(screen, "select") == []  # "2 new", but hidden
    assert await said_after(screen, "down") == ["Show, button"]
    assert await said_after(screen, "select") == ["2 new"]


@component
def Replaced():
    items = use_signal(["Dune", "Alien", "Heat"])
    return Column(
        Rail(items, render=lambda t: Text(t), item_width=300, item_height=120,
             label="Row", on_press=lambda t: items.set(["Up", "Ran", "Jaws"])),
        padding=96,
    )


async def test_the_focused_cell_is_spoken_again_when_it_shows_another_item(ui):
    screen = await ui.mount(Replaced(), paint=False)
    assert await said_after(screen, "down") == ["Row, list. Dune, 1 of 3"]
    assert await said_after(screen, "right") == ["Alien, 2 of 3"]
    assert await said_after(screen, "select") == ["Ran, 2 of 3"]


async def test_phrases_are_translatable(ui):
    french = Phrases(roles={"button": "bouton", "switch": "interrupteur"}, on="activé",
                     off="désactivé", position="{index} sur {count}")
    screen = await ui.mount(Settings(), paint=False)
    speech = RecordingSpeech()
    announcer = Announcer(screen.announcer.root, speech, clock=screen.clock, phrases=french)
    await screen.press("down")
    await screen.settle(speech=True)
    announcer.close()
    assert speech.texts == ["Subtitles, interrupteur, désactivé"]


@component
def Choices():
    return Column(Select("Language", ["English", "Français"], width=640),
                  Select("Quality", ["Auto", "1080p"], mode="list", width=640),
                  padding=96, gap=24)


async def test_a_cycled_choice_is_adjustable_and_says_only_the_new_choice(ui):
    screen = await ui.mount(Choices(), paint=False)
    # It never opens: not a "collapsed" pop-up (that is the listed one below).
    assert await said_after(screen, "down") == ["Language, adjustable, English"]
    assert await said_after(screen, "right") == ["Français"]
    assert await said_after(screen, "down") == ["Quality, pop-up button, collapsed, Auto"]


@component
def Moves():
    notice = use_signal("")
    ref = use_memo(Ref)
    covered = use_signal(False)

    def save():
        ref.focus()              # focus moves and a polite notice appears in one frame
        notice.set("Saved")

    return Column(
        Button("Save", on_press=save),
        Button("Done", ref=ref),
        Button("Cover", on_press=lambda: covered.set(not covered.peek())),
        Text(lambda: notice(), live="polite", visible=lambda: not covered()),
        Text("4 results for “dr”", live="polite", label="4 results"),
        width="100%", padding=96, gap=24,
    )


async def test_a_polite_region_waits_for_the_focus_speech_and_says_its_label(ui):
    screen = await ui.mount(Moves(), paint=False)
    await screen.settle(speech=True)
    # A live region with a label says the label (not the quoted query).
    assert screen.take_announcements() == ["4 results"]
    assert await said_after(screen, "down") == ["Save, button"]
    await screen.press("select")
    await screen.settle(speech=True)
    assert [(u.text, u.interrupt) for u in screen.utterances] == [
        ("Done, button", True), ("Saved", False)]
    screen.take_announcements()
    # Hidden then shown again unchanged: not said again.
    assert await said_after(screen, "down") == ["Cover, button"]
    assert await said_after(screen, "select") == []
    assert await said_after(screen, "select") == []
