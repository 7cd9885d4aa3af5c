//! Decoding and validation of the motion commands (PROTOCOL.md section 2,
//! opcodes 0x40..0x42). Checks run in payload order; the Python scene
//! double (`renderer/_scene_double.py`) repeats them with the same codes
//! and messages.

use super::{op, Code, Fault, NodeSim, Reader};
use crate::anim::easing::Easing;
use crate::anim::track::{Direction, Key, Keyframes};
use crate::anim::values::{animatable, color_vec, is_color, is_group};
use crate::anim::{AnimCmd, Spec};

type R<T> = Result<T, Fault>;

/// Longest duration or delay accepted, in ms (one hour).
pub const MAX_MS: f32 = 3_600_000.0;

fn bad(code: Code, msg: String) -> Fault {
    Fault(code, msg)
}

fn read_easing(r: &mut Reader) -> R<(u8, [f32; 4])> {
    let kind = r.u8("easing")?;
    let mut p = [0.0f32; 4];
    for x in p.iter_mut() {
        *x = r.f32("easing parameter")?;
    }
    Ok((kind, p))
}

fn easing(raw: (u8, [f32; 4])) -> R<Easing> {
    Easing::from_wire(raw.0, raw.1).map_err(|why| bad(Code::OutOfRange, why.to_string()))
}

fn times(duration: f32, delay: f32, positive: bool) -> R<()> {
    let ok = |x: f32| x.is_finite() && (0.0..=MAX_MS).contains(&x);
    if !ok(duration) || (positive && duration <= 0.0) {
        let why = if positive { "duration_ms must be positive..=3600000" } else { "duration_ms must be 0..=3600000" };
        return Err(bad(Code::OutOfRange, why.into()));
    }
    if !ok(delay) {
        return Err(bad(Code::OutOfRange, "delay_ms must be 0..=3600000".into()));
    }
    Ok(())
}

fn key_fault(k: u16, why: &str) -> Fault {
    bad(Code::OutOfRange, format!("keyframe {}: {}", k, why))
}

fn prop_check(prop: u16, groups: bool, zero: bool) -> R<()> {
    if animatable(prop) || (groups && is_group(prop)) || (zero && prop == 0) {
        return Ok(());
    }
    Err(bad(Code::BadProperty, format!("property {} cannot be animated", prop)))
}

/// Decodes one motion command (`opcode` in 0x40..=0x42). The fields are read
/// first, then checked: node, property, times, then what the opcode adds.
pub fn decode(opcode: u8, r: &mut Reader, nodes: &NodeSim) -> R<AnimCmd> {
    let node = r.u32("node")?;
    let prop = r.u16("property id")?;
    let clear = opcode == op::CLEAR_ANIMATIONS;
    let transition = opcode == op::SET_TRANSITION;
    let (mut duration, mut delay) = (0.0, 0.0);
    let (mut raw, mut iterations, mut direction, mut count) = ((0, [0.0; 4]), 0, 0, 0);
    if !clear {
        duration = r.f32("duration_ms")?;
        delay = r.f32("delay_ms")?;
        if transition {
            raw = read_easing(r)?;
        } else {
            iterations = r.u32("iterations")?;
            direction = r.u8("direction")?;
            count = r.u16("count")?;
        }
    }
    nodes.node(node)?;
    prop_check(prop, clear || transition, clear)?;
    if clear {
        return Ok(AnimCmd::Clear { node, prop });
    }
    times(duration, delay, !transition)?;
    if transition {
        let spec = Spec { duration: f64::from(duration), delay: f64::from(delay), easing: easing(raw)? };
        return Ok(AnimCmd::Transition { node, prop, spec });
    }
    let direction = match Direction::from_u8(direction) {
        Some(d) => d,
        None => return Err(bad(Code::OutOfRange, format!("direction {} is not 0..=3", direction))),
    };
    if count < 2 {
        return Err(bad(Code::OutOfRange, format!("{} keyframes; at least 2 are needed", count)));
    }
    let mut keys = Vec::with_capacity(usize::from(count));
    let mut last = 0.0f32;
    for k in 0..count {
        let offset = r.f32("offset")?;
        let raw = r.u32("value")?;
        let e = easing(read_easing(r)?)?;
        if !(offset.is_finite() && offset >= last && offset <= 1.0) || (k == 0 && offset != 0.0) {
            return Err(key_fault(k, "offsets must rise from 0 to 1"));
        }
        if e.is_spring() {
            return Err(key_fault(k, "springs cannot ease keyframes"));
        }
        let value = if is_color(prop) {
            color_vec(raw)
        } else {
            let f = f32::from_bits(raw);
            if !f.is_finite() {
                return Err(key_fault(k, "value is not a finite number"));
            }
            [f, 0.0, 0.0, 0.0]
        };
        last = offset;
        keys.push(Key { offset, value, easing: e });
    }
    if last != 1.0 {
        return Err(bad(Code::OutOfRange, "the last keyframe offset must be 1".into()));
    }
    let kf = Keyframes {
        prop,
        keys,
        duration: f64::from(duration),
        delay: f64::from(delay),
        iterations,
        direction,
        start: 0.0,
        started: false,
        active: false,
        cur: [0.0; 4],
    };
    Ok(AnimCmd::Keyframes { node, kf })
}
