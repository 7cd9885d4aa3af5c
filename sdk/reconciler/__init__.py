"""The reconciler wing: components, hooks, instances, the keyed diff, templates.

Elements (`_element`) are made by components (`_component`) and control flow
(`_control`, `_for`, `_deferred`); each mounted element is an instance
(`_instance` states the children diff; `_host`, `_composite`, and the control
flow modules hold the instance classes, and `_factory` is the only module
that knows them all). A `Scene` (`_scene`, which states the scheduling) is
the state one mounted tree shares; `SceneRoot` (`_root`) is the reconciler's
whole surface towards the runtime: `flush() -> bytes`, `handle_events`,
`acknowledge`, `rebuild_commands`, `dispose`.

It may import `signals`, `async_tasks` and `renderer`; it never imports
`sdk.runtime`, `sdk.testing`, `components` or `apps`. Apps import the names
they need from `sdk`; the names here that `sdk` does not re-export serve
`sdk`'s other wings.
"""

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
from ._element import Child as Child
from ._element import Element as Element
from ._element import HostType as HostType
from ._hooks import HookError as HookError
from ._hooks import Ref as Ref
from ._hooks import current_component as current_component
from ._hooks import use_computed as use_computed
from ._hooks import use_context as use_context
from ._hooks import use_effect as use_effect
from ._hooks import use_key_events as use_key_events
from ._hooks import use_memo as use_memo
from ._hooks import use_ref as use_ref
from ._hooks import use_resource as use_resource
from ._hooks import use_signal as use_signal
from ._host import HostInstance as HostInstance
from ._host_props import STOP as STOP
from ._host_props import HostPropError as HostPropError
from ._instance import Instance as Instance
from ._instance import walk as walk
from ._motion import Keyframes as Keyframes
from ._root import DEFAULT_BACKGROUND as DEFAULT_BACKGROUND
from ._root import ComponentError as ComponentError
from ._root import SceneObserver as SceneObserver
from ._root import SceneRoot as SceneRoot
from ._seeds import StateSeeds as StateSeeds
from ._seeds import arm_seeds as arm_seeds
from ._seeds import armed_seeds as armed_seeds
from ._seeds import capture_state as capture_state
from ._seeds import disarm_seeds as disarm_seeds
from ._viewer import ViewerContext as ViewerContext
from ._viewer import ViewerSettings as ViewerSettings
from ._viewer import use_viewer as use_viewer

__all__ = [
    "DEFAULT_BACKGROUND",
    "IMAGE",
    "STOP",
    "TEXT",
    "VIEW",
    "Child",
    "ComponentError",
    "ComponentType",
    "Deferred",
    "Element",
    "ErrorBoundary",
    "For",
    "Fragment",
    "HookError",
    "HostInstance",
    "HostPropError",
    "HostType",
    "Instance",
    "Keyframes",
    "Ref",
    "SceneObserver",
    "SceneRoot",
    "Show",
    "StateSeeds",
    "ViewerContext",
    "ViewerSettings",
    "arm_seeds",
    "armed_seeds",
    "capture_state",
    "component",
    "current_component",
    "disarm_seeds",
    "host_element",
    "use_computed",
    "use_context",
    "use_effect",
    "use_key_events",
    "use_memo",
    "use_ref",
    "use_resource",
    "use_signal",
    "use_viewer",
    "walk",
]
