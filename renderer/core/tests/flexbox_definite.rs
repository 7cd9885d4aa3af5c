//! Definite sizes of flex items for their children's percentages (CSS
//! Flexbox 9.8): a post-flexing main size counts as definite when the
//! container's main size is definite, and a stretched cross size counts as
//! definite in a single-line container with a definite cross size. The
//! scene's case: a `width: 100%` scroll container (a rail) with thousands
//! of px of content inside a `flex-grow: 1` item.

#[path = "common/layout_host.rs"]
mod layout_host;

use layout_host::VecHost;
use marquee_renderer::layout::{
    compute_layout, AlignItems, AvailableSpace, Dim, FlexDirection, LayoutBox, Overflow, Size,
    Style,
};

fn px(v: f32) -> Dim {
    Dim::Points(v)
}

const SCREEN: Size<AvailableSpace> = Size {
    width: AvailableSpace::Definite(1920.0),
    height: AvailableSpace::Definite(1080.0),
};

fn sized(w: Dim, h: Dim, direction: FlexDirection) -> Style {
    Style {
        size: Size::new(w, h),
        flex_direction: direction,
        ..Style::default()
    }
}

/// A sibling that keeps its size: the grown item's flex base size is its
/// 5000 px content, so the line overflows and would shrink both.
fn rigid(w: f32, h: f32) -> Style {
    Style {
        flex_shrink: 0.0,
        ..sized(px(w), px(h), FlexDirection::Row)
    }
}

/// `flex-grow: 1`, no size; `min-*: 0` on the main axis (see
/// `the_automatic_minimum_size_...` for what `auto` does).
fn grown(direction: FlexDirection, container_row: bool) -> Style {
    let zero = if container_row {
        Size::new(px(0.0), Dim::Auto)
    } else {
        Size::new(Dim::Auto, px(0.0))
    };
    Style {
        flex_grow: 1.0,
        min_size: zero,
        flex_direction: direction,
        ..Style::default()
    }
}

fn clipped(style: Style) -> Style {
    Style {
        overflow: Size::all(Overflow::Scroll),
        ..style
    }
}

/// container > [fixed sibling, item > child > wide content]; returns
/// (sibling, item, child, content).
struct Tree {
    h: VecHost,
    root: usize,
    sibling: usize,
    item: usize,
    child: usize,
    content: usize,
}

fn tree(container: Style, sibling: Style, item: Style, child: Style, content: Style) -> Tree {
    let mut h = VecHost::new();
    let root = h.add(container);
    let sibling = h.add_child(root, sibling);
    let item = h.add_child(root, item);
    let child = h.add_child(item, child);
    let content = h.add_child(child, content);
    compute_layout(&mut h, root, SCREEN);
    Tree {
        h,
        root,
        sibling,
        item,
        child,
        content,
    }
}

fn row_tree(item: Style) -> Tree {
    row_tree_at(item, 1.0)
}

/// A `width: 50%` child tells a resolved percentage from an auto width
/// that was shrunk or stretched to the item.
fn row_tree_at(item: Style, fraction: f32) -> Tree {
    tree(
        sized(px(1000.0), px(500.0), FlexDirection::Row),
        rigid(200.0, 50.0),
        item,
        clipped(sized(Dim::Percent(fraction), px(100.0), FlexDirection::Row)),
        Style {
            flex_shrink: 0.0,
            ..sized(px(5000.0), px(100.0), FlexDirection::Row)
        },
    )
}

#[test]
fn a_percentage_width_resolves_against_the_flexed_width_in_a_definite_row() {
    // A row item, then a column item (the child's width is then a cross size).
    for direction in [FlexDirection::Row, FlexDirection::Column] {
        for fraction in [1.0, 0.5] {
            let t = row_tree_at(grown(direction, true), fraction);
            let item = LayoutBox {
                x: 200.0,
                y: 0.0,
                width: 800.0,
                height: 500.0,
            };
            assert_eq!(t.h.layout(t.item), item);
            assert_eq!(
                t.h.layout(t.child).width,
                800.0 * fraction,
                "{:?}",
                direction
            );
            assert_eq!(t.h.layout(t.content).width, 5000.0);
        }
    }
}

#[test]
fn a_percentage_height_resolves_against_the_flexed_height_in_a_definite_column() {
    for (direction, fraction) in [
        (FlexDirection::Column, 1.0),
        (FlexDirection::Column, 0.5),
        (FlexDirection::Row, 1.0),
        (FlexDirection::Row, 0.5),
    ] {
        let t = tree(
            sized(px(500.0), px(1000.0), FlexDirection::Column),
            rigid(50.0, 300.0),
            grown(direction, false),
            clipped(sized(
                px(100.0),
                Dim::Percent(fraction),
                FlexDirection::Column,
            )),
            Style {
                flex_shrink: 0.0,
                ..sized(px(100.0), px(5000.0), FlexDirection::Column)
            },
        );
        assert_eq!(
            t.h.layout(t.item),
            LayoutBox {
                x: 0.0,
                y: 300.0,
                width: 500.0,
                height: 700.0
            }
        );
        assert_eq!(
            t.h.layout(t.child).height,
            700.0 * fraction,
            "{:?}",
            direction
        );
        assert_eq!(t.h.layout(t.content).height, 5000.0);
    }
}

#[test]
fn a_stretched_cross_size_is_definite_for_percentages() {
    for fraction in [1.0, 0.5] {
        // Row container 500 tall: the item is stretched to 500, its child's
        // height resolves against that, not against the 5000 px content.
        let t = tree(
            sized(px(1000.0), px(500.0), FlexDirection::Row),
            rigid(200.0, 50.0),
            grown(FlexDirection::Row, true),
            clipped(sized(
                px(100.0),
                Dim::Percent(fraction),
                FlexDirection::Column,
            )),
            sized(px(100.0), px(5000.0), FlexDirection::Column),
        );
        assert_eq!(t.h.layout(t.item).height, 500.0);
        assert_eq!(t.h.layout(t.child).height, 500.0 * fraction);
        // Column container 600 wide, the cross axis is the width.
        let t = tree(
            sized(px(600.0), px(1000.0), FlexDirection::Column),
            rigid(50.0, 300.0),
            grown(FlexDirection::Column, false),
            clipped(sized(Dim::Percent(fraction), px(100.0), FlexDirection::Row)),
            Style {
                flex_shrink: 0.0,
                ..sized(px(5000.0), px(100.0), FlexDirection::Row)
            },
        );
        assert_eq!(t.h.layout(t.item).width, 600.0);
        assert_eq!(t.h.layout(t.child).width, 600.0 * fraction);
    }
    // Not stretched (align-self: flex-start): the cross size is the content's.
    let t = tree(
        sized(px(600.0), px(1000.0), FlexDirection::Column),
        rigid(50.0, 300.0),
        Style {
            align_self: Some(AlignItems::FlexStart),
            ..grown(FlexDirection::Column, false)
        },
        clipped(sized(Dim::Percent(1.0), px(100.0), FlexDirection::Row)),
        Style {
            flex_shrink: 0.0,
            ..sized(px(5000.0), px(100.0), FlexDirection::Row)
        },
    );
    assert_eq!(t.h.layout(t.item).width, 5000.0);
    assert_eq!(t.h.layout(t.child).width, 5000.0);
}

#[test]
fn the_automatic_minimum_size_lets_wide_content_widen_the_item_as_in_chrome() {
    // `min-width: auto` (CSS Flexbox 4.5) is the item's min-content size, and
    // the child's cyclic `width: 100%` counts as `auto` for it (CSS Sizing 3
    // 5.2.1), so the item cannot shrink below the 5000 px content: the
    // classic flex-item blowout, fixed by `min-width: 0` or by making the
    // item itself a scroll container. The child still fills the item.
    let t = row_tree(Style {
        flex_grow: 1.0,
        ..Style::default()
    });
    assert_eq!(t.h.layout(t.item).width, 5000.0);
    assert_eq!(t.h.layout(t.child).width, 5000.0);
    let t = row_tree(clipped(Style {
        flex_grow: 1.0,
        ..Style::default()
    }));
    assert_eq!(t.h.layout(t.item).width, 800.0);
    assert_eq!(t.h.layout(t.child).width, 800.0);
}

#[test]
fn percentages_re_resolve_when_the_flexed_size_changes() {
    let mut t = row_tree_at(grown(FlexDirection::Row, true), 0.5);
    assert_eq!(t.h.layout(t.child).width, 400.0);
    for (sibling, expected) in [(450.0, 550.0), (100.0, 900.0), (200.0, 800.0)] {
        t.h.set_style(t.sibling, rigid(sibling, 50.0));
        compute_layout(&mut t.h, t.root, SCREEN);
        assert_eq!(t.h.layout(t.item).width, expected);
        assert_eq!(t.h.layout(t.child).width, expected / 2.0);
        assert_eq!(t.h.layout(t.content).width, 5000.0);
    }
    // The container itself changes width: the item flexes, the child follows.
    t.h.set_style(t.root, sized(px(1500.0), px(500.0), FlexDirection::Row));
    compute_layout(&mut t.h, t.root, SCREEN);
    assert_eq!(t.h.layout(t.child).width, 650.0);
}

#[test]
fn width_zero_with_min_width_100_percent_fills_the_item_without_widening_it() {
    // The cyclic `min-width: 100%` counts as zero while the item's
    // min-content size is found, so the item keeps its `min-width: auto`
    // and still takes its flexed share; the child then fills it.
    for direction in [FlexDirection::Row, FlexDirection::Column] {
        let t = tree(
            sized(px(1000.0), px(500.0), FlexDirection::Row),
            rigid(200.0, 50.0),
            Style {
                flex_grow: 1.0,
                flex_direction: direction,
                ..Style::default()
            },
            clipped(Style {
                min_size: Size::new(Dim::Percent(1.0), Dim::Auto),
                flex_shrink: 0.0,
                ..sized(px(0.0), px(100.0), FlexDirection::Row)
            }),
            Style {
                flex_shrink: 0.0,
                ..sized(px(5000.0), px(100.0), FlexDirection::Row)
            },
        );
        assert_eq!(t.h.layout(t.item).width, 800.0, "{:?}", direction);
        assert_eq!(t.h.layout(t.child).width, 800.0, "{:?}", direction);
    }
}
