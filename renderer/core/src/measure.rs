//! The scene as a `LayoutHost`, and content measurement for leaves.
//!
//! Algorithm: layout asks leaves with content for their content-box size.
//! Text nodes answer with `text::layout_text` at the width the parent
//! decided (`known`), else at the definite available width, else unbounded
//! (max-content) or at their widest word (min-content). Image nodes answer
//! with their image's intrinsic size once it is loaded, keeping its aspect
//! ratio when one side is already known. Views have no content.
//! `TextCache` keeps each text node's final layout (at its laid-out content
//! width) for painting, keyed by the node's paint version and that width.

use crate::idmap::HashMap;

use crate::image::ImageInfo;
use crate::layout::{AvailableSpace, LayoutBox, LayoutCache, LayoutHost, Size, Style};
use crate::props::Kind;
use crate::scene::{Scene, TextProps};
use crate::text::{layout_text, min_content_width, Fonts, TextAlign, TextLayout, TextStyle};

pub fn text_style(t: &TextProps) -> TextStyle {
    TextStyle {
        font: t.font,
        size: t.size,
        line_height: t.line_height,
        max_lines: t.max_lines,
        align: TextAlign::from_u8(t.align).unwrap_or(TextAlign::Left),
        wrap: t.wrap,
        ellipsis: t.ellipsis,
    }
}

struct Cached {
    ver: u32,
    width: f32,
    layout: TextLayout,
}

/// Final text layouts per node (dense index).
#[derive(Default)]
pub struct TextCache {
    entries: Vec<Option<Cached>>,
}

impl TextCache {
    /// Room for `n` slots in one allocation (see `Scene::reserve_nodes`).
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve_exact(n.saturating_sub(self.entries.len()));
    }
    pub fn ensure(&mut self, n: usize) {
        while self.entries.len() < n {
            self.entries.push(None);
        }
    }
    pub fn reset(&mut self, i: usize) {
        self.ensure(i + 1);
        self.entries[i] = None;
    }
    /// The layout of text node `i` at content width `width`.
    pub fn get(&mut self, scene: &Scene, fonts: &Fonts, i: usize, width: f32) -> &TextLayout {
        self.ensure(i + 1);
        let ver = scene.paint_ver[i];
        let fresh = matches!(&self.entries[i], Some(c) if c.ver == ver && c.width == width);
        if !fresh {
            let t = &scene.text[i];
            let layout = layout_text(fonts, &t.content, &text_style(t), Some(width));
            self.entries[i] = Some(Cached { ver, width, layout });
        }
        match &self.entries[i] {
            Some(c) => &c.layout,
            None => unreachable_layout(),
        }
    }
}

fn unreachable_layout() -> &'static TextLayout {
    // Only reached if the entry just written vanished, which cannot happen;
    // an empty layout is the harmless answer.
    static EMPTY: TextLayout = TextLayout {
        lines: Vec::new(),
        width: 0.0,
        height: 0.0,
        line_height: 0.0,
        missing_glyphs: 0,
        ellipsis_text: "",
    };
    &EMPTY
}

/// The scene seen by the layout engine.
pub struct Host<'a> {
    pub scene: &'a mut Scene,
    pub fonts: &'a Fonts,
    pub images: &'a HashMap<u32, ImageInfo>,
    pub texts: &'a mut TextCache,
}

impl<'a> LayoutHost for Host<'a> {
    fn child_count(&self, node: usize) -> usize {
        self.scene.children[node].len()
    }
    fn child(&self, node: usize, index: usize) -> usize {
        self.scene.children[node][index] as usize
    }
    fn style(&self, node: usize) -> &Style {
        &self.scene.style[node]
    }
    fn measure(&mut self, node: usize, known: Size<Option<f32>>, available: Size<AvailableSpace>) -> Option<Size<f32>> {
        match self.scene.kind[node] {
            Kind::View => None,
            Kind::Text => Some(measure_text(self.fonts, &self.scene.text[node], known, available)),
            Kind::Image => {
                let info = self.images.get(&self.scene.image[node].image)?;
                if !info.drawable() {
                    return None;
                }
                let (iw, ih) = (info.w as f32, info.h as f32);
                Some(match (known.width, known.height) {
                    (Some(w), Some(h)) => Size::new(w, h),
                    (Some(w), None) => Size::new(w, w * ih / iw),
                    (None, Some(h)) => Size::new(h * iw / ih, h),
                    (None, None) => Size::new(iw, ih),
                })
            }
        }
    }
    fn cache(&mut self, node: usize) -> &mut LayoutCache {
        &mut self.scene.cache[node]
    }
    fn set_box(&mut self, node: usize, layout: LayoutBox) {
        self.scene.boxes[node] = layout;
    }
}

/// Content size of a text node under layout's constraints.
pub fn measure_text(fonts: &Fonts, t: &TextProps, known: Size<Option<f32>>, available: Size<AvailableSpace>) -> Size<f32> {
    let style = text_style(t);
    let max_w = match (known.width, available.width) {
        (Some(w), _) => Some(w),
        (None, AvailableSpace::Definite(w)) => Some(w),
        (None, AvailableSpace::MaxContent) => None,
        (None, AvailableSpace::MinContent) => Some(min_content_width(fonts, &t.content, &style)),
    };
    let l = layout_text(fonts, &t.content, &style, max_w);
    Size::new(known.width.unwrap_or(l.width), known.height.unwrap_or(l.height))
}
