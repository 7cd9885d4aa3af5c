//! Damage: which surface pixels may have changed since the last frame.
//!
//! Algorithm: after `display::geometry`, every node has a paint signature:
//! its paint version (bumped by any change to what it draws), world matrix,
//! box size, clip, group alpha and its own pixel bounds. A node's signature
//! is compared with last frame's; when it differs (or the node appeared,
//! disappeared or was removed), both the old and the new own bounds are
//! damaged. Because matrices, clips and alpha are inherited values, a
//! change on an ancestor (translate, scroll, opacity) shows up in every
//! descendant's signature without any dirty propagation. The rectangles
//! are clipped to the surface and merged: two rectangles merge when their
//! union is not much larger than the two together (`MERGE_SLACK`), and past
//! `MAX_RECTS` the closest pairs merge until it fits. Cost: O(nodes) per
//! frame for the comparison, O(k^2) for k rectangles (k is small).

use crate::geom::Geo;
use crate::geom::{Affine, Rect};
use crate::scene::Scene;

/// Merge two rectangles when `area(union) <= MERGE_SLACK * (area(a) + area(b))`.
pub const MERGE_SLACK: f32 = 1.25;
/// At most this many damage rectangles per frame.
pub const MAX_RECTS: usize = 8;

#[derive(Clone, Debug, PartialEq)]
struct Sig {
    ver: u32,
    m: Affine,
    w: f32,
    h: f32,
    clip: Option<Rect>,
    alpha: f32,
    own: Option<Rect>,
}

#[derive(Default)]
pub struct Tracker {
    prev: Vec<Option<Sig>>,
    pending: Vec<Rect>,
}

impl Tracker {
    /// Room for `n` slots in one allocation (see `Scene::reserve_nodes`).
    pub fn reserve(&mut self, n: usize) {
        self.prev.reserve_exact(n.saturating_sub(self.prev.len()));
    }

    pub fn ensure(&mut self, n: usize) {
        if self.prev.len() < n {
            self.prev.resize(n, None);
        }
    }

    /// A new node took slot `i`.
    pub fn reset(&mut self, i: usize) {
        self.ensure(i + 1);
        self.forget(i);
    }

    /// Node `i` is gone: what it painted last frame is damage.
    pub fn forget(&mut self, i: usize) {
        self.ensure(i + 1);
        if let Some(sig) = self.prev[i].take() {
            if let Some(r) = sig.own {
                self.pending.push(r);
            }
        }
    }

    /// This frame's damage rectangles (surface pixels), updating the
    /// remembered signatures. With `full` the rectangles are not needed
    /// (but signatures are still updated).
    pub fn collect(&mut self, scene: &Scene, geo: &[Geo], full: bool, surface: Rect) -> Vec<Rect> {
        let mut rects = std::mem::take(&mut self.pending);
        let n = geo.len().min(scene.capacity());
        self.ensure(n);
        for i in 0..n {
            let g = &geo[i];
            let now = if scene.alive[i] && g.laid_out && g.painted {
                Some(Sig {
                    ver: scene.paint_ver[i],
                    m: g.m,
                    w: g.size.0,
                    h: g.size.1,
                    clip: g.clip,
                    alpha: g.alpha,
                    own: g.own,
                })
            } else {
                None
            };
            if now != self.prev[i] {
                if let Some(Some(r)) = self.prev[i].as_ref().map(|s| s.own) {
                    rects.push(r);
                }
                if let Some(Some(r)) = now.as_ref().map(|s| s.own) {
                    rects.push(r);
                }
                self.prev[i] = now;
            }
        }
        if full {
            return Vec::new();
        }
        let clipped: Vec<Rect> = rects.iter().filter_map(|r| r.intersect(&surface)).map(|r| r.round_out()).collect();
        merge(clipped)
    }
}

/// Merges overlapping or nearby rectangles (see the module comment).
pub fn merge(mut rects: Vec<Rect>) -> Vec<Rect> {
    if rects.len() > 64 {
        let all = rects.iter().skip(1).fold(rects[0], |a, r| a.union(r));
        return vec![all];
    }
    // Drop exact duplicates and rects contained in another first.
    loop {
        let mut merged = false;
        'outer: for a in 0..rects.len() {
            for b in (a + 1)..rects.len() {
                let (ra, rb) = (rects[a], rects[b]);
                let u = ra.union(&rb);
                if u.area() <= MERGE_SLACK * (ra.area() + rb.area()) || u == ra || u == rb {
                    rects[a] = u;
                    rects.swap_remove(b);
                    merged = true;
                    break 'outer;
                }
            }
        }
        if !merged {
            break;
        }
    }
    while rects.len() > MAX_RECTS {
        let mut best = (0, 1, f32::INFINITY);
        for a in 0..rects.len() {
            for b in (a + 1)..rects.len() {
                let grow = rects[a].union(&rects[b]).area() - rects[a].area() - rects[b].area();
                if grow < best.2 {
                    best = (a, b, grow);
                }
            }
        }
        let u = rects[best.0].union(&rects[best.1]);
        rects[best.0] = u;
        rects.swap_remove(best.1);
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_rects_merge_and_distant_ones_do_not() {
        let a = Rect::new(0.0, 0.0, 100.0, 100.0);
        let b = Rect::new(10.0, 10.0, 100.0, 100.0);
        let c = Rect::new(1000.0, 1000.0, 10.0, 10.0);
        let m = merge(vec![a, b, c]);
        assert_eq!(m.len(), 2);
        assert!(m.contains(&Rect::new(0.0, 0.0, 110.0, 110.0)));
        assert!(m.contains(&c));
    }

    #[test]
    fn too_many_rects_merge_down_to_the_limit() {
        let rs: Vec<Rect> = (0..20).map(|k| Rect::new(k as f32 * 50.0, 0.0, 10.0, 10.0)).collect();
        assert_eq!(merge(rs).len(), MAX_RECTS);
    }
}
