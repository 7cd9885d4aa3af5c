//! Focus: the focused node, scopes, traps, overrides, directional
//! navigation, focus repair and scrolling into view (PROTOCOL.md section 5).
//! Key input (repeat, coalescing, long press, capture) is in `keys`.
//!
//! Algorithm (directional navigation from the focused node `f`):
//! 1. Overrides: follow `f`'s `NEXT_<dir>` id; a target that cannot take
//!    focus is skipped by following its own `NEXT_<dir>` (a scope target
//!    is entered, step 3); a loop, a dangling id or 32 hops end the chain
//!    and spatial search runs instead.
//! 2. Spatial search, innermost scope outward: candidates are the other
//!    nodes that can take focus inside `f`'s nearest `FOCUS_SCOPE` ancestor;
//!    when none lies in the direction, the next enclosing scope is searched,
//!    up to the trap (`FOCUS_TRAP`, or a scope with role dialog) or the
//!    whole tree. A node at or above `f` whose `STOP_AT_EDGES` holds d
//!    bounds the search like a trap does, for d only: once the scopes
//!    searched reach around it, candidates are its descendants, and when
//!    none lies in d focus stays. Boxes are layout boxes moved by scroll
//!    offsets (not by transforms, so a focus scale does not steer
//!    navigation). A candidate is in direction d when its centre lies
//!    beyond the current centre along d and its far edge beyond the
//!    current far edge. Candidates that
//!    overlap the current node's beam (its extent across d) win over all
//!    others; within a group the smallest `13 * major^2 + minor^2` wins,
//!    where `major` is the gap along d from the current edge to the
//!    candidate's near edge (0 if they overlap) and `minor` the distance
//!    between centres across d; ties go to tree order.
//! 3. Entering a scope: when the winner lies in scopes `f` is not in, the
//!    outermost of them restores its memory (the last node focused inside
//!    it, if it can still take focus and lies in the pressed direction),
//!    else its first `FOCUS_PREFERRED` descendant that can take focus and
//!    lies in that direction, else the winner stays.
//!
//! Focus that survives change: the focused node being removed, hidden,
//! `display: none`, disabled or made unfocusable moves focus, at the next
//! frame, to the nearest node (centre distance) that can take focus in its
//! innermost surviving scope, else the next scope out, else anywhere in the
//! tree (entering the outermost scope around that node, so a page root that
//! is a scope restores its memory after `SET_ROOT`); it is blurred only
//! when nothing can take focus.
//!
//! Scope memory: each scope remembers (dense index) the last node focused
//! inside it; every change is reported as `SCOPE_MEMORY` (`remember`), and
//! `REMEMBER_FOCUS` sets it from the host (`remember_request`).
//!
//! Scrolling into view: when focus moves, every `OVERFLOW` scroll ancestor,
//! innermost first, changes its scroll offset by the least amount that
//! brings the focused node's box inside its padding box shrunk by its
//! `SCROLL_MARGIN` (never below 0; horizontally in a right-to-left
//! container never above 0), animated through `anim::set_scroll`.

pub mod keys;

pub use crate::input::{Dir, Key, KeyAction};
pub use keys::handle_key;

use crate::anim::{Anims, Motion};
use crate::events::{EventType, Events};
use crate::geom::{Geo, Rect};
use crate::layout::{Display, Overflow};
use crate::scene::{Scene, FOCUSED, NONE, PRESSED};
use crate::states::refresh_subtree;

/// Longest override chain followed before falling back to spatial search.
const MAX_HOPS: usize = 32;
/// Ids per `FOCUS_PATH` record.
const PATH_IDS: usize = 4;

pub use crate::scene::{NavProps, NAV_NONE};

/// What focus works on: the scene (states, scroll offsets), this frame's
/// geometry, its own state, the event queue and the animations (scrolling
/// into view glides).
pub struct Ctx<'a> {
    pub scene: &'a mut Scene,
    pub geo: &'a [Geo],
    pub st: &'a mut FocusState,
    pub events: &'a mut Events,
    pub anim: &'a mut Anims,
    pub frame_no: u32,
}

/// The focus subsystem's state: the focused node, navigation memory and
/// the input queued for a laid-out scene.
pub struct FocusState {
    /// The focused node (dense index) or `NONE`.
    pub node: u32,
    pub nav: Nav,
    /// Keys and focus requests, run by `Engine::prepare` on a laid-out scene.
    pub(crate) pending: Vec<crate::input::Input>,
}

impl Default for FocusState {
    fn default() -> Self {
        FocusState { node: NONE, nav: Nav::default(), pending: Vec::new() }
    }
}

/// Scope memory, lost focus and held keys.
#[derive(Default)]
pub struct Nav {
    /// Scope (dense index) -> the last node focused inside it (dense index).
    pub memory: crate::idmap::HashMap<u32, u32>,
    /// Where focus was when its node was removed: its box and the scopes
    /// around it (dense index, id), innermost first; repaired by `prepare`.
    pub lost: Option<(Rect, Vec<(u32, u32)>)>,
    pub keys: keys::KeyState,
    /// The latest `frame` time.
    pub now_ms: f64,
}

/// Whether node `i` may take focus now (needs current geometry).
pub fn can_focus(e: &Ctx, i: usize) -> bool {
    let s = &e.scene;
    i < s.capacity() && s.alive[i] && s.sem[i].focusable && !s.sem[i].disabled && {
        let g = e.geo.get(i);
        g.map_or(false, |g| g.laid_out && g.painted)
    }
}

/// `can_focus` without geometry: alive, focusable, enabled, under the root,
/// and no ancestor hidden or `display: none` (transparency is not seen).
fn may_hold(e: &Ctx, i: usize) -> bool {
    let s = &e.scene;
    if !(i < s.capacity() && s.alive[i] && s.sem[i].focusable && !s.sem[i].disabled) {
        return false;
    }
    let mut cur = i as u32;
    let mut top = cur;
    while cur != NONE {
        let c = cur as usize;
        if !s.visual[c].visible || s.style[c].display == Display::None {
            return false;
        }
        top = cur;
        cur = s.parent[c];
    }
    top == s.root
}

pub fn id_of(e: &Ctx, i: u32) -> u32 {
    if i == NONE {
        0
    } else {
        e.scene.ids[i as usize]
    }
}

fn is_scope(e: &Ctx, i: usize) -> bool {
    e.scene.sem[i].focus_scope || is_trap(e, i)
}

/// `FOCUS_TRAP`, or a `FOCUS_SCOPE` with role dialog (7).
pub fn is_trap(e: &Ctx, i: usize) -> bool {
    let s = &e.scene.sem[i];
    s.nav().trap || (s.focus_scope && s.role == 7)
}

/// The nearest scope (or trap) strictly above `i`, or `NONE`.
fn scope_of(e: &Ctx, i: usize) -> u32 {
    let mut cur = e.scene.parent[i];
    while cur != NONE {
        if is_scope(e, cur as usize) {
            return cur;
        }
        cur = e.scene.parent[cur as usize];
    }
    NONE
}

/// The nearest trap strictly above `i`, or `NONE`.
fn trap_of(e: &Ctx, i: usize) -> u32 {
    let mut cur = e.scene.parent[i];
    while cur != NONE {
        if is_trap(e, cur as usize) {
            return cur;
        }
        cur = e.scene.parent[cur as usize];
    }
    NONE
}

/// Whether `i` is strictly inside `scope` (`NONE` = the whole tree).
fn inside(e: &Ctx, i: usize, scope: u32) -> bool {
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

/// Whether focus may go to `i` given the trap around the focused node.
/// A trap that was hidden or whose focused node can no longer hold focus
/// lets go.
fn trap_allows(e: &Ctx, i: usize) -> bool {
    if e.st.node == NONE || !may_hold(e, e.st.node as usize) {
        return true;
    }
    inside(e, i, trap_of(e, e.st.node as usize))
}

/// Moves focus to dense index `new` (`NONE` blurs), emitting BLUR, FOCUS
/// and FOCUS_PATH, updating scope memory and scrolling into view.
pub fn set_focus(e: &mut Ctx, new: u32) {
    let old = e.st.node;
    if old == new {
        return;
    }
    let (old_id, new_id) = (id_of(e, old), id_of(e, new));
    e.st.node = new;
    if old != NONE {
        let o = old as usize;
        e.scene.state[o] &= !(FOCUSED | PRESSED);
        refresh_subtree(e.scene, o);
        e.events.push(EventType::Blur, old_id, [new_id, 0, 0, 0, 0, 0]);
    }
    if new != NONE {
        let n = new as usize;
        e.st.nav.lost = None;
        e.scene.state[n] |= FOCUSED;
        refresh_subtree(e.scene, n);
        e.events.push(EventType::Focus, new_id, [old_id, 0, 0, 0, 0, 0]);
        push_path(e, n);
        let mut cur = e.scene.parent[n];
        while cur != NONE {
            if is_scope(e, cur as usize) {
                remember(e, cur as usize, new);
            }
            cur = e.scene.parent[cur as usize];
        }
        scroll_into_view(e, n);
    }
}

/// `FOCUS_PATH` records for node `n`: root first, `PATH_IDS` ids a record,
/// each `[count, offset, ids...]`.
pub fn push_path(e: &mut Ctx, n: usize) {
    let mut path = Vec::new();
    let mut cur = n as u32;
    while cur != NONE {
        path.push(e.scene.ids[cur as usize]);
        cur = e.scene.parent[cur as usize];
    }
    path.reverse();
    let node = e.scene.ids[n];
    for (k, chunk) in path.chunks(PATH_IDS).enumerate() {
        let mut w = [path.len() as u32, (k * PATH_IDS) as u32, 0, 0, 0, 0];
        w[2..2 + chunk.len()].copy_from_slice(chunk);
        e.events.push(EventType::FocusPath, node, w);
    }
}

/// `FOCUS` from the host: focuses `i` if it can take focus and the current
/// trap allows it; a scope is entered (memory, preferred, first).
pub fn request(e: &mut Ctx, i: usize) {
    let target = if can_focus(e, i) {
        i as u32
    } else if is_scope(e, i) {
        enter_scope(e, i, NONE, None)
    } else {
        NONE
    };
    if target != NONE && trap_allows(e, target as usize) {
        set_focus(e, target);
    }
}

/// Minimal scroll offset change so `[pos, pos + len]` (content coordinates)
/// fits `[scroll + lo, scroll + hi]`; never past the start edge, which for
/// the horizontal axis of a right-to-left container (`end_start`) is the
/// right one: its content overflows to the left, so it scrolls to
/// negative offsets (as CSS `scrollLeft` does).
fn fit(scroll: f32, pos: f32, len: f32, lo: f32, hi: f32, end_start: bool) -> f32 {
    let s = if pos < scroll + lo {
        pos - lo
    } else if pos + len > scroll + hi {
        (pos + len - hi).min(pos - lo)
    } else {
        scroll
    };
    if end_start {
        s.min(0.0)
    } else {
        s.max(0.0)
    }
}

/// Scrolls every scroll-container ancestor so node `n` is inside it, with
/// the container's `SCROLL_MARGIN` (uses this frame's geometry).
pub fn scroll_into_view(e: &mut Ctx, n: usize) {
    let target = e.geo[n].vis;
    let (mut shift_x, mut shift_y) = (0.0f32, 0.0f32);
    let mut cur = e.scene.parent[n];
    while cur != NONE {
        let c = cur as usize;
        if e.scene.style[c].overflow.width == Overflow::Scroll {
            let st = &e.scene.style[c];
            let m = e.scene.sem[c].nav().scroll_margin;
            let (bl, bt, br, bb) = (st.border.left, st.border.top, st.border.right, st.border.bottom);
            let b = e.scene.boxes[c];
            let g = e.geo[c].vis;
            let (sx, sy) = e.scene.visual[c].scroll;
            let x = target.x - shift_x - g.x + sx;
            let y = target.y - shift_y - g.y + sy;
            let rtl = e.scene.is_rtl(c);
            let nx = fit(sx, x, target.w, bl + m, b.width - br - m, rtl);
            let ny = fit(sy, y, target.h, bt + m, b.height - bb - m, false);
            if nx != sx || ny != sy {
                // The one scroll call site: animated with the container's
                // scroll transition (anim's default glide when it has none).
                crate::anim::set_scroll(&mut Motion { scene: e.scene, anim: e.anim, events: e.events }, c, nx, ny, true);
                shift_x += nx - sx;
                shift_y += ny - sy;
            }
        }
        cur = e.scene.parent[c];
    }
}

/// The first node in tree order under `top` (inclusive; `NONE` = root)
/// that can take focus and satisfies `want`.
fn first_where(e: &Ctx, top: u32, want: &dyn Fn(usize) -> bool) -> u32 {
    let start = if top == NONE { e.scene.root } else { top };
    if start == NONE {
        return NONE;
    }
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        let iu = i as usize;
        if can_focus(e, iu) && want(iu) {
            return i;
        }
        stack.extend(e.scene.children[iu].iter().rev());
    }
    NONE
}

pub fn first_focusable(e: &Ctx) -> u32 {
    first_where(e, NONE, &|_| true)
}

/// Where entering scope `s` lands: its memory, else its first preferred
/// descendant, else `fallback` (or, when `NONE`, its first focusable).
/// `towards` (from, direction): when entered by an arrow, memory and preferred
/// count only if they lie in that direction from `from`.
fn enter_scope(e: &Ctx, s: usize, fallback: u32, towards: Option<(usize, Dir)>) -> u32 {
    let ahead = |i: usize| towards.map_or(true, |(f, k)| relation(&e.geo[f].vis, &e.geo[i].vis, k).is_some());
    if let Some(m) = e.st.nav.memory.get(&(s as u32)) {
        let mu = *m as usize;
        if can_focus(e, mu) && inside(e, mu, s as u32) && ahead(mu) {
            return *m;
        }
    }
    let p = first_where(e, s as u32, &|i| e.scene.sem[i].nav().preferred && i != s && ahead(i));
    if p != NONE {
        return p;
    }
    if fallback != NONE {
        fallback
    } else {
        first_where(e, s as u32, &|i| i != s)
    }
}

/// Along direction `dir`: (major gap, minor centre distance, in beam), or
/// `None` when `r` is not in that direction from `cur`.
pub fn relation(cur: &Rect, r: &Rect, dir: Dir) -> Option<(f32, f32, bool)> {
    let (ccx, ccy) = (cur.x + cur.w / 2.0, cur.y + cur.h / 2.0);
    let (rcx, rcy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let vbeam = r.y < cur.bottom() && r.bottom() > cur.y;
    let hbeam = r.x < cur.right() && r.right() > cur.x;
    match dir {
        Dir::Right if rcx > ccx && r.right() > cur.right() => Some(((r.x - cur.right()).max(0.0), (rcy - ccy).abs(), vbeam)),
        Dir::Left if rcx < ccx && r.x < cur.x => Some(((cur.x - r.right()).max(0.0), (rcy - ccy).abs(), vbeam)),
        Dir::Down if rcy > ccy && r.bottom() > cur.bottom() => Some(((r.y - cur.bottom()).max(0.0), (rcx - ccx).abs(), hbeam)),
        Dir::Up if rcy < ccy && r.y < cur.y => Some(((cur.y - r.bottom()).max(0.0), (rcx - ccx).abs(), hbeam)),
        _ => None,
    }
}

/// The score of a candidate: beam first, then `13 * major^2 + minor^2`.
pub fn score(major: f32, minor: f32) -> f32 {
    13.0 * major * major + minor * minor
}

/// The best spatial target from `from` in direction `key` inside `scope`.
fn best_in(e: &Ctx, from: usize, key: Dir, scope: u32) -> u32 {
    let cur = e.geo[from].vis;
    let mut best: (bool, f32, u32) = (false, f32::INFINITY, NONE);
    let top = if scope == NONE { e.scene.root } else { scope };
    if top == NONE {
        return NONE;
    }
    // Tree order, so ties go to the earlier node.
    let mut stack = vec![top];
    while let Some(i) = stack.pop() {
        let iu = i as usize;
        stack.extend(e.scene.children[iu].iter().rev());
        if iu == from || !can_focus(e, iu) {
            continue;
        }
        if let Some((major, minor, beam)) = relation(&cur, &e.geo[iu].vis, key) {
            let sc = score(major, minor);
            if (beam && !best.0) || (beam == best.0 && sc < best.1) {
                best = (beam, sc, i);
            }
        }
    }
    best.2
}

/// Follows `NEXT_<dir>` overrides from `from` (algorithm step 1).
fn follow_overrides(e: &Ctx, from: usize, key: Dir) -> u32 {
    let k = key.index();
    let mut seen = vec![from];
    let mut cur = from;
    for _ in 0..MAX_HOPS {
        let t = e.scene.sem[cur].nav().next[k];
        if t == 0 {
            return NONE;
        }
        let ti = match e.scene.lookup(t) {
            Some(ti) => ti,
            None => return NONE,
        };
        if seen.contains(&ti) {
            // A node naming itself means "stay" (`STOP`); any longer loop falls back.
            return if ti == from && cur == from { from as u32 } else { NONE };
        }
        if trap_allows(e, ti) {
            if can_focus(e, ti) {
                return ti as u32;
            }
            if is_scope(e, ti) {
                let s = enter_scope(e, ti, NONE, None);
                if s != NONE && s as usize != from {
                    return s;
                }
            }
        }
        seen.push(ti);
        cur = ti;
    }
    NONE
}

/// The focus target from `from` in direction `key`, or `NONE`.
pub fn navigate(e: &Ctx, from: usize, key: Dir) -> u32 {
    let o = follow_overrides(e, from, key);
    if o != NONE {
        return o;
    }
    let trap = trap_of(e, from);
    let edge = edge_of(e, from, key);
    let mut scope = scope_of(e, from);
    loop {
        // A stop-at-edge container inside the scope bounds the search.
        let region = if edge != NONE && (scope == NONE || inside(e, edge as usize, scope)) { edge } else { scope };
        let c = best_in(e, from, key, region);
        if c != NONE {
            return enter_towards(e, from, c, key);
        }
        if region == edge || scope == NONE || scope == trap {
            return NONE;
        }
        scope = scope_of(e, scope as usize);
    }
}

/// The nearest node at or above `from` whose `STOP_AT_EDGES` holds `key`.
fn edge_of(e: &Ctx, from: usize, key: Dir) -> u32 {
    let mut cur = from as u32;
    while cur != NONE {
        if e.scene.sem[cur as usize].nav().edges & (1 << key.index()) != 0 {
            return cur;
        }
        cur = e.scene.parent[cur as usize];
    }
    NONE
}

/// Step 3: the outermost scope around `c` that `from` is not in decides.
fn enter_towards(e: &Ctx, from: usize, c: u32, key: Dir) -> u32 {
    let mut outer = NONE;
    let mut cur = e.scene.parent[c as usize];
    while cur != NONE {
        let cu = cur as usize;
        if cu == from || inside(e, from, cur) {
            break;
        }
        if is_scope(e, cu) {
            outer = cur;
        }
        cur = e.scene.parent[cu];
    }
    if outer == NONE {
        c
    } else {
        enter_scope(e, outer as usize, c, Some((from, key)))
    }
}

/// Before `REMOVE` of node `i`: when focus is in its subtree, remember the
/// focused box and the scopes around `i` so `repair` can pick a neighbour.
pub fn before_remove(e: &mut Ctx, i: usize) {
    let f = e.st.node;
    if f == NONE {
        return;
    }
    if f as usize != i && !inside(e, f as usize, i as u32) {
        return;
    }
    let mut scopes = Vec::new();
    let mut cur = e.scene.parent[i];
    while cur != NONE {
        if is_scope(e, cur as usize) {
            scopes.push((cur, e.scene.ids[cur as usize]));
        }
        cur = e.scene.parent[cur as usize];
    }
    let b = e.geo.get(f as usize).map_or(Rect::new(0.0, 0.0, 0.0, 0.0), |g| g.vis);
    e.st.nav.lost = Some((b, scopes));
}

/// Scope `scope` (dense index) now remembers `node` (dense index, `NONE`
/// forgets); emits `SCOPE_MEMORY` when that changes what it remembers.
pub fn remember(e: &mut Ctx, scope: usize, node: u32) {
    let prev = if node == NONE {
        e.st.nav.memory.remove(&(scope as u32))
    } else {
        e.st.nav.memory.insert(scope as u32, node)
    };
    if prev.unwrap_or(NONE) != node {
        let (s, n) = (e.scene.ids[scope], id_of(e, node));
        e.events.push(EventType::ScopeMemory, s, [n, 0, 0, 0, 0, 0]);
    }
}

/// `REMEMBER_FOCUS` (sender ids, validated): run in batch order with the
/// other queued input; a node that has left the scope since is ignored.
pub fn remember_request(e: &mut Ctx, scope: u32, node: u32) {
    let s = match e.scene.lookup(scope) {
        Some(s) => s,
        None => return,
    };
    if node == 0 {
        remember(e, s, NONE);
    } else if let Some(n) = e.scene.lookup(node) {
        if inside(e, n, s as u32) {
            remember(e, s, n as u32);
        }
    }
}

/// Drops scope memory naming dense index `j` (being freed); pushes onto
/// `lost` the scopes that remembered `j` (their `SCOPE_MEMORY` 0 is emitted
/// by the caller once the whole subtree is gone, for scopes that survive).
pub fn forget(e: &mut Ctx, j: usize, lost: &mut Vec<u32>) {
    let j = j as u32;
    if !e.st.nav.memory.is_empty() {
        e.st.nav.memory.retain(|k, v| {
            if *v == j && *k != j {
                lost.push(*k);
            }
            *k != j && *v != j
        });
    }
}

/// Whether focus needs `repair` (cheap: no geometry).
pub fn needs_repair(e: &Ctx) -> bool {
    if e.st.node == NONE {
        e.st.nav.lost.is_some()
    } else {
        !may_hold(e, e.st.node as usize)
    }
}

/// Moves focus off a node that can no longer hold it, or back onto the
/// tree after the focused node was removed (module comment).
pub fn repair(e: &mut Ctx) {
    let (b, scopes) = if e.st.node != NONE {
        let f = e.st.node as usize;
        if can_focus(e, f) {
            return;
        }
        let mut scopes = Vec::new();
        let mut cur = e.scene.parent[f];
        while cur != NONE {
            if is_scope(e, cur as usize) {
                scopes.push((cur, e.scene.ids[cur as usize]));
            }
            cur = e.scene.parent[cur as usize];
        }
        (e.geo[f].vis, scopes)
    } else {
        match e.st.nav.lost.take() {
            Some(l) => l,
            None => return,
        }
    };
    let mut target = NONE;
    for (s, sid) in scopes.iter().map(|x| (x.0 as usize, x.1)) {
        if s < e.scene.capacity() && e.scene.alive[s] && e.scene.ids[s] == sid {
            target = nearest_in(e, &b, s as u32);
            if target != NONE {
                break;
            }
        }
    }
    if target == NONE {
        target = nearest_in(e, &b, NONE);
        // Outside every old scope (e.g. a new root): the outermost scope
        // around the nearest node decides, so a page that is a scope comes
        // back with its memory.
        let mut outer = NONE;
        let mut cur = if target == NONE { NONE } else { e.scene.parent[target as usize] };
        while cur != NONE {
            if is_scope(e, cur as usize) {
                outer = cur;
            }
            cur = e.scene.parent[cur as usize];
        }
        if outer != NONE {
            target = enter_scope(e, outer as usize, target, None);
        }
    }
    e.st.nav.lost = None;
    set_focus(e, target);
}

/// The node that can take focus inside `scope` whose centre is nearest to
/// the centre of `b` (ties: tree order), excluding the focused node.
fn nearest_in(e: &Ctx, b: &Rect, scope: u32) -> u32 {
    let top = if scope == NONE { e.scene.root } else { scope };
    if top == NONE {
        return NONE;
    }
    let (cx, cy) = (b.x + b.w / 2.0, b.y + b.h / 2.0);
    let mut best = (f32::INFINITY, NONE);
    let mut stack = vec![top];
    while let Some(i) = stack.pop() {
        let iu = i as usize;
        stack.extend(e.scene.children[iu].iter().rev());
        if i == e.st.node || !can_focus(e, iu) {
            continue;
        }
        let r = e.geo[iu].vis;
        let (dx, dy) = (r.x + r.w / 2.0 - cx, r.y + r.h / 2.0 - cy);
        let d = dx * dx + dy * dy;
        if d < best.0 {
            best = (d, i);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::props::{id, Value};

    fn r(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::new(x, y, w, h)
    }

    #[test]
    fn relation_table() {
        let cur = r(500.0, 500.0, 100.0, 100.0);
        // (candidate, key, expected (major, minor, beam) or None)
        let cases: [(Rect, Dir, Option<(f32, f32, bool)>); 9] = [
            (r(700.0, 500.0, 100.0, 100.0), Dir::Right, Some((100.0, 0.0, true))),
            (r(700.0, 590.0, 100.0, 100.0), Dir::Right, Some((100.0, 90.0, true))),
            (r(700.0, 600.0, 100.0, 100.0), Dir::Right, Some((100.0, 100.0, false))),
            (r(550.0, 520.0, 100.0, 100.0), Dir::Right, Some((0.0, 20.0, true))),
            (r(520.0, 520.0, 60.0, 60.0), Dir::Right, None),
            (r(300.0, 500.0, 100.0, 100.0), Dir::Right, None),
            (r(300.0, 500.0, 100.0, 100.0), Dir::Left, Some((100.0, 0.0, true))),
            (r(500.0, 100.0, 100.0, 100.0), Dir::Up, Some((300.0, 0.0, true))),
            (r(800.0, 800.0, 100.0, 100.0), Dir::Down, Some((200.0, 300.0, false))),
        ];
        for (i, (c, key, want)) in cases.iter().enumerate() {
            assert_eq!(relation(&cur, c, *key), *want, "case {}", i);
        }
    }

    #[test]
    fn score_weighs_the_gap_thirteen_times() {
        assert_eq!(score(100.0, 300.0), 220_000.0);
        assert_eq!(score(200.0, 150.0), 542_500.0);
        assert!(score(100.0, 300.0) < score(200.0, 150.0));
        assert_eq!(score(0.0, 20.0), 400.0);
    }

    #[test]
    fn nav_props_round_trip() {
        let mut n = NavProps::default();
        n.set(id::NEXT_LEFT, &Value::U32(7));
        n.set(id::SCROLL_MARGIN, &Value::F32(12.5));
        n.set(id::FOCUS_TRAP, &Value::U8(1));
        assert_eq!(n.next, [0, 0, 7, 0]);
        assert_eq!(n.get(id::SCROLL_MARGIN), Some(Value::F32(12.5)));
        assert_eq!(n.get(id::FOCUS_TRAP), Some(Value::U8(1)));
        assert_eq!(n.get(id::DISABLED), None);
    }
}
