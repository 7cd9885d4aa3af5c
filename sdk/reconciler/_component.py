"""`@component` and the host primitives: the functions that build elements.

A component is a function decorated with `@component`. Calling the decorated
function does not run it: it returns an `Element` whose type is the
component; the reconciler runs the body (the render function) when it mounts
the element, and again when its props or a signal it read change.

Positional arguments are children. A component receives them as a `children`
keyword (a tuple of elements) if it declares that parameter, or as `*args` if
it declares a var-positional parameter. Prop names are checked when the
element is built, so a typo fails at the call site, not at render time.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable
from typing import ParamSpec, TypeVar

from ._element import Child, Element, HostKind, HostType, normalize_children
from ._host_props import KNOWN_PROP_NAMES, check_prop_names
from ._native import speedups

__all__ = ["IMAGE", "TEXT", "VIEW", "ComponentType", "component", "host_element"]

P = ParamSpec("P")
R = TypeVar("R")

VIEW = HostType(HostKind.VIEW, "View")
"""The view node type (a flexbox container)."""
TEXT = HostType(HostKind.TEXT, "Text")
"""The text node type."""
IMAGE = HostType(HostKind.IMAGE, "Image")
"""The image node type."""


class ComponentType:
    """A component: the decorated function and what it accepts."""

    def __init__(self, fn: Callable[..., object]) -> None:
        self.fn = fn
        functools.update_wrapper(self, fn)
        self.__name__: str = getattr(fn, "__name__", "component")
        self.is_async = inspect.iscoroutinefunction(fn)
        signature = inspect.signature(fn)
        params = signature.parameters.values()
        self.accepts_any = any(p.kind is p.VAR_KEYWORD for p in params)
        self.params = frozenset(
            p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        )
        if any(p.kind is p.VAR_POSITIONAL for p in params):
            self.children_mode = "args"
        elif "children" in self.params:
            self.children_mode = "keyword"
        else:
            self.children_mode = "none"

    def __call__(self, *children: Child, key: Hashable | None = None, **props: object) -> Element:
        name = self.__name__
        if not self.accepts_any:
            for prop in props:
                if prop not in self.params:
                    raise TypeError(
                        f"{name}() got an unknown prop {prop!r}; it accepts "
                        f"{', '.join(sorted(self.params)) or 'no props'}"
                    )
        kids = normalize_children(children, f"{name}()")
        if kids and self.children_mode == "none":
            raise TypeError(
                f"{name}() got {len(kids)} positional children but takes none; declare a "
                "`children` parameter (or *children) to accept them, or pass props by keyword"
            )
        return Element(self, props, kids, key)

    def render(self, element: Element) -> object:
        """Run the body with the element's props (and children): an element, a list, None
        or (an async component) a coroutine of one."""
        if self.children_mode == "args":
            return self.fn(*element.children, **element.props)
        if self.children_mode == "keyword" and "children" not in element.props:
            return self.fn(children=element.children, **element.props)
        return self.fn(**element.props)

    def __repr__(self) -> str:
        return f"<component {getattr(self, '__qualname__', self.__name__)}>"


def component(fn: Callable[P, R]) -> ComponentType:
    """Make `fn` a component: calling it builds an element; the reconciler renders it.

    Example:
        ```python
        @component
        def Greeting(name: str = "world"):
            return Text(f"Hello, {name}!", size=48)

        Greeting(name="Ada")   # an Element; nothing rendered yet
        ```
    """
    return ComponentType(fn)


def host_element(
    host: HostType, children: tuple[Child, ...], props: dict[str, object], key: Hashable | None
) -> Element:
    """Build a host element, checking its prop names (used by `components`).

    Raises:
        TypeError: an unknown prop (with suggestions), or children under a text or
            image node.
    """
    check_prop_names(host.kind, host.name, props)
    if not children:  # leaves are most elements: skip the flattening
        return Element(host, props, (), key)
    kids: tuple[Element, ...] = children  # type: ignore[assignment]  # (checked next)
    if children.__class__ is not tuple:
        kids = normalize_children(children, f"{host.name}()")
    else:
        for child in children:  # most calls pass elements only: nothing to flatten
            if child.__class__ is not Element:
                kids = normalize_children(children, f"{host.name}()")
                break
    if kids and host.kind is not HostKind.VIEW:
        raise TypeError(f"{host.name}() takes no child elements, got {len(kids)}")
    return Element(host, props, kids, key)


if speedups is not None:  # the compiled build: the hot case in C, the rest as above
    speedups.install_elements(Element, KNOWN_PROP_NAMES, host_element, HostKind.VIEW)
    host_element = speedups.host_element
