//! Focus: the focused node, directional navigation and key handling.
//!
//! Algorithm (directional navigation): candidates are the other nodes that
//! are focusable, not disabled, laid out and painted, and inside the focused
//! node's nearest `FOCUS_SCOPE` ancestor if it has one. Boxes are layout
//! boxes moved by scroll offsets (not by transforms, so a focus scale does
//! not steer navigation). A candidate is in direction d when its centre lies
//! beyond the current centre along d and its far edge lies beyond the
//! current far edge. Candidates that overlap the current node's beam (its
//! extent across d) win over all others; within a group the smallest score
//! `13 * major^2 + minor^2` wins, where `major` is the gap along d from the
//! current edge to the candidate's near edge (0 if they overlap) and `minor`
//! the distance between centres across d; ties go to tree order.
//!
//! Scrolling into view: when focus moves (by key or `FOCUS`), every
//! `OVERFLOW` scroll ancestor, innermost first, changes its `SCROLL_X` /
//! `SCROLL_Y` by the least amount that brings the focused node's box inside
//! its padding box (never below 0), so rails follow focus without a round
//! trip through the app.
//!
//! Keys: arrows (down or repeat) move focus; with nothing focused they focus
//! the first focusable node in tree order. Select down presses the focused
//! node (state `pressed` on, a `PRESS` event), select up releases it. Every
//! key yields a `KEY` event for the node focused when it arrived, emitted
//! before the `BLUR`/`FOCUS` pair it caused.

use crate::engine::Engine;
use crate::events;
use crate::geom::Rect;
use crate::layout::Overflow;
use crate::props::{id, Value};
use crate::scene::{FOCUSED, NONE, PRESSED};
use crate::states::refresh;

pub const UP: u8 = 1;
pub const DOWN: u8 = 2;
pub const LEFT: u8 = 3;
pub const RIGHT: u8 = 4;
pub const SELECT: u8 = 5;

/// Whether node `i` may take focus now.
pub fn can_focus(e: &Engine, i: usize) -> bool {
    let s = &e.scene;
    i < s.capacity() && s.alive[i] && s.sem[i].focusable && !s.sem[i].disabled && {
        let g = e.geo.get(i);
        g.map_or(false, |g| g.laid_out && g.painted)
    }
}

fn id_of(e: &Engine, i: u32) -> u32 {
    if i == NONE {
        0
    } else {
        e.scene.ids[i as usize]
    }
}

/// Moves focus to dense index `new` (`NONE` blurs), emitting BLUR/FOCUS.
pub fn set_focus(e: &mut Engine, new: u32) {
    let old = e.focus;
    if old == new {
        return;
    }
    let (old_id, new_id) = (id_of(e, old), id_of(e, new));
    e.focus = new;
    if old != NONE {
        let o = old as usize;
        e.scene.state[o] &= !(FOCUSED | PRESSED);
        refresh(e, o);
        e.events.push(events::BLUR, old_id, [new_id, 0, 0, 0, 0, 0]);
    }
    if new != NONE {
        let n = new as usize;
        e.scene.state[n] |= FOCUSED;
        refresh(e, n);
        e.events.push(events::FOCUS, new_id, [old_id, 0, 0, 0, 0, 0]);
        scroll_into_view(e, n);
    }
}

/// Minimal scroll offset change so `[pos, pos + len]` (content coordinates)
/// fits `[scroll + lo, scroll + hi]`.
fn fit(scroll: f32, pos: f32, len: f32, lo: f32, hi: f32) -> f32 {
    let s = if pos < scroll + lo {
        pos - lo
    } else if pos + len > scroll + hi {
        (pos + len - hi).min(pos - lo)
    } else {
        scroll
    };
    s.max(0.0)
}

/// Scrolls every scroll-container ancestor so node `n` is inside it (uses
/// this frame's geometry; see the module comment).
pub fn scroll_into_view(e: &mut Engine, n: usize) {
    let target = e.geo[n].vis;
    let (mut shift_x, mut shift_y) = (0.0f32, 0.0f32);
    let mut cur = e.scene.parent[n];
    while cur != NONE {
        let c = cur as usize;
        if e.scene.style[c].overflow.width == Overflow::Scroll {
            let st = &e.scene.style[c];
            let (bl, bt, br, bb) = (st.border.left, st.border.top, st.border.right, st.border.bottom);
            let b = e.scene.boxes[c];
            let g = e.geo[c].vis;
            let (sx, sy) = e.scene.visual[c].scroll;
            let x = target.x - shift_x - g.x + sx;
            let y = target.y - shift_y - g.y + sy;
            let nx = fit(sx, x, target.w, bl, b.width - br);
            let ny = fit(sy, y, target.h, bt, b.height - bb);
            if nx != sx {
                crate::states::set_base_prop(e, c, id::SCROLL_X, &Value::F32(nx));
                shift_x += nx - sx;
            }
            if ny != sy {
                crate::states::set_base_prop(e, c, id::SCROLL_Y, &Value::F32(ny));
                shift_y += ny - sy;
            }
        }
        cur = e.scene.parent[c];
    }
}

/// Handles one queued key (needs `display::geometry` to be current).
pub fn handle_key(e: &mut Engine, key: u8, action: u8) {
    let focused = e.focus;
    let fid = id_of(e, focused);
    let mut target = NONE;
    let mut press: Option<bool> = None;
    if (UP..=RIGHT).contains(&key) && action != 2 {
        target = if focused == NONE || !e.scene.alive[focused as usize] {
            first_focusable(e)
        } else {
            navigate(e, focused as usize, key)
        };
    } else if key == SELECT && focused != NONE && !e.scene.sem[focused as usize].disabled {
        match action {
            0 => press = Some(true),
            2 => press = Some(false),
            _ => {}
        }
    }
    let handled = target != NONE;
    e.events.push(events::KEY, fid, [u32::from(key), u32::from(action), u32::from(handled), 0, 0, 0]);
    if handled {
        set_focus(e, target);
    }
    if let Some(down) = press {
        let f = focused as usize;
        if down {
            e.scene.state[f] |= PRESSED;
            e.events.push(events::PRESS, fid, [0; 6]);
        } else {
            e.scene.state[f] &= !PRESSED;
        }
        refresh(e, f);
    }
}

fn first_focusable(e: &Engine) -> u32 {
    let root = e.scene.root;
    if root == NONE {
        return NONE;
    }
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        if can_focus(e, i as usize) {
            return i;
        }
        stack.extend(e.scene.children[i as usize].iter().rev());
    }
    NONE
}

fn scope_of(e: &Engine, i: usize) -> u32 {
    let mut cur = e.scene.parent[i];
    while cur != NONE {
        if e.scene.sem[cur as usize].focus_scope {
            return cur;
        }
        cur = e.scene.parent[cur as usize];
    }
    NONE
}

fn inside(e: &Engine, i: usize, scope: u32) -> bool {
    if scope == NONE {
        return true;
    }
    let mut cur = e.scene.parent[i];
    while cur != NONE {
        if cur == scope {
            return true;
        }
        cur = e.scene.parent[cur as usize];
    }
    false
}

/// Along direction `key`: (major gap, minor centre distance, in beam), or
/// `None` when `r` is not in that direction from `cur`.
fn relation(cur: &Rect, r: &Rect, key: u8) -> Option<(f32, f32, bool)> {
    let (ccx, ccy) = (cur.x + cur.w / 2.0, cur.y + cur.h / 2.0);
    let (rcx, rcy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let vbeam = r.y < cur.bottom() && r.bottom() > cur.y;
    let hbeam = r.x < cur.right() && r.right() > cur.x;
    match key {
        RIGHT if rcx > ccx && r.right() > cur.right() => Some(((r.x - cur.right()).max(0.0), (rcy - ccy).abs(), vbeam)),
        LEFT if rcx < ccx && r.x < cur.x => Some(((cur.x - r.right()).max(0.0), (rcy - ccy).abs(), vbeam)),
        DOWN if rcy > ccy && r.bottom() > cur.bottom() => Some(((r.y - cur.bottom()).max(0.0), (rcx - ccx).abs(), hbeam)),
        UP if rcy < ccy && r.y < cur.y => Some(((cur.y - r.bottom()).max(0.0), (rcx - ccx).abs(), hbeam)),
        _ => None,
    }
}

/// The best focus target from `from` in direction `key`, or `NONE`.
pub fn navigate(e: &Engine, from: usize, key: u8) -> u32 {
    let cur = e.geo[from].vis;
    let scope = scope_of(e, from);
    let mut best: (bool, f32, u32) = (false, f32::INFINITY, NONE);
    let root = e.scene.root;
    if root == NONE {
        return NONE;
    }
    // Tree order, so ties go to the earlier node.
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        let iu = i as usize;
        stack.extend(e.scene.children[iu].iter().rev());
        if iu == from || !can_focus(e, iu) || !inside(e, iu, scope) {
            continue;
        }
        if let Some((major, minor, beam)) = relation(&cur, &e.geo[iu].vis, key) {
            let score = 13.0 * major * major + minor * minor;
            let better = (beam && !best.0) || (beam == best.0 && score < best.1);
            if better {
                best = (beam, score, i);
            }
        }
    }
    best.2
}
