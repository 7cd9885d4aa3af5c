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

use std::rc::Rc;

use crate::diagnostics::Diagnostics;
use crate::display;
use crate::events::{EventType, Events};
use crate::focus::FocusState;
use crate::geom::Rect;
use crate::image::{ImageInfo, ImageState};
use crate::input::Input;
use crate::layout::{compute_layout, AvailableSpace, Size};
use crate::measure::{Host, TextCache};
use crate::output::{FrameOutput, Output};
use crate::props::{id, Kind, Value};
use crate::limits::MAX_BATCH_BYTES;
use crate::protocol::{decode_batch, Cmd, Code, Error, NodeSim, ResSim, Shaped};
use crate::resources::Resources;
use crate::scene::{Scene, NONE};
use crate::text::FontTable;

pub use crate::geom::Viewport;


/// The motion subsystem's view of the engine (`anim::Motion`).
macro_rules! motion {
    ($e:expr) => {
        crate::anim::Motion { scene: &mut $e.scene, anim: &mut $e.anim, events: &mut $e.events }
    };
}

/// The focus subsystem's view of the engine (`focus::Ctx`).
macro_rules! focus_cx {
    ($e:expr) => {
        crate::focus::Ctx {
            scene: &mut $e.scene,
            geo: &$e.frame.geo,
            st: &mut $e.focus,
            events: &mut $e.events,
            anim: &mut $e.anim,
            frame_no: $e.frame.frame_no,
        }
    };
}

/// Geometry, painting and the dump's view of the engine (`display::Ctx`).
macro_rules! view {
    ($e:expr) => {
        display::Ctx {
            scene: &$e.scene,
            anim: &$e.anim,
            res: &$e.res,
            text_cache: &mut $e.text_cache,
            viewport: $e.viewport,
            geo: &mut $e.frame.geo,
        }
    };
}

/// The engine: the scene and its subsystems, each owning its state and
/// handed explicitly to the module functions that need it.
pub struct Engine {
    pub scene: Scene,
    /// Strings, images, templates and fonts.
    pub res: Resources,
    pub viewport: Viewport,
    /// The focused node, scope memory, held keys and queued input (`focus`).
    pub focus: FocusState,
    pub events: Events,
    /// The last rejection and the acknowledgement counter.
    pub diag: Diagnostics,
    /// What frames write and keep between them (`output`).
    pub frame: FrameOutput,
    pub text_cache: TextCache,
    /// The ABI's input buffer.
    input: Vec<u8>,
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
            res: Resources::new(),
            viewport: Viewport { sw: 1920, sh: 1080, dw: 1920.0, dh: 1080.0 },
            focus: FocusState::default(),
            events: Events::default(),
            diag: Diagnostics::default(),
            frame: FrameOutput::default(),
            text_cache: TextCache::default(),
            input: Vec::new(),
            anim: crate::anim::Anims::default(),
        }
    }

    /// Sets node `i`'s scroll offsets (see `anim::set_scroll`).
    pub fn set_scroll(&mut self, i: usize, x: f32, y: f32, animated: bool) {
        crate::anim::set_scroll(&mut motion!(self), i, x, y, animated)
    }

    /// What the last `frame` wrote.
    pub fn output(&self) -> &Output {
        &self.frame.out
    }

    /// The focused node (dense index) or `NONE`.
    pub fn focused(&self) -> u32 {
        self.focus.node
    }

    /// Count of accepted batches.
    pub fn batches_applied(&self) -> u32 {
        self.diag.batches_applied()
    }

    /// The last rejection as `[command index, opcode, code]`.
    pub fn error_info(&self) -> &[u32; 3] {
        self.diag.error_info()
    }

    /// Where the last dump's text is.
    pub fn dump_ptr(&self) -> *const u8 {
        self.frame.dump_text.as_ptr()
    }

    /// The ABI's input buffer, grown to at least `len` bytes; `None` (and
    /// no growth) past `limits::MAX_BATCH_BYTES`, which `apply` would reject.
    pub fn input_buffer(&mut self, len: usize) -> Option<&mut Vec<u8>> {
        if len > MAX_BATCH_BYTES {
            return None;
        }
        if self.input.len() < len {
            self.input.resize(len, 0);
        }
        Some(&mut self.input)
    }

    /// Validates and applies one batch. On error nothing changed.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.check_size(bytes.len())?;
        let decoded = {
            let mut nodes = NodeSim::new(Some(&self.scene), 0);
            let r = &self.res;
            let mut res = ResSim::new(&r.strings, &r.images, &r.templates, &r.fonts);
            decode_batch(bytes, &mut nodes, &mut res, false)
        };
        match decoded {
            Ok(cmds) => {
                self.scene.reserve_nodes(self.nodes_created_by(&cmds));
                let slots = self.scene.reserved();
                self.text_cache.reserve(slots);
                self.frame.reserve(slots);
                for c in cmds {
                    self.apply_cmd(c, 0);
                }
                self.diag.accepted();
                Ok(())
            }
            Err(e) => {
                self.diag.rejected(&e);
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
                    self.res.templates.get(template).map_or(0, |t| t.node_count as usize)
                }
                _ => 0,
            })
            .sum()
    }

    /// Rejects a batch of `len` bytes over `limits::MAX_BATCH_BYTES`
    /// before any of it is read.
    fn check_size(&mut self, len: usize) -> Result<(), Error> {
        if len <= MAX_BATCH_BYTES {
            return Ok(());
        }
        let message = format!(
            "batch of {} bytes is over the limit of {} bytes (MAX_BATCH_BYTES); split it",
            len, MAX_BATCH_BYTES
        );
        let e = Error { index: 0, opcode: 0, code: Code::BatchTooLarge, message };
        self.diag.rejected(&e);
        Err(e)
    }

    /// Applies the engine's input buffer (the ABI's `apply`).
    pub fn apply_input(&mut self, len: usize) -> u32 {
        // Before the buffer is cut to `len`: an oversized batch never got one.
        if self.check_size(len).is_err() {
            return 1;
        }
        let buf = std::mem::take(&mut self.input);
        let n = len.min(buf.len());
        let r = self.apply(&buf[..n]);
        self.input = buf;
        u32::from(r.is_err())
    }

    fn idx(&self, id: u32) -> Option<usize> {
        self.scene.lookup(id)
    }

    /// `SET_PROPS` on node `id` (already mapped from template-local ids).
    fn set_props(&mut self, id: u32, props: &[(u16, Value)]) {
        if let Some(i) = self.idx(id) {
            for (p, v) in props {
                let v = self.res.resolve(v);
                crate::states::set_base_prop(&mut self.scene, i, *p, &v);
            }
        }
    }

    /// `SET_TEXT` of a template (its string resolved at definition).
    fn set_text_str(&mut self, id: u32, text: &str) {
        if let Some(i) = self.idx(id) {
            self.scene.set_text(i, text);
        }
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
                self.frame.reset(i);
                crate::anim::forget(&mut motion!(self), i);
            }
            Cmd::Remove { node, children } => self.remove(map(node), children),
            Cmd::Insert { parent, child, before } => {
                if let (Some(p), Some(c)) = (self.idx(map(parent)), self.idx(map(child))) {
                    let b = if before == u32::MAX { None } else { self.idx(map(before)) };
                    self.scene.insert(p, c, b);
                    self.scene.bump_subtree(c);
                    if self.focus.node != NONE {
                        crate::states::refresh_subtree(&mut self.scene, c);
                    }
                }
            }
            Cmd::SetRoot { node } => {
                self.scene.root = if node == 0 { NONE } else { self.idx(node).map_or(NONE, |i| i as u32) };
                if self.scene.root != NONE {
                    self.scene.invalidate(self.scene.root as usize);
                }
                self.scene.layout_dirty = true;
                self.frame.full_pending = true;
            }
            Cmd::SetViewport { sw, sh, dw, dh } => {
                let v = Viewport { sw, sh, dw, dh };
                if v != self.viewport {
                    let design_changed = v.dw != self.viewport.dw || v.dh != self.viewport.dh;
                    self.viewport = v;
                    self.frame.full_pending = true;
                    if design_changed && self.scene.root != NONE {
                        self.scene.invalidate(self.scene.root as usize);
                    }
                }
            }
            Cmd::SetProps { node, props } => self.set_props(map(node), &props),
            Cmd::SetText { node, string } => {
                if let Some(i) = self.idx(map(node)) {
                    let s = self.res.strings.get(&string).map_or("", |s| s.as_str());
                    self.scene.set_text(i, s);
                }
            }
            Cmd::SetTextStr { node, text } => self.set_text_str(map(node), &text),
            Cmd::DefineString { id, text } => {
                self.res.strings.insert(id, text);
            }
            Cmd::ReleaseString { id } => {
                self.res.strings.remove(&id);
            }
            Cmd::DefineImage { id, w, h } => {
                let state = if w > 0 && h > 0 { ImageState::Loaded } else { ImageState::Pending };
                self.res.images.insert(id, ImageInfo { w, h, state });
            }
            Cmd::ImageState { id, state, w, h } => {
                if let Some(info) = self.res.images.get_mut(&id) {
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
            Cmd::RepaintImage { id } => {
                for i in self.nodes_showing(id) {
                    self.scene.paint_ver[i] = self.scene.paint_ver[i].wrapping_add(1);
                }
            }
            Cmd::ReleaseImage { id } => {
                self.res.images.remove(&id);
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
                    let props = self.res.resolve_props(&props);
                    crate::states::set_state_props(&mut self.scene, i, state, props);
                }
            }
            Cmd::DefineTemplate { id, template } => {
                let t = crate::templates::resolve(&self.res, &template);
                self.res.templates.insert(id, Rc::new(t));
            }
            Cmd::Instantiate { template, base: b } => {
                if let Some(t) = self.res.templates.get(&template).cloned() {
                    // The commands that carry data are applied from the
                    // template itself: a clone would copy their vectors and
                    // strings once per instance.
                    let at = |id: u32| if b == 0 || id == 0 || id == u32::MAX { id } else { b + id - 1 };
                    for c in t.cmds.iter() {
                        match c {
                            Cmd::SetProps { node, props } => self.set_props(at(*node), props),
                            Cmd::SetTextStr { node, text } => self.set_text_str(at(*node), text),
                            _ => self.apply_cmd(c.clone(), b),
                        }
                    }
                }
            }
            Cmd::ReleaseTemplate { id } => {
                self.res.templates.remove(&id);
            }
            Cmd::Key { key, action } => self.focus.pending.push(Input::Key(key, action)),
            Cmd::Focus { node } => self.focus.pending.push(Input::Focus(node)),
            Cmd::RememberFocus { scope, node } => self.focus.pending.push(Input::Remember(scope, node)),
            Cmd::DefineFont { font, ascent, descent, leading, fallback } => {
                self.res.fonts.define(font, FontTable::new(ascent, descent, leading, fallback));
                self.fonts_changed();
            }
            Cmd::FontGlyphs { font, glyphs } => {
                self.res.fonts.add_glyphs(font, &glyphs);
                self.fonts_changed();
            }
            Cmd::ShapedText(s) => {
                let Shaped { font, rtl, advances, breaks, text } = *s;
                if let Some(table) = self.res.fonts.get_mut(font) {
                    table.set_shaped(&text, &advances, &breaks, rtl);
                }
                self.fonts_changed();
            }
            Cmd::Anim(c) => crate::anim::apply(&mut motion!(self), *c, base),
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
        self.text_cache.ensure(n);
        self.frame.ensure(n);
    }

    /// `REMOVE`, or with `children` `CLEAR_CHILDREN`: a `REMOVE` of each
    /// child, first to last. The child list is taken first so that each
    /// child's detach finds no sibling to search.
    fn remove(&mut self, id: u32, children: bool) {
        let i = match self.idx(id) {
            Some(i) => i,
            None => return,
        };
        if !children {
            return self.remove_at(i);
        }
        let kids = std::mem::take(&mut self.scene.children[i]);
        for c in kids.iter() {
            self.remove_at(*c as usize);
        }
    }

    fn remove_at(&mut self, i: usize) {
        crate::focus::before_remove(&mut focus_cx!(self), i);
        self.scene.detach(i);
        let mut lost = Vec::new();
        for j in self.scene.subtree(i) {
            crate::focus::forget(&mut focus_cx!(self), j, &mut lost);
            if self.focus.node == j as u32 {
                self.focus.node = NONE;
                self.events.push(EventType::Blur, self.scene.ids[j], [0; 6]);
            }
            self.text_cache.reset(j);
            self.frame.reset(j);
            crate::anim::forget(&mut motion!(self), j);
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
        if !self.focus.pending.is_empty() {
            let input = std::mem::take(&mut self.focus.pending);
            for x in input {
                if let Input::Remember(scope, node) = x {
                    crate::focus::remember_request(&mut focus_cx!(self), scope, node);
                    continue;
                }
                display::geometry(&mut view!(self));
                match x {
                    Input::Key(k, a) => crate::focus::handle_key(&mut focus_cx!(self), k, a),
                    Input::Focus(0) => crate::focus::set_focus(&mut focus_cx!(self), NONE),
                    Input::Focus(id) => {
                        if let Some(i) = self.idx(id) {
                            crate::focus::request(&mut focus_cx!(self), i)
                        }
                    }
                    Input::Remember(..) => {}
                }
                self.layout_if_dirty();
            }
        }
        if crate::focus::needs_repair(&focus_cx!(self)) {
            display::geometry(&mut view!(self));
            crate::focus::repair(&mut focus_cx!(self));
            self.layout_if_dirty();
        }
        crate::focus::keys::tick(&mut focus_cx!(self));
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
        let mut host = Host { scene: &mut self.scene, fonts: &self.res.fonts, images: &self.res.images, texts: &mut self.text_cache };
        let stats = compute_layout(&mut host, root as usize, avail);
        self.frame.nodes_laid_out = self.frame.nodes_laid_out.saturating_add(stats.nodes_laid_out as u32);
    }

    /// Runs one frame and fills `self.frame.out` (see PROTOCOL.md section 4).
    pub fn frame(&mut self, now_ms: f64) -> &Output {
        self.focus.nav.now_ms = now_ms;
        self.prepare();
        self.scroll_events();
        crate::anim::tick(&mut motion!(self), now_ms);
        display::geometry(&mut view!(self));
        self.layout_events();
        let full = self.frame.full_pending;
        self.frame.full_pending = false;
        let surface = Rect::new(0.0, 0.0, self.viewport.sw as f32, self.viewport.sh as f32);
        let damage = self.frame.damage.collect(&self.scene, &self.frame.geo, full, surface);
        self.frame.out.dl.clear();
        self.frame.out.text.clear();
        self.frame.out.damage.clear();
        let mut flags = 0u32;
        if full || !damage.is_empty() {
            flags |= 1;
            if full {
                flags |= 2;
            }
            let rects = if full { vec![surface] } else { damage };
            for r in &rects {
                self.frame.out.damage.push([r.x, r.y, r.w, r.h]);
            }
            display::emit(&mut view!(self), &mut self.frame.out, if full { None } else { Some(&rects) });
        }
        self.frame.out.full = full;
        self.frame.out.events.clear();
        self.frame.out.events.extend(self.events.drain());
        let h = &mut self.frame.out.header;
        *h = [0; 16];
        h[0] = flags;
        h[1] = self.frame.out.dl.as_ptr() as usize as u32;
        h[2] = self.frame.out.dl.len() as u32;
        h[3] = self.frame.out.text.as_ptr() as usize as u32;
        h[4] = self.frame.out.text.len() as u32;
        h[5] = self.frame.out.damage.as_ptr() as usize as u32;
        h[6] = self.frame.out.damage.len() as u32;
        h[7] = self.frame.out.events.as_ptr() as usize as u32;
        h[8] = self.frame.out.events.len() as u32;
        h[9] = self.diag.batches_applied();
        h[10] = self.frame.nodes_laid_out;
        h[11] = self.anim.running;
        h[12] = self.anim.infinite;
        self.frame.nodes_laid_out = 0;
        self.frame.frame_no = self.frame.frame_no.wrapping_add(1);
        &self.frame.out
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
            if self.frame.scroll_reported[n] != s {
                self.frame.scroll_reported[n] = s;
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
            let g = &self.frame.geo[i];
            if !g.laid_out {
                continue;
            }
            let b = g.abs;
            if self.frame.reported[i] != Some(b) {
                self.frame.reported[i] = Some(b);
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
        display::geometry(&mut view!(self));
        self.frame.dump_text = crate::dump::dump(&mut view!(self));
        &self.frame.dump_text
    }
}
