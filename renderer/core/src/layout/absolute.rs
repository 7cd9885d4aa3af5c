//! Absolutely positioned children (`position: absolute`).
//!
//! They are out of flow: sized by their own size or by two opposite insets
//! (clamped by min/max; shrink-to-fit otherwise), placed by their insets
//! against the parent's padding box. Auto margins between two insets share
//! the free space. On an axis whose insets are both `auto` the child sits at
//! its static position: as if it were the container's only item, aligned by
//! `justify-content` on the main axis and `align-self` on the cross axis.

use super::align::{align_offset, justify_distribution, Distribution};
use super::flex::Container;
use super::keywords::{has_keywords, resolve_keywords};
use super::node::{compute_node, Ctx};
use super::resolve::{clamp, resolve};
use super::style::{AvailableSpace, Size, Style};
use super::{LayoutBox, LayoutHost};

pub(super) fn place_absolute<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    child: usize,
    style: &Style,
    c: &Container,
    outer: Size<f32>,
) {
    let (r, row, reverse, wrap_reverse, rtl) = (&c.r, c.row, c.reverse, c.wrap_reverse, c.rtl);
    let g = c.gutter;
    let pad_w = (outer.width - r.border.left - r.border.right - g.width).max(0.0);
    let pad_h = (outer.height - r.border.top - r.border.bottom - g.height).max(0.0);
    let pad = Size::new(Some(pad_w), Some(pad_h));
    let mut cs = *ctx.host.style(child);
    if rtl {
        // Flow coordinates (`r` is the container's, already mirrored).
        std::mem::swap(&mut cs.inset.left, &mut cs.inset.right);
        std::mem::swap(&mut cs.margin.left, &mut cs.margin.right);
    }
    let left = cs.inset.left.resolve(Some(pad_w));
    let right = cs.inset.right.resolve(Some(pad_w));
    let top = cs.inset.top.resolve(Some(pad_h));
    let bottom = cs.inset.bottom.resolve(Some(pad_h));
    let avail = Size::new(
        AvailableSpace::Definite((pad_w - left.unwrap_or(0.0) - right.unwrap_or(0.0)).max(0.0)),
        AvailableSpace::Definite((pad_h - top.unwrap_or(0.0) - bottom.unwrap_or(0.0)).max(0.0)),
    );
    if has_keywords(&cs) {
        resolve_keywords(ctx, child, &mut cs, pad, avail, row);
    }
    let cr = resolve(&cs, pad);
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
    if cs.aspect_ratio.is_some() {
        // The ratio beats the insets: a specified size, else the width,
        // decides; the other axis follows from the ratio.
        if cr.size.height.is_some() && cr.size.width.is_none() {
            w = None;
        } else if w.is_some() && cr.size.height.is_none() {
            h = None;
        }
    }
    w = w.map(|v| clamp(v, cr.min.width, cr.max.width).max(pbs.width));
    h = h.map(|v| clamp(v, cr.min.height, cr.max.height).max(pbs.height));
    if w.is_none() {
        // Shrink-to-fit: min(max-content, max(min-content, available)).
        let room = (pad_w - left.unwrap_or(0.0) - right.unwrap_or(0.0) - ms.width).max(0.0);
        let mut intrinsic = |space: AvailableSpace| {
            let s = compute_node(ctx, child, Size::new(None, h), pad, Size::new(space, avail.height), false);
            s.width
        };
        let mut fit = intrinsic(AvailableSpace::MaxContent);
        if fit > room {
            fit = intrinsic(AvailableSpace::MinContent).max(room);
        }
        w = Some(clamp(fit, cr.min.width, cr.max.width).max(pbs.width));
    }
    if h.is_none() {
        let s = compute_node(ctx, child, Size::new(w, None), pad, avail, false);
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
    let content_w = (outer.width - c.pb.width).max(0.0);
    let content_h = (outer.height - c.pb.height).max(0.0);
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
        x: if rtl { outer.width - x - w } else { x },
        y,
        width: w,
        height: h,
    };
}
