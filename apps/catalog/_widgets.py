"""Pieces the catalog's screens share: posters, skeletons, the error view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from components import Button, Column, Image, Row, Spinner, Text, View, current_theme
from sdk import Element, component, use_context, use_effect, use_ref

from ._api import API, CatalogApi, TitleData
from ._i18n import use_translator

__all__ = [
    "N_",
    "PAGE_BACKGROUND",
    "POSTER_H",
    "POSTER_W",
    "AutoFocus",
    "ErrorView",
    "Poster",
    "RailSkeleton",
    "describe",
    "error_view",
    "use_api",
]


def N_(message: str) -> str:
    """Marks `message` for extraction (`pybabel extract -k N_`); translated where shown."""
    return message

POSTER_W = 240
POSTER_H = 360
SKELETON = "#1f2430"
PAGE_BACKGROUND = "#0b0d12"


def use_api() -> CatalogApi:
    """The app's catalog client (a hook: call it in a screen's body)."""
    api = use_context(API)
    if api is None:
        raise RuntimeError("the catalog screens need CatalogApp (it provides the API)")
    return api


@component
def AutoFocus(render: Callable[[dict[str, Any]], Element]) -> Element:
    """`render(props)`; the node given `**props` is focused once it is mounted.

    Navigator.push leaves nothing focused, so without this a new page would wait
    for an arrow key before select or back did anything.
    """
    ref = use_ref()
    use_effect(lambda: ref.focus())
    return render({"ref": ref})


def Poster(title: TitleData) -> Any:
    """A poster image (its background shows until it has loaded)."""
    return Image(title.poster, width="100%", height="100%", background=SKELETON,
                 label=title.name, test_id=f"poster-{title.id}")


@component
def RailSkeleton(name: str, test_id: str) -> Element:
    """A row's placeholder: its name, grey cards and a spinner."""
    t = use_translator()
    cards = [View(width=POSTER_W, height=POSTER_H, radius=12, background=SKELETON,
                  shrink=0) for _ in range(7)]
    loading = t.gettext("Loading {name}").format(name=name)
    heading = (Row(Text(name, size=36), Spinner(size=36, label=loading), gap=16,
                   align="center") if name else
               View(width=320, height=36, radius=8, background=SKELETON))
    return Column(
        heading,
        Row(*cards, gap=24, overflow="clip", width="100%"),
        gap=16, test_id=test_id,
    )


def describe(error: BaseException) -> str:
    """One line for the viewer: what failed and why."""
    text = str(error) or type(error).__name__
    return text[0].upper() + text[1:]


@component
def ErrorView(heading: str, name: str, error: BaseException, retry: Callable[[], None],
              test_id: str, height: float | None = None, focus: bool = False) -> Element:
    """Says what could not load and why, with a Try again button (focused if `focus`).

    `heading` is an untranslated message (`N_("Couldn't load {name}")`), shown
    translated with `name` filled in.
    """
    theme = current_theme()
    t = use_translator()
    title = t.gettext(heading).format(name=name)
    again = t.gettext("Try again")
    extra: dict[str, Any] = {} if height is None else {"height": height}
    return Column(
        Text(title, size=40, test_id=f"{test_id}-title"),
        Text(describe(error), size=28, color=theme.colors.text_muted, max_lines=2,
             test_id=f"{test_id}-message"),
        AutoFocus(render=lambda props: Button(again, on_press=retry,
                                       test_id=f"{test_id}-retry", **props)) if focus else
        Button(again, on_press=retry, test_id=f"{test_id}-retry"),
        gap=20, padding=32, radius=16, background="#2a1d22", align="start",
        test_id=test_id, label=title, **extra,
    )


def error_view(heading: str, test_id: str, height: float | None = None, *, name: str = "",
               page: bool = False) -> Callable[[BaseException, Callable[[], None]], Any]:
    """A `Deferred(error=...)` function showing `ErrorView` (centred on a page if `page`)."""
    def view(error: BaseException, retry: Callable[[], None], focus: bool = False) -> Element:
        return ErrorView(heading=heading, name=name, error=error, retry=retry,
                         test_id=test_id, height=height, focus=focus)

    if not page:
        return view
    return lambda error, retry: View(view(error, retry, True),
                                     width="100%", height="100%", justify="center",
                                     align="center", background=PAGE_BACKGROUND)
