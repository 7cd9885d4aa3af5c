//! Right-to-left layouts through the engine: `DIRECTION` is inherited, rows
//! run right to left, left/right focus moves follow the visual order, and a
//! right-to-left scroll container scrolls to negative offsets (its content
//! overflows to the left).
mod common;
use common::*;
use marquee_renderer::events;
use marquee_renderer::Engine;

const DIRECTION: u16 = 37;
const FLEX_SHRINK: u16 = 10;
const RTL: u8 = 2;
const LEFT: u8 = 3;
const RIGHT: u8 = 4;

fn focused(e: &mut Engine) -> u32 {
    e.prepare();
    if e.focus.node == u32::MAX {
        0
    } else {
        e.scene.ids[e.focus.node as usize]
    }
}

fn press(e: &mut Engine, key: u8, now: f64) -> Vec<[u32; 8]> {
    B::new().key(key, 0).apply(e);
    e.frame(now);
    e.frame.out.events.clone()
}

/// Root 1 (rtl, `width` wide) > row 2 (inherits) > 100x100 focusable cells
/// 10.. with 20 gaps; `scroll`: the row is an `OVERFLOW` scroll container.
fn rtl_row(width: f32, cells: u32, scroll: bool) -> Engine {
    let mut e = Engine::new();
    let mut b = B::new()
        .view(1)
        .root(1)
        .props(1, &[(p::WIDTH, V::Pt(width)), (p::HEIGHT, V::Pt(200.0)), (DIRECTION, V::U8(RTL))])
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(width)), (p::COLUMN_GAP, V::Pt(20.0)), (p::OVERFLOW, V::U8(if scroll { 2 } else { 0 }))])
        .append(1, 2);
    for k in 0..cells {
        let id = 10 + k;
        b = b
            .view(id)
            .props(id, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::FOCUSABLE, V::U8(1)), (FLEX_SHRINK, V::F(0.0))])
            .append(2, id);
    }
    b.focus(10).apply(&mut e);
    e.frame(0.0);
    e
}

#[test]
fn an_inherited_rtl_direction_runs_the_row_right_to_left() {
    let mut e = rtl_row(1000.0, 3, false);
    let dump = e.dump();
    assert!(dump.contains("#10 view [900,0 100x100]"), "{}", dump);
    assert!(dump.contains("#11 view [780,0 100x100]"), "{}", dump);
    assert!(dump.contains("#12 view [660,0 100x100]"), "{}", dump);
    // Back to ltr: the row (which only inherits) relays out from the left.
    B::new().prop(1, DIRECTION, V::U8(1)).apply(&mut e);
    e.frame(16.0);
    assert!(e.dump().contains("#12 view [240,0 100x100]"), "{}", e.dump());
}

#[test]
fn left_and_right_follow_the_visual_order_of_an_rtl_row() {
    let mut e = rtl_row(1000.0, 3, false);
    assert_eq!(focused(&mut e), 10);
    press(&mut e, RIGHT, 16.0);
    assert_eq!(focused(&mut e), 10, "nothing lies right of the first (rightmost) cell");
    press(&mut e, LEFT, 32.0);
    assert_eq!(focused(&mut e), 11);
    press(&mut e, LEFT, 48.0);
    assert_eq!(focused(&mut e), 12);
    press(&mut e, RIGHT, 64.0);
    assert_eq!(focused(&mut e), 11);
}

#[test]
fn an_rtl_scroll_container_scrolls_to_negative_offsets_to_show_focus() {
    // 10 cells of 100 + 20 gaps in a 300 wide rail: cell 13 (the fourth
    // from the right) starts at 300 - 4 * 120 + 20 = -160.
    let mut e = rtl_row(300.0, 10, true);
    let mut scrolls = Vec::new();
    for (i, now) in [16.0, 32.0, 48.0].iter().enumerate() {
        let ev = press(&mut e, LEFT, *now);
        assert_eq!(focused(&mut e), 11 + i as u32);
        scrolls.extend(ev.iter().filter(|r| r[0] == events::SCROLL && r[1] == 2).map(|r| f32::from_bits(r[2])));
    }
    // Cell 12 (at -40) scrolls by 40, cell 13 (at -160) by 160: its left
    // edge lands on the rail's left edge.
    assert_eq!(scrolls, vec![-40.0, -160.0]);
}
