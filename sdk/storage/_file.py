"""The store's file on disk: atomic replacement, and corrupt files set aside.

Algorithm (`write_atomic`): the new content goes to a temporary file in the
same folder (opened exclusive, named after the process), which is flushed and
`fsync`ed, then renamed over the old file (`os.replace`, atomic on POSIX and
Windows), then the folder is `fsync`ed so the rename itself survives a power
cut. A crash before the rename leaves the old file untouched and, at worst,
a stray temporary file; `remove_stale_temps` (run when a store opens)
deletes those of processes that are gone. Readers never see a half-written
file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["TEMP_MARK", "default_base_dir", "remove_stale_temps", "set_aside", "write_atomic"]

TEMP_MARK = ".tmp-"
"""Temporary files are `<name>.tmp-<pid>` beside the store's file."""


def default_base_dir() -> Path:
    """`$XDG_DATA_HOME/marquee`, or `~/.local/share/marquee` (the XDG default)."""
    data_home = os.environ.get("XDG_DATA_HOME", "")
    base = Path(data_home) if os.path.isabs(data_home) else Path.home() / ".local" / "share"
    return base / "marquee"


def write_atomic(path: Path, data: bytes) -> None:
    """Replaces `path` with `data` so a crash at any point leaves the old or the new content."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}{TEMP_MARK}{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()  # left by a killed process that had our pid
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)


def remove_stale_temps(path: Path) -> None:
    """Deletes temporary files of `path` left by processes that no longer run (POSIX)."""
    if os.name != "posix":
        return
    for temp in path.parent.glob(f"{path.name}{TEMP_MARK}*"):
        pid = temp.name.rpartition(TEMP_MARK)[2]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                temp.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):  # Windows: the rename is durable without it
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def set_aside(path: Path, reason: str) -> Path:
    """Renames the unreadable `path` to the first free `<stem>.<reason>-<n><suffix>`."""
    n = 1
    while True:
        target = path.with_name(f"{path.stem}.{reason}-{n}{path.suffix}")
        if not target.exists():
            os.replace(path, target)
            _fsync_folder(path.parent)
            return target
        n += 1
