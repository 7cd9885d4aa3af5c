//! Batch decoding and validation (PROTOCOL.md sections 2, 3, 6).
//!
//! Algorithm: pass one of `Engine::apply`. The batch is decoded command by
//! command into typed `Cmd`s while a simulation (`NodeSim` for node ids and
//! parentage, `ResSim` for string/image/template ids) plays the batch's
//! effect over the current scene without touching it. Any problem stops the
//! decode with an `Error` carrying the command index, opcode and code; only
//! a fully valid batch reaches pass two (`engine::Engine::apply_cmd`), which
//! therefore cannot fail.
//!
//! `commands` decodes one command, one function per opcode family; this
//! module holds the command set (`Cmd`), errors, the payload `Reader`, the
//! simulations and the batch loop.
//!
//! Node existence is simulated with generations: every node id created in
//! the batch gets a fresh generation and a child remembers its parent's
//! generation, so a node exists when it is alive and every link up its
//! parent chain still points at a live node of the remembered generation.
//! That makes `REMOVE` O(1) in validation while still killing the whole
//! subtree, and re-creating a removed id never resurrects its old children.

use crate::idmap::HashMap;
use std::rc::Rc;

use crate::props::{Kind, Value};
use crate::scene::{Scene, NONE};

mod commands;
pub mod motion;
use commands::decode_one;

pub mod op {
    pub const CREATE: u8 = 0x01;
    pub const REMOVE: u8 = 0x02;
    pub const INSERT: u8 = 0x03;
    pub const SET_ROOT: u8 = 0x04;
    pub const SET_VIEWPORT: u8 = 0x05;
    pub const SET_PROP: u8 = 0x06;
    pub const SET_PROPS: u8 = 0x07;
    pub const SET_TEXT: u8 = 0x08;
    pub const DEFINE_STRING: u8 = 0x09;
    pub const RELEASE_STRING: u8 = 0x0A;
    pub const DEFINE_IMAGE: u8 = 0x0B;
    pub const IMAGE_STATE: u8 = 0x0C;
    pub const RELEASE_IMAGE: u8 = 0x0D;
    pub const SET_STATE_PROPS: u8 = 0x0E;
    pub const CLEAR_CHILDREN: u8 = 0x0F;
    pub const DEFINE_TEMPLATE: u8 = 0x10;
    pub const INSTANTIATE: u8 = 0x11;
    pub const RELEASE_TEMPLATE: u8 = 0x12;
    pub const KEY: u8 = 0x20;
    pub const FOCUS: u8 = 0x21;
    pub const REMEMBER_FOCUS: u8 = 0x22;
    pub const DEFINE_FONT: u8 = 0x30;
    pub const FONT_GLYPHS: u8 = 0x31;
    pub const SHAPED_TEXT: u8 = 0x32;
    pub const SET_TRANSITION: u8 = 0x40;
    pub const SET_KEYFRAMES: u8 = 0x41;
    pub const CLEAR_ANIMATIONS: u8 = 0x42;
}

pub fn op_name(opcode: u8) -> &'static str {
    match opcode {
        op::CREATE => "CREATE",
        op::REMOVE => "REMOVE",
        op::INSERT => "INSERT",
        op::SET_ROOT => "SET_ROOT",
        op::SET_VIEWPORT => "SET_VIEWPORT",
        op::SET_PROP => "SET_PROP",
        op::SET_PROPS => "SET_PROPS",
        op::SET_TEXT => "SET_TEXT",
        op::DEFINE_STRING => "DEFINE_STRING",
        op::RELEASE_STRING => "RELEASE_STRING",
        op::DEFINE_IMAGE => "DEFINE_IMAGE",
        op::IMAGE_STATE => "IMAGE_STATE",
        op::RELEASE_IMAGE => "RELEASE_IMAGE",
        op::SET_STATE_PROPS => "SET_STATE_PROPS",
        op::CLEAR_CHILDREN => "CLEAR_CHILDREN",
        op::DEFINE_TEMPLATE => "DEFINE_TEMPLATE",
        op::INSTANTIATE => "INSTANTIATE",
        op::RELEASE_TEMPLATE => "RELEASE_TEMPLATE",
        op::KEY => "KEY",
        op::FOCUS => "FOCUS",
        op::REMEMBER_FOCUS => "REMEMBER_FOCUS",
        op::DEFINE_FONT => "DEFINE_FONT",
        op::FONT_GLYPHS => "FONT_GLYPHS",
        op::SHAPED_TEXT => "SHAPED_TEXT",
        op::SET_TRANSITION => "SET_TRANSITION",
        op::SET_KEYFRAMES => "SET_KEYFRAMES",
        op::CLEAR_ANIMATIONS => "CLEAR_ANIMATIONS",
        _ => "unknown",
    }
}

/// Rejection codes (PROTOCOL.md section 6).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Code {
    UnknownOpcode = 1,
    Truncated = 2,
    UnknownNode = 3,
    DuplicateNode = 4,
    Cycle = 5,
    UnknownString = 6,
    UnknownImage = 7,
    UnknownTemplate = 8,
    DuplicateId = 9,
    BadProperty = 10,
    OutOfRange = 11,
    InvalidUtf8 = 12,
    BadSibling = 13,
    NotAllowed = 14,
    TrailingBytes = 15,
    BatchTooLarge = 16,
    NodeLimit = 17,
    WorkLimit = 18,
}

/// A rejected batch: which command, what kind of problem, and a sentence.
#[derive(Clone, PartialEq, Debug)]
pub struct Error {
    pub index: u32,
    pub opcode: u8,
    pub code: Code,
    pub message: String,
}

impl Error {
    /// The text form: `command 3 (INSERT): node 17 is a descendant of node 12`.
    /// An oversized batch is refused unread, so its text names no command.
    pub fn text(&self) -> String {
        let name = op_name(self.opcode);
        if self.code == Code::BatchTooLarge {
            self.message.clone()
        } else if name == "unknown" {
            format!("command {} (0x{:02X}): {}", self.index, self.opcode, self.message)
        } else {
            format!("command {} ({}): {}", self.index, name, self.message)
        }
    }
}

/// A problem found inside one command (index and opcode are added around it).
pub struct Fault(pub Code, pub String);

type R<T> = Result<T, Fault>;

fn fault<T>(code: Code, msg: String) -> R<T> {
    Err(Fault(code, msg))
}

/// One validated command. Ids are the sender's ids.
#[derive(Clone, Debug)]
pub enum Cmd {
    Create { node: u32, kind: Kind },
    /// `REMOVE`, or with `children` `CLEAR_CHILDREN`: every child of `node`
    /// removed as by one `REMOVE` each (one variant: the two share their
    /// decoding and validation, which keeps the module small).
    Remove { node: u32, children: bool },
    Insert { parent: u32, child: u32, before: u32 },
    SetRoot { node: u32 },
    SetViewport { sw: u32, sh: u32, dw: f32, dh: f32 },
    SetProps { node: u32, props: Vec<(u16, Value)> },
    SetText { node: u32, string: u32 },
    /// `SET_TEXT` inside a template, with the string resolved at definition.
    SetTextStr { node: u32, text: String },
    DefineString { id: u32, text: String },
    ReleaseString { id: u32 },
    DefineImage { id: u32, w: u32, h: u32 },
    ImageState { id: u32, state: crate::image::ImageState, w: u32, h: u32 },
    RepaintImage { id: u32 },
    ReleaseImage { id: u32 },
    SetStateProps { node: u32, state: crate::scene::State, props: Vec<(u16, Value)> },
    DefineTemplate { id: u32, template: Rc<Template> },
    Instantiate { template: u32, base: u32 },
    ReleaseTemplate { id: u32 },
    Key { key: crate::input::Key, action: crate::input::KeyAction },
    Focus { node: u32 },
    /// `REMEMBER_FOCUS`: scope `scope` remembers `node` (0 forgets).
    RememberFocus { scope: u32, node: u32 },
    DefineFont { font: u8, ascent: f32, descent: f32, leading: f32, fallback: f32 },
    FontGlyphs { font: u8, glyphs: Vec<(u32, f32)> },
    /// Boxed, as `Anim`: its three vectors would widen every decoded command.
    ShapedText(Box<Shaped>),
    /// `SET_TRANSITION`, `SET_KEYFRAMES`, `CLEAR_ANIMATIONS`; boxed so the
    /// rare motion command does not widen every decoded command.
    Anim(Box<crate::anim::AnimCmd>),
}

/// `SHAPED_TEXT`'s payload (see `Cmd::ShapedText`).
#[derive(Clone, Debug)]
pub struct Shaped {
    pub font: u8,
    pub rtl: bool,
    pub advances: Vec<f32>,
    pub breaks: Vec<bool>,
    pub text: String,
}

/// A template: commands over local ids `1..=node_count` (local 1 is the root).
#[derive(Clone, Debug)]
pub struct Template {
    pub node_count: u32,
    pub cmds: Vec<Cmd>,
    /// Parent (local id, 0 = none) and kind of every local node, index `k-1`.
    pub shape: Vec<(Kind, u32)>,
    /// Image ids the template's properties refer to (checked at instantiation).
    pub images: Vec<u32>,
}

/// Little-endian reader over one command payload.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }
    fn take(&mut self, n: usize, what: &str) -> R<&'a [u8]> {
        if self.buf.len() - self.pos < n {
            return fault(Code::Truncated, format!("payload ends before {}", what));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u8(&mut self, what: &str) -> R<u8> {
        Ok(self.take(1, what)?[0])
    }
    pub fn u16(&mut self, what: &str) -> R<u16> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    pub fn u32(&mut self, what: &str) -> R<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn f32(&mut self, what: &str) -> R<f32> {
        Ok(f32::from_bits(self.u32(what)?))
    }
    pub fn rest(&mut self) -> &'a [u8] {
        let s = &self.buf[self.pos..];
        self.pos = self.buf.len();
        s
    }
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    fn finish(&self) -> R<()> {
        if self.remaining() != 0 {
            return fault(Code::TrailingBytes, format!("{} unexpected bytes after the payload", self.remaining()));
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug)]
struct SimNode {
    alive: bool,
    gen: u32,
    kind: Kind,
    parent: u32,
    parent_gen: u32,
}

/// The deepest a tree may nest (a parentless node is level 1). Layout,
/// geometry and the dump recurse per level; the 1 MiB wasm stack traps at
/// about 395 levels of plain views, so 256 leaves a third of it spare.
pub const MAX_TREE_DEPTH: u32 = 256;

use crate::limits::{max_nodes, MAX_BATCH_WORK};

/// Simulated node ids and parentage over a base scene (or over nothing, for
/// a template body whose ids are local).
pub struct NodeSim<'a> {
    base: Option<&'a Scene>,
    /// Index into `nodes` of each id this batch touched (a `u32` map: see `kids`).
    over: HashMap<u32, u32>,
    nodes: Vec<SimNode>,
    /// Children gained in this batch, per parent id (may hold stale links;
    /// `is_child` filters them), for the depth check.
    /// (Index into `kid_lists`: a `HashMap<u32, u32>` shares the scene
    /// index's code, where a map of `Vec`s would link its own; module size.)
    kids: HashMap<u32, u32>,
    kid_lists: Vec<Vec<u32>>,
    next_gen: u32,
    pub root: u32,
    /// For template bodies: the largest local id (ids must be `1..=limit`).
    limit: u32,
    /// Nodes alive before the batch plus those it created so far.
    nodes_alive: u32,
    /// Node visits the batch asked for so far (`limits::MAX_BATCH_WORK`).
    work: u32,
}

impl<'a> NodeSim<'a> {
    pub fn new(base: Option<&'a Scene>, limit: u32) -> Self {
        let root = base.map_or(0, |s| s.root_id());
        let live = base.map_or(0, |s| s.len() as u32);
        NodeSim {
            base,
            over: HashMap::default(),
            nodes: Vec::new(),
            kids: HashMap::default(),
            kid_lists: Vec::new(),
            next_gen: 1,
            root,
            limit,
            nodes_alive: live,
            work: 0,
        }
    }

    /// Counts `count` more nodes against the node budget (top-level
    /// batches only: a template body's locals are bounded by its node_count).
    /// The error's command index and opcode say which command it was.
    pub fn claim_nodes(&mut self, count: u32) -> R<()> {
        let total = self.nodes_alive.saturating_add(count);
        let budget = max_nodes();
        if self.limit == 0 && total > budget {
            return fault(Code::NodeLimit, format!("the scene would hold {} nodes, over the node budget ({})", total, budget));
        }
        self.nodes_alive = total;
        Ok(())
    }

    /// Counts `units` node visits against `limits::MAX_BATCH_WORK`.
    pub fn add_work(&mut self, units: u32) -> R<()> {
        self.work = self.work.saturating_add(units);
        if self.limit == 0 && self.work > MAX_BATCH_WORK {
            return fault(
                Code::WorkLimit,
                format!("the batch would cost {} node visits ({} here), over MAX_BATCH_WORK ({})", self.work, units, MAX_BATCH_WORK),
            );
        }
        Ok(())
    }

    fn entry(&self, id: u32) -> Option<SimNode> {
        if let Some(k) = self.over.get(&id) {
            return Some(self.nodes[*k as usize]);
        }
        let scene = self.base?;
        let i = scene.lookup(id)?;
        let p = scene.parent[i];
        let parent = if p == NONE { 0 } else { scene.ids[p as usize] };
        Some(SimNode { alive: true, gen: 0, kind: scene.kind[i], parent, parent_gen: 0 })
    }

    fn put(&mut self, id: u32, e: SimNode) {
        match self.over.get(&id) {
            Some(k) => self.nodes[*k as usize] = e,
            None => {
                self.over.insert(id, self.nodes.len() as u32);
                self.nodes.push(e);
            }
        }
    }

    fn live(&self, id: u32) -> Option<SimNode> {
        let e = self.entry(id)?;
        if !e.alive {
            return None;
        }
        let mut cur = e;
        let mut steps = 0u32;
        while cur.parent != 0 {
            let p = self.entry(cur.parent)?;
            if !p.alive || p.gen != cur.parent_gen {
                return None;
            }
            cur = p;
            steps += 1;
            if steps > 1_000_000 {
                return None;
            }
        }
        Some(e)
    }

    fn check_local(&self, id: u32) -> R<()> {
        if self.limit != 0 && (id == 0 || id > self.limit) {
            return fault(Code::UnknownNode, format!("local node {} is outside 1..={}", id, self.limit));
        }
        Ok(())
    }

    /// The kind of a node that must exist.
    pub fn node(&self, id: u32) -> R<Kind> {
        self.check_local(id)?;
        match self.live(id) {
            Some(e) => Ok(e.kind),
            None => fault(Code::UnknownNode, format!("node {} does not exist", id)),
        }
    }

    pub fn exists(&self, id: u32) -> bool {
        self.live(id).is_some()
    }

    fn parent(&self, id: u32) -> u32 {
        self.entry(id).map_or(0, |e| e.parent)
    }

    /// Whether live node `id` is strictly below `ancestor`.
    pub fn is_inside(&self, id: u32, ancestor: u32) -> bool {
        let mut cur = self.parent(id);
        let mut steps = 0u32;
        while cur != 0 && steps <= MAX_TREE_DEPTH {
            if cur == ancestor {
                return true;
            }
            cur = self.parent(cur);
            steps += 1;
        }
        false
    }

    pub fn create(&mut self, id: u32, kind: Kind) -> R<()> {
        if id == 0 {
            return fault(Code::OutOfRange, "node id 0 is reserved".into());
        }
        self.check_local(id)?;
        if self.exists(id) {
            return fault(Code::DuplicateNode, format!("node {} already exists", id));
        }
        let gen = self.next_gen;
        self.next_gen += 1;
        self.put(id, SimNode { alive: true, gen, kind, parent: 0, parent_gen: 0 });
        Ok(())
    }

    /// `REMOVE` of the node, or with `children` `CLEAR_CHILDREN`: the node
    /// then gets a fresh generation, so every link to it (its children, base
    /// or gained in this batch) goes stale at once and their subtrees stop
    /// existing, in O(1) as well.
    pub fn remove(&mut self, id: u32, children: bool) -> R<()> {
        let mut e = match self.live(id) {
            Some(e) => e,
            None => return fault(Code::UnknownNode, format!("node {} does not exist", id)),
        };
        if children {
            e.gen = self.next_gen;
            self.next_gen += 1;
        } else {
            e.alive = false;
            if self.root == id {
                self.root = 0;
            }
        }
        self.put(id, e);
        Ok(())
    }

    pub fn insert(&mut self, parent: u32, child: u32, before: u32) -> R<()> {
        let pk = self.node(parent)?;
        self.node(child)?;
        if pk != Kind::View {
            return fault(Code::NotAllowed, format!("node {} is a {} node and takes no children", parent, pk.name()));
        }
        if child == self.root && child != 0 {
            return fault(Code::NotAllowed, format!("node {} is the root and cannot get a parent", child));
        }
        let mut cur = parent;
        let mut steps = 0u32;
        while cur != 0 {
            if cur == child {
                return if parent == child {
                    fault(Code::Cycle, format!("node {} cannot be inserted under itself", child))
                } else {
                    fault(Code::Cycle, format!("node {} is a descendant of node {}", parent, child))
                };
            }
            cur = self.parent(cur);
            steps += 1;
            if steps > 1_000_000 {
                break;
            }
        }
        if before != u32::MAX && (before == child || !self.exists(before) || self.parent(before) != parent) {
            return fault(Code::BadSibling, format!("node {} is not another child of node {}", before, parent));
        }
        let (deep, visited) = self.too_deep(parent, child);
        if deep {
            return fault(
                Code::NotAllowed,
                format!(
                    "inserting node {} under node {} would nest nodes deeper than {} levels (the maximum tree depth)",
                    child, parent, MAX_TREE_DEPTH
                ),
            );
        }
        self.add_work(visited)?;
        let pgen = self.entry(parent).map_or(0, |e| e.gen);
        let slot = match self.kids.get(&parent) {
            Some(k) => *k as usize,
            None => {
                self.kid_lists.push(Vec::new());
                self.kids.insert(parent, self.kid_lists.len() as u32 - 1);
                self.kid_lists.len() - 1
            }
        };
        self.kid_lists[slot].push(child);
        let mut e = self.entry(child).unwrap_or(SimNode { alive: true, gen: 0, kind: Kind::View, parent: 0, parent_gen: 0 });
        e.parent = parent;
        e.parent_gen = pgen;
        self.put(child, e);
        Ok(())
    }

    /// Whether `k` is a live child of `p` now (a base child may have moved
    /// away, or `p` may be a re-created id that does not own it).
    fn is_child(&self, p: u32, k: u32) -> bool {
        let (pe, ke) = match (self.entry(p), self.entry(k)) {
            (Some(pe), Some(ke)) => (pe, ke),
            _ => return false,
        };
        ke.alive && ke.parent == p && ke.parent_gen == pe.gen
    }

    /// Whether `child`'s subtree under `parent` would pass `MAX_TREE_DEPTH`:
    /// the parent's level plus the subtree's height, found by a walk that
    /// stops at the first node past the limit. Also the nodes visited: the
    /// subtree's size when it fits, the work the `INSERT` costs.
    fn too_deep(&self, parent: u32, child: u32) -> (bool, u32) {
        let mut level = 1u32;
        let mut cur = self.parent(parent);
        while cur != 0 && level <= MAX_TREE_DEPTH {
            level += 1;
            cur = self.parent(cur);
        }
        let mut stack = vec![(child, level + 1)];
        let mut visited = 0u32;
        while let Some((n, l)) = stack.pop() {
            visited += 1;
            if l > MAX_TREE_DEPTH {
                return (true, visited);
            }
            if let Some(scene) = self.base {
                if let Some(i) = scene.lookup(n) {
                    for c in scene.children[i].iter() {
                        let k = scene.ids[*c as usize];
                        if self.is_child(n, k) {
                            stack.push((k, l + 1));
                        }
                    }
                }
            }
            if let Some(ks) = self.kids.get(&n).map(|k| &self.kid_lists[*k as usize]) {
                for k in ks {
                    // A base child that moved away and back is listed twice:
                    // visiting it twice costs time, not correctness.
                    if self.is_child(n, *k) {
                        stack.push((*k, l + 1));
                    }
                }
            }
        }
        (false, visited)
    }

    pub fn set_root(&mut self, id: u32) -> R<()> {
        if id != 0 {
            self.node(id)?;
            if self.parent(id) != 0 {
                return fault(Code::NotAllowed, format!("node {} has a parent and cannot be the root", id));
            }
        }
        self.root = id;
        Ok(())
    }

    /// Parent and kind of local ids `1..=limit` (templates), checking that
    /// every local node was created, local 1 has no parent and the others do.
    fn shape(&self) -> R<Vec<(Kind, u32)>> {
        let mut out = Vec::with_capacity(self.limit as usize);
        for k in 1..=self.limit {
            let e = match self.live(k) {
                Some(e) => e,
                None => return fault(Code::NotAllowed, format!("template never creates local node {}", k)),
            };
            if k == 1 && e.parent != 0 {
                return fault(Code::NotAllowed, "template root (local 1) must not have a parent".into());
            }
            if k != 1 && e.parent == 0 {
                return fault(Code::NotAllowed, format!("template local node {} is not attached", k));
            }
            out.push((e.kind, e.parent));
        }
        Ok(out)
    }
}

/// Simulated string, image and template ids over the engine's tables.
pub struct ResSim<'a> {
    pub strings: &'a HashMap<u32, String>,
    pub images: &'a HashMap<u32, crate::image::ImageInfo>,
    pub templates: &'a HashMap<u32, Rc<Template>>,
    /// Defined (1) or released (0) by this batch. `u32`, not `bool`: the map
    /// then shares its code with the scene's `HashMap<u32, u32>` (module size).
    s_over: HashMap<u32, u32>,
    i_over: HashMap<u32, u32>,
    /// 0 released, `k` defined as `t_defined[k - 1]` (a `u32` map, as above).
    t_over: HashMap<u32, u32>,
    t_defined: Vec<Rc<Template>>,
    fonts: [bool; 256],
}

impl<'a> ResSim<'a> {
    pub fn new(
        strings: &'a HashMap<u32, String>,
        images: &'a HashMap<u32, crate::image::ImageInfo>,
        templates: &'a HashMap<u32, Rc<Template>>,
        fonts: &crate::text::Fonts,
    ) -> Self {
        let mut defined = [false; 256];
        for (k, d) in defined.iter_mut().enumerate() {
            *d = fonts.is_defined(k as u8);
        }
        ResSim {
            strings,
            images,
            templates,
            s_over: HashMap::default(),
            i_over: HashMap::default(),
            t_over: HashMap::default(),
            t_defined: Vec::new(),
            fonts: defined,
        }
    }
    pub fn string(&self, id: u32) -> bool {
        match self.s_over.get(&id) {
            Some(v) => *v != 0,
            None => self.strings.contains_key(&id),
        }
    }
    pub fn image(&self, id: u32) -> bool {
        match self.i_over.get(&id) {
            Some(v) => *v != 0,
            None => self.images.contains_key(&id),
        }
    }
    fn template(&self, id: u32) -> Option<Rc<Template>> {
        match self.t_over.get(&id) {
            Some(k) => self.t_defined.get((*k as usize).wrapping_sub(1)).cloned(),
            None => self.templates.get(&id).cloned(),
        }
    }
}

/// Decodes and validates a whole batch against the current scene.
pub fn decode_batch(buf: &[u8], nodes: &mut NodeSim, res: &mut ResSim, in_template: bool) -> Result<Vec<Cmd>, Error> {
    let mut cmds = Vec::with_capacity(command_count(buf));
    let mut pos = 0usize;
    let mut index = 0u32;
    while pos < buf.len() {
        let opcode = buf[pos];
        let wrap = |f: Fault| Error { index, opcode, code: f.0, message: f.1 };
        if buf.len() - pos < 4 {
            return Err(wrap(Fault(Code::Truncated, "command header is cut short".into())));
        }
        let len = usize::from(buf[pos + 1]) | usize::from(buf[pos + 2]) << 8 | usize::from(buf[pos + 3]) << 16;
        pos += 4;
        if buf.len() - pos < len {
            return Err(wrap(Fault(
                Code::Truncated,
                format!("payload of {} bytes but only {} remain", len, buf.len() - pos),
            )));
        }
        let payload = &buf[pos..pos + len];
        pos += len;
        let cmd = decode_one(opcode, payload, nodes, res, in_template).map_err(wrap)?;
        cmds.push(cmd);
        index += 1;
    }
    Ok(cmds)
}

/// The number of command headers in `buf` (a cut-short tail counts as one),
/// so the decoded list is allocated once at its final size.
fn command_count(buf: &[u8]) -> usize {
    let (mut pos, mut count) = (0usize, 0usize);
    while pos < buf.len() {
        count += 1;
        if buf.len() - pos < 4 {
            break;
        }
        let len = usize::from(buf[pos + 1]) | usize::from(buf[pos + 2]) << 8 | usize::from(buf[pos + 3]) << 16;
        pos = pos.saturating_add(4 + len);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::props::Kind;

    #[test]
    fn a_removed_parent_takes_its_simulated_subtree_with_it() {
        let mut sim = NodeSim::new(None, 0);
        assert!(sim.create(1, Kind::View).is_ok());
        assert!(sim.create(2, Kind::View).is_ok());
        assert!(sim.create(3, Kind::View).is_ok());
        assert!(sim.insert(1, 2, u32::MAX).is_ok());
        assert!(sim.insert(2, 3, u32::MAX).is_ok());
        assert!(sim.remove(1, false).is_ok());
        assert!(!sim.exists(2) && !sim.exists(3));
        // A fresh node 1 does not own the old 2.
        assert!(sim.create(1, Kind::View).is_ok());
        assert!(!sim.exists(2));
        assert!(sim.create(2, Kind::View).is_ok());
    }

    #[test]
    fn clearing_children_kills_the_simulated_subtrees_but_not_the_node() {
        let mut sim = NodeSim::new(None, 0);
        for id in 1..=4 {
            assert!(sim.create(id, Kind::View).is_ok());
        }
        assert!(sim.insert(1, 2, u32::MAX).is_ok());
        assert!(sim.insert(2, 3, u32::MAX).is_ok());
        assert!(sim.insert(1, 4, u32::MAX).is_ok());
        assert!(sim.remove(1, true).is_ok());
        assert!(sim.exists(1));
        assert!(!sim.exists(2) && !sim.exists(3) && !sim.exists(4));
        // Children gained after the clear belong to the node.
        assert!(sim.create(2, Kind::View).is_ok());
        assert!(sim.insert(1, 2, u32::MAX).is_ok());
        assert!(sim.exists(2));
        assert!(sim.remove(9, true).is_err());
    }

    #[test]
    fn a_moved_node_leaves_the_removed_subtree_alive() {
        let mut sim = NodeSim::new(None, 0);
        for id in 1..=3 {
            assert!(sim.create(id, Kind::View).is_ok());
        }
        assert!(sim.insert(1, 2, u32::MAX).is_ok());
        assert!(sim.insert(3, 2, u32::MAX).is_ok());
        assert!(sim.remove(1, false).is_ok());
        assert!(sim.exists(2));
    }

    #[test]
    fn template_local_ids_must_be_in_range() {
        let mut sim = NodeSim::new(None, 2);
        assert!(sim.create(3, Kind::View).is_err());
        assert!(sim.create(2, Kind::View).is_ok());
    }

    #[test]
    fn error_text_names_the_command_and_opcode() {
        let e = Error { index: 3, opcode: op::INSERT, code: Code::Cycle, message: "x".into() };
        assert_eq!(e.text(), "command 3 (INSERT): x");
    }
}
