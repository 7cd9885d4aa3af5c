//! Property table: ids, value types, accepted ranges, node kinds and dump names.
//!
//! Algorithm: one `spec(prop)` lookup drives everything about a property.
//! The decoder reads a value by its `Ty`, `check` validates the range, the
//! scene stores it (`scene::Scene::set_prop`) and reads it back
//! (`get_prop`, used by state overrides and the dump). Defaults live here
//! too so the dump can print only non-default values.

/// A node kind (`CREATE`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    View,
    Text,
    Image,
}

impl Kind {
    pub fn from_u8(v: u8) -> Option<Kind> {
        match v {
            0 => Some(Kind::View),
            1 => Some(Kind::Text),
            2 => Some(Kind::Image),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Kind::View => "view",
            Kind::Text => "text",
            Kind::Image => "image",
        }
    }
}

/// A `dim` value as sent by the host.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum DimV {
    Auto,
    Points(f32),
    Percent(f32),
    /// Units 3..=6: `min-content`, `max-content`, `fit-content`, `stretch`
    /// (sizes and flex-basis only; the number is ignored). Holds the unit.
    Keyword(u8),
}

/// A decoded property value.
#[derive(Clone, PartialEq, Debug)]
pub enum Value {
    U8(u8),
    U16(u16),
    I32(i32),
    U32(u32),
    F32(f32),
    Color(u32),
    /// A string id as it arrives (resolved to `Str` when applied).
    StrId(u32),
    /// A resolved string (`None` = cleared).
    Str(Option<String>),
    Dim(DimV),
}

/// A property's wire type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    U8,
    U16,
    I32,
    U32,
    F32,
    Color,
    Str,
    Dim,
    Image,
}

/// The accepted range of a value.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Range {
    Any,
    /// Integer enumerations and flags: `0..=max`.
    Max(u32),
    /// Finite and `>= 0`.
    NonNeg,
    /// Finite, `0..=1`.
    Unit,
    /// Dims: `auto` allowed, numbers `>= 0`.
    DimNonNeg,
    /// Dims: no `auto`, numbers `>= 0`.
    DimNoAuto,
}

/// Which node kinds accept a property.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum On {
    Any,
    Text,
    Image,
}

pub struct Spec {
    pub ty: Ty,
    pub range: Range,
    pub on: On,
    pub name: &'static str,
    pub default: Value,
}

pub mod id {
    pub const DISPLAY: u16 = 1;
    pub const POSITION: u16 = 2;
    pub const FLEX_DIRECTION: u16 = 3;
    pub const FLEX_WRAP: u16 = 4;
    pub const JUSTIFY_CONTENT: u16 = 5;
    pub const ALIGN_ITEMS: u16 = 6;
    pub const ALIGN_SELF: u16 = 7;
    pub const ALIGN_CONTENT: u16 = 8;
    pub const FLEX_GROW: u16 = 9;
    pub const FLEX_SHRINK: u16 = 10;
    pub const FLEX_BASIS: u16 = 11;
    pub const WIDTH: u16 = 12;
    pub const HEIGHT: u16 = 13;
    pub const MIN_WIDTH: u16 = 14;
    pub const MIN_HEIGHT: u16 = 15;
    pub const MAX_WIDTH: u16 = 16;
    pub const MAX_HEIGHT: u16 = 17;
    pub const MARGIN_LEFT: u16 = 18;
    pub const MARGIN_BOTTOM: u16 = 21;
    pub const PADDING_LEFT: u16 = 22;
    pub const PADDING_BOTTOM: u16 = 25;
    pub const BORDER_LEFT: u16 = 26;
    pub const BORDER_TOP: u16 = 27;
    pub const BORDER_RIGHT: u16 = 28;
    pub const BORDER_BOTTOM: u16 = 29;
    pub const INSET_LEFT: u16 = 30;
    pub const INSET_BOTTOM: u16 = 33;
    pub const ROW_GAP: u16 = 34;
    pub const COLUMN_GAP: u16 = 35;
    pub const OVERFLOW: u16 = 36;
    pub const DIRECTION: u16 = 37;
    pub const ASPECT_RATIO: u16 = 38;
    pub const BOX_SIZING: u16 = 39;
    pub const BACKGROUND: u16 = 40;
    pub const CORNER_RADIUS: u16 = 41;
    pub const BORDER_COLOR: u16 = 42;
    pub const OPACITY: u16 = 43;
    pub const TRANSLATE_X: u16 = 44;
    pub const TRANSLATE_Y: u16 = 45;
    pub const SCALE_X: u16 = 46;
    pub const SCALE_Y: u16 = 47;
    pub const ROTATE: u16 = 48;
    pub const ORIGIN_X: u16 = 49;
    pub const ORIGIN_Y: u16 = 50;
    pub const Z_INDEX: u16 = 51;
    pub const VISIBLE: u16 = 52;
    pub const SCROLL_X: u16 = 53;
    pub const SCROLL_Y: u16 = 54;
    pub const FONT: u16 = 60;
    pub const FONT_SIZE: u16 = 61;
    pub const TEXT_COLOR: u16 = 62;
    pub const LINE_HEIGHT: u16 = 63;
    pub const MAX_LINES: u16 = 64;
    pub const TEXT_ALIGN: u16 = 65;
    pub const WRAP: u16 = 66;
    pub const ELLIPSIS: u16 = 67;
    pub const IMAGE: u16 = 70;
    pub const IMAGE_FIT: u16 = 71;
    pub const ROLE: u16 = 80;
    pub const LABEL: u16 = 81;
    pub const TEST_ID: u16 = 82;
    pub const FOCUSABLE: u16 = 83;
    pub const FOCUS_SCOPE: u16 = 84;
    pub const REPORT_LAYOUT: u16 = 85;
    pub const DISABLED: u16 = 86;
    pub const FOCUS_PREFERRED: u16 = 87;
    pub const FOCUS_TRAP: u16 = 88;
    pub const NEXT_UP: u16 = 89;
    pub const NEXT_DOWN: u16 = 90;
    pub const NEXT_LEFT: u16 = 91;
    pub const NEXT_RIGHT: u16 = 92;
    pub const SCROLL_MARGIN: u16 = 93;
    pub const CAPTURE_KEYS: u16 = 94;
    pub const STATES: u16 = 95;
    pub const VALUE_NOW: u16 = 96;
    pub const VALUE_TEXT: u16 = 99;
    pub const STOP_AT_EDGES: u16 = 105;
}

/// Role names (`ROLE`, 80), by value.
pub const ROLES: [&str; 27] = [
    "none", "view", "text", "image", "button", "list", "listitem", "dialog", "page", "heading", "progress", "switch",
    "slider", "checkbox", "textbox", "tab", "tablist", "tabpanel", "menu", "menuitem", "alert", "status", "listbox",
    "option", "combobox", "scrollview", "group",
];

/// State names (`STATES`, 95), by bit.
pub const STATE_NAMES: [&str; 6] = ["checked", "selected", "expanded", "busy", "invalid", "secret"];

const fn s(ty: Ty, range: Range, on: On, name: &'static str, default: Value) -> Spec {
    Spec { ty, range, on, name, default }
}

/// The spec of property `prop`, or `None` for an unknown id.
pub fn spec(prop: u16) -> Option<Spec> {
    use DimV::*;
    use Range::*;
    use Ty::*;
    use Value as V;
    let a = On::Any;
    let sp = match prop {
        1 => s(U8, Max(1), a, "display", V::U8(0)),
        2 => s(U8, Max(1), a, "position", V::U8(0)),
        3 => s(U8, Max(3), a, "direction", V::U8(0)),
        4 => s(U8, Max(2), a, "wrap", V::U8(0)),
        5 => s(U8, Max(7), a, "justify", V::U8(0)),
        6 => s(U8, Max(6), a, "align_items", V::U8(0)),
        7 => s(U8, Max(7), a, "align_self", V::U8(0)),
        8 => s(U8, Max(8), a, "align_content", V::U8(0)),
        9 => s(F32, NonNeg, a, "grow", V::F32(0.0)),
        10 => s(F32, NonNeg, a, "shrink", V::F32(1.0)),
        11 => s(Dim, DimNonNeg, a, "basis", V::Dim(Auto)),
        12 => s(Dim, DimNonNeg, a, "width", V::Dim(Auto)),
        13 => s(Dim, DimNonNeg, a, "height", V::Dim(Auto)),
        14 => s(Dim, DimNonNeg, a, "min_width", V::Dim(Auto)),
        15 => s(Dim, DimNonNeg, a, "min_height", V::Dim(Auto)),
        16 => s(Dim, DimNonNeg, a, "max_width", V::Dim(Auto)),
        17 => s(Dim, DimNonNeg, a, "max_height", V::Dim(Auto)),
        18 => s(Dim, Any, a, "margin_left", V::Dim(Points(0.0))),
        19 => s(Dim, Any, a, "margin_top", V::Dim(Points(0.0))),
        20 => s(Dim, Any, a, "margin_right", V::Dim(Points(0.0))),
        21 => s(Dim, Any, a, "margin_bottom", V::Dim(Points(0.0))),
        22 => s(Dim, DimNoAuto, a, "padding_left", V::Dim(Points(0.0))),
        23 => s(Dim, DimNoAuto, a, "padding_top", V::Dim(Points(0.0))),
        24 => s(Dim, DimNoAuto, a, "padding_right", V::Dim(Points(0.0))),
        25 => s(Dim, DimNoAuto, a, "padding_bottom", V::Dim(Points(0.0))),
        26 => s(F32, NonNeg, a, "border_left", V::F32(0.0)),
        27 => s(F32, NonNeg, a, "border_top", V::F32(0.0)),
        28 => s(F32, NonNeg, a, "border_right", V::F32(0.0)),
        29 => s(F32, NonNeg, a, "border_bottom", V::F32(0.0)),
        30 => s(Dim, Any, a, "left", V::Dim(Auto)),
        31 => s(Dim, Any, a, "top", V::Dim(Auto)),
        32 => s(Dim, Any, a, "right", V::Dim(Auto)),
        33 => s(Dim, Any, a, "bottom", V::Dim(Auto)),
        34 => s(Dim, DimNoAuto, a, "row_gap", V::Dim(Points(0.0))),
        35 => s(Dim, DimNoAuto, a, "column_gap", V::Dim(Points(0.0))),
        36 => s(U8, Max(2), a, "overflow", V::U8(0)),
        37 => s(U8, Max(2), a, "dir", V::U8(0)),
        38 => s(F32, NonNeg, a, "aspect_ratio", V::F32(0.0)),
        39 => s(U8, Max(1), a, "box_sizing", V::U8(0)),
        40 => s(Color, Any, a, "bg", V::Color(0)),
        41 => s(F32, NonNeg, a, "radius", V::F32(0.0)),
        42 => s(Color, Any, a, "border_color", V::Color(0)),
        43 => s(F32, Unit, a, "opacity", V::F32(1.0)),
        44 => s(F32, Any, a, "translate_x", V::F32(0.0)),
        45 => s(F32, Any, a, "translate_y", V::F32(0.0)),
        46 => s(F32, Any, a, "scale_x", V::F32(1.0)),
        47 => s(F32, Any, a, "scale_y", V::F32(1.0)),
        48 => s(F32, Any, a, "rotate", V::F32(0.0)),
        49 => s(F32, Any, a, "origin_x", V::F32(0.5)),
        50 => s(F32, Any, a, "origin_y", V::F32(0.5)),
        51 => s(I32, Any, a, "z", V::I32(0)),
        52 => s(U8, Max(1), a, "visible", V::U8(1)),
        53 => s(F32, Any, a, "scroll_x", V::F32(0.0)),
        54 => s(F32, Any, a, "scroll_y", V::F32(0.0)),
        60 => s(U8, Any, On::Text, "font", V::U8(0)),
        61 => s(F32, NonNeg, On::Text, "size", V::F32(32.0)),
        62 => s(Color, Any, On::Text, "color", V::Color(0xFFFF_FFFF)),
        63 => s(F32, NonNeg, On::Text, "line_height", V::F32(0.0)),
        64 => s(U16, Any, On::Text, "max_lines", V::U16(0)),
        65 => s(U8, Max(4), On::Text, "align", V::U8(0)),
        66 => s(U8, Max(1), On::Text, "text_wrap", V::U8(1)),
        67 => s(U8, Max(1), On::Text, "ellipsis", V::U8(1)),
        70 => s(Image, Any, On::Image, "image", V::U32(0)),
        71 => s(U8, Max(2), On::Image, "fit", V::U8(0)),
        80 => s(U8, Max(26), a, "role", V::U8(0)),
        81 => s(Str, Any, a, "label", V::Str(None)),
        82 => s(Str, Any, a, "test_id", V::Str(None)),
        83 => s(U8, Max(1), a, "focusable", V::U8(0)),
        84 => s(U8, Max(1), a, "focus_scope", V::U8(0)),
        85 => s(U8, Max(1), a, "report_layout", V::U8(0)),
        86 => s(U8, Max(1), a, "disabled", V::U8(0)),
        87 => s(U8, Max(1), a, "focus_preferred", V::U8(0)),
        88 => s(U8, Max(1), a, "focus_trap", V::U8(0)),
        89 => s(U32, Any, a, "next_up", V::U32(0)),
        90 => s(U32, Any, a, "next_down", V::U32(0)),
        91 => s(U32, Any, a, "next_left", V::U32(0)),
        92 => s(U32, Any, a, "next_right", V::U32(0)),
        93 => s(F32, NonNeg, a, "scroll_margin", V::F32(0.0)),
        94 => s(U32, Any, a, "capture_keys", V::U32(0)),
        95 => s(U8, Max(63), a, "states", V::U8(0)),
        96 => s(F32, Any, a, "value", V::F32(0.0)),
        97 => s(F32, Any, a, "min", V::F32(0.0)),
        98 => s(F32, Any, a, "max", V::F32(0.0)),
        99 => s(Str, Any, a, "value_text", V::Str(None)),
        105 => s(U8, Max(15), a, "stop_at_edges", V::U8(0)),
        _ => return None,
    };
    Some(sp)
}

/// Whether `value` is within `range`; returns the reason when not.
pub fn check(range: Range, value: &Value) -> Result<(), &'static str> {
    fn finite(f: f32) -> Result<(), &'static str> {
        if f.is_finite() {
            Ok(())
        } else {
            Err("is not a finite number")
        }
    }
    match (range, value) {
        (Range::Max(m), Value::U8(v)) if u32::from(*v) > m => Err("is out of range"),
        (_, Value::F32(f)) => {
            finite(*f)?;
            match range {
                Range::NonNeg if *f < 0.0 => Err("must not be negative"),
                Range::Unit if !(0.0..=1.0).contains(f) => Err("must be within 0..1"),
                _ => Ok(()),
            }
        }
        (_, Value::Dim(d)) => {
            let f = match d {
                DimV::Auto => {
                    return if range == Range::DimNoAuto { Err("must not be auto") } else { Ok(()) }
                }
                DimV::Points(f) | DimV::Percent(f) => *f,
                _ => {
                    return if range == Range::DimNonNeg {
                        Ok(())
                    } else {
                        Err("takes no intrinsic size keyword (only sizes and flex-basis do)")
                    }
                }
            };
            finite(f)?;
            if matches!(range, Range::DimNonNeg | Range::DimNoAuto) && f < 0.0 {
                Err("must not be negative")
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

/// Names used by the dump for enumerated values.
pub fn enum_name(prop: u16, v: u8) -> Option<&'static str> {
    const DISPLAY: [&str; 2] = ["flex", "none"];
    const POSITION: [&str; 2] = ["relative", "absolute"];
    const DIRECTION: [&str; 4] = ["row", "column", "row-reverse", "column-reverse"];
    const WRAP: [&str; 3] = ["nowrap", "wrap", "wrap-reverse"];
    const JUSTIFY: [&str; 8] =
        ["flex-start", "flex-end", "center", "space-between", "space-around", "space-evenly", "start", "end"];
    const ALIGN: [&str; 7] = ["stretch", "flex-start", "flex-end", "center", "baseline", "start", "end"];
    const SELF_: [&str; 8] = ["auto", "stretch", "flex-start", "flex-end", "center", "baseline", "start", "end"];
    const CONTENT: [&str; 9] = [
        "stretch", "flex-start", "flex-end", "center", "space-between", "space-around", "space-evenly", "start", "end",
    ];
    const OVERFLOW: [&str; 3] = ["visible", "clip", "scroll"];
    const DIR: [&str; 3] = ["inherit", "ltr", "rtl"];
    const BOX_SIZING: [&str; 2] = ["border-box", "content-box"];
    const TEXT_ALIGN: [&str; 5] = ["left", "center", "right", "start", "end"];
    const FIT: [&str; 3] = ["cover", "contain", "fill"];
    let table: &[&str] = match prop {
        1 => &DISPLAY,
        2 => &POSITION,
        3 => &DIRECTION,
        4 => &WRAP,
        5 => &JUSTIFY,
        6 => &ALIGN,
        7 => &SELF_,
        8 => &CONTENT,
        36 => &OVERFLOW,
        37 => &DIR,
        39 => &BOX_SIZING,
        65 => &TEXT_ALIGN,
        71 => &FIT,
        80 => &ROLES,
        _ => return None,
    };
    table.get(usize::from(v)).copied()
}

/// Whether changing a property can change layout (the node's measured size
/// or its children's placement).
pub fn affects_layout(prop: u16) -> bool {
    matches!(prop, 1..=39 | 60 | 61 | 63..=67 | 70)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_property_default_is_within_its_own_range() {
        for p in 1..=id::STOP_AT_EDGES {
            if let Some(sp) = spec(p) {
                assert!(check(sp.range, &sp.default).is_ok(), "property {}", p);
            }
        }
    }

    #[test]
    fn ranges_reject_nan_negative_sizes_and_auto_padding() {
        assert!(check(Range::Unit, &Value::F32(f32::NAN)).is_err());
        assert!(check(Range::Unit, &Value::F32(1.01)).is_err());
        assert!(check(Range::DimNonNeg, &Value::Dim(DimV::Points(-1.0))).is_err());
        assert!(check(Range::DimNoAuto, &Value::Dim(DimV::Auto)).is_err());
        assert!(check(Range::Any, &Value::Dim(DimV::Percent(-50.0))).is_ok());
        assert!(check(Range::Max(2), &Value::U8(3)).is_err());
        assert!(check(Range::DimNonNeg, &Value::Dim(DimV::Keyword(5))).is_ok());
        assert!(check(Range::Any, &Value::Dim(DimV::Keyword(3))).is_err());
        assert!(check(Range::DimNoAuto, &Value::Dim(DimV::Keyword(4))).is_err());
    }
}
