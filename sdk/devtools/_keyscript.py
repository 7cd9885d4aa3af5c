"""The key grammar of `run --keys` and `record --keys`: a scripted remote.

```
script   := step ("," step)*          whitespace around steps is ignored
step     := KEY ["*" COUNT]            press KEY (down + up) COUNT times
          | "wait:" DURATION           let DURATION of frames pass
DURATION := NUMBER ["ms" | "s"]        milliseconds unless it says "s"
KEY      := a runtime key name         up down left right select enter ok back
                                       menu play_pause 0..9, or an app's extra key
```

`"down,down,enter,wait:500,back"` presses down twice, select, waits half a
second and presses back. Time is counted in frames of the 60 Hz grid: after
each press the script lets `gap_ms` pass (default `KEY_GAP_MS`, enough for a
focus move to show), and `wait:` rounds up to whole frames. So a script's
length in frames is known before it runs (`KeyScript.frames()`), which is what
lets the recorder promise a frame count.

One parser for both verbs; an error names the bad step and its position.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from ..runtime import FRAME_INTERVAL_MS, KEY_NAMES

__all__ = ["KEY_GAP_MS", "KeyScript", "KeyScriptError", "Press", "Wait", "parse_keys", "play"]

KEY_GAP_MS = 100.0
"""Time let pass after each press, so the next key finds the focus move done."""

MAX_REPEAT = 1000
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(ms|s)?$")
_REPEAT = re.compile(r"^(.+?)\s*\*\s*(\S+)$")


class KeyScriptError(ValueError):
    """A `--keys` script that does not parse; the message names the bad step."""


@dataclass(frozen=True, slots=True)
class Press:
    """Press `key` (down then up)."""

    key: str


@dataclass(frozen=True, slots=True)
class Wait:
    """Let `ms` milliseconds of frames pass."""

    ms: float


Step = Press | Wait


def frames_for(ms: float, interval_ms: float = FRAME_INTERVAL_MS) -> int:
    """Whole frames of `interval_ms` that cover `ms` (a wait never rounds down to nothing)."""
    return max(1, math.ceil(ms / interval_ms - 1e-9)) if ms > 0 else 0


@dataclass(frozen=True, slots=True)
class KeyScript:
    """A parsed script: steps and the time after each press."""

    steps: tuple[Step, ...]
    gap_ms: float = KEY_GAP_MS

    def frames(self, interval_ms: float = FRAME_INTERVAL_MS) -> int:
        """How many frames `play` runs at this frame interval."""
        return sum(self.step_frames(step, interval_ms) for step in self.steps)

    def step_frames(self, step: Step, interval_ms: float = FRAME_INTERVAL_MS) -> int:
        """The frames run after (or for) one step."""
        return frames_for(self.gap_ms if isinstance(step, Press) else step.ms, interval_ms)

    def __str__(self) -> str:
        return ",".join(s.key if isinstance(s, Press) else f"wait:{s.ms:g}" for s in self.steps)


def _duration(text: str, token: str, position: int) -> float:
    match = _DURATION.match(text.strip().lower())
    if match is None:
        raise KeyScriptError(f"step {position} {token!r}: a wait needs a duration like "
                             "wait:500 (ms) or wait:1.5s")
    value = float(match.group(1))
    return value * 1000.0 if match.group(2) == "s" else value


def parse_keys(text: str, extra_keys: Mapping[str, int] | None = None, *,
               gap_ms: float = KEY_GAP_MS) -> KeyScript:
    """Parses a `--keys` script (grammar in the module docstring).

    Args:
        text: the script, e.g. `"down*2,enter,wait:500,back"`.
        extra_keys: the app's extra key names (`App(extra_keys=...)`).
        gap_ms: time let pass after each press.

    Raises:
        KeyScriptError: a step is empty, not a key, or has a bad count or duration;
            the message names the step (1-based) and lists the known keys.
    """
    extra = {name.lower() for name in (extra_keys or {})}
    steps: list[Step] = []
    if not text.strip():
        return KeyScript((), gap_ms)
    for position, raw in enumerate(text.split(","), start=1):
        token = raw.strip()
        if not token:
            raise KeyScriptError(f"step {position} is empty (two commas in a row, or a "
                                 f"trailing comma) in {text!r}")
        head, colon, rest = token.partition(":")
        if colon and head.strip().lower() == "wait":
            steps.append(Wait(_duration(rest, token, position)))
            continue
        count = 1
        repeat = _REPEAT.match(token)
        if repeat is not None:
            token_key, count_text = repeat.group(1), repeat.group(2)
            if not count_text.isdigit() or not 1 <= int(count_text) <= MAX_REPEAT:
                raise KeyScriptError(f"step {position} {token!r}: the count after '*' must be "
                                     f"a whole number 1..{MAX_REPEAT}")
            count = int(count_text)
        else:
            token_key = token
        name = token_key.strip().lower()
        if name not in KEY_NAMES and name not in extra:
            known = ", ".join([*KEY_NAMES, *sorted(extra)])
            hint = " (waits are written wait:500)" if name.startswith("wait") else ""
            raise KeyScriptError(f"step {position} {token!r} is not a key{hint}; "
                                 f"known keys: {known}")
        steps.extend(Press(name) for _ in range(count))
    return KeyScript(tuple(steps), gap_ms)


class Remote(Protocol):
    """What `play` drives: `App` (and anything that presses keys and runs frames)."""

    frame_interval_ms: float

    def press(self, key: str | int, action: str | None = None) -> None:
        """Sends a key (down and up)."""
        ...

    async def frame(self, count: int = 1) -> None:
        """Runs (or waits for) `count` frames."""
        ...


async def play(app: Remote, script: KeyScript,
               on_frames: Callable[[int], None] | None = None) -> int:
    """Plays `script` into `app`; returns the frames it ran (`script.frames(...)`).

    `on_frames(n)` is told after every step (a progress display).
    """
    ran = 0
    for step in script.steps:
        if isinstance(step, Press):
            app.press(step.key)
        count = script.step_frames(step, app.frame_interval_ms)
        if count:
            await app.frame(count)
            ran += count
            if on_frames is not None:
                on_frames(count)
    return ran
