//! Damage rectangles and culled display lists.
mod common;
use common::*;
use marquee_renderer::display::dl;
use marquee_renderer::Engine;

fn area(e: &Engine) -> f32 {
    e.frame.out.damage.iter().map(|d| d[2] * d[3]).sum()
}

fn settled_home() -> Engine {
    let mut e = Engine::new();
    home_page().focus(1000).apply(&mut e);
    e.frame(0.0);
    e.frame(16.0);
    assert_eq!(e.frame.out.header[0], 0, "a second frame with no change paints nothing");
    e
}

#[test]
fn the_home_page_has_about_four_hundred_nodes() {
    let e = settled_home();
    assert!(e.scene.len() >= 400, "{}", e.scene.len());
}

#[test]
fn moving_focus_between_posters_damages_under_five_percent_of_the_screen() {
    let mut e = settled_home();
    B::new().key(4, 0).apply(&mut e);
    e.frame(32.0);
    assert_eq!(e.frame.out.header[0], 1, "display list, not a full repaint");
    let a = area(&e);
    assert!(a > 0.0 && a < 0.05 * 1920.0 * 1080.0, "damaged {} px ({:?})", a, e.frame.out.damage);
    assert!(e.dump().contains("#1004 view") && e.dump().contains("scale_x=1.1"));
}

#[test]
fn a_culled_list_holds_only_nodes_that_touch_the_damage() {
    let mut e = settled_home();
    B::new().key(4, 0).apply(&mut e);
    e.frame(32.0);
    let rects = e.frame.out.dl.iter().filter(|r| r[0] == dl::RECT || r[0] == dl::RRECT).count();
    let texts = e.frame.out.dl.iter().filter(|r| r[0] == dl::TEXT).count();
    // The two posters (card, bar, title) plus the backgrounds beneath them.
    assert!(rects < 12, "{} rects", rects);
    assert!(texts <= 4, "{} texts", texts);
    // Save/restore stay balanced.
    let saves = e.frame.out.dl.iter().filter(|r| matches!(r[0], dl::SAVE | dl::LAYER)).count();
    let restores = e.frame.out.dl.iter().filter(|r| r[0] == dl::RESTORE).count();
    assert_eq!(saves, restores);
}

#[test]
fn a_background_change_damages_exactly_that_nodes_bounds() {
    let mut e = settled_home();
    B::new().prop(1000 + 300 + 8, 40, V::U32(0x00ff00ff)).apply(&mut e);
    e.frame(32.0);
    let g = e.frame.geo[e.scene.lookup(1308).unwrap()].abs;
    assert_eq!(e.frame.out.damage, vec![[g.x, g.y, g.w, g.h]]);
}

#[test]
fn a_removed_node_damages_where_it_was() {
    let mut e = settled_home();
    let g = e.frame.geo[e.scene.lookup(1000 + 200 + 11 * 4 + 3).unwrap()].abs;
    B::new().remove(1000 + 200 + 11 * 4 + 3).apply(&mut e);
    e.frame(32.0);
    assert!(e.frame.out.damage.iter().any(|d| d[0] <= g.x && d[1] <= g.y && d[0] + d[2] >= g.x + g.w && d[1] + d[3] >= g.y + g.h));
}

#[test]
fn scrolling_a_rail_damages_that_rail_only() {
    let mut e = settled_home();
    B::new().prop(104, 53, V::F(146.0)).apply(&mut e);
    e.frame(32.0);
    let rail = e.frame.geo[e.scene.lookup(104).unwrap()].abs;
    for d in &e.frame.out.damage {
        assert!(d[1] >= rail.y && d[1] + d[3] <= rail.y + rail.h, "{:?} outside rail {:?}", d, rail);
    }
    assert!(area(&e) > 0.0);
}

#[test]
fn damage_is_in_surface_pixels() {
    let mut e = settled_home();
    B::new().viewport(960, 540, 1920.0, 1080.0).apply(&mut e);
    e.frame(32.0);
    B::new().prop(1308, 40, V::U32(0x00ff00ff)).apply(&mut e);
    e.frame(48.0);
    let g = e.frame.geo[e.scene.lookup(1308).unwrap()].abs;
    assert_eq!(e.frame.out.damage, vec![[(g.x / 2.0).floor(), (g.y / 2.0).floor(), (g.w / 2.0).ceil(), (g.h / 2.0).ceil()]]);
}

#[test]
fn raising_a_container_without_paint_damages_its_children() {
    let mut e = Engine::new();
    B::new()
        .view(1)
        .root(1)
        .props(1, &[(12, V::Pt(400.0)), (13, V::Pt(400.0))])
        .view(2)
        .props(2, &[(2, V::U8(1)), (12, V::Pt(100.0)), (13, V::Pt(100.0))])
        .view(3)
        .props(3, &[(12, V::Pt(100.0)), (13, V::Pt(100.0)), (40, V::U32(0xff0000ff))])
        .view(4)
        .props(4, &[(2, V::U8(1)), (12, V::Pt(100.0)), (13, V::Pt(100.0)), (40, V::U32(0x00ff00ff))])
        .append(1, 2)
        .append(2, 3)
        .append(1, 4)
        .apply(&mut e);
    e.frame(0.0);
    B::new().prop(2, 51, V::I32(5)).apply(&mut e);
    e.frame(1.0);
    assert_eq!(e.frame.out.damage, vec![[0.0, 0.0, 100.0, 100.0]]);
    let colors: Vec<u32> = e.frame.out.dl.iter().filter(|r| r[0] == dl::RECT).map(|r| r[5]).collect();
    assert_eq!(colors, vec![0x00ff00ff, 0xff0000ff]);
}
