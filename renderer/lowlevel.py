"""The renderer's low-level surface: protocol tables, the event codec, presenters.

`renderer` is what apps and the sdk use day to day. This module is for the
code that speaks the protocol itself: the sdk's runtime (presenters, the
event codec, property tables), tools that read command batches
(`iter_commands`, `Opcode`), benchmarks that time the pieces, and the one
door to skia-python for code outside `renderer` (`skia`). Everything here is
stable enough to import; it is simply not what an app needs.
"""

from __future__ import annotations

from ._bidi import levels as bidi_levels
from ._commands import iter_commands as iter_commands
from ._events import decode_events as decode_events
from ._fonts import BOLD as BOLD
from ._fonts import MEDIUM as MEDIUM
from ._fonts import REGULAR as REGULAR
from ._fonts import bundled_font_files as bundled_font_files
from ._image_fetch import decode_image as decode_image
from ._image_fetch import draw_scaled as draw_scaled
from ._image_fetch import fit_size as fit_size
from ._linebreak import break_positions as line_break_positions
from ._loader import DEFAULT_WASM_PATH as DEFAULT_WASM_PATH
from ._native import StaleExtensionError as StaleExtensionError
from ._native import build_info as build_info
from ._protocol import ENUM_NAMES as ENUM_NAMES
from ._protocol import MAX_PAYLOAD as MAX_PAYLOAD
from ._protocol import PROP_BY_ID as PROP_BY_ID
from ._protocol import RECORD_SIZE as RECORD_SIZE
from ._protocol import STATE_NAMES as STATE_NAMES
from ._protocol import DisplayOp as DisplayOp
from ._protocol import ErrorCode as ErrorCode
from ._protocol import EventType as EventType
from ._protocol import Opcode as Opcode
from ._protocol import OutputFlag as OutputFlag
from ._protocol import PropType as PropType
from ._protocol import opcode_name as opcode_name
from ._protocol import structure_only_dump as structure_only_dump
from ._scaler import Scaler as Scaler
from ._scaler import SharedPixels as SharedPixels
from ._skia import skia as skia
from ._window import HeadlessPresenter as HeadlessPresenter
from ._window import Presenter as Presenter
from ._window import WindowInput as WindowInput
from ._window import WindowPresenter as WindowPresenter
from ._window import display_available as display_available
from ._window import surface_rgba as surface_rgba

__all__ = [
    "BOLD",
    "DEFAULT_WASM_PATH",
    "ENUM_NAMES",
    "MAX_PAYLOAD",
    "MEDIUM",
    "PROP_BY_ID",
    "RECORD_SIZE",
    "REGULAR",
    "STATE_NAMES",
    "DisplayOp",
    "ErrorCode",
    "EventType",
    "HeadlessPresenter",
    "Opcode",
    "OutputFlag",
    "Presenter",
    "PropType",
    "Scaler",
    "SharedPixels",
    "StaleExtensionError",
    "WindowInput",
    "WindowPresenter",
    "bidi_levels",
    "build_info",
    "bundled_font_files",
    "decode_events",
    "decode_image",
    "display_available",
    "draw_scaled",
    "fit_size",
    "iter_commands",
    "line_break_positions",
    "opcode_name",
    "skia",
    "structure_only_dump",
    "surface_rgba",
]
