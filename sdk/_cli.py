"""`python -m sdk run MODULE` (or `marquee run MODULE`): run a Marquee app.

The module convention: `MODULE` (a dotted module path, optionally
`MODULE:NAME`) exposes one of, looked up in this order,

- `root()`: a function returning the root `Element` (preferred), or
- `app`: an `Element` (or a ready `App`), or
- `main()`: a function returning an `Element` or an `App`.

`NAME` picks another attribute. Given an element, the CLI builds the `App`
itself so `--size`, `--headless`, `--frames`, `--out` and `--screenshot`
apply; a ready `App` is run as it is (plain `run` only).

Modes:

- default: a window when a display exists, else headless; real time until
  the window is closed or Ctrl-C.
- `--headless --frames N`: N frames on a virtual clock, as fast as they
  render (16.67 ms of app time each, so timers and animations advance
  deterministically); `--realtime` keeps the wall clock instead.
- `--out DIR`: every painted frame (or every `--every`-th) as
  `DIR/frame_00001.png`, encoded on a writer thread off the frame path.
- `--screenshot PATH`: the last frame as PNG when the run ends.
- `--keys "down,down,enter,wait:500,back"`: a scripted remote, played from
  the first frame (the grammar is `sdk.devtools.parse_keys`'s); with
  `--frames` the run still lasts N frames in all.

Accessibility (`docs/accessibility.md`): `--speak` speaks focus and live
regions through espeak-ng (`--speak print` prints them instead),
`--reduced-motion`, `--text-scale 1.5` and `--high-contrast` set the
viewer's settings.

The developer tools' verbs (`record`, `preview`, `dev`, `inspect`) are in
`sdk.devtools`; `docs/devtools.md` is their guide.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from async_tasks import VirtualClock

from .a11y import Announcer, EspeakSpeech, PrintSpeech, Speech, SpeechUnavailable
from .devtools import (
    KEY_GAP_MS,
    CliError,
    KeyScript,
    KeyScriptError,
    VideoError,
    add_devtools_commands,
    load_target,
    parse_keys,
    parse_size,
    play,
    run_devtools_command,
)
from .reconciler import SceneRoot
from .runtime import App, RendererCrashLoop, Screenshot, prewarm

__all__ = ["load_target", "main"]

MAX_PENDING_PNGS = 8


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marquee", description="Run a Marquee app.")
    commands = parser.add_subparsers(dest="command", required=True)
    # The module docstring after its first line is the help: the module convention
    # and the modes, laid out as written.
    run = commands.add_parser("run", help="run an app module (see `python -m sdk run -h`)",
                              description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("target", help="module path, e.g. apps.hello (or apps.hello:root)")
    run.add_argument("--headless", action="store_true", help="paint offscreen, no window")
    run.add_argument("--frames", type=_positive, help="stop after N frames")
    run.add_argument("--out", type=Path, help="write frames as PNG into this directory")
    run.add_argument("--every", type=_positive, default=1, help="with --out: every Nth frame")
    run.add_argument("--screenshot", type=Path, help="write the last frame as PNG here")
    run.add_argument("--size", type=parse_size, default=(1920, 1080), help="surface WxH pixels")
    run.add_argument("--realtime", action="store_true",
                     help="with --headless --frames: use the wall clock, not virtual time")
    run.add_argument("--keys", help='a scripted remote, e.g. "down,down,enter,wait:500,back"')
    run.add_argument("--gap", type=float, default=KEY_GAP_MS,
                     help=f"with --keys: ms after each press (default {KEY_GAP_MS:g})")
    run.add_argument("--speak", nargs="?", const="espeak", choices=("espeak", "print"),
                     help="announce focus and live regions (espeak-ng, or print them)")
    run.add_argument("--reduced-motion", action="store_true", help="the viewer's reduced motion")
    run.add_argument("--text-scale", type=_text_scale, default=1.0,
                     help="the viewer's text scale, 1.0-2.0")
    run.add_argument("--high-contrast", action="store_true", help="the viewer's high contrast")
    add_devtools_commands(commands)
    return parser


def _text_scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 1.0 <= value <= 2.0:
        raise argparse.ArgumentTypeError(f"expected 1.0 to 2.0, got {value:g}")
    return value


def _accessibility(app: App, args: argparse.Namespace) -> Announcer | None:
    """Apply the viewer flags to the started app's root; attach the announcer if asked."""
    root = app.root
    if not isinstance(root, SceneRoot):
        return None
    viewer = root.viewer
    viewer.reduced_motion.set(bool(args.reduced_motion))
    viewer.set_text_scale(args.text_scale)
    viewer.high_contrast.set(bool(args.high_contrast))
    if args.speak is None:
        return None
    speech: Speech
    try:
        speech = EspeakSpeech() if args.speak == "espeak" else PrintSpeech()
    except SpeechUnavailable as exc:
        raise CliError(str(exc)) from None
    return Announcer(root, speech, clock=app.clock)


class _PngWriter:
    """Encodes frames on one worker thread, at most a few in flight."""

    def __init__(self, directory: Path, every: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.every = every
        self.written = 0
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="marquee-png")
        self._slots = threading.BoundedSemaphore(MAX_PENDING_PNGS)
        self._futures: list[concurrent.futures.Future[Path]] = []

    def __call__(self, number: int, shot: Screenshot) -> None:
        if (number - 1) % self.every:
            return
        self._slots.acquire()  # back-pressure instead of piling up frames in memory
        future = self._pool.submit(shot.save, self.directory / f"frame_{number:05d}.png")
        future.add_done_callback(lambda _: self._slots.release())
        self._futures.append(future)

    def finish(self) -> int:
        self._pool.shutdown(wait=True)
        for future in self._futures:
            future.result()
        self.written = len(self._futures)
        return self.written


async def _run(args: argparse.Namespace, target: Any, writer: _PngWriter | None) -> None:
    if isinstance(target, App):
        if args.frames or args.out or args.screenshot:
            raise CliError("the module returned a ready App: --frames, --out and --screenshot "
                           "need `root()` returning an element instead")
        await target.run_async()
        return
    script = parse_keys(args.keys, gap_ms=args.gap) if args.keys else KeyScript(())
    stepped = args.frames is not None and args.headless and not args.realtime
    app = App(target, args.size, clock=VirtualClock() if stepped else None,
              headless=True if args.headless else None, frame_sink=writer)
    mode = "headless" if app.headless else "window"
    if args.frames is None:
        await app.start()
        announcer = _accessibility(app, args)
        print(f"marquee: running {args.target} ({mode}, {args.size[0]}x{args.size[1]}); "
              "Ctrl-C to stop", flush=True)
        try:
            await play(app, script)
            await app.run_async()
        finally:
            await _screenshot(app, args)
            _close(announcer)
        return
    async with app:
        announcer = _accessibility(app, args)
        try:
            ran = await play(app, script)
            if args.frames > ran:
                await app.frame(args.frames - ran)
            await _screenshot(app, args)
        finally:
            _close(announcer)


def _close(announcer: Announcer | None) -> None:
    if announcer is not None:
        announcer.close()
        announcer.speech.close()


async def _screenshot(app: App, args: argparse.Namespace) -> None:
    if args.screenshot is not None and app.running:
        await app.screenshot(args.screenshot)
        print(f"marquee: screenshot in {args.screenshot}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m sdk` and the `marquee` script; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command != "run":
        return run_devtools_command(args)
    try:
        if args.keys:
            parse_keys(args.keys)  # a bad script is a usage error before anything starts
    except KeyScriptError as exc:
        print(f"marquee: error: --keys: {exc}", file=sys.stderr)
        return 2
    if args.frames is None or not args.headless or args.realtime:
        prewarm()  # a real-clock run: the renderer process boots while the app imports
    try:
        target = load_target(args.target)
    except CliError as exc:
        print(f"marquee: error: {exc}", file=sys.stderr)
        return 2
    writer = _PngWriter(args.out, args.every) if args.out is not None else None
    status = 0
    try:
        asyncio.run(_run(args, target, writer))
    except KeyboardInterrupt:
        print("marquee: stopped", flush=True)
    except (CliError, VideoError) as exc:
        print(f"marquee: error: {exc}", file=sys.stderr)
        status = 2
    except RendererCrashLoop as exc:
        print(f"marquee: error: {exc}", file=sys.stderr)
        status = 3
    finally:
        if writer is not None:
            count = writer.finish()
            print(f"marquee: wrote {count} frame(s) to {writer.directory}", flush=True)
    return status
