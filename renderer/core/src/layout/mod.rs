//! Flexbox layout engine.
//!
//! # Public API
//!
//! ```text
//! pub enum Dim { Auto, Points(f32), Percent(f32) }      // Percent: 0.5 = 50%
//! pub struct Size<T> { pub width: T, pub height: T }
//! pub struct Edges<T> { pub left: T, pub top: T, pub right: T, pub bottom: T }
//! pub enum AvailableSpace { Definite(f32), MinContent, MaxContent }
//! pub struct Style { display, position, box_sizing, flex_direction, flex_wrap,
//!     justify_content, align_items, align_self: Option<AlignItems>, align_content,
//!     flex_grow, flex_shrink, flex_basis: Dim, size: Size<Dim>, min_size, max_size,
//!     margin: Edges<Dim>, padding: Edges<Dim>, border: Edges<f32>, inset: Edges<Dim>,
//!     gap: Size<Dim> /* width = column gap, height = row gap */, overflow: Size<Overflow> }
//! pub struct LayoutBox { pub x: f32, pub y: f32, pub width: f32, pub height: f32 }
//! pub struct LayoutCache { .. }          // per-node memo, owned by the host, opaque
//! pub trait LayoutHost { child_count, child, style, measure,
//!     baseline /* default: None */, cache, set_box }
//! pub struct LayoutOptions { pub rounding: bool }   // default: rounding on
//! pub struct LayoutStats { pub nodes_laid_out: usize }
//! pub fn compute_layout<H: LayoutHost>(host: &mut H, root: usize,
//!     available: Size<AvailableSpace>) -> LayoutStats;
//! pub fn compute_layout_with<H: LayoutHost>(host: &mut H, root: usize,
//!     available: Size<AvailableSpace>, options: LayoutOptions) -> LayoutStats;
//! ```
//!
//! The engine never owns the tree: the scene implements [`LayoutHost`] over
//! its own storage (node ids are the scene's dense indices).
//!
//! # Incremental contract
//!
//! Each node has a [`LayoutCache`] (kept by the host) that memoises the
//! node's results keyed by their inputs (sizes imposed by the parent,
//! available space, percentage basis). When a node's style, content or
//! children change, the host calls [`LayoutCache::invalidate`] on that node
//! and on every ancestor up to the root. The next [`compute_layout`] then
//! recomputes only invalidated nodes and the siblings whose inputs changed;
//! everything else is served from the caches. [`LayoutStats`] says how many
//! nodes were actually computed. `set_box` is still called for every node
//! after each run (it is cheap: a walk that applies rounding).
//!
//! # Algorithm
//!
//! CSS Flexible Box Layout Level 1, section 9, see `flex.rs` for the steps
//! and `docs/layout.md` for what is covered and the conformance numbers.
//! Every box is `box-sizing: border-box` unless its style says otherwise.
//! Boxes are relative to the parent's border box. `display: none` gives a
//! zero box to the node and its whole subtree. `position: absolute` children
//! are out of flow and placed by their insets against the parent's padding
//! box (or at their static position when the insets are `auto`).
//!
//! Right to left (`Style::direction`, inherited through `node::Ctx::rtl`
//! and part of every cache key): a container runs the algorithm in flow
//! coordinates (horizontal edges of itself and its children swapped) and
//! mirrors its children's positions back. An aspect ratio turns one known
//! size into both before the memo (`node::ratio_known`); intrinsic size
//! keywords become lengths before a style is used (`keywords.rs`).
//!
//! # Rounding
//!
//! With `LayoutOptions::rounding` (the default), a final pass snaps boxes to
//! whole pixels the way Chrome does: a box's offset is its rounded
//! parent-relative offset, and its size spans its rounded absolute edges,
//! so adjacent siblings never overlap or leave gaps. One
//! exception: a leaf whose content the host measured (text, an image) never
//! gets a box smaller than its layout; its far edge moves to the next whole
//! unit instead (as Yoga does for text), since text laid out in a box even
//! 0.2 unit narrower than its measured width wraps its last word. Turn
//! rounding off to get unrounded design units.

mod absolute;
mod align;
mod cache;
mod cross;
mod flex;
mod flexible;
mod keywords;
mod node;
mod place;
mod resolve;
mod style;

pub use cache::LayoutCache;
pub use style::{
    AlignContent, AlignItems, AvailableSpace, BoxSizing, Dim, Direction, Display, Edges, FlexDirection,
    FlexWrap, JustifyContent, Overflow, Position, Size, Style,
};

/// A node's computed box: its border box relative to the parent's border
/// box, in px (design units).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayoutBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// The scene implements this; the engine never owns the tree.
///
/// Node ids are whatever the host uses (dense indices). The engine only
/// visits `root` and its descendants.
pub trait LayoutHost {
    /// Number of children of `node` (including `display: none` and absolute ones).
    fn child_count(&self, node: usize) -> usize;
    /// The id of the `index`-th child of `node` (`index < child_count`).
    fn child(&self, node: usize, index: usize) -> usize;
    /// The layout style of `node`.
    fn style(&self, node: usize) -> &Style;
    /// Leaves with content (text, image) measure themselves; `None` = no content.
    ///
    /// `known` holds the content-box sizes already decided by the parent;
    /// `available` is the room for the content box. Return the content-box
    /// size (the engine adds padding and border and applies min/max).
    fn measure(
        &mut self,
        node: usize,
        known: Size<Option<f32>>,
        available: Size<AvailableSpace>,
    ) -> Option<Size<f32>>;
    /// The first baseline of a measured leaf laid out with this content-box
    /// size, from the content box's top edge (for text: the first line's
    /// baseline). `None` (the default) = no baseline: baseline alignment
    /// then uses the box's bottom edge.
    fn baseline(&mut self, node: usize, size: Size<f32>) -> Option<f32> {
        let _ = (node, size);
        None
    }
    /// The node's memo (see the incremental contract above).
    fn cache(&mut self, node: usize) -> &mut LayoutCache;
    /// Receives the final box of `node` (relative to its parent's border box).
    fn set_box(&mut self, node: usize, layout: LayoutBox);
}

/// Knobs of a layout run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Snap boxes to whole pixels like Chrome (default `true`).
    pub rounding: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions { rounding: true }
    }
}

/// What a layout run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayoutStats {
    /// Nodes whose layout (size or full layout) was computed rather than
    /// served from their cache. Several computations of one node count once
    /// each.
    pub nodes_laid_out: usize,
}

/// Lays out the tree under `root` in `available` space (the root's
/// percentages resolve against the definite parts of it) and reports every
/// box through `LayoutHost::set_box`, rounded to whole pixels.
pub fn compute_layout<H: LayoutHost>(
    host: &mut H,
    root: usize,
    available: Size<AvailableSpace>,
) -> LayoutStats {
    compute_layout_with(host, root, available, LayoutOptions::default())
}

/// [`compute_layout`] with explicit options.
pub fn compute_layout_with<H: LayoutHost>(
    host: &mut H,
    root: usize,
    available: Size<AvailableSpace>,
    options: LayoutOptions,
) -> LayoutStats {
    let mut ctx = node::Ctx {
        host,
        laid_out: 0,
        rtl: false,
    };
    node::layout_root(&mut ctx, root, available);
    let stats = LayoutStats {
        nodes_laid_out: ctx.laid_out,
    };
    emit(host, root, options.rounding);
    stats
}

/// Walks the tree, turning the unrounded boxes stored in the caches into the
/// boxes handed to the host.
fn emit<H: LayoutHost>(host: &mut H, root: usize, rounding: bool) {
    // (node, parent absolute x/y unrounded, inside a display:none subtree)
    let mut stack: Vec<(usize, f32, f32, bool)> = vec![(root, 0.0, 0.0, false)];
    while let Some((node, px, py, hidden_parent)) = stack.pop() {
        let hidden = hidden_parent || host.style(node).display == Display::None;
        let b = if hidden {
            LayoutBox::default()
        } else {
            host.cache(node).placed
        };
        let ax = px + b.x;
        let ay = py + b.y;
        let mut out = b;
        if rounding && !hidden {
            // The offset is the rounded relative offset (as in Chrome); the
            // size spans the rounded absolute edges.
            out.x = b.x.round();
            out.y = b.y.round();
            out.width = (ax + b.width).round() - ax.round();
            out.height = (ay + b.height).round() - ay.round();
            if host.cache(node).measured {
                out.width = at_least(out.width, b.width);
                out.height = at_least(out.height, b.height);
            }
        }
        host.set_box(node, out);
        let n = host.child_count(node);
        for i in (0..n).rev() {
            let c = host.child(node, i);
            stack.push((c, ax, ay, hidden));
        }
    }
}

/// A rounded size of a measured leaf grown to the next whole unit if rounding
/// made it smaller than its content needs (text laid out in a box narrower
/// than its measured width would wrap). `1e-3` is the float noise a text fit
/// tolerates.
fn at_least(rounded: f32, unrounded: f32) -> f32 {
    if rounded < unrounded - 1e-3 {
        (unrounded - 1e-3).ceil()
    } else {
        rounded
    }
}
