"""Elements: the immutable description of what to show (our JSX).

An `Element` is a value: a type, props, children and an optional key. Calling
a component or a host primitive builds one; nothing is rendered until the
reconciler mounts it. Three kinds of element types exist:

* `HostType` - a scene node the renderer knows (view, text, image); its props
  map to protocol properties (see `_host_props.py`);
* `ComponentType` - a function decorated with `@component`; its body renders;
* `Special` - built-in control flow the reconciler handles itself (fragments,
  `Show`, `For`, `ErrorBoundary`, ...).

Children are normalised when the element is built: nested lists, tuples and
generators are flattened, and `None`, `True` and `False` are dropped (so
`cond and Text("x")` works).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable, Mapping
from types import FunctionType
from typing import TYPE_CHECKING, Protocol, TypeAlias, TypeGuard

import attrs

from signals import Reactive

from ._native import speedups

__all__ = [
    "CallableProp",
    "Child",
    "ComponentLike",
    "Element",
    "ElementType",
    "ErrorView",
    "HostType",
    "Props",
    "ReactiveProp",
    "Special",
    "component_type",
    "fragment",
    "host_type",
    "normalize_children",
]

Child: TypeAlias = "Element | bool | Iterable[Child] | None"
"""What may appear as a child: an `Element`, None/bool (dropped) or an iterable of them.

`normalize_children` checks children at run time (app code is untyped), so it
takes any object and rejects strings and other values with a clear message.
"""

Props: TypeAlias = Mapping[str, object]
"""An element's props: component props are anything the component accepts; host
props are checked and converted by `_host_props` when they are sent."""

ErrorView: TypeAlias = Callable[[BaseException, Callable[[], None]], object]
"""`fallback(error, reset)` of `ErrorBoundary`, `error(error, retry)` of `Deferred`."""

ReactiveProp: TypeAlias = Reactive[object]
"""A reactive prop value: a signal, a computed or a zero-argument callable."""


class HostKind(enum.IntEnum):
    """Node kinds of the renderer protocol (`CREATE`)."""

    VIEW = 0
    TEXT = 1
    IMAGE = 2


@attrs.frozen(slots=True, eq=False)
class HostType:
    """A scene node type: `view`, `text` or `image`, with a display name."""

    kind: HostKind
    name: str

    def __repr__(self) -> str:
        return f"<host {self.name}>"


class Special(enum.Enum):
    """Element types the reconciler implements itself."""

    FRAGMENT = "Fragment"
    SHOW = "Show"
    FOR = "For"
    ERROR_BOUNDARY = "ErrorBoundary"
    DEFERRED = "Deferred"
    DYNAMIC = "Dynamic"
    PORTAL = "Portal"
    ROOT = "Root"
    """The scene's full-screen root view (`SceneRoot` mounts the app's element in it)."""


class ComponentLike(Protocol):
    """A component element type: what `@component` makes (`ComponentType`, see
    `_component.py`); the instance factory mounts any type with a `render`."""

    def render(self, element: Element) -> object:
        """Run the body for `element`: an element, a list, None or a coroutine of one."""
        ...


ElementType: TypeAlias = "HostType | ComponentLike | Special"
"""`HostType`, `ComponentType` (see `_component.py`) or `Special`."""


if TYPE_CHECKING or speedups is None:

    class _ElementBase:
        """The fields of an `Element`, immutable once `__init__` has set them."""

        __slots__ = ("children", "key", "props", "type")

        def __init__(self, type: ElementType, props: Props,
                     children: tuple[Element, ...] = (), key: Hashable | None = None) -> None:
            # Through the slot descriptors: cheaper than `object.__setattr__` (what
            # attrs' frozen classes do), and `__setattr__` below refuses the rest.
            _SET_TYPE(self, type)
            _SET_PROPS(self, props)
            _SET_CHILDREN(self, children)
            _SET_KEY(self, key)

        def __setattr__(self, name: str, value: object) -> None:
            raise attrs.exceptions.FrozenInstanceError()

        def __delattr__(self, name: str) -> None:
            raise attrs.exceptions.FrozenInstanceError()

    _SET_TYPE = _ElementBase.type.__set__  # type: ignore[attr-defined]
    _SET_PROPS = _ElementBase.props.__set__  # type: ignore[attr-defined]
    _SET_CHILDREN = _ElementBase.children.__set__  # type: ignore[attr-defined]
    _SET_KEY = _ElementBase.key.__set__  # type: ignore[attr-defined]
else:
    _ElementBase = speedups.ElementBase  # the same fields in C


class Element(_ElementBase):
    """An immutable description of a node or component to show.

    Attributes:
        type: a `HostType`, a component or a `Special`.
        props: keyword props (not including `key`).
        children: normalised child elements.
        key: identity among siblings (keyed reconciliation), or None.
    """

    __slots__ = ()

    type: ElementType
    props: Props
    children: tuple[Element, ...]
    key: Hashable | None

    @property
    def type_name(self) -> str:
        """A readable name of the element's type."""
        return type_name(self.type)

    def __repr__(self) -> str:
        key = f" key={self.key!r}" if self.key is not None else ""
        props = " ".join(f"{k}={v!r}" for k, v in self.props.items())
        props = " " + props if props else ""
        return f"<{self.type_name}{key}{props} ({len(self.children)} children)>"


def host_type(element: Element) -> HostType:
    """The type of a host element (the instance factory sends only those to hosts)."""
    kind = element.type
    assert isinstance(kind, HostType), kind
    return kind


def component_type(element: Element) -> ComponentLike:
    """The type of a component element (one the factory mounts as a component)."""
    kind = element.type
    assert not isinstance(kind, HostType | Special), kind
    return kind


def type_name(kind: ElementType) -> str:
    """The display name of an element type."""
    if isinstance(kind, HostType):
        return kind.name
    if isinstance(kind, Special):
        return kind.value
    return str(getattr(kind, "__name__", kind))


def normalize_children(children: Iterable[object], owner: str) -> tuple[Element, ...]:
    """Flatten nested iterables and drop None/True/False; reject anything else.

    Raises:
        TypeError: a child is not an element (names `owner`, the element being built).
    """
    out: list[Element] = []
    _flatten(children, out, owner)
    return tuple(out)


def _flatten(children: Iterable[object], out: list[Element], owner: str) -> None:
    for child in children:
        if isinstance(child, Element):
            out.append(child)
        elif child is None or child is True or child is False:
            continue
        elif isinstance(child, str):
            raise TypeError(
                f"{owner} got the string {child!r} as a child; text must be inside a "
                f"Text(...) element: Text({child!r})"
            )
        elif isinstance(child, (list, tuple)) or _is_iterator(child):
            _flatten(child, out, owner)
        else:
            raise TypeError(
                f"{owner} got {child!r} ({type(child).__name__}) as a child; children must "
                "be elements (View(...), Text(...), a component call), lists of them, or None"
            )


def _is_iterator(value: object) -> TypeGuard[Iterable[object]]:
    return hasattr(value, "__next__") or type(value).__name__ in ("generator", "map", "filter")


def fragment(*children: Child, key: Hashable | None = None) -> Element:
    """Group children without a node of their own: `fragment(A(), B())`."""
    return Element(Special.FRAGMENT, {}, normalize_children(children, "fragment()"), key)


def is_reactive(value: object) -> TypeGuard[ReactiveProp]:
    """Whether a prop value is reactive: a signal, a computed or a zero-argument callable."""
    return callable(value) and not isinstance(value, type)


def same_closure(a: object, b: object) -> bool:
    """Whether two functions are the same code over the same captured objects.

    A render builds a new `lambda: ...` for a reactive prop each time it runs;
    when it captured the same objects (by identity) as the last one, both
    compute the same thing, so the binding made for the old one is kept.
    """
    if not isinstance(a, FunctionType) or not isinstance(b, FunctionType):
        return False
    fa, fb = a, b
    if fa.__code__ is not fb.__code__ or fa.__globals__ is not fb.__globals__ \
            or fa.__defaults__ != fb.__defaults__ or fa.__kwdefaults__ != fb.__kwdefaults__:
        return False
    cells_a, cells_b = fa.__closure__, fb.__closure__
    if cells_a is None or cells_b is None:
        return cells_a is cells_b
    try:
        return all(x.cell_contents is y.cell_contents
                   for x, y in zip(cells_a, cells_b, strict=True))
    except ValueError:  # an empty cell (a name not bound yet): no proof they agree
        return False


pure_same_closure = same_closure
"""The Python `same_closure`, whichever build runs (tests compare the two)."""
if speedups is not None:  # the compiled build: the same in C (run per reactive prop per render)
    same_closure = speedups.same_closure


def props_equal(old: Props, new: Props) -> bool:
    """Shallow prop equality: same keys, each value identical or equal."""
    if old is new:
        return True
    if len(old) != len(new):
        return False
    for name, value in new.items():
        if name not in old:
            return False
        before = old[name]
        if before is value or same_closure(before, value):
            continue
        try:
            if not bool(before == value):
                return False
        except Exception:
            return False
    return True


CallableProp: TypeAlias = Callable[..., object]
"""A handler prop (`on_press`, `on_key`, ...): called with the event or with nothing."""
