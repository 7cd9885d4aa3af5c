//! Per-node layout memo, owned by the host and opaque to it.

use super::style::{AvailableSpace, Size};
use super::LayoutBox;

/// The inputs that fully determine a node's layout result (together with
/// the node's own subtree, which `invalidate` covers).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct CacheKey {
    /// Border-box sizes imposed by the parent (stretch, flexed main size).
    pub known: Size<Option<f32>>,
    /// Room offered by the parent.
    pub available: Size<AvailableSpace>,
    /// The parent's content-box size: the basis of percentages.
    pub parent: Size<Option<f32>>,
    /// Content-size mode (own size and min/max ignored).
    pub content: bool,
    /// Axes whose known size is not a percentage basis (see `flex::compute`).
    pub indefinite: Size<bool>,
}

impl CacheKey {
    /// True when a size-only result computed for `self` (which gave
    /// `result`) also answers `req`: on each axis either the inputs are the
    /// same, or the request imposes exactly the size this computation found
    /// on its own.
    fn answers(&self, req: &CacheKey, result: Size<f32>) -> bool {
        if self.parent != req.parent
            || self.content != req.content
            || self.indefinite != req.indefinite
        {
            return false;
        }
        let axis =
            |k: Option<f32>, a: AvailableSpace, rk: Option<f32>, ra: AvailableSpace, r: f32| {
                (k == rk && (rk.is_some() || a == ra)) || (k.is_none() && rk == Some(r))
            };
        axis(
            self.known.width,
            self.available.width,
            req.known.width,
            req.available.width,
            result.width,
        ) && axis(
            self.known.height,
            self.available.height,
            req.known.height,
            req.available.height,
            result.height,
        )
    }
}

const MEASURE_SLOTS: usize = 6;

/// Memoised results for one node. The host stores one per node and hands it
/// out through `LayoutHost::cache`; it never looks inside.
///
/// Contract: when anything that affects a node's layout changes (its style,
/// its content/measure result, its children list), the host calls
/// [`LayoutCache::invalidate`] on that node **and on every ancestor** up to
/// the root. Siblings and descendants keep their entries.
#[derive(Clone, Debug, Default)]
pub struct LayoutCache {
    /// Size-only results (the parent measuring this node), round robin.
    measures: [Option<(CacheKey, Size<f32>)>; MEASURE_SLOTS],
    next: usize,
    /// The inputs and result of the last full layout (children placed).
    /// While it is valid, every descendant's `placed` box is still correct.
    full: Option<(CacheKey, Size<f32>)>,
    /// Unrounded border box relative to the parent's border box, written by
    /// the parent's last full layout.
    pub(crate) placed: LayoutBox,
}

impl LayoutCache {
    /// A new, empty cache.
    pub fn new() -> Self {
        LayoutCache::default()
    }

    /// Forgets every memoised result of this node. Call it for a changed node
    /// and for each of its ancestors.
    pub fn invalidate(&mut self) {
        self.measures = [None; MEASURE_SLOTS];
        self.next = 0;
        self.full = None;
    }

    /// True when nothing is memoised (fresh or invalidated).
    pub fn is_empty(&self) -> bool {
        self.full.is_none() && self.measures.iter().all(|m| m.is_none())
    }

    pub(crate) fn get(&self, key: &CacheKey, full: bool) -> Option<Size<f32>> {
        if let Some((k, size)) = &self.full {
            if k == key {
                return Some(*size);
            }
        }
        if full {
            return None;
        }
        for (k, size) in self.measures.iter().flatten() {
            if k == key || k.answers(key, *size) {
                return Some(*size);
            }
        }
        None
    }

    pub(crate) fn store(&mut self, key: CacheKey, size: Size<f32>, full: bool) {
        if full {
            self.full = Some((key, size));
        } else {
            self.measures[self.next] = Some((key, size));
            self.next = (self.next + 1) % MEASURE_SLOTS;
        }
    }
}
