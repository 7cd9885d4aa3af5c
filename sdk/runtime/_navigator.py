"""`Navigator`: a stack of pages with push, pop and the back key.

`Navigator(home)` is a component. Below it, `use_navigator()` returns the
`NavigatorHandle` that pushes and pops pages. The back key pops (when more
than one page is open). A covered page either keeps its state (it stays
mounted, hidden, so its signals, scroll and data survive) or is disposed
(`keep_covered=False`: it is rebuilt from its element when uncovered). When a
page is uncovered, the node that had focus on it gets focus back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from renderer import Key, KeyAction, KeyEvent
from signals import Context, Signal, create_context, provide_context, untrack

from ..reconciler import (
    VIEW,
    Element,
    For,
    HookError,
    HostInstance,
    Instance,
    Ref,
    component,
    current_component,
    host_element,
    use_context,
    use_effect,
    use_memo,
    use_signal,
)

__all__ = ["Navigator", "NavigatorHandle", "use_navigator"]

class _Page:
    __slots__ = ("element", "focused", "id", "ref")

    def reloaded(self, migrate: Callable[[object], object]) -> _Page:
        """The page after a hot reload: its element re-typed, node ids and ref fresh."""
        element = migrate(self.element)
        return _Page(self.id, element if isinstance(element, Element) else self.element)

    def __init__(self, page_id: int, element: Element) -> None:
        self.id = page_id
        """The page's key in the stack: counted per navigator (one more than the
        highest open page), so a navigator mounted again (a hot reload) gives its
        pages the same keys (`sdk/reconciler/_seeds.py`)."""
        self.element = element
        self.focused = 0
        """The node focused on this page when it was covered (0: none)."""
        self.ref = Ref()
        """The page's wrapper node (to focus its first focusable node when it opens)."""


class _FocusSource(Protocol):
    focused: int
    """The node the engine last reported focused (0: none)."""


class NavigatorHandle:
    """Pushes and pops the pages of a `Navigator` (from `use_navigator()`)."""

    def __init__(self, stack: Signal[tuple[_Page, ...]]) -> None:
        self._stack = stack
        """The pages: a `use_signal` of the `Navigator`, so a hot reload keeps the stack."""
        self._scene: _FocusSource | None = None
        self._opened = False

    @property
    def depth(self) -> int:
        """How many pages are open (tracked)."""
        return len(self._stack())

    @property
    def current(self) -> Element:
        """The element of the page on top (tracked)."""
        return self._stack()[-1].element

    def push(self, page: Element) -> None:
        """Open `page` on top; the page below keeps or loses its state as configured."""
        if not isinstance(page, Element):
            raise TypeError(f"Navigator.push() takes an element, got {page!r}")
        stack = self._stack.peek()
        if self._scene is not None:
            stack[-1].focused = self._scene.focused
        self._opened = True
        self._stack.set((*stack, _Page(_next_id(stack), page)))

    def pop(self) -> bool:
        """Close the top page and restore focus on the one below; False if it is the last."""
        stack = self._stack.peek()
        if len(stack) <= 1:
            return False
        self._opened = True  # focus is restored once the uncovered page is in place
        self._stack.set(stack[:-1])
        return True

    def replace(self, page: Element) -> None:
        """Swap the top page for `page`."""
        stack = self._stack.peek()
        self._opened = True
        self._stack.set((*stack[:-1], _Page(_next_id(stack), page)))


def _next_id(stack: tuple[_Page, ...]) -> int:
    return max(page.id for page in stack) + 1


_NAVIGATOR: Context[NavigatorHandle | None] = create_context(None, "navigator")


def use_navigator() -> NavigatorHandle:
    """The nearest `Navigator`'s handle.

    Raises:
        HookError: no `Navigator` above this component.
    """
    handle: NavigatorHandle | None = use_context(_NAVIGATOR)
    if handle is None:
        raise HookError("use_navigator() found no Navigator above this component")
    return handle


@component
def Navigator(home: Element, keep_covered: bool = True,
              on_change: Callable[[int], object] | None = None,
              dir: str | Callable[[], str] | None = None) -> Element:
    """A page stack: `home` first; `use_navigator()` pushes and pops; back pops.

    Example:
        ```python
        @component
        def Home():
            nav = use_navigator()
            return Button("Details", on_press=lambda: nav.push(Details(id=7)))

        App(Navigator(home=Home())).run()
        ```

    `dir` (`"ltr"`, `"rtl"`, or a function returning one, read reactively)
    sets the text and layout direction of every page: the app's locale
    (`Translator.direction`) set once on the root.
    """
    home_page: tuple[_Page, ...] = (_Page(1, home),)
    stack = use_signal(home_page)
    handle = use_memo(lambda: NavigatorHandle(stack))
    instance = current_component()
    if instance is None:  # pragma: no cover - hooks already checked
        raise HookError("Navigator rendered outside a component")
    handle._scene = instance.scene
    provide_context(_NAVIGATOR, handle)

    def on_key(event: KeyEvent) -> bool:
        if event.key == Key.BACK and event.action == KeyAction.DOWN and handle.pop():
            if on_change is not None:
                on_change(handle.depth)
            return True
        return False

    def pages() -> tuple[_Page, ...]:
        stack = handle._stack()
        return stack if keep_covered else stack[-1:]

    scene = instance.scene

    def focus_opened_page() -> None:
        top = handle._stack()[-1]
        if not handle._opened:
            return
        handle._opened = False

        def focus_first() -> None:  # after the page's nodes exist
            remembered = top.focused
            if remembered and remembered in scene.nodes:
                scene.buf.focus(remembered)  # back on a kept page: where the viewer left it
                return
            first = _first_focusable(scene.nodes, top.ref.node)
            scene.buf.focus(first)  # 0 blurs: the covered page keeps nothing

        scene.after_commit.append(focus_first)

    use_effect(focus_opened_page)

    def render(page: _Page) -> Element:
        top = lambda: handle._stack()[-1] is page  # noqa: E731
        return host_element(VIEW, (page.element,), {
            "position": "absolute", "left": 0, "top": 0, "right": 0, "bottom": 0,
            "visible": top, "role": "page", "ref": page.ref,
        }, None)

    props: dict[str, object] = {"width": "100%", "height": "100%", "on_key": on_key}
    if dir is not None:
        props["dir"] = dir
    return host_element(VIEW, (For(each=pages, key=lambda p: p.id, render=render),), props,
                        None)


def _first_focusable(nodes: Mapping[int, HostInstance], node: int | None) -> int:
    """The first focusable, enabled node under `node` in tree order (0: none)."""
    root = nodes.get(node) if node is not None else None
    stack: list[Instance] = [] if root is None else [root]
    while stack:
        current = stack.pop()
        if isinstance(current, HostInstance) and current is not root:
            props = current.element.props
            focusable, disabled = props.get("focusable"), props.get("disabled")
            if callable(focusable):
                focusable = untrack(focusable)
            if callable(disabled):
                disabled = untrack(disabled)
            if focusable and not disabled:
                return current.node
        stack.extend(reversed(current.child_instances()))
    return 0
