"""The screens: profile picker, home (a Search button, hero + rails), title details.

The search screen is `_search.py`.

Each screen's data comes from an async component inside a `Deferred`
boundary: the home page has one for the page (hero and row list) and one per
row, so a slow or failing row never holds up or breaks the others.
"""

from __future__ import annotations

import colorsys
from typing import Any

from components import (
    Button,
    Column,
    Image,
    Rail,
    Row,
    Spinner,
    Text,
    View,
    current_theme,
    focus_styles,
)
from sdk import Deferred, Element, NavigatorHandle, component, use_navigator
from sdk.i18n import Translator

from ._api import CatalogApi, Page, RowData, TitleData
from ._i18n import use_translator
from ._search import Search
from ._widgets import (
    N_,
    PAGE_BACKGROUND,
    POSTER_H,
    POSTER_W,
    AutoFocus,
    Poster,
    RailSkeleton,
    error_view,
    use_api,
)

__all__ = ["Details", "Home", "Profiles", "Search"]

PAGE = {"width": "100%", "height": "100%", "padding": (54, 96), "background": PAGE_BACKGROUND}



def _start_edge(t: Translator) -> dict[str, float]:
    """The inset that pins a box to the inline start (insets stay physical under rtl)."""
    return {"right": 0} if t.direction() == "rtl" else {"left": 0}


def _hue(hue: float) -> str:
    # Dark enough for the white initial at 4.5:1 or more at any hue (yellow is the worst).
    r, g, b = colorsys.hsv_to_rgb(hue / 360.0, 0.6, 0.42)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


# profiles ------------------------------------------------------------------------


@component
def Profiles(timeout_ms: float) -> Element:
    """Who's watching? Picking a profile opens its home page."""
    api, nav, t = use_api(), use_navigator(), use_translator()
    return Column(
        Text(t.gettext("Who's watching?"), size=72, test_id="profiles-heading", role="heading"),
        Deferred(ProfileList(api=api, nav=nav, timeout_ms=timeout_ms),
                 fallback=Spinner(size=96, test_id="profiles-loading"),
                 error=error_view(N_("Couldn't load the profiles"), "profiles-error"),
                 timeout_ms=timeout_ms),
        align="center", justify="center", gap=64, **PAGE,
    )


@component
async def ProfileList(api: CatalogApi, nav: NavigatorHandle, timeout_ms: float) -> Element:
    profiles = await api.profiles()
    theme = current_theme()

    def card(p: dict[str, Any], props: dict[str, Any] | None = None) -> Element:
        return View(
            View(Text(p["name"][0], size=96), width=200, height=200, radius=100,
                 background=_hue(p["hue"]), justify="center", align="center"),
            Text(p["name"], size=36),
            direction="column", align="center", gap=20, padding=24, radius=24, border=5,
            border_color="#00000000", focusable=True, role="button", label=p["name"],
            test_id=f"profile-{p['id']}", **(props or {}),
            on_press=lambda: nav.push(Home(profile=p["id"], timeout_ms=timeout_ms)),
            **focus_styles(theme),
        )

    first, rest = profiles[0], profiles[1:]
    return Row(AutoFocus(render=lambda props: card(first, props)), *[card(p) for p in rest], gap=48,
               test_id="profiles")


# home ----------------------------------------------------------------------------


@component
def Home(profile: str, timeout_ms: float) -> Element:
    """A profile's home page: the hero and the rows, each row loading on its own."""
    api, nav = use_api(), use_navigator()
    return Deferred(HomeContent(api=api, nav=nav, profile=profile, timeout_ms=timeout_ms),
                    fallback=HomeSkeleton(),
                    error=error_view(N_("Couldn't load the home page"), "home-error", page=True),
                    timeout_ms=timeout_ms)


def HomeSkeleton() -> Element:
    return Column(
        View(Spinner(size=96), width="100%", height=440, radius=16, background="#151922",
             justify="center", align="center", shrink=0),
        RailSkeleton(name="", test_id="rail-skeleton"),
        gap=40, test_id="home-loading", **PAGE,
    )


@component
async def HomeContent(api: CatalogApi, nav: NavigatorHandle, profile: str,
                      timeout_ms: float) -> Element:
    page: Page = await api.home(profile)
    # What follows the await runs untracked: HomeView translates (and re-renders).
    return HomeView(api=api, nav=nav, page=page, timeout_ms=timeout_ms)


@component
def HomeView(api: CatalogApi, nav: NavigatorHandle, page: Page, timeout_ms: float) -> Element:
    """The loaded home page: Search, the hero and a rail per row."""
    t = use_translator()

    def open_title(title: TitleData) -> None:
        nav.push(Details(title_id=title.id, name=title.name, timeout_ms=timeout_ms))

    rows = [Deferred(RowRail(api=api, row=row, on_open=open_title),
                     fallback=RailSkeleton(name=row.name, test_id=f"row-{row.id}-loading"),
                     error=error_view(N_("Couldn't load {name}"), f"row-{row.id}-error",
                                      height=400, name=row.name),
                     timeout_ms=timeout_ms, key=row.id)
            for row in page.rows]
    def open_search() -> None:
        nav.push(Search(timeout_ms=timeout_ms, open_title=open_title))

    top = Row(Button(t.gettext("Search"), on_press=open_search, test_id="home-search"),
              gap=24, shrink=0)
    return Column(top, Hero(page.hero, open_title, t), *rows, gap=40, overflow="scroll",
                  test_id="home", **PAGE)


def Hero(title: TitleData, open_title: Any, t: Translator) -> Element:
    return View(
        Image(title.backdrop, width="100%", height="100%", position="absolute", left=0, top=0,
              background="#151922", label=t.gettext("{name} backdrop").format(name=title.name)),
        View(position="absolute", **_start_edge(t), top=0, bottom=0, width=900,
             background="#0b0d12c0"),
        Column(
            Text(t.gettext("Featured"), size=28, color="#b9bfcc"),
            Text(title.name, size=80, test_id="hero-title", role="heading"),
            Text(t.gettext("{year} · {genre} · {minutes} min").format(
                year=title.year, genre=title.genre, minutes=t.format_number(title.minutes)),
                 size=32, color="#b9bfcc"),
            AutoFocus(render=lambda props: Button(t.gettext("More info"),
                                                  on_press=lambda: open_title(title),
                                                  test_id="hero-info", **props)),
            gap=16, padding=48, align="start", width=900,
        ),
        width="100%", height=440, radius=16, overflow="clip", shrink=0, justify="start",
        align="end", test_id="hero",
    )


@component
async def RowRail(api: CatalogApi, row: RowData, on_open: Any) -> Element:
    loaded = await api.row(row.id)
    # What follows the await runs untracked: RowView reads the direction.
    return RowView(row=loaded, on_open=on_open)


@component
def RowView(row: RowData, on_open: Any) -> Element:
    """A loaded row: its name at the inline start, then its rail."""
    rtl = use_translator().direction() == "rtl"
    return Column(
        Text(row.name, size=36),
        Rail(row.titles, render=Poster, item_width=POSTER_W, item_height=POSTER_H,
             gap=24, on_press=on_open, label=row.name, test_id=f"row-{row.id}",
             height=POSTER_H + 24, padding_top=8, **({"dir": "rtl"} if rtl else {})),
        gap=8, width="100%", shrink=0, align="start",
    )


# details -------------------------------------------------------------------------


@component
def Details(title_id: int, name: str, timeout_ms: float) -> Element:
    """A title's details; back returns to where it was opened from."""
    api, nav = use_api(), use_navigator()
    return Deferred(DetailsContent(api=api, nav=nav, title_id=title_id),
                    fallback=Column(Text(name, size=80), Spinner(size=96),
                                    gap=40, test_id="details-loading", **PAGE),
                    error=error_view(N_("Couldn't load {name}"), "details-error", name=name,
                                     page=True),
                    timeout_ms=timeout_ms)


@component
async def DetailsContent(api: CatalogApi, nav: NavigatorHandle, title_id: int) -> Element:
    title = await api.title(title_id)
    # What follows the await runs untracked: DetailsView translates (and re-renders).
    return DetailsView(nav=nav, title=title)


@component
def DetailsView(nav: NavigatorHandle, title: TitleData) -> Element:
    """A loaded title: backdrop, poster, name, facts, synopsis, Play and Back."""
    t = use_translator()
    muted = current_theme().colors.text_muted
    return View(
        Image(title.backdrop, position="absolute", left=0, top=0, width="100%", height="100%",
              background="#151922", label=f"{title.name} backdrop"),
        View(position="absolute", **_start_edge(t), top=0, bottom=0, width=1100,
             background="#0b0d12d8"),
        Row(
            Image(title.poster, width=POSTER_W * 1.5, height=POSTER_H * 1.5, radius=16,
                  background="#1f2430", label=title.name, shrink=0),
            Column(
                Text(title.name, size=80, test_id="details-title", role="heading"),
                Text(t.gettext("{year} · {genre} · {minutes} min · {rating}").format(
                    year=title.year, genre=title.genre, minutes=t.format_number(title.minutes),
                    rating=title.rating), size=32, color=muted, test_id="details-meta"),
                # The service's English synopsis: aligned to the layout's start, not
                # its own (right in Arabic, as the lines above it).
                Text(title.synopsis, size=32, max_lines=3, width=800,
                     **({"text_align": "right"} if t.direction() == "rtl" else {})),
                Row(AutoFocus(render=lambda props: Button(t.gettext("Play"),
                                                             test_id="details-play", **props)),
                    Button(t.gettext("Back"), on_press=nav.pop, test_id="details-back"), gap=24),
                gap=24, align="start",
            ),
            gap=56, align="center",
        ),
        width="100%", height="100%", padding=(54, 96), align="center",
        background="#0b0d12", test_id="details",
    )
