//! Scene storage: struct-of-arrays keyed by dense node indices.
//!
//! Algorithm: entities are nodes, addressed by a dense `u32` index; the
//! sender's id maps to it through `index` (a hash map), and freed indices go
//! on a free list so storage stays as large as the largest scene ever held,
//! never larger. Every facet of a node (hierarchy, layout style, layout
//! cache and result, visual style, text, image, semantics, interaction
//! state, paint version) is its own `Vec`, so a system touches only the
//! columns it needs. `set_prop`/`get_prop` translate protocol properties to
//! and from the columns; `set_prop` also invalidates layout (the node and
//! its ancestors) or bumps the paint version, which is how later frames know
//! what changed.

use crate::idmap::HashMap;

use crate::layout::{
    AlignContent, AlignItems, BoxSizing, Dim, Direction, Display, FlexDirection, FlexWrap, JustifyContent, LayoutBox, LayoutCache,
    Overflow, Position, Style,
};
use crate::props::{affects_layout, id, DimV, Kind, Value};

/// "No node" in the dense `parent`/`root` columns.
pub const NONE: u32 = u32::MAX;

/// A node's children (dense indices) in order: read as a slice.
///
/// Algorithm: a `Vec` whose live part starts at `start`, so the slots before
/// it are room at the front. Inserting before the first child (a list built
/// back to front, each row before the one after it) takes a front slot, and
/// removing the first child gives one back, both in O(1); without room, the
/// children move up by as many slots as there are children, so front
/// inserts cost amortised O(1) like pushes. Other positions move the
/// children after them, as `Vec` does.
#[derive(Default, Clone)]
pub struct Kids {
    buf: Vec<u32>,
    start: u32,
}

impl std::ops::Deref for Kids {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        // SAFETY: `start <= buf.len()` always (`insert` and `remove` keep it).
        unsafe { self.buf.get_unchecked(self.start as usize..) }
    }
}

impl Kids {
    pub fn clear(&mut self) {
        self.buf.clear();
        self.start = 0;
    }

    pub fn push(&mut self, c: u32) {
        self.buf.push(c);
    }

    /// Inserts `c` at `pos` (`pos <= len`).
    pub fn insert(&mut self, pos: usize, c: u32) {
        if pos > 0 {
            return self.buf.insert(self.start as usize + pos, c);
        }
        if self.start == 0 {
            let n = self.buf.len();
            let room = n.max(4);
            self.buf.resize(n + room, 0);
            self.buf.copy_within(0..n, room);
            self.start = room as u32;
        }
        self.start -= 1;
        self.buf[self.start as usize] = c;
    }

    /// Removes the child at `pos` (`pos < len`).
    pub fn remove(&mut self, pos: usize) {
        if pos > 0 {
            self.buf.remove(self.start as usize + pos);
        } else if self.start as usize + 1 >= self.buf.len() {
            self.clear();
        } else {
            self.start += 1;
        }
    }
}

/// Paint-only properties of a node.
#[derive(Clone, Debug, PartialEq)]
pub struct Visual {
    pub bg: u32,
    pub radius: f32,
    pub border_color: u32,
    pub opacity: f32,
    pub translate: (f32, f32),
    pub scale: (f32, f32),
    pub rotate: f32,
    pub origin: (f32, f32),
    pub z: i32,
    pub visible: bool,
    pub scroll: (f32, f32),
}

impl Default for Visual {
    fn default() -> Self {
        Visual {
            bg: 0,
            radius: 0.0,
            border_color: 0,
            opacity: 1.0,
            translate: (0.0, 0.0),
            scale: (1.0, 1.0),
            rotate: 0.0,
            origin: (0.5, 0.5),
            z: 0,
            visible: true,
            scroll: (0.0, 0.0),
        }
    }
}

/// Text content and text style of a text node.
#[derive(Clone, Debug, PartialEq)]
pub struct TextProps {
    pub content: String,
    pub font: u8,
    pub size: f32,
    pub color: u32,
    pub line_height: f32,
    pub max_lines: u16,
    pub align: u8,
    pub wrap: bool,
    pub ellipsis: bool,
}

impl Default for TextProps {
    fn default() -> Self {
        TextProps {
            content: String::new(),
            font: 0,
            size: 32.0,
            color: 0xFFFF_FFFF,
            line_height: 0.0,
            max_lines: 0,
            align: 0,
            wrap: true,
            ellipsis: true,
        }
    }
}

/// Image of an image node.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ImageProps {
    pub image: u32,
    pub fit: u8,
}

/// Accessibility and interaction flags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Semantics {
    pub role: u8,
    pub label: Option<String>,
    pub test_id: Option<String>,
    pub focusable: bool,
    pub focus_scope: bool,
    pub report_layout: bool,
    pub disabled: bool,
    /// Focus properties 87..=94 and 105; boxed because few nodes set any.
    pub nav: Option<Box<NavProps>>,
    /// `STATES` bits (checked, selected, expanded, busy, invalid, secret).
    pub states: u8,
    /// `VALUE_NOW`, `VALUE_MIN`, `VALUE_MAX` (once one is set: the dump then prints
    /// all three) and `VALUE_TEXT` (96..=99); boxed because few nodes set any.
    pub range: Option<Box<(Option<[f32; 3]>, Option<String>)>>,
}

impl Semantics {
    /// The focus properties (defaults when none were set).
    pub fn nav(&self) -> &NavProps {
        match &self.nav {
            Some(n) => n,
            None => &NAV_NONE,
        }
    }
}

/// Interaction states with engine-applied overrides (`SET_STATE_PROPS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Focused = 1,
    Pressed = 2,
    Disabled = 3,
    FocusWithin = 4,
}

impl State {
    /// The state with wire code `v` (1..=4), `None` otherwise.
    pub fn from_u8(v: u8) -> Option<State> {
        match v {
            1 => Some(State::Focused),
            2 => Some(State::Pressed),
            3 => Some(State::Disabled),
            4 => Some(State::FocusWithin),
            _ => None,
        }
    }
}

/// A node's state overrides and the base values they hide.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Per state (index `state - 1`), the overriding properties.
    pub sets: [Vec<(u16, Value)>; 4],
    /// Base values of properties currently overridden, saved when applied.
    pub saved: Vec<(u16, Value)>,
    /// Which states' overrides are currently applied (bit `state - 1`).
    pub active: u8,
}

/// The scene: every node facet as a column.
#[derive(Default)]
pub struct Scene {
    pub ids: Vec<u32>,
    pub index: HashMap<u32, u32>,
    free: Vec<u32>,
    pub alive: Vec<bool>,
    pub kind: Vec<Kind>,
    pub parent: Vec<u32>,
    pub children: Vec<Kids>,
    pub style: Vec<Style>,
    pub cache: Vec<LayoutCache>,
    /// Layout result, relative to the parent's border box.
    pub boxes: Vec<LayoutBox>,
    pub visual: Vec<Visual>,
    pub text: Vec<TextProps>,
    pub image: Vec<ImageProps>,
    pub sem: Vec<Semantics>,
    /// Interaction state bits: 1 focused, 2 pressed.
    pub state: Vec<u8>,
    pub overrides: Vec<Option<Box<Overrides>>>,
    /// Bumped whenever something the node itself paints changes.
    pub paint_ver: Vec<u32>,
    /// The root (dense index) or `NONE`.
    pub root: u32,
    /// Set when any layout input changed since the last layout run.
    pub layout_dirty: bool,
    /// Nodes with transitions (`anim`): their property changes are logged.
    pub anim_watch: Vec<bool>,
    /// `(node, prop, old value)` per change on a watched node, for `anim::tick`.
    pub anim_changes: Vec<(u32, u16, Value)>,
    /// Nodes whose `SCROLL_X`/`SCROLL_Y` target changed since the last
    /// frame (may repeat; `SCROLL` events compare with the last reported).
    pub scroll_changed: Vec<u32>,
}

pub const FOCUSED: u8 = 1;
pub const PRESSED: u8 = 2;

impl Scene {
    pub fn new() -> Self {
        Scene { root: NONE, ..Default::default() }
    }

    /// The dense index of sender id `id`.
    pub fn lookup(&self, id: u32) -> Option<usize> {
        self.index.get(&id).map(|i| *i as usize)
    }

    /// The sender id of the root, `0` when none.
    pub fn root_id(&self) -> u32 {
        if self.root == NONE {
            0
        } else {
            self.ids[self.root as usize]
        }
    }

    /// Number of live nodes.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Number of slots (live and free).
    pub fn capacity(&self) -> usize {
        self.ids.len()
    }

    /// Number of slots the columns have room for (`reserve_nodes`).
    pub fn reserved(&self) -> usize {
        self.ids.capacity()
    }

    /// Makes room for `new_nodes` more nodes in every column at once.
    ///
    /// A batch that creates many nodes would otherwise grow each of the
    /// columns by doubling, leaving up to half of each unused and the
    /// smaller buffers it outgrew behind in linear memory (which never
    /// shrinks). Growth is exact for a large batch and at least 1.5x for
    /// small ones, so adding one node per batch stays amortised O(1).
    pub fn reserve_nodes(&mut self, new_nodes: usize) {
        let len = self.ids.len();
        let needed = (len + new_nodes).saturating_sub(self.free.len());
        if needed <= self.ids.capacity() {
            return;
        }
        // Growth stops at the node budget: validation never lets a scene past
        // it, and 1.5x of 20,000 slots would cost 15 MiB that is never used.
        let budget = (crate::limits::max_nodes() as usize).max(needed);
        let target = needed.max(self.ids.capacity() + self.ids.capacity() / 2).min(budget);
        let more = target - len;
        self.ids.reserve_exact(more);
        self.alive.reserve_exact(more);
        self.kind.reserve_exact(more);
        self.parent.reserve_exact(more);
        self.children.reserve_exact(more);
        self.style.reserve_exact(more);
        self.cache.reserve_exact(more);
        self.boxes.reserve_exact(more);
        self.visual.reserve_exact(more);
        self.text.reserve_exact(more);
        self.image.reserve_exact(more);
        self.sem.reserve_exact(more);
        self.state.reserve_exact(more);
        self.overrides.reserve_exact(more);
        self.paint_ver.reserve_exact(more);
        self.index.reserve(new_nodes);
    }

    pub fn create(&mut self, id: u32, kind: Kind) -> usize {
        let i = match self.free.pop() {
            Some(i) => {
                let i = i as usize;
                self.children[i].clear();
                self.style[i] = Style::default();
                self.cache[i] = LayoutCache::new();
                self.boxes[i] = LayoutBox::default();
                self.visual[i] = Visual::default();
                self.text[i] = TextProps::default();
                self.image[i] = ImageProps::default();
                self.sem[i] = Semantics::default();
                self.state[i] = 0;
                self.overrides[i] = None;
                self.paint_ver[i] = self.paint_ver[i].wrapping_add(1);
                self.ids[i] = id;
                self.alive[i] = true;
                self.kind[i] = kind;
                self.parent[i] = NONE;
                i
            }
            // A new slot is written once, with the values a reused one gets.
            None => {
                self.ids.push(id);
                self.alive.push(true);
                self.kind.push(kind);
                self.parent.push(NONE);
                self.children.push(Kids::default());
                self.style.push(Style::default());
                self.cache.push(LayoutCache::new());
                self.boxes.push(LayoutBox::default());
                self.visual.push(Visual::default());
                self.text.push(TextProps::default());
                self.image.push(ImageProps::default());
                self.sem.push(Semantics::default());
                self.state.push(0);
                self.overrides.push(None);
                self.paint_ver.push(1);
                self.ids.len() - 1
            }
        };
        self.index.insert(id, i as u32);
        crate::oom::set_nodes(self.index.len());
        self.layout_dirty = true;
        i
    }

    /// Marks `i` and its ancestors as needing layout.
    /// Whether node `i`'s resolved `DIRECTION` is rtl (inherited through
    /// ancestors that say `inherit`; ltr at the root).
    pub fn is_rtl(&self, mut i: usize) -> bool {
        loop {
            match self.style[i].direction {
                Direction::Rtl => return true,
                Direction::Ltr => return false,
                Direction::Inherit => {}
            }
            match self.parent[i] {
                NONE => return false,
                p => i = p as usize,
            }
        }
    }

    pub fn invalidate(&mut self, i: usize) {
        let mut cur = i as u32;
        let mut steps = 0usize;
        while cur != NONE && steps <= self.ids.len() {
            self.cache[cur as usize].invalidate();
            cur = self.parent[cur as usize];
            steps += 1;
        }
        self.layout_dirty = true;
    }

    /// Detaches `i` from its parent (if any).
    pub fn detach(&mut self, i: usize) {
        let p = self.parent[i];
        if p == NONE {
            return;
        }
        let siblings = &mut self.children[p as usize];
        if let Some(pos) = siblings.iter().position(|c| *c as usize == i) {
            siblings.remove(pos);
        }
        self.parent[i] = NONE;
        self.invalidate(p as usize);
    }

    /// Inserts `child` under `parent` before `before` (`None` = append).
    pub fn insert(&mut self, parent: usize, child: usize, before: Option<usize>) {
        self.detach(child);
        let siblings = &mut self.children[parent];
        let pos = before.and_then(|b| siblings.iter().position(|c| *c as usize == b)).unwrap_or(siblings.len());
        siblings.insert(pos, child as u32);
        self.parent[child] = parent as u32;
        self.cache[child].invalidate();
        self.invalidate(parent);
    }

    /// The subtree under `i` (including `i`), parents before children.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let n = out[k];
            out.extend(self.children[n].iter().map(|c| *c as usize));
            k += 1;
        }
        out
    }

    /// Frees the slot of a node already detached from the tree.
    pub fn free_slot(&mut self, i: usize) {
        self.index.remove(&self.ids[i]);
        crate::oom::set_nodes(self.index.len());
        self.ids[i] = 0;
        self.alive[i] = false;
        self.parent[i] = NONE;
        self.children[i].clear();
        self.text[i].content = String::new();
        self.sem[i] = Semantics::default();
        self.overrides[i] = None;
        if self.root == i as u32 {
            self.root = NONE;
        }
        self.free.push(i as u32);
    }

    /// Replaces a text node's content, reusing its buffer.
    pub fn set_text(&mut self, i: usize, s: &str) {
        if self.text[i].content != s {
            self.text[i].content.clear();
            self.text[i].content.push_str(s);
            self.paint_ver[i] = self.paint_ver[i].wrapping_add(1);
            self.invalidate(i);
        }
    }

    /// Stores a (validated, resolved) property value.
    pub fn set_prop(&mut self, i: usize, prop: u16, v: &Value) {
        let old = self.get_prop(i, prop);
        if old.as_ref() == Some(v) {
            return;
        }
        let u8v = match v {
            Value::U8(x) => *x,
            _ => 0,
        };
        let f = match v {
            Value::F32(x) => *x,
            _ => 0.0,
        };
        let dim = match v {
            Value::Dim(DimV::Auto) => Dim::Auto,
            Value::Dim(DimV::Points(x)) => Dim::Points(*x),
            Value::Dim(DimV::Percent(x)) => Dim::Percent(*x / 100.0),
            Value::Dim(DimV::Keyword(k)) => [Dim::MinContent, Dim::MaxContent, Dim::FitContent, Dim::Stretch][usize::from(k.clamp(&3, &6) - 3)],
            _ => Dim::Auto,
        };
        let color = match v {
            Value::Color(c) | Value::U32(c) => *c,
            _ => 0,
        };
        let st = &mut self.style[i];
        let vis = &mut self.visual[i];
        let tx = &mut self.text[i];
        let sem = &mut self.sem[i];
        match prop {
            id::DISPLAY => st.display = if u8v == 1 { Display::None } else { Display::Flex },
            id::POSITION => st.position = if u8v == 1 { Position::Absolute } else { Position::Relative },
            id::FLEX_DIRECTION => {
                st.flex_direction = [FlexDirection::Row, FlexDirection::Column, FlexDirection::RowReverse, FlexDirection::ColumnReverse]
                    [usize::from(u8v.min(3))]
            }
            id::FLEX_WRAP => st.flex_wrap = [FlexWrap::NoWrap, FlexWrap::Wrap, FlexWrap::WrapReverse][usize::from(u8v.min(2))],
            id::JUSTIFY_CONTENT => {
                st.justify_content = [
                    JustifyContent::FlexStart,
                    JustifyContent::FlexEnd,
                    JustifyContent::Center,
                    JustifyContent::SpaceBetween,
                    JustifyContent::SpaceAround,
                    JustifyContent::SpaceEvenly,
                    JustifyContent::Start,
                    JustifyContent::End,
                ][usize::from(u8v.min(7))]
            }
            id::ALIGN_ITEMS => st.align_items = align_items(u8v),
            id::ALIGN_SELF => st.align_self = if u8v == 0 { None } else { Some(align_items(u8v - 1)) },
            id::ALIGN_CONTENT => {
                st.align_content = [
                    AlignContent::Stretch,
                    AlignContent::FlexStart,
                    AlignContent::FlexEnd,
                    AlignContent::Center,
                    AlignContent::SpaceBetween,
                    AlignContent::SpaceAround,
                    AlignContent::SpaceEvenly,
                    AlignContent::Start,
                    AlignContent::End,
                ][usize::from(u8v.min(8))]
            }
            id::FLEX_GROW => st.flex_grow = f,
            id::FLEX_SHRINK => st.flex_shrink = f,
            id::FLEX_BASIS => st.flex_basis = dim,
            12 => st.size.width = dim,
            13 => st.size.height = dim,
            14 => st.min_size.width = dim,
            15 => st.min_size.height = dim,
            16 => st.max_size.width = dim,
            17 => st.max_size.height = dim,
            18 => st.margin.left = dim,
            19 => st.margin.top = dim,
            20 => st.margin.right = dim,
            21 => st.margin.bottom = dim,
            22 => st.padding.left = dim,
            23 => st.padding.top = dim,
            24 => st.padding.right = dim,
            25 => st.padding.bottom = dim,
            26 => st.border.left = f,
            27 => st.border.top = f,
            28 => st.border.right = f,
            29 => st.border.bottom = f,
            30 => st.inset.left = dim,
            31 => st.inset.top = dim,
            32 => st.inset.right = dim,
            33 => st.inset.bottom = dim,
            id::ROW_GAP => st.gap.height = dim,
            id::COLUMN_GAP => st.gap.width = dim,
            id::OVERFLOW => {
                let o = [Overflow::Visible, Overflow::Clip, Overflow::Scroll][usize::from(u8v.min(2))];
                st.overflow.width = o;
                st.overflow.height = o;
            }
            id::DIRECTION => st.direction = [Direction::Inherit, Direction::Ltr, Direction::Rtl][usize::from(u8v.min(2))],
            id::ASPECT_RATIO => st.aspect_ratio = Some(f).filter(|r| *r > 0.0),
            id::BOX_SIZING => st.box_sizing = if u8v == 1 { BoxSizing::ContentBox } else { BoxSizing::BorderBox },
            id::BACKGROUND => vis.bg = color,
            id::CORNER_RADIUS => vis.radius = f,
            id::BORDER_COLOR => vis.border_color = color,
            id::OPACITY => vis.opacity = f,
            id::TRANSLATE_X => vis.translate.0 = f,
            id::TRANSLATE_Y => vis.translate.1 = f,
            id::SCALE_X => vis.scale.0 = f,
            id::SCALE_Y => vis.scale.1 = f,
            id::ROTATE => vis.rotate = f,
            id::ORIGIN_X => vis.origin.0 = f,
            id::ORIGIN_Y => vis.origin.1 = f,
            id::Z_INDEX => {
                if let Value::I32(z) = v {
                    vis.z = *z
                }
            }
            id::VISIBLE => vis.visible = u8v != 0,
            id::SCROLL_X => vis.scroll.0 = f,
            id::SCROLL_Y => vis.scroll.1 = f,
            id::FONT => tx.font = u8v,
            id::FONT_SIZE => tx.size = f,
            id::TEXT_COLOR => tx.color = color,
            id::LINE_HEIGHT => tx.line_height = f,
            id::MAX_LINES => {
                if let Value::U16(m) = v {
                    tx.max_lines = *m
                }
            }
            id::TEXT_ALIGN => tx.align = u8v,
            id::WRAP => tx.wrap = u8v != 0,
            id::ELLIPSIS => tx.ellipsis = u8v != 0,
            id::IMAGE => self.image[i].image = color,
            id::IMAGE_FIT => self.image[i].fit = u8v,
            id::ROLE => sem.role = u8v,
            id::LABEL | id::TEST_ID => {
                let s = match v {
                    Value::Str(s) => s.clone(),
                    _ => None,
                };
                if prop == id::LABEL {
                    sem.label = s
                } else {
                    sem.test_id = s
                }
            }
            id::FOCUSABLE => sem.focusable = u8v != 0,
            id::FOCUS_SCOPE => sem.focus_scope = u8v != 0,
            id::REPORT_LAYOUT => sem.report_layout = u8v != 0,
            id::DISABLED => sem.disabled = u8v != 0,
            id::FOCUS_PREFERRED..=id::CAPTURE_KEYS | id::STOP_AT_EDGES => sem.nav.get_or_insert_with(Box::default).set(prop, v),
            id::STATES => sem.states = u8v,
            id::VALUE_NOW..=id::VALUE_TEXT => {
                let r = sem.range.get_or_insert_with(Box::default);
                match (prop, v) {
                    (id::VALUE_TEXT, Value::Str(t)) => r.1 = t.clone(),
                    (id::VALUE_TEXT, _) => {}
                    _ => r.0.get_or_insert([0.0; 3])[usize::from(prop - id::VALUE_NOW)] = f,
                }
            }
            _ => return,
        }
        if self.anim_watch.get(i) == Some(&true) {
            if let Some(old) = old {
                self.anim_changes.push((i as u32, prop, old));
            }
        }
        if prop == id::SCROLL_X || prop == id::SCROLL_Y {
            self.scroll_changed.push(i as u32);
        }
        if affects_layout(prop) {
            self.invalidate(i);
        }
        // Semantics (80..=86) change no pixels. A z-index change reorders
        // the whole subtree's paint, so all of it is repainted.
        if prop == id::Z_INDEX {
            self.bump_subtree(i);
        } else if !matches!(prop, 80..=86 | id::FOCUS_PREFERRED..=id::VALUE_TEXT | id::STOP_AT_EDGES) {
            self.paint_ver[i] = self.paint_ver[i].wrapping_add(1);
        }
    }

    /// Marks everything under `i` (inclusive) as repainted: its paint order
    /// changed (z-index, insertion or move).
    pub fn bump_subtree(&mut self, i: usize) {
        for j in self.subtree(i) {
            self.paint_ver[j] = self.paint_ver[j].wrapping_add(1);
        }
    }

    /// Reads a property back in its wire form (strings resolved).
    pub fn get_prop(&self, i: usize, prop: u16) -> Option<Value> {
        let st = &self.style[i];
        let vis = &self.visual[i];
        let tx = &self.text[i];
        let sem = &self.sem[i];
        let d = dim_value;
        let b = |x: bool| Value::U8(u8::from(x));
        let v = match prop {
            id::DISPLAY => Value::U8(u8::from(st.display == Display::None)),
            id::POSITION => Value::U8(u8::from(st.position == Position::Absolute)),
            id::FLEX_DIRECTION => Value::U8(st.flex_direction as u8),
            id::FLEX_WRAP => Value::U8(st.flex_wrap as u8),
            id::JUSTIFY_CONTENT => Value::U8(st.justify_content as u8),
            id::ALIGN_ITEMS => Value::U8(st.align_items as u8),
            id::ALIGN_SELF => Value::U8(st.align_self.map_or(0, |a| a as u8 + 1)),
            id::ALIGN_CONTENT => Value::U8(st.align_content as u8),
            id::FLEX_GROW => Value::F32(st.flex_grow),
            id::FLEX_SHRINK => Value::F32(st.flex_shrink),
            id::FLEX_BASIS => d(st.flex_basis),
            12 => d(st.size.width),
            13 => d(st.size.height),
            14 => d(st.min_size.width),
            15 => d(st.min_size.height),
            16 => d(st.max_size.width),
            17 => d(st.max_size.height),
            18 => d(st.margin.left),
            19 => d(st.margin.top),
            20 => d(st.margin.right),
            21 => d(st.margin.bottom),
            22 => d(st.padding.left),
            23 => d(st.padding.top),
            24 => d(st.padding.right),
            25 => d(st.padding.bottom),
            26 => Value::F32(st.border.left),
            27 => Value::F32(st.border.top),
            28 => Value::F32(st.border.right),
            29 => Value::F32(st.border.bottom),
            30 => d(st.inset.left),
            31 => d(st.inset.top),
            32 => d(st.inset.right),
            33 => d(st.inset.bottom),
            id::ROW_GAP => d(st.gap.height),
            id::COLUMN_GAP => d(st.gap.width),
            id::OVERFLOW => Value::U8(st.overflow.width as u8),
            id::DIRECTION => Value::U8(st.direction as u8),
            id::ASPECT_RATIO => Value::F32(st.aspect_ratio.unwrap_or(0.0)),
            id::BOX_SIZING => Value::U8(st.box_sizing as u8),
            id::BACKGROUND => Value::Color(vis.bg),
            id::CORNER_RADIUS => Value::F32(vis.radius),
            id::BORDER_COLOR => Value::Color(vis.border_color),
            id::OPACITY => Value::F32(vis.opacity),
            id::TRANSLATE_X => Value::F32(vis.translate.0),
            id::TRANSLATE_Y => Value::F32(vis.translate.1),
            id::SCALE_X => Value::F32(vis.scale.0),
            id::SCALE_Y => Value::F32(vis.scale.1),
            id::ROTATE => Value::F32(vis.rotate),
            id::ORIGIN_X => Value::F32(vis.origin.0),
            id::ORIGIN_Y => Value::F32(vis.origin.1),
            id::Z_INDEX => Value::I32(vis.z),
            id::VISIBLE => b(vis.visible),
            id::SCROLL_X => Value::F32(vis.scroll.0),
            id::SCROLL_Y => Value::F32(vis.scroll.1),
            id::FONT => Value::U8(tx.font),
            id::FONT_SIZE => Value::F32(tx.size),
            id::TEXT_COLOR => Value::Color(tx.color),
            id::LINE_HEIGHT => Value::F32(tx.line_height),
            id::MAX_LINES => Value::U16(tx.max_lines),
            id::TEXT_ALIGN => Value::U8(tx.align),
            id::WRAP => b(tx.wrap),
            id::ELLIPSIS => b(tx.ellipsis),
            id::IMAGE => Value::U32(self.image[i].image),
            id::IMAGE_FIT => Value::U8(self.image[i].fit),
            id::ROLE => Value::U8(sem.role),
            id::LABEL => Value::Str(sem.label.clone()),
            id::TEST_ID => Value::Str(sem.test_id.clone()),
            id::FOCUSABLE => b(sem.focusable),
            id::FOCUS_SCOPE => b(sem.focus_scope),
            id::REPORT_LAYOUT => b(sem.report_layout),
            id::DISABLED => b(sem.disabled),
            id::FOCUS_PREFERRED..=id::CAPTURE_KEYS | id::STOP_AT_EDGES => return sem.nav().get(prop),
            id::STATES => Value::U8(sem.states),
            id::VALUE_NOW..=id::VALUE_TEXT => {
                let r = sem.range.as_ref()?;
                match prop {
                    id::VALUE_TEXT => Value::Str(r.1.clone()),
                    _ => Value::F32(r.0?[usize::from(prop - id::VALUE_NOW)]),
                }
            }
            _ => return None,
        };
        Some(v)
    }
}

fn align_items(v: u8) -> AlignItems {
    [
        AlignItems::Stretch,
        AlignItems::FlexStart,
        AlignItems::FlexEnd,
        AlignItems::Center,
        AlignItems::Baseline,
        AlignItems::Start,
        AlignItems::End,
    ][usize::from(v.min(6))]
}

/// `NavProps` of a node that set none.
pub static NAV_NONE: NavProps =
    NavProps { preferred: false, trap: false, next: [0; 4], scroll_margin: 0.0, capture: 0, edges: 0 };

/// Per-node focus properties (87..=94, 105).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NavProps {
    pub preferred: bool,
    pub trap: bool,
    /// `NEXT_UP`, `NEXT_DOWN`, `NEXT_LEFT`, `NEXT_RIGHT` (sender ids, 0 none).
    pub next: [u32; 4],
    pub scroll_margin: f32,
    pub capture: u32,
    /// `STOP_AT_EDGES`: bit `Dir::index()` set = arrows in that direction
    /// never take focus out of this node.
    pub edges: u8,
}

impl NavProps {
    pub fn set(&mut self, prop: u16, v: &Value) {
        let (u, f) = match v {
            Value::U8(x) => (u32::from(*x), 0.0),
            Value::U32(x) => (*x, 0.0),
            Value::F32(x) => (0, *x),
            _ => (0, 0.0),
        };
        match prop {
            id::FOCUS_PREFERRED => self.preferred = u != 0,
            id::FOCUS_TRAP => self.trap = u != 0,
            id::NEXT_UP..=id::NEXT_RIGHT => self.next[usize::from(prop - id::NEXT_UP)] = u,
            id::SCROLL_MARGIN => self.scroll_margin = f,
            id::CAPTURE_KEYS => self.capture = u,
            id::STOP_AT_EDGES => self.edges = u as u8,
            _ => {}
        }
    }
    pub fn get(&self, prop: u16) -> Option<Value> {
        Some(match prop {
            id::FOCUS_PREFERRED => Value::U8(u8::from(self.preferred)),
            id::FOCUS_TRAP => Value::U8(u8::from(self.trap)),
            id::NEXT_UP..=id::NEXT_RIGHT => Value::U32(self.next[usize::from(prop - id::NEXT_UP)]),
            id::SCROLL_MARGIN => Value::F32(self.scroll_margin),
            id::CAPTURE_KEYS => Value::U32(self.capture),
            id::STOP_AT_EDGES => Value::U8(self.edges),
            _ => return None,
        })
    }
}

/// A layout `Dim` in its wire form (percentages in percent).
#[inline(never)]
fn dim_value(d: Dim) -> Value {
    Value::Dim(match d {
        Dim::Auto => DimV::Auto,
        Dim::Points(x) => DimV::Points(x),
        Dim::Percent(x) => DimV::Percent(x * 100.0),
        Dim::MinContent => DimV::Keyword(3),
        Dim::MaxContent => DimV::Keyword(4),
        Dim::FitContent => DimV::Keyword(5),
        Dim::Stretch => DimV::Keyword(6),
    })
}

#[cfg(test)]
mod tests {
    use super::Kids;

    /// `Kids` against a plain `Vec` under the same inserts and removes.
    #[test]
    fn kids_keep_the_order_a_vec_would() {
        let mut kids = Kids::default();
        let mut model: Vec<u32> = Vec::new();
        let mut seed = 7u32;
        for n in 0..5_000u32 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let r = (seed >> 8) as usize;
            let len = model.len();
            match r % 8 {
                // Front inserts and removes most often: the case `Kids` serves.
                0..=2 => {
                    kids.insert(0, n);
                    model.insert(0, n);
                }
                3 if len > 0 => {
                    kids.remove(0);
                    model.remove(0);
                }
                4 => {
                    kids.push(n);
                    model.push(n);
                }
                5 if len > 0 => {
                    let at = r / 8 % len;
                    kids.remove(at);
                    model.remove(at);
                }
                6 if n % 500 == 0 => {
                    kids.clear();
                    model.clear();
                }
                _ => {
                    let at = r / 8 % (len + 1);
                    kids.insert(at, n);
                    model.insert(at, n);
                }
            }
            assert_eq!(&kids[..], &model[..], "after step {}", n);
        }
    }

    #[test]
    fn a_list_built_back_to_front_is_in_order_and_reuses_its_room() {
        let mut kids = Kids::default();
        for n in (0..1000u32).rev() {
            kids.insert(0, n);
        }
        assert!(kids.iter().copied().eq(0..1000));
        assert!(kids.buf.capacity() < 4 * 1000);
        for n in 0..1000u32 {
            assert_eq!(kids[0], n);
            kids.remove(0);
        }
        assert!(kids.is_empty());
        assert_eq!(kids.start, 0);
    }
}
