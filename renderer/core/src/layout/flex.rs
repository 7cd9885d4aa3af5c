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

use super::absolute::place_absolute;
use super::align::{align_content_distribution, align_offset, distribute, justify_distribution};
use super::node::{compute, compute_node, compute_node_as, first_baseline, Ctx};
use super::resolve::{
    axes, clamp, cross_of, finite, inner_available, main_of, resolve, resolve_for, Resolved,
};
use super::style::{
    AlignContent, AlignItems, AvailableSpace, BoxSizing, Display, FlexWrap, Overflow, Position,
    Size, Style,
};
use super::{LayoutBox, LayoutHost};

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
