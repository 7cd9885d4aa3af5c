//! Per-node layout memo, owned by the host and opaque to it.

use super::style::{AvailableSpace, Size};
use super::LayoutBox;

/// The inputs that fully determine a node's layout result (together with
/// the node's own subtree, which `invalidate` covers), packed into 28 bytes
/// because every node keeps several: each `f32` input is stored as its bit
/// pattern, with reserved NaN patterns for "none" and the intrinsic
/// available-space keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CacheKey {
    /// Border-box sizes imposed by the parent (stretch, flexed main size).
    known: [u32; 2],
    /// Room offered by the parent.
    available: [u32; 2],
    /// The parent's content-box size: the basis of percentages.
    parent: [u32; 2],
    /// Bit 0: content-size mode (own size and min/max ignored); bits 1-2:
    /// width/height known but not a percentage basis (see `flex::compute`);
    /// bit 3: the node's resolved direction is rtl.
    flags: u8,
}

const NONE: u32 = 0xFFFF_FFFF;
const MIN_CONTENT: u32 = 0xFFFF_FFFE;
const MAX_CONTENT: u32 = 0xFFFF_FFFD;

fn opt_bits(v: Option<f32>) -> u32 {
    v.map(f32::to_bits).unwrap_or(NONE)
}

fn space_bits(a: AvailableSpace) -> u32 {
    match a {
        AvailableSpace::Definite(v) => v.to_bits(),
        AvailableSpace::MinContent => MIN_CONTENT,
        AvailableSpace::MaxContent => MAX_CONTENT,
    }
}

impl CacheKey {
    pub(crate) fn new(
        known: Size<Option<f32>>,
        available: Size<AvailableSpace>,
        parent: Size<Option<f32>>,
        content: bool,
        indefinite: Size<bool>,
        rtl: bool,
    ) -> Self {
        CacheKey {
            known: [opt_bits(known.width), opt_bits(known.height)],
            available: [space_bits(available.width), space_bits(available.height)],
            parent: [opt_bits(parent.width), opt_bits(parent.height)],
            flags: content as u8
                | (indefinite.width as u8) << 1
                | (indefinite.height as u8) << 2
                | (rtl as u8) << 3,
        }
    }

    /// True when a size-only result computed for `self` (which gave
    /// `result`) also answers `req`: on each axis either the inputs are the
    /// same, or the request imposes exactly the size this computation found
    /// on its own.
    fn answers(&self, req: &CacheKey, result: Size<f32>) -> bool {
        if self.parent != req.parent || self.flags != req.flags {
            return false;
        }
        let result = [result.width.to_bits(), result.height.to_bits()];
        (0..2).all(|i| {
            let (k, rk) = (self.known[i], req.known[i]);
            (k == rk && (rk != NONE || self.available[i] == req.available[i]))
                || (k == NONE && rk == result[i])
        })
    }
}

const MEASURE_SLOTS: usize = 6;
const FULL_SLOTS: usize = 2;

/// A full layout: its inputs, the size and the first baseline it found
/// (from the border box's top edge; `None`: the box has none).
type FullEntry = (CacheKey, Size<f32>, Option<f32>);

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
    /// Full layouts (children placed). Two, because a baseline-aligned item
    /// is laid out once to find its baseline and once at its final size.
    full: [Option<FullEntry>; FULL_SLOTS],
    next_full: usize,
    /// The inputs of the full layout whose placements the children hold
    /// now: a full layout is served from the cache only for these inputs.
    placed_by: Option<CacheKey>,
    /// Unrounded border box relative to the parent's border box, written by
    /// the parent's last full layout.
    pub(crate) placed: LayoutBox,
    /// The node is a leaf whose content the host measured (since the last
    /// invalidation): rounding never makes its box smaller than this layout.
    pub(crate) measured: bool,
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
        self.full = [None; FULL_SLOTS];
        self.next_full = 0;
        self.placed_by = None;
        self.measured = false;
    }

    /// True when nothing is memoised (fresh or invalidated).
    pub fn is_empty(&self) -> bool {
        self.full.iter().all(|m| m.is_none()) && self.measures.iter().all(|m| m.is_none())
    }

    fn full_entry(&self, key: &CacheKey) -> Option<&FullEntry> {
        self.full.iter().flatten().find(|(k, _, _)| k == key)
    }

    /// A size for `key`, from any entry.
    pub(crate) fn get_size(&self, key: &CacheKey) -> Option<Size<f32>> {
        if let Some((_, size, _)) = self.full_entry(key) {
            return Some(*size);
        }
        for (k, size) in self.measures.iter().flatten() {
            if k == key || k.answers(key, *size) {
                return Some(*size);
            }
        }
        None
    }

    /// A full layout for `key` whose placements the children still hold.
    pub(crate) fn get_placed(&self, key: &CacheKey) -> Option<Size<f32>> {
        if self.placed_by.as_ref() != Some(key) {
            return None;
        }
        self.full_entry(key).map(|(_, size, _)| *size)
    }

    /// The size and baseline of a full layout for `key`, if one is memoised
    /// (its placements may have been overwritten since).
    pub(crate) fn get_full(&self, key: &CacheKey) -> Option<(Size<f32>, Option<f32>)> {
        self.full_entry(key)
            .map(|(_, size, baseline)| (*size, *baseline))
    }

    /// The baseline of the full layout whose placements the children hold.
    pub(crate) fn placed_baseline(&self) -> Option<f32> {
        let key = self.placed_by?;
        self.full_entry(&key).and_then(|(_, _, b)| *b)
    }

    pub(crate) fn store_size(&mut self, key: CacheKey, size: Size<f32>) {
        self.measures[self.next] = Some((key, size));
        self.next = (self.next + 1) % MEASURE_SLOTS;
    }

    pub(crate) fn store_full(&mut self, key: CacheKey, size: Size<f32>, baseline: Option<f32>) {
        let slot = match self
            .full
            .iter()
            .position(|e| matches!(e, Some((k, _, _)) if *k == key))
        {
            Some(i) => i,
            None => {
                let i = self.next_full;
                self.next_full = (self.next_full + 1) % FULL_SLOTS;
                i
            }
        };
        self.full[slot] = Some((key, size, baseline));
        self.placed_by = Some(key);
    }
}
