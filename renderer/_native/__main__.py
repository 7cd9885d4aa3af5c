"""`MARQUEE_PURE=1 python -m renderer._native [build [--force] [--jobs N] | clean | status]`.

`MARQUEE_PURE=1` lets the command start even when the build is stale: importing
`renderer` would otherwise refuse the stale `_commands` extension.
"""

from __future__ import annotations

import argparse

from . import COMPILED, pure_forced, read_manifest, source_sha256
from ._build import build, clean, module_extension, module_source


def status() -> int:
    """Per module: compiled and fresh, stale, or pure (no extension)."""
    manifest = read_manifest()
    for module in COMPILED:
        entry = manifest["modules"].get(module, {})
        if not module_extension(module).exists():
            state = "pure (not built)"
        elif entry.get("source_sha256") == source_sha256(module_source(module)):
            state = "compiled"
        else:
            state = "STALE: refused at import until rebuilt"
        print(f"{module:<28} {state}")
    print(f"tool: {manifest.get('tool', '-')}; MARQUEE_PURE={'1' if pure_forced() else 'unset'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m renderer._native",
                                     description="Marquee's compiled build (Cython).")
    commands = parser.add_subparsers(dest="command")
    build_cmd = commands.add_parser("build", help="compile what changed (the default)")
    build_cmd.add_argument("--force", action="store_true", help="compile every module")
    build_cmd.add_argument("--jobs", type=int, default=None, help="parallel jobs (default: cores)")
    commands.add_parser("clean", help="remove the compiled build: the pure build is used")
    commands.add_parser("status", help="which modules are compiled, stale or pure")
    args = parser.parse_args(argv)
    if args.command == "clean":
        return clean()
    if args.command == "status":
        return status()
    return build(force=getattr(args, "force", False), jobs=getattr(args, "jobs", None))


raise SystemExit(main())
