//! Layout style: the CSS properties the flexbox engine reads.
//!
//! Every enum mirrors the values of `renderer/PROTOCOL.md` section 3, in the
//! same order, and `Default` gives the CSS initial values listed there
//! (with the protocol's `display: flex` default).

/// A length that may be automatic, absolute or relative to a reference size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Dim {
    /// `auto`: the algorithm decides.
    #[default]
    Auto,
    /// An absolute length in design units (px).
    Points(f32),
    /// A fraction of the reference size: `0.5` is 50%. (The protocol sends
    /// `50.0`; the scene divides by 100 when it stores it.)
    Percent(f32),
    /// `min-content`: the smallest size the content allows (sizes only).
    MinContent,
    /// `max-content`: the content's size with no forced wrapping (sizes only).
    MaxContent,
    /// `fit-content`: `min(max-content, max(min-content, available))` (sizes only).
    FitContent,
    /// `stretch`: the available space minus the margins (sizes only).
    Stretch,
}

impl Dim {
    /// Zero points (the initial value of margins, paddings and gaps).
    pub const ZERO: Dim = Dim::Points(0.0);

    /// Resolves against `basis`; `None` for `auto`, an intrinsic keyword
    /// (resolved by the algorithm, see `resolve::intrinsic_keywords`) or a
    /// percentage of an unknown basis.
    pub fn resolve(self, basis: Option<f32>) -> Option<f32> {
        match self {
            Dim::Points(v) => Some(v),
            Dim::Percent(f) => basis.map(|b| b * f),
            _ => None,
        }
    }

    /// True for the intrinsic keywords (`min-content`, `max-content`,
    /// `fit-content`, `stretch`).
    pub fn is_keyword(self) -> bool {
        matches!(
            self,
            Dim::MinContent | Dim::MaxContent | Dim::FitContent | Dim::Stretch
        )
    }

    /// Like `resolve`, with `auto` and unresolvable percentages as zero.
    pub fn resolve_or_zero(self, basis: Option<f32>) -> f32 {
        self.resolve(basis).unwrap_or(0.0)
    }

    /// True for `auto`.
    pub fn is_auto(self) -> bool {
        matches!(self, Dim::Auto)
    }
}

/// A width and a height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size<T> {
    pub width: T,
    pub height: T,
}

impl<T> Size<T> {
    pub const fn new(width: T, height: T) -> Self {
        Size { width, height }
    }
}

impl<T: Copy> Size<T> {
    /// The same value on both axes.
    pub const fn all(v: T) -> Self {
        Size {
            width: v,
            height: v,
        }
    }
}

/// Four values, one per edge of a box.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Edges<T> {
    pub left: T,
    pub top: T,
    pub right: T,
    pub bottom: T,
}

impl<T: Copy> Edges<T> {
    /// The same value on every edge.
    pub const fn all(v: T) -> Self {
        Edges {
            left: v,
            top: v,
            right: v,
            bottom: v,
        }
    }
}

/// How much room a box may take along one axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AvailableSpace {
    /// A definite amount of space, in px.
    Definite(f32),
    /// Size to the smallest size the content allows (wrap at every chance).
    MinContent,
    /// Size to the content with no wrapping forced by the space.
    MaxContent,
}

impl AvailableSpace {
    /// The definite amount, if there is one.
    pub fn definite(self) -> Option<f32> {
        match self {
            AvailableSpace::Definite(v) => Some(v),
            _ => None,
        }
    }
}

/// `DISPLAY` (protocol id 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Display {
    Flex,
    /// Zero box, subtree skipped.
    None,
}

/// `POSITION` (protocol id 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// In flow; insets are ignored.
    Relative,
    /// Out of flow: placed by insets against the parent's padding box.
    Absolute,
}

/// `FLEX_DIRECTION` (protocol id 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlexDirection {
    Row,
    Column,
    RowReverse,
    ColumnReverse,
}

impl FlexDirection {
    /// True when the main axis is horizontal.
    pub fn is_row(self) -> bool {
        matches!(self, FlexDirection::Row | FlexDirection::RowReverse)
    }
    /// True for the `-reverse` directions.
    pub fn is_reverse(self) -> bool {
        matches!(
            self,
            FlexDirection::RowReverse | FlexDirection::ColumnReverse
        )
    }
}

/// `FLEX_WRAP` (protocol id 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlexWrap {
    NoWrap,
    Wrap,
    WrapReverse,
}

/// `JUSTIFY_CONTENT` (protocol id 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JustifyContent {
    FlexStart,
    FlexEnd,
    Center,
    SpaceBetween,
    SpaceAround,
    SpaceEvenly,
    Start,
    End,
}

/// `ALIGN_ITEMS` (protocol id 6); `ALIGN_SELF` is `Option<AlignItems>`
/// with `None` = auto.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlignItems {
    Stretch,
    FlexStart,
    FlexEnd,
    Center,
    /// Treated as `flex-start` (baseline alignment is not implemented).
    Baseline,
    Start,
    End,
}

/// `ALIGN_CONTENT` (protocol id 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlignContent {
    Stretch,
    FlexStart,
    FlexEnd,
    Center,
    SpaceBetween,
    SpaceAround,
    SpaceEvenly,
    Start,
    End,
}

/// `DIRECTION` (protocol id 37): the inline direction (CSS `direction`).
///
/// In `Rtl` the inline axis runs right to left: a row's main-start edge is
/// its right edge (a column's cross-start edge), so items, `start`/`end`
/// and `flex-start`/`flex-end` alignment, auto margins and the static
/// position of absolute children mirror. Physical properties stay physical
/// (as in CSS): `margin-left` is always the left margin, and of two
/// relative insets `right` wins over `left`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The parent's direction (`ltr` at the root), as CSS inherits it.
    Inherit,
    Ltr,
    Rtl,
}

/// `OVERFLOW` (protocol id 36).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    Visible,
    /// Children clipped to the padding box. For layout this behaves like CSS
    /// `overflow: hidden`: the box is a scroll container, so its automatic
    /// minimum size as a flex item is zero (a clipped rail can shrink).
    Clip,
    /// Clip plus a scroll offset; same layout rules as `Clip`.
    Scroll,
}

/// `BOX_SIZING` (protocol id 39): whether `size`, `min_size`, `max_size`
/// and `flex_basis` include padding and border.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxSizing {
    BorderBox,
    ContentBox,
}

/// Everything the layout engine reads about one node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub display: Display,
    pub position: Position,
    pub box_sizing: BoxSizing,
    pub flex_direction: FlexDirection,
    pub flex_wrap: FlexWrap,
    pub justify_content: JustifyContent,
    pub align_items: AlignItems,
    /// `None` = `auto` (use the parent's `align_items`).
    pub align_self: Option<AlignItems>,
    pub align_content: AlignContent,
    pub flex_grow: f32,
    pub flex_shrink: f32,
    pub flex_basis: Dim,
    pub size: Size<Dim>,
    pub min_size: Size<Dim>,
    pub max_size: Size<Dim>,
    /// `Dim::Auto` margins absorb free space.
    pub margin: Edges<Dim>,
    pub padding: Edges<Dim>,
    pub border: Edges<f32>,
    /// Only used by `position: absolute` boxes.
    pub inset: Edges<Dim>,
    /// `width` = column gap (between items along a row), `height` = row gap.
    pub gap: Size<Dim>,
    /// Per axis: `width` = overflow-x, `height` = overflow-y. The protocol's
    /// single `OVERFLOW` property sets both.
    pub overflow: Size<Overflow>,
    /// Width of the scrollbar gutter a `Scroll` axis reserves inside the
    /// border (overflow-y: at the inline-end edge; overflow-x: at the
    /// bottom). Not in the protocol (a TV scene draws no scrollbars: 0);
    /// the conformance suite sets Chrome's.
    pub scrollbar_width: f32,
    pub direction: Direction,
    /// Preferred aspect ratio, width / height (CSS `aspect-ratio`, applied
    /// to the box `box_sizing` names); `None` = `auto`.
    pub aspect_ratio: Option<f32>,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            display: Display::Flex,
            position: Position::Relative,
            box_sizing: BoxSizing::BorderBox,
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::NoWrap,
            justify_content: JustifyContent::FlexStart,
            align_items: AlignItems::Stretch,
            align_self: None,
            align_content: AlignContent::Stretch,
            flex_grow: 0.0,
            flex_shrink: 1.0,
            flex_basis: Dim::Auto,
            size: Size::all(Dim::Auto),
            min_size: Size::all(Dim::Auto),
            max_size: Size::all(Dim::Auto),
            margin: Edges::all(Dim::ZERO),
            padding: Edges::all(Dim::ZERO),
            border: Edges::all(0.0),
            inset: Edges::all(Dim::Auto),
            gap: Size::all(Dim::ZERO),
            overflow: Size::all(Overflow::Visible),
            scrollbar_width: 0.0,
            direction: Direction::Inherit,
            aspect_ratio: None,
        }
    }
}
