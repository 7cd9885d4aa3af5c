"""Which image sources may be read: http(s) URLs anywhere, local files only under asset roots.

An image `src` often comes from data (a catalog's JSON, a search result), so
it is not trusted. The rules, applied before anything is opened:

- `http://` and `https://` URLs with a host are allowed (they are fetched
  with a total deadline, see `_image_fetch`).
- A local path, or a `file://` URL (treated exactly like its path), is allowed
  only if its real path (`os.path.realpath`: `..` and symlinks resolved) lies
  inside one of the *asset roots* the app declares
  (`ImageManager(asset_roots=[...])`). A relative path is taken relative to
  the first root. With no roots, no local file is readable.
- Any other scheme (`data:`, `ftp:`, ...) is refused.

Opening is checked too (`open_regular_file`): only a regular file is read
(a FIFO would block the worker forever, a device never ends), the last path
component may not be a symlink swapped in after the check (`O_NOFOLLOW`), and
a file larger than the byte limit is refused from its size alone.

A refusal is an `ImageLoadError` naming the source and the rule; it never
quotes the file's bytes.
"""

from __future__ import annotations

import os
import re
import stat
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from renderer._image_errors import ImageLoadError

__all__ = ["SourcePolicy", "open_regular_file"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class SourcePolicy:
    """The asset roots (real, absolute paths) under which local files may be read."""

    roots: tuple[Path, ...] = ()

    @classmethod
    def of(cls, asset_roots: Iterable[str | os.PathLike[str]]) -> SourcePolicy:
        """Checks and resolves `asset_roots` (each must be an existing directory).

        Raises:
            ValueError: a root is not an existing directory.
        """
        roots: list[Path] = []
        for root in asset_roots:
            real = Path(os.path.realpath(os.fspath(root)))
            if not real.is_dir():
                raise ValueError(f"asset root {os.fspath(root)!r} is not an existing directory")
            roots.append(real)
        return cls(tuple(roots))

    def resolve(self, src: str) -> str | Path:
        """The URL to fetch (a `str`) or the real path of the file to read.

        Raises:
            ImageLoadError: the source is not allowed (the reason says which rule).
        """
        if "\0" in src:
            raise ImageLoadError(src, "refused: the source contains a NUL character")
        scheme = _SCHEME.match(src)
        if scheme is None:
            return self._local(src, src)
        name = scheme.group(1).lower()
        if name in _WEB_SCHEMES:
            if not urllib.parse.urlsplit(src).hostname:
                raise ImageLoadError(src, f"refused: {name} URL without a host")
            return src
        if name == "file":
            return self._local(src, _file_url_path(src))
        raise ImageLoadError(
            src, f"refused: unsupported scheme {name!r} (images are http(s) URLs, "
                 "or files under the app's asset roots)")

    def _local(self, src: str, path: str) -> Path:
        if not self.roots:
            raise ImageLoadError(
                src, "refused: local files are not allowed (no asset roots declared; "
                     "see ImageManager(asset_roots=...))")
        joined = path if os.path.isabs(path) else os.path.join(self.roots[0], path)
        real = Path(os.path.realpath(joined))
        if not any(real.is_relative_to(root) for root in self.roots):
            raise ImageLoadError(src, "refused: the file is outside the app's asset roots")
        return real


def _file_url_path(src: str) -> str:
    parts = urllib.parse.urlsplit(src)
    if parts.netloc not in ("", "localhost"):
        raise ImageLoadError(src, f"refused: file URL on another host {parts.netloc!r}")
    return urllib.parse.unquote(parts.path)


def open_regular_file(src: str, path: Path, max_bytes: int) -> bytes:
    """Reads the regular file at `path` (at most `max_bytes`), refusing anything else.

    Raises:
        ImageLoadError: missing, unreadable, not a regular file, or too large.
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImageLoadError(src, f"file not found: {path}") from None
    except OSError as exc:
        raise ImageLoadError(src, f"cannot open {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImageLoadError(src, f"refused: not a regular file ({_kind(info.st_mode)}): "
                                      f"{path}")
        if info.st_size > max_bytes:
            raise ImageLoadError(src, f"file is larger than the {max_bytes}-byte limit")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ImageLoadError(src, f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew after the fstat
        raise ImageLoadError(src, f"file is larger than the {max_bytes}-byte limit")
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"
