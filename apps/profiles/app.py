"""The profiles page (see the package docstring) and its stub home page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from components import Button, Column, Row, Text, View
from sdk import Element, Navigator, Spring, component, use_effect, use_navigator, use_ref

PAGE_BACKGROUND = "#0b0d12"
TILE = 220
"""Avatar diameter in design units."""
FOCUS_SCALE = 1.12
GLOW = "#f4f5f8"
SPRING = Spring(stiffness=260.0, damping=24.0)
"""The focus scale: quick, a hint of overshoot, keeps its velocity when retargeted."""
TRANSITION: dict[str, Any] = {
    "scale": SPRING,
    "border_color": (180, "ease-out"),
    "background": (180, "ease-out"),
}


@dataclass(frozen=True)
class Profile:
    """One viewer: a name and an avatar colour."""

    id: int
    name: str
    color: str


PROFILES = (
    Profile(1, "Ada", "#e50914"),
    Profile(2, "Grace", "#2563d9"),
    Profile(3, "Alan", "#0b7a3b"),
    Profile(4, "Kids", "#b45309"),
)


def _tile(avatar: Element, name: str, **props: Any) -> Element:
    """A focusable column: the avatar circle in a ring, the name under it."""
    return Column(
        avatar,
        Text(name, size=36, text_align="center", test_id=f"{props['test_id']}-name"),
        role="button", label=name, focusable=True, align="center", gap=20,
        padding=(20, 20, 24, 20), radius=28, border=6, border_color="#00000000",
        background="#00000000",
        focused_style={"scale": FOCUS_SCALE, "border_color": GLOW, "background": "#1b2233"},
        pressed_style={"scale": 1.04, "border_color": GLOW, "background": "#26304a"},
        transition=TRANSITION, **props,
    )


def _avatar(profile: Profile) -> Element:
    return View(
        Text(profile.name[0], size=96, color="#ffffff", text_align="center"),
        width=TILE, height=TILE, radius=TILE / 2, background=profile.color,
        justify="center", align="center",
    )


def _add_avatar() -> Element:
    return View(
        Text("+", size=120, color="#8b93a7", text_align="center"),
        width=TILE, height=TILE, radius=TILE / 2, background="#1b1f2a",
        border=4, border_color="#3a4155", justify="center", align="center",
    )


def _tint(colour: str, amount: float = 0.22) -> str:
    """`colour` mixed into the page background (a dark wash of the avatar colour)."""
    mixed = (round(int(PAGE_BACKGROUND[i:i + 2], 16) * (1 - amount)
                   + int(colour[i:i + 2], 16) * amount) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in mixed)


@component
def Home(profile: Profile) -> Element:
    """The stub home page a profile opens (back returns to the profiles)."""
    ref = use_ref()
    use_effect(lambda: ref.focus())
    return Column(
        Text(f"Home: {profile.name}", size=80, test_id="home-title"),
        Text("Press back to switch profile", size=32, color="#8b93a7"),
        Row(Button("Continue watching", ref=ref, test_id="home-continue"),
            Button("My list", test_id="home-list"), gap=32),
        width="100%", height="100%", padding=(120, 160), gap=40, background=_tint(profile.color),
    )


@component
def ProfilesPage(on_focus: Callable[[Profile | None], object] | None = None,
                 on_add: Callable[[], object] | None = None) -> Element:
    """Four profile tiles and an "add profile" tile in a row, centred.

    Args:
        on_focus: called with the profile (None for the add tile) whose tile got focus
            (benchmarks hang app-thread work here).
        on_add: called when the add tile is selected.
    """
    nav = use_navigator()
    first = use_ref()
    use_effect(lambda: first.focus())

    def focus_handler(profile: Profile | None) -> Callable[[], None]:
        def handler() -> None:
            if on_focus is not None:
                on_focus(profile)
        return handler

    def open_home(profile: Profile) -> Callable[[], None]:
        return lambda: nav.push(Home(profile=profile))

    tiles = [
        _tile(_avatar(p), p.name, test_id=f"profile-{p.id}", on_press=open_home(p),
              on_focus=focus_handler(p), **({"ref": first} if i == 0 else {}))
        for i, p in enumerate(PROFILES)
    ]
    tiles.append(_tile(_add_avatar(), "Add profile", test_id="profile-add",
                       on_press=lambda: on_add() if on_add is not None else None,
                       on_focus=focus_handler(None)))
    return Column(
        Text("Who's watching?", size=80, test_id="title"),
        Row(*tiles, gap=48, align="start"),
        width="100%", height="100%", justify="center", align="center", gap=96,
        background=PAGE_BACKGROUND,
    )


def Profiles(on_focus: Callable[[Profile | None], object] | None = None) -> Element:
    """The whole app: a `Navigator` whose first page is the profiles page."""
    return Navigator(home=ProfilesPage(on_focus=on_focus))


def root() -> Element:
    """The root element for `python -m sdk run apps.profiles`."""
    return Profiles()
