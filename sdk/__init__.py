"""Where signals meet the renderer: components, the reconciler and the runtime.

`sdk` is this facade over five wings: `sdk.reconciler` (elements,
`@component`, hooks, instances and the keyed diff into renderer scene
commands), `sdk.runtime` (App, clock, the frame step, bus and transports,
keys, the Navigator), `sdk.storage` (per-app stored values and their
signals), `sdk.a11y` (the announcer and its speech backends), `sdk.i18n`
(translations: a locale signal, gettext catalogs, plurals, number formats,
the pseudo-locale; it imports only `signals` and Babel) and `sdk.testing`
(the harness and snapshots), plus the CLI. Wings import downwards only:
testing -> runtime -> reconciler, testing -> a11y -> reconciler, storage ->
reconciler. It may
import `signals`, `async_tasks` and `renderer` (imported first: it installs
the compiled build's guard; `build_info()` says whether the compiled or pure
build runs); it never imports `components` or `apps`. App teams import from `sdk`; `sdk.reconciler`
and `sdk.runtime` also name what the other wings and tools need.

The reconciler's algorithm is stated at the top of `reconciler/_instance.py`
(children diff) and `reconciler/_scene.py` (scheduling);
`docs/reconciler.md` is the guide.
"""

from async_tasks import Clock as Clock
from async_tasks import RealClock as RealClock
from async_tasks import VirtualClock as VirtualClock
from renderer import CubicBezier as CubicBezier
from renderer import Key as Key
from renderer import KeyAction as KeyAction
from renderer import KeyEvent as KeyEvent
from renderer import Spring as Spring
from renderer.lowlevel import build_info as build_info
from signals import Context as Context
from signals import create_context as create_context
from signals import provide_context as provide_context

from . import a11y as a11y
from . import i18n as i18n
from . import storage as storage
from .reconciler import DEFAULT_BACKGROUND as DEFAULT_BACKGROUND
from .reconciler import IMAGE as IMAGE
from .reconciler import STOP as STOP
from .reconciler import TEXT as TEXT
from .reconciler import VIEW as VIEW
from .reconciler import ComponentError as ComponentError
from .reconciler import ComponentType as ComponentType
from .reconciler import Deferred as Deferred
from .reconciler import Element as Element
from .reconciler import ErrorBoundary as ErrorBoundary
from .reconciler import For as For
from .reconciler import Fragment as Fragment
from .reconciler import HookError as HookError
from .reconciler import HostPropError as HostPropError
from .reconciler import HostType as HostType
from .reconciler import Keyframes as Keyframes
from .reconciler import Ref as Ref
from .reconciler import SceneRoot as SceneRoot
from .reconciler import Show as Show
from .reconciler import ViewerSettings as ViewerSettings
from .reconciler import component as component
from .reconciler import host_element as host_element
from .reconciler import use_computed as use_computed
from .reconciler import use_context as use_context
from .reconciler import use_effect as use_effect
from .reconciler import use_key_events as use_key_events
from .reconciler import use_memo as use_memo
from .reconciler import use_ref as use_ref
from .reconciler import use_resource as use_resource
from .reconciler import use_signal as use_signal
from .reconciler import use_viewer as use_viewer
from .runtime import App as App
from .runtime import AppClosed as AppClosed
from .runtime import AppError as AppError
from .runtime import ImageSource as ImageSource
from .runtime import Navigator as Navigator
from .runtime import NavigatorHandle as NavigatorHandle
from .runtime import RendererCrashLoop as RendererCrashLoop
from .runtime import Screenshot as Screenshot
from .runtime import error_screen as error_screen
from .runtime import use_navigator as use_navigator

__all__ = [
    "DEFAULT_BACKGROUND",
    "IMAGE",
    "STOP",
    "TEXT",
    "VIEW",
    "App",
    "AppClosed",
    "AppError",
    "Clock",
    "ComponentError",
    "ComponentType",
    "Context",
    "CubicBezier",
    "Deferred",
    "Element",
    "ErrorBoundary",
    "For",
    "Fragment",
    "HookError",
    "HostPropError",
    "HostType",
    "ImageSource",
    "Key",
    "KeyAction",
    "KeyEvent",
    "Keyframes",
    "Navigator",
    "NavigatorHandle",
    "RealClock",
    "Ref",
    "RendererCrashLoop",
    "SceneRoot",
    "Screenshot",
    "Show",
    "Spring",
    "ViewerSettings",
    "VirtualClock",
    "a11y",
    "build_info",
    "component",
    "create_context",
    "error_screen",
    "host_element",
    "i18n",
    "provide_context",
    "storage",
    "use_computed",
    "use_context",
    "use_effect",
    "use_key_events",
    "use_memo",
    "use_navigator",
    "use_ref",
    "use_resource",
    "use_signal",
    "use_viewer",
]
