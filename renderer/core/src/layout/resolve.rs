//! Resolving styles against their containing block, and axis helpers.
//!
//! Percent margins and paddings resolve against the containing block's
//! width; sizes against its width or height; `box-sizing: content-box`
//! sizes get padding and border added so that everything downstream works
//! with border boxes. Non-finite values from the host count as zero/auto.

use super::style::{AvailableSpace, BoxSizing, Dim, Edges, Overflow, Size, Style};

/// The scrollbar gutters a box reserves inside its border: `width` at the
/// inline end for overflow-y `Scroll`, `height` at the bottom for
/// overflow-x. They take room from the content box but, unlike padding and
/// border, never make the box larger than its size (the scrollbar shrinks).
pub(super) fn gutter(style: &Style) -> Size<f32> {
    let g = |o: Overflow| {
        if o == Overflow::Scroll {
            finite(style.scrollbar_width).max(0.0)
        } else {
            0.0
        }
    };
    Size::new(g(style.overflow.height), g(style.overflow.width))
}

pub(super) fn main_of<T: Copy>(s: Size<T>, row: bool) -> T {
    if row {
        s.width
    } else {
        s.height
    }
}

pub(super) fn cross_of<T: Copy>(s: Size<T>, row: bool) -> T {
    if row {
        s.height
    } else {
        s.width
    }
}

pub(super) fn axes<T>(main: T, cross: T, row: bool) -> Size<T> {
    if row {
        Size {
            width: main,
            height: cross,
        }
    } else {
        Size {
            width: cross,
            height: main,
        }
    }
}

/// Clamps `v` by optional bounds; the minimum wins over the maximum.
pub(super) fn clamp(v: f32, min: Option<f32>, max: Option<f32>) -> f32 {
    let mut v = v;
    if let Some(m) = max {
        v = v.min(m);
    }
    if let Some(m) = min {
        v = v.max(m);
    }
    v
}

pub(super) fn finite(v: f32) -> f32 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// A node's style resolved against its containing block.
pub(super) struct Resolved {
    /// Padding + border per edge.
    pub(super) pb: Edges<f32>,
    pub(super) border: Edges<f32>,
    pub(super) margin: Edges<f32>,
    pub(super) margin_auto: Edges<bool>,
    /// Border-box sizes.
    pub(super) size: Size<Option<f32>>,
    pub(super) min: Size<Option<f32>>,
    pub(super) max: Size<Option<f32>>,
}

impl Resolved {
    pub(super) fn pb_sum(&self) -> Size<f32> {
        Size::new(self.pb.left + self.pb.right, self.pb.top + self.pb.bottom)
    }
    pub(super) fn margin_sum(&self) -> Size<f32> {
        Size::new(
            self.margin.left + self.margin.right,
            self.margin.top + self.margin.bottom,
        )
    }
}

/// Resolves `style` against `parent`, the containing block's content-box
/// size (percent margins and paddings use its width).
pub(super) fn resolve(style: &Style, parent: Size<Option<f32>>) -> Resolved {
    let pw = parent.width;
    let pad = |d: Dim| finite(d.resolve_or_zero(pw)).max(0.0);
    let bor = |v: f32| finite(v).max(0.0);
    let border = Edges {
        left: bor(style.border.left),
        top: bor(style.border.top),
        right: bor(style.border.right),
        bottom: bor(style.border.bottom),
    };
    let pb = Edges {
        left: pad(style.padding.left) + border.left,
        top: pad(style.padding.top) + border.top,
        right: pad(style.padding.right) + border.right,
        bottom: pad(style.padding.bottom) + border.bottom,
    };
    let mar = |d: Dim| finite(d.resolve_or_zero(pw));
    let margin = Edges {
        left: mar(style.margin.left),
        top: mar(style.margin.top),
        right: mar(style.margin.right),
        bottom: mar(style.margin.bottom),
    };
    let margin_auto = Edges {
        left: style.margin.left.is_auto(),
        top: style.margin.top.is_auto(),
        right: style.margin.right.is_auto(),
        bottom: style.margin.bottom.is_auto(),
    };
    let content_box = style.box_sizing == BoxSizing::ContentBox;
    let pbw = pb.left + pb.right;
    let pbh = pb.top + pb.bottom;
    let bx = |d: Dim, basis: Option<f32>, extra: f32| {
        d.resolve(basis)
            .filter(|v| v.is_finite())
            .map(|v| if content_box { v + extra } else { v })
    };
    let size = Size::new(
        bx(style.size.width, parent.width, pbw),
        bx(style.size.height, parent.height, pbh),
    );
    let min = Size::new(
        bx(style.min_size.width, parent.width, pbw),
        bx(style.min_size.height, parent.height, pbh),
    );
    let max = Size::new(
        bx(style.max_size.width, parent.width, pbw),
        bx(style.max_size.height, parent.height, pbh),
    );
    Resolved {
        pb,
        border,
        margin,
        margin_auto,
        size,
        min,
        max,
    }
}

/// `resolve`, dropping the sizes in content-size mode.
pub(super) fn resolve_for(style: &Style, parent: Size<Option<f32>>, content: bool) -> Resolved {
    let mut r = resolve(style, parent);
    if content {
        r.size = Size::all(None);
        r.min = Size::all(None);
        r.max = Size::all(None);
    }
    r
}

/// The space a node offers its content on one axis.
pub(super) fn inner_available(
    size: Option<f32>,
    available: AvailableSpace,
    margin: f32,
    min: Option<f32>,
    max: Option<f32>,
    pb: f32,
) -> AvailableSpace {
    match size {
        Some(s) => AvailableSpace::Definite((s - pb).max(0.0)),
        None => match available {
            AvailableSpace::Definite(a) => {
                AvailableSpace::Definite((clamp(a - margin, min, max) - pb).max(0.0))
            }
            AvailableSpace::MaxContent => match max {
                Some(m) => AvailableSpace::Definite((clamp(m, min, None) - pb).max(0.0)),
                None => AvailableSpace::MaxContent,
            },
            AvailableSpace::MinContent => AvailableSpace::MinContent,
        },
    }
}
