"""The error every image fetch or decode failure becomes."""

from __future__ import annotations

__all__ = ["ImageLoadError"]

_SHOWN_SRC_CHARS = 200
"""A source longer than this is cut in messages (it may come from untrusted data)."""


class ImageLoadError(Exception):
    """An image source could not be fetched or decoded, or was refused.

    Attributes:
        src: the source as the app gave it.
        reason: what went wrong, e.g. ``HTTP 404 Not Found``.
    """

    def __init__(self, src: str, reason: str) -> None:
        shown = src if len(src) <= _SHOWN_SRC_CHARS else src[:_SHOWN_SRC_CHARS] + "..."
        super().__init__(f"image {shown!r}: {reason}")
        self.src = src
        self.reason = reason

    def __reduce__(self) -> tuple[type[ImageLoadError], tuple[str, str]]:
        # Raised in a decoder process, it crosses back pickled.
        return ImageLoadError, (self.src, self.reason)
