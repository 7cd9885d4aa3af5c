//! The frame output subsystem: what `frame` writes for the host (header,
//! display list, text, damage, events), the per-node geometry and
//! bookkeeping of the current frame, and the dump text.

use crate::damage::Tracker;
use crate::geom::{Geo, Rect};

/// What `frame` wrote, read by the host through the header.
#[derive(Default)]
pub struct Output {
    pub header: [u32; 16],
    pub dl: Vec<[u32; 8]>,
    pub text: Vec<u8>,
    pub damage: Vec<[f32; 4]>,
    pub events: Vec<[u32; 8]>,
    pub full: bool,
}

/// Frame output and the per-node state frames keep between them.
pub struct FrameOutput {
    pub out: Output,
    pub damage: Tracker,
    /// Per-node geometry of the current frame (`display::geometry`).
    pub geo: Vec<Geo>,
    /// Last reported `LAYOUT` box per node.
    pub(crate) reported: Vec<Option<Rect>>,
    /// Last reported `SCROLL` target per node ((0, 0) until one is).
    pub(crate) scroll_reported: Vec<(f32, f32)>,
    pub(crate) dump_text: String,
    /// Next frame repaints everything (first frame, viewport or root change).
    pub(crate) full_pending: bool,
    pub(crate) nodes_laid_out: u32,
    pub(crate) frame_no: u32,
}

impl Default for FrameOutput {
    fn default() -> Self {
        FrameOutput {
            out: Output::default(),
            damage: Tracker::default(),
            geo: Vec::new(),
            reported: Vec::new(),
            scroll_reported: Vec::new(),
            dump_text: String::new(),
            full_pending: true,
            nodes_laid_out: 0,
            frame_no: 0,
        }
    }
}

impl FrameOutput {
    /// Grows the per-node columns to `n` slots.
    pub fn ensure(&mut self, n: usize) {
        if self.reported.len() < n {
            self.reported.resize(n, None);
            self.scroll_reported.resize(n, (0.0, 0.0));
        }
        self.damage.ensure(n);
        if self.geo.len() < n {
            self.geo.resize(n, Geo::default());
        }
    }

    /// Room for `n` slots in every per-node column in one allocation each,
    /// so that the columns of a batch that creates many nodes do not grow
    /// by doubling as the nodes arrive (see `Scene::reserve_nodes`).
    pub fn reserve(&mut self, n: usize) {
        let more = |len: usize| n.saturating_sub(len);
        self.reported.reserve_exact(more(self.reported.len()));
        self.scroll_reported.reserve_exact(more(self.scroll_reported.len()));
        self.geo.reserve_exact(more(self.geo.len()));
        self.damage.reserve(n);
    }

    /// Forgets what was reported and painted for slot `i` (created or freed).
    pub fn reset(&mut self, i: usize) {
        self.reported[i] = None;
        self.scroll_reported[i] = (0.0, 0.0);
        self.damage.reset(i);
    }

    /// Frames run so far.
    pub fn frame_no(&self) -> u32 {
        self.frame_no
    }
}
