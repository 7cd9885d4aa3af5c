//! Interaction states and the property overrides the engine applies for
//! them (`SET_STATE_PROPS`).
//!
//! Algorithm: a node's active states are focused, pressed (select held on
//! the focused node), disabled (the `DISABLED` property) and focus-within
//! (the node is the focused node or lies inside it). Whenever they change,
//! or an override set is replaced, `refresh` first restores every base value
//! it saved, then applies the sets of the active states in order
//! 4 focus-within, 1 focused, 2 pressed, 3 disabled (later states win),
//! saving each property's base value the first time it is overridden. A
//! `SET_PROP` on an overridden property updates the saved base value
//! instead, so it shows again when the state ends. Focus-within changes for
//! a whole subtree at once: focus moving refreshes the old and the new
//! focused node's subtrees, an `INSERT` while something is focused the moved
//! subtree (`refresh_subtree`).

use crate::props::{id, Value};
use crate::scene::{Overrides, Scene, State, FOCUSED, NONE, PRESSED};

/// The order override sets are applied in (indices `state - 1`).
const ORDER: [usize; 4] = [3, 0, 1, 2];

/// The state bits (`1 << (state - 1)`) node `i` is in.
pub fn active_states(s: &Scene, i: usize) -> u8 {
    let st = s.state[i];
    let mut bits = 0;
    if st & FOCUSED != 0 {
        bits |= 1;
    }
    if st & PRESSED != 0 {
        bits |= 2;
    }
    if s.sem[i].disabled {
        bits |= 4;
    }
    let mut cur = i as u32;
    while cur != NONE {
        if s.state[cur as usize] & FOCUSED != 0 {
            bits |= 8;
            break;
        }
        cur = s.parent[cur as usize];
    }
    bits
}

/// `refresh` for `top` and every node below it that has overrides.
pub fn refresh_subtree(s: &mut Scene, top: usize) {
    let mut stack = vec![top as u32];
    while let Some(i) = stack.pop() {
        let iu = i as usize;
        if s.overrides[iu].is_some() {
            refresh(s, iu);
        }
        stack.extend(s.children[iu].iter());
    }
}

/// `SET_PROP` from the host: writes the base value.
pub fn set_base_prop(s: &mut Scene, i: usize, prop: u16, v: &Value) {
    if let Some(o) = s.overrides[i].as_mut() {
        if let Some(slot) = o.saved.iter_mut().find(|(p, _)| *p == prop) {
            slot.1 = v.clone();
            if prop == id::DISABLED {
                refresh(s, i);
            }
            return;
        }
    }
    s.set_prop(i, prop, v);
    if prop == id::DISABLED {
        refresh(s, i);
    }
}

/// `SET_STATE_PROPS`: replaces the override set of `state` (1..=4).
pub fn set_state_props(s: &mut Scene, i: usize, state: State, props: Vec<(u16, Value)>) {
    let k = state as usize - 1;
    let o = s.overrides[i].get_or_insert_with(|| Box::new(Overrides::default()));
    o.sets[k] = props;
    o.active = 0xFF; // force a refresh
    refresh(s, i);
}

/// Re-applies node `i`'s overrides for its current states.
pub fn refresh(s: &mut Scene, i: usize) {
    let want = active_states(s, i);
    let mut o = match s.overrides[i].take() {
        Some(o) => o,
        None => return,
    };
    if o.active == want {
        s.overrides[i] = Some(o);
        return;
    }
    for (p, v) in o.saved.drain(..) {
        s.set_prop(i, p, &v);
    }
    for k in ORDER {
        if want & (1 << k) == 0 {
            continue;
        }
        for (p, v) in o.sets[k].iter() {
            if !o.saved.iter().any(|(q, _)| q == p) {
                if let Some(base) = s.get_prop(i, *p) {
                    o.saved.push((*p, base));
                }
            }
            s.set_prop(i, *p, v);
        }
    }
    o.active = want;
    s.overrides[i] = Some(o);
}
