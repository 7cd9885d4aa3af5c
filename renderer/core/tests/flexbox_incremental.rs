//! Incremental layout: results are memoised per node, so a relayout after
//! one leaf changes recomputes only the invalidated path and the siblings
//! whose inputs changed.

#[path = "common/layout_host.rs"]
mod layout_host;

use layout_host::VecHost;
use marquee_renderer::layout::{
    compute_layout, AvailableSpace, Dim, Edges, FlexDirection, LayoutBox, Size, Style,
};

const SCREEN: Size<AvailableSpace> = Size {
    width: AvailableSpace::Definite(1920.0),
    height: AvailableSpace::Definite(1080.0),
};

fn px(v: f32) -> Dim {
    Dim::Points(v)
}

struct Home {
    host: VecHost,
    root: usize,
    /// posters[rail][card]
    posters: Vec<Vec<usize>>,
}

/// A TV home page:
///
/// ```text
/// root (column, 1920x1080, padding 48)
/// |-- header (row, gap 24): logo + 5 menu texts
/// '-- 8 x rail (column)
///       |-- title text
///       '-- track (row, gap 16)
///             '-- 12 x card (column, padding 8)
///                   |-- poster (fixed 240x360 content)
///                   |-- title text
///                   '-- subtitle text
/// ```
fn build_home() -> Home {
    let mut host = VecHost::new();
    let root = host.add(Style {
        flex_direction: FlexDirection::Column,
        size: Size::new(px(1920.0), px(1080.0)),
        padding: Edges::all(px(48.0)),
        gap: Size::new(px(0.0), px(32.0)),
        ..Style::default()
    });
    let header = host.add_child(
        root,
        Style {
            gap: Size::new(px(24.0), px(0.0)),
            ..Style::default()
        },
    );
    let logo = host.add_child(
        header,
        Style {
            size: Size::new(px(120.0), px(40.0)),
            ..Style::default()
        },
    );
    let _ = logo;
    for label in ["Home", "Movies", "Series", "Kids", "Search"] {
        host.add_text(Some(header), Style::default(), label);
    }
    let mut posters = Vec::new();
    for r in 0..8 {
        let rail = host.add_child(
            root,
            Style {
                flex_direction: FlexDirection::Column,
                flex_shrink: 0.0,
                ..Style::default()
            },
        );
        host.add_text(Some(rail), Style::default(), &format!("Rail\u{200B}{}", r));
        let track = host.add_child(
            rail,
            Style {
                gap: Size::new(px(16.0), px(0.0)),
                ..Style::default()
            },
        );
        let mut row = Vec::new();
        for c in 0..12 {
            let card = host.add_child(
                track,
                Style {
                    flex_direction: FlexDirection::Column,
                    flex_shrink: 0.0,
                    padding: Edges::all(px(8.0)),
                    ..Style::default()
                },
            );
            let poster = host.add_child(card, Style::default());
            host.nodes[poster].content = Some(Size::new(240.0, 360.0));
            host.add_text(Some(card), Style::default(), &format!("Title\u{200B}{}", c));
            host.add_text(Some(card), Style::default(), "2024");
            row.push(poster);
        }
        posters.push(row);
    }
    Home {
        host,
        root,
        posters,
    }
}

fn boxes(host: &VecHost) -> Vec<LayoutBox> {
    host.nodes.iter().map(|n| n.layout).collect()
}

#[test]
fn a_relayout_without_changes_is_served_entirely_from_the_caches() {
    let mut home = build_home();
    let t = std::time::Instant::now();
    let first = compute_layout(&mut home.host, home.root, SCREEN);
    println!("first layout took {:?} (not asserted)", t.elapsed());
    println!(
        "first layout: {} computations for {} nodes",
        first.nodes_laid_out,
        home.host.nodes.len()
    );
    assert!(first.nodes_laid_out >= home.host.nodes.len());
    let before = boxes(&home.host);
    let again = compute_layout(&mut home.host, home.root, SCREEN);
    assert_eq!(again.nodes_laid_out, 0);
    assert_eq!(boxes(&home.host), before);
}

#[test]
fn changing_one_poster_relays_out_only_its_path_and_affected_siblings() {
    let mut home = build_home();
    let total = home.host.nodes.len();
    assert!(total >= 400, "tree has {} nodes", total);
    compute_layout(&mut home.host, home.root, SCREEN);

    // The fifth card of the third rail gets a wider poster.
    let poster = home.posters[2][4];
    let style = Style {
        size: Size::new(px(300.0), Dim::Auto),
        ..Style::default()
    };
    home.host.set_style(poster, style);
    let t = std::time::Instant::now();
    let stats = compute_layout(&mut home.host, home.root, SCREEN);
    println!("relayout took {:?} (not asserted)", t.elapsed());

    println!(
        "relayout after one leaf change: {} of {} nodes",
        stats.nodes_laid_out, total
    );
    assert!(
        stats.nodes_laid_out <= 30,
        "{} nodes laid out after one leaf change (tree of {})",
        stats.nodes_laid_out,
        total
    );
    // The card grew, its later siblings moved.
    let card = home.host.nodes[poster].parent.unwrap();
    assert_eq!(home.host.layout(card).width, 316.0);
    assert_eq!(home.host.layout(poster).width, 300.0);

    // Oracle: the incremental result equals a fresh layout of the same tree.
    let incremental = boxes(&home.host);
    for n in home.host.nodes.iter_mut() {
        n.cache.invalidate();
    }
    compute_layout(&mut home.host, home.root, SCREEN);
    assert_eq!(boxes(&home.host), incremental);
}

#[test]
fn changing_the_root_size_relays_out_everything_that_depends_on_it() {
    let mut home = build_home();
    compute_layout(&mut home.host, home.root, SCREEN);
    let mut style = home.host.nodes[home.root].style;
    style.padding = Edges::all(px(24.0));
    home.host.set_style(home.root, style);
    let stats = compute_layout(&mut home.host, home.root, SCREEN);
    // Every rail and card moves, but cards keep their sizes: their subtrees
    // are served from the caches.
    assert!(
        stats.nodes_laid_out < home.host.nodes.len() / 2,
        "{}",
        stats.nodes_laid_out
    );
    let incremental = boxes(&home.host);
    for n in home.host.nodes.iter_mut() {
        n.cache.invalidate();
    }
    compute_layout(&mut home.host, home.root, SCREEN);
    assert_eq!(boxes(&home.host), incremental);
}
