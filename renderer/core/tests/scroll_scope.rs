//! `SCROLL` and `SCOPE_MEMORY` events and the `REMEMBER_FOCUS` command.
mod common;
use common::*;
use marquee_renderer::events;
use marquee_renderer::protocol::Code;
use marquee_renderer::Engine;

const POSITION: u16 = 2;
const FLEX_SHRINK: u16 = 10;
const INSET_LEFT: u16 = 30;
const INSET_TOP: u16 = 31;
const SCROLL_Y: u16 = 54;

/// Events of kind `kind` in `ev`.
fn of(ev: &[[u32; 8]], kind: u32) -> Vec<[u32; 8]> {
    ev.iter().filter(|r| r[0] == kind).copied().collect()
}

fn scroll(node: u32, x: f32, y: f32) -> [u32; 8] {
    [events::SCROLL, node, x.to_bits(), y.to_bits(), 0, 0, 0, 0]
}

fn memory(scope: u32, node: u32) -> [u32; 8] {
    [events::SCOPE_MEMORY, scope, node, 0, 0, 0, 0, 0]
}

fn step(e: &mut Engine, b: B, now: f64) -> Vec<[u32; 8]> {
    b.apply(e);
    e.frame(now);
    e.frame.out.events.clone()
}

/// A 600x400 scrolling column (node 1, the root) of ten 100x100 items 10..=19.
fn column() -> Engine {
    let mut e = Engine::new();
    let mut b = B::new().view(1).root(1).props(
        1,
        &[(p::WIDTH, V::Pt(600.0)), (p::HEIGHT, V::Pt(400.0)), (p::OVERFLOW, V::U8(2)), (p::FLEX_DIRECTION, V::U8(1))],
    );
    for k in 0..10u32 {
        let id = 10 + k;
        b = b
            .view(id)
            .props(id, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::FOCUSABLE, V::U8(1)), (FLEX_SHRINK, V::F(0.0))])
            .append(1, id);
    }
    b.focus(10).apply(&mut e);
    e.frame(0.0);
    e
}

#[test]
fn scroll_into_view_reports_the_target_in_the_frame_of_the_focus_change() {
    let mut e = column();
    let mut now = 16.0;
    for _ in 0..3 {
        let ev = step(&mut e, B::new().key(2, 0), now);
        now += 16.0;
        assert!(of(&ev, events::SCROLL).is_empty(), "{:?}", ev);
    }
    // Item 14 spans 400..500: the column scrolls to 100, in the FOCUS frame.
    let ev = step(&mut e, B::new().key(2, 0), now);
    let focus_at = ev.iter().position(|r| r[0] == events::FOCUS).expect("focus moved");
    let scroll_at = ev.iter().position(|r| r[0] == events::SCROLL).expect("scroll reported");
    assert!(focus_at < scroll_at);
    assert_eq!(of(&ev, events::SCROLL), vec![scroll(1, 0.0, 100.0)]);
    assert!(e.dump().contains("scroll_y=100"), "{}", e.dump());
    // The glide's later frames report nothing more: the target is what counts.
    for k in 1..30 {
        let ev = step(&mut e, B::new(), now + 16.0 * f64::from(k));
        assert!(of(&ev, events::SCROLL).is_empty(), "{:?}", ev);
    }
}

#[test]
fn several_moves_in_one_frame_report_once_with_the_final_target() {
    let mut e = column();
    let ev = step(&mut e, B::new().key(2, 0).key(2, 2).key(2, 0).key(2, 2).key(2, 0).key(2, 2).key(2, 0).key(2, 2).key(2, 0), 16.0);
    assert_eq!(of(&ev, events::FOCUS).len(), 5);
    // Item 15 (500..600) at the bottom edge: 200.
    assert_eq!(of(&ev, events::SCROLL), vec![scroll(1, 0.0, 200.0)]);
}

#[test]
fn host_set_scroll_offsets_are_reported_once_when_they_change() {
    let mut e = column();
    let ev = step(&mut e, B::new().prop(1, SCROLL_Y, V::F(50.0)), 16.0);
    assert_eq!(of(&ev, events::SCROLL), vec![scroll(1, 0.0, 50.0)]);
    let ev = step(&mut e, B::new().prop(1, SCROLL_Y, V::F(50.0)), 32.0);
    assert!(of(&ev, events::SCROLL).is_empty());
    // Changed and changed back within one frame: nothing to report.
    let ev = step(&mut e, B::new().prop(1, SCROLL_Y, V::F(70.0)).prop(1, SCROLL_Y, V::F(50.0)), 48.0);
    assert!(of(&ev, events::SCROLL).is_empty());
}

#[test]
fn a_new_node_reports_a_nonzero_scroll_and_a_removed_one_forgets_its_own() {
    let mut e = column();
    let ev = step(&mut e, B::new().view(50).prop(50, p::SCROLL_X, V::F(30.0)).view(51), 16.0);
    assert_eq!(of(&ev, events::SCROLL), vec![scroll(50, 30.0, 0.0)]);
    // Re-created at 0,0: its "last reported" starts again at 0,0.
    let ev = step(&mut e, B::new().remove(50).view(50), 32.0);
    assert!(of(&ev, events::SCROLL).is_empty());
    let ev = step(&mut e, B::new().remove(50).view(50).prop(50, p::SCROLL_X, V::F(30.0)), 48.0);
    assert_eq!(of(&ev, events::SCROLL), vec![scroll(50, 30.0, 0.0)]);
}

/// Row scopes 100 (y 100) and 200 (y 500) with items r+1..=r+3 at x 100, 400, 700.
fn rows() -> Engine {
    let mut e = Engine::new();
    let mut b = B::new().view(1).root(1).props(1, &[(p::WIDTH, V::Pt(1920.0)), (p::HEIGHT, V::Pt(1080.0))]);
    let place = |b: B, id: u32, parent: u32, x: f32, y: f32, w: f32, h: f32| {
        b.view(id)
            .props(
                id,
                &[(POSITION, V::U8(1)), (INSET_LEFT, V::Pt(x)), (INSET_TOP, V::Pt(y)), (p::WIDTH, V::Pt(w)), (p::HEIGHT, V::Pt(h))],
            )
            .append(parent, id)
    };
    for (row, y) in [(100u32, 100.0f32), (200, 500.0)] {
        b = place(b, row, 1, 0.0, y, 1920.0, 200.0).prop(row, p::FOCUS_SCOPE, V::U8(1));
        for (k, x) in [100.0f32, 400.0, 700.0].iter().enumerate() {
            let id = row + 1 + k as u32;
            b = place(b, id, row, *x, 0.0, 200.0, 150.0).prop(id, p::FOCUSABLE, V::U8(1));
        }
    }
    b.apply(&mut e);
    e.frame(0.0);
    e
}

#[test]
fn scope_memory_changes_are_reported() {
    let mut e = rows();
    let ev = step(&mut e, B::new().focus(101), 16.0);
    assert_eq!(of(&ev, events::SCOPE_MEMORY), vec![memory(100, 101)]);
    let ev = step(&mut e, B::new().key(4, 0), 32.0);
    assert_eq!(of(&ev, events::SCOPE_MEMORY), vec![memory(100, 102)]);
    // Leaving row 100 keeps its memory; row 200 learns its first.
    let ev = step(&mut e, B::new().key(2, 0), 48.0);
    assert_eq!(of(&ev, events::SCOPE_MEMORY), vec![memory(200, 202)]);
    // Removing a remembered node forgets it (0); the removed scope reports nothing.
    let ev = step(&mut e, B::new().remove(102), 64.0);
    assert_eq!(of(&ev, events::SCOPE_MEMORY), vec![memory(100, 0)]);
    let ev = step(&mut e, B::new().remove(200), 80.0);
    assert!(of(&ev, events::SCOPE_MEMORY).iter().all(|r| r[1] != 200), "{:?}", ev);
}

#[test]
fn remember_focus_restores_what_entering_a_scope_focuses() {
    let mut e = rows();
    let ev = step(&mut e, B::new().remember_focus(200, 203).focus(101), 16.0);
    assert_eq!(of(&ev, events::SCOPE_MEMORY), vec![memory(200, 203), memory(100, 101)]);
    step(&mut e, B::new().key(2, 0), 32.0);
    assert_eq!(e.scene.ids[e.focus.node as usize], 203);
    // Repeating it changes nothing, so it reports nothing; 0 forgets.
    let ev = step(&mut e, B::new().remember_focus(200, 203), 48.0);
    assert!(of(&ev, events::SCOPE_MEMORY).is_empty());
    let ev = step(&mut e, B::new().remember_focus(100, 0), 64.0);
    assert_eq!(of(&ev, events::SCOPE_MEMORY), vec![memory(100, 0)]);
}

#[test]
fn remember_focus_rejects_bad_ids_with_the_command_index() {
    let mut e = rows();
    for (b, index, code) in [
        (B::new().focus(101).remember_focus(999, 101), 1, Code::UnknownNode),
        (B::new().remember_focus(100, 999), 0, Code::UnknownNode),
        (B::new().view(7).remember_focus(100, 201), 1, Code::NotAllowed),
        (B::new().remember_focus(100, 100), 0, Code::NotAllowed),
        (B::new().remember_focus(0, 0), 0, Code::UnknownNode),
        (B::new().raw(0x22, &[1, 0, 0, 0]), 0, Code::Truncated),
    ] {
        let err = e.apply(&b.bytes).expect_err("rejected");
        assert_eq!((err.index, err.code), (index, code), "{}", err.text());
        assert!(err.text().contains("REMEMBER_FOCUS"), "{}", err.text());
    }
    // A node moved into the scope earlier in the same batch is inside it.
    let ok = B::new().view(7).props(7, &[(p::FOCUSABLE, V::U8(1))]).append(100, 7).remember_focus(100, 7);
    assert!(e.apply(&ok.bytes).is_ok());
    let err = e.apply(&B::new().remember_focus(100, 7).bytes).err();
    assert!(err.is_none());
    let err = e.apply(&B::new().remove(7).remember_focus(100, 7).bytes).expect_err("removed");
    assert_eq!((err.index, err.code), (1, Code::UnknownNode));
    assert_eq!(err.text(), "command 1 (REMEMBER_FOCUS): node 7 does not exist");
}
