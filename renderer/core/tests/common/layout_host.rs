//! Shared helpers for the layout tests: a Vec-based `LayoutHost` and the
//! Ahem text measurer used by the conformance cases.
//!
//! Included by the `flexbox*.rs` tests with
//! `#[path = "common/layout_host.rs"] mod layout_host;` (the crate's
//! `common/mod.rs` belongs to the engine tests).
#![allow(dead_code)]

use marquee_renderer::layout::{AvailableSpace, Dim, LayoutBox, LayoutCache, LayoutHost, Size, Style};

/// A length in points.
pub fn px(v: f32) -> Dim {
    Dim::Points(v)
}

/// A default style with a fixed size.
pub fn sized(w: f32, h: f32) -> Style {
    Style {
        size: Size::new(px(w), px(h)),
        ..Style::default()
    }
}

/// A 1920x1080 definite space.
pub const SCREEN: Size<AvailableSpace> = Size {
    width: AvailableSpace::Definite(1920.0),
    height: AvailableSpace::Definite(1080.0),
};

/// A box, for comparing with computed ones.
pub fn b(x: f32, y: f32, width: f32, height: f32) -> LayoutBox {
    LayoutBox {
        x,
        y,
        width,
        height,
    }
}


/// One node of the test tree.
#[derive(Debug, Default)]
pub struct TestNode {
    pub style: Style,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    /// Ahem text content (measured: 10x10 px glyphs, U+200B breaks).
    pub text: Option<String>,
    /// A fixed content size returned by `measure`.
    pub content: Option<Size<f32>>,
    pub cache: LayoutCache,
    pub layout: LayoutBox,
}

/// A tree stored in a `Vec`, ids are indices.
#[derive(Debug, Default)]
pub struct VecHost {
    pub nodes: Vec<TestNode>,
    pub measure_calls: usize,
}

impl VecHost {
    pub fn new() -> Self {
        VecHost::default()
    }

    /// Adds a detached node and returns its id.
    pub fn add(&mut self, style: Style) -> usize {
        self.nodes.push(TestNode {
            style,
            ..TestNode::default()
        });
        self.nodes.len() - 1
    }

    /// Adds a node under `parent` and returns its id.
    pub fn add_child(&mut self, parent: usize, style: Style) -> usize {
        let id = self.add(style);
        self.nodes[parent].children.push(id);
        self.nodes[id].parent = Some(parent);
        id
    }

    /// Adds a text leaf under `parent` (or detached when `None`).
    pub fn add_text(&mut self, parent: Option<usize>, style: Style, text: &str) -> usize {
        let id = match parent {
            Some(p) => self.add_child(p, style),
            None => self.add(style),
        };
        self.nodes[id].text = Some(text.to_string());
        id
    }

    /// Changes a node's style and invalidates it and its ancestors.
    pub fn set_style(&mut self, node: usize, style: Style) {
        self.nodes[node].style = style;
        self.invalidate(node);
    }

    /// The layout contract: invalidate the node and every ancestor.
    pub fn invalidate(&mut self, node: usize) {
        let mut n = Some(node);
        while let Some(id) = n {
            self.nodes[id].cache.invalidate();
            n = self.nodes[id].parent;
        }
    }

    pub fn layout(&self, node: usize) -> LayoutBox {
        self.nodes[node].layout
    }
}

/// Ahem measurement: every glyph is a 10x10 square, U+200B is the only
/// break opportunity (and has no width).
pub fn ahem_measure(
    text: &str,
    known: Size<Option<f32>>,
    available: Size<AvailableSpace>,
) -> Size<f32> {
    let text = text.trim();
    let words: Vec<f32> = text
        .split('\u{200B}')
        .map(|w| w.chars().count() as f32 * 10.0)
        .collect();
    let limit = match known.width {
        Some(w) => w,
        None => match available.width {
            AvailableSpace::Definite(w) => w,
            AvailableSpace::MinContent => 0.0,
            AvailableSpace::MaxContent => f32::INFINITY,
        },
    };
    let mut lines = 0usize;
    let mut widest: f32 = 0.0;
    let mut line: f32 = 0.0;
    let mut started = false;
    for w in words {
        if started && line + w > limit {
            widest = widest.max(line);
            lines += 1;
            line = w;
        } else {
            line += w;
        }
        started = true;
    }
    if text.is_empty() {
        return Size::new(known.width.unwrap_or(0.0), known.height.unwrap_or(0.0));
    }
    widest = widest.max(line);
    lines += 1;
    Size::new(
        known.width.unwrap_or(widest),
        known.height.unwrap_or(lines as f32 * 10.0),
    )
}

impl LayoutHost for VecHost {
    fn child_count(&self, node: usize) -> usize {
        self.nodes[node].children.len()
    }
    fn child(&self, node: usize, index: usize) -> usize {
        self.nodes[node].children[index]
    }
    fn style(&self, node: usize) -> &Style {
        &self.nodes[node].style
    }
    fn measure(
        &mut self,
        node: usize,
        known: Size<Option<f32>>,
        available: Size<AvailableSpace>,
    ) -> Option<Size<f32>> {
        self.measure_calls += 1;
        let n = &self.nodes[node];
        if let Some(t) = &n.text {
            return Some(ahem_measure(t, known, available));
        }
        n.content
    }
    fn baseline(&mut self, node: usize, _size: Size<f32>) -> Option<f32> {
        // Ahem's ascent is 0.8 em: the first line's baseline is 8 px down.
        match &self.nodes[node].text {
            Some(t) if !t.trim().is_empty() => Some(8.0),
            _ => None,
        }
    }
    fn cache(&mut self, node: usize) -> &mut LayoutCache {
        &mut self.nodes[node].cache
    }
    fn set_box(&mut self, node: usize, layout: LayoutBox) {
        self.nodes[node].layout = layout;
    }
}
