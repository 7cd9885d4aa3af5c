//! Step 6 of the flex algorithm: resolving flexible lengths (CSS Flexbox
//! 9.7), and the automatic minimum size of flex items (4.5).
//!
//! Per line: grow when the items' outer hypothetical sizes leave free space,
//! else shrink. Inflexible items (factor 0, or base size on the wrong side
//! of the hypothetical size) are frozen first. Then, until every item is
//! frozen: distribute the remaining free space in proportion to the grow
//! factors (or to shrink factor x inner base size; a sum of factors below 1
//! only distributes that fraction), clamp each item by its min/max, and
//! freeze the min violators if the total violation is positive, the max
//! violators if it is negative, everyone if it is zero.

use super::flex::{Container, Item, Line};
use super::node::{compute_node_as, Ctx};
use super::resolve::{axes, clamp, main_of};
use super::style::AvailableSpace;
use super::LayoutHost;

/// Resolves the used main size (`target`) of every item, line by line,
/// computing the pending automatic minimum sizes of lines that shrink.
pub(super) fn resolve_lines<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    c: &Container,
    items: &mut [Item],
    lines: &[Line],
    inner_main: f32,
) {
    let row = c.row;
    for line in lines {
        let slice = &mut items[line.start..line.end];
        let used: f32 = slice
            .iter()
            .map(|it| it.hypo_main + it.margin_main(row))
            .sum::<f32>()
            + c.main_gap * (slice.len().max(1) - 1) as f32;
        if used > inner_main {
            for item in slice
                .iter_mut()
                .filter(|it| it.min_pending && it.shrink > 0.0)
            {
                item.min_main = automatic_min_size(ctx, c, item).max(item.pb_main(row));
                item.min_pending = false;
            }
        }
        resolve_flexible_lengths(slice, inner_main, c.main_gap, row);
    }
}

/// The automatic minimum main size of a flex item (`min-width: auto`,
/// CSS Flexbox 4.5): its min-content size, capped by its max size and by
/// its specified size.
pub(super) fn automatic_min_size<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    c: &Container,
    item: &Item,
) -> f32 {
    let row = c.row;
    let s = compute_node_as(
        ctx,
        item.node,
        axes(None, item.cross_known, row),
        c.pct_inner,
        axes(AvailableSpace::MinContent, c.avail_cross(), row),
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
