//! Motion in the engine: transitions, layout animations, keyframes and
//! springs, all advanced by `frame(now_ms)` (PROTOCOL.md "Motion").
//!
//! Algorithm. The scene's columns always hold a property's *target* value
//! (what the host or a state style set; the dump shows these). A node with
//! transition specs is "watched": `Scene::set_prop` then logs each change
//! `(node, prop, old value)`. Once per frame, after layout and key
//! handling, `tick(now)`:
//! 1. turns the change log, coalesced per (node, prop) (first old value,
//!    final target), into tracks: a new track runs from the old value, or
//!    from the running track's current value (retargeting; see below);
//! 2. compares each layout-animated node's layout box (relative to its
//!    parent) with the last one seen and starts a `LAYOUT` track on change;
//! 3. advances every track and keyframe animation to `now`, emitting
//!    `ANIMATION_DONE` for finished ones. A new one's clock starts one frame
//!    interval before `now` (`now` minus the time since the previous frame,
//!    at most `FRAME_MS`): the change happened during that interval, so the
//!    frame that first shows it already shows motion (a key press moves
//!    the focus look in its own frame), and a first frame after a long idle
//!    time does not skip the animation;
//! 4. rebuilds the node's presented values `Pres` (targets with animated
//!    values applied) and bumps its paint version when they changed, so
//!    damage covers the node's old and new bounds (descendants follow
//!    through their inherited matrix, clip and alpha).
//!
//! `display::geometry`/`emit` paint `Pres` (box, visual, border widths,
//! text colour); focus navigation keeps using layout boxes moved by target
//! scroll offsets, so a key press during a glide acts on where things are
//! going, not where they are drawn.
//!
//! Retargeting (CSS Transitions Level 1): a change mid-flight starts a new
//! track from the current value with the full duration, except when it
//! returns to the running track's reversing-adjusted start value: then the
//! duration is multiplied by the shortening factor
//! `|eased_progress * old_factor + 1 - old_factor|`, so going back takes as
//! long as the way out had run. Springs keep their velocity (per lane)
//! instead: a Bézier track handed to a spring passes on its curve's slope.
//! An interrupted track emits no `ANIMATION_DONE`; only the one that
//! reaches its target does.

pub mod easing;
pub mod track;
pub mod values;

#[cfg(test)]
mod tests;

use crate::events::Events;
use crate::scene::Scene;
use crate::events::EventType;
use crate::props::{id, Value};
use crate::scene::NONE;
use easing::Easing;
use track::{near, Keyframes, Step, Track, V4};
use values::{box_vec, covers, eps, to_vec, Pres, LAYOUT, SCROLL};

/// How a property animates when its value changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    pub duration: f64,
    pub delay: f64,
    pub easing: Easing,
}

/// What finished, in an `ANIMATION_DONE` event's `kind` word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum DoneKind {
    Transition = 0,
    Keyframes = 1,
}

/// What the motion subsystem works on: the scene (target values, the change
/// log), its own state and the event queue (`ANIMATION_DONE`).
pub struct Motion<'a> {
    pub scene: &'a mut Scene,
    pub anim: &'a mut Anims,
    pub events: &'a mut Events,
}

/// The transition `set_scroll(.., animated: true)` uses when the node has
/// none for its scroll offsets: 300 ms `ease`.
pub const DEFAULT_SCROLL: Spec =
    Spec { duration: 300.0, delay: 0.0, easing: Easing::Bezier(0.25, 0.1, 0.25, 1.0) };

/// The longest lead a new animation's clock gets (one 60 Hz frame).
pub const FRAME_MS: f64 = 1000.0 / 60.0;

/// A validated motion command.
#[derive(Clone, Debug)]
pub enum AnimCmd {
    Transition { node: u32, prop: u16, spec: Spec },
    Keyframes { node: u32, kf: Keyframes },
    Clear { node: u32, prop: u16 },
}

/// Everything animated about one node.
#[derive(Clone, Debug, Default)]
pub struct NodeAnims {
    /// Transition specs by property or group id.
    pub specs: Vec<(u16, Spec)>,
    pub tracks: Vec<Track>,
    pub kfs: Vec<Keyframes>,
    /// The last layout box seen (for `LAYOUT` transitions).
    pub last_box: Option<V4>,
    /// Scroll props to animate with `DEFAULT_SCROLL` when no spec covers them.
    pub forced: Vec<u16>,
    pub pres: Option<Pres>,
}

impl NodeAnims {
    fn spec_for(&self, p: u16) -> Option<Spec> {
        let find = |pred: &dyn Fn(u16) -> bool| self.specs.iter().find(|(k, _)| pred(*k)).map(|(_, s)| *s);
        find(&|k| k == p)
            .or_else(|| find(&|k| k != values::VISUAL && covers(k, p)))
            .or_else(|| find(&|k| covers(k, p)))
            .or_else(|| if self.forced.contains(&p) { Some(DEFAULT_SCROLL) } else { None })
    }

    fn watched(&self) -> bool {
        !self.specs.is_empty() || !self.forced.is_empty()
    }
}

/// The engine's animation state: `slot[i]` indexes `nodes` for dense node `i`.
#[derive(Default)]
pub struct Anims {
    slot: Vec<u32>,
    nodes: Vec<NodeAnims>,
    free: Vec<u32>,
    /// Finite (transitions, finite keyframes) and infinite animations running.
    pub running: u32,
    pub infinite: u32,
    /// `now_ms` of the previous frame.
    last_now: Option<f64>,
}

impl Anims {
    /// The presented values of node `i` when something on it is animating.
    pub fn pres(&self, i: usize) -> Option<&Pres> {
        match self.slot.get(i) {
            Some(&s) if s != NONE => self.nodes[s as usize].pres.as_ref(),
            _ => None,
        }
    }

    fn get_mut(&mut self, i: usize) -> &mut NodeAnims {
        if self.slot.len() <= i {
            self.slot.resize(i + 1, NONE);
        }
        if self.slot[i] == NONE {
            let s = match self.free.pop() {
                Some(s) => s,
                None => {
                    self.nodes.push(NodeAnims::default());
                    (self.nodes.len() - 1) as u32
                }
            };
            self.slot[i] = s;
        }
        &mut self.nodes[self.slot[i] as usize]
    }

    fn find(&mut self, i: usize) -> Option<&mut NodeAnims> {
        match self.slot.get(i) {
            Some(&s) if s != NONE => Some(&mut self.nodes[s as usize]),
            _ => None,
        }
    }
}

/// Node slot `i` was freed or reused: drop everything animated on it.
pub fn forget(e: &mut Motion, i: usize) {
    if let Some(&s) = e.anim.slot.get(i) {
        if s != NONE {
            e.anim.nodes[s as usize] = NodeAnims::default();
            e.anim.free.push(s);
            e.anim.slot[i] = NONE;
        }
    }
    if let Some(w) = e.scene.anim_watch.get_mut(i) {
        *w = false;
    }
    // Changes logged for the node that held the slot must not animate a new one.
    if e.scene.anim_changes.iter().any(|c| c.0 as usize == i) {
        drop_where(&mut e.scene.anim_changes, &|c| c.0 as usize == i);
    }
}

fn watch(e: &mut Motion, i: usize, on: bool) {
    let w = &mut e.scene.anim_watch;
    if w.len() <= i {
        w.resize(i + 1, false);
    }
    w[i] = on;
}

/// Applies a validated motion command (`base` maps template-local ids).
pub fn apply(e: &mut Motion, cmd: AnimCmd, base: u32) {
    let map = |id: u32| if base == 0 { id } else { base + id - 1 };
    let (node, prop) = match &cmd {
        AnimCmd::Transition { node, prop, .. } | AnimCmd::Clear { node, prop } => (*node, *prop),
        AnimCmd::Keyframes { node, kf } => (*node, kf.prop),
    };
    let i = match e.scene.lookup(map(node)) {
        Some(i) => i,
        None => return,
    };
    let na = e.anim.get_mut(i);
    match cmd {
        AnimCmd::Transition { spec, .. } => {
            drop_where(&mut na.specs, &|(k, _)| *k == prop);
            let keep = spec.easing.is_spring() || spec.duration > 0.0 || spec.delay > 0.0;
            if keep {
                na.specs.push((prop, spec));
            }
        }
        AnimCmd::Keyframes { kf, .. } => {
            drop_where(&mut na.kfs, &|k| k.prop == prop);
            na.kfs.push(kf);
        }
        AnimCmd::Clear { .. } => {
            let all = prop == 0;
            drop_where(&mut na.specs, &|(k, _)| all || *k == prop);
            drop_where(&mut na.tracks, &|t| all || covers(prop, t.prop));
            drop_where(&mut na.kfs, &|k| all || covers(prop, k.prop));
            if all || prop == LAYOUT {
                na.last_box = None;
            }
        }
    }
    let on = na.watched();
    watch(e, i, on);
    e.scene.paint_ver[i] = e.scene.paint_ver[i].wrapping_add(1);
}


/// Sets node `i`'s scroll offsets (dense index). `animated`: glide there
/// with the node's scroll transition, or `DEFAULT_SCROLL` if it has none;
/// otherwise jump (stopping any scroll animation). For the engine's
/// scroll-into-view.
pub fn set_scroll(e: &mut Motion, i: usize, x: f32, y: f32, animated: bool) {
    if i >= e.scene.capacity() || !e.scene.alive[i] {
        return;
    }
    if animated {
        let na = e.anim.get_mut(i);
        for p in [id::SCROLL_X, id::SCROLL_Y] {
            if !na.forced.contains(&p) {
                na.forced.push(p);
            }
        }
        watch(e, i, true);
    }
    for (p, v) in [(id::SCROLL_X, x), (id::SCROLL_Y, y)] {
        crate::states::set_base_prop(e.scene, i, p, &Value::F32(v));
    }
    if !animated {
        drop_where(&mut e.scene.anim_changes, &|c| c.0 as usize == i && values::group_of(c.1) == SCROLL);
        if let Some(na) = e.anim.find(i) {
            drop_where(&mut na.tracks, &|t| values::group_of(t.prop) == SCROLL);
        }
    }
}

/// Starts, retargets and advances animations (module comment, steps 1-4).
pub fn tick(e: &mut Motion, now: f64) {
    start_from_changes(e);
    start_layout(e);
    e.anim.running = 0;
    e.anim.infinite = 0;
    let lead = match e.anim.last_now {
        Some(prev) if now > prev => (now - prev).min(FRAME_MS),
        _ => 0.0,
    };
    e.anim.last_now = Some(now);
    for i in 0..e.anim.slot.len() {
        let s = e.anim.slot[i];
        if s == NONE || i >= e.scene.capacity() || !e.scene.alive[i] {
            continue;
        }
        advance_node(e, i, s as usize, now, now - lead);
    }
}

fn start_from_changes(e: &mut Motion) {
    if e.scene.anim_changes.is_empty() {
        return;
    }
    let changes = std::mem::take(&mut e.scene.anim_changes);
    let mut seen: Vec<(u32, u16)> = Vec::with_capacity(changes.len());
    for (n, p, old) in changes {
        if seen.contains(&(n, p)) {
            continue;
        }
        seen.push((n, p));
        let i = n as usize;
        if !values::animatable(p) || i >= e.scene.capacity() || !e.scene.alive[i] {
            continue;
        }
        let target = match e.scene.get_prop(i, p).and_then(|v| to_vec(p, &v)) {
            Some(t) => t,
            None => continue,
        };
        let from = match to_vec(p, &old) {
            Some(f) => f,
            None => continue,
        };
        let na = e.anim.get_mut(i);
        let spec = na.spec_for(p);
        retarget(na, p, from, target, spec);
        if values::group_of(p) == SCROLL {
            drop_where(&mut na.forced, &|q| *q == p);
            let on = na.watched();
            watch(e, i, on);
        }
    }
}

/// Starts (or retargets) the track of `p` towards `to`; `from` is the old
/// value when nothing is running.
fn retarget(na: &mut NodeAnims, p: u16, from: V4, to: V4, spec: Option<Spec>) {
    let e = eps(p);
    let pos = na.tracks.iter().position(|t| t.prop == p);
    let spec = match spec {
        Some(s) => s,
        None => {
            if let Some(k) = pos {
                na.tracks.remove(k);
            }
            return;
        }
    };
    let mut t = Track::new(p, from, to, spec.easing, spec.delay, spec.duration, e);
    if let Some(k) = pos {
        let old = &na.tracks[k];
        if near(&old.to, &to, 0.0) {
            return;
        }
        t.from = old.cur;
        t.cur = old.cur;
        t.rev_start = old.cur;
        if spec.easing.is_spring() {
            t.vel = old.velocity();
        } else if !old.easing.is_spring() && near(&old.rev_start, &to, e) {
            let f = (old.progress * old.short + 1.0 - old.short).abs().min(1.0);
            t.short = f;
            t.duration = spec.duration * f64::from(f);
            t.rev_start = old.to;
        }
        na.tracks[k] = t;
        return;
    }
    if near(&from, &to, 0.0) {
        return;
    }
    na.tracks.push(t);
}

/// Whether node `i` is displayed under the root (so its box is current).
fn attached(scene: &Scene, i: usize) -> bool {
    let mut cur = i as u32;
    let mut steps = 0;
    while cur != NONE && steps <= scene.capacity() {
        if scene.style[cur as usize].display == crate::layout::Display::None {
            return false;
        }
        if cur == scene.root {
            return true;
        }
        cur = scene.parent[cur as usize];
        steps += 1;
    }
    false
}

fn start_layout(e: &mut Motion) {
    for i in 0..e.anim.slot.len() {
        let s = e.anim.slot[i];
        if s == NONE || i >= e.scene.capacity() || !e.scene.alive[i] {
            continue;
        }
        let has = e.anim.nodes[s as usize].specs.iter().any(|(k, _)| *k == LAYOUT);
        if !has {
            continue;
        }
        let now_box = if attached(e.scene, i) { Some(box_vec(&e.scene.boxes[i])) } else { None };
        let na = &mut e.anim.nodes[s as usize];
        let spec = na.spec_for(LAYOUT);
        if let (Some(b), Some(n)) = (na.last_box, now_box) {
            if b != n {
                retarget(na, LAYOUT, b, n, spec);
            }
        }
        na.last_box = now_box;
    }
}

fn advance_node(e: &mut Motion, i: usize, s: usize, now: f64, start: f64) {
    let id_ = e.scene.ids[i];
    let st = &e.scene.style[i];
    let mut pres = Pres {
        visual: e.scene.visual[i].clone(),
        border: [st.border.left, st.border.top, st.border.right, st.border.bottom],
        text_color: e.scene.text[i].color,
        bx: e.scene.boxes[i],
    };
    let na = &mut e.anim.nodes[s];
    let before = na.pres.take();
    if na.tracks.is_empty() && na.kfs.is_empty() {
        // The last animated frame already showed the targets, unless a
        // CLEAR or a jump cut the animation short.
        if before.map_or(false, |b| b != pres) {
            e.scene.paint_ver[i] = e.scene.paint_ver[i].wrapping_add(1);
        }
        return;
    }
    let mut k = 0;
    while k < na.tracks.len() {
        let t = &mut na.tracks[k];
        let step = t.advance(now, start);
        pres.set(t.prop, &t.cur);
        if step == Step::Done {
            e.events.push(EventType::AnimationDone, id_, [u32::from(t.prop), DoneKind::Transition as u32, 0, 0, 0, 0]);
            na.tracks.remove(k);
        } else {
            e.anim.running += 1;
            k += 1;
        }
    }
    let mut k = 0;
    while k < na.kfs.len() {
        let a = &mut na.kfs[k];
        let step = a.advance(now, start);
        if a.active {
            pres.set(a.prop, &a.cur);
        }
        if step == Step::Done {
            e.events.push(EventType::AnimationDone, id_, [u32::from(a.prop), DoneKind::Keyframes as u32, 0, 0, 0, 0]);
            na.kfs.remove(k);
        } else {
            if a.infinite() {
                e.anim.infinite += 1;
            } else {
                e.anim.running += 1;
            }
            k += 1;
        }
    }
    if before.as_ref() != Some(&pres) {
        e.scene.paint_ver[i] = e.scene.paint_ver[i].wrapping_add(1);
    }
    na.pres = Some(pres);
}

/// Node `i`'s visual properties as painted this frame.
pub fn visual(scene: &Scene, anim: &Anims, i: usize) -> crate::scene::Visual {
    match anim.pres(i) {
        Some(p) => p.visual.clone(),
        None => scene.visual[i].clone(),
    }
}

/// Node `i`'s box as painted this frame (its layout box unless it glides).
pub fn paint_box(scene: &Scene, anim: &Anims, i: usize) -> crate::layout::LayoutBox {
    match anim.pres(i) {
        Some(p) => p.bx,
        None => scene.boxes[i],
    }
}

/// The widest border as painted, and node `i`'s painted text colour.
pub fn border_width(scene: &Scene, anim: &Anims, i: usize) -> f32 {
    let b = match anim.pres(i) {
        Some(p) => p.border,
        None => {
            let st = &scene.style[i];
            [st.border.left, st.border.top, st.border.right, st.border.bottom]
        }
    };
    b[0].max(b[1]).max(b[2]).max(b[3])
}

pub fn text_color(scene: &Scene, anim: &Anims, i: usize) -> u32 {
    anim.pres(i).map_or(scene.text[i].color, |p| p.text_color)
}

/// Removes the items `f` selects (one small loop per item type instead of a
/// `retain` per closure: module size).
fn drop_where<T>(v: &mut Vec<T>, f: &dyn Fn(&T) -> bool) {
    let mut k = 0;
    while k < v.len() {
        if f(&v[k]) {
            v.remove(k);
        } else {
            k += 1;
        }
    }
}
