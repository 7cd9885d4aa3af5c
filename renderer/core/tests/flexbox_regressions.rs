//! Bugs found by checking the engine against more of Chrome's layouts
//! (issue 18, section 1), each pinned by the smallest tree that shows it.
//! Expected values are Chrome's.

#[path = "common/layout_host.rs"]
mod layout_host;

use layout_host::{b, px, sized, VecHost, SCREEN};
use marquee_renderer::layout::{
    compute_layout, Dim, Edges, FlexDirection, FlexWrap, Position,
    Size, Style,
};

#[test]
fn a_percentage_row_gap_of_an_auto_height_wrapping_row_is_zero() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        align_items: marquee_renderer::layout::AlignItems::FlexStart,
        ..Style::default()
    });
    let wrap = h.add_child(
        root,
        Style {
            flex_wrap: FlexWrap::Wrap,
            size: Size::new(px(80.0), Dim::Auto),
            gap: Size::new(px(0.0), Dim::Percent(0.1)),
            ..Style::default()
        },
    );
    let items: Vec<usize> = (0..9).map(|_| h.add_child(wrap, sized(20.0, 20.0))).collect();
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(wrap), b(0.0, 0.0, 80.0, 60.0));
    let rows: Vec<f32> = [0, 4, 8].iter().map(|&i| h.layout(items[i]).y).collect();
    assert_eq!(rows, vec![0.0, 20.0, 40.0]);
}

/// A percentage `flex-basis` against a main size that is not definite
/// counts as `auto` (9.2.3): in a column-wrap container of auto height,
/// `flex-basis: 100%` does not push the next item into a second column.
#[test]
fn a_percentage_flex_basis_in_an_auto_height_column_wrap_is_auto() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        align_items: marquee_renderer::layout::AlignItems::FlexStart,
        ..Style::default()
    });
    let column = h.add_child(
        root,
        Style {
            flex_direction: FlexDirection::Column,
            flex_wrap: FlexWrap::Wrap,
            ..Style::default()
        },
    );
    let first = h.add_child(
        column,
        Style {
            flex_basis: Dim::Percent(1.0),
            ..sized(30.0, 20.0)
        },
    );
    let second = h.add_child(column, sized(30.0, 20.0));
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(first), b(0.0, 0.0, 30.0, 20.0));
    assert_eq!(h.layout(second), b(0.0, 20.0, 30.0, 20.0));
    assert_eq!(h.layout(column), b(0.0, 0.0, 30.0, 40.0));
}

/// Rounding takes a child's offset from its own rounded relative offset
/// (as Chrome and Taffy do), not from the difference of rounded absolute
/// edges: a 0.5 margin inside a box that sits at y 44.5 stays a 1 px step.
#[test]
fn a_child_offset_is_its_rounded_relative_offset() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        flex_direction: FlexDirection::Column,
        align_items: marquee_renderer::layout::AlignItems::FlexStart,
        ..Style::default()
    });
    h.add_child(root, sized(10.0, 44.5));
    let boxed = h.add_child(
        root,
        Style {
            align_items: marquee_renderer::layout::AlignItems::FlexStart,
            ..sized(10.0, 20.0)
        },
    );
    let child = h.add_child(
        boxed,
        Style {
            margin: Edges {
                top: px(0.5),
                ..Edges::all(px(0.0))
            },
            ..sized(10.0, 10.0)
        },
    );
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(boxed).y, 45.0);
    assert_eq!(h.layout(child).y, 1.0);
}

/// An absolutely positioned row of auto width is as wide as its
/// max-content width (the items' contributions, which ignore their
/// `flex-basis`), the width the same row gets as a flex item.
#[test]
fn an_absolute_auto_width_row_is_sized_by_its_max_content_not_the_flex_bases() {
    let mut h = VecHost::new();
    let root = h.add(sized(400.0, 300.0));
    let abs = h.add_child(
        root,
        Style {
            position: Position::Absolute,
            ..Style::default()
        },
    );
    let item = h.add_child(
        abs,
        Style {
            flex_basis: px(50.0),
            ..Style::default()
        },
    );
    let flex_item = h.add_child(root, Style::default());
    h.add_child(
        flex_item,
        Style {
            flex_basis: px(50.0),
            ..Style::default()
        },
    );
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(flex_item).width, 0.0);
    assert_eq!(h.layout(abs).width, 0.0);
    assert_eq!(h.layout(item).width, 0.0);
}
