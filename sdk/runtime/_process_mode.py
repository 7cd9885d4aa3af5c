"""The app's side of process mode: one renderer process at a time, and its replacement.

`ProcessMode` starts the renderer process (`_renderer_process`), wires the
image manager to it (images decode in worker processes, pixels ship when
loaded and are dropped when forgotten), mirrors what the engine owns from the frames' event records
(`EngineState`), answers the renderer's `IMAGES_WANTED`, and, when the
process dies, counts the death in the crash policy and starts a new one
that gets the whole scene back. The App keeps the frame step, the requests
and the bus; this module keeps the process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from renderer import FontSet, ImageManager

from ._crash_policy import CrashWindow
from ._engine_state import EngineState
from ._process_bus import AppEnd
from ._renderer_process import ProcessConfig, RendererProcess

__all__ = ["ProcessMode"]

logger = logging.getLogger(__name__)

START_TIMEOUT_S = 30.0


class ProcessMode:
    """One renderer process at a time for an App.

    Args:
        config: what each renderer process is built from.
        images: the app's image manager (its pixels are shipped).
        fonts: the app's fonts (a replacement process gets them again).
        timeout_s: longest wait for a process to start or stop.
    """

    def __init__(self, config: ProcessConfig, images: ImageManager, fonts: FontSet,
                 timeout_s: float) -> None:
        self.config = config
        self.images = images
        self.fonts = fonts
        self.timeout_s = timeout_s
        self.engine = EngineState()
        """Focus, scroll offsets and scope memories, mirrored from the frames' events."""
        self.crash_window = CrashWindow()
        """Deaths of the process and traps of its engine: one policy."""
        self.generation = 0
        self.process: RendererProcess | None = None
        self.end: AppEnd | None = None

    def start(self, before_ready: Callable[[AppEnd], None] | None = None,
              restore: tuple[int, int, EngineState] | None = None) -> AppEnd:
        """Starts a renderer process; `before_ready(end)` runs while it boots.

        Raises:
            RuntimeError: it failed to start. TimeoutError: it did not answer.
        """
        self.config.restore = restore
        process = RendererProcess(self.config)

        def connect(end: AppEnd) -> None:
            self.end = end
            if not self.images.closed:
                self.images.decode_in_processes()  # Skia's decoding off the app's GIL too
            self.images.on_loaded = end.ship_image
            self.images.on_forget = end.send_forget
            if before_ready is not None:
                before_ready(end)

        end = process.start(max(self.timeout_s, START_TIMEOUT_S), connect)
        self.process = process
        return end

    def trapped(self, now_ms: float, generation: int, reason: str) -> None:
        """The engine trapped (`NEED_REBUILD`): counted like a death.

        Raises:
            RendererCrashLoop: the crash policy gave up.
        """
        self.crash_window.record(now_ms, reason)
        self.generation = generation

    def replace(self, now_ms: float, reason: str, held_images: Iterable[int],
                rebuild: Callable[[], bytes]) -> AppEnd:
        """The process died: counts it, starts a new one and sends it the whole scene:
        the pixels of `held_images`, the fonts and `rebuild()`; returns its end.

        Raises:
            RendererCrashLoop: the crash policy gave up.
        """
        logger.warning("the renderer process died (%s); starting a new one", reason)
        self.crash_window.record(now_ms, f"the renderer process died: {reason}")
        old, end = self.process, self.end
        batches = end.batches_sent if end is not None else 0
        if old is not None:
            old.stop(1.0)
        self.generation += 1
        end = self.start(restore=(self.generation, batches, self.engine))
        for image_id in held_images:
            image = self.images.skia_image(image_id)
            if image is not None:
                end.send_image(image_id, image)
        if self.fonts.shaped_texts:  # shaped again over there, after the rebuild's fonts
            end.send_shape(self.fonts.shaped_texts)
        end.send_rebuild(self.generation, self.fonts.define_commands() + rebuild())
        return end

    def images_wanted(self, payload: memoryview) -> None:
        """The renderer drew (or missed) these images: count them as on screen, and ship
        the pixels it lacks (an evicted one re-decodes, then ships when done)."""
        ids = payload.cast("I")
        missed = ids[0]
        for index, image_id in enumerate(ids[1:]):
            image = self.images.skia_image(image_id)
            if index < missed and image is not None and self.end is not None:
                self.end.send_image(image_id, image)

    def stop(self) -> None:
        """Stops the process and unhooks the image manager."""
        if self.process is not None:
            self.process.stop(self.timeout_s)
        if self.end is not None and self.images.on_loaded == self.end.ship_image:
            self.images.on_loaded = None
            self.images.on_forget = None
            self.images.decode_in_threads()
        if self.fonts.shape_elsewhere:
            self.fonts.shape_elsewhere = False
            self.fonts.take_unshaped()
