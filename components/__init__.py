"""Built-in widgets (View, Row, Column, Text, Image, Button, Rail, Grid, ...).

Widgets are plain users of `sdk`'s public API, styled through props and a theme
provided by context. This package may import the public surfaces of `sdk`
(and `sdk.reconciler`), `signals` and `renderer` (key and event names); never
`apps`, and no `_private` module of another package.

Every widget carries a role, accepts `label=` and `test_id=`, and passes style
props through to its host node. `docs/components.md` is the guide.
"""

from __future__ import annotations

from ._basic import Column as Column
from ._basic import Image as Image
from ._basic import Row as Row
from ._basic import Spacer as Spacer
from ._basic import Text as Text
from ._basic import View as View
from ._button import Button as Button
from ._button import focus_styles as focus_styles
from ._grid import Grid as Grid
from ._overlay import Overlay as Overlay
from ._rail import Rail as Rail
from ._spinner import Spinner as Spinner
from ._theme import TEN_FOOT as TEN_FOOT
from ._theme import Colors as Colors
from ._theme import FocusRing as FocusRing
from ._theme import Radii as Radii
from ._theme import SafeArea as SafeArea
from ._theme import Spacing as Spacing
from ._theme import Theme as Theme
from ._theme import ThemeContext as ThemeContext
from ._theme import ThemeProvider as ThemeProvider
from ._theme import TypeScale as TypeScale
from ._theme import current_theme as current_theme
from ._theme import provide_theme as provide_theme
from ._theme import use_theme as use_theme

__all__ = [
    "TEN_FOOT",
    "Button",
    "Colors",
    "Column",
    "FocusRing",
    "Grid",
    "Image",
    "Overlay",
    "Radii",
    "Rail",
    "Row",
    "SafeArea",
    "Spacer",
    "Spacing",
    "Spinner",
    "Text",
    "Theme",
    "ThemeContext",
    "ThemeProvider",
    "TypeScale",
    "View",
    "current_theme",
    "focus_styles",
    "provide_theme",
    "use_theme",
]
