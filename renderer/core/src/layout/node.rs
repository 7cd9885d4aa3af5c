//! One node's layout: the memoised entry point of the engine.
//!
//! `compute_node` returns a node's border-box size for given inputs (the
//! sizes its parent imposes, the percentage basis, the available space)
//! and, in full mode, also places its children (writing their `placed`
//! boxes into their caches). Results are memoised in the node's
//! `LayoutCache` under a normalised key. Leaves measure through the host;
//! every other node is a flex container (`flex.rs`).

use super::cache::CacheKey;
use super::keywords::{has_keywords, resolve_keywords};
use super::flex::flex_container;
use super::resolve::{clamp, finite, gutter, inner_available, resolve, resolve_for};
use super::style::BoxSizing;
use super::style::{AvailableSpace, Dim, Direction, Display, Edges, Size, Style};
use super::{LayoutBox, LayoutHost};

pub(crate) struct Ctx<'a, H: LayoutHost> {
    pub host: &'a mut H,
    pub laid_out: usize,
    /// The resolved direction of the node being laid out (`true` = rtl):
    /// what its children inherit. `compute` sets it for the node's own
    /// computation and restores it after.
    pub rtl: bool,
}

/// The direction `style` resolves to under an inherited one.
pub(super) fn resolved_rtl(style: &Style, inherited: bool) -> bool {
    match style.direction {
        Direction::Inherit => inherited,
        d => d == Direction::Rtl,
    }
}

/// Lays out the root in `available` space and places it at its margin
/// offset (the origin when it has no margins).
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
/// size suggestion of the automatic minimum size and for content-based
/// flex base sizes.
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
pub(super) fn compute<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    full: bool,
    content: bool,
    indefinite: Size<bool>,
) -> Size<f32> {
    // A preferred aspect ratio turns a size known on one axis into the
    // other's (before the memo: the key then holds both).
    let known = match ctx.host.style(node).aspect_ratio {
        Some(ratio) if !content && ratio.is_finite() && ratio > 0.0 => {
            ratio_known(ctx, node, known, parent, available, ratio)
        }
        _ => known,
    };
    // Sizes the parent already decided need no work.
    if !full {
        if let (Some(w), Some(h)) = (known.width, known.height) {
            return Size::new(w, h);
        }
    }
    let rtl = resolved_rtl(ctx.host.style(node), ctx.rtl);
    let key = normalized_key(
        ctx.host.style(node),
        known,
        parent,
        available,
        content,
        indefinite,
        rtl,
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
    let mut style = *ctx.host.style(node);
    let inherited = ctx.rtl;
    ctx.rtl = rtl;
    if !content && has_keywords(&style) {
        resolve_keywords(ctx, node, &mut style, parent, available, true);
    }
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
    ctx.rtl = inherited;
    if full {
        ctx.host.cache(node).store_full(key, size, baseline);
    } else {
        ctx.host.cache(node).store_size(key, size);
    }
    size
}

/// The sizes of a box with a preferred aspect ratio (CSS Sizing 4): a
/// width (imposed or its own) gives the height, else a height gives the
/// width, both clamped by the other axis' min/max; with neither, the width
/// is found as without a ratio and gives the height, and a height clamped
/// by min/max gives the width back (so `min-height` transfers to the width).
fn ratio_known<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    ratio: f32,
) -> Size<Option<f32>> {
    let style = ctx.host.style(node);
    let r = resolve(style, parent);
    let pb = r.pb_sum();
    // The ratio applies to the box `box-sizing` names.
    let (pw, ph) = if style.box_sizing == BoxSizing::ContentBox {
        (pb.width, pb.height)
    } else {
        (0.0, 0.0)
    };
    let to_h = |w: f32| {
        let h = (w - pw).max(0.0) / ratio + ph;
        clamp(h, r.min.height, r.max.height).max(pb.height)
    };
    let to_w = |h: f32| {
        let w = (h - ph).max(0.0) * ratio + pw;
        clamp(w, r.min.width, r.max.width).max(pb.width)
    };
    let own = |s: Option<f32>, mn, mx| s.map(|v| clamp(v, mn, mx));
    let w = known.width.or_else(|| own(r.size.width, r.min.width, r.max.width));
    let h = known
        .height
        .or_else(|| own(r.size.height, r.min.height, r.max.height));
    match (w, h) {
        (Some(w), None) => Size::new(known.width, Some(to_h(w))),
        (None, Some(h)) => Size::new(Some(to_w(h)), known.height),
        (None, None) => {
            // Memoised under the ratio-less inputs, which only this path uses.
            let s = compute_node_as(ctx, node, known, parent, available, false, true);
            let w = clamp(s.width, r.min.width, r.max.width).max(pb.width);
            let h = to_h(w);
            let w = if h == (w - pw).max(0.0) / ratio + ph {
                w
            } else {
                to_w(h)
            };
            Size::new(Some(w), Some(h))
        }
        _ => known,
    }
}

/// The first baseline of `node` laid out with these inputs, from its border
/// box's top edge; `None` when it has none (the caller synthesizes one from
/// the bottom edge). Lays the node out fully unless that is memoised.
pub(super) fn first_baseline<H: LayoutHost>(
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
        resolved_rtl(ctx.host.style(node), ctx.rtl),
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
pub(super) fn normalized_key(
    style: &Style,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    content: bool,
    indefinite: Size<bool>,
    rtl: bool,
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
    CacheKey::new(known, available, parent, content, indefinite, rtl)
}

pub(super) fn leaf<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    style: &Style,
    known: Size<Option<f32>>,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    content: bool,
) -> Size<f32> {
    let r = resolve_for(style, parent, content);
    let floor = r.pb_sum();
    let g = gutter(style);
    // Padding, border and scrollbar gutters around the content.
    let pb = Size::new(floor.width + g.width, floor.height + g.height);
    let size = Size::new(
        known
            .width
            .or_else(|| r.size.width.map(|w| clamp(w, r.min.width, r.max.width))),
        known
            .height
            .or_else(|| r.size.height.map(|h| clamp(h, r.min.height, r.max.height))),
    );
    if let (Some(w), Some(h)) = (size.width, size.height) {
        return Size::new(w.max(floor.width), h.max(floor.height));
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
    let measured = match ctx.host.measure(node, content_known, avail) {
        Some(size) => {
            ctx.host.cache(node).measured = true;
            size
        }
        None => Size::all(0.0),
    };
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
    Size::new(w.max(floor.width), h.max(floor.height))
}
