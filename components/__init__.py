"""Built-in widgets: layout (View, Row, Column, Text, Image), lists (Rail, Grid) and the
app-developer kit (Button, Switch, Checkbox, Select, Slider, Menu, Tabs, TextField, Keyboard,
ScrollView, Card, Dialog, Toast).

Widgets are plain users of `sdk`'s public API, styled through props and a theme
provided by context. This package may import the public surfaces of `sdk`
(and `sdk.reconciler`), `signals`, `async_tasks` (the `Toast` timer) and
`renderer` (key and event names); never `apps`, and no `_private` module of
another package.

Every widget carries a role (and its states: `checked`, `selected`,
`expanded`, a slider's value...), accepts `label=` and `test_id=`, and passes
style props through to its root node; a prop it does not know is a
`TypeError` naming the widget. Controls take a value as a signal (two-way),
a value with `on_change` (controlled) or a value alone (uncontrolled):
`_model.py`. `docs/components.md` is the guide.
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
from ._card import Card as Card
from ._checkbox import Checkbox as Checkbox
from ._dialog import Dialog as Dialog
from ._dialog import Toast as Toast
from ._graphemes import graphemes as graphemes
from ._grid import Grid as Grid
from ._keyboard import LAYOUTS as LAYOUTS
from ._keyboard import SPOKEN_NAMES as SPOKEN_NAMES
from ._keyboard import Keyboard as Keyboard
from ._keyboard import KeyboardLayout as KeyboardLayout
from ._menu import Menu as Menu
from ._menu import MenuItem as MenuItem
from ._menu import Tabs as Tabs
from ._overlay import Overlay as Overlay
from ._rail import Rail as Rail
from ._scrollview import ScrollView as ScrollView
from ._select import Select as Select
from ._slider import Slider as Slider
from ._spinner import Spinner as Spinner
from ._switch import Switch as Switch
from ._textfield import TextEdit as TextEdit
from ._textfield import TextField as TextField
from ._theme import HIGH_CONTRAST_COLORS as HIGH_CONTRAST_COLORS
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
from ._theme import theme_for_viewer as theme_for_viewer
from ._theme import use_theme as use_theme

__all__ = [
    "HIGH_CONTRAST_COLORS",
    "LAYOUTS",
    "SPOKEN_NAMES",
    "TEN_FOOT",
    "Button",
    "Card",
    "Checkbox",
    "Colors",
    "Column",
    "Dialog",
    "FocusRing",
    "Grid",
    "Image",
    "Keyboard",
    "KeyboardLayout",
    "Menu",
    "MenuItem",
    "Overlay",
    "Radii",
    "Rail",
    "Row",
    "SafeArea",
    "ScrollView",
    "Select",
    "Slider",
    "Spacer",
    "Spacing",
    "Spinner",
    "Switch",
    "Tabs",
    "Text",
    "TextEdit",
    "TextField",
    "Theme",
    "ThemeContext",
    "ThemeProvider",
    "Toast",
    "TypeScale",
    "View",
    "current_theme",
    "focus_styles",
    "graphemes",
    "provide_theme",
    "theme_for_viewer",
    "use_theme",
]
