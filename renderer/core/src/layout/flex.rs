//! The flexbox algorithm (CSS Flexible Box Layout Level 1, section 9).
//!
//! `flex_container` lays out one flex container (called by `node.rs`,
//! which memoises it). Steps, numbered like the spec, and where they live:
//!
//! 1. Resolve the container's own sizes (box-sizing, min/max, scrollbar
//!    gutters) and the space available to its items (9.2); in a right-to-left
//!    container, swap the horizontal edges into flow coordinates.
//! 2. Collect in-flow items; `display: none` and absolute children are left
//!    out (9.1). Intrinsic size keywords of an item become lengths here.
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
//!    every item is frozen (`flexible.rs`).
//! 7. Hypothetical cross sizes (9.4.7), line cross sizes (9.4.8; a
//!    single-line container with a definite cross size gives it to its
//!    line), container cross size, `align-content: stretch` (9.4.9) and
//!    `align-self: stretch` (9.4.11) (`cross.rs`).
//! 8. Main-axis alignment: auto margins, then `justify-content` (9.5).
//! 9. Cross-axis alignment: auto margins, then `align-self` (baseline
//!    items share the line's largest ascent, 8.3 / 9.4.8), lines placed by
//!    `align-content`, `wrap-reverse` flips the cross axis (9.6).
//! 10. Each item is laid out fully at its final size; absolute children are
//!     sized and placed against the padding box (their static position
//!     follows `justify-content` / `align-self` when insets are `auto`)
//!     (steps 8-10 in `place.rs`, absolute children in `absolute.rs`).

use super::absolute::place_absolute;
use super::keywords::{has_keywords, resolve_keywords};
use super::node::{compute_node, compute_node_as, Ctx};
use super::resolve::{
    axes, clamp, cross_of, finite, gutter, inner_available, main_of, resolve, resolve_for,
    Resolved,
};
use super::style::{
    AlignContent, AlignItems, AvailableSpace, BoxSizing, Dim, Display, Edges, FlexWrap,
    JustifyContent, Overflow, Position, Size, Style,
};
use super::{cross, flexible, place, LayoutHost};

/// The container's own values, resolved once (step 1) and shared by the
/// steps.
pub(super) struct Container {
    pub(super) row: bool,
    /// Right to left: the algorithm runs in flow coordinates (the
    /// horizontal edges of the container and its children swapped) and
    /// `place.rs` mirrors the positions back.
    pub(super) rtl: bool,
    pub(super) reverse: bool,
    pub(super) wrap: bool,
    pub(super) wrap_reverse: bool,
    pub(super) justify: JustifyContent,
    pub(super) align_items: AlignItems,
    pub(super) align_content: AlignContent,
    pub(super) r: Resolved,
    /// Padding + border + scrollbar gutter sums.
    pub(super) pb: Size<f32>,
    /// The scrollbar gutters (see `resolve::gutter`).
    pub(super) gutter: Size<f32>,
    /// Border-box size when known before layout.
    pub(super) size: Size<Option<f32>>,
    /// Content-box size when known before layout.
    pub(super) inner: Size<Option<f32>>,
    /// The items' percentage basis: `inner`, minus axes not definite for
    /// percentages.
    pub(super) pct_inner: Size<Option<f32>>,
    /// The space offered to the items.
    pub(super) avail: Size<AvailableSpace>,
    pub(super) main_gap: f32,
    pub(super) cross_gap: f32,
}

impl Container {
    fn new(
        style: &Style,
        known: Size<Option<f32>>,
        parent: Size<Option<f32>>,
        available: Size<AvailableSpace>,
        content: bool,
        indefinite: Size<bool>,
        rtl: bool,
    ) -> Container {
        let row = style.flex_direction.is_row();
        let mut r = resolve_for(style, parent, content);
        if rtl {
            // Flow coordinates: the inline-start edge is the right one (the
            // scrollbar gutter stays at the flow end, the inline end).
            mirror(&mut r.pb);
            mirror(&mut r.border);
        }
        let floor = r.pb_sum();
        let gutter = gutter(style);
        let pb = Size::new(floor.width + gutter.width, floor.height + gutter.height);
        let size = Size::new(
            known
                .width
                .or_else(|| r.size.width.map(|w| clamp(w, r.min.width, r.max.width)))
                .map(|w| w.max(floor.width)),
            known
                .height
                .or_else(|| r.size.height.map(|h| clamp(h, r.min.height, r.max.height)))
                .map(|h| h.max(floor.height)),
        );
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
        let inner = Size::new(
            size.width.map(|w| (w - pb.width).max(0.0)),
            size.height.map(|h| (h - pb.height).max(0.0)),
        );
        let pct_inner = Size::new(
            inner.width.filter(|_| !indefinite.width),
            inner.height.filter(|_| !indefinite.height),
        );
        let gap = |d: Dim, basis: Option<f32>| finite(d.resolve_or_zero(basis)).max(0.0);
        Container {
            row,
            rtl,
            reverse: style.flex_direction.is_reverse(),
            wrap: style.flex_wrap != FlexWrap::NoWrap,
            wrap_reverse: style.flex_wrap == FlexWrap::WrapReverse,
            justify: style.justify_content,
            align_items: style.align_items,
            align_content: style.align_content,
            main_gap: gap(main_of(style.gap, row), main_of(inner, row)),
            // Against an indefinite height (not stretched, not specified)
            // a percentage row gap is zero.
            cross_gap: gap(cross_of(style.gap, row), cross_of(pct_inner, row)),
            r,
            pb,
            gutter,
            size,
            inner,
            pct_inner,
            avail,
        }
    }

    pub(super) fn avail_main(&self) -> AvailableSpace {
        main_of(self.avail, self.row)
    }
    pub(super) fn avail_cross(&self) -> AvailableSpace {
        cross_of(self.avail, self.row)
    }
    pub(super) fn pb_main(&self) -> f32 {
        main_of(self.pb, self.row)
    }
    pub(super) fn pb_cross(&self) -> f32 {
        cross_of(self.pb, self.row)
    }
    /// Clamps an outer main size by the container's min/max.
    pub(super) fn clamp_main(&self, outer: f32) -> f32 {
        let row = self.row;
        clamp(outer, main_of(self.r.min, row), main_of(self.r.max, row))
            .max(main_of(self.r.pb_sum(), row))
    }
    /// Clamps an outer cross size by the container's min/max.
    pub(super) fn clamp_cross(&self, outer: f32) -> f32 {
        let row = self.row;
        clamp(outer, cross_of(self.r.min, row), cross_of(self.r.max, row))
            .max(cross_of(self.r.pb_sum(), row))
    }
}

/// A flex item and everything the algorithm finds out about it.
pub(super) struct Item {
    pub(super) node: usize,
    pub(super) r: Resolved,
    pub(super) align: AlignItems,
    pub(super) grow: f32,
    pub(super) shrink: f32,
    pub(super) scroll_main: bool,
    /// Cross size known before line layout (own size, or the stretched
    /// cross size of a single-line container with a definite cross size).
    pub(super) cross_known: Option<f32>,
    /// Flex base size (NaN until step 3 when `flex-basis` is not definite).
    pub(super) base: f32,
    pub(super) min_main: f32,
    pub(super) max_main: Option<f32>,
    pub(super) hypo_main: f32,
    /// The main size being resolved, then the used main size.
    pub(super) target: f32,
    pub(super) frozen: bool,
    /// The automatic minimum size is not computed yet (see step 3).
    pub(super) min_pending: bool,
    pub(super) hypo_cross: f32,
    /// Takes part in baseline alignment (row container, `align-self:
    /// baseline`, no auto cross margins).
    pub(super) baseline_item: bool,
    /// Distance from the item's outer (margin-box) cross-start edge to its
    /// baseline.
    pub(super) baseline: f32,
    /// Used cross size.
    pub(super) cross: f32,
    /// The used cross size is definite for the item's children: its own
    /// size, or stretched to its line (9.8.4).
    pub(super) definite_cross: bool,
    /// Border-box position in the container, main and cross axis.
    pub(super) pos_main: f32,
    pub(super) pos_cross: f32,
}

impl Item {
    pub(super) fn margin_main(&self, row: bool) -> f32 {
        main_of(self.r.margin_sum(), row)
    }
    pub(super) fn margin_cross(&self, row: bool) -> f32 {
        cross_of(self.r.margin_sum(), row)
    }
    pub(super) fn pb_main(&self, row: bool) -> f32 {
        main_of(self.r.pb_sum(), row)
    }
    pub(super) fn pb_cross(&self, row: bool) -> f32 {
        cross_of(self.r.pb_sum(), row)
    }
    /// (start, end) physical margins and auto flags on the main axis.
    pub(super) fn main_margins(&self, row: bool) -> (f32, f32, bool, bool) {
        let m = &self.r.margin;
        let a = &self.r.margin_auto;
        if row {
            (m.left, m.right, a.left, a.right)
        } else {
            (m.top, m.bottom, a.top, a.bottom)
        }
    }
    /// (start, end) physical margins and auto flags on the cross axis.
    pub(super) fn cross_margins(&self, row: bool) -> (f32, f32, bool, bool) {
        let m = &self.r.margin;
        let a = &self.r.margin_auto;
        if row {
            (m.top, m.bottom, a.top, a.bottom)
        } else {
            (m.left, m.right, a.left, a.right)
        }
    }
}

/// A flex line: a range of items.
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) cross: f32,
    /// The largest baseline distance of the line's baseline items.
    pub(super) ascent: f32,
}

impl Line {
    fn new(start: usize, end: usize) -> Line {
        Line {
            start,
            end,
            cross: 0.0,
            ascent: 0.0,
        }
    }
}

/// Lays out a flex container: returns its border-box size and, in full
/// mode, places its children and returns its first baseline.
#[allow(clippy::too_many_arguments)]
pub(super) fn flex_container<H: LayoutHost>(
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
    let mut c = Container::new(style, known, parent, available, content, indefinite, ctx.rtl);
    if !full {
        if let (Some(w), Some(h)) = (c.size.width, c.size.height) {
            return (Size::new(w, h), None);
        }
    }
    let row = c.row;
    // 2. Items.
    let (mut items, absolutes) = collect_items(ctx, node, &c);
    // 3. Flex base sizes and hypothetical main sizes.
    base_sizes(ctx, &c, &mut items);
    // 4. Flex lines.
    let mut lines = collect_lines(&c, &items);
    // 5. Container main size.
    let inner_main = main_size(ctx, &c, &items, &lines);
    // A percentage gap against an indefinite size counted as zero while
    // sizing the container; it resolves against the final size for layout.
    if main_of(c.inner, row).is_none() {
        c.main_gap = finite(main_of(style.gap, row).resolve_or_zero(Some(inner_main))).max(0.0);
    }
    // 6. Resolve flexible lengths.
    flexible::resolve_lines(ctx, &c, &mut items, &lines, inner_main);
    // 7. Cross sizes.
    let (inner_cross, lines_cross) =
        cross::cross_sizes(ctx, &c, &mut items, &mut lines, inner_main);
    let outer = axes(inner_main + c.pb_main(), inner_cross + c.pb_cross(), row);
    // A definite size wins even when the scrollbar gutters do not fit.
    let outer = Size::new(
        c.size.width.unwrap_or(outer.width),
        c.size.height.unwrap_or(outer.height),
    );
    if !full {
        return (outer, None);
    }
    // 8. and 9. Alignment.
    place::align_main(&c, &mut items, &lines, inner_main);
    place::align_cross(&c, &mut items, &lines, inner_cross, lines_cross);
    // 10. Final layout of the items, then the absolute children.
    place::lay_out_items(ctx, &c, &items, inner_main, inner_cross);
    for child in absolutes {
        place_absolute(ctx, child, style, &c, outer);
    }
    let baseline = place::first_baseline(ctx, &c, &items, &lines);
    (outer, baseline)
}

/// Step 2: the in-flow items (and the absolute children, laid out last).
fn collect_items<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    c: &Container,
) -> (Vec<Item>, Vec<usize>) {
    let row = c.row;
    let count = ctx.host.child_count(node);
    let mut items: Vec<Item> = Vec::with_capacity(count);
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
        // Keywords are rare: their resolved style lives on the heap, so the
        // loop's frame stays small.
        let own = if has_keywords(cs) {
            let mut own = Box::new(*cs);
            resolve_keywords(ctx, child, &mut own, c.pct_inner, c.avail, row);
            Some(own)
        } else {
            None
        };
        let cs = match &own {
            Some(own) => own,
            None => ctx.host.style(child),
        };
        let mut cr = resolve(cs, c.pct_inner);
        if c.rtl {
            swap_margins(&mut cr);
        }
        let align = cs.align_self.unwrap_or(c.align_items);
        let (_, _, cas, cae) = if row {
            (0.0, 0.0, cr.margin_auto.top, cr.margin_auto.bottom)
        } else {
            (0.0, 0.0, cr.margin_auto.left, cr.margin_auto.right)
        };
        let (min_c, max_c) = (cross_of(cr.min, row), cross_of(cr.max, row));
        let own_cross = cross_of(cr.size, row).map(|v| clamp(v, min_c, max_c));
        // A single-line container with a definite cross size stretches its
        // items to it (9.8.1): that size is known before line layout.
        let cross_known = own_cross.or_else(|| {
            if c.wrap || align != AlignItems::Stretch || cas || cae {
                return None;
            }
            cross_of(c.inner, row).map(|v| {
                let m = cross_of(cr.margin_sum(), row);
                clamp((v - m).max(0.0), min_c, max_c).max(cross_of(cr.pb_sum(), row))
            })
        });
        let content_box = cs.box_sizing == BoxSizing::ContentBox;
        let pb_main = main_of(cr.pb_sum(), row);
        let basis = cs
            .flex_basis
            .resolve(main_of(c.pct_inner, row))
            .filter(|v| v.is_finite())
            .map(|v| if content_box { v + pb_main } else { v });
        items.push(Item {
            node: child,
            align,
            grow: finite(cs.flex_grow).max(0.0),
            shrink: finite(cs.flex_shrink).max(0.0),
            scroll_main: main_of(cs.overflow, row) != Overflow::Visible,
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
            definite_cross: false,
            pos_main: 0.0,
            pos_cross: 0.0,
            r: cr,
        });
    }
    (items, absolutes)
}

/// Step 3: flex base sizes (9.2.3) and hypothetical main sizes.
fn base_sizes<H: LayoutHost>(ctx: &mut Ctx<'_, H>, c: &Container, items: &mut [Item]) {
    let row = c.row;
    let content_mode = if c.avail_main() == AvailableSpace::MinContent {
        AvailableSpace::MinContent
    } else {
        AvailableSpace::MaxContent
    };
    for item in items.iter_mut() {
        let pbm = item.pb_main(row);
        let explicit_basis = !item.base.is_nan();
        if !explicit_basis {
            item.base = match main_of(item.r.size, row) {
                Some(s) => s,
                None => {
                    // Content-based basis; min/max are ignored for the base
                    // size, except by a box with an aspect ratio, whose
                    // main size follows from its cross size.
                    let ratio = ctx.host.style(item.node).aspect_ratio.is_some();
                    let s = compute_node_as(
                        ctx,
                        item.node,
                        axes(None, item.cross_known, row),
                        c.pct_inner,
                        axes(content_mode, c.avail_cross(), row),
                        false,
                        !ratio,
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
        // computed in step 6, for items of lines that shrink.
        item.min_main = match main_of(item.r.min, row) {
            Some(m) => m,
            None if item.scroll_main => 0.0,
            None if explicit_basis => flexible::automatic_min_size(ctx, c, item),
            None => {
                item.min_pending = true;
                0.0
            }
        }
        .max(pbm);
        item.hypo_main = clamp(item.base, Some(item.min_main), item.max_main).max(pbm);
    }
}

/// Step 4: break the items into lines (9.3).
fn collect_lines(c: &Container, items: &[Item]) -> Vec<Line> {
    if !c.wrap || items.is_empty() {
        return vec![Line::new(0, items.len())];
    }
    match c.avail_main() {
        AvailableSpace::MinContent => (0..items.len()).map(|i| Line::new(i, i + 1)).collect(),
        AvailableSpace::MaxContent => vec![Line::new(0, items.len())],
        AvailableSpace::Definite(space) => {
            let mut lines = Vec::new();
            let mut start = 0;
            let mut used = 0.0;
            for (i, item) in items.iter().enumerate() {
                let outer = item.hypo_main + item.margin_main(c.row);
                if i > start && used + c.main_gap + outer > space + 0.001 {
                    lines.push(Line::new(start, i));
                    start = i;
                    used = outer;
                } else {
                    used += if i > start { c.main_gap + outer } else { outer };
                }
            }
            lines.push(Line::new(start, items.len()));
            lines
        }
    }
}

/// Step 5: the container's inner main size.
fn main_size<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    c: &Container,
    items: &[Item],
    lines: &[Line],
) -> f32 {
    let row = c.row;
    if let Some(v) = main_of(c.inner, row) {
        return v;
    }
    let avail_main = c.avail_main();
    let mut longest: f32 = 0.0;
    for line in lines {
        let slice = &items[line.start..line.end];
        let gaps = c.main_gap * (slice.len().max(1) - 1) as f32;
        // A column's height comes from laying out its items (like any block
        // size); a row's intrinsic width sums the items' min/max-content
        // contributions (as Chrome does).
        let hypothetical = !row || matches!(avail_main, AvailableSpace::Definite(_));
        let mut len = gaps;
        for it in slice {
            len += it.margin_main(row);
            if hypothetical {
                len += it.hypo_main;
                continue;
            }
            let size = match main_of(it.r.size, row) {
                Some(p) => p,
                None => {
                    let s = compute_node(
                        ctx,
                        it.node,
                        axes(None, it.cross_known, row),
                        c.pct_inner,
                        axes(avail_main, c.avail_cross(), row),
                        false,
                    );
                    main_of(s, row)
                }
            };
            len += clamp(size, Some(it.min_main), it.max_main).max(it.pb_main(row));
        }
        longest = longest.max(len);
    }
    if let AvailableSpace::Definite(space) = avail_main {
        if lines.len() > 1 {
            longest = longest.max(space);
        }
    }
    (c.clamp_main(longest + c.pb_main()) - c.pb_main()).max(0.0)
}

/// Physical edges to flow edges of a right-to-left box.
pub(super) fn mirror(e: &mut Edges<f32>) {
    std::mem::swap(&mut e.left, &mut e.right);
}

/// Physical margins to flow margins in a right-to-left container.
pub(super) fn swap_margins(r: &mut Resolved) {
    std::mem::swap(&mut r.margin.left, &mut r.margin.right);
    std::mem::swap(&mut r.margin_auto.left, &mut r.margin_auto.right);
}
