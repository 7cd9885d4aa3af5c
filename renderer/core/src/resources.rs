//! The engine's resource tables: strings, images, templates and fonts
//! (`DEFINE_*`/`RELEASE_*`), and resolving string ids in property values.

use crate::idmap::HashMap;
use std::rc::Rc;

use crate::image::ImageInfo;
use crate::props::Value;
use crate::protocol::Template;
use crate::text::Fonts;

#[derive(Default)]
pub struct Resources {
    pub strings: HashMap<u32, String>,
    pub images: HashMap<u32, ImageInfo>,
    pub templates: HashMap<u32, Rc<Template>>,
    pub fonts: Fonts,
}

impl Resources {
    pub fn new() -> Resources {
        Resources { fonts: Fonts::new(), ..Default::default() }
    }

    /// `v` with a string id replaced by its text.
    pub fn resolve(&self, v: &Value) -> Value {
        match v {
            Value::StrId(0) => Value::Str(None),
            Value::StrId(s) => Value::Str(self.strings.get(s).cloned()),
            other => other.clone(),
        }
    }

    /// `props` with string ids replaced by their text (one loop, not an
    /// iterator chain per caller: module size).
    pub fn resolve_props(&self, props: &[(u16, Value)]) -> Vec<(u16, Value)> {
        let mut out = Vec::with_capacity(props.len());
        for (p, v) in props {
            out.push((*p, self.resolve(v)));
        }
        out
    }
}
