//! Intrinsic size keywords (CSS Sizing 3 and 4): `min-content`,
//! `max-content`, `fit-content` and `stretch` as sizes, min/max sizes and
//! flex bases.
//!
//! A keyword is turned into the length it stands for before the style is
//! used, so the flex algorithm only ever sees lengths: `min-content` and
//! `max-content` are the box's content size in min-content / max-content
//! space (its own sizes ignored, as for a content-based flex basis),
//! `fit-content` is `min(max-content, max(min-content, available))`, and
//! `stretch` is the available space minus the margins. Heights are the
//! content height at the box's width (min- and max-content heights are the
//! same). A keyword that needs an available size that is not definite
//! (`stretch`, or `fit-content` in an intrinsic pass) counts as `auto` /
//! `max-content`.

use super::node::{compute_node_as, Ctx};
use super::resolve::resolve;
use super::style::{AvailableSpace, Dim, Size, Style};
use super::LayoutHost;

/// True when `style` uses a keyword anywhere `resolve_keywords` looks.
#[inline(never)]
pub(super) fn has_keywords(style: &Style) -> bool {
    let k = |s: &Size<Dim>| s.width.is_keyword() || s.height.is_keyword();
    k(&style.size) || k(&style.min_size) || k(&style.max_size) || style.flex_basis.is_keyword()
}

/// Replaces the keywords of `s` (the style of `node`) by lengths; `parent`
/// is the containing block's content size (the percentage basis),
/// `available` the room for the box's margin box, `row` the parent's main
/// axis (for `flex_basis`). Out of line: the layout's hot paths only test
/// `has_keywords`.
#[inline(never)]
pub(super) fn resolve_keywords<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    s: &mut Style,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    row: bool,
) {
    let ms = resolve(s, parent).margin_sum();
    let room = Size::new(
        available.width.definite().map(|a| a - ms.width),
        available.height.definite().map(|a| a - ms.height),
    );
    // Widths first: content heights are taken at the width.
    for i in 0..7 {
        let horizontal = if i == 6 { row } else { i < 3 };
        let width = s.size.width.resolve(parent.width);
        let d = match i {
            0 => &mut s.size.width,
            1 => &mut s.min_size.width,
            2 => &mut s.max_size.width,
            3 => &mut s.size.height,
            4 => &mut s.min_size.height,
            5 => &mut s.max_size.height,
            _ => &mut s.flex_basis,
        };
        if !d.is_keyword() {
            continue;
        }
        let room = if horizontal { room.width } else { room.height };
        let mut content = |max: bool| {
            let space = if max {
                AvailableSpace::MaxContent
            } else {
                AvailableSpace::MinContent
            };
            let (known, avail) = if horizontal {
                (Size::new(None, None), Size::new(space, available.height))
            } else {
                (Size::new(width, None), available)
            };
            let s = compute_node_as(ctx, node, known, parent, avail, false, true);
            if horizontal {
                s.width
            } else {
                s.height
            }
        };
        *d = match *d {
            Dim::Stretch => room.map_or(Dim::Auto, |v| Dim::Points(v.max(0.0))),
            Dim::MinContent => Dim::Points(content(false)),
            Dim::FitContent => {
                let max = content(true);
                Dim::Points(match room {
                    Some(room) if horizontal && max > room => content(false).max(room),
                    _ => max,
                })
            }
            _ => Dim::Points(content(true)),
        };
    }
}

