"""The host side of Marquee's renderer: the Wasm scene engine, fed and painted.

`renderer/core` is a Rust crate compiled to WebAssembly that owns the scene
(nodes, layout, text, focus, damage). This package loads it with wasmtime,
encodes command batches (`CommandBuffer`), reads back the display list,
damage and events, and paints with Skia. It speaks only the protocol in
`PROTOCOL.md`: it imports nothing of Marquee's other packages (no signals, no
components; `_native`, imported first, only picks the compiled or pure
build of the hot modules, see docs/performance.md) and could be driven by any front end.

Three surfaces: `renderer` (this module) for apps and the sdk;
`renderer.lowlevel` for protocol tables, the event codec, presenters and the
skia module; `renderer.testing` for the scene double and the display-list
builder. Code outside this package imports only these three.
"""

from __future__ import annotations

from . import _native  # noqa: F401  (the build guard, before the submodules)
from ._caches import LruCache as LruCache
from ._commands import CommandBuffer as CommandBuffer
from ._commands import Dim as Dim
from ._commands import parse_color as parse_color
from ._commands import parse_dim as parse_dim
from ._errors import ProtocolError as ProtocolError
from ._errors import ProtocolVersionError as ProtocolVersionError
from ._errors import RendererClosed as RendererClosed
from ._errors import RendererCrashed as RendererCrashed
from ._errors import RendererError as RendererError
from ._errors import RendererOutOfMemory as RendererOutOfMemory
from ._events import AnimationDoneEvent as AnimationDoneEvent
from ._events import BlurEvent as BlurEvent
from ._events import Event as Event
from ._events import FocusEvent as FocusEvent
from ._events import FocusPathEvent as FocusPathEvent
from ._events import ImageFailedEvent as ImageFailedEvent
from ._events import ImageLoadedEvent as ImageLoadedEvent
from ._events import KeyEvent as KeyEvent
from ._events import LayoutEvent as LayoutEvent
from ._events import PressEvent as PressEvent
from ._events import ScopeMemoryEvent as ScopeMemoryEvent
from ._events import ScrollEvent as ScrollEvent
from ._events import UnknownEvent as UnknownEvent
from ._events import focus_path as focus_path
from ._fonts import FontSet as FontSet
from ._fonts import FontUnavailable as FontUnavailable
from ._fonts import default_fallback_files as default_fallback_files
from ._images import ImageLoadError as ImageLoadError
from ._images import ImageManager as ImageManager
from ._images import ImageManagerClosed as ImageManagerClosed
from ._images import ImageStats as ImageStats
from ._motion import CubicBezier as CubicBezier
from ._motion import Spring as Spring
from ._painter import DisplayListError as DisplayListError
from ._painter import FontProvider as FontProvider
from ._painter import ImageProvider as ImageProvider
from ._painter import Painter as Painter
from ._painter import PaintStats as PaintStats
from ._protocol import APPEND as APPEND
from ._protocol import LONG_PRESS_MS as LONG_PRESS_MS
from ._protocol import PROTOCOL_VERSION as PROTOCOL_VERSION
from ._protocol import AnimGroup as AnimGroup
from ._protocol import Direction as Direction
from ._protocol import Easing as Easing
from ._protocol import ImageState as ImageState
from ._protocol import Key as Key
from ._protocol import KeyAction as KeyAction
from ._protocol import Kind as Kind
from ._protocol import Prop as Prop
from ._protocol import State as State
from ._protocol import capture_bit as capture_bit
from ._renderer import FrameOutput as FrameOutput
from ._renderer import Renderer as Renderer
from ._surfaces import OffscreenSurface as OffscreenSurface
from ._surfaces import SurfaceClosed as SurfaceClosed
from ._surfaces import render_to_png as render_to_png
from ._surfaces import render_to_surface as render_to_surface

__all__ = [
    "APPEND",
    "LONG_PRESS_MS",
    "PROTOCOL_VERSION",
    "AnimGroup",
    "AnimationDoneEvent",
    "BlurEvent",
    "CommandBuffer",
    "CubicBezier",
    "Dim",
    "Direction",
    "DisplayListError",
    "Easing",
    "Event",
    "FocusEvent",
    "FocusPathEvent",
    "FontProvider",
    "FontSet",
    "FontUnavailable",
    "FrameOutput",
    "ImageFailedEvent",
    "ImageLoadError",
    "ImageLoadedEvent",
    "ImageManager",
    "ImageManagerClosed",
    "ImageProvider",
    "ImageState",
    "ImageStats",
    "Key",
    "KeyAction",
    "KeyEvent",
    "Kind",
    "LayoutEvent",
    "LruCache",
    "OffscreenSurface",
    "PaintStats",
    "Painter",
    "PressEvent",
    "Prop",
    "ProtocolError",
    "ProtocolVersionError",
    "Renderer",
    "RendererClosed",
    "RendererCrashed",
    "RendererError",
    "RendererOutOfMemory",
    "ScopeMemoryEvent",
    "ScrollEvent",
    "Spring",
    "State",
    "SurfaceClosed",
    "UnknownEvent",
    "capture_bit",
    "default_fallback_files",
    "focus_path",
    "parse_color",
    "parse_dim",
    "render_to_png",
    "render_to_surface",
]
