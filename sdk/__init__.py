"""Where signals meet the renderer: components, the reconciler and the runtime.

`sdk` holds the component model (elements, `@component`, hooks), the reconciler
that diffs component trees into renderer scene commands, the runtime (App,
clock, frame loop, message bus), the testing harness and the CLI. It may import
`signals`, `async_tasks` and `renderer`; it never imports `components` or `apps`.

The reconciler's algorithm is stated at the top of `_instance.py` (children
diff) and `_scene.py` (scheduling); `docs/components.md` is the guide.
"""

from async_tasks import Clock as Clock
from async_tasks import RealClock as RealClock
from async_tasks import VirtualClock as VirtualClock
from renderer import CubicBezier as CubicBezier
from renderer import Spring as Spring
from signals import Context as Context
from signals import create_context as create_context
from signals import provide_context as provide_context

from ._app import App as App
from ._app import AppClosed as AppClosed
from ._app import AppError as AppError
from ._app import ImageSource as ImageSource
from ._app import Screenshot as Screenshot
from ._component import IMAGE as IMAGE
from ._component import TEXT as TEXT
from ._component import VIEW as VIEW
from ._component import ComponentType as ComponentType
from ._component import component as component
from ._component import host_element as host_element
from ._control import ErrorBoundary as ErrorBoundary
from ._control import For as For
from ._control import Fragment as Fragment
from ._control import Show as Show
from ._deferred import Deferred as Deferred
from ._element import Element as Element
from ._element import HostType as HostType
from ._hooks import HookError as HookError
from ._hooks import Ref as Ref
from ._hooks import use_computed as use_computed
from ._hooks import use_context as use_context
from ._hooks import use_effect as use_effect
from ._hooks import use_key_events as use_key_events
from ._hooks import use_memo as use_memo
from ._hooks import use_ref as use_ref
from ._hooks import use_resource as use_resource
from ._hooks import use_signal as use_signal
from ._host_props import HostPropError as HostPropError
from ._motion import Keyframes as Keyframes
from ._navigator import Navigator as Navigator
from ._navigator import NavigatorHandle as NavigatorHandle
from ._navigator import use_navigator as use_navigator
from ._root import ComponentError as ComponentError
from ._root import SceneRoot as SceneRoot

__all__ = [
    "IMAGE",
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
    "Keyframes",
    "Navigator",
    "NavigatorHandle",
    "RealClock",
    "Ref",
    "SceneRoot",
    "Screenshot",
    "Show",
    "Spring",
    "VirtualClock",
    "component",
    "create_context",
    "host_element",
    "provide_context",
    "use_computed",
    "use_context",
    "use_effect",
    "use_key_events",
    "use_memo",
    "use_navigator",
    "use_ref",
    "use_resource",
    "use_signal",
]
