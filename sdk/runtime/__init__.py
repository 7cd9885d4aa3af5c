"""The runtime wing: the App, its two threads, the clock, the bus and the frame step.

`App` (`_app`) runs the reconciler's `SceneRoot` on an app thread (asyncio,
signals, timers on the one `Clock`) and the renderer on a renderer thread
(Wasm engine, Skia painter, presenter); `_bus` carries bytes between them,
`_frame_loop` is the renderer's half of a frame and crash recovery, `_keys`
names the remote's keys, and `_navigator` is the page stack.

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
from ._frame_loop import FrameTiming as FrameTiming
from ._keys import KEY_NAMES as KEY_NAMES
from ._keys import resolve_key as resolve_key
from ._keys import validate_extra_keys as validate_extra_keys
from ._navigator import Navigator as Navigator
from ._navigator import NavigatorHandle as NavigatorHandle
from ._navigator import use_navigator as use_navigator

__all__ = [
    "FRAME_INTERVAL_MS",
    "KEY_NAMES",
    "App",
    "AppClosed",
    "AppError",
    "FrameTiming",
    "ImageSource",
    "Navigator",
    "NavigatorHandle",
    "SceneRootLike",
    "Screenshot",
    "resolve_key",
    "use_navigator",
    "validate_extra_keys",
]
