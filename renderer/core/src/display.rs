//! Geometry and the display list (PROTOCOL.md section 4).
//!
//! Algorithm, `geometry`: one depth-first walk from the root computes per
//! node its absolute layout box (`abs`, design units), its box moved by
//! ancestors' scroll offsets (`vis`, what focus navigation sees), its world
//! matrix `m` (local box coordinates to design space: ancestors' matrices,
//! the layout offset minus the parent's scroll, then translate and
//! scale/rotate around the origin), its group alpha, the accumulated clip,
//! and its pixel bounds: `own` (what the node itself paints, through `m`,
//! clipped, rounded out; text adds a quarter of its size for glyph ink) and `sub` (own plus
//! descendants). Nodes that are hidden (`VISIBLE` 0, opacity 0, `display:
//! none`) and their subtrees are not painted.
//!
//! Painting reads presented values (`anim::visual`, `anim::paint_box`, ...:
//! the targets with running animations applied); `abs` and `vis` come from
//! layout boxes and target scroll offsets, so focus ignores animations.
//!
//! Images are drawn into the node's content box (inside border and
//! padding), fitted per `IMAGE_FIT`, clipped when `cover` or rounded.
//!
//! Algorithm, `emit`: the list starts with the design-to-pixel `TRANSFORM`,
//! then walks the tree in paint order (children stably sorted by z-index).
//! The emitter tracks the canvas's current matrix; a node whose matrix is a
//! pure translation of it draws at offset coordinates with no extra
//! records, otherwise it gets `SAVE`/`TRANSFORM`/`RESTORE`. Opacity < 1 is a
//! bounded `LAYER`; overflow clip/scroll a `CLIP_RECT`/`CLIP_RRECT` around
//! the children. With damage rectangles, subtrees whose bounds miss every
//! rectangle are skipped and a node's own records are emitted only when its
//! own bounds hit one; the save/transform/clip/layer records around a hit
//! are kept.

use crate::anim::Anims;
pub use crate::geom::Geo;
use crate::geom::{Affine, Rect, Viewport};
use crate::measure::TextCache;
use crate::output::Output;
use crate::resources::Resources;
use crate::scene::Scene;
use crate::layout::{Dim, Display, Overflow};
use crate::props::Kind;
use crate::scene::NONE;


/// Deeper nodes are neither laid out for painting nor painted (a guard
/// against stack exhaustion on adversarial trees).
pub const MAX_DEPTH: u32 = 2048;

fn union(a: Option<Rect>, b: Option<Rect>) -> Option<Rect> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.union(&b)),
        (a, None) => a,
        (None, b) => b,
    }
}

fn resolve(d: Dim, basis: f32) -> f32 {
    d.resolve_or_zero(Some(basis))
}

/// Content box of node `i` relative to its border box: (x, y, w, h).
pub fn content_box(e: &Ctx, i: usize, parent_w: f32) -> Rect {
    let st = &e.scene.style[i];
    let b = crate::anim::paint_box(e.scene, e.anim, i);
    let l = st.border.left + resolve(st.padding.left, parent_w);
    let t = st.border.top + resolve(st.padding.top, parent_w);
    let r = st.border.right + resolve(st.padding.right, parent_w);
    let btm = st.border.bottom + resolve(st.padding.bottom, parent_w);
    Rect::new(l, t, (b.width - l - r).max(0.0), (b.height - t - btm).max(0.0))
}

/// Whether node `i` draws anything itself.
fn paints_itself(e: &Ctx, i: usize) -> bool {
    let s = &e.scene;
    let v = crate::anim::visual(e.scene, e.anim, i);
    let border = crate::anim::border_width(e.scene, e.anim, i);
    if v.bg & 0xFF != 0 || (border > 0.0 && v.border_color & 0xFF != 0) {
        return true;
    }
    match s.kind[i] {
        Kind::View => false,
        Kind::Text => !s.text[i].content.is_empty() && crate::anim::text_color(e.scene, e.anim, i) & 0xFF != 0,
        Kind::Image => e.res.images.get(&s.image[i].image).map_or(false, |im| im.drawable()),
    }
}

/// What geometry, painting and the dump read and write: the scene, its
/// presented values, the resources, the text layout cache, the viewport
/// and the frame's per-node geometry.
pub struct Ctx<'a> {
    pub scene: &'a Scene,
    pub anim: &'a Anims,
    pub res: &'a Resources,
    pub text_cache: &'a mut TextCache,
    pub viewport: Viewport,
    pub geo: &'a mut Vec<Geo>,
}

/// Computes `e.geo` for the tree under the root.
pub fn geometry(e: &mut Ctx) {
    let n = e.scene.capacity();
    if e.geo.len() < n {
        e.geo.resize(n, Geo::default());
    }
    for g in e.geo.iter_mut() {
        g.laid_out = false;
        g.painted = false;
        g.own = None;
        g.sub = None;
    }
    let root = e.scene.root;
    if root == NONE {
        return;
    }
    let scale = e.viewport.scale();
    let surface = Rect::new(0.0, 0.0, e.viewport.sw as f32, e.viewport.sh as f32);
    let base = Parent {
        m: Affine::IDENTITY,
        abs: (0.0, 0.0),
        vis: (0.0, 0.0),
        scroll: (0.0, 0.0),
        target_scroll: (0.0, 0.0),
        clip: surface,
        alpha: 1.0,
        painted: true,
        width: e.viewport.dw,
    };
    visit(e, root as usize, &base, scale, 0);
}

struct Parent {
    m: Affine,
    abs: (f32, f32),
    vis: (f32, f32),
    scroll: (f32, f32),
    /// The scroll offset without animation (what focus navigation sees).
    target_scroll: (f32, f32),
    clip: Rect,
    alpha: f32,
    painted: bool,
    width: f32,
}

fn visit(e: &mut Ctx, i: usize, p: &Parent, scale: f32, depth: u32) -> Option<Rect> {
    if depth > MAX_DEPTH || e.scene.style[i].display == Display::None {
        return None;
    }
    // Layout boxes and target scroll offsets place `abs`/`vis` (focus);
    // the animated box and values place what is painted.
    let lb = e.scene.boxes[i];
    let b = crate::anim::paint_box(e.scene, e.anim, i);
    let v = crate::anim::visual(e.scene, e.anim, i);
    let abs = Rect::new(p.abs.0 + lb.x, p.abs.1 + lb.y, lb.width, lb.height);
    let vis =
        Rect::new(p.vis.0 + lb.x - p.target_scroll.0, p.vis.1 + lb.y - p.target_scroll.1, lb.width, lb.height);
    let (ox, oy) = (v.origin.0 * b.width, v.origin.1 * b.height);
    let mut local = Affine::translate(b.x - p.scroll.0 + v.translate.0, b.y - p.scroll.1 + v.translate.1);
    if v.rotate != 0.0 || v.scale != (1.0, 1.0) {
        local = local
            .then(&Affine::translate(ox, oy))
            .then(&Affine::rotate(v.rotate))
            .then(&Affine::scale(v.scale.0, v.scale.1))
            .then(&Affine::translate(-ox, -oy));
    }
    let m = p.m.then(&local);
    let alpha = p.alpha * v.opacity;
    let painted = p.painted && v.visible && alpha > 0.0 && m.invert().is_some();
    let to_px = Affine::scale(scale, scale).then(&m);
    let mut own = None;
    if painted && paints_itself(e, i) {
        let mut r = Rect::new(0.0, 0.0, b.width, b.height);
        if e.scene.kind[i] == Kind::Text {
            let cb = content_box(e, i, p.width);
            let tl = e.text_cache.get(e.scene, &e.res.fonts, i, cb.w);
            let min_x = tl.lines.iter().map(|l| l.x).fold(0.0f32, f32::min);
            // Glyph ink may reach past the line box (accents, descenders).
            let ink = e.scene.text[i].size * 0.25;
            let text = Rect::new(cb.x + min_x, cb.y, tl.width.max(cb.w), tl.height).inflate(ink);
            if !text.is_empty() {
                r = r.union(&text);
            }
        }
        own = to_px.map_rect(&r).round_out().intersect(&p.clip);
    }
    let clip_children = e.scene.style[i].overflow.width != Overflow::Visible;
    let st = &e.scene.style[i];
    let pad = Rect::new(
        st.border.left,
        st.border.top,
        (b.width - st.border.left - st.border.right).max(0.0),
        (b.height - st.border.top - st.border.bottom).max(0.0),
    );
    let child_clip = if clip_children {
        to_px.map_rect(&pad).round_out().intersect(&p.clip).unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0))
    } else {
        p.clip
    };
    let scrolls = e.scene.style[i].overflow.width == Overflow::Scroll;
    let scroll = if scrolls { v.scroll } else { (0.0, 0.0) };
    let target_scroll = if scrolls { e.scene.visual[i].scroll } else { (0.0, 0.0) };
    {
        let g = &mut e.geo[i];
        g.laid_out = true;
        g.painted = painted;
        g.abs = abs;
        g.vis = vis;
        g.m = m;
        g.alpha = alpha;
        g.clip = Some(p.clip);
        g.own = own;
        g.parent_w = p.width;
        g.size = (b.width, b.height);
    }
    let next = Parent {
        m,
        abs: (abs.x, abs.y),
        vis: (vis.x, vis.y),
        scroll,
        target_scroll,
        clip: child_clip,
        alpha,
        painted,
        width: b.width,
    };
    let mut sub = own;
    let n = e.scene.children[i].len();
    for k in 0..n {
        let c = e.scene.children[i][k] as usize;
        let cs = visit(e, c, &next, scale, depth + 1);
        sub = union(sub, cs);
    }
    e.geo[i].sub = sub;
    sub
}

/// Display-list record ops (PROTOCOL.md section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Op {
    Save = 1,
    Restore = 2,
    Transform = 3,
    ClipRect = 4,
    ClipRRect = 5,
    Layer = 6,
    Rect = 7,
    RRect = 8,
    Border = 9,
    Text = 10,
    Image = 11,
}

/// Wire values of the ops, for readers of the output (tests, hosts).
pub mod dl {
    use super::Op;
    pub const SAVE: u32 = Op::Save as u32;
    pub const RESTORE: u32 = Op::Restore as u32;
    pub const TRANSFORM: u32 = Op::Transform as u32;
    pub const CLIP_RECT: u32 = Op::ClipRect as u32;
    pub const CLIP_RRECT: u32 = Op::ClipRRect as u32;
    pub const LAYER: u32 = Op::Layer as u32;
    pub const RECT: u32 = Op::Rect as u32;
    pub const RRECT: u32 = Op::RRect as u32;
    pub const BORDER: u32 = Op::Border as u32;
    pub const TEXT: u32 = Op::Text as u32;
    pub const IMAGE: u32 = Op::Image as u32;
}

fn rec(out: &mut Vec<[u32; 8]>, op: Op, w: &[u32]) {
    let mut r = [0u32; 8];
    r[0] = op as u32;
    r[1..1 + w.len()].copy_from_slice(w);
    out.push(r);
}

fn f(x: f32) -> u32 {
    x.to_bits()
}

/// Writes the display list into `out_` (`damage` = `None`: everything).
pub fn emit(e: &mut Ctx, out_: &mut Output, damage: Option<&[Rect]>) {
    let s = e.viewport.scale();
    let mut out = std::mem::take(&mut out_.dl);
    let mut text = std::mem::take(&mut out_.text);
    out.clear();
    text.clear();
    rec(&mut out, Op::Transform, &[f(s), f(0.0), f(0.0), f(s), f(0.0), f(0.0)]);
    if e.scene.root != NONE {
        let mut em = Emitter { out: &mut out, text: &mut text, damage, scale: s };
        em.node(e, e.scene.root as usize, &Affine::IDENTITY, e.viewport.dw);
    }
    out_.dl = out;
    out_.text = text;
}

struct Emitter<'a> {
    out: &'a mut Vec<[u32; 8]>,
    text: &'a mut Vec<u8>,
    damage: Option<&'a [Rect]>,
    scale: f32,
}

impl<'a> Emitter<'a> {
    fn hits(&self, r: &Option<Rect>) -> bool {
        match (r, self.damage) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(r), Some(d)) => d.iter().any(|x| x.intersects(r)),
        }
    }

    fn node(&mut self, e: &mut Ctx, i: usize, cur: &Affine, parent_w: f32) {
        let g = e.geo[i].clone();
        if !g.laid_out || !g.painted || !self.hits(&g.sub) {
            return;
        }
        let inv = match cur.invert() {
            Some(x) => x,
            None => return,
        };
        let rel = inv.then(&g.m);
        let mut restores = 0;
        let (here, ox, oy) = if rel.is_translation() {
            (*cur, rel.e, rel.f)
        } else {
            rec(self.out, Op::Save, &[]);
            rec(self.out, Op::Transform, &[f(rel.a), f(rel.b), f(rel.c), f(rel.d), f(rel.e), f(rel.f)]);
            restores += 1;
            (g.m, 0.0, 0.0)
        };
        let v = crate::anim::visual(e.scene, e.anim, i);
        let b = crate::anim::paint_box(e.scene, e.anim, i);
        let bx = Rect::new(ox, oy, b.width, b.height);
        if v.opacity < 1.0 {
            let bounds = match (g.sub, here.invert()) {
                (Some(sub), Some(hinv)) => {
                    let design = Rect::new(sub.x / self.scale, sub.y / self.scale, sub.w / self.scale, sub.h / self.scale);
                    hinv.map_rect(&design)
                }
                _ => bx,
            };
            rec(self.out, Op::Layer, &[f(v.opacity), f(bounds.x), f(bounds.y), f(bounds.w), f(bounds.h)]);
            restores += 1;
        }
        if self.hits(&g.own) {
            self.own(e, i, &bx, parent_w);
        }
        let n = e.scene.children[i].len();
        if n > 0 {
            let clip = e.scene.style[i].overflow.width != Overflow::Visible;
            if clip {
                let st = &e.scene.style[i];
                let pad = Rect::new(
                    bx.x + st.border.left,
                    bx.y + st.border.top,
                    (b.width - st.border.left - st.border.right).max(0.0),
                    (b.height - st.border.top - st.border.bottom).max(0.0),
                );
                rec(self.out, Op::Save, &[]);
                if v.radius > 0.0 {
                    rec(self.out, Op::ClipRRect, &[f(pad.x), f(pad.y), f(pad.w), f(pad.h), f(v.radius)]);
                } else {
                    rec(self.out, Op::ClipRect, &[f(pad.x), f(pad.y), f(pad.w), f(pad.h)]);
                }
            }
            let mut kids: Vec<u32> = e.scene.children[i].to_vec();
            if kids.iter().any(|c| e.scene.visual[*c as usize].z != 0) {
                crate::sort::sort_by_key(&mut kids, &|c| i64::from(e.scene.visual[c as usize].z));
            }
            for c in kids {
                self.node(e, c as usize, &here, b.width);
            }
            if clip {
                rec(self.out, Op::Restore, &[]);
            }
        }
        for _ in 0..restores {
            rec(self.out, Op::Restore, &[]);
        }
    }

    fn own(&mut self, e: &mut Ctx, i: usize, bx: &Rect, parent_w: f32) {
        let v = crate::anim::visual(e.scene, e.anim, i);
        if v.bg & 0xFF != 0 {
            if v.radius > 0.0 {
                rec(self.out, Op::RRect, &[f(bx.x), f(bx.y), f(bx.w), f(bx.h), f(v.radius), v.bg]);
            } else {
                rec(self.out, Op::Rect, &[f(bx.x), f(bx.y), f(bx.w), f(bx.h), v.bg]);
            }
        }
        match e.scene.kind[i] {
            Kind::View => {}
            Kind::Image => {
                let cb = content_box(e, i, parent_w);
                let content = Rect::new(bx.x + cb.x, bx.y + cb.y, cb.w, cb.h);
                self.image(e, i, &content, v.radius)
            }
            Kind::Text => {
                let t = &e.scene.text[i];
                let color = crate::anim::text_color(e.scene, e.anim, i);
                if color & 0xFF != 0 && !t.content.is_empty() {
                    let (font, size) = (t.font, t.size);
                    let cb = content_box(e, i, parent_w);
                    let layout = e.text_cache.get(e.scene, &e.res.fonts, i, cb.w);
                    let content = &e.scene.text[i].content;
                    for line in &layout.lines {
                        let off = self.text.len() as u32;
                        if let Some(s) = content.get(line.start..line.end) {
                            self.text.extend_from_slice(s.as_bytes());
                        }
                        if line.ellipsis {
                            self.text.extend_from_slice(layout.ellipsis_text.as_bytes());
                        }
                        let len = self.text.len() as u32 - off;
                        rec(
                            self.out,
                            Op::Text,
                            &[
                                f(bx.x + cb.x + line.x),
                                f(bx.y + cb.y + line.baseline),
                                u32::from(font),
                                f(size),
                                color,
                                off,
                                len,
                            ],
                        );
                    }
                }
            }
        }
        let bw = crate::anim::border_width(e.scene, e.anim, i);
        if bw > 0.0 && v.border_color & 0xFF != 0 {
            rec(self.out, Op::Border, &[f(bx.x), f(bx.y), f(bx.w), f(bx.h), f(v.radius), f(bw), v.border_color]);
        }
    }

    fn image(&mut self, e: &Ctx, i: usize, bx: &Rect, radius: f32) {
        let p = e.scene.image[i];
        let info = match e.res.images.get(&p.image) {
            Some(x) if x.drawable() => *x,
            _ => return,
        };
        let (iw, ih) = (info.w as f32, info.h as f32);
        let r = match p.fit {
            2 => *bx,
            1 => {
                let s = (bx.w / iw).min(bx.h / ih);
                let (w, h) = (iw * s, ih * s);
                Rect::new(bx.x + (bx.w - w) / 2.0, bx.y + (bx.h - h) / 2.0, w, h)
            }
            _ => {
                let s = (bx.w / iw).max(bx.h / ih);
                let (w, h) = (iw * s, ih * s);
                Rect::new(bx.x + (bx.w - w) / 2.0, bx.y + (bx.h - h) / 2.0, w, h)
            }
        };
        let clip = p.fit == 0 || radius > 0.0;
        if clip {
            rec(self.out, Op::Save, &[]);
            if radius > 0.0 {
                rec(self.out, Op::ClipRRect, &[f(bx.x), f(bx.y), f(bx.w), f(bx.h), f(radius)]);
            } else {
                rec(self.out, Op::ClipRect, &[f(bx.x), f(bx.y), f(bx.w), f(bx.h)]);
            }
        }
        rec(self.out, Op::Image, &[f(r.x), f(r.y), f(r.w), f(r.h), p.image]);
        if clip {
            rec(self.out, Op::Restore, &[]);
        }
    }
}
