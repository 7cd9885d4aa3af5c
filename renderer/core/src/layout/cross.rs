//! Step 7 of the flex algorithm: cross sizes (CSS Flexbox 9.4).
//!
//! Each item's hypothetical cross size comes from laying it out at its used
//! main size (or its own cross size). Baseline items (rows only) are laid
//! out to find their first baseline, synthesized from the bottom edge when
//! they have none; `wrap-reverse` measures it from the bottom edge. A line
//! is as tall as its tallest non-baseline item and as its largest ascent
//! plus largest descent; a single-line container with a definite cross size
//! gives that size to its line, and a single line is clamped by the
//! container's min/max cross size. The container's cross size follows,
//! then `align-content: stretch` grows the lines and `align-self: stretch`
//! the items.

use super::flex::{Container, Item, Line};
use super::node::{compute_node, first_baseline, Ctx};
use super::resolve::{axes, clamp, cross_of};
use super::style::{AlignContent, AlignItems, AvailableSpace, Size};
use super::LayoutHost;

/// Fills in `hypo_cross`, `baseline`, `cross` of the items and `cross`,
/// `ascent` of the lines; returns the container's inner cross size and the
/// lines' total cross size (before `align-content: stretch`).
pub(super) fn cross_sizes<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    c: &Container,
    items: &mut [Item],
    lines: &mut [Line],
    inner_main: f32,
) -> (f32, f32) {
    let row = c.row;
    let avail = axes(AvailableSpace::Definite(inner_main), c.avail_cross(), row);
    for item in items.iter_mut() {
        let (min_c, max_c) = (cross_of(item.r.min, row), cross_of(item.r.max, row));
        item.hypo_cross = match (cross_of(item.r.size, row), item.cross_known) {
            (Some(v), _) => clamp(v, min_c, max_c),
            // Stretched in a single-line container with a definite cross
            // size: the line's size decides, no need to measure.
            (None, Some(v)) => v,
            (None, None) => {
                let known = axes(Some(item.target), None, row);
                let s = compute_node(ctx, item.node, known, c.pct_inner, avail, false);
                clamp(cross_of(s, row), min_c, max_c)
            }
        }
        .max(item.pb_cross(row));
        // Baseline alignment applies to rows; in a column it is flex-start.
        let (_, _, auto_start, auto_end) = item.cross_margins(row);
        if row && item.align == AlignItems::Baseline && !auto_start && !auto_end {
            let known = Size::new(Some(item.target), Some(item.hypo_cross));
            let b = first_baseline(ctx, item.node, known, c.pct_inner, avail)
                .unwrap_or(item.hypo_cross);
            item.baseline_item = true;
            item.baseline = b + item.r.margin.top;
            if c.wrap_reverse {
                // The cross axis runs upwards: measure from the bottom edge.
                item.baseline = item.hypo_cross + item.margin_cross(row) - item.baseline;
            }
        }
    }

    let inner_cross_known = cross_of(c.inner, row);
    for line in lines.iter_mut() {
        let slice = &items[line.start..line.end];
        line.ascent = slice
            .iter()
            .filter(|it| it.baseline_item)
            .map(|it| it.baseline)
            .fold(0.0, f32::max);
        if let (false, Some(v)) = (c.wrap, inner_cross_known) {
            line.cross = v;
            continue;
        }
        let mut tallest: f32 = 0.0;
        let mut descent: f32 = 0.0;
        for it in slice {
            let outer = it.hypo_cross + it.margin_cross(row);
            if it.baseline_item {
                descent = descent.max(outer - it.baseline);
            } else {
                tallest = tallest.max(outer);
            }
        }
        line.cross = tallest.max(line.ascent + descent);
        if !c.wrap {
            line.cross = (c.clamp_cross(line.cross + c.pb_cross()) - c.pb_cross()).max(0.0);
        }
    }

    let lines_cross: f32 =
        lines.iter().map(|l| l.cross).sum::<f32>() + c.cross_gap * (lines.len().max(1) - 1) as f32;
    let inner_cross = match inner_cross_known {
        Some(v) => v,
        None => (c.clamp_cross(lines_cross + c.pb_cross()) - c.pb_cross()).max(0.0),
    };
    if c.wrap && c.align_content == AlignContent::Stretch && !lines.is_empty() {
        let free = inner_cross - lines_cross;
        if free > 0.0 {
            let add = free / lines.len() as f32;
            for line in lines.iter_mut() {
                line.cross += add;
            }
        }
    }

    for line in lines.iter() {
        for item in items[line.start..line.end].iter_mut() {
            let (_, _, auto_start, auto_end) = item.cross_margins(row);
            let stretch = item.align == AlignItems::Stretch
                && cross_of(item.r.size, row).is_none()
                && !auto_start
                && !auto_end;
            item.definite_cross = stretch || cross_of(item.r.size, row).is_some();
            item.cross = if stretch {
                let (min_c, max_c) = (cross_of(item.r.min, row), cross_of(item.r.max, row));
                clamp(line.cross - item.margin_cross(row), min_c, max_c).max(item.pb_cross(row))
            } else {
                item.hypo_cross
            };
        }
    }
    (inner_cross, lines_cross)
}
