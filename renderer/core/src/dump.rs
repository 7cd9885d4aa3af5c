//! The scene dump (PROTOCOL.md section 7): a stable text tree for tests.
//!
//! Algorithm: walk the root's tree depth-first in child order, then every
//! other parentless node's tree in id order under a `detached:` line. Each
//! node is one line: `#id kind [x,y wxh]`, the text content for text nodes,
//! then every property whose effective value differs from its default in
//! property-id order (text nodes always show font, size and color; `STATES`
//! as its bits' names, `checked selected`), then the states `focused` /
//! `pressed` and `missing_glyphs=N`. Numbers are
//! rounded to 0.01 and printed without trailing zeros.

use std::fmt::Write;

use crate::display::Ctx;
use crate::props::{self, id, DimV, Kind, Value};
use crate::scene::{FOCUSED, NONE, PRESSED};

/// A number rounded to 0.01 with no trailing zeros (`48`, `0.5`, `-3.25`).
pub fn num(f: f32) -> String {
    let mut s = String::new();
    crate::numfmt::push_dump_number(&mut s, f);
    s
}

fn quote(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn value_text(prop: u16, v: &Value) -> String {
    match v {
        Value::U8(x) => props::enum_name(prop, *x).map_or_else(|| x.to_string(), |s| s.to_string()),
        Value::U16(x) => x.to_string(),
        Value::I32(x) => x.to_string(),
        Value::U32(x) | Value::StrId(x) => x.to_string(),
        Value::F32(x) => num(*x),
        Value::Color(c) => format!("#{:08x}", c),
        Value::Str(Some(s)) => quote(s),
        Value::Str(None) => "\"\"".to_string(),
        Value::Dim(DimV::Auto) => "auto".to_string(),
        Value::Dim(DimV::Points(x)) => num(*x),
        Value::Dim(DimV::Percent(x)) => num(*x) + "%",
        Value::Dim(DimV::Keyword(k)) => {
            ["min-content", "max-content", "fit-content", "stretch"][usize::from(k.clamp(&3, &6) - 3)].to_string()
        }
    }
}

const FLAGS: [u16; 6] = [id::FOCUSABLE, id::FOCUS_SCOPE, id::REPORT_LAYOUT, id::DISABLED, id::FOCUS_PREFERRED, id::FOCUS_TRAP];

fn line(e: &mut Ctx, i: usize, depth: usize, out: &mut String) {
    let s = &e.scene;
    for _ in 0..depth {
        out.push_str("  ");
    }
    let g = &e.geo[i];
    let b = if g.laid_out { g.abs } else { crate::geom::Rect::new(0.0, 0.0, 0.0, 0.0) };
    let _ = write!(out, "#{} {} [{},{} {}x{}]", s.ids[i], s.kind[i].name(), num(b.x), num(b.y), num(b.w), num(b.h));
    if s.kind[i] == Kind::Text {
        out.push(' ');
        out.push_str(&quote(&s.text[i].content));
    }
    for prop in 1..=id::STOP_AT_EDGES {
        let spec = match props::spec(prop) {
            Some(sp) => sp,
            None => continue,
        };
        let applies = match spec.on {
            props::On::Any => true,
            props::On::Text => s.kind[i] == Kind::Text,
            props::On::Image => s.kind[i] == Kind::Image,
        };
        if !applies {
            continue;
        }
        let v = match s.get_prop(i, prop) {
            Some(v) => v,
            None => continue,
        };
        // A node with any of VALUE_NOW/MIN/MAX set prints all three (`value=0 min=0 max=10`).
        let always = matches!(prop, id::FONT | id::FONT_SIZE | id::TEXT_COLOR | 96..=98);
        if v == spec.default && !always {
            continue;
        }
        if prop == id::STATES {
            for (bit, name) in props::STATE_NAMES.iter().enumerate() {
                if s.sem[i].states & (1 << bit) != 0 {
                    let _ = write!(out, " {}", name);
                }
            }
        } else if FLAGS.contains(&prop) {
            let _ = write!(out, " {}", spec.name);
        } else {
            let _ = write!(out, " {}={}", spec.name, value_text(prop, &v));
        }
    }
    if s.state[i] & FOCUSED != 0 {
        out.push_str(" focused");
    }
    if s.state[i] & PRESSED != 0 {
        out.push_str(" pressed");
    }
    if s.kind[i] == Kind::Text && g.laid_out {
        let cb = crate::display::content_box(e, i, e.geo[i].parent_w);
        let missing = e.text_cache.get(e.scene, &e.res.fonts, i, cb.w).missing_glyphs;
        if missing > 0 {
            let _ = write!(out, " missing_glyphs={}", missing);
        }
    }
    out.push('\n');
}

fn tree(e: &mut Ctx, root: usize, depth: usize, out: &mut String) {
    let mut stack = vec![(root, depth)];
    while let Some((i, d)) = stack.pop() {
        line(e, i, d, out);
        for c in e.scene.children[i].iter().rev() {
            stack.push((*c as usize, d + 1));
        }
    }
}

/// The dump of the whole scene (geometry must be current).
pub fn dump(e: &mut Ctx) -> String {
    let mut out = String::new();
    let root = e.scene.root;
    if root != NONE {
        tree(e, root as usize, 0, &mut out);
    }
    let mut detached: Vec<u32> = Vec::new();
    for i in 0..e.scene.capacity() {
        if e.scene.alive[i] && e.scene.parent[i] == NONE && i as u32 != root {
            detached.push(i as u32);
        }
    }
    if !detached.is_empty() {
        let ids = &e.scene.ids;
        crate::sort::sort_by_key(&mut detached, &|i| i64::from(ids[i as usize]));
        out.push_str("detached:\n");
        for i in detached {
            tree(e, i as usize, 1, &mut out);
        }
    }
    out
}
