"""The row's look, shared by both apps so they build the same scene.

A TV row (the port of `<tr>` with four cells): a focusable row container,
the id text, the label text, a remove icon and a spacer. The selected row
(`class="danger"` upstream) gets a highlight background.
"""

from __future__ import annotations

ROW_HEIGHT = 40
ID_WIDTH = 120
LABEL_WIDTH = 640
ICON_SIZE = 28
TEXT_SIZE = 24.0
TEXT_COLOUR = "#e6e6e6"
ICON_COLOUR = "#c0392b"
SELECTED = "#7a2a2a"
"""Background of the selected row."""
TABLE_PADDING = 20
