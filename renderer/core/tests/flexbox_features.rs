//! The features of issue 18 at the layout API, one rule per test (Chrome's
//! own cases for them run in `flexbox_conformance.rs`): right to left,
//! aspect ratios, size keywords, scrollbar gutters.

#[path = "common/layout_host.rs"]
mod layout_host;

use layout_host::{b, px, sized, VecHost, SCREEN};
use marquee_renderer::layout::{
    compute_layout, AlignItems, Dim, Direction, Edges, FlexDirection,
    Overflow, Position, Size, Style,
};

#[test]
fn direction_is_inherited_and_an_explicit_ltr_ends_it() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        direction: Direction::Rtl,
        flex_direction: FlexDirection::Column,
        ..sized(300.0, 200.0)
    });
    let inheriting = h.add_child(root, Style::default());
    let a = h.add_child(inheriting, sized(50.0, 50.0));
    let ltr = h.add_child(
        root,
        Style {
            direction: Direction::Ltr,
            ..Style::default()
        },
    );
    let c = h.add_child(ltr, sized(50.0, 50.0));
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(a), b(250.0, 0.0, 50.0, 50.0));
    assert_eq!(h.layout(c), b(0.0, 0.0, 50.0, 50.0));
    // Changing the root's direction relays out the inheriting subtree
    // (the resolved direction is part of the cache key).
    let mut style = h.nodes[root].style;
    style.direction = Direction::Inherit;
    h.set_style(root, style);
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(a), b(0.0, 0.0, 50.0, 50.0));
}

#[test]
fn rtl_keeps_physical_margins_padding_and_lets_right_win_over_left() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        direction: Direction::Rtl,
        padding: Edges {
            right: px(20.0),
            ..Edges::all(px(0.0))
        },
        ..sized(300.0, 100.0)
    });
    let first = h.add_child(
        root,
        Style {
            margin: Edges {
                left: px(7.0),
                right: px(10.0),
                ..Edges::all(px(0.0))
            },
            ..sized(50.0, 50.0)
        },
    );
    let shifted = h.add_child(
        root,
        Style {
            inset: Edges {
                left: px(100.0),
                right: px(5.0),
                ..Edges::all(Dim::Auto)
            },
            ..sized(50.0, 50.0)
        },
    );
    let abs = h.add_child(
        root,
        Style {
            position: Position::Absolute,
            inset: Edges {
                left: px(3.0),
                ..Edges::all(Dim::Auto)
            },
            ..sized(10.0, 10.0)
        },
    );
    compute_layout(&mut h, root, SCREEN);
    // 300 - 20 (padding-right) - 10 (margin-right) - 50
    assert_eq!(h.layout(first), b(220.0, 0.0, 50.0, 50.0));
    // next to it: 220 - 7 (its margin-left) - 50 = 163, then `right: 5` wins
    assert_eq!(h.layout(shifted), b(158.0, 0.0, 50.0, 50.0));
    assert_eq!(h.layout(abs).x, 3.0);
}

#[test]
fn an_rtl_scroll_container_keeps_its_vertical_scrollbar_gutter_at_the_left() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        direction: Direction::Rtl,
        overflow: Size::new(Overflow::Visible, Overflow::Scroll),
        scrollbar_width: 15.0,
        ..sized(200.0, 100.0)
    });
    let item = h.add_child(
        root,
        Style {
            flex_grow: 1.0,
            ..Style::default()
        },
    );
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(item), b(15.0, 0.0, 185.0, 100.0));
}

#[test]
fn an_aspect_ratio_transfers_a_min_height_to_the_width() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        align_items: AlignItems::FlexStart,
        ..sized(400.0, 300.0)
    });
    let tall = h.add_child(
        root,
        Style {
            aspect_ratio: Some(0.5),
            min_size: Size::new(Dim::Auto, px(50.0)),
            ..Style::default()
        },
    );
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(tall), b(0.0, 0.0, 25.0, 50.0));
}

#[test]
fn size_keywords_resolve_to_the_content_and_the_room() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::FlexStart,
        ..sized(500.0, 300.0)
    });
    let text = |h: &mut VecHost, width: Dim| {
        h.add_text(
            Some(root),
            Style {
                size: Size::new(width, Dim::Auto),
                margin: Edges {
                    left: px(10.0),
                    ..Edges::all(px(0.0))
                },
                ..Style::default()
            },
            "HH\u{200B}HHHH",
        )
    };
    let min = text(&mut h, Dim::MinContent);
    let max = text(&mut h, Dim::MaxContent);
    let stretch = text(&mut h, Dim::Stretch);
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(min), b(10.0, 0.0, 40.0, 20.0));
    assert_eq!(h.layout(max), b(10.0, 20.0, 60.0, 10.0));
    assert_eq!(h.layout(stretch), b(10.0, 30.0, 490.0, 10.0));
}
