//! The engine: one scene plus the resource tables, applying batches and
//! running frames.
//!
//! Algorithm of `apply`: pass one decodes and validates the whole batch
//! (`protocol::decode_batch`) against a simulation of the scene; pass two
//! applies the typed commands in order and cannot fail. Side effects that
//! need a laid-out scene (key navigation) are queued and run by `prepare`.
//!
//! Algorithm of `frame` (see `docs/renderer.md`): `prepare` (layout if
//! dirty, queued keys, layout again if a state style changed it),
//! `SCROLL` events (scroll targets that differ from the last reported),
//! animations (`anim::tick`: start, retarget and advance transitions and
//! keyframes to `now_ms`, presented values), geometry
//! (world matrices and pixel bounds per node, `display::geometry`),
//! `LAYOUT` events, damage (`damage::Tracker`), then the display list of
//! what intersects the damage (`display::emit`), then the output header.

use crate::idmap::HashMap;
use std::rc::Rc;

use crate::damage::Tracker;
use crate::display::{self, Geo};
use crate::events::{EventType, Events};
use crate::geom::Rect;
use crate::layout::{compute_layout, AvailableSpace, Size};
use crate::measure::{Host, TextCache};
use crate::props::{id, Kind, Value};
use crate::protocol::{decode_batch, Cmd, Error, NodeSim, ResSim, Template};
use crate::scene::{Scene, NONE};
use crate::text::{FontTable, Fonts};

/// An image the host holds pixels for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub w: u32,
    pub h: u32,
    pub state: ImageState,
}

/// Whether the host has an image's pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageState {
    Pending = 0,
    Loaded = 1,
    Failed = 2,
}

impl ImageState {
    /// An `IMAGE_STATE` state (1 loaded, 2 failed), `None` otherwise.
    pub fn from_u8(v: u8) -> Option<ImageState> {
        match v {
            1 => Some(ImageState::Loaded),
            2 => Some(ImageState::Failed),
            _ => None,
        }
    }
}

impl ImageInfo {
    pub fn drawable(&self) -> bool {
        self.state == ImageState::Loaded && self.w > 0 && self.h > 0
    }
}

/// Input that needs a laid-out scene, queued by `apply`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Key(crate::focus::Key, crate::focus::KeyAction),
    /// `FOCUS` with a sender id (0 blurs).
    Focus(u32),
    /// `REMEMBER_FOCUS` with sender ids (scope, node; 0 forgets).
    Remember(u32, u32),
}

/// Surface size in pixels and design size in design units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub sw: u32,
    pub sh: u32,
    pub dw: f32,
    pub dh: f32,
}

impl Viewport {
    /// Design units to pixels (uniform).
    pub fn scale(&self) -> f32 {
        (self.sw as f32 / self.dw).min(self.sh as f32 / self.dh)
    }
}

/// What `frame` wrote, read by the host through the header.
#[derive(Default)]
pub struct Output {
    pub header: [u32; 16],
    pub dl: Vec<[u32; 8]>,
    pub text: Vec<u8>,
    pub damage: Vec<[f32; 4]>,
    pub events: Vec<[u32; 8]>,
    pub full: bool,
}

pub struct Engine {
    pub scene: Scene,
    pub strings: HashMap<u32, String>,
    pub images: HashMap<u32, ImageInfo>,
    pub templates: HashMap<u32, Rc<Template>>,
    pub fonts: Fonts,
    pub viewport: Viewport,
    /// The focused node (dense index) or `NONE`.
    pub focus: u32,
    /// Scope memory, lost focus and held keys (`focus`).
    pub nav: crate::focus::Nav,
    /// Keys and focus requests, run by `prepare` on a laid-out scene.
    pub pending_input: Vec<Input>,
    pub events: Events,
    pub batches_applied: u32,
    pub last_error: Option<Error>,
    pub error_text: String,
    pub error_info: [u32; 3],
    pub out: Output,
    pub damage: Tracker,
    pub text_cache: TextCache,
    pub geo: Vec<Geo>,
    /// Last reported `LAYOUT` box per node.
    pub reported: Vec<Option<Rect>>,
    /// Last reported `SCROLL` target per node ((0, 0) until one is).
    pub scroll_reported: Vec<(f32, f32)>,
    pub input: Vec<u8>,
    pub dump_text: String,
    /// Next frame repaints everything (first frame, viewport or root change).
    pub full_pending: bool,
    pub nodes_laid_out: u32,
    pub frame_no: u32,
    /// Transitions, layout animations and keyframes (`anim`).
    pub anim: crate::anim::Anims,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    pub fn new() -> Engine {
        Engine {
            scene: Scene::new(),
            strings: HashMap::default(),
            images: HashMap::default(),
            templates: HashMap::default(),
            fonts: Fonts::new(),
            viewport: Viewport { sw: 1920, sh: 1080, dw: 1920.0, dh: 1080.0 },
            focus: NONE,
            nav: crate::focus::Nav::default(),
            pending_input: Vec::new(),
            events: Events::default(),
            batches_applied: 0,
            last_error: None,
            error_text: String::new(),
            error_info: [0; 3],
            out: Output::default(),
            damage: Tracker::default(),
            text_cache: TextCache::default(),
            geo: Vec::new(),
            reported: Vec::new(),
            scroll_reported: Vec::new(),
            input: Vec::new(),
            dump_text: String::new(),
            full_pending: true,
            nodes_laid_out: 0,
            frame_no: 0,
            anim: crate::anim::Anims::default(),
        }
    }

    /// Validates and applies one batch. On error nothing changed.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let decoded = {
            let mut nodes = NodeSim::new(Some(&self.scene), 0);
            let mut res = ResSim::new(&self.strings, &self.images, &self.templates, &self.fonts);
            decode_batch(bytes, &mut nodes, &mut res, false)
        };
        match decoded {
            Ok(cmds) => {
                self.scene.reserve_nodes(self.nodes_created_by(&cmds));
                for c in cmds {
                    self.apply_cmd(c, 0);
                }
                self.batches_applied = self.batches_applied.wrapping_add(1);
                Ok(())
            }
            Err(e) => {
                self.error_text = e.text();
                self.error_info = [e.index, u32::from(e.opcode), e.code as u32];
                self.last_error = Some(e.clone());
                Err(e)
            }
        }
    }

    /// How many nodes `cmds` create (directly or by instantiating templates).
    fn nodes_created_by(&self, cmds: &[Cmd]) -> usize {
        cmds.iter()
            .map(|c| match c {
                Cmd::Create { .. } => 1,
                Cmd::Instantiate { template, .. } => {
                    self.templates.get(template).map_or(0, |t| t.node_count as usize)
                }
                _ => 0,
            })
            .sum()
    }

    /// Applies the engine's input buffer (the ABI's `apply`).
    pub fn apply_input(&mut self, len: usize) -> u32 {
        let buf = std::mem::take(&mut self.input);
        let n = len.min(buf.len());
        let r = self.apply(&buf[..n]);
        self.input = buf;
        u32::from(r.is_err())
    }

    fn idx(&self, id: u32) -> Option<usize> {
        self.scene.lookup(id)
    }

    pub(crate) fn resolve(&self, v: &Value) -> Value {
        match v {
            Value::StrId(0) => Value::Str(None),
            Value::StrId(s) => Value::Str(self.strings.get(s).cloned()),
            other => other.clone(),
        }
    }

    /// `props` with string ids replaced by their text (one loop, not an
    /// iterator chain per caller: module size).
    pub(crate) fn resolve_props(&self, props: &[(u16, Value)]) -> Vec<(u16, Value)> {
        let mut out = Vec::with_capacity(props.len());
        for (p, v) in props {
            out.push((*p, self.resolve(v)));
        }
        out
    }

    /// Applies one validated command. `base` maps template-local ids
    /// (`local k` -> `base + k - 1`); 0 for top-level commands.
    pub fn apply_cmd(&mut self, cmd: Cmd, base: u32) {
        let map = |id: u32| if base == 0 || id == 0 || id == u32::MAX { id } else { base + id - 1 };
        match cmd {
            Cmd::Create { node, kind } => {
                let i = self.scene.create(map(node), kind);
                self.ensure_columns();
                self.text_cache.reset(i);
                self.reported[i] = None;
                self.scroll_reported[i] = (0.0, 0.0);
                self.damage.reset(i);
                crate::anim::forget(self, i);
            }
            Cmd::Remove { node } => self.remove(map(node)),
            Cmd::Insert { parent, child, before } => {
                if let (Some(p), Some(c)) = (self.idx(map(parent)), self.idx(map(child))) {
                    let b = if before == u32::MAX { None } else { self.idx(map(before)) };
                    self.scene.insert(p, c, b);
                    self.scene.bump_subtree(c);
                }
            }
            Cmd::SetRoot { node } => {
                self.scene.root = if node == 0 { NONE } else { self.idx(node).map_or(NONE, |i| i as u32) };
                if self.scene.root != NONE {
                    self.scene.invalidate(self.scene.root as usize);
                }
                self.scene.layout_dirty = true;
                self.full_pending = true;
            }
            Cmd::SetViewport { sw, sh, dw, dh } => {
                let v = Viewport { sw, sh, dw, dh };
                if v != self.viewport {
                    let design_changed = v.dw != self.viewport.dw || v.dh != self.viewport.dh;
                    self.viewport = v;
                    self.full_pending = true;
                    if design_changed && self.scene.root != NONE {
                        self.scene.invalidate(self.scene.root as usize);
                    }
                }
            }
            Cmd::SetProps { node, props } => {
                if let Some(i) = self.idx(map(node)) {
                    for (p, v) in &props {
                        let v = self.resolve(v);
                        crate::states::set_base_prop(self, i, *p, &v);
                    }
                }
            }
            Cmd::SetText { node, string } => {
                if let Some(i) = self.idx(map(node)) {
                    let s = self.strings.get(&string).map_or("", |s| s.as_str());
                    let s = s.to_string();
                    self.scene.set_text(i, &s);
                }
            }
            Cmd::SetTextStr { node, text } => {
                if let Some(i) = self.idx(map(node)) {
                    self.scene.set_text(i, &text);
                }
            }
            Cmd::DefineString { id, text } => {
                self.strings.insert(id, text);
            }
            Cmd::ReleaseString { id } => {
                self.strings.remove(&id);
            }
            Cmd::DefineImage { id, w, h } => {
                let state = if w > 0 && h > 0 { ImageState::Loaded } else { ImageState::Pending };
                self.images.insert(id, ImageInfo { w, h, state });
            }
            Cmd::ImageState { id, state, w, h } => {
                if let Some(info) = self.images.get_mut(&id) {
                    info.state = state;
                    if state == ImageState::Loaded {
                        info.w = w;
                        info.h = h;
                    }
                }
                let kind = if state == ImageState::Loaded { EventType::ImageLoaded } else { EventType::ImageFailed };
                for i in self.nodes_showing(id) {
                    self.events.push(kind, self.scene.ids[i], [id, 0, 0, 0, 0, 0]);
                    self.scene.invalidate(i);
                    self.scene.paint_ver[i] = self.scene.paint_ver[i].wrapping_add(1);
                }
            }
            Cmd::ReleaseImage { id } => {
                self.images.remove(&id);
                for i in self.nodes_showing(id) {
                    self.scene.set_prop(i, id::IMAGE, &Value::U32(0));
                }
                for o in self.scene.overrides.iter_mut().flatten() {
                    for set in o.sets.iter_mut().chain(std::iter::once(&mut o.saved)) {
                        for (p, v) in set.iter_mut() {
                            if *p == id::IMAGE && *v == Value::U32(id) {
                                *v = Value::U32(0);
                            }
                        }
                    }
                }
            }
            Cmd::SetStateProps { node, state, props } => {
                if let Some(i) = self.idx(map(node)) {
                    let props = self.resolve_props(&props);
                    crate::states::set_state_props(self, i, state, props);
                }
            }
            Cmd::DefineTemplate { id, template } => {
                let t = crate::templates::resolve(self, &template);
                self.templates.insert(id, Rc::new(t));
            }
            Cmd::Instantiate { template, base: b } => {
                if let Some(t) = self.templates.get(&template).cloned() {
                    for c in t.cmds.iter() {
                        self.apply_cmd(c.clone(), b);
                    }
                }
            }
            Cmd::ReleaseTemplate { id } => {
                self.templates.remove(&id);
            }
            Cmd::Key { key, action } => self.pending_input.push(Input::Key(key, action)),
            Cmd::Focus { node } => self.pending_input.push(Input::Focus(node)),
            Cmd::RememberFocus { scope, node } => self.pending_input.push(Input::Remember(scope, node)),
            Cmd::DefineFont { font, ascent, descent, leading, fallback } => {
                self.fonts.define(font, FontTable::new(ascent, descent, leading, fallback));
                self.fonts_changed();
            }
            Cmd::FontGlyphs { font, glyphs } => {
                self.fonts.add_glyphs(font, &glyphs);
                self.fonts_changed();
            }
            Cmd::Anim(c) => crate::anim::apply(self, *c, base),
        }
    }

    /// New glyph advances can change any text node's measure.
    fn fonts_changed(&mut self) {
        for i in 0..self.scene.capacity() {
            if self.scene.alive[i] && self.scene.kind[i] == Kind::Text {
                self.scene.invalidate(i);
                self.scene.paint_ver[i] = self.scene.paint_ver[i].wrapping_add(1);
                self.text_cache.reset(i);
            }
        }
    }

    fn nodes_showing(&self, image: u32) -> Vec<usize> {
        (0..self.scene.capacity())
            .filter(|i| self.scene.alive[*i] && self.scene.kind[*i] == Kind::Image && self.scene.image[*i].image == image)
            .collect()
    }

    fn ensure_columns(&mut self) {
        let n = self.scene.capacity();
        if self.reported.len() < n {
            self.reported.resize(n, None);
            self.scroll_reported.resize(n, (0.0, 0.0));
        }
        self.text_cache.ensure(n);
        self.damage.ensure(n);
        if self.geo.len() < n {
            self.geo.resize(n, Geo::default());
        }
    }

    fn remove(&mut self, id: u32) {
        let i = match self.idx(id) {
            Some(i) => i,
            None => return,
        };
        crate::focus::before_remove(self, i);
        self.scene.detach(i);
        let mut lost = Vec::new();
        for j in self.scene.subtree(i) {
            crate::focus::forget(self, j, &mut lost);
            if self.focus == j as u32 {
                self.focus = NONE;
                self.events.push(EventType::Blur, self.scene.ids[j], [0; 6]);
            }
            self.damage.forget(j);
            self.text_cache.reset(j);
            self.reported[j] = None;
            crate::anim::forget(self, j);
            self.scroll_reported[j] = (0.0, 0.0);
            self.scene.free_slot(j);
        }
        for k in lost {
            if self.scene.alive[k as usize] {
                self.events.push(EventType::ScopeMemory, self.scene.ids[k as usize], [0; 6]);
            }
        }
    }

    /// Lays out when dirty, runs queued keys, and lays out again if a state
    /// style changed layout. Cheap when nothing changed.
    pub fn prepare(&mut self) {
        self.ensure_columns();
        self.layout_if_dirty();
        if !self.pending_input.is_empty() {
            let input = std::mem::take(&mut self.pending_input);
            for x in input {
                if let Input::Remember(scope, node) = x {
                    crate::focus::remember_request(self, scope, node);
                    continue;
                }
                display::geometry(self);
                match x {
                    Input::Key(k, a) => crate::focus::handle_key(self, k, a),
                    Input::Focus(0) => crate::focus::set_focus(self, NONE),
                    Input::Focus(id) => {
                        if let Some(i) = self.idx(id) {
                            crate::focus::request(self, i)
                        }
                    }
                    Input::Remember(..) => {}
                }
                self.layout_if_dirty();
            }
        }
        if crate::focus::needs_repair(self) {
            display::geometry(self);
            crate::focus::repair(self);
            self.layout_if_dirty();
        }
        crate::focus::keys::tick(self);
    }

    fn layout_if_dirty(&mut self) {
        if !self.scene.layout_dirty {
            return;
        }
        self.scene.layout_dirty = false;
        let root = self.scene.root;
        if root == NONE {
            return;
        }
        let avail = Size::new(AvailableSpace::Definite(self.viewport.dw), AvailableSpace::Definite(self.viewport.dh));
        let mut host = Host { scene: &mut self.scene, fonts: &self.fonts, images: &self.images, texts: &mut self.text_cache };
        let stats = compute_layout(&mut host, root as usize, avail);
        self.nodes_laid_out = self.nodes_laid_out.saturating_add(stats.nodes_laid_out as u32);
    }

    /// Runs one frame and fills `self.out` (see PROTOCOL.md section 4).
    pub fn frame(&mut self, now_ms: f64) -> &Output {
        self.nav.now_ms = now_ms;
        self.prepare();
        self.scroll_events();
        crate::anim::tick(self, now_ms);
        display::geometry(self);
        self.layout_events();
        let full = self.full_pending;
        self.full_pending = false;
        let surface = Rect::new(0.0, 0.0, self.viewport.sw as f32, self.viewport.sh as f32);
        let damage = self.damage.collect(&self.scene, &self.geo, full, surface);
        self.out.dl.clear();
        self.out.text.clear();
        self.out.damage.clear();
        let mut flags = 0u32;
        if full || !damage.is_empty() {
            flags |= 1;
            if full {
                flags |= 2;
            }
            let rects = if full { vec![surface] } else { damage };
            for r in &rects {
                self.out.damage.push([r.x, r.y, r.w, r.h]);
            }
            display::emit(self, if full { None } else { Some(&rects) });
        }
        self.out.full = full;
        self.out.events.clear();
        self.out.events.extend(self.events.drain());
        let h = &mut self.out.header;
        *h = [0; 16];
        h[0] = flags;
        h[1] = self.out.dl.as_ptr() as usize as u32;
        h[2] = self.out.dl.len() as u32;
        h[3] = self.out.text.as_ptr() as usize as u32;
        h[4] = self.out.text.len() as u32;
        h[5] = self.out.damage.as_ptr() as usize as u32;
        h[6] = self.out.damage.len() as u32;
        h[7] = self.out.events.as_ptr() as usize as u32;
        h[8] = self.out.events.len() as u32;
        h[9] = self.batches_applied;
        h[10] = self.nodes_laid_out;
        h[11] = self.anim.running;
        h[12] = self.anim.infinite;
        self.nodes_laid_out = 0;
        self.frame_no = self.frame_no.wrapping_add(1);
        &self.out
    }

    /// `SCROLL` for every node whose scroll target differs from the last
    /// one reported (once per node per frame, final values).
    fn scroll_events(&mut self) {
        if self.scene.scroll_changed.is_empty() {
            return;
        }
        let changed = std::mem::take(&mut self.scene.scroll_changed);
        for n in changed.iter().map(|n| *n as usize) {
            if n >= self.scene.capacity() || !self.scene.alive[n] {
                continue;
            }
            let s = self.scene.visual[n].scroll;
            if self.scroll_reported[n] != s {
                self.scroll_reported[n] = s;
                self.events.push(EventType::Scroll, self.scene.ids[n], [s.0.to_bits(), s.1.to_bits(), 0, 0, 0, 0]);
            }
        }
        self.scene.scroll_changed = changed;
        self.scene.scroll_changed.clear();
    }

    fn layout_events(&mut self) {
        for i in 0..self.scene.capacity() {
            if !self.scene.alive[i] || !self.scene.sem[i].report_layout {
                continue;
            }
            let g = &self.geo[i];
            if !g.laid_out {
                continue;
            }
            let b = g.abs;
            if self.reported[i] != Some(b) {
                self.reported[i] = Some(b);
                self.events.push(
                    EventType::Layout,
                    self.scene.ids[i],
                    [b.x.to_bits(), b.y.to_bits(), b.w.to_bits(), b.h.to_bits(), 0, 0],
                );
            }
        }
    }

    /// The scene dump (PROTOCOL.md section 7).
    pub fn dump(&mut self) -> &str {
        self.prepare();
        display::geometry(self);
        self.dump_text = crate::dump::dump(self);
        &self.dump_text
    }
}
