"""Frame-aware asyncio tasks, timers on the runtime's one clock, and resources.

Tasks here are owned by a signals owner (a component scope): disposing the
owner cancels them, and what they write reaches the scene at the next frame
boundary. This package may import `signals` and the standard library; it never
imports `sdk`, `renderer` or `components`.
"""

from __future__ import annotations

from ._clock import Clock as Clock
from ._clock import RealClock as RealClock
from ._clock import TimerHandle as TimerHandle
from ._clock import VirtualClock as VirtualClock
from ._timers import Interval as Interval
from ._timers import NoClockError as NoClockError
from ._timers import current_clock as current_clock
from ._timers import install_clock as install_clock
from ._timers import interval as interval
from ._timers import sleep as sleep

__all__ = [
    "Clock",
    "Interval",
    "NoClockError",
    "RealClock",
    "TimerHandle",
    "VirtualClock",
    "current_clock",
    "install_clock",
    "interval",
    "sleep",
]
