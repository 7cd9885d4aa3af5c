"""Hooks: state and effects that outlive one render, matched by call order.

While a component renders, `rendering(state)` makes its `HookState` current.
Each hook call takes the next slot: on the first render it creates what it
stands for (a signal, a computed, a ref, an effect) in the component's owner;
on later renders it returns the same object. The kind of hook in each slot is
checked, so a hook called conditionally is an error naming the component,
not a silent mix-up of state.

Like SolidJS (and unlike React), what a hook creates is created once per
mount: a `use_computed` or `use_effect` function is fixed at mount and reads
other signals to stay current. `use_effect` runs after the render is
committed (the commands are written), never during it; it re-runs when what
it reads changes, and a callable it returns is its cleanup.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, TypeVar, cast

import reactivex

from async_tasks import Resource, resource
from renderer import AnimationDoneEvent, KeyEvent
from signals import (
    Computed,
    Context,
    Effect,
    Signal,
    on_cleanup,
    run_with_owner,
    untrack,
)
from signals import use_context as _use_context

from ._seeds import Seed, armed_seeds

if TYPE_CHECKING:
    from ._instance import Instance
    from ._scene import Scene

__all__ = [
    "HookError",
    "HookState",
    "current_component",
    "rendering",
    "use_computed",
    "use_context",
    "use_effect",
    "use_key_events",
    "use_memo",
    "use_ref",
    "use_resource",
    "use_signal",
]

T = TypeVar("T")
S = TypeVar("S")


class HookError(RuntimeError):
    """A hook was called outside a render, or in a different order than last time."""


class HookState:
    """The hook slots of one mounted component."""

    __slots__ = ("frozen", "index", "instance", "restart", "seed", "seeded", "slots")

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.slots: list[tuple[str, object]] = []
        self.index = 0
        self.frozen = False
        """Set after the first complete render: no new slots after that."""
        self.seed: Seed | None = None
        """Captured state this first render starts from (hot reload, `_seeds`)."""
        self.seeded: list[tuple[int, object]] = []
        """`(slot, initial)` of the signals started from the seed."""
        self.restart = False
        """The seed did not fit the hook order: render again, fresh (`_seeds` step 3)."""

    def seed_value(self, initial: T) -> T:
        """The value the `use_signal` in the slot being created starts from."""
        seed = self.seed
        index = self.index - 1
        if seed is None or index >= len(seed.kinds):
            return initial
        so_far = (*(kind for kind, _ in self.slots[:index]), "use_signal")
        if seed.kinds[:index + 1] != so_far:
            return initial
        self.seeded.append((index, initial))
        return cast(T, seed.values[index])

    def end_seeding(self) -> None:
        """After the first render: undo the seed if the hook order changed."""
        seed, self.seed = self.seed, None
        if seed is None:
            return
        if tuple(kind for kind, _ in self.slots) == seed.kinds:
            self.seeded = []
            return
        armed = armed_seeds()
        if armed is not None:
            armed.rejected.append(self.instance.component_path())
        if not self.seeded:
            return
        for index, initial in self.seeded:
            signal = self.slots[index][1]
            if isinstance(signal, Signal):
                signal.set(initial)
        self.seeded = []
        self.restart = True

    def next(self, kind: str, create: Callable[[], T]) -> T:
        """The object in the next slot, created by `create` on the first render.

        A slot keeps what the same hook kind created in it (the kind is checked
        below), so its value has the type `create` returns.
        """
        index = self.index
        self.index = index + 1
        slots = self.slots
        if index < len(slots):
            found, value = slots[index]
            if found != kind:
                raise HookError(
                    f"hook order changed in component {self.instance.name}: call {index + 1} "
                    f"was {found} last render and is {kind} now; call hooks unconditionally, "
                    "in the same order on every render"
                )
            return cast(T, value)
        if self.frozen:
            raise HookError(
                f"component {self.instance.name} called more hooks than on its first render "
                f"({kind} is call {index + 1}); call hooks unconditionally"
            )
        created = create()
        slots.append((kind, created))
        return created


_CURRENT: list[HookState] = []


@contextlib.contextmanager
def rendering(state: HookState) -> Iterator[None]:
    """Make `state` current while a component renders."""
    state.index = 0
    if not state.frozen:
        seeds = armed_seeds()
        if seeds is not None:
            state.seed = seeds.take(state.instance)
    _CURRENT.append(state)
    try:
        yield
    finally:
        _CURRENT.pop()
    if not state.frozen:
        state.frozen = True
        if state.seed is not None:
            state.end_seeding()
    elif state.index != len(state.slots):
        raise HookError(
            f"component {state.instance.name} called {state.index} hooks but "
            f"{len(state.slots)} on its first render; call hooks unconditionally"
        )


def _state(hook: str) -> HookState:
    if not _CURRENT:
        raise HookError(
            f"{hook}() was called outside a component's render; hooks belong in the body of "
            "an @component function"
        )
    return _CURRENT[-1]


def current_component() -> Instance | None:
    """The component instance rendering right now, or None."""
    return _CURRENT[-1].instance if _CURRENT else None


def use_signal(initial: T) -> Signal[T]:
    """A signal created on the first render and kept for the component's lifetime."""
    state = _state("use_signal")
    return state.next("use_signal", lambda: untrack(lambda: Signal(state.seed_value(initial))))


def use_computed(fn: Callable[[], T]) -> Computed[T]:
    """A computed created on the first render (`fn` is fixed at mount)."""
    return _state("use_computed").next("use_computed", lambda: untrack(lambda: Computed(fn)))


def use_memo(fn: Callable[[], T]) -> T:
    """`fn()` computed on the first render and returned unchanged afterwards.

    `fn` runs untracked: it never re-runs, so its reads must not re-render the
    component, and signals it creates are made once per mount.
    """
    return _state("use_memo").next("use_memo", lambda: untrack(fn))


class Ref:
    """A handle to a mounted node: focus it, read its laid-out box.

    Attach with `ref=`: `View(..., ref=my_ref)`. Until the node is mounted
    `node` is None.
    """

    __slots__ = ("_box", "_scene", "node")

    def __init__(self) -> None:
        self.node: int | None = None
        self._scene: Scene | None = None
        self._box: Signal[tuple[float, float, float, float] | None] = untrack(
            lambda: Signal(None))

    @property
    def box(self) -> tuple[float, float, float, float] | None:
        """The node's laid-out box `(x, y, w, h)` in design units (tracked), or None."""
        return self._box()

    def focus(self) -> None:
        """Move focus to the node (at the next frame; no-op when not focusable)."""
        if self.node is None or self._scene is None:
            raise HookError("Ref.focus(): the ref is not attached to a mounted node")
        self._scene.buf.focus(self.node)

    async def animation_end(self, prop: int | None = None) -> AnimationDoneEvent:
        """Wait until an animation of the node ends (of `prop`, or any); returns its event.

        Example:
            ```python
            await ref.animation_end()      # the focus glide finished
            ```
        """
        if self.node is None or self._scene is None:
            raise HookError("Ref.animation_end(): the ref is not attached to a mounted node")
        return await self._scene.wait_animation(self.node, prop)

    def _attach(self, scene: Scene, node: int) -> None:
        self._scene = scene
        self.node = node

    def _detach(self, node: int) -> None:
        if self.node == node:
            self.node = None
            self._scene = None

    def _set_box(self, box: tuple[float, float, float, float]) -> None:
        self._box.set(box)

    def __repr__(self) -> str:
        return f"Ref(node={self.node})"


def use_ref() -> Ref:
    """A `Ref` kept for the component's lifetime."""
    return _state("use_ref").next("use_ref", Ref)


def use_context(context: Context[T]) -> T:
    """The nearest provided value of `context` (the signals context, across components)."""
    _state("use_context").next("use_context", lambda: None)
    return _use_context(context)


def use_effect(fn: Callable[[], object]) -> None:
    """Run `fn` after the render is committed, and again when what it reads changes.

    If `fn` returns a callable, it runs before the next run and at unmount.
    """
    state = _state("use_effect")
    instance = state.instance

    def create() -> bool:
        owner = instance.owner
        assert owner is not None

        def start() -> None:
            if owner.disposed:
                return
            run_with_owner(owner, lambda: Effect(_with_cleanup(fn)))

        instance.scene.after_commit.append(start)
        return True

    state.next("use_effect", create)


def _with_cleanup(fn: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        result = fn()
        if callable(result):
            on_cleanup(result)

    return run


def use_resource(source: Callable[[], S | None], fetcher: Callable[[S], Awaitable[T]], *,
                 initial: T | None = None) -> Resource[S, T]:
    """An `async_tasks.resource` created once per mount, owned by the component.

    `source` is read (tracked) to decide what to load; a new value cancels the
    request in flight (the latest wins). Unmounting cancels it too.

    Example:
        ```python
        details = use_resource(lambda: title_id, api.title)
        Text(lambda: "Loading" if details.loading else details.value.name)
        ```
    """
    state = _state("use_resource")
    owner = state.instance.owner
    assert owner is not None

    def create() -> Resource[S, T]:
        return run_with_owner(owner, lambda: resource(source, fetcher, initial=initial))

    return state.next("use_resource", create)


def use_key_events() -> reactivex.Observable[KeyEvent]:
    """A reactivex observable of the key events of this component's scene (not tracked).

    Use reactivex operators on it (`debounce` on the runtime clock:
    `async_tasks.ClockScheduler`). Subscriptions end when the component unmounts.
    """
    state = _state("use_key_events")
    instance = state.instance

    def create() -> reactivex.Observable[KeyEvent]:
        return instance.scene.key_events_for(instance.owner)

    return state.next("use_key_events", create)
