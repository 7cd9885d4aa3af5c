"""Frame-aware asyncio tasks, timers on the runtime's one clock, and resources.

Tasks here are owned by a signals owner (a component scope): disposing the
owner cancels them, their errors go to the owner's `catch_error` handler, and
what they write reaches the scene at the next frame boundary, in one batch.
This package may import `signals`, the standard library and reactivex; it never
imports `sdk`, `renderer` or `components`. The runtime calls in: it installs
its clock (`install_clock`) and its frame boundary (`install_frame_hook`, then
`FrameHook.run_frame_boundary()` before each render). Guide: `docs/async.md`.
"""

from __future__ import annotations

from ._autojump import IdleTimeout as IdleTimeout
from ._autojump import all_waiting_on_clock as all_waiting_on_clock
from ._autojump import run_until_idle as run_until_idle
from ._clock import Clock as Clock
from ._clock import RealClock as RealClock
from ._clock import TimerHandle as TimerHandle
from ._clock import VirtualClock as VirtualClock
from ._frame import FrameHook as FrameHook
from ._frame import current_frame_hook as current_frame_hook
from ._frame import install_frame_hook as install_frame_hook
from ._frame import let_tasks_run as let_tasks_run
from ._rate import Debounced as Debounced
from ._rate import Throttled as Throttled
from ._rate import debounce as debounce
from ._rate import throttle as throttle
from ._resource import Resource as Resource
from ._resource import resource as resource
from ._rx import ClockScheduler as ClockScheduler
from ._rx import debounced as debounced
from ._task import Task as Task
from ._task import live_tasks as live_tasks
from ._task import spawn as spawn
from ._timeout import TaskTimeout as TaskTimeout
from ._timeout import Timeout as Timeout
from ._timeout import timeout as timeout
from ._timers import Interval as Interval
from ._timers import NoClockError as NoClockError
from ._timers import current_clock as current_clock
from ._timers import install_clock as install_clock
from ._timers import interval as interval
from ._timers import sleep as sleep
from ._waits import blocked_on_clock as blocked_on_clock

__all__ = [
    "Clock",
    "ClockScheduler",
    "Debounced",
    "FrameHook",
    "IdleTimeout",
    "Interval",
    "NoClockError",
    "RealClock",
    "Resource",
    "Task",
    "TaskTimeout",
    "Throttled",
    "Timeout",
    "TimerHandle",
    "VirtualClock",
    "all_waiting_on_clock",
    "blocked_on_clock",
    "current_clock",
    "current_frame_hook",
    "debounce",
    "debounced",
    "install_clock",
    "install_frame_hook",
    "interval",
    "let_tasks_run",
    "live_tasks",
    "resource",
    "run_until_idle",
    "sleep",
    "spawn",
    "throttle",
    "timeout",
]
