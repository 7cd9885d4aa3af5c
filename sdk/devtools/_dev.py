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
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from async_tasks import live_tasks
from renderer import KeyAction, KeyEvent
from renderer.lowlevel import display_available
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
from ._dump import DumpNode, parse_dump, screen_boxes
from ._inspect import InspectServer
from ._overlay import ErrorOverlay, InspectorData, InspectorOverlay
from ._preview import BrowserPresenter, PreviewHub, PreviewServer
from ._reload import AppModules
from ._target import CliError, load_target
from ._ui import DEVTOOLS_TEST_ID, view

__all__ = ["DEV_EXTRA_KEYS", "INSPECTOR_KEY", "DevSession", "ReloadReport", "collect_inspector",
           "run_dev"]

logger = logging.getLogger(__name__)

INSPECTOR_KEY = "f2"
"""The key that toggles the inspector (F2 in the window and the browser preview)."""
DEV_EXTRA_KEYS = {INSPECTOR_KEY: 250}
"""Extra keys the dev loop's App gets."""
INSPECTOR_FRAMES = 60
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


def _shown(nodes: list[DumpNode]) -> list[DumpNode]:
    """The nodes a viewer sees: without the devtools' own overlays and without hidden
    subtrees (`visible=0`, `display=none`, `opacity=0`: a Navigator's covered pages)."""
    skip: set[int] = set()
    out = []
    for node in nodes:
        if node.parent is not None and node.parent.id in skip:
            skip.add(node.id)
            continue
        test_id = node.prop("test_id") or ""
        overlay = (test_id.startswith(DEVTOOLS_TEST_ID)
                   and test_id != f"{DEVTOOLS_TEST_ID}-shell")
        hidden = (node.prop("visible") == "0" or node.prop("display") == "none"
                  or node.prop("opacity") == "0")
        if overlay or hidden:
            skip.add(node.id)
            continue
        out.append(node)
    return out


def _focus_path(focused: DumpNode) -> tuple[str, ...]:
    """The named nodes from the root to the focused one (anonymous layout views left out)."""
    path = focused.path()[2:]
    return tuple(n.describe() for n in path
                 if n is focused or '"' in n.describe() or n.prop("role") not in (None, "view"))


def _frame_loop(app: App) -> Any:
    """The renderer side's FrameLoop, when it runs in this process (None otherwise)."""
    thread = app.renderer_thread
    return thread.loop if thread is not None else None


async def collect_inspector(app: App, slot: Instance | None) -> InspectorData:
    """What the inspector shows now (see `InspectorData`)."""
    nodes = _shown(parse_dump(await app.dump()))
    focused = next((n for n in nodes if n.focused), None)
    loop = _frame_loop(app)
    timings: tuple[tuple[float, float, float, float], ...] = ()
    wasm = 0
    notes: list[str] = []
    if loop is not None:
        recent = list(loop.timings)[-INSPECTOR_FRAMES:]
        timings = tuple((t.apply_ms, t.frame_ms, t.paint_ms, t.present_ms) for t in recent)
        with contextlib.suppress(Exception):
            wasm = int(loop.renderer.memory_size)
    else:
        notes.append("frame timings and Wasm memory: the renderer is not in this process")
    components = effects = 0
    if slot is not None:
        for instance in walk(slot):
            hooks = instance.hook_state
            if hooks is not None:
                components += 1
                effects += sum(1 for kind, _ in hooks.slots if kind == "use_effect")
    stats = app.images.stats()
    boxes = screen_boxes(nodes)
    outlines = tuple(boxes[n.id] for n in nodes[2:] if n.box[2] > 0 and n.box[3] > 0)
    return InspectorData(
        timings=timings,
        focus_path=_focus_path(focused) if focused else (),
        focused_box=boxes[focused.id] if focused else None,
        focused_props=focused.rest if focused else "",
        outlines=outlines, nodes=len(nodes), components=components, effects=effects,
        tasks=len(live_tasks()), wasm_bytes=wasm, images_held=stats.held,
        images_bytes=stats.decoded_bytes, images_budget=app.images.budget_bytes,
        notes=tuple(notes),
    )


async def run_dev(spec: str, *, size: tuple[int, int] = (1280, 720), window: bool | None = None,
                  port: int = 0, inspect_port: int | None = None, poll_ms: float = 100.0,
                  on_ready: Callable[[DevSession, Any], Awaitable[None] | None] | None = None,
                  ) -> DevSession:
    """Runs the dev loop until the app stops; see the module docstring.

    Args:
        spec: `MODULE[:NAME]`.
        size: surface size.
        window: True a window, False the browser preview, None: a window when
            a display exists.
        port: the preview's port (0: any free one).
        inspect_port: where `inspect` connects (None: no inspect server).
        on_ready: called with the session and the preview server (or None)
            once everything listens.
    """
    if window is None:
        window = display_available()
    session = DevSession(spec, poll_ms=poll_ms)
    session.load()
    hub = None if window else PreviewHub(size, DEV_EXTRA_KEYS)
    factory = None if hub is None else (lambda w, h: BrowserPresenter(w, h, hub))
    app = App(session.shell(), size, extra_keys=DEV_EXTRA_KEYS, presenter_factory=factory,
              headless=False if window else None, title=f"Marquee dev - {spec}")
    server = None if hub is None else PreviewServer(hub, port, title=spec)
    inspect = None if inspect_port is None else InspectServer(app, session, inspect_port)
    try:
        await app.start()
        session.start(app)
        if server is not None:
            await server.start()
        if inspect is not None:
            await inspect.start()
            session.inspect_port = inspect.port
        if on_ready is not None:
            result = on_ready(session, server)
            if result is not None:
                await result
        await app.run_async()
    finally:
        await session.stop()
        if inspect is not None:
            await inspect.close()
        if server is not None:
            await server.close()
        await app.close()
        if hub is not None:
            hub.close()
    return session
