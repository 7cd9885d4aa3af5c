"""Snapshot UI tests for app teams: a headless harness and a pytest plugin.

`UI.mount` puts an element on the real engine (Wasm module, Skia, bundled
font) in the test's thread, stepped on a `VirtualClock`; the returned
`Screen` runs frames, settles, presses keys, queries the scene like Testing
Library and takes snapshots (PNG + scene tree, stored by syrupy). The pytest
plugin (`_plugin.py`, entry point `marquee`) provides the `ui` fixture.
`docs/testing.md` is the guide.

This package may import `sdk`, `renderer`, `async_tasks` and numpy (through
skia-python); syrupy only when a snapshot is compared, pytest only in the
plugin. Nothing outside tests imports it.
"""

from __future__ import annotations

from ._audit import MIN_CONTRAST as MIN_CONTRAST
from ._audit import Issue as Issue
from ._audit import contrast_ratio as contrast_ratio
from ._compare import Comparison as Comparison
from ._compare import Tolerance as Tolerance
from ._compare import compare_images as compare_images
from ._compare import decode_png as decode_png
from ._compare import encode_png as encode_png
from ._harness import REPEAT_DELAY_MS as REPEAT_DELAY_MS
from ._harness import REPEAT_INTERVAL_MS as REPEAT_INTERVAL_MS
from ._harness import UI as UI
from ._harness import Screen as Screen
from ._pending import SettleTimeout as SettleTimeout
from ._queries import Box as Box
from ._queries import MultipleMatches as MultipleMatches
from ._queries import NoMatch as NoMatch
from ._queries import QueryError as QueryError
from ._queries import TextMatch as TextMatch
from ._queries import UINode as UINode
from ._scope import Within as Within
from ._snapshot import UISnapshot as UISnapshot

__all__ = [
    "MIN_CONTRAST",
    "REPEAT_DELAY_MS",
    "REPEAT_INTERVAL_MS",
    "UI",
    "Box",
    "Comparison",
    "Issue",
    "MultipleMatches",
    "NoMatch",
    "QueryError",
    "Screen",
    "SettleTimeout",
    "TextMatch",
    "Tolerance",
    "UINode",
    "UISnapshot",
    "Within",
    "compare_images",
    "contrast_ratio",
    "decode_png",
    "encode_png",
]
