"""Design tokens (`Theme`) and how widgets find them (`ThemeContext`).

A theme is a frozen value: colours, a spacing scale, a type scale, corner
radii, the focus ring and the overscan-safe margins. It travels down the tree
through the signals context: `provide_theme(theme)` in a component body (or
`ThemeProvider(theme, ...)`) makes it the theme of everything rendered below;
`use_theme()` reads it in a component body, `current_theme()` anywhere (it
falls back to `TEN_FOOT` outside a render).

Themes are static: changing the theme means rendering the provider again with
a new value (widgets read the theme when their elements are built).

The viewer's settings (`sdk.ViewerSettings`, provided by the scene root)
adjust the theme where it is read: `current_theme()` and `use_theme()` return
it with the type scale multiplied by `text_scale` and, with `high_contrast`,
its `contrast_colors` and `contrast_focus` (a thicker yellow ring). They read
the settings untracked (a widget build adds no dependency): the scene root
renders the whole tree again when the viewer changes them.
"""

from __future__ import annotations

from collections.abc import Hashable

import attrs

from sdk import (
    Context,
    Element,
    ViewerSettings,
    component,
    create_context,
    provide_context,
    use_context,
)
from sdk import Fragment as _Fragment
from sdk.reconciler import ViewerContext
from signals import use_context as _signals_use_context

__all__ = [
    "HIGH_CONTRAST_COLORS",
    "TEN_FOOT",
    "Colors",
    "FocusRing",
    "Radii",
    "SafeArea",
    "Spacing",
    "Theme",
    "ThemeContext",
    "ThemeProvider",
    "TypeScale",
    "current_theme",
    "provide_theme",
    "theme_for_viewer",
    "use_theme",
]


@attrs.frozen
class Colors:
    """Colour tokens (`"#rrggbb"` or `"#rrggbbaa"`)."""

    background: str = "#0b0d12"
    """Page background."""
    surface: str = "#1b1f2a"
    """Cards, rail cells, panels."""
    surface_raised: str = "#2b3040"
    """Buttons and other controls at rest."""
    text: str = "#f4f5f8"
    """Body text (contrast about 17:1 on `background`)."""
    text_muted: str = "#b9bfcc"
    """Secondary text (contrast about 10:1 on `background`)."""
    accent: str = "#2563d9"
    """The focused control's fill (contrast 5:1 with `text`)."""
    accent_pressed: str = "#163f94"
    """The pressed control's fill."""
    scrim: str = "#000000b8"
    """Dims the page under an `Overlay`."""
    spinner: str = "#f4f5f8"
    """Spinner dots."""


@attrs.frozen
class Spacing:
    """The spacing scale in design units: `theme.spacing.md`, or `theme.spacing(3)`."""

    scale: tuple[float, ...] = (0, 8, 16, 24, 32, 48, 64, 96)
    """Steps 0..7."""

    def __call__(self, step: int) -> float:
        """The spacing of `step` (0..len(scale)-1)."""
        if not 0 <= step < len(self.scale):
            raise ValueError(f"spacing step must be 0..{len(self.scale) - 1}, got {step!r}")
        return self.scale[step]

    @property
    def xs(self) -> float:
        """Step 1."""
        return self.scale[1]

    @property
    def sm(self) -> float:
        """Step 2."""
        return self.scale[2]

    @property
    def md(self) -> float:
        """Step 3."""
        return self.scale[3]

    @property
    def lg(self) -> float:
        """Step 5."""
        return self.scale[5]

    @property
    def xl(self) -> float:
        """Step 7."""
        return self.scale[7]


@attrs.frozen
class TypeScale:
    """Font sizes in design units (1920x1080 design space; readable at 3 m)."""

    caption: float = 28
    body: float = 32
    label: float = 32
    title: float = 44
    headline: float = 56
    display: float = 80


@attrs.frozen
class Radii:
    """Corner radii in design units."""

    small: float = 8
    medium: float = 12
    large: float = 20


@attrs.frozen
class FocusRing:
    """How a focused control is marked: a ring inside its box, and a scale."""

    color: str = "#ffffff"
    width: float = 5
    scale: float = 1.06
    """Scale of a focused `Button` (rail and grid cells do not scale: they are clipped)."""
    pressed_scale: float = 0.96


@attrs.frozen
class SafeArea:
    """Overscan-safe margins (5% of 1920x1080): keep content inside them."""

    x: float = 96
    y: float = 54


HIGH_CONTRAST_COLORS = Colors(
    background="#000000", surface="#1c1c1c", surface_raised="#303030", text="#ffffff",
    text_muted="#ffffff", accent="#0a3a8c", accent_pressed="#06245a", scrim="#000000e6",
    spinner="#ffffff")
"""Colours of the high-contrast variant: a black page, near-black panels, white text
(21:1 on the page, 12:1 on raised controls), a dark accent
(white on it about 11:1)."""


def _scaled(type_scale: TypeScale, factor: float) -> TypeScale:
    return TypeScale(*(round(v * factor, 2) for v in attrs.astuple(type_scale)))


@attrs.frozen
class Theme:
    """Design tokens for the built-in widgets.

    Example:
        ```python
        bright = attrs.evolve(TEN_FOOT, colors=attrs.evolve(TEN_FOOT.colors, accent="#e50914"))
        ThemeProvider(bright, Page())
        ```
    """

    colors: Colors = attrs.field(factory=Colors)
    spacing: Spacing = attrs.field(factory=Spacing)
    type: TypeScale = attrs.field(factory=TypeScale)
    radii: Radii = attrs.field(factory=Radii)
    focus: FocusRing = attrs.field(factory=FocusRing)
    safe_area: SafeArea = attrs.field(factory=SafeArea)
    font: int = 0
    """Font id of body text."""
    font_medium: int = 1
    """Font id of labels and titles."""
    contrast_colors: Colors = HIGH_CONTRAST_COLORS
    """The colours when the viewer asks for high contrast."""
    contrast_focus: FocusRing = FocusRing(color="#ffd400", width=8, scale=1.06)
    """The focus ring when the viewer asks for high contrast: yellow and thicker."""

    def for_viewer(self, text_scale: float = 1.0, high_contrast: bool = False) -> Theme:
        """This theme adjusted for the viewer: type scaled, high-contrast colours and ring."""
        if text_scale == 1.0 and not high_contrast:
            return self
        theme = attrs.evolve(self, type=_scaled(self.type, text_scale)) \
            if text_scale != 1.0 else self
        if high_contrast:
            theme = attrs.evolve(theme, colors=self.contrast_colors, focus=self.contrast_focus)
        return theme


TEN_FOOT = Theme()
"""The default 10-foot theme: body text 32, high-contrast white focus ring."""

ThemeContext: Context[Theme] = create_context(TEN_FOOT, "theme")
"""The context the widgets read their theme from (default `TEN_FOOT`)."""


def provide_theme(theme: Theme) -> None:
    """Make `theme` the theme of this component and everything it renders.

    Call it in a component body, before building the elements that should use it.

    Example:
        ```python
        @component
        def KidsPage():
            provide_theme(attrs.evolve(TEN_FOOT, type=attrs.evolve(TEN_FOOT.type, body=40)))
            return Column(Text("Cartoons"), Rail(shows, render=Poster, item_width=300))
        ```
    """
    if not isinstance(theme, Theme):
        raise TypeError(f"provide_theme() needs a Theme, got {theme!r}")
    provide_context(ThemeContext, theme)


def use_theme() -> Theme:
    """The theme in effect for the rendering component (a hook: call it unconditionally).

    Example:
        ```python
        @component
        def Badge(text: str):
            theme = use_theme()
            return Text(text, size=theme.type.caption, background=theme.colors.accent)
        ```
    """
    return theme_for_viewer(use_context(ThemeContext), use_context(ViewerContext))


_ADJUSTED: dict[tuple[int, float, bool], tuple[Theme, Theme]] = {}
"""(theme id, scale, contrast) -> (theme, adjusted): widgets read the theme per element."""


def theme_for_viewer(theme: Theme, viewer: ViewerSettings) -> Theme:
    """`theme` adjusted for `viewer`'s text scale and contrast (read untracked: the scene
    root re-renders everything when they change)."""
    scale, contrast = viewer.text_scale.peek(), viewer.high_contrast.peek()
    if scale == 1.0 and not contrast:
        return theme
    key = (id(theme), scale, contrast)
    hit = _ADJUSTED.get(key)
    if hit is not None and hit[0] is theme:
        return hit[1]
    if len(_ADJUSTED) > 64:
        _ADJUSTED.clear()
    adjusted = theme.for_viewer(scale, contrast)
    _ADJUSTED[key] = (theme, adjusted)
    return adjusted


def current_theme() -> Theme:
    """The theme in effect where this runs (`TEN_FOOT` outside any render). Not a hook.

    Example:
        ```python
        def Caption(text: str) -> Element:   # a plain function, called from a render
            return Text(text, size=current_theme().type.caption)
        ```
    """
    return theme_for_viewer(_signals_use_context(ThemeContext),
                            _signals_use_context(ViewerContext))


@component
def _ThemeProvider(*children: Element, theme: Theme) -> Element:
    provide_theme(theme)
    return _Fragment(*children)


def ThemeProvider(theme: Theme, *children: Element, key: Hashable | None = None) -> Element:
    """Render `children` with `theme`.

    Example:
        ```python
        ThemeProvider(attrs.evolve(TEN_FOOT, font=2), HomePage())
        ```
    """
    if not isinstance(theme, Theme):
        raise TypeError(f"ThemeProvider() needs a Theme first, got {theme!r}")
    return _ThemeProvider(*children, theme=theme, key=key)
