//! Decoding of single commands (pass one of `Engine::apply`), one function
//! per opcode family: the tree, properties, strings/text/fonts, images,
//! templates, focus/keys; motion commands by `motion`.
//! Each family validates against the simulation (`NodeSim`, `ResSim`) and
//! returns the typed `Cmd`; `decode_one` dispatches and checks that the
//! payload was used up.

use std::rc::Rc;

use crate::limits::MAX_NODES;
use super::{decode_batch, fault, op, op_name, Cmd, Code, NodeSim, Reader, ResSim, Shaped, Template, R};
use crate::image::ImageState;
use crate::input::{Key, KeyAction};
use crate::props::{self, DimV, Kind, Ty, Value};
use crate::scene::State;
use crate::text::FontTable;

/// Decodes and validates one command (its payload), by opcode family.
pub(super) fn decode_one(opcode: u8, payload: &[u8], nodes: &mut NodeSim, res: &mut ResSim, in_template: bool) -> R<Cmd> {
    if in_template && !template_allows(opcode) {
        return fault(Code::NotAllowed, format!("{} is not allowed inside a template", op_name(opcode)));
    }
    let r = &mut Reader::new(payload);
    let cmd = match opcode {
        op::CREATE..=op::SET_VIEWPORT | op::CLEAR_CHILDREN => tree(opcode, r, nodes)?,
        op::SET_PROP | op::SET_PROPS | op::SET_STATE_PROPS => properties(opcode, r, nodes, res)?,
        op::SET_TEXT..=op::RELEASE_STRING | op::DEFINE_FONT | op::FONT_GLYPHS | op::SHAPED_TEXT => text(opcode, r, nodes, res)?,
        op::DEFINE_IMAGE..=op::RELEASE_IMAGE => images(opcode, r, res)?,
        op::DEFINE_TEMPLATE..=op::RELEASE_TEMPLATE => templates(opcode, r, nodes, res)?,
        op::KEY..=op::REMEMBER_FOCUS => input(opcode, r, nodes)?,
        op::SET_TRANSITION..=op::CLEAR_ANIMATIONS => Cmd::Anim(Box::new(super::motion::decode(opcode, r, nodes)?)),
        _ => return unknown(opcode),
    };
    r.finish()?;
    Ok(cmd)
}

/// Commands a `DEFINE_TEMPLATE` body may hold.
fn template_allows(opcode: u8) -> bool {
    matches!(
        opcode,
        op::CREATE | op::INSERT | op::SET_PROP | op::SET_PROPS | op::SET_STATE_PROPS | op::SET_TEXT
            | op::SET_TRANSITION | op::SET_KEYFRAMES | op::CLEAR_ANIMATIONS
    )
}

fn unknown<T>(opcode: u8) -> R<T> {
    fault(Code::UnknownOpcode, format!("unknown opcode 0x{:02X}", opcode))
}

/// The tree and the viewport: `CREATE`, `REMOVE`, `CLEAR_CHILDREN`, `INSERT`, `SET_ROOT`,
/// `SET_VIEWPORT`.
fn tree(opcode: u8, r: &mut Reader, nodes: &mut NodeSim) -> R<Cmd> {
    Ok(match opcode {
        op::CREATE => {
            let node = r.u32("node")?;
            let k = r.u8("kind")?;
            let kind = match Kind::from_u8(k) {
                Some(k) => k,
                None => return fault(Code::OutOfRange, format!("unknown node kind {}", k)),
            };
            nodes.create(node, kind)?;
            nodes.claim_nodes(1)?;
            Cmd::Create { node, kind }
        }
        op::REMOVE | op::CLEAR_CHILDREN => {
            let node = r.u32("node")?;
            let children = opcode == op::CLEAR_CHILDREN;
            nodes.remove(node, children)?;
            Cmd::Remove { node, children }
        }
        op::INSERT => {
            let parent = r.u32("parent")?;
            let child = r.u32("child")?;
            let before = r.u32("before")?;
            nodes.insert(parent, child, before)?;
            Cmd::Insert { parent, child, before }
        }
        op::SET_ROOT => {
            let node = r.u32("node")?;
            nodes.set_root(node)?;
            Cmd::SetRoot { node }
        }
        op::SET_VIEWPORT => {
            let sw = r.u32("surface_w")?;
            let sh = r.u32("surface_h")?;
            let dw = r.f32("design_w")?;
            let dh = r.f32("design_h")?;
            if sw == 0 || sh == 0 || sw > 16384 || sh > 16384 {
                return fault(Code::OutOfRange, format!("surface {}x{} is outside 1..=16384", sw, sh));
            }
            if !(dw.is_finite() && dh.is_finite() && dw > 0.0 && dh > 0.0) {
                let mut size = String::new();
                crate::numfmt::push_f32_display(&mut size, dw);
                size.push('x');
                crate::numfmt::push_f32_display(&mut size, dh);
                return fault(Code::OutOfRange, format!("design size {} must be positive", size));
            }
            Cmd::SetViewport { sw, sh, dw, dh }
        }
        _ => return unknown(opcode),
    })
}

/// Properties: `SET_PROP`, `SET_PROPS`, `SET_STATE_PROPS`.
fn properties(opcode: u8, r: &mut Reader, nodes: &mut NodeSim, res: &ResSim) -> R<Cmd> {
    Ok(match opcode {
        op::SET_PROP | op::SET_PROPS => {
            let node = r.u32("node")?;
            let kind = nodes.node(node)?;
            let count = if opcode == op::SET_PROP { 1 } else { r.u16("count")? };
            let props = decode_props(r, count, kind, node, res)?;
            Cmd::SetProps { node, props }
        }
        op::SET_STATE_PROPS => {
            let node = r.u32("node")?;
            let state = r.u8("state")?;
            let count = r.u16("count")?;
            let kind = nodes.node(node)?;
            let state = match State::from_u8(state) {
                Some(s) => s,
                None => return fault(Code::OutOfRange, format!("state {} is not 1, 2, 3 or 4", state)),
            };
            let props = decode_props(r, count, kind, node, res)?;
            Cmd::SetStateProps { node, state, props }
        }
        _ => return unknown(opcode),
    })
}

/// Strings, text and fonts: `SET_TEXT`, `DEFINE_STRING`, `RELEASE_STRING`, `DEFINE_FONT`, `FONT_GLYPHS`.
fn text(opcode: u8, r: &mut Reader, nodes: &mut NodeSim, res: &mut ResSim) -> R<Cmd> {
    Ok(match opcode {
        op::SET_TEXT => {
            let node = r.u32("node")?;
            let string = r.u32("string")?;
            let kind = nodes.node(node)?;
            if kind != Kind::Text {
                return fault(Code::BadProperty, format!("node {} is a {} node, not text", node, kind.name()));
            }
            if string != 0 && !res.string(string) {
                return fault(Code::UnknownString, format!("string {} is not defined", string));
            }
            Cmd::SetText { node, string }
        }
        op::DEFINE_STRING => {
            let id = r.u32("string")?;
            let bytes = r.rest();
            if id == 0 {
                return fault(Code::OutOfRange, "string id 0 is reserved".into());
            }
            if res.string(id) {
                return fault(Code::DuplicateId, format!("string {} is already defined", id));
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t.to_string(),
                Err(e) => {
                    return fault(
                        Code::InvalidUtf8,
                        format!("string {} is not valid UTF-8 (at byte {})", id, e.valid_up_to()),
                    )
                }
            };
            res.s_over.insert(id, 1);
            Cmd::DefineString { id, text }
        }
        op::RELEASE_STRING => {
            let id = r.u32("string")?;
            if !res.string(id) {
                return fault(Code::UnknownString, format!("string {} is not defined", id));
            }
            res.s_over.insert(id, 0);
            Cmd::ReleaseString { id }
        }
        op::DEFINE_FONT => {
            let font = r.u8("font")?;
            let ascent = r.f32("ascent")?;
            let descent = r.f32("descent")?;
            let leading = r.f32("leading")?;
            let fallback = r.f32("fallback_advance")?;
            if let Err(why) = FontTable::check_metrics(ascent, descent, leading, fallback) {
                return fault(Code::OutOfRange, format!("font {}: {}", font, why));
            }
            res.fonts[usize::from(font)] = true;
            Cmd::DefineFont { font, ascent, descent, leading, fallback }
        }
        op::FONT_GLYPHS => {
            let font = r.u8("font")?;
            let count = r.u32("count")?;
            if (count as usize).saturating_mul(8) > r.remaining() {
                return fault(Code::Truncated, format!("{} glyphs need {} bytes, {} remain", count, count as u64 * 8, r.remaining()));
            }
            if !res.fonts[usize::from(font)] {
                return fault(Code::NotAllowed, format!("font {} is not defined", font));
            }
            let mut glyphs = Vec::with_capacity(count as usize);
            for _ in 0..count {
                let cp = r.u32("codepoint")?;
                let adv = r.f32("advance")?;
                if let Err(why) = FontTable::check_glyph(cp, adv) {
                    let mut advance = String::new();
                    crate::numfmt::push_f32_display(&mut advance, adv);
                    return fault(Code::OutOfRange, format!("glyph {:#x} advance {}: {}", cp, advance, why));
                }
                glyphs.push((cp, adv));
            }
            Cmd::FontGlyphs { font, glyphs }
        }
        op::SHAPED_TEXT => {
            let font = r.u8("font")?;
            let flags = r.u8("flags")?;
            let count = r.u32("count")?;
            if (count as usize).saturating_mul(4) > r.remaining() {
                return fault(Code::Truncated, format!("{} advances need {} bytes, {} remain", count, count as u64 * 4, r.remaining()));
            }
            if !res.fonts[usize::from(font)] {
                return fault(Code::NotAllowed, format!("font {} is not defined", font));
            }
            let mut advances = Vec::with_capacity(count as usize);
            for _ in 0..count {
                advances.push(r.f32("advance")?);
            }
            let mut breaks = Vec::new();
            if flags & 2 != 0 {
                for _ in 0..count {
                    breaks.push(r.u8("break")? != 0);
                }
            }
            let text = match std::str::from_utf8(r.rest()) {
                Ok(t) => t.to_string(),
                Err(e) => {
                    return fault(Code::InvalidUtf8, format!("shaped text is not valid UTF-8 (at byte {})", e.valid_up_to()))
                }
            };
            if let Err(why) = FontTable::check_shaped(&text, &advances, &breaks) {
                return fault(Code::OutOfRange, format!("font {}: {}", font, why));
            }
            if flags > 3 {
                return fault(Code::OutOfRange, format!("font {}: shaped text flags {} (bits 0 and 1 only)", font, flags));
            }
            Cmd::ShapedText(Box::new(Shaped { font, rtl: flags & 1 != 0, advances, breaks, text }))
        }
        _ => return unknown(opcode),
    })
}

/// `IMAGE_STATE` state 3: the host has new pixels for the image (a display-size copy);
/// nodes showing it repaint, nothing else changes and no event is emitted.
const REPAINT: u8 = 3;

/// Images: `DEFINE_IMAGE`, `IMAGE_STATE`, `RELEASE_IMAGE`.
fn images(opcode: u8, r: &mut Reader, res: &mut ResSim) -> R<Cmd> {
    Ok(match opcode {
        op::DEFINE_IMAGE => {
            let id = r.u32("image")?;
            let w = r.u32("width")?;
            let h = r.u32("height")?;
            if id == 0 {
                return fault(Code::OutOfRange, "image id 0 is reserved".into());
            }
            if res.image(id) {
                return fault(Code::DuplicateId, format!("image {} is already defined", id));
            }
            res.i_over.insert(id, 1);
            Cmd::DefineImage { id, w, h }
        }
        op::IMAGE_STATE => {
            let id = r.u32("image")?;
            let state = r.u8("state")?;
            let w = r.u32("width")?;
            let h = r.u32("height")?;
            if !res.image(id) {
                return fault(Code::UnknownImage, format!("image {} is not defined", id));
            }
            if state == REPAINT {
                return Ok(Cmd::RepaintImage { id });
            }
            let state = match ImageState::from_u8(state) {
                Some(s) => s,
                None => return fault(Code::OutOfRange, format!("image state {} is not 1 (loaded), 2 (failed) or 3 (repaint)", state)),
            };
            Cmd::ImageState { id, state, w, h }
        }
        op::RELEASE_IMAGE => {
            let id = r.u32("image")?;
            if !res.image(id) {
                return fault(Code::UnknownImage, format!("image {} is not defined", id));
            }
            res.i_over.insert(id, 0);
            Cmd::ReleaseImage { id }
        }
        _ => return unknown(opcode),
    })
}

/// Templates: `DEFINE_TEMPLATE`, `INSTANTIATE`, `RELEASE_TEMPLATE`.
fn templates(opcode: u8, r: &mut Reader, nodes: &mut NodeSim, res: &mut ResSim) -> R<Cmd> {
    Ok(match opcode {
        op::DEFINE_TEMPLATE => {
            let id = r.u32("template")?;
            let node_count = r.u32("node_count")?;
            let body = r.rest();
            if id == 0 {
                return fault(Code::OutOfRange, "template id 0 is reserved".into());
            }
            if res.template(id).is_some() {
                return fault(Code::DuplicateId, format!("template {} is already defined", id));
            }
            if node_count == 0 || node_count > MAX_NODES {
                return fault(Code::OutOfRange, format!("template node_count {} is outside 1..={} (MAX_NODES)", node_count, MAX_NODES));
            }
            let mut local = NodeSim::new(None, node_count);
            let cmds = match decode_batch(body, &mut local, res, true) {
                Ok(c) => c,
                Err(e) => {
                    return fault(e.code, format!("template command {} ({}): {}", e.index, op_name(e.opcode), e.message))
                }
            };
            let shape = local.shape()?;
            let mut images = Vec::new();
            for c in &cmds {
                if let Cmd::SetProps { props, .. } | Cmd::SetStateProps { props, .. } = c {
                    for (p, v) in props {
                        if let (props::id::IMAGE, Value::U32(i)) = (*p, v) {
                            if *i != 0 && !images.contains(i) {
                                images.push(*i);
                            }
                        }
                    }
                }
            }
            let template = Rc::new(Template { node_count, cmds, shape, images });
            res.t_defined.push(template.clone());
            res.t_over.insert(id, res.t_defined.len() as u32);
            Cmd::DefineTemplate { id, template }
        }
        op::INSTANTIATE => {
            let id = r.u32("template")?;
            let base = r.u32("base")?;
            let t = match res.template(id) {
                Some(t) => t,
                None => return fault(Code::UnknownTemplate, format!("template {} is not defined", id)),
            };
            if base == 0 || base.checked_add(t.node_count - 1).map_or(true, |last| last == u32::MAX) {
                return fault(Code::OutOfRange, format!("ids {}.. for {} nodes are out of range", base, t.node_count));
            }
            for img in &t.images {
                if !res.image(*img) {
                    return fault(Code::UnknownImage, format!("template {} shows image {} which is not defined", id, img));
                }
            }
            // Limits first: the checks below cost as much as the template.
            nodes.claim_nodes(t.node_count)?;
            nodes.add_work(t.cmds.len() as u32)?;
            for k in 0..t.node_count {
                if nodes.exists(base + k) {
                    return fault(Code::DuplicateNode, format!("node {} already exists", base + k));
                }
            }
            for (k, (kind, _)) in t.shape.iter().enumerate() {
                nodes.create(base + k as u32, *kind)?;
            }
            for (k, (_, parent)) in t.shape.iter().enumerate() {
                if *parent != 0 {
                    nodes.insert(base + parent - 1, base + k as u32, u32::MAX)?;
                }
            }
            Cmd::Instantiate { template: id, base }
        }
        op::RELEASE_TEMPLATE => {
            let id = r.u32("template")?;
            if res.template(id).is_none() {
                return fault(Code::UnknownTemplate, format!("template {} is not defined", id));
            }
            res.t_over.insert(id, 0);
            Cmd::ReleaseTemplate { id }
        }
        _ => return unknown(opcode),
    })
}

/// Focus and keys: `KEY`, `FOCUS`, `REMEMBER_FOCUS`.
fn input(opcode: u8, r: &mut Reader, nodes: &mut NodeSim) -> R<Cmd> {
    Ok(match opcode {
        op::KEY => {
            let code = r.u8("key")?;
            let act = r.u8("action")?;
            let key = match Key::from_u8(code) {
                Some(k) => k,
                None => return fault(Code::OutOfRange, format!("key {} is not a known key", code)),
            };
            let action = match KeyAction::from_u8(act) {
                Some(a) => a,
                None => return fault(Code::OutOfRange, format!("key action {} is not 0, 1 or 2", act)),
            };
            Cmd::Key { key, action }
        }
        op::FOCUS => {
            let node = r.u32("node")?;
            if node != 0 {
                nodes.node(node)?;
            }
            Cmd::Focus { node }
        }
        op::REMEMBER_FOCUS => {
            let scope = r.u32("scope")?;
            let node = r.u32("node")?;
            nodes.node(scope)?;
            if node != 0 {
                nodes.node(node)?;
                if !nodes.is_inside(node, scope) {
                    return fault(Code::NotAllowed, format!("node {} is not inside scope {}", node, scope));
                }
            }
            Cmd::RememberFocus { scope, node }
        }
        _ => return unknown(opcode),
    })
}

/// `value` as `{:?}` of the derived `Debug` shows it (`F32(-1.0)`,
/// `Dim(Points(-1.0))`), without linking the float formatter.
fn value_debug(value: &Value) -> String {
    let float = |name: &str, inner: Option<&str>, f: f32| {
        let mut s = String::from(name);
        s.push('(');
        if let Some(inner) = inner {
            s.push_str(inner);
            s.push('(');
        }
        crate::numfmt::push_f32_debug(&mut s, f);
        s.push(')');
        if inner.is_some() {
            s.push(')');
        }
        s
    };
    match value {
        Value::U8(x) => format!("U8({})", x),
        Value::U16(x) => format!("U16({})", x),
        Value::I32(x) => format!("I32({})", x),
        Value::U32(x) => format!("U32({})", x),
        Value::F32(f) => float("F32", None, *f),
        Value::Color(x) => format!("Color({})", x),
        Value::StrId(x) => format!("StrId({})", x),
        // Wire values carry string ids, never text; quoted plainly if one comes.
        Value::Str(s) => {
            let mut out = String::from("Str(");
            match s {
                Some(t) => {
                    out.push_str("Some(\"");
                    out.push_str(t);
                    out.push_str("\"))");
                }
                None => out.push_str("None)"),
            }
            out
        }
        Value::Dim(DimV::Auto) => "Dim(Auto)".to_string(),
        Value::Dim(DimV::Points(f)) => float("Dim", Some("Points"), *f),
        Value::Dim(DimV::Percent(f)) => float("Dim", Some("Percent"), *f),
        Value::Dim(DimV::Keyword(_)) => "Dim(Keyword)".to_string(),
    }
}

fn decode_props(
    r: &mut Reader,
    count: u16,
    kind: Kind,
    node: u32,
    res: &ResSim,
) -> R<Vec<(u16, Value)>> {
    let mut props = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let prop = r.u16("property id")?;
        let value = decode_value(r, prop, kind, node, res)?;
        props.push((prop, value));
    }
    Ok(props)
}

fn decode_value(r: &mut Reader, prop: u16, kind: Kind, node: u32, res: &ResSim) -> R<Value> {
    let spec = match props::spec(prop) {
        Some(s) => s,
        None => return fault(Code::BadProperty, format!("unknown property {}", prop)),
    };
    let ok_kind = match spec.on {
        props::On::Any => true,
        props::On::Text => kind == Kind::Text,
        props::On::Image => kind == Kind::Image,
    };
    if !ok_kind {
        return fault(
            Code::BadProperty,
            format!("property {} ({}) does not apply to {} node {}", prop, spec.name, kind.name(), node),
        );
    }
    let what = spec.name;
    let value = match spec.ty {
        Ty::U8 => Value::U8(r.u8(what)?),
        Ty::U16 => Value::U16(r.u16(what)?),
        Ty::I32 => Value::I32(r.u32(what)? as i32),
        Ty::U32 => Value::U32(r.u32(what)?),
        Ty::F32 => Value::F32(r.f32(what)?),
        Ty::Color => Value::Color(r.u32(what)?),
        Ty::Str => {
            let id = r.u32(what)?;
            if id != 0 && !res.string(id) {
                return fault(Code::UnknownString, format!("string {} is not defined ({})", id, what));
            }
            Value::StrId(id)
        }
        Ty::Image => {
            let id = r.u32(what)?;
            if id != 0 && !res.image(id) {
                return fault(Code::UnknownImage, format!("image {} is not defined", id));
            }
            Value::U32(id)
        }
        Ty::Dim => {
            let unit = r.u8(what)?;
            let v = r.f32(what)?;
            match unit {
                0 => Value::Dim(DimV::Auto),
                1 => Value::Dim(DimV::Points(v)),
                2 => Value::Dim(DimV::Percent(v)),
                3..=6 => Value::Dim(DimV::Keyword(unit)),
                _ => return fault(Code::OutOfRange, format!("{}: unknown dim unit {}", what, unit)),
            }
        }
    };
    if let Err(why) = props::check(spec.range, &value) {
        return fault(Code::OutOfRange, format!("{} {} ({})", what, why, value_debug(&value)));
    }
    Ok(value)
}

