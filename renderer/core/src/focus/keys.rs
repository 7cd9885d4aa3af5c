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

use super::{Ctx, first_focusable, first_where, id_of, navigate, push_path, set_focus};
use crate::events::EventType;
use crate::input::{Key, KeyAction};
use crate::scene::{NONE, PRESSED};
use crate::states::refresh;

/// Hold time before a long press (ms of frame time).
pub const LONG_PRESS_MS: f64 = 500.0;
/// Hold times at which repeats move 2, then 3 steps.
pub const ACCEL_MS: [f64; 2] = [1000.0, 2000.0];

/// Held keys and this frame's navigation per arrow.
#[derive(Default)]
pub struct KeyState {
    /// (key, frame time of its down, long press reported).
    held: Vec<(Key, f64, bool)>,
    /// `frame_no` the fields below belong to.
    frame: u32,
    /// Per arrow (`Dir::index`): the queue index of the `KEY` event of
    /// this frame's navigating repeat, when there was one.
    moved: [Option<usize>; 4],
}

/// The capture bit of `key`.
pub fn capture_bit(key: Key) -> u32 {
    match key {
        Key::App(_) => 1 << 31,
        k => 1 << (k.code() - 1),
    }
}

/// The node on the focus path capturing `key`, or `NONE`.
fn captured_by(e: &Ctx, key: Key) -> u32 {
    let bit = capture_bit(key);
    let mut cur = e.st.node;
    while cur != NONE {
        if e.scene.sem[cur as usize].nav().capture & bit != 0 {
            return cur;
        }
        cur = e.scene.parent[cur as usize];
    }
    NONE
}

/// Handles one queued key (see the module comment).
pub fn handle_key(e: &mut Ctx, key: Key, action: KeyAction) {
    let now = e.st.nav.now_ms;
    if e.st.nav.keys.frame != e.frame_no {
        e.st.nav.keys.frame = e.frame_no;
        e.st.nav.keys.moved = [None; 4];
    }
    let held_ms = track_hold(e, key, action, now);
    let focused = e.st.node;
    let fid = id_of(e, focused);
    let cap = captured_by(e, key);
    let (code, act) = (u32::from(key.code()), action as u32);
    if cap != NONE {
        e.events.push(EventType::Key, fid, [code, act, 0, 0, id_of(e, cap), 0]);
        push_path(e, focused as usize);
        return;
    }
    let arrow = match key {
        Key::Arrow(d) => Some(d),
        _ => None,
    };
    let repeat = action == KeyAction::Repeat;
    if let (Some(d), true) = (arrow, repeat) {
        if let Some(at) = e.st.nav.keys.moved[d.index()] {
            e.events.bump(at, 3);
            return;
        }
    }
    let mut target = NONE;
    let mut press: Option<bool> = None;
    match arrow {
        Some(d) if action != KeyAction::Up => {
            target = if focused == NONE || !e.scene.alive[focused as usize] {
                let p = first_where(e, NONE, &|i| e.scene.sem[i].nav().preferred);
                if p != NONE {
                    p
                } else {
                    first_focusable(e)
                }
            } else {
                let steps = if repeat { 1 + ACCEL_MS.iter().filter(|t| held_ms >= **t).count() } else { 1 };
                let mut at = focused;
                for _ in 0..steps {
                    let next = navigate(e, at as usize, d);
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
        }
        _ => {
            if key == Key::Select && focused != NONE && !e.scene.sem[focused as usize].disabled {
                match action {
                    KeyAction::Down => press = Some(true),
                    KeyAction::Up => press = Some(false),
                    _ => {}
                }
            }
        }
    }
    let handled = target != NONE;
    if let (Some(d), true, true) = (arrow, repeat, handled) {
        e.st.nav.keys.moved[d.index()] = Some(e.events.len());
    }
    e.events.push(EventType::Key, fid, [code, act, u32::from(handled), 0, 0, 0]);
    if handled {
        set_focus(e, target);
    }
    if let Some(down) = press {
        let f = focused as usize;
        if down {
            e.scene.state[f] |= PRESSED;
            e.events.push(EventType::Press, fid, [0; 6]);
        } else {
            e.scene.state[f] &= !PRESSED;
        }
        refresh(e.scene, f);
    }
}

/// Records downs and ups; returns how long `key` has been held.
fn track_hold(e: &mut Ctx, key: Key, action: KeyAction, now: f64) -> f64 {
    let held = &mut e.st.nav.keys.held;
    let pos = held.iter().position(|h| h.0 == key);
    match (action, pos) {
        (KeyAction::Down, Some(p)) => {
            held[p] = (key, now, false);
            0.0
        }
        (KeyAction::Down, None) | (KeyAction::Repeat, None) => {
            held.push((key, now, false));
            0.0
        }
        (KeyAction::Repeat, Some(p)) => now - held[p].1,
        (_, Some(p)) => {
            held.remove(p);
            0.0
        }
        _ => 0.0,
    }
}

/// Reports long presses that became due by `now_ms` (run by `prepare`).
pub fn tick(e: &mut Ctx) {
    if e.st.nav.keys.held.is_empty() {
        return;
    }
    let now = e.st.nav.now_ms;
    for k in 0..e.st.nav.keys.held.len() {
        let (key, since, done) = e.st.nav.keys.held[k];
        if done || now - since < LONG_PRESS_MS {
            continue;
        }
        e.st.nav.keys.held[k].2 = true;
        let cap = captured_by(e, key);
        let fid = id_of(e, e.st.node);
        e.events.push(EventType::Key, fid, [u32::from(key.code()), KeyAction::LongPress as u32, 0, 0, id_of(e, cap), 0]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Dir;

    #[test]
    fn key_codes_round_trip_and_reserved_codes_are_refused() {
        for v in 0..=255u8 {
            match Key::from_u8(v) {
                Some(k) => assert_eq!(k.code(), v),
                None => assert!(v == 0 || (19..32).contains(&v), "code {}", v),
            }
        }
        assert_eq!(Key::from_u8(4), Some(Key::Arrow(Dir::Right)));
        assert_eq!(Key::from_u8(18), Some(Key::Digit(9)));
        assert_eq!(capture_bit(Key::Digit(9)), 1 << 17);
        assert_eq!(capture_bit(Key::App(200)), 1 << 31);
        assert_eq!(KeyAction::from_u8(2), Some(KeyAction::Up));
        assert_eq!(KeyAction::from_u8(3), None, "long press is never sent");
    }
}
