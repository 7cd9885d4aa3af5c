"""`screen.accessibility_issues()`: the check itself, the widget kit and the example apps."""

from __future__ import annotations

import pytest

from apps.gallery import Gallery
from apps.gallery.kit import DESIGN, EXAMPLES, SIZE, drive
from apps.hello.app import Hello
from apps.profiles.app import Profiles
from components import Column, Text, View
from sdk import Ref, component
from sdk.testing import contrast_ratio


def describe(issues) -> list[str]:
    return [str(i) for i in issues]


@component
def Broken():
    return Column(
        View(focusable=True, role="button", width=200, height=80, test_id="nameless"),
        View(Text("Play"), focusable=True, width=200, height=80, test_id="roleless"),
        View(role="slider", label="Volume", test_id="valueless"),
        View(Text("Autoplay"), role="switch", focusable=True, test_id="stateless"),
        View(Text("Faint", color="#555a66"), background="#2b3040"),
        Text("Half transparent", color="#f4f5f8", opacity=0.4),
        padding=96, gap=24,
    )


async def test_the_check_finds_names_roles_states_and_contrast(ui):
    screen = await ui.mount(Broken(), paint=False)
    issues = screen.accessibility_issues()
    assert [(i.kind, i.node.test_id or i.node.own_text) for i in issues] == [
        ("name", "nameless"), ("role", "roleless"), ("state", "valueless"),
        ("state", "stateless"), ("contrast", "Faint"), ("contrast", "Half transparent")]
    assert "has contrast 1.90:1 against its background (at least 4.5:1 needed)" in str(issues[4])


def test_the_contrast_ratio_is_wcag():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    # #767676 on white is the classic 4.54:1.
    grey = 0x76 / 255
    assert contrast_ratio((grey, grey, grey), (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
async def test_every_widget_example_passes(ui, example):
    screen = await ui.mount(example.build(), SIZE, design_size=DESIGN, paint=False)
    assert describe(screen.accessibility_issues()) == []
    await drive(screen, example.keys)  # and in the state its picture shows (focus moved)
    assert describe(screen.accessibility_issues()) == []


@pytest.mark.parametrize("dialog", [False, True])
async def test_the_gallery_passes(ui, dialog):
    screen = await ui.mount(Gallery(play=Ref(), ok=Ref(), dialog=dialog), paint=False)
    await screen.press("right")
    await screen.settle()
    assert describe(screen.accessibility_issues()) == []


async def test_hello_passes(ui):
    screen = await ui.mount(Hello(), paint=False)
    await screen.press("right")
    await screen.settle()
    assert describe(screen.accessibility_issues()) == []


async def test_profiles_passes(ui):
    screen = await ui.mount(Profiles(), paint=False)
    await screen.settle()
    for key in ["right", "right", "select"]:
        await screen.press(key)
        await screen.settle()
        assert describe(screen.accessibility_issues()) == []
