//! The flexbox algorithm (CSS Flexible Box Layout Level 1, section 9).
//!
//! `compute_node` is the one entry point: it returns a node's border-box
//! size for given inputs and, in full mode, also places its children
//! (writing their `placed` boxes into their caches). Results are memoised
//! in the node's `LayoutCache`. Steps of `flex_container`, numbered like
//! the spec:
//!
//! 1. Resolve the container's own sizes (box-sizing, min/max) and the
//!    space available to its items (9.2).
//! 2. Collect in-flow items; `display: none` and absolute children are left
//!    out (9.1).
//! 3. Flex base size and hypothetical main size of each item (9.2.3),
//!    including the automatic minimum size `min-width: auto` (4.5): the
//!    item's min-content size, capped by its specified size and max size;
//!    zero for scroll containers (`overflow` not visible).
//! 4. Collect items into flex lines (9.3), breaking on the available main
//!    space when wrapping (min-content space: one item per line).
//! 5. Container main size: its definite size, else the longest line
//!    (definite space) or the sum of the items' min/max-content
//!    contributions (intrinsic sizing, as Chrome does), clamped.
//! 6. Resolve flexible lengths per line (9.7): grow or shrink (shrink is
//!    scaled by the inner base size), freezing min/max violations until
//!    every item is frozen.
//! 7. Hypothetical cross sizes (9.4.7), line cross sizes (9.4.8; a
//!    single-line container with a definite cross size gives it to its
//!    line), container cross size, `align-content: stretch` (9.4.9) and
//!    `align-self: stretch` (9.4.11).
//! 8. Main-axis alignment: auto margins, then `justify-content` (9.5).
//! 9. Cross-axis alignment: auto margins, then `align-self` (baseline
//!    items share the line's largest ascent, 8.3 / 9.4.8), lines placed by
//!    `align-content`, `wrap-reverse` flips the cross axis (9.6).
//! 10. Each item is laid out fully at its final size; absolute children are
//!     sized and placed against the padding box (their static position
//!     follows `justify-content` / `align-self` when insets are `auto`).

use super::cache::CacheKey;
use super::style::{
    AlignContent, AlignItems, AvailableSpace, BoxSizing, Dim, Display, Edges, FlexWrap,
    JustifyContent, Overflow, Position, Size, Style,
};
use super::{LayoutBox, LayoutHost};

pub(crate) struct Ctx<'a, H: LayoutHost> {
    pub host: &'a mut H,
    pub laid_out: usize,
}

/// Lays out the root in `available` space and places it at the origin.
pub(crate) fn layout_root<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    root: usize,
    available: Size<AvailableSpace>,
) {
    let parent = Size::new(available.width.definite(), available.height.definite());
    let size = compute_node(ctx, root, Size::all(None), parent, available, true);
    let style = ctx.host.style(root);
    let (x, y) = if style.display == Display::None {
        (0.0, 0.0)
    } else {
        (
            style.margin.left.resolve_or_zero(parent.width),
            style.margin.top.resolve_or_zero(parent.width),
        )
    };
    ctx.host.cache(root).placed = LayoutBox {
        x,
        y,
        width: size.width,
        height: size.height,
    };
}

// ---------------------------------------------------------------- helpers

fn main_of<T: Copy>(s: Size<T>, row: bool) -> T {
    if row {
        s.width
    } else {
        s.height
    }
}

fn cross_of<T: Copy>(s: Size<T>, row: bool) -> T {
    if row {
        s.height
    } else {
        s.width
    }
}

fn axes<T>(main: T, cross: T, row: bool) -> Size<T> {
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
fn clamp(v: f32, min: Option<f32>, max: Option<f32>) -> f32 {
    let mut v = v;
    if let Some(m) = max {
        v = v.min(m);
    }
    if let Some(m) = min {
        v = v.max(m);
    }
    v
}

fn finite(v: f32) -> f32 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// A node's style resolved against its containing block.
struct Resolved {
    /// Padding + border per edge.
    pb: Edges<f32>,
    border: Edges<f32>,
    margin: Edges<f32>,
    margin_auto: Edges<bool>,
    /// Border-box sizes.
    size: Size<Option<f32>>,
    min: Size<Option<f32>>,
    max: Size<Option<f32>>,
}

impl Resolved {
    fn pb_sum(&self) -> Size<f32> {
        Size::new(self.pb.left + self.pb.right, self.pb.top + self.pb.bottom)
    }
    fn margin_sum(&self) -> Size<f32> {
        Size::new(
            self.margin.left + self.margin.right,
            self.margin.top + self.margin.bottom,
        )
    }
}

/// Resolves `style` against `parent`, the containing block's content-box
/// size (percent margins and paddings use its width).
fn resolve(style: &Style, parent: Size<Option<f32>>) -> Resolved {
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
fn resolve_for(style: &Style, parent: Size<Option<f32>>, content: bool) -> Resolved {
    let mut r = resolve(style, parent);
    if content {
        r.size = Size::all(None);
        r.min = Size::all(None);
        r.max = Size::all(None);
    }
    r
}

/// The space a node offers its content on one axis.
fn inner_available(
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

// ---------------------------------------------------------------- entry

/// The border-box size of `node` given the sizes its parent imposes
/// (`known`), the parent's content-box size (`parent`, the percentage
/// basis) and the room offered (`available`). In `full` mode the node's
/// children are laid out and placed too.
pub(crate) fn compute_node<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    full: bool,
) -> Size<f32> {
    compute_node_as(ctx, node, known, parent, available, full, false)
}

/// [`compute_node`], optionally in content-size mode: the node's own
/// `size`, `min_size` and `max_size` are ignored, as needed for the content
/// size suggestion of the automatic minimum size.
pub(crate) fn compute_node_as<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    full: bool,
    content: bool,
) -> Size<f32> {
    compute(
        ctx,
        node,
        known,
        parent,
        available,
        full,
        content,
        Size::all(false),
    )
}

/// The computation behind [`compute_node`]. `indefinite` marks axes whose
/// `known` size must not serve as a percentage basis for the children: a
/// flex item's post-flexing main size when its container's main size is
/// indefinite (CSS Flexbox 9.8).
#[allow(clippy::too_many_arguments)]
fn compute<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    full: bool,
    content: bool,
    indefinite: Size<bool>,
) -> Size<f32> {
    // Sizes the parent already decided need no work.
    if !full {
        if let (Some(w), Some(h)) = (known.width, known.height) {
            return Size::new(w, h);
        }
    }
    let key = normalized_key(
        ctx.host.style(node),
        known,
        parent,
        available,
        content,
        indefinite,
    );
    let hit = if full {
        ctx.host.cache(node).get_placed(&key)
    } else {
        ctx.host.cache(node).get_size(&key)
    };
    if let Some(size) = hit {
        return size;
    }
    ctx.laid_out += 1;
    let style = ctx.host.style(node).clone();
    let (size, baseline) = if style.display == Display::None {
        (Size::all(0.0), None)
    } else if ctx.host.child_count(node) == 0 {
        let size = leaf(ctx, node, &style, known, parent, available, content);
        let baseline = if full {
            let r = resolve(&style, parent);
            let pb = r.pb_sum();
            let inner = Size::new(
                (size.width - pb.width).max(0.0),
                (size.height - pb.height).max(0.0),
            );
            ctx.host
                .baseline(node, inner)
                .filter(|b| b.is_finite())
                .map(|b| b + r.pb.top)
        } else {
            None
        };
        (size, baseline)
    } else {
        flex_container(
            ctx, node, &style, known, parent, available, full, content, indefinite,
        )
    };
    if full {
        ctx.host.cache(node).store_full(key, size, baseline);
    } else {
        ctx.host.cache(node).store_size(key, size);
    }
    size
}

/// The first baseline of `node` laid out with these inputs, from its border
/// box's top edge; `None` when it has none (the caller synthesizes one from
/// the bottom edge). Lays the node out fully unless that is memoised.
fn first_baseline<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
) -> Option<f32> {
    let key = normalized_key(
        ctx.host.style(node),
        known,
        parent,
        available,
        false,
        Size::all(false),
    );
    if let Some((_, baseline)) = ctx.host.cache(node).get_full(&key) {
        return baseline;
    }
    compute(
        ctx,
        node,
        known,
        parent,
        available,
        true,
        false,
        Size::all(false),
    );
    ctx.host.cache(node).get_full(&key).and_then(|(_, b)| b)
}

/// The cache key of a computation, with the inputs that cannot change the
/// result dropped, so that equivalent requests share one entry: the
/// available space on an axis whose size is already fixed, the percentage
/// basis of a node without percentages, the content-size flag of a node
/// without sizes.
fn normalized_key(
    style: &Style,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    content: bool,
    indefinite: Size<bool>,
) -> CacheKey {
    let pct = |d: Dim| matches!(d, Dim::Percent(_));
    let e = |e: &Edges<Dim>| pct(e.left) || pct(e.top) || pct(e.right) || pct(e.bottom);
    let uses_percent = pct(style.size.width)
        || pct(style.size.height)
        || pct(style.min_size.width)
        || pct(style.min_size.height)
        || pct(style.max_size.width)
        || pct(style.max_size.height)
        || e(&style.margin)
        || e(&style.padding);
    let sized = |d: Dim, mn: Dim, mx: Dim| !d.is_auto() || !mn.is_auto() || !mx.is_auto();
    let content = content
        && (sized(style.size.width, style.min_size.width, style.max_size.width)
            || sized(
                style.size.height,
                style.min_size.height,
                style.max_size.height,
            ));
    let fixed = |k: Option<f32>, d: Dim| k.is_some() || (!content && matches!(d, Dim::Points(_)));
    let available = Size::new(
        if fixed(known.width, style.size.width) {
            AvailableSpace::MaxContent
        } else {
            available.width
        },
        if fixed(known.height, style.size.height) {
            AvailableSpace::MaxContent
        } else {
            available.height
        },
    );
    let parent = if uses_percent {
        parent
    } else {
        Size::all(None)
    };
    CacheKey::new(known, available, parent, content, indefinite)
}

fn leaf<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    style: &Style,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    content: bool,
) -> Size<f32> {
    let r = resolve_for(style, parent, content);
    let pb = r.pb_sum();
    let size = Size::new(
        known
            .width
            .or_else(|| r.size.width.map(|w| clamp(w, r.min.width, r.max.width))),
        known
            .height
            .or_else(|| r.size.height.map(|h| clamp(h, r.min.height, r.max.height))),
    );
    if let (Some(w), Some(h)) = (size.width, size.height) {
        return Size::new(w.max(pb.width), h.max(pb.height));
    }
    let ms = r.margin_sum();
    let avail = Size::new(
        inner_available(
            size.width,
            available.width,
            ms.width,
            r.min.width,
            r.max.width,
            pb.width,
        ),
        inner_available(
            size.height,
            available.height,
            ms.height,
            r.min.height,
            r.max.height,
            pb.height,
        ),
    );
    let content_known = Size::new(
        size.width.map(|w| (w - pb.width).max(0.0)),
        size.height.map(|h| (h - pb.height).max(0.0)),
    );
    let measured = ctx
        .host
        .measure(node, content_known, avail)
        .unwrap_or(Size::all(0.0));
    let w = match size.width {
        Some(w) => w,
        None => clamp(finite(measured.width) + pb.width, r.min.width, r.max.width),
    };
    let h = match size.height {
        Some(h) => h,
        None => clamp(
            finite(measured.height) + pb.height,
            r.min.height,
            r.max.height,
        ),
    };
    Size::new(w.max(pb.width), h.max(pb.height))
}

// ---------------------------------------------------------------- flex

struct Item {
    node: usize,
    r: Resolved,
    align: AlignItems,
    grow: f32,
    shrink: f32,
    scroll_main: bool,
    /// Cross size known before line layout (own size, or the stretched
    /// cross size of a single-line container with a definite cross size).
    cross_known: Option<f32>,
    base: f32,
    min_main: f32,
    max_main: Option<f32>,
    hypo_main: f32,
    target: f32,
    frozen: bool,
    /// The automatic minimum size is not computed yet (see step 3).
    min_pending: bool,
    hypo_cross: f32,
    /// Takes part in baseline alignment (row container, `align-self:
    /// baseline`, no auto cross margins).
    baseline_item: bool,
    /// Distance from the item's outer (margin-box) top to its baseline.
    baseline: f32,
    cross: f32,
    pos_main: f32,
    pos_cross: f32,
}

impl Item {
    fn margin_main(&self, row: bool) -> f32 {
        main_of(self.r.margin_sum(), row)
    }
    fn margin_cross(&self, row: bool) -> f32 {
        cross_of(self.r.margin_sum(), row)
    }
    fn pb_main(&self, row: bool) -> f32 {
        main_of(self.r.pb_sum(), row)
    }
    fn pb_cross(&self, row: bool) -> f32 {
        cross_of(self.r.pb_sum(), row)
    }
    /// (start, end) physical margins and auto flags on the main axis.
    fn main_margins(&self, row: bool) -> (f32, f32, bool, bool) {
        let m = &self.r.margin;
        let a = &self.r.margin_auto;
        if row {
            (m.left, m.right, a.left, a.right)
        } else {
            (m.top, m.bottom, a.top, a.bottom)
        }
    }
    fn cross_margins(&self, row: bool) -> (f32, f32, bool, bool) {
        let m = &self.r.margin;
        let a = &self.r.margin_auto;
        if row {
            (m.top, m.bottom, a.top, a.bottom)
        } else {
            (m.left, m.right, a.left, a.right)
        }
    }
}

struct Line {
    start: usize,
    end: usize,
    cross: f32,
    /// The largest baseline distance of the line's baseline items.
    ascent: f32,
}

/// Offsets (leading space, space between items) for distributing `free`
/// space among `n` boxes.
fn distribute(kind: Distribution, free: f32, n: usize) -> (f32, f32) {
    match kind {
        Distribution::Start => (0.0, 0.0),
        Distribution::End => (free, 0.0),
        Distribution::Center => (free / 2.0, 0.0),
        Distribution::SpaceBetween => {
            if free > 0.0 && n > 1 {
                (0.0, free / (n - 1) as f32)
            } else {
                (0.0, 0.0)
            }
        }
        Distribution::SpaceAround => {
            if free > 0.0 && n > 0 {
                let b = free / n as f32;
                (b / 2.0, b)
            } else {
                (0.0, 0.0)
            }
        }
        Distribution::SpaceEvenly => {
            if free > 0.0 {
                let b = free / (n + 1) as f32;
                (b, b)
            } else {
                (0.0, 0.0)
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Distribution {
    Start,
    End,
    Center,
    SpaceBetween,
    SpaceAround,
    SpaceEvenly,
}

fn justify_distribution(j: JustifyContent, reverse: bool) -> Distribution {
    match j {
        JustifyContent::FlexStart => Distribution::Start,
        JustifyContent::FlexEnd => Distribution::End,
        JustifyContent::Start => {
            if reverse {
                Distribution::End
            } else {
                Distribution::Start
            }
        }
        JustifyContent::End => {
            if reverse {
                Distribution::Start
            } else {
                Distribution::End
            }
        }
        JustifyContent::Center => Distribution::Center,
        JustifyContent::SpaceBetween => Distribution::SpaceBetween,
        JustifyContent::SpaceAround => Distribution::SpaceAround,
        JustifyContent::SpaceEvenly => Distribution::SpaceEvenly,
    }
}

fn align_content_distribution(a: AlignContent, reverse: bool) -> Distribution {
    match a {
        AlignContent::FlexStart | AlignContent::Stretch => Distribution::Start,
        AlignContent::FlexEnd => Distribution::End,
        AlignContent::Start => {
            if reverse {
                Distribution::End
            } else {
                Distribution::Start
            }
        }
        AlignContent::End => {
            if reverse {
                Distribution::Start
            } else {
                Distribution::End
            }
        }
        AlignContent::Center => Distribution::Center,
        AlignContent::SpaceBetween => Distribution::SpaceBetween,
        AlignContent::SpaceAround => Distribution::SpaceAround,
        AlignContent::SpaceEvenly => Distribution::SpaceEvenly,
    }
}

/// Offset of a box of outer size `outer` in a slot of size `slot` for an
/// `align-self` value; `reverse` when the cross axis is flipped
/// (`wrap-reverse`).
fn align_offset(a: AlignItems, slot: f32, outer: f32, reverse: bool) -> f32 {
    let free = slot - outer;
    match a {
        AlignItems::Baseline => 0.0,
        AlignItems::Stretch | AlignItems::FlexStart => {
            if reverse {
                free
            } else {
                0.0
            }
        }
        AlignItems::FlexEnd => {
            if reverse {
                0.0
            } else {
                free
            }
        }
        AlignItems::Center => free / 2.0,
        AlignItems::Start => 0.0,
        AlignItems::End => free,
    }
}

#[allow(clippy::too_many_arguments)]
fn flex_container<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    style: &Style,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    full: bool,
    content: bool,
    indefinite: Size<bool>,
) -> (Size<f32>, Option<f32>) {
    // 1. The container itself.
    let row = style.flex_direction.is_row();
    let reverse = style.flex_direction.is_reverse();
    let wrap = style.flex_wrap != FlexWrap::NoWrap;
    let wrap_reverse = style.flex_wrap == FlexWrap::WrapReverse;
    let r = resolve_for(style, parent, content);
    let pb = r.pb_sum();
    let node_size = Size::new(
        known
            .width
            .or_else(|| r.size.width.map(|w| clamp(w, r.min.width, r.max.width)))
            .map(|w| w.max(pb.width)),
        known
            .height
            .or_else(|| r.size.height.map(|h| clamp(h, r.min.height, r.max.height)))
            .map(|h| h.max(pb.height)),
    );
    if !full {
        if let (Some(w), Some(h)) = (node_size.width, node_size.height) {
            return (Size::new(w, h), None);
        }
    }
    let ms = r.margin_sum();
    let avail = Size::new(
        inner_available(
            node_size.width,
            available.width,
            ms.width,
            r.min.width,
            r.max.width,
            pb.width,
        ),
        inner_available(
            node_size.height,
            available.height,
            ms.height,
            r.min.height,
            r.max.height,
            pb.height,
        ),
    );
    let inner = Size::new(
        node_size.width.map(|w| (w - pb.width).max(0.0)),
        node_size.height.map(|h| (h - pb.height).max(0.0)),
    );
    // The percentage basis of the items: the content box, except on axes
    // whose size is not definite for percentages.
    let pct_inner = Size::new(
        inner.width.filter(|_| !indefinite.width),
        inner.height.filter(|_| !indefinite.height),
    );
    let avail_main = main_of(avail, row);
    let avail_cross = cross_of(avail, row);
    let pb_main = main_of(pb, row);
    let pb_cross = cross_of(pb, row);
    let min_main_c = main_of(r.min, row);
    let max_main_c = main_of(r.max, row);
    let min_cross_c = cross_of(r.min, row);
    let max_cross_c = cross_of(r.max, row);
    let main_gap = finite(main_of(style.gap, row).resolve_or_zero(main_of(inner, row))).max(0.0);
    let cross_gap = finite(cross_of(style.gap, row).resolve_or_zero(cross_of(inner, row))).max(0.0);

    // 2. Items.
    let count = ctx.host.child_count(node);
    let mut items: Vec<Item> = Vec::new();
    let mut absolutes: Vec<usize> = Vec::new();
    for i in 0..count {
        let child = ctx.host.child(node, i);
        let cs = ctx.host.style(child);
        if cs.display == Display::None {
            continue;
        }
        if cs.position == Position::Absolute {
            absolutes.push(child);
            continue;
        }
        let cr = resolve(cs, pct_inner);
        let align = cs.align_self.unwrap_or(style.align_items);
        let scroll_main = main_of(cs.overflow, row) != Overflow::Visible;
        let (_, _, cas, cae) = if row {
            (0.0, 0.0, cr.margin_auto.top, cr.margin_auto.bottom)
        } else {
            (0.0, 0.0, cr.margin_auto.left, cr.margin_auto.right)
        };
        let own_cross =
            cross_of(cr.size, row).map(|c| clamp(c, cross_of(cr.min, row), cross_of(cr.max, row)));
        let cross_known = own_cross.or_else(|| {
            if !wrap && align == AlignItems::Stretch && !cas && !cae {
                cross_of(inner, row).map(|c| {
                    let m = cross_of(cr.margin_sum(), row);
                    clamp(
                        (c - m).max(0.0),
                        cross_of(cr.min, row),
                        cross_of(cr.max, row),
                    )
                    .max(cross_of(cr.pb_sum(), row))
                })
            } else {
                None
            }
        });
        let content_box = cs.box_sizing == BoxSizing::ContentBox;
        let basis = cs
            .flex_basis
            .resolve(main_of(pct_inner, row))
            .filter(|v| v.is_finite())
            .map(|v| {
                if content_box {
                    v + main_of(cr.pb_sum(), row)
                } else {
                    v
                }
            });
        items.push(Item {
            node: child,
            align,
            grow: finite(cs.flex_grow).max(0.0),
            shrink: finite(cs.flex_shrink).max(0.0),
            scroll_main,
            cross_known,
            base: basis.unwrap_or(f32::NAN),
            min_main: 0.0,
            max_main: None,
            hypo_main: 0.0,
            target: 0.0,
            frozen: false,
            min_pending: false,
            hypo_cross: 0.0,
            baseline_item: false,
            baseline: 0.0,
            cross: 0.0,
            pos_main: 0.0,
            pos_cross: 0.0,
            r: cr,
        });
    }

    // 3. Flex base sizes and hypothetical main sizes.
    let content_mode = if avail_main == AvailableSpace::MinContent {
        AvailableSpace::MinContent
    } else {
        AvailableSpace::MaxContent
    };
    for item in items.iter_mut() {
        let pbm = item.pb_main(row);
        let ck = axes(None, item.cross_known, row);
        let explicit_basis = !item.base.is_nan();
        if item.base.is_nan() {
            item.base = match main_of(item.r.size, row) {
                Some(s) => s,
                None => {
                    // Content-based basis; min/max are ignored for the base size.
                    let s = compute_node_as(
                        ctx,
                        item.node,
                        ck,
                        pct_inner,
                        axes(content_mode, avail_cross, row),
                        false,
                        true,
                    );
                    main_of(s, row)
                }
            };
        }
        item.base = item.base.max(pbm);
        item.max_main = main_of(item.r.max, row);
        // The automatic minimum size never exceeds a base size taken from
        // the content or from `size` (min-content <= max-content), so it is
        // only needed up front for an explicit flex-basis; otherwise it is
        // computed later, for items of lines that shrink.
        item.min_main = match main_of(item.r.min, row) {
            Some(m) => m,
            None if item.scroll_main => 0.0,
            None if explicit_basis => automatic_min_size(ctx, item, pct_inner, avail_cross, row),
            None => {
                item.min_pending = true;
                0.0
            }
        }
        .max(pbm);
        item.hypo_main = clamp(item.base, Some(item.min_main), item.max_main).max(pbm);
    }

    // 4. Flex lines.
    let mut lines: Vec<Line> = Vec::new();
    if !wrap || items.is_empty() {
        lines.push(Line {
            start: 0,
            end: items.len(),
            cross: 0.0,
            ascent: 0.0,
        });
    } else {
        match avail_main {
            AvailableSpace::MinContent => {
                for i in 0..items.len() {
                    lines.push(Line {
                        start: i,
                        end: i + 1,
                        cross: 0.0,
                        ascent: 0.0,
                    });
                }
            }
            AvailableSpace::MaxContent => lines.push(Line {
                start: 0,
                end: items.len(),
                cross: 0.0,
                ascent: 0.0,
            }),
            AvailableSpace::Definite(space) => {
                let mut start = 0;
                let mut used = 0.0;
                for (i, item) in items.iter().enumerate() {
                    let outer = item.hypo_main + item.margin_main(row);
                    if i > start && used + main_gap + outer > space + 0.001 {
                        lines.push(Line {
                            start,
                            end: i,
                            cross: 0.0,
                            ascent: 0.0,
                        });
                        start = i;
                        used = outer;
                    } else {
                        used += if i > start { main_gap + outer } else { outer };
                    }
                }
                lines.push(Line {
                    start,
                    end: items.len(),
                    cross: 0.0,
                    ascent: 0.0,
                });
            }
        }
    }

    // 5. Container main size.
    let inner_main = match main_of(inner, row) {
        Some(v) => v,
        None => {
            let mut longest: f32 = 0.0;
            for line in &lines {
                let slice = &items[line.start..line.end];
                let gaps = main_gap * (slice.len().max(1) - 1) as f32;
                // A column's height comes from laying out its items (like any
                // block size); a row's intrinsic width sums the items'
                // min/max-content contributions (as Chrome does).
                let len: f32 = match avail_main {
                    _ if !row => {
                        slice
                            .iter()
                            .map(|it| it.hypo_main + it.margin_main(row))
                            .sum::<f32>()
                            + gaps
                    }
                    AvailableSpace::Definite(_) => {
                        slice
                            .iter()
                            .map(|it| it.hypo_main + it.margin_main(row))
                            .sum::<f32>()
                            + gaps
                    }
                    _ => {
                        let mut sum = gaps;
                        for it in slice {
                            let pref = main_of(it.r.size, row);
                            let c = match pref {
                                Some(p) => p,
                                None => {
                                    let s = compute_node(
                                        ctx,
                                        it.node,
                                        axes(None, it.cross_known, row),
                                        pct_inner,
                                        axes(avail_main, avail_cross, row),
                                        false,
                                    );
                                    main_of(s, row)
                                }
                            };
                            sum += clamp(c, Some(it.min_main), it.max_main).max(it.pb_main(row))
                                + it.margin_main(row);
                        }
                        sum
                    }
                };
                longest = longest.max(len);
            }
            if let AvailableSpace::Definite(space) = avail_main {
                if lines.len() > 1 {
                    longest = longest.max(space);
                }
            }
            (clamp(longest + pb_main, min_main_c, max_main_c).max(pb_main) - pb_main).max(0.0)
        }
    };

    // A percentage gap against an indefinite size counted as zero while
    // sizing the container; it resolves against the final size for layout.
    let main_gap = if main_of(inner, row).is_none() {
        finite(main_of(style.gap, row).resolve_or_zero(Some(inner_main))).max(0.0)
    } else {
        main_gap
    };

    // 6. Resolve flexible lengths.
    for line in &lines {
        let slice = &mut items[line.start..line.end];
        let used: f32 = slice
            .iter()
            .map(|it| it.hypo_main + it.margin_main(row))
            .sum::<f32>()
            + main_gap * (slice.len().max(1) - 1) as f32;
        if used > inner_main {
            for item in slice
                .iter_mut()
                .filter(|it| it.min_pending && it.shrink > 0.0)
            {
                item.min_main = automatic_min_size(ctx, item, pct_inner, avail_cross, row)
                    .max(item.pb_main(row));
                item.min_pending = false;
            }
        }
        resolve_flexible_lengths(&mut items[line.start..line.end], inner_main, main_gap, row);
    }

    // 7. Cross sizes.
    for item in items.iter_mut() {
        let pbc = item.pb_cross(row);
        let min_c = cross_of(item.r.min, row);
        let max_c = cross_of(item.r.max, row);
        item.hypo_cross = match cross_of(item.r.size, row) {
            Some(c) => clamp(c, min_c, max_c),
            // Stretched in a single-line container with a definite cross
            // size: the line's size decides, no need to measure.
            None if item.cross_known.is_some() => item.cross_known.unwrap_or(0.0),
            None => {
                let s = compute_node(
                    ctx,
                    item.node,
                    axes(Some(item.target), None, row),
                    pct_inner,
                    axes(AvailableSpace::Definite(inner_main), avail_cross, row),
                    false,
                );
                clamp(cross_of(s, row), min_c, max_c)
            }
        }
        .max(pbc);
        // Baseline alignment (rows only; in a column it is flex-start):
        // lay the item out at its hypothetical size to find its baseline,
        // synthesized from the bottom edge when it has none.
        let (_, _, a1, a2) = item.cross_margins(row);
        if row && item.align == AlignItems::Baseline && !a1 && !a2 {
            let b = first_baseline(
                ctx,
                item.node,
                Size::new(Some(item.target), Some(item.hypo_cross)),
                pct_inner,
                axes(AvailableSpace::Definite(inner_main), avail_cross, row),
            )
            .unwrap_or(item.hypo_cross);
            item.baseline_item = true;
            item.baseline = b + item.r.margin.top;
            if wrap_reverse {
                // The cross axis runs upwards: measure from the bottom edge.
                item.baseline = item.hypo_cross + item.margin_cross(row) - item.baseline;
            }
        }
    }
    let inner_cross_known = cross_of(inner, row);
    for line in lines.iter_mut() {
        let slice = &items[line.start..line.end];
        line.ascent = slice
            .iter()
            .filter(|it| it.baseline_item)
            .map(|it| it.baseline)
            .fold(0.0, f32::max);
        if !wrap {
            if let Some(c) = inner_cross_known {
                line.cross = c;
                continue;
            }
        }
        let mut c: f32 = 0.0;
        let mut descent: f32 = 0.0;
        for it in slice {
            let outer = it.hypo_cross + it.margin_cross(row);
            if it.baseline_item {
                descent = descent.max(outer - it.baseline);
            } else {
                c = c.max(outer);
            }
        }
        c = c.max(line.ascent + descent);
        if !wrap {
            c = (clamp(c + pb_cross, min_cross_c, max_cross_c) - pb_cross).max(0.0);
        }
        line.cross = c;
    }
    let lines_cross: f32 =
        lines.iter().map(|l| l.cross).sum::<f32>() + cross_gap * (lines.len().max(1) - 1) as f32;
    let inner_cross = match inner_cross_known {
        Some(c) => c,
        None => (clamp(lines_cross + pb_cross, min_cross_c, max_cross_c).max(pb_cross) - pb_cross)
            .max(0.0),
    };
    if wrap && style.align_content == AlignContent::Stretch && !lines.is_empty() {
        let free = inner_cross - lines_cross;
        if free > 0.0 {
            let add = free / lines.len() as f32;
            for line in lines.iter_mut() {
                line.cross += add;
            }
        }
    }
    for line in &lines {
        for item in items[line.start..line.end].iter_mut() {
            let (_, _, a1, a2) = item.cross_margins(row);
            item.cross = if item.align == AlignItems::Stretch
                && cross_of(item.r.size, row).is_none()
                && !a1
                && !a2
            {
                clamp(
                    line.cross - item.margin_cross(row),
                    cross_of(item.r.min, row),
                    cross_of(item.r.max, row),
                )
                .max(item.pb_cross(row))
            } else {
                item.hypo_cross
            };
        }
    }

    let outer = axes(inner_main + pb_main, inner_cross + pb_cross, row);
    if !full {
        return (outer, None);
    }

    // 8. Main-axis alignment.
    let (pb_main_start, pb_cross_start) = if row {
        (r.pb.left, r.pb.top)
    } else {
        (r.pb.top, r.pb.left)
    };
    let jd = justify_distribution(style.justify_content, reverse);
    for line in &lines {
        let slice = &mut items[line.start..line.end];
        let n = slice.len();
        let used: f32 = slice
            .iter()
            .map(|it| it.target + it.margin_main(row))
            .sum::<f32>()
            + main_gap * (n.max(1) - 1) as f32;
        let mut free = inner_main - used;
        let autos: usize = slice
            .iter()
            .map(|it| {
                let (_, _, a, b) = it.main_margins(row);
                a as usize + b as usize
            })
            .sum();
        let mut per_auto = 0.0;
        if autos > 0 {
            if free > 0.0 {
                per_auto = free / autos as f32;
            }
            free = 0.0;
        }
        let (lead, between) = distribute(jd, free, n);
        let mut pos = lead;
        for it in slice.iter_mut() {
            let (ms, me, sa, ea) = it.main_margins(row);
            let ms = if sa { per_auto } else { ms };
            let me = if ea { per_auto } else { me };
            let (lead_m, trail_m) = if reverse { (me, ms) } else { (ms, me) };
            pos += lead_m;
            it.pos_main = if reverse {
                pb_main_start + inner_main - pos - it.target
            } else {
                pb_main_start + pos
            };
            pos += it.target + trail_m + main_gap + between;
        }
    }

    // 9. Cross-axis alignment and line placement.
    let free_lines = inner_cross - lines_cross;
    let (lead, between) = if wrap {
        distribute(
            align_content_distribution(style.align_content, wrap_reverse),
            free_lines,
            lines.len(),
        )
    } else {
        (0.0, 0.0)
    };
    let mut c = lead;
    for line in &lines {
        let line_start = if wrap_reverse {
            pb_cross_start + inner_cross - c - line.cross
        } else {
            pb_cross_start + c
        };
        for it in items[line.start..line.end].iter_mut() {
            let (ms, me, sa, ea) = it.cross_margins(row);
            let outer_c = it.cross + ms + me;
            let free = line.cross - outer_c;
            let offset = if it.baseline_item {
                if wrap_reverse {
                    line.cross - (line.ascent - it.baseline) - outer_c + ms
                } else {
                    line.ascent - it.baseline + ms
                }
            } else if (sa || ea) && free > 0.0 {
                if sa && ea {
                    free / 2.0 + ms
                } else if sa {
                    free + ms
                } else {
                    ms
                }
            } else {
                align_offset(it.align, line.cross, outer_c, wrap_reverse) + ms
            };
            it.pos_cross = line_start + offset;
        }
        c += line.cross + cross_gap + between;
    }

    // 10. Final layout of the items, then the absolute children.
    let final_inner = axes(Some(inner_main), Some(inner_cross), row);
    // Flexed main sizes are definite only in a container whose main size
    // is (9.8); stretched cross sizes always are (9.8.4).
    let item_indefinite = axes(main_of(pct_inner, row).is_none(), false, row);
    for it in &items {
        let size = axes(it.target, it.cross, row);
        compute(
            ctx,
            it.node,
            Size::new(Some(size.width), Some(size.height)),
            final_inner,
            Size::new(
                AvailableSpace::Definite(final_inner.width.unwrap_or(0.0)),
                AvailableSpace::Definite(final_inner.height.unwrap_or(0.0)),
            ),
            true,
            false,
            item_indefinite,
        );
        let (mut x, mut y) = if row {
            (it.pos_main, it.pos_cross)
        } else {
            (it.pos_cross, it.pos_main)
        };
        // Relative positioning: shift by the insets, siblings unaffected.
        let inset = ctx.host.style(it.node).inset;
        let dx = match (
            inset.left.resolve(final_inner.width),
            inset.right.resolve(final_inner.width),
        ) {
            (Some(l), _) => l,
            (None, Some(r)) => -r,
            _ => 0.0,
        };
        let dy = match (
            inset.top.resolve(final_inner.height),
            inset.bottom.resolve(final_inner.height),
        ) {
            (Some(t), _) => t,
            (None, Some(b)) => -b,
            _ => 0.0,
        };
        x += finite(dx);
        y += finite(dy);
        ctx.host.cache(it.node).placed = LayoutBox {
            x,
            y,
            width: size.width,
            height: size.height,
        };
    }
    for child in absolutes {
        place_absolute(ctx, child, style, &r, outer, row, reverse, wrap_reverse);
    }

    // The container's first baseline (8.5): that of the first baseline item
    // of the first line, else of the line's first item (synthesized from
    // its bottom edge when it has none). "First" is physical, as in Chrome:
    // the top/left line and item, whatever the reverse flags.
    let first_line = if wrap_reverse {
        lines.last()
    } else {
        lines.first()
    };
    let baseline = first_line.and_then(|line| {
        // Physically first: reverse directions start from the other end.
        let slice = &items[line.start..line.end];
        let mut order: Vec<&Item> = slice.iter().collect();
        if reverse {
            order.reverse();
        }
        let it = order
            .iter()
            .find(|it| it.baseline_item)
            .or_else(|| order.first())?;
        let placed = ctx.host.cache(it.node).placed;
        let b = ctx
            .host
            .cache(it.node)
            .placed_baseline()
            .unwrap_or(placed.height);
        Some(placed.y + b)
    });
    (outer, baseline)
}

/// The automatic minimum main size of a flex item (`min-width: auto`,
/// CSS Flexbox 4.5): its min-content size, capped by its max size and by
/// its specified size.
fn automatic_min_size<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    item: &Item,
    inner: Size<Option<f32>>,
    avail_cross: AvailableSpace,
    row: bool,
) -> f32 {
    let s = compute_node_as(
        ctx,
        item.node,
        axes(None, item.cross_known, row),
        inner,
        axes(AvailableSpace::MinContent, avail_cross, row),
        false,
        true,
    );
    let mut m = main_of(s, row);
    if let Some(x) = main_of(item.r.max, row) {
        m = m.min(x);
    }
    if let Some(x) = main_of(item.r.size, row) {
        m = m.min(x);
    }
    m
}

fn resolve_flexible_lengths(items: &mut [Item], inner_main: f32, gap: f32, row: bool) {
    if items.is_empty() {
        return;
    }
    let gaps = gap * (items.len() - 1) as f32;
    let used: f32 = items
        .iter()
        .map(|it| it.hypo_main + it.margin_main(row))
        .sum::<f32>()
        + gaps;
    let growing = used < inner_main;
    for it in items.iter_mut() {
        it.target = it.hypo_main;
        let factor = if growing { it.grow } else { it.shrink };
        it.frozen = factor == 0.0
            || (growing && it.base > it.hypo_main)
            || (!growing && it.base < it.hypo_main);
    }
    let space = |items: &[Item]| -> f32 {
        inner_main
            - gaps
            - items
                .iter()
                .map(|it| if it.frozen { it.target } else { it.base } + it.margin_main(row))
                .sum::<f32>()
    };
    let initial_free = space(items);
    loop {
        if items.iter().all(|it| it.frozen) {
            break;
        }
        let mut free = space(items);
        let factor_sum: f32 = items
            .iter()
            .filter(|it| !it.frozen)
            .map(|it| if growing { it.grow } else { it.shrink })
            .sum();
        if factor_sum < 1.0 {
            let scaled = initial_free * factor_sum;
            if scaled.abs() < free.abs() {
                free = scaled;
            }
        }
        if free.is_finite() && free != 0.0 {
            if growing {
                if factor_sum > 0.0 {
                    for it in items.iter_mut().filter(|it| !it.frozen) {
                        it.target = it.base + free * it.grow / factor_sum;
                    }
                }
            } else {
                let scaled_sum: f32 = items
                    .iter()
                    .filter(|it| !it.frozen)
                    .map(|it| it.shrink * (it.base - it.pb_main(row)))
                    .sum();
                for it in items.iter_mut().filter(|it| !it.frozen) {
                    it.target = if scaled_sum > 0.0 {
                        it.base + free * it.shrink * (it.base - it.pb_main(row)) / scaled_sum
                    } else {
                        it.base
                    };
                }
            }
        } else {
            for it in items.iter_mut().filter(|it| !it.frozen) {
                it.target = it.base;
            }
        }
        // Fix min/max violations.
        let mut total = 0.0;
        let mut violations: Vec<f32> = vec![0.0; items.len()];
        for (i, it) in items.iter_mut().enumerate() {
            if it.frozen {
                continue;
            }
            let clamped = clamp(it.target, Some(it.min_main), it.max_main).max(it.pb_main(row));
            violations[i] = clamped - it.target;
            total += violations[i];
            it.target = clamped;
        }
        for (i, it) in items.iter_mut().enumerate() {
            if it.frozen {
                continue;
            }
            let v = violations[i];
            // A non-finite total (NaN sizes from the host) freezes everything
            // so the loop always ends.
            if !total.is_finite()
                || total == 0.0
                || (total > 0.0 && v > 0.0)
                || (total < 0.0 && v < 0.0)
            {
                it.frozen = true;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn place_absolute<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    child: usize,
    style: &Style,
    r: &Resolved,
    outer: Size<f32>,
    row: bool,
    reverse: bool,
    wrap_reverse: bool,
) {
    let pad_w = (outer.width - r.border.left - r.border.right).max(0.0);
    let pad_h = (outer.height - r.border.top - r.border.bottom).max(0.0);
    let pad = Size::new(Some(pad_w), Some(pad_h));
    let cs = ctx.host.style(child).clone();
    let cr = resolve(&cs, pad);
    let left = cs.inset.left.resolve(Some(pad_w));
    let right = cs.inset.right.resolve(Some(pad_w));
    let top = cs.inset.top.resolve(Some(pad_h));
    let bottom = cs.inset.bottom.resolve(Some(pad_h));
    let ms = cr.margin_sum();
    let pbs = cr.pb_sum();
    let mut w = cr.size.width.or(match (left, right) {
        (Some(l), Some(r)) => Some(pad_w - l - r - ms.width),
        _ => None,
    });
    let mut h = cr.size.height.or(match (top, bottom) {
        (Some(t), Some(b)) => Some(pad_h - t - b - ms.height),
        _ => None,
    });
    w = w.map(|v| clamp(v, cr.min.width, cr.max.width).max(pbs.width));
    h = h.map(|v| clamp(v, cr.min.height, cr.max.height).max(pbs.height));
    let avail = Size::new(
        AvailableSpace::Definite((pad_w - left.unwrap_or(0.0) - right.unwrap_or(0.0)).max(0.0)),
        AvailableSpace::Definite((pad_h - top.unwrap_or(0.0) - bottom.unwrap_or(0.0)).max(0.0)),
    );
    if w.is_none() || h.is_none() {
        let s = compute_node(ctx, child, Size::new(w, h), pad, avail, false);
        w = Some(clamp(s.width, cr.min.width, cr.max.width).max(pbs.width));
        h = Some(clamp(s.height, cr.min.height, cr.max.height).max(pbs.height));
    }
    let w = w.unwrap_or(0.0);
    let h = h.unwrap_or(0.0);
    compute_node(ctx, child, Size::new(Some(w), Some(h)), pad, avail, true);

    // Auto margins absorb the free space between two insets.
    let solve = |start: Option<f32>,
                 end: Option<f32>,
                 size: f32,
                 pad_len: f32,
                 m_start: f32,
                 m_end: f32,
                 a_start: bool,
                 a_end: bool|
     -> Option<f32> {
        match (start, end) {
            (Some(s), Some(e)) => {
                let free = pad_len - s - e - size - m_start - m_end;
                if a_start && a_end {
                    Some(s + if free > 0.0 { free / 2.0 } else { 0.0 })
                } else if a_start {
                    Some(s + free + m_start)
                } else {
                    Some(s + m_start)
                }
            }
            (Some(s), None) => Some(s + m_start),
            (None, Some(e)) => Some(pad_len - e - size - m_end),
            (None, None) => None,
        }
    };
    let x = solve(
        left,
        right,
        w,
        pad_w,
        cr.margin.left,
        cr.margin.right,
        cr.margin_auto.left,
        cr.margin_auto.right,
    );
    let y = solve(
        top,
        bottom,
        h,
        pad_h,
        cr.margin.top,
        cr.margin.bottom,
        cr.margin_auto.top,
        cr.margin_auto.bottom,
    );

    // Static position: as if it were the only item, aligned by
    // justify-content on the main axis and align-self on the cross axis.
    let content_w = (outer.width - r.pb.left - r.pb.right).max(0.0);
    let content_h = (outer.height - r.pb.top - r.pb.bottom).max(0.0);
    let static_axis = |is_main: bool, horizontal: bool| -> f32 {
        let (slot, size, m_start, m_end, pb_start) = if horizontal {
            (content_w, w, cr.margin.left, cr.margin.right, r.pb.left)
        } else {
            (content_h, h, cr.margin.top, cr.margin.bottom, r.pb.top)
        };
        let outer_size = size + m_start + m_end;
        let off = if is_main {
            let free = slot - outer_size;
            match justify_distribution(style.justify_content, reverse) {
                Distribution::Start | Distribution::SpaceBetween => {
                    if reverse {
                        free
                    } else {
                        0.0
                    }
                }
                Distribution::End => {
                    if reverse {
                        0.0
                    } else {
                        free
                    }
                }
                _ => free / 2.0,
            }
        } else {
            align_offset(
                cs.align_self.unwrap_or(style.align_items),
                slot,
                outer_size,
                wrap_reverse,
            )
        };
        pb_start + off + m_start
    };
    let x = match x {
        Some(x) => r.border.left + x,
        None => static_axis(row, true),
    };
    let y = match y {
        Some(y) => r.border.top + y,
        None => static_axis(!row, false),
    };
    ctx.host.cache(child).placed = LayoutBox {
        x,
        y,
        width: w,
        height: h,
    };
}
