"""The benchmark's seeded pseudo-random generator: xmur3a hash seeding sfc32.

A bit-exact port of upstream ``util/pseudoRandom.ts`` (itself from
bryc/code ``PRNGs.md``), so the dynamic graphs decide static and dynamic nodes
exactly as the JavaScript harness does. JavaScript's 32-bit integer operations
(``|0``, ``>>>``, ``Math.imul``) are emulated by masking with ``0xFFFFFFFF``.
"""

from __future__ import annotations

from collections.abc import Callable

_MASK = 0xFFFFFFFF


def _imul(a: int, b: int) -> int:
    """``Math.imul`` on unsigned 32-bit inputs, as an unsigned 32-bit result."""
    return (a * b) & _MASK


def xmur3a(text: str) -> Callable[[], int]:
    """MurmurHash3-style string hash; each call yields the next 32-bit seed."""
    h = 2166136261
    for ch in text:
        k = _imul(ord(ch), 3432918353)
        k = ((k << 15) | (k >> 17)) & _MASK
        h ^= _imul(k, 461845907)
        h = ((h << 13) | (h >> 19)) & _MASK
        h = (_imul(h, 5) + 3864292196) & _MASK
    h ^= len(text)
    state = h

    def next_seed() -> int:
        nonlocal state
        s = state
        s ^= s >> 16
        s = _imul(s, 2246822507)
        s ^= s >> 13
        s = _imul(s, 3266489909)
        s ^= s >> 16
        state = s
        return s

    return next_seed


def sfc32(a: int, b: int, c: int, d: int) -> Callable[[], float]:
    """PractRand's sfc32; each call yields a float in ``[0, 1)``."""

    def random() -> float:
        nonlocal a, b, c, d
        t = (a + b) & _MASK
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & _MASK
        c = ((c << 21) | (c >> 11)) & _MASK
        d = (d + 1) & _MASK
        t = (t + d) & _MASK
        c = (c + t) & _MASK
        return t / 4294967296

    return random


def pseudo_random(seed: str = "seed") -> Callable[[], float]:
    """A fresh generator, seeded like upstream's ``pseudoRandom(seed)``."""
    seeds = xmur3a(seed)
    return sfc32(seeds(), seeds(), seeds(), seeds())
