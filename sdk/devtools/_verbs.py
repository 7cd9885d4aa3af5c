"""The developer tools' CLI verbs: `record`, `preview`, `dev`, `inspect`.

`sdk._cli` owns the parser and `run`; it adds these subcommands with
`add_devtools_commands` and hands their parsed arguments to
`run_devtools_command`, which returns the exit status (0 fine, 2 usage or
set-up error, 3 a renderer crash loop).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from ..reconciler import Element
from ..runtime import RendererCrashLoop
from ._dev import INSPECTOR_KEY, DevSession
from ._inspect import fetch_inspect
from ._keyscript import KEY_GAP_MS, KeyScriptError, parse_keys
from ._preview_server import PreviewServer, run_preview
from ._record import LEAD_IN_FRAMES, TAIL_MS, record
from ._run_dev import run_dev
from ._target import CliError, load_target
from ._video import VideoError

__all__ = ["add_devtools_commands", "parse_size", "run_devtools_command"]


def parse_size(text: str) -> tuple[int, int]:
    """`1280x720` -> (1280, 720) (an argparse type)."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1280x720, got {text!r}") from None
    if width <= 0 or height <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive, got {text!r}")
    return width, height


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a port is a number, got {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0..65535, got {value}")
    return value


def add_devtools_commands(commands: Any) -> None:
    """Adds `record`, `preview`, `dev` and `inspect` to the CLI's subparsers."""
    rec = commands.add_parser("record", help="a scripted remote run as MP4 or GIF",
                              description="Runs MODULE on virtual time, plays --keys and "
                              "writes every frame to --out (.mp4: H.264 60 fps; .gif: 50 fps).")
    rec.add_argument("target", help="module path, e.g. apps.hello")
    rec.add_argument("--keys", default="", help='e.g. "down,down,enter,wait:500,back"')
    rec.add_argument("--out", type=Path, required=True, help="the .mp4 or .gif to write")
    rec.add_argument("--size", type=parse_size, default=None,
                     help="video WxH (default 1920x1080 for MP4, 960x540 for GIF)")
    rec.add_argument("--lead-in", type=int, default=LEAD_IN_FRAMES,
                     help=f"frames before the first key (default {LEAD_IN_FRAMES})")
    rec.add_argument("--tail", type=float, default=TAIL_MS,
                     help=f"ms of frames after the last step (default {TAIL_MS:g})")
    rec.add_argument("--gap", type=float, default=KEY_GAP_MS,
                     help=f"ms after each key press (default {KEY_GAP_MS:g})")
    rec.add_argument("--quiet", action="store_true", help="no progress line")

    pre = commands.add_parser("preview", help="the app live in a browser page on 127.0.0.1")
    pre.add_argument("target", help="module path, e.g. apps.hello")
    pre.add_argument("--port", type=_port, default=8765, help="TCP port (0: any free one)")
    pre.add_argument("--size", type=parse_size, default=(1280, 720), help="surface WxH")

    dev = commands.add_parser("dev", help="run with hot reload, error overlay and inspector")
    dev.add_argument("target", help="module path, e.g. apps.catalog.app")
    dev.add_argument("--port", type=_port, default=8765,
                     help="the browser preview's port when there is no display")
    dev.add_argument("--inspect-port", type=_port, default=None,
                     help="serve the live scene and component tree for `inspect`")
    dev.add_argument("--size", type=parse_size, default=(1280, 720), help="surface WxH")
    dev.add_argument("--browser", action="store_true",
                     help="use the browser preview even when a display exists")

    ins = commands.add_parser("inspect", help="print the scene and component tree of `dev`")
    ins.add_argument("--port", type=_port, required=True, help="the dev loop's --inspect-port")
    ins.add_argument("--scene", action="store_true", help="only the scene tree")
    ins.add_argument("--components", action="store_true", help="only the component tree")


def run_devtools_command(args: argparse.Namespace) -> int:
    """Runs a devtools verb; returns the exit status."""
    try:
        if args.command == "inspect":
            return _inspect(args)
        if args.command == "record":
            asyncio.run(_record(args))
        elif args.command == "preview":
            asyncio.run(_preview(args))
        elif args.command == "dev":
            logging.basicConfig(level=logging.INFO, format="marquee: %(message)s")
            asyncio.run(_dev(args))
    except KeyboardInterrupt:
        print("marquee: stopped", flush=True)
    except (CliError, KeyScriptError, VideoError, OSError, ConnectionError) as exc:
        print(f"marquee: error: {exc}", file=sys.stderr)
        return 2
    except RendererCrashLoop as exc:
        print(f"marquee: error: {exc}", file=sys.stderr)
        return 3
    return 0


def _element(spec: str) -> Element:
    target = load_target(spec)
    if not isinstance(target, Element):
        raise CliError(f"{spec!r} must give an element (expose root() returning one), "
                       f"got {type(target).__name__}")
    return target


async def _record(args: argparse.Namespace) -> None:
    script = parse_keys(args.keys, gap_ms=args.gap)  # before the import: a typo fails fast
    element = _element(args.target)
    size = args.size or ((960, 540) if args.out.suffix.lower() == ".gif" else (1920, 1080))
    result = await record(element, script, args.out, size=size, lead_in=args.lead_in,
                          tail_ms=args.tail, progress=not args.quiet)
    print(f"marquee: wrote {result.path} ({result.frames} frames, {result.seconds:.2f} s at "
          f"{result.fps:g} fps, {size[0]}x{size[1]})", flush=True)


async def _preview(args: argparse.Namespace) -> None:
    element = _element(args.target)

    def ready(_app: object, server: PreviewServer) -> None:
        print(f"marquee: preview of {args.target} on {server.url} (keyboard = remote; "
              "Ctrl-C to stop)", flush=True)

    await run_preview(element, port=args.port, size=args.size, title=args.target, on_ready=ready)


async def _dev(args: argparse.Namespace) -> None:
    def ready(session: DevSession, server: PreviewServer | None) -> None:
        where = f"the browser preview on {server.url}" if server is not None else "a window"
        print(f"marquee: dev {args.target} in {where}; watching {session.modules.root} "
              f"(save to reload, {INSPECTOR_KEY.upper()} = inspector, Ctrl-C to stop)", flush=True)
        if session.inspect_port is not None:
            print(f"marquee: inspect with `python -m sdk inspect --port {session.inspect_port}`",
                  flush=True)

    await run_dev(args.target, size=args.size, window=False if args.browser else None,
                  port=args.port, inspect_port=args.inspect_port, on_ready=ready)


def _inspect(args: argparse.Namespace) -> int:
    both = not (args.scene or args.components)
    if args.scene or both:
        print("scene (the engine's dump):")
        print(fetch_inspect(args.port, "scene")["scene"])
    if args.components or both:
        if both:
            print()
        print("components (and the signals each render read):")
        print(fetch_inspect(args.port, "components")["components"])
    return 0
