"""Templates for repeated static structure (placeholder until the template cache lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._element import Element
    from ._host import HostInstance
    from ._instance import Instance
    from ._scene import Scene


class Templates:
    """Decides when a host subtree is instantiated from a template."""

    def __init__(self, scene: Scene) -> None:
        self._scene = scene

    def plan(self, element: Element, parent: Instance | None) -> Any:
        return None

    def block_size(self, instance: HostInstance) -> int:
        return 0

    def forget_all(self) -> None:
        return None
