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
use super::resolve::{main_of, resolve};
use super::style::{AvailableSpace, Dim, Size, Style};
use super::LayoutHost;

/// True when `style` uses a keyword anywhere `resolve_keywords` looks.
pub(super) fn has_keywords(style: &Style) -> bool {
    let k = |s: &Size<Dim>| s.width.is_keyword() || s.height.is_keyword();
    k(&style.size) || k(&style.min_size) || k(&style.max_size) || style.flex_basis.is_keyword()
}

/// `style` with its keywords replaced by lengths; `parent` is the
/// containing block's content size (the percentage basis), `available` the
/// room for the box's margin box, `row` the parent's main axis (for
/// `flex_basis`).
pub(super) fn resolve_keywords<H: LayoutHost>(
    ctx: &mut Ctx<'_, H>,
    node: usize,
    style: &Style,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    row: bool,
) -> Style {
    let mut s = style.clone();
    let r = resolve(style, parent);
    let room = Size::new(
        available
            .width
            .definite()
            .map(|a| a - r.margin.left - r.margin.right),
        available
            .height
            .definite()
            .map(|a| a - r.margin.top - r.margin.bottom),
    );
    let mut intrinsic = Intrinsic {
        node,
        parent,
        available,
        width: None,
        cache: [None; 2],
    };
    // Widths first: content heights are taken at the width.
    for d in [
        &mut s.size.width,
        &mut s.min_size.width,
        &mut s.max_size.width,
    ] {
        *d = intrinsic.resolve(ctx, *d, true, room.width);
    }
    intrinsic.width = s.size.width.resolve(parent.width);
    for d in [
        &mut s.size.height,
        &mut s.min_size.height,
        &mut s.max_size.height,
    ] {
        *d = intrinsic.resolve(ctx, *d, false, room.height);
    }
    s.flex_basis = intrinsic.resolve(ctx, s.flex_basis, row, main_of(room, row));
    s
}

struct Intrinsic {
    node: usize,
    parent: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    /// The box's width when it is known (content heights are taken at it).
    width: Option<f32>,
    /// Content sizes found so far: [min-content, max-content] widths.
    cache: [Option<f32>; 2],
}

impl Intrinsic {
    fn resolve<H: LayoutHost>(
        &mut self,
        ctx: &mut Ctx<'_, H>,
        d: Dim,
        horizontal: bool,
        room: Option<f32>,
    ) -> Dim {
        let content = |ctx: &mut Ctx<'_, H>, this: &mut Self, max: bool| -> f32 {
            if horizontal {
                let slot = max as usize;
                if let Some(v) = this.cache[slot] {
                    return v;
                }
                let space = if max {
                    AvailableSpace::MaxContent
                } else {
                    AvailableSpace::MinContent
                };
                let s = compute_node_as(
                    ctx,
                    this.node,
                    Size::new(None, None),
                    this.parent,
                    Size::new(space, this.available.height),
                    false,
                    true,
                );
                this.cache[slot] = Some(s.width);
                s.width
            } else {
                let s = compute_node_as(
                    ctx,
                    this.node,
                    Size::new(this.width, None),
                    this.parent,
                    this.available,
                    false,
                    true,
                );
                s.height
            }
        };
        match d {
            Dim::MinContent => Dim::Points(content(ctx, self, false)),
            Dim::MaxContent => Dim::Points(content(ctx, self, true)),
            Dim::FitContent => {
                let max = content(ctx, self, true);
                Dim::Points(match room {
                    Some(room) if horizontal => max.min(content(ctx, self, false).max(room)),
                    _ => max,
                })
            }
            Dim::Stretch => room.map_or(Dim::Auto, |v| Dim::Points(v.max(0.0))),
            d => d,
        }
    }
}
