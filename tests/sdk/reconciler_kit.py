"""Helpers shared by the reconciler tests (`test_reconciler_*.py`).

Tiny host-element builders over `sdk.host_element` (the `components` package
is not used here), a harness that applies every flushed batch to a
`SceneDouble`, and command counting by opcode.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable
from typing import Any

from renderer.lowlevel import Opcode, iter_commands
from renderer.testing import SceneDouble
from sdk import IMAGE, TEXT, VIEW, Element, SceneRoot, host_element


def View(*children: Any, key: Hashable | None = None, **props: Any) -> Element:
    return host_element(VIEW, children, props, key)


def Text(text: Any, key: Hashable | None = None, **props: Any) -> Element:
    return host_element(TEXT, (), {"text": text, **props}, key)


def Image(key: Hashable | None = None, **props: Any) -> Element:
    return host_element(IMAGE, (), props, key)


def opcodes(data: bytes) -> Counter[Opcode]:
    """How many commands of each opcode `data` holds."""
    return Counter(Opcode(op) for op, _, _ in iter_commands(data))


_ID = re.compile(r"#\d+")


def normalized(dump: str) -> str:
    """A dump with node ids erased (two renders of one state allocate different ids)."""
    return _ID.sub("#", dump)


class Harness:
    """A `SceneRoot` whose batches are applied to a `SceneDouble` as they are flushed."""

    def __init__(self, element: Element, **kwargs: Any) -> None:
        self.root = SceneRoot(element, **kwargs)
        self.double = SceneDouble()
        self.batches: list[bytes] = []

    def flush(self) -> bytes:
        data = self.root.flush()
        if data:
            self.double.apply(data)
            self.batches.append(data)
            self.root.acknowledge(len(self.batches))
        return data

    def dump(self) -> str:
        return self.double.dump()

    def shape(self) -> str:
        return normalized(self.double.dump())

    def texts(self) -> list[str]:
        """Text contents of every text node, in tree order."""
        return re.findall(r'text "([^"]*)"', self.double.dump())


def fresh_shape(element: Element, **kwargs: Any) -> str:
    """The id-free dump of `element` rendered from scratch."""
    harness = Harness(element, **kwargs)
    harness.flush()
    shape = harness.shape()
    harness.root.dispose()  # its bindings must not keep reacting to shared signals
    return shape


class Renders:
    """Counts renders per component name, in order."""

    def __init__(self) -> None:
        self.log: list[str] = []

    def __call__(self, name: str) -> None:
        self.log.append(name)

    def count(self, name: str) -> int:
        return self.log.count(name)

    def clear(self) -> None:
        self.log.clear()
