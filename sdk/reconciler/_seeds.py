"""State seeding: carry components' signal values across a hot reload.

A reload re-imports the app's modules, so every app component is a new
function and the reconciler remounts it (a new type never updates an old
instance). To keep what the user had on screen, the dev loop
(`sdk.devtools`) first *captures* the mounted tree, then *arms* the capture
while the new tree mounts:

1. `capture_state(instance)` walks the subtree pre-order. For each component
   instance it records its **identity**, the path of `(qualified type name,
   key)` pairs from just below the capture root down to it (hosts and
   control flow included, so the place in the tree counts), its hook kinds
   in call order and the values of its `use_signal` slots (`peek()`,
   untracked). The capture root's element type is kept too: after the
   reload the identity of a mounting component is its path below the
   nearest instance of that type (the dev loop's app slot, which is not
   reloaded), so whatever sits above the slot does not matter.
2. `arm_seeds(seeds)` makes the capture current. When a component renders
   for the first time, `HookState` takes the first unused entry of its
   identity (siblings of one type without keys are told apart by their
   order). Each `use_signal` starts from the captured value instead of its
   `initial` as long as the kinds so far match the captured kinds.
3. When that first render ends with a different hook order (a hook added,
   removed or moved), the seeded signals are put back to their initials and
   the component renders again at once: it is a fresh mount, as if nothing
   had been captured. `disarm_seeds()` ends seeding; entries not taken are
   dropped.

Only `use_signal` values are carried: computeds recompute from them, effects
re-run, refs re-attach; module-level signals of a reloaded module are new
objects and start over.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from signals import Signal

from ._component import ComponentType
from ._element import Element
from ._instance import Instance, walk

__all__ = ["Reloadable", "Seed", "StateSeeds", "arm_seeds", "armed_seeds", "capture_state",
           "disarm_seeds", "identity", "migrate"]

Identity = tuple[tuple[str, Hashable], ...]


def _qualified(instance: Instance) -> str:
    kind = instance.element.type
    if isinstance(kind, ComponentType):
        fn = kind.fn
        return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', kind.__name__)}"
    return instance.name  # a host's or control flow's type name; a `For` row's names its key


def identity(instance: Instance, below: object) -> Identity | None:
    """`((qualified name, key), ...)` from below the nearest ancestor whose element
    type is `below` down to `instance`; None when no ancestor has that type."""
    path: list[tuple[str, Hashable]] = []
    node: Instance | None = instance
    while node is not None:
        if node.element.type is below:
            return tuple(reversed(path))
        path.append((_qualified(node), node.element.key))
        node = node.parent
    return None


@runtime_checkable
class Reloadable(Protocol):
    """A value carried across a reload that holds elements of its own."""

    def reloaded(self, migrate: Callable[[object], object]) -> object:
        """A copy whose elements went through `migrate`."""
        ...


def _current_type(kind: ComponentType) -> ComponentType:
    """The component of `kind`'s qualified name in its module as imported now."""
    fn = kind.fn
    found: object = sys.modules.get(getattr(fn, "__module__", ""), None)
    for part in getattr(fn, "__qualname__", "<locals>").split("."):
        if found is None or part == "<locals>":
            return kind
        found = getattr(found, part, None)
    return found if isinstance(found, ComponentType) else kind


def migrate(value: object) -> object:
    """`value` with every element re-typed to the code imported now (see the docstring)."""
    if isinstance(value, Element):
        kind = value.type
        new_kind = _current_type(kind) if isinstance(kind, ComponentType) else kind
        props = {name: migrate(prop) for name, prop in value.props.items()}
        children = tuple(migrate(child) for child in value.children)
        return Element(new_kind, props, children, value.key)  # type: ignore[arg-type]
    if isinstance(value, Reloadable):
        return value.reloaded(migrate)
    if isinstance(value, tuple):
        return tuple(migrate(item) for item in value)
    if isinstance(value, list):
        return [migrate(item) for item in value]
    if isinstance(value, dict):
        return {key: migrate(item) for key, item in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Seed:
    """One component's captured hooks."""

    kinds: tuple[str, ...]
    """Hook kinds in call order (`use_signal`, `use_effect`, ...)."""
    values: tuple[object, ...]
    """The `use_signal` slots' values (None in other slots)."""


@dataclass(slots=True)
class StateSeeds:
    """Captured state by identity; entries are taken in capture order."""

    root_type: object = None
    """The element type of the capture root (identities are paths below it)."""
    entries: dict[Identity, list[Seed]] = field(default_factory=dict)
    taken: int = 0
    """Entries handed to a component so far."""
    rejected: list[str] = field(default_factory=list)
    """Components whose hook order changed (their state started over)."""

    def __len__(self) -> int:
        return sum(len(seeds) for seeds in self.entries.values())

    def take(self, instance: Instance) -> Seed | None:
        """The first unused entry for `instance`'s identity, or None."""
        key = identity(instance, self.root_type)
        seeds = self.entries.get(key) if key is not None else None
        if not seeds:
            return None
        self.taken += 1
        seed = seeds.pop(0)
        return replace(seed, values=tuple(migrate(value) for value in seed.values))

    def copy(self) -> StateSeeds:
        """An unused copy (a failed reload keeps the capture for the next one)."""
        return StateSeeds(self.root_type, {k: list(v) for k, v in self.entries.items()})


def capture_state(instance: Instance) -> StateSeeds:
    """Every component's hook state below (and including) `instance`."""
    seeds = StateSeeds(instance.element.type)
    for node in walk(instance):
        if node is instance:
            continue
        hooks = node.hook_state
        if hooks is None or not hooks.slots:
            continue
        kinds = tuple(kind for kind, _ in hooks.slots)
        values = tuple(value.peek() if isinstance(value, Signal) else None
                       for _, value in hooks.slots)
        key = identity(node, seeds.root_type)
        if key is not None:
            seeds.entries.setdefault(key, []).append(Seed(kinds, values))
    return seeds


_ARMED: list[StateSeeds] = []


def arm_seeds(seeds: StateSeeds) -> None:
    """First renders take their state from `seeds` until `disarm_seeds()`."""
    _ARMED[:] = [seeds]


def disarm_seeds() -> StateSeeds | None:
    """Ends seeding; returns what was armed."""
    seeds = _ARMED[0] if _ARMED else None
    _ARMED.clear()
    return seeds


def armed_seeds() -> StateSeeds | None:
    """The armed capture, or None (the common case: one list check)."""
    return _ARMED[0] if _ARMED else None
