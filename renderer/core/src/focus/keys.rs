//! Keys: navigation, press, held-key repeat with acceleration and
//! coalescing, long press, and keys captured by the focus path.
//!
//! Algorithm (`handle_key`, one queued `KEY`, geometry current):
//! 1. Capture: the first node on the focus path (focused node, then its
//!    ancestors) whose `CAPTURE_KEYS` has the key's bit (bit `key - 1` for
//!    keys 1..=18, bit 31 for app-named keys 32..=255) captures it: the
//!    engine neither navigates nor presses, and reports `KEY` with
//!    `handled` 0 and `captured_by`, followed by the focus path.
//! 2. Coalescing: within one frame, only the first repeat of each arrow
//!    navigates; later repeats of that arrow emit nothing and are counted
//!    in the `coalesced` word of the first one's `KEY` event, so a held
//!    arrow never builds a backlog however fast repeats arrive.
//! 3. Acceleration: a repeat moves `1 + [held >= 1000 ms] + [held >= 2000
//!    ms]` steps (each step a navigation from the previous target, on this
//!    frame's geometry), where `held` is frame time since the key's down.
//! 4. Long press: a key held (down, no up) for `LONG_PRESS_MS` of frame
//!    time gets one `KEY` event with action 3 (long press, `handled` 0) for
//!    the focused node at the first frame that sees it (`tick`).
//! Select down presses the focused node (state `pressed`, `PRESS`), select
//! up releases it. With nothing focused an arrow focuses the first
//! `FOCUS_PREFERRED` node that can take focus, else the first in tree order.

use super::{first_focusable, first_where, id_of, navigate, push_path, set_focus, RIGHT, SELECT, UP};
use crate::engine::Engine;
use crate::events;
use crate::scene::{NONE, PRESSED};
use crate::states::refresh;

/// Hold time before a long press (ms of frame time).
pub const LONG_PRESS_MS: f64 = 500.0;
/// Hold times at which repeats move 2, then 3 steps.
pub const ACCEL_MS: [f64; 2] = [1000.0, 2000.0];
/// `KEY` event action for a long press (never sent by the host).
pub const LONG_PRESS: u8 = 3;

/// Held keys and this frame's navigation per arrow.
#[derive(Default)]
pub struct KeyState {
    /// (key, frame time of its down, long press reported).
    held: Vec<(u8, f64, bool)>,
    /// `frame_no` the fields below belong to.
    frame: u32,
    /// Per arrow (index `key - 1`): the queue index of the `KEY` event of
    /// this frame's navigating repeat, when there was one.
    moved: [Option<usize>; 4],
}

/// The capture bit of `key`.
pub fn capture_bit(key: u8) -> u32 {
    if (1..=18).contains(&key) {
        1 << (key - 1)
    } else if key >= 32 {
        1 << 31
    } else {
        0
    }
}

/// The node on the focus path capturing `key`, or `NONE`.
fn captured_by(e: &Engine, key: u8) -> u32 {
    let bit = capture_bit(key);
    let mut cur = e.focus;
    while cur != NONE {
        if e.scene.sem[cur as usize].nav().capture & bit != 0 {
            return cur;
        }
        cur = e.scene.parent[cur as usize];
    }
    NONE
}

/// Handles one queued key (see the module comment).
pub fn handle_key(e: &mut Engine, key: u8, action: u8) {
    let now = e.nav.now_ms;
    if e.nav.keys.frame != e.frame_no {
        e.nav.keys.frame = e.frame_no;
        e.nav.keys.moved = [None; 4];
    }
    let held_ms = track_hold(e, key, action, now);
    let focused = e.focus;
    let fid = id_of(e, focused);
    let cap = captured_by(e, key);
    if cap != NONE {
        e.events.push(events::KEY, fid, [u32::from(key), u32::from(action), 0, 0, id_of(e, cap), 0]);
        push_path(e, focused as usize);
        return;
    }
    let arrow = (UP..=RIGHT).contains(&key);
    if arrow && action == 1 {
        if let Some(at) = e.nav.keys.moved[usize::from(key - 1)] {
            e.events.bump(at, 3);
            return;
        }
    }
    let mut target = NONE;
    let mut press: Option<bool> = None;
    if arrow && action != 2 {
        target = if focused == NONE || !e.scene.alive[focused as usize] {
            let p = first_where(e, NONE, &|i| e.scene.sem[i].nav().preferred);
            if p != NONE {
                p
            } else {
                first_focusable(e)
            }
        } else {
            let steps = if action == 1 { 1 + ACCEL_MS.iter().filter(|t| held_ms >= **t).count() } else { 1 };
            let mut at = focused;
            for _ in 0..steps {
                let next = navigate(e, at as usize, key);
                if next == NONE {
                    break;
                }
                at = next;
            }
            if at == focused {
                NONE
            } else {
                at
            }
        };
    } else if key == SELECT && focused != NONE && !e.scene.sem[focused as usize].disabled {
        match action {
            0 => press = Some(true),
            2 => press = Some(false),
            _ => {}
        }
    }
    let handled = target != NONE;
    if arrow && action == 1 && handled {
        e.nav.keys.moved[usize::from(key - 1)] = Some(e.events.len());
    }
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

/// Records downs and ups; returns how long `key` has been held.
fn track_hold(e: &mut Engine, key: u8, action: u8, now: f64) -> f64 {
    let held = &mut e.nav.keys.held;
    let pos = held.iter().position(|h| h.0 == key);
    match (action, pos) {
        (0, Some(p)) => {
            held[p] = (key, now, false);
            0.0
        }
        (0, None) | (1, None) => {
            held.push((key, now, false));
            0.0
        }
        (1, Some(p)) => now - held[p].1,
        (_, Some(p)) => {
            held.remove(p);
            0.0
        }
        _ => 0.0,
    }
}

/// Reports long presses that became due by `now_ms` (run by `prepare`).
pub fn tick(e: &mut Engine) {
    if e.nav.keys.held.is_empty() {
        return;
    }
    let now = e.nav.now_ms;
    for k in 0..e.nav.keys.held.len() {
        let (key, since, done) = e.nav.keys.held[k];
        if done || now - since < LONG_PRESS_MS {
            continue;
        }
        e.nav.keys.held[k].2 = true;
        let cap = captured_by(e, key);
        let fid = id_of(e, e.focus);
        e.events.push(events::KEY, fid, [u32::from(key), u32::from(LONG_PRESS), 0, 0, id_of(e, cap), 0]);
    }
}
