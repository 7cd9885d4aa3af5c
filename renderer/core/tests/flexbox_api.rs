//! The layout engine's public behaviour, one rule per test.

#[path = "common/layout_host.rs"]
mod layout_host;

use layout_host::{b, px, sized, VecHost, SCREEN};
use marquee_renderer::layout::{
    compute_layout, compute_layout_with, AlignContent, AlignItems, Dim, Display, Edges,
    FlexDirection, FlexWrap, JustifyContent, LayoutBox, LayoutOptions, Position, Size, Style,
};

#[test]
fn display_none_gives_a_zero_box_to_the_node_and_its_whole_subtree() {
    let mut h = VecHost::new();
    let root = h.add(sized(300.0, 100.0));
    let a = h.add_child(root, sized(100.0, 100.0));
    let hidden = h.add_child(
        root,
        Style {
            display: Display::None,
            ..sized(100.0, 100.0)
        },
    );
    let inner = h.add_child(hidden, sized(50.0, 50.0));
    let c = h.add_child(root, sized(100.0, 100.0));
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(a), b(0.0, 0.0, 100.0, 100.0));
    assert_eq!(h.layout(hidden), LayoutBox::default());
    assert_eq!(h.layout(inner), LayoutBox::default());
    assert_eq!(h.layout(c), b(100.0, 0.0, 100.0, 100.0));
}

#[test]
fn an_absolute_child_is_placed_by_insets_against_the_padding_box() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        padding: Edges::all(px(20.0)),
        border: Edges::all(5.0),
        ..sized(400.0, 300.0)
    });
    let flow = h.add_child(root, sized(100.0, 100.0));
    let abs = h.add_child(
        root,
        Style {
            position: Position::Absolute,
            inset: Edges {
                left: Dim::Auto,
                top: px(10.0),
                right: px(10.0),
                bottom: px(10.0),
            },
            size: Size::new(px(50.0), Dim::Auto),
            ..Style::default()
        },
    );
    compute_layout(&mut h, root, SCREEN);
    // The in-flow child ignores the absolute one.
    assert_eq!(h.layout(flow), b(25.0, 25.0, 100.0, 100.0));
    // Padding box: x 5..395, y 5..295.
    assert_eq!(h.layout(abs), b(335.0, 15.0, 50.0, 270.0));
}

#[test]
fn grow_shares_free_space_and_max_sizes_freeze_items() {
    let mut h = VecHost::new();
    let root = h.add(sized(600.0, 100.0));
    let a = h.add_child(
        root,
        Style {
            flex_grow: 1.0,
            max_size: Size::new(px(100.0), Dim::Auto),
            ..Style::default()
        },
    );
    let b2 = h.add_child(
        root,
        Style {
            flex_grow: 1.0,
            ..Style::default()
        },
    );
    let c = h.add_child(
        root,
        Style {
            flex_grow: 2.0,
            ..Style::default()
        },
    );
    compute_layout(&mut h, root, SCREEN);
    // a is frozen at 100; the other 500 go 1:2.
    assert_eq!(h.layout(a).width, 100.0);
    assert!((h.layout(b2).width - 166.66667).abs() < 1.0);
    assert_eq!(
        h.layout(a).width + h.layout(b2).width + h.layout(c).width,
        600.0
    );
}

#[test]
fn a_text_leaf_measures_itself_and_wraps_to_the_width_it_is_given() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        flex_direction: FlexDirection::Column,
        ..sized(60.0, 200.0)
    });
    // Ahem: 10 px glyphs, U+200B is the break opportunity.
    let t = h.add_text(Some(root), Style::default(), "HHHH\u{200B}HHHH");
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(t), b(0.0, 0.0, 60.0, 20.0));
}

#[test]
fn the_automatic_minimum_size_keeps_content_from_shrinking_below_its_longest_word() {
    let mut h = VecHost::new();
    let root = h.add(sized(50.0, 100.0));
    let t = h.add_text(Some(root), Style::default(), "HHHHHHH");
    let clipped = h.add_text(
        Some(root),
        Style {
            overflow: Size::all(marquee_renderer::layout::Overflow::Clip),
            ..Style::default()
        },
        "HHHHHHH",
    );
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(t).width, 70.0);
    // A clipping box is a scroll container: its automatic minimum is zero.
    assert_eq!(h.layout(clipped).width, 0.0);
}

#[test]
fn auto_margins_absorb_free_space_before_justify_content() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        justify_content: JustifyContent::FlexEnd,
        ..sized(300.0, 100.0)
    });
    let a = h.add_child(
        root,
        Style {
            margin: Edges {
                left: Dim::Auto,
                top: Dim::Auto,
                right: Dim::Auto,
                bottom: Dim::Auto,
            },
            ..sized(100.0, 20.0)
        },
    );
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(a), b(100.0, 40.0, 100.0, 20.0));
}

#[test]
fn percentages_resolve_against_the_parent_content_box_and_padding_against_its_width() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        padding: Edges::all(px(10.0)),
        ..sized(220.0, 120.0)
    });
    let a = h.add_child(
        root,
        Style {
            size: Size::new(Dim::Percent(0.5), Dim::Percent(0.5)),
            padding: Edges {
                left: Dim::Percent(0.1),
                ..Edges::all(px(0.0))
            },
            ..Style::default()
        },
    );
    let kid = h.add_child(a, sized(10.0, 10.0));
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(a), b(10.0, 10.0, 100.0, 50.0));
    assert_eq!(h.layout(kid).x, 20.0);
}

#[test]
fn wrap_reverse_stacks_lines_from_the_cross_end() {
    let mut h = VecHost::new();
    let root = h.add(Style {
        flex_wrap: FlexWrap::WrapReverse,
        align_items: AlignItems::FlexStart,
        align_content: marquee_renderer::layout::AlignContent::FlexStart,
        ..sized(100.0, 100.0)
    });
    let a = h.add_child(root, sized(60.0, 20.0));
    let c = h.add_child(root, sized(60.0, 30.0));
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(a), b(0.0, 80.0, 60.0, 20.0));
    assert_eq!(h.layout(c), b(0.0, 50.0, 60.0, 30.0));
}

#[test]
fn overflowing_space_around_and_evenly_fall_back_to_the_physical_start_even_when_reversed() {
    // CSS Box Alignment 3: with negative free space `space-around` and
    // `space-evenly` fall back to `safe center`, i.e. `start` (the physical
    // left/top edge), while `space-between` and `stretch` fall back to
    // `flex-start` (the main-start / cross-start edge, right or bottom when
    // reversed). Chrome's `InitialContentPositionOffset` does the same.
    let main = |justify: JustifyContent, direction: FlexDirection| {
        let mut h = VecHost::new();
        let root = h.add(Style {
            flex_direction: direction,
            justify_content: justify,
            align_items: AlignItems::FlexStart,
            ..sized(40.0, 40.0)
        });
        let item = h.add_child(
            root,
            Style {
                flex_shrink: 0.0,
                ..sized(50.0, 50.0)
            },
        );
        compute_layout(&mut h, root, SCREEN);
        h.layout(item)
    };
    for justify in [JustifyContent::SpaceAround, JustifyContent::SpaceEvenly] {
        assert_eq!(main(justify, FlexDirection::RowReverse), b(0.0, 0.0, 50.0, 50.0));
        assert_eq!(main(justify, FlexDirection::ColumnReverse), b(0.0, 0.0, 50.0, 50.0));
        assert_eq!(main(justify, FlexDirection::Row), b(0.0, 0.0, 50.0, 50.0));
    }
    assert_eq!(
        main(JustifyContent::SpaceBetween, FlexDirection::RowReverse),
        b(-10.0, 0.0, 50.0, 50.0)
    );

    // Two 30 px lines in a 40 px wrap-reverse container: the second line is
    // physically first (on top).
    let lines = |align_content: AlignContent| {
        let mut h = VecHost::new();
        let root = h.add(Style {
            flex_wrap: FlexWrap::WrapReverse,
            align_content,
            ..sized(40.0, 40.0)
        });
        let first = h.add_child(root, sized(30.0, 30.0));
        let second = h.add_child(root, sized(30.0, 30.0));
        compute_layout(&mut h, root, SCREEN);
        (h.layout(first).y, h.layout(second).y)
    };
    assert_eq!(lines(AlignContent::SpaceAround), (30.0, 0.0));
    assert_eq!(lines(AlignContent::SpaceEvenly), (30.0, 0.0));
    assert_eq!(lines(AlignContent::SpaceBetween), (10.0, -20.0));
    assert_eq!(lines(AlignContent::Stretch), (10.0, -20.0));
}

#[test]
fn rounding_snaps_edges_to_pixels_and_can_be_turned_off() {
    let build = || {
        let mut h = VecHost::new();
        let root = h.add(sized(100.0, 10.0));
        let kids: Vec<usize> = (0..3)
            .map(|_| {
                h.add_child(
                    root,
                    Style {
                        flex_grow: 1.0,
                        ..Style::default()
                    },
                )
            })
            .collect();
        (h, root, kids)
    };
    let (mut h, root, kids) = build();
    compute_layout(&mut h, root, SCREEN);
    let rounded: Vec<LayoutBox> = kids.iter().map(|&k| h.layout(k)).collect();
    assert_eq!(
        rounded.iter().map(|l| l.width).collect::<Vec<_>>(),
        vec![33.0, 34.0, 33.0]
    );
    assert_eq!(
        rounded.iter().map(|l| l.x).collect::<Vec<_>>(),
        vec![0.0, 33.0, 67.0]
    );

    let (mut h, root, kids) = build();
    compute_layout_with(&mut h, root, SCREEN, LayoutOptions { rounding: false });
    assert!((h.layout(kids[1]).x - 33.333_332).abs() < 1e-3);
    assert!((h.layout(kids[1]).width - 33.333_336).abs() < 1e-3);
}

#[test]
fn a_measured_leaf_is_never_rounded_smaller_than_its_content() {
    // A text 641.17 x 37.4 starting at x = 0.6: plain rounding gives edges
    // 1 and 642, a box of 641 that would wrap the text's last word. The far
    // edges move out to the next whole unit instead; a view of the same
    // size beside it keeps Chrome's rounding.
    let mut h = VecHost::new();
    let root = h.add(Style {
        align_items: AlignItems::FlexStart,
        padding: Edges {
            left: px(0.6),
            top: px(0.0),
            right: px(0.0),
            bottom: px(0.0),
        },
        ..sized(1920.0, 1080.0)
    });
    let text = h.add_child(root, Style::default());
    h.nodes[text].content = Some(Size::new(641.17, 37.4));
    let view = h.add_child(root, sized(641.17, 37.4));
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(text), b(1.0, 0.0, 642.0, 38.0));
    assert_eq!(h.layout(view), b(642.0, 0.0, 641.0, 37.0));
}

#[test]
fn nan_and_infinite_styles_do_not_hang_or_poison_the_layout() {
    let mut h = VecHost::new();
    let root = h.add(sized(100.0, 100.0));
    let a = h.add_child(
        root,
        Style {
            flex_grow: f32::NAN,
            size: Size::new(px(f32::INFINITY), px(f32::NAN)),
            ..Style::default()
        },
    );
    let c = h.add_child(root, sized(10.0, 10.0));
    compute_layout(&mut h, root, SCREEN);
    for n in [a, c] {
        let l = h.layout(n);
        assert!(
            l.x.is_finite() && l.y.is_finite() && l.width.is_finite() && l.height.is_finite(),
            "{:?}",
            l
        );
    }
}

#[test]
fn baseline_alignment_lines_up_first_baselines_and_synthesizes_one_from_the_bottom_edge() {
    let mut h = VecHost::new();
    let root = h.add(Style { align_items: AlignItems::Baseline, ..sized(300.0, 100.0) });
    // No content: its baseline is its bottom edge (30).
    let boxy = h.add_child(root, sized(50.0, 30.0));
    // Ahem text: baseline 8 px below its top.
    let text = h.add_text(Some(root), Style::default(), "HH");
    compute_layout(&mut h, root, SCREEN);
    assert_eq!(h.layout(boxy), b(0.0, 0.0, 50.0, 30.0));
    assert_eq!(h.layout(text), b(50.0, 22.0, 20.0, 10.0));
}
