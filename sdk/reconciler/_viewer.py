"""The viewer's accessibility settings as signals: reduced motion, text scale, contrast.

A TV's accessibility menu sets these for every app; the app hands them to
its `SceneRoot` (`SceneRoot(..., viewer=settings)`, the test harness:
`ui.mount(..., viewer=...)`), and everything below follows:

* `reduced_motion` - the reconciler rewrites motion props as it sends them
  (`_motion.py`): movement (transform, layout, scroll, border widths) becomes
  instant, springs settle at once, finite keyframe animations are not
  played; colour and opacity transitions stay (they are cross-fades), and
  looping keyframes (a spinner) keep turning. Toggling it re-sends the motion
  of every mounted node at the next flush.
* `text_scale` (1.0-2.0) and `high_contrast` - read by widgets through their
  theme (`components.current_theme()` scales the type scale and picks the
  high-contrast colours and focus ring); a component that read them
  re-renders when they change, and layout reflows in the engine.

They are signals, so app code follows them too: `use_viewer().text_scale()`.
"""

from __future__ import annotations

from signals import Context, Signal, create_context, use_context

__all__ = ["MAX_TEXT_SCALE", "MIN_TEXT_SCALE", "ViewerContext", "ViewerSettings", "use_viewer"]

MIN_TEXT_SCALE = 1.0
"""Smallest text scale (the design size)."""
MAX_TEXT_SCALE = 2.0
"""Largest text scale."""


class ViewerSettings:
    """The viewer's settings, one signal each.

    Args:
        reduced_motion: no movement animations.
        text_scale: text size factor, 1.0-2.0.
        high_contrast: the high-contrast theme variant (stronger focus ring).

    Raises:
        ValueError: `text_scale` outside 1.0-2.0 (also when set later through
            `set_text_scale`).
    """

    __slots__ = ("high_contrast", "reduced_motion", "text_scale")

    def __init__(self, *, reduced_motion: bool = False, text_scale: float = 1.0,
                 high_contrast: bool = False) -> None:
        self.reduced_motion: Signal[bool] = Signal(bool(reduced_motion))
        """Movement becomes instant (cross-fades stay)."""
        self.text_scale: Signal[float] = Signal(check_text_scale(text_scale))
        """Text size factor (1.0-2.0); write it with `set_text_scale` to have it checked."""
        self.high_contrast: Signal[bool] = Signal(bool(high_contrast))
        """Use the theme's high-contrast variant."""

    def set_text_scale(self, scale: float) -> None:
        """Set `text_scale` after checking it is within 1.0-2.0."""
        self.text_scale.set(check_text_scale(scale))

    def __repr__(self) -> str:
        return (f"ViewerSettings(reduced_motion={self.reduced_motion.peek()!r}, "
                f"text_scale={self.text_scale.peek()!r}, "
                f"high_contrast={self.high_contrast.peek()!r})")


def check_text_scale(scale: object) -> float:
    """`scale` as a float, or `ValueError` if it is not a number within 1.0-2.0."""
    if isinstance(scale, bool) or not isinstance(scale, int | float) \
            or not MIN_TEXT_SCALE <= scale <= MAX_TEXT_SCALE:
        raise ValueError(f"text_scale must be a number from {MIN_TEXT_SCALE} to "
                         f"{MAX_TEXT_SCALE}, got {scale!r}")
    return float(scale)


ViewerContext: Context[ViewerSettings] = create_context(ViewerSettings(), "viewer")
"""The settings of the tree being rendered (`SceneRoot` provides its own)."""


def use_viewer() -> ViewerSettings:
    """The viewer's settings for the rendering component (or the defaults outside one).

    Example:
        ```python
        @component
        def Hero():
            viewer = use_viewer()
            return View(..., animate=None if viewer.reduced_motion() else {"scale": pulse})
        ```
    """
    return use_context(ViewerContext)
