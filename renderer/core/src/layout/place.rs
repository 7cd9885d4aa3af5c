//! Steps 8 to 10 of the flex algorithm: alignment and final placement
//! (CSS Flexbox 9.5, 9.6, 8.5).
//!
//! Main axis: auto margins take the free space first, then
//! `justify-content`; `-reverse` directions lay the items out from the
//! main-end edge. Cross axis: lines are placed by `align-content`
//! (`wrap-reverse` stacks them from the cross-end edge), then each item
//! by its auto margins, its baseline or `align-self`. Finally every item is
//! laid out at its used size (its own children placed), mirrored back from
//! flow coordinates in a right-to-left container, shifted by its
//! `position: relative` insets, and the container's first baseline is
//! taken from its physically first line and item.

use super::align::{align_content_distribution, align_offset, distribute, justify_distribution};
use super::flex::{Container, Item, Line};
use super::node::{compute, Ctx};
use super::resolve::{axes, finite, main_of};
use super::style::{AvailableSpace, Size};
use super::{LayoutBox, LayoutHost};

/// The container's padding + border on the main-start and cross-start
/// physical edges.
fn start_insets(c: &Container) -> (f32, f32) {
    if c.row {
        (c.r.pb.left, c.r.pb.top)
    } else {
        (c.r.pb.top, c.r.pb.left)
    }
}

/// Step 8: `pos_main` of every item.
pub(super) fn align_main(c: &Container, items: &mut [Item], lines: &[Line], inner_main: f32) {
    let row = c.row;
    let (pb_main_start, _) = start_insets(c);
    let kind = justify_distribution(c.justify, c.reverse);
    for line in lines {
        let slice = &mut items[line.start..line.end];
        let n = slice.len();
        let used: f32 = slice
            .iter()
            .map(|it| it.target + it.margin_main(row))
            .sum::<f32>()
            + c.main_gap * (n.max(1) - 1) as f32;
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
        let (lead, between) = distribute(kind, free, n, c.reverse);
        let mut pos = lead;
        for it in slice.iter_mut() {
            let (ms, me, auto_start, auto_end) = it.main_margins(row);
            let ms = if auto_start { per_auto } else { ms };
            let me = if auto_end { per_auto } else { me };
            let (lead_m, trail_m) = if c.reverse { (me, ms) } else { (ms, me) };
            pos += lead_m;
            it.pos_main = if c.reverse {
                pb_main_start + inner_main - pos - it.target
            } else {
                pb_main_start + pos
            };
            pos += it.target + trail_m + c.main_gap + between;
        }
    }
}

/// Step 9: `pos_cross` of every item.
pub(super) fn align_cross(
    c: &Container,
    items: &mut [Item],
    lines: &[Line],
    inner_cross: f32,
    lines_cross: f32,
) {
    let row = c.row;
    let (_, pb_cross_start) = start_insets(c);
    let (lead, between) = if c.wrap {
        let kind = align_content_distribution(c.align_content, c.wrap_reverse);
        distribute(
            kind,
            inner_cross - lines_cross,
            lines.len(),
            c.wrap_reverse,
        )
    } else {
        (0.0, 0.0)
    };
    let mut offset_in_flow = lead;
    for line in lines {
        let line_start = if c.wrap_reverse {
            pb_cross_start + inner_cross - offset_in_flow - line.cross
        } else {
            pb_cross_start + offset_in_flow
        };
        for it in items[line.start..line.end].iter_mut() {
            let (ms, me, auto_start, auto_end) = it.cross_margins(row);
            let outer = it.cross + ms + me;
            let free = line.cross - outer;
            let offset = if it.baseline_item {
                if c.wrap_reverse {
                    line.cross - (line.ascent - it.baseline) - outer + ms
                } else {
                    line.ascent - it.baseline + ms
                }
            } else if (auto_start || auto_end) && free > 0.0 {
                match (auto_start, auto_end) {
                    (true, true) => free / 2.0 + ms,
                    (true, false) => free + ms,
                    _ => ms,
                }
            } else {
                align_offset(it.align, line.cross, outer, c.wrap_reverse) + ms
            };
            it.pos_cross = line_start + offset;
        }
        offset_in_flow += line.cross + c.cross_gap + between;
    }
}

/// Step 10: lays every item out at its used size and records its box.
pub(super) fn lay_out_items<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    c: &Container,
    items: &[Item],
    inner_main: f32,
    inner_cross: f32,
) {
    let row = c.row;
    let final_inner = axes(Some(inner_main), Some(inner_cross), row);
    let available = Size::new(
        AvailableSpace::Definite(final_inner.width.unwrap_or(0.0)),
        AvailableSpace::Definite(final_inner.height.unwrap_or(0.0)),
    );
    // Flexed main sizes are definite only in a container whose main size
    // is (9.8); cross sizes when stretched (9.8.4) or specified.
    let main_indefinite = main_of(c.pct_inner, row).is_none();
    let outer_width = final_inner.width.unwrap_or(0.0) + c.pb.width;
    for it in items {
        let size = axes(it.target, it.cross, row);
        let known = Size::new(Some(size.width), Some(size.height));
        let indefinite = axes(main_indefinite, !it.definite_cross, row);
        compute(
            ctx,
            it.node,
            known,
            final_inner,
            available,
            true,
            false,
            indefinite,
        );
        let (mut x, y) = if row {
            (it.pos_main, it.pos_cross)
        } else {
            (it.pos_cross, it.pos_main)
        };
        if c.rtl {
            // Flow coordinates back to physical ones.
            x = outer_width - x - size.width;
        }
        // Relative positioning: shift by the insets, siblings unaffected;
        // of `left` and `right`, the inline-start one wins.
        let inset = ctx.host.style(it.node).inset;
        let w = final_inner.width;
        let h = final_inner.height;
        let left = inset.left.resolve(w);
        let right = inset.right.resolve(w).map(|r| -r);
        let dx = if c.rtl { right.or(left) } else { left.or(right) }.unwrap_or(0.0);
        let dy = match (inset.top.resolve(h), inset.bottom.resolve(h)) {
            (Some(t), _) => t,
            (None, Some(b)) => -b,
            _ => 0.0,
        };
        ctx.host.cache(it.node).placed = LayoutBox {
            x: x + finite(dx),
            y: y + finite(dy),
            width: size.width,
            height: size.height,
        };
    }
}

/// The container's first baseline (8.5), from its border box's top: that
/// of the first baseline item of the first line, else of the line's first
/// item (synthesized from its bottom edge when it has none). "First" is
/// physical, as in Chrome: the top/left line and item, whatever the
/// reverse flags.
pub(super) fn first_baseline<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    c: &Container,
    items: &[Item],
    lines: &[Line],
) -> Option<f32> {
    let line = if c.wrap_reverse {
        lines.last()
    } else {
        lines.first()
    }?;
    let mut order: Vec<&Item> = items[line.start..line.end].iter().collect();
    if c.reverse {
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
}
