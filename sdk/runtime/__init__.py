"""The runtime wing: the App, its two threads, the clock, the bus and the frame step.

`_step` is the one frame step: an app half (flush the root into one batch;
decode the frame's events once and run their handlers) and a renderer half
(apply, frame, paint, present) joined by a transport that carries bytes:
`DirectTransport` in one thread (tests, tools), the `Bus` (`_bus`) across
threads. `App` (`_app`) runs the app half on an app thread (asyncio, signals,
timers on the one `Clock`); the renderer thread (`_renderer_thread`) runs
`_frame_loop`, which drives the renderer half and recovers from crashes.
`_keys` names the remote's keys, and `_navigator` is the page stack.

It may import `signals`, `async_tasks`, `renderer` and `sdk.reconciler`; it
never imports `sdk.testing`, `components` or `apps`.
"""

from ._app import FRAME_INTERVAL_MS as FRAME_INTERVAL_MS
from ._app import App as App
from ._app import AppClosed as AppClosed
from ._app import AppError as AppError
from ._app import ImageSource as ImageSource
from ._app import SceneRootLike as SceneRootLike
from ._app import Screenshot as Screenshot
from ._bus import Bus as Bus
from ._channel import Channel as Channel
from ._channel import Ring as Ring
from ._channel import RingSegment as RingSegment
from ._crash_policy import CRASH_LOOP_LIMIT as CRASH_LOOP_LIMIT
from ._crash_policy import CRASH_LOOP_WINDOW_MS as CRASH_LOOP_WINDOW_MS
from ._crash_policy import CrashWindow as CrashWindow
from ._crash_policy import RendererCrashLoop as RendererCrashLoop
from ._error_screen import ErrorView as ErrorView
from ._error_screen import error_screen as error_screen
from ._frame_loop import TIMING_HISTORY as TIMING_HISTORY
from ._frame_loop import FrameTiming as FrameTiming
from ._keys import KEY_NAMES as KEY_NAMES
from ._keys import resolve_key as resolve_key
from ._keys import validate_extra_keys as validate_extra_keys
from ._navigator import Navigator as Navigator
from ._navigator import NavigatorHandle as NavigatorHandle
from ._navigator import use_navigator as use_navigator
from ._renderer_process import FactorySpec as FactorySpec
from ._renderer_process import prewarm as prewarm
from ._step import AppHalf as AppHalf
from ._step import DirectTransport as DirectTransport
from ._step import FrameResult as FrameResult
from ._step import RendererHalf as RendererHalf

__all__ = [
    "CRASH_LOOP_LIMIT",
    "CRASH_LOOP_WINDOW_MS",
    "FRAME_INTERVAL_MS",
    "KEY_NAMES",
    "TIMING_HISTORY",
    "App",
    "AppClosed",
    "AppError",
    "AppHalf",
    "Bus",
    "Channel",
    "CrashWindow",
    "DirectTransport",
    "ErrorView",
    "FactorySpec",
    "FrameResult",
    "FrameTiming",
    "ImageSource",
    "Navigator",
    "NavigatorHandle",
    "RendererCrashLoop",
    "RendererHalf",
    "Ring",
    "RingSegment",
    "SceneRootLike",
    "Screenshot",
    "error_screen",
    "prewarm",
    "resolve_key",
    "use_navigator",
    "validate_extra_keys",
]
