"""`dev MODULE`: run the app, reload its modules on save, keep its state, never die.

The App's root is a `DevShell` that the dev loop owns:

```
DevShell (reads session.element, .generation, .load_error)
  ErrorBoundary(key=generation, fallback=ErrorOverlay of the app's error)
    AppSlot            <- capture root / seeding root (an SDK component: never reloads)
      the app's element (root() of the freshly imported module)
  ErrorOverlay         <- when the last reload failed to import
  InspectorLayer       <- the inspector overlay, toggled by F2 (extra key "f2")
```

A reload (`DevSession.reload`, run by the file watcher on the app thread):

1. capture the mounted app's state (`sdk.reconciler.capture_state(slot)`); if
   the app is showing an error, the capture of the last healthy tree is kept;
2. purge the app's modules and import the target again (`_reload`); if that
   fails, the old modules go back, the error overlay shows the traceback and
   the old app keeps running;
3. arm the capture (`arm_seeds`) and set the new element and generation in
   one batch: the next frame mounts a new boundary and slot, every component
   takes its state from the capture where its identity and hook order match
   (`sdk/reconciler/_seeds.py`), and the focused node is focused again when a
   node with the same identity exists;
4. after that frame's commit, `AppSlot`'s effect disarms the seeds and
   completes the `ReloadReport`.

An exception in the app's render, effects or handlers is caught by the
boundary and shown as an overlay; the next good save mounts a new boundary.
The run ends only when the window closes, the browser preview's app stops,
or Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from renderer import KeyAction, KeyEvent
from signals import Signal, batch

from ..reconciler import (
    Element,
    ErrorBoundary,
    Instance,
    StateSeeds,
    arm_seeds,
    armed_seeds,
    capture_state,
    component,
    current_component,
    disarm_seeds,
    use_effect,
    use_key_events,
    use_memo,
    walk,
)
from ..runtime import App
from ._inspector import collect_inspector
from ._overlay import ErrorOverlay, InspectorData, InspectorOverlay
from ._reload import AppModules
from ._target import CliError, load_target
from ._ui import DEVTOOLS_TEST_ID, view

__all__ = ["DEV_EXTRA_KEYS", "INSPECTOR_KEY", "DevSession", "ReloadReport"]

logger = logging.getLogger(__name__)

INSPECTOR_KEY = "f2"
"""The key that toggles the inspector (F2 in the window and the browser preview)."""
DEV_EXTRA_KEYS = {INSPECTOR_KEY: 250}
"""Extra keys the dev loop's App gets."""
REFOCUS_TRIES = 60
REFOCUS_POLL_S = 0.05
SEED_GRACE_TRIES = 40
REPORT_HISTORY = 100


@dataclass(slots=True)
class ReloadReport:
    """One reload: what changed and how it went."""

    files: list[Path]
    ok: bool
    started: float
    """`time.perf_counter()` when the reload began."""
    error: str | None = None
    imported_s: float = 0.0
    """Purge + import time."""
    captured: int = 0
    """Components whose state was captured."""
    kept: int = 0
    """Components that took captured state."""
    rejected: list[str] = field(default_factory=list)
    """Components whose hook order changed (their state started over)."""
    committed: bool = False
    """The new tree was mounted (its first frame's commit ran)."""


def _format(error: BaseException, root: Path | None = None) -> str:
    """The traceback; with `root`, only the frames of files under it (the app's code:
    the dev loop's and importlib's own frames say nothing to the app's author)."""
    if root is None:
        return "".join(traceback.format_exception(error))
    summary = traceback.TracebackException.from_exception(error)
    frames = [f for f in summary.stack if f.filename.startswith(str(root))]
    lines = traceback.StackSummary.from_list(frames).format() if frames else []
    return "".join(["Traceback (the app's frames):\n", *lines,
                    *summary.format_exception_only()])


class DevSession:
    """The dev loop's state on the app thread (see the module docstring).

    Args:
        spec: `MODULE[:NAME]`, whose `root()` (or NAME) makes the app's element.
        poll_ms: how often the watcher looks at the files.
    """

    def __init__(self, spec: str, *, poll_ms: float = 100.0) -> None:
        self.spec = spec
        self.modules = AppModules(spec.partition(":")[0])
        self.element: Signal[Element | None] = Signal(None)
        self.generation = Signal(0)
        self.load_error: Signal[tuple[str, str] | None] = Signal(None)
        self.inspector_on = Signal(False)
        self.inspector = Signal(InspectorData())
        self.app: App | None = None
        self.slot: Instance | None = None
        """The mounted `AppSlot` (None while the app shows an error)."""
        self.reports: deque[ReloadReport] = deque(maxlen=REPORT_HISTORY)
        """The last reloads, oldest first (bounded: a dev session can last all day)."""
        self.inspect_port: int | None = None
        """Where the inspect server listens (once `run_dev` started it)."""
        self._seeds: StateSeeds | None = None
        self._focus: tuple[tuple[str, Hashable], ...] | None = None
        self._poll_s = poll_ms / 1000.0
        self._tasks: list[asyncio.Task[None]] = []

    # Loading --------------------------------------------------------------------

    def _import(self) -> Element:
        target = load_target(self.spec)
        if not isinstance(target, Element):
            raise CliError(f"dev needs {self.spec!r} to give an element (expose root() returning "
                           f"one), got {type(target).__name__}")
        return target

    def load(self) -> None:
        """The first import; an error shows the overlay (and the watcher waits for a fix)."""
        try:
            self.element.set(self._import())
        except Exception as exc:
            self.load_error.set((f"could not load {self.spec}", _format(exc, self.modules.root)))

    def shell(self) -> Element:
        """The App's root element."""
        return DevShell(session=self)

    # Reloading ------------------------------------------------------------------

    def check(self) -> ReloadReport | None:
        """Reloads if an app file changed since the last look."""
        changed = self.modules.changed()
        return self.reload(changed) if changed else None

    def reload(self, files: list[Path] | None = None) -> ReloadReport:
        """Re-imports the app and mounts it with its state (see the module docstring)."""
        report = ReloadReport(list(files or []), ok=False, started=time.perf_counter())
        self.reports.append(report)
        if self.slot is not None:
            captured = capture_state(self.slot)
            self._seeds = captured
            self._focus = self._focused_identity()
        report.captured = len(self._seeds) if self._seeds is not None else 0
        removed = self.modules.purge(report.files)
        try:
            element = self._import()
        except Exception as exc:
            self.modules.restore(removed)
            report.error = _format(exc, self.modules.root)
            report.imported_s = time.perf_counter() - report.started
            names = ", ".join(p.name for p in report.files) or self.spec
            self.load_error.set((f"reload failed ({names})", report.error))
            logger.warning("reload failed; the previous version keeps running:\n%s",
                           report.error)
            return report
        report.imported_s = time.perf_counter() - report.started
        report.ok = True
        if self._seeds is not None:
            arm_seeds(self._seeds.copy())
        with batch():
            self.load_error.set(None)
            self.element.set(element)
            self.generation.set(self.generation.peek() + 1)
        return report

    def _focused_identity(self) -> tuple[tuple[str, Hashable], ...] | None:
        slot = self.slot
        if slot is None:
            return None
        node = slot.scene.focused
        for instance in walk(slot):
            if instance.is_host and instance.first_host() == node:
                return _host_identity(instance, slot)
        return None

    def slot_mounted(self, slot: Instance) -> Callable[[], None]:
        """`AppSlot`'s effect: the new tree is committed; returns the cleanup."""
        self.slot = slot
        if self.reports and not self.reports[-1].committed and self.reports[-1].ok:
            report = self.reports[-1]
            report.committed = True
            seeds = armed_seeds()
            if seeds is None or not len(seeds):
                self._finish(report)
            else:
                # Async content (a Deferred page) mounts after this commit: its
                # components may still take their state for a short while.
                with contextlib.suppress(RuntimeError):  # no running loop: finish now
                    loop = asyncio.get_running_loop()
                    self._tasks.append(loop.create_task(self._finish_later(report)))
                    self._refocus(slot)
                    return self._cleanup(slot)
                self._finish(report)
        self._refocus(slot)
        return self._cleanup(slot)

    def _cleanup(self, slot: Instance) -> Callable[[], None]:
        def cleanup() -> None:
            if self.slot is slot:
                self.slot = None

        return cleanup

    async def _finish_later(self, report: ReloadReport) -> None:
        for _ in range(SEED_GRACE_TRIES):
            seeds = armed_seeds()
            if seeds is None or not len(seeds) or self.reports[-1] is not report:
                break
            await asyncio.sleep(REFOCUS_POLL_S)
        if self.reports[-1] is report:
            self._finish(report)

    def _finish(self, report: ReloadReport) -> None:
        """Disarms the seeds and completes `report`."""
        seeds = disarm_seeds()
        if seeds is not None:
            report.kept = seeds.taken - len(seeds.rejected)
            report.rejected = list(seeds.rejected)
        logger.info("reloaded %s (import %.0f ms): %d of %d components kept their state%s",
                    self.spec, report.imported_s * 1000.0, report.kept, report.captured,
                    f"; started over: {', '.join(report.rejected)}" if report.rejected else "")

    def _refocus(self, slot: Instance) -> None:
        wanted, self._focus = self._focus, None
        if wanted is not None and not _focus_identity(slot, wanted):
            # Async content (a Deferred page) mounts later: look again for a while.
            with contextlib.suppress(RuntimeError):  # no running loop: give up
                task = asyncio.get_running_loop().create_task(self._refocus_later(slot, wanted))
                self._tasks.append(task)

    async def _refocus_later(self, slot: Instance,
                             wanted: tuple[tuple[str, Hashable], ...]) -> None:
        for _ in range(REFOCUS_TRIES):
            await asyncio.sleep(REFOCUS_POLL_S)
            if self.slot is not slot or _focus_identity(slot, wanted):
                return

    def app_failed(self, error: BaseException, _reset: Callable[[], None]) -> Element:
        """The boundary's fallback: the app's error as an overlay (until the next save)."""
        logger.error("the app failed; fix and save to reload", exc_info=error)
        return ErrorOverlay(title=f"app error: {type(error).__name__}",
                            message=_format(error, self.modules.root))

    def toggle_inspector(self) -> None:
        """Shows or hides the inspector."""
        self.inspector_on.set(not self.inspector_on.peek())

    # Background work (asyncio tasks on the app loop) -----------------------------

    def start(self, app: App) -> None:
        """Starts the file watcher and the inspector's refresh on the running loop."""
        self.app = app
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._watch(), name="marquee-dev-watch"),
                       loop.create_task(self._refresh(), name="marquee-dev-inspector")]

    async def stop(self) -> None:
        """Cancels the background tasks."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self._poll_s)
            try:
                self.check()
            except Exception:
                logger.exception("the dev loop's reload failed")

    async def _refresh(self) -> None:
        while True:
            if self.inspector_on.peek() and self.app is not None and self.app.running:
                try:
                    self.inspector.set(await collect_inspector(self.app, self.slot))
                except Exception:
                    logger.exception("the inspector could not collect its data")
            await asyncio.sleep(0.5)


def _host_identity(instance: Instance, root: Instance) -> tuple[tuple[str, Hashable], ...]:
    """`(type name, key or position among siblings)` from below `root` to `instance`."""
    path: list[tuple[str, Hashable]] = []
    node: Instance | None = instance
    while node is not None and node is not root:
        key = node.element.key
        if key is None and node.parent is not None:
            siblings = node.parent.child_instances()
            key = ("#", next((i for i, s in enumerate(siblings) if s is node), -1))
        path.append((node.name, key))
        node = node.parent
    return tuple(reversed(path))


def _focus_identity(slot: Instance, wanted: tuple[tuple[str, Hashable], ...]) -> bool:
    """Focuses the host node below `slot` whose identity is `wanted`; whether one was found."""
    for instance in walk(slot):
        if instance.is_host and _host_identity(instance, slot) == wanted:
            node = instance.first_host()
            if node is not None:
                slot.scene.buf.focus(node)
                return True
    return False


@component
def AppSlot(session: DevSession, element: Element) -> Element:
    """Where the app mounts: the capture and seeding root of hot reload."""
    instance = use_memo(current_component)
    assert instance is not None
    use_effect(lambda: session.slot_mounted(instance))
    return element


@component
def InspectorLayer(session: DevSession) -> Element | None:
    """The inspector overlay while it is on."""
    if not session.inspector_on():
        return None
    return InspectorOverlay(data=session.inspector())


@component
def DevShell(session: DevSession) -> Element:
    """The dev loop's root (see the module docstring)."""
    keys = use_key_events()

    def toggle(event: KeyEvent) -> None:
        if event.key == DEV_EXTRA_KEYS[INSPECTOR_KEY] and event.action == KeyAction.DOWN:
            session.toggle_inspector()

    use_effect(lambda: keys.subscribe(toggle).dispose)
    element = session.element()
    failed = session.load_error()
    return view(
        ErrorBoundary(AppSlot(session=session, element=element), fallback=session.app_failed,
                      key=session.generation()) if element is not None else None,
        ErrorOverlay(title=failed[0], message=failed[1]) if failed is not None else None,
        InspectorLayer(session=session),
        width="100%", height="100%", test_id=f"{DEVTOOLS_TEST_ID}-shell",
    )
