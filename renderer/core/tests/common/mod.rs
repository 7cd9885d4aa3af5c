//! A small batch encoder for the engine tests (mirrors PROTOCOL.md section 2).
#![allow(dead_code)]

use marquee_renderer::Engine;

pub const APPEND: u32 = u32::MAX;

#[derive(Default, Clone)]
pub struct B {
    pub bytes: Vec<u8>,
}

pub enum V {
    U8(u8),
    U16(u16),
    I32(i32),
    U32(u32),
    F(f32),
    Pt(f32),
    Pct(f32),
    Auto,
}

fn enc(v: &V, out: &mut Vec<u8>) {
    match v {
        V::U8(x) => out.push(*x),
        V::U16(x) => out.extend_from_slice(&x.to_le_bytes()),
        V::I32(x) => out.extend_from_slice(&x.to_le_bytes()),
        V::U32(x) => out.extend_from_slice(&x.to_le_bytes()),
        V::F(x) => out.extend_from_slice(&x.to_le_bytes()),
        V::Pt(x) => {
            out.push(1);
            out.extend_from_slice(&x.to_le_bytes())
        }
        V::Pct(x) => {
            out.push(2);
            out.extend_from_slice(&x.to_le_bytes())
        }
        V::Auto => {
            out.push(0);
            out.extend_from_slice(&0f32.to_le_bytes())
        }
    }
}

impl B {
    pub fn new() -> B {
        B::default()
    }
    pub fn raw(mut self, op: u8, payload: &[u8]) -> B {
        let n = payload.len() as u32;
        self.bytes.push(op);
        self.bytes.extend_from_slice(&n.to_le_bytes()[..3]);
        self.bytes.extend_from_slice(payload);
        self
    }
    pub fn create(self, node: u32, kind: u8) -> B {
        let mut p = node.to_le_bytes().to_vec();
        p.push(kind);
        self.raw(0x01, &p)
    }
    pub fn view(self, node: u32) -> B {
        self.create(node, 0)
    }
    pub fn text(self, node: u32) -> B {
        self.create(node, 1)
    }
    pub fn image(self, node: u32) -> B {
        self.create(node, 2)
    }
    pub fn remove(self, node: u32) -> B {
        self.raw(0x02, &node.to_le_bytes())
    }
    pub fn clear_children(self, node: u32) -> B {
        self.raw(0x0F, &node.to_le_bytes())
    }
    pub fn insert(self, parent: u32, child: u32, before: u32) -> B {
        let mut p = parent.to_le_bytes().to_vec();
        p.extend_from_slice(&child.to_le_bytes());
        p.extend_from_slice(&before.to_le_bytes());
        self.raw(0x03, &p)
    }
    pub fn append(self, parent: u32, child: u32) -> B {
        self.insert(parent, child, APPEND)
    }
    pub fn root(self, node: u32) -> B {
        self.raw(0x04, &node.to_le_bytes())
    }
    pub fn viewport(self, sw: u32, sh: u32, dw: f32, dh: f32) -> B {
        let mut p = sw.to_le_bytes().to_vec();
        p.extend_from_slice(&sh.to_le_bytes());
        p.extend_from_slice(&dw.to_le_bytes());
        p.extend_from_slice(&dh.to_le_bytes());
        self.raw(0x05, &p)
    }
    pub fn prop(self, node: u32, prop: u16, v: V) -> B {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&prop.to_le_bytes());
        enc(&v, &mut p);
        self.raw(0x06, &p)
    }
    pub fn props(self, node: u32, props: &[(u16, V)]) -> B {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&(props.len() as u16).to_le_bytes());
        for (k, v) in props {
            p.extend_from_slice(&k.to_le_bytes());
            enc(v, &mut p);
        }
        self.raw(0x07, &p)
    }
    pub fn state_props(self, node: u32, state: u8, props: &[(u16, V)]) -> B {
        let mut p = node.to_le_bytes().to_vec();
        p.push(state);
        p.extend_from_slice(&(props.len() as u16).to_le_bytes());
        for (k, v) in props {
            p.extend_from_slice(&k.to_le_bytes());
            enc(v, &mut p);
        }
        self.raw(0x0E, &p)
    }
    pub fn set_text(self, node: u32, string: u32) -> B {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&string.to_le_bytes());
        self.raw(0x08, &p)
    }
    pub fn string(self, id: u32, s: &str) -> B {
        let mut p = id.to_le_bytes().to_vec();
        p.extend_from_slice(s.as_bytes());
        self.raw(0x09, &p)
    }
    pub fn release_string(self, id: u32) -> B {
        self.raw(0x0A, &id.to_le_bytes())
    }
    pub fn define_image(self, id: u32, w: u32, h: u32) -> B {
        let mut p = id.to_le_bytes().to_vec();
        p.extend_from_slice(&w.to_le_bytes());
        p.extend_from_slice(&h.to_le_bytes());
        self.raw(0x0B, &p)
    }
    pub fn image_state(self, id: u32, state: u8, w: u32, h: u32) -> B {
        let mut p = id.to_le_bytes().to_vec();
        p.push(state);
        p.extend_from_slice(&w.to_le_bytes());
        p.extend_from_slice(&h.to_le_bytes());
        self.raw(0x0C, &p)
    }
    pub fn release_image(self, id: u32) -> B {
        self.raw(0x0D, &id.to_le_bytes())
    }
    pub fn template(self, id: u32, count: u32, body: B) -> B {
        let mut p = id.to_le_bytes().to_vec();
        p.extend_from_slice(&count.to_le_bytes());
        p.extend_from_slice(&body.bytes);
        self.raw(0x10, &p)
    }
    pub fn instantiate(self, template: u32, base: u32) -> B {
        let mut p = template.to_le_bytes().to_vec();
        p.extend_from_slice(&base.to_le_bytes());
        self.raw(0x11, &p)
    }
    pub fn release_template(self, id: u32) -> B {
        self.raw(0x12, &id.to_le_bytes())
    }
    pub fn key(self, key: u8, action: u8) -> B {
        self.raw(0x20, &[key, action])
    }
    pub fn remember_focus(self, scope: u32, node: u32) -> B {
        let mut p = scope.to_le_bytes().to_vec();
        p.extend_from_slice(&node.to_le_bytes());
        self.raw(0x22, &p)
    }
    pub fn focus(self, node: u32) -> B {
        self.raw(0x21, &node.to_le_bytes())
    }
    pub fn font(self, font: u8, ascent: f32, descent: f32, leading: f32, fallback: f32) -> B {
        let mut p = vec![font];
        for v in [ascent, descent, leading, fallback] {
            p.extend_from_slice(&v.to_le_bytes());
        }
        self.raw(0x30, &p)
    }
    pub fn glyphs(self, font: u8, glyphs: &[(u32, f32)]) -> B {
        let mut p = vec![font];
        p.extend_from_slice(&(glyphs.len() as u32).to_le_bytes());
        for (c, a) in glyphs {
            p.extend_from_slice(&c.to_le_bytes());
            p.extend_from_slice(&a.to_le_bytes());
        }
        self.raw(0x31, &p)
    }
    /// Applies the batch, panicking with the engine's message if rejected.
    pub fn apply(self, e: &mut Engine) {
        if let Err(err) = e.apply(&self.bytes) {
            panic!("batch rejected: {}", err.text());
        }
    }
}

/// Property ids used by the tests.
pub mod p {
    pub const DISPLAY: u16 = 1;
    pub const FLEX_DIRECTION: u16 = 3;
    pub const FLEX_GROW: u16 = 9;
    pub const WIDTH: u16 = 12;
    pub const HEIGHT: u16 = 13;
    pub const MARGIN_LEFT: u16 = 18;
    pub const PADDING_LEFT: u16 = 22;
    pub const PADDING_TOP: u16 = 23;
    pub const BORDER_LEFT: u16 = 26;
    pub const ROW_GAP: u16 = 34;
    pub const COLUMN_GAP: u16 = 35;
    pub const OVERFLOW: u16 = 36;
    pub const BACKGROUND: u16 = 40;
    pub const CORNER_RADIUS: u16 = 41;
    pub const BORDER_COLOR: u16 = 42;
    pub const OPACITY: u16 = 43;
    pub const TRANSLATE_X: u16 = 44;
    pub const SCALE_X: u16 = 46;
    pub const SCALE_Y: u16 = 47;
    pub const ROTATE: u16 = 48;
    pub const Z_INDEX: u16 = 51;
    pub const VISIBLE: u16 = 52;
    pub const SCROLL_X: u16 = 53;
    pub const FONT_SIZE: u16 = 61;
    pub const TEXT_COLOR: u16 = 62;
    pub const MAX_LINES: u16 = 64;
    pub const IMAGE: u16 = 70;
    pub const IMAGE_FIT: u16 = 71;
    pub const ROLE: u16 = 80;
    pub const LABEL: u16 = 81;
    pub const TEST_ID: u16 = 82;
    pub const FOCUSABLE: u16 = 83;
    pub const FOCUS_SCOPE: u16 = 84;
    pub const REPORT_LAYOUT: u16 = 85;
    pub const DISABLED: u16 = 86;
}

/// A font whose every ASCII character advances 0.5 px per 1 px of size.
pub fn mono_font() -> B {
    let glyphs: Vec<(u32, f32)> = (32u32..127).map(|c| (c, 0.5)).chain(std::iter::once((0x2026, 0.5))).collect();
    B::new().font(0, 0.8, 0.2, 0.0, 0.5).glyphs(0, &glyphs)
}

/// Display-list records as (op, words) for assertions.
pub fn ops(e: &Engine) -> Vec<u32> {
    e.frame.out.dl.iter().map(|r| r[0]).collect()
}

pub fn f(w: u32) -> f32 {
    f32::from_bits(w)
}

/// A home page: header (logo text) and 8 rails, each a title and 12
/// posters (card > image + title + progress bar). Card ids are
/// `1000 + rail * 100 + k * 4`. Returns the batch; about 410 nodes.
pub fn home_page() -> B {
    let mut b = mono_font()
        .define_image(1, 300, 450)
        .string(1, "Marquee")
        .string(2, "Rail title")
        .string(3, "Poster title")
        .view(1)
        .root(1)
        .props(1, &[(WIDTH_, V::Pt(1920.0)), (HEIGHT_, V::Pt(1080.0)), (3, V::U8(1)), (40, V::U32(0x101018ff))])
        .view(2)
        .props(2, &[(HEIGHT_, V::Pt(80.0)), (40, V::U32(0x202030ff)), (22, V::Pt(48.0)), (23, V::Pt(20.0))])
        .append(1, 2)
        .text(3)
        .set_text(3, 1)
        .prop(3, 61, V::F(32.0))
        .append(2, 3);
    for rail in 0..8u32 {
        let r = 100 + rail * 2;
        b = b
            .view(r)
            .props(r, &[(3, V::U8(1)), (22, V::Pt(48.0)), (HEIGHT_, V::Pt(124.0)), (36, V::U8(2))])
            .append(1, r)
            .text(r + 1)
            .set_text(r + 1, 2)
            .prop(r + 1, 61, V::F(14.0))
            .append(r, r + 1);
        let row = 5000 + rail;
        b = b.view(row).props(row, &[(35, V::Pt(16.0))]).append(r, row);
        for k in 0..12u32 {
            let c = 1000 + rail * 100 + k * 4;
            b = b
                .view(c)
                .props(
                    c,
                    &[
                        (WIDTH_, V::Pt(130.0)),
                        (3, V::U8(1)),
                        (40, V::U32(0x303040ff)),
                        (41, V::F(6.0)),
                        (83, V::U8(1)),
                        (26, V::F(2.0)),
                        (27, V::F(2.0)),
                        (28, V::F(2.0)),
                        (29, V::F(2.0)),
                    ],
                )
                .state_props(c, 1, &[(46, V::F(1.1)), (47, V::F(1.1)), (42, V::U32(0xffffffff))])
                .image(c + 1)
                .props(c + 1, &[(HEIGHT_, V::Pt(70.0)), (70, V::U32(1))])
                .text(c + 2)
                .set_text(c + 2, 3)
                .props(c + 2, &[(61, V::F(12.0)), (64, V::U16(1)), (66, V::U8(0))])
                .view(c + 3)
                .props(c + 3, &[(HEIGHT_, V::Pt(3.0)), (40, V::U32(0xe50914ff))])
                .append(row, c)
                .append(c, c + 1)
                .append(c, c + 2)
                .append(c, c + 3);
        }
    }
    b
}

const WIDTH_: u16 = 12;
const HEIGHT_: u16 = 13;
