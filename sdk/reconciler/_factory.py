"""The instance factory: which instance class mounts which element type.

This is the one module that knows every instance class, so that none of them
needs to import another to create a child: a `Scene` is handed
`create_instance` and every instance creates its children through
`scene.create(...)`. `new_scene` puts a scene together.
"""

from __future__ import annotations

from collections.abc import Callable

from signals import Owner

from ._composite import ComponentInstance
from ._control import BoundaryInstance, FragmentInstance
from ._deferred import AsyncComponentInstance, DeferredInstance, is_suspending
from ._element import Element, HostType, Special
from ._for import ForInstance
from ._host import HostInstance
from ._instance import Instance
from ._scene import ImageSource, Scene
from ._templates import Templates

__all__ = ["create_instance", "new_scene"]

_SPECIAL: dict[Special, Callable[[Scene, Element, Instance | None, int, Owner | None], Instance]]
_SPECIAL = {
    Special.FRAGMENT: FragmentInstance,
    Special.FOR: ForInstance,
    Special.DEFERRED: DeferredInstance,
    Special.ERROR_BOUNDARY: BoundaryInstance,
}


def create_instance(scene: Scene, element: Element, parent: Instance | None,
                    host_parent: int, owner: Owner | None) -> Instance:
    """An unmounted instance for `element` (the caller mounts it)."""
    kind = element.type
    if isinstance(kind, HostType):
        return HostInstance(scene, element, parent, host_parent, owner)
    if isinstance(kind, Special):
        make = _SPECIAL.get(kind)
        if make is None:
            raise TypeError(f"no instance type for {kind!r}")
        return make(scene, element, parent, host_parent, owner)
    if not callable(getattr(kind, "render", None)):
        raise TypeError(f"{kind!r} is not a component, a host type or a control-flow type")
    if is_suspending(element):
        return AsyncComponentInstance(scene, element, parent, host_parent, owner)
    return ComponentInstance(scene, element, parent, host_parent, owner)


def new_scene(images: ImageSource, *, templates: bool = True,
              glyphs: Callable[[str], bytes] | None = None) -> Scene:
    """A scene whose instances come from `create_instance` (with a template cache)."""
    scene = Scene(images, create_instance, glyphs=glyphs)
    if templates:
        scene.templates = Templates(scene)
    return scene
