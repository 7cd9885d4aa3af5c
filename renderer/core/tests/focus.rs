//! Focus: directional navigation, press, state overrides and events.
mod common;
use common::*;
use marquee_renderer::events;
use marquee_renderer::Engine;

/// A 3x3 grid of focusable 100x100 cells with 20 gaps; ids 11..=33 (row, col).
fn grid() -> Engine {
    let mut e = Engine::new();
    let mut b = B::new()
        .view(1)
        .root(1)
        .props(1, &[(p::FLEX_DIRECTION, V::U8(1)), (p::ROW_GAP, V::Pt(20.0)), (6, V::U8(1))]);
    for r in 1..=3u32 {
        let row = 100 + r;
        b = b.view(row).prop(row, p::COLUMN_GAP, V::Pt(20.0)).append(1, row);
        for c in 1..=3u32 {
            let id = r * 10 + c;
            b = b
                .view(id)
                .props(id, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::FOCUSABLE, V::U8(1))])
                .state_props(id, 1, &[(p::BACKGROUND, V::U32(0xffffffff))])
                .state_props(id, 2, &[(p::SCALE_X, V::F(0.9))])
                .append(row, id);
        }
    }
    b.apply(&mut e);
    e.frame(0.0);
    e
}

fn focused(e: &mut Engine) -> u32 {
    e.prepare();
    if e.focus.node == u32::MAX {
        0
    } else {
        e.scene.ids[e.focus.node as usize]
    }
}

fn press(e: &mut Engine, key: u8) -> Vec<[u32; 8]> {
    B::new().key(key, 0).apply(e);
    e.frame(1.0);
    e.frame.out.events.clone()
}

#[test]
fn an_arrow_with_nothing_focused_focuses_the_first_focusable_node() {
    let mut e = grid();
    press(&mut e, 4);
    assert_eq!(focused(&mut e), 11);
}

#[test]
fn arrows_move_to_the_neighbour_in_that_direction() {
    let mut e = grid();
    B::new().focus(22).apply(&mut e);
    for (key, want) in [(4u8, 23u32), (2, 33), (3, 32), (1, 22), (1, 12), (3, 11)] {
        press(&mut e, key);
        assert_eq!(focused(&mut e), want, "after key {}", key);
    }
}

#[test]
fn an_arrow_at_the_edge_is_not_handled() {
    let mut e = grid();
    B::new().focus(13).apply(&mut e);
    e.frame(1.0);
    let ev = press(&mut e, 4);
    assert_eq!(focused(&mut e), 13);
    assert_eq!(ev, vec![[events::KEY, 13, 4, 0, 0, 0, 0, 0]]);
}

#[test]
fn the_beam_wins_over_a_closer_diagonal() {
    // Current at (0,0); a diagonal candidate close by; an aligned one far right.
    let mut e = Engine::new();
    B::new()
        .view(1)
        .root(1)
        .props(1, &[(p::WIDTH, V::Pt(1000.0)), (p::HEIGHT, V::Pt(1000.0))])
        .view(2)
        .props(2, &[(2, V::U8(1)), (p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::FOCUSABLE, V::U8(1))])
        .view(3)
        .props(3, &[(2, V::U8(1)), (30, V::Pt(120.0)), (31, V::Pt(110.0)), (p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::FOCUSABLE, V::U8(1))])
        .view(4)
        .props(4, &[(2, V::U8(1)), (30, V::Pt(600.0)), (31, V::Pt(0.0)), (p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::FOCUSABLE, V::U8(1))])
        .append(1, 2)
        .append(1, 3)
        .append(1, 4)
        .focus(2)
        .apply(&mut e);
    press(&mut e, 4);
    assert_eq!(focused(&mut e), 4, "{}", e.dump());
}

#[test]
fn disabled_and_invisible_nodes_are_skipped() {
    let mut e = grid();
    B::new().focus(11).prop(12, p::DISABLED, V::U8(1)).apply(&mut e);
    press(&mut e, 4);
    assert_eq!(focused(&mut e), 13);
    B::new().prop(12, p::DISABLED, V::U8(0)).prop(12, p::VISIBLE, V::U8(0)).apply(&mut e);
    press(&mut e, 3);
    assert_eq!(focused(&mut e), 11);
}

#[test]
fn a_focus_scope_keeps_focus_inside() {
    let mut e = grid();
    // A scope alone is left by arrows; a trap (FOCUS_TRAP 88) is not.
    B::new().prop(101, p::FOCUS_SCOPE, V::U8(1)).focus(12).apply(&mut e);
    press(&mut e, 2);
    assert_eq!(focused(&mut e), 22);
    B::new().prop(102, 88, V::U8(1)).apply(&mut e);
    press(&mut e, 2);
    assert_eq!(focused(&mut e), 22);
    press(&mut e, 4);
    assert_eq!(focused(&mut e), 23);
}

#[test]
fn focus_events_name_the_previous_and_next_nodes() {
    let mut e = grid();
    B::new().focus(11).apply(&mut e);
    e.frame(1.0);
    assert_eq!(
        e.frame.out.events,
        vec![[events::FOCUS, 11, 0, 0, 0, 0, 0, 0], [events::FOCUS_PATH, 11, 3, 0, 1, 101, 11, 0]]
    );
    let ev = press(&mut e, 4);
    assert_eq!(
        ev,
        vec![
            [events::KEY, 11, 4, 0, 1, 0, 0, 0],
            [events::BLUR, 11, 12, 0, 0, 0, 0, 0],
            [events::FOCUS, 12, 11, 0, 0, 0, 0, 0],
            [events::FOCUS_PATH, 12, 3, 0, 1, 101, 12, 0]
        ]
    );
    B::new().focus(0).apply(&mut e);
    e.frame(2.0);
    assert_eq!(e.frame.out.events, vec![[events::BLUR, 12, 0, 0, 0, 0, 0, 0]]);
}

#[test]
fn focused_state_props_apply_and_revert() {
    let mut e = grid();
    B::new().prop(11, p::BACKGROUND, V::U32(0x112233ff)).focus(11).apply(&mut e);
    assert!(e.dump().contains("#11 view [0,0 100x100] width=100 height=100 bg=#ffffffff focusable focused"), "{}", e.dump());
    // A base change while overridden shows once the state ends.
    B::new().prop(11, p::BACKGROUND, V::U32(0x445566ff)).focus(12).apply(&mut e);
    assert!(e.dump().contains("#11 view [0,0 100x100] width=100 height=100 bg=#445566ff focusable\n"), "{}", e.dump());
}

#[test]
fn select_presses_the_focused_node() {
    let mut e = grid();
    B::new().focus(22).apply(&mut e);
    e.frame(1.0);
    let ev = press(&mut e, 5);
    assert_eq!(ev, vec![[events::KEY, 22, 5, 0, 0, 0, 0, 0], [events::PRESS, 22, 0, 0, 0, 0, 0, 0]]);
    assert!(e.dump().contains("scale_x=0.9 focusable focused pressed"), "{}", e.dump());
    B::new().key(5, 2).apply(&mut e);
    assert!(!e.dump().contains("pressed"));
    assert!(!e.dump().contains("scale_x"));
}

#[test]
fn a_disabled_node_is_never_pressed_and_gets_its_disabled_style() {
    let mut e = grid();
    B::new().focus(22).apply(&mut e);
    e.frame(1.0);
    B::new()
        .state_props(22, 3, &[(p::OPACITY, V::F(0.4))])
        .prop(22, p::DISABLED, V::U8(1))
        .apply(&mut e);
    e.frame(1.0);
    // Disabling the focused node moves focus to its nearest neighbour
    // (12, 21, 23 and 32 are equally near: tree order picks 12).
    assert_eq!(focused(&mut e), 12);
    let ev = press(&mut e, 5);
    assert_eq!(ev, vec![[events::KEY, 12, 5, 0, 0, 0, 0, 0], [events::PRESS, 12, 0, 0, 0, 0, 0, 0]]);
    assert!(e.dump().contains("opacity=0.4"));
    assert!(!e.dump().contains("#22 view [120,120 100x100] bg=#ffffffff"));
}

#[test]
fn later_states_win() {
    let mut e = grid();
    B::new().focus(22).apply(&mut e);
    B::new()
        .state_props(22, 3, &[(p::BACKGROUND, V::U32(0x00000080))])
        .prop(22, p::DISABLED, V::U8(1))
        .apply(&mut e);
    assert!(e.dump().contains("bg=#00000080"), "{}", e.dump());
}

#[test]
fn removing_the_focused_node_blurs_it() {
    let mut e = grid();
    B::new().focus(22).apply(&mut e);
    e.frame(1.0);
    B::new().remove(102).apply(&mut e);
    e.frame(2.0);
    // Row 3 moves up into row 2's place: 32 is now nearest to where 22 was.
    assert_eq!(
        e.frame.out.events,
        vec![
            [events::BLUR, 22, 0, 0, 0, 0, 0, 0],
            [events::FOCUS, 32, 0, 0, 0, 0, 0, 0],
            [events::FOCUS_PATH, 32, 3, 0, 1, 103, 32, 0]
        ]
    );
    assert_eq!(focused(&mut e), 32);
    // With nothing focusable left, focus is blurred.
    B::new().remove(101).remove(103).apply(&mut e);
    e.frame(3.0);
    assert_eq!(e.frame.out.events, vec![[events::BLUR, 32, 0, 0, 0, 0, 0, 0]]);
    assert_eq!(focused(&mut e), 0);
}

#[test]
fn other_keys_are_reported_unhandled() {
    let mut e = grid();
    let ev = press(&mut e, 6);
    assert_eq!(ev, vec![[events::KEY, 0, 6, 0, 0, 0, 0, 0]]);
}

#[test]
fn a_scroll_rail_follows_focus_to_keep_the_focused_poster_visible() {
    let mut e = Engine::new();
    let mut b = B::new()
        .view(1)
        .root(1)
        .props(1, &[(p::WIDTH, V::Pt(600.0)), (p::HEIGHT, V::Pt(200.0)), (p::OVERFLOW, V::U8(2)), (p::COLUMN_GAP, V::Pt(20.0))]);
    for k in 0..10u32 {
        let id = 10 + k;
        b = b
            .view(id)
            .props(id, &[(p::WIDTH, V::Pt(130.0)), (p::HEIGHT, V::Pt(100.0)), (p::FOCUSABLE, V::U8(1)), (10, V::F(0.0))])
            .append(1, id);
    }
    b.focus(10).apply(&mut e);
    e.frame(0.0);
    for _ in 0..5 {
        press(&mut e, 4);
    }
    assert_eq!(focused(&mut e), 15);
    // Poster 15 spans 750..880 in content coordinates: scroll 280 shows it at the right edge.
    assert!(e.dump().contains("overflow=scroll scroll_x=280"), "{}", e.dump());
    for _ in 0..5 {
        press(&mut e, 3);
    }
    assert_eq!(focused(&mut e), 10);
    assert!(!e.dump().contains("scroll_x"), "{}", e.dump());
}

#[test]
fn a_next_override_naming_the_node_itself_keeps_focus_there() {
    // Right from 22 finds 23 spatially; NEXT_RIGHT = 22 (itself) means stay
    // (the SDK's `STOP`): focus holds, and the arrow is reported unhandled.
    let mut e = grid();
    B::new().focus(22).prop(22, NEXT_RIGHT, V::U32(22)).apply(&mut e);
    e.frame(1.0);
    let ev = press(&mut e, 4);
    assert_eq!(focused(&mut e), 22);
    assert_eq!(ev, vec![[events::KEY, 22, 4, 0, 0, 0, 0, 0]]);
    press(&mut e, 2); // other directions still search
    assert_eq!(focused(&mut e), 32);
}

/// `NEXT_RIGHT` (PROTOCOL.md section 3).
const NEXT_RIGHT: u16 = 92;

/// `STOP_AT_EDGES` (PROTOCOL.md section 3): bit 0 up, 1 down, 2 left, 3 right.
const STOP_AT_EDGES: u16 = 105;

#[test]
fn stop_at_edges_keeps_an_arrow_inside_its_container() {
    // Row 102 keeps only 21: Right from it would go up-right to 12.
    let mut e = grid();
    B::new().remove(22).remove(23).focus(21).apply(&mut e);
    e.frame(1.0);
    press(&mut e, 4);
    assert_eq!(focused(&mut e), 12, "without the stop, right leaves the row");
    B::new().focus(21).prop(102, STOP_AT_EDGES, V::U8(1 << 3)).apply(&mut e);
    e.frame(2.0);
    let ev = press(&mut e, 4);
    assert_eq!(focused(&mut e), 21);
    assert_eq!(ev, vec![[events::KEY, 21, 4, 0, 0, 0, 0, 0]], "the arrow is reported unhandled");
    press(&mut e, 1); // other directions still leave
    assert_eq!(focused(&mut e), 11);
}

#[test]
fn stop_at_edges_still_moves_inside_the_container() {
    // Right from 21 in a stopped row goes to 22, the next cell of the row.
    let mut e = grid();
    B::new().focus(21).prop(102, STOP_AT_EDGES, V::U8(1 << 3)).apply(&mut e);
    e.frame(1.0);
    press(&mut e, 4);
    assert_eq!(focused(&mut e), 22);
    press(&mut e, 4);
    press(&mut e, 4);
    assert_eq!(focused(&mut e), 23);
}

#[test]
fn focus_within_styles_follow_focus_into_a_subtree() {
    // 210 sits inside cell 21; its state-4 set shows while 21 (or 210) is focused.
    let mut e = grid();
    B::new()
        .view(210)
        .props(210, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::BACKGROUND, V::U32(0x111111ff))])
        .state_props(210, 4, &[(p::BACKGROUND, V::U32(0xabcdefff))])
        .append(21, 210)
        .focus(21)
        .apply(&mut e);
    e.frame(1.0);
    assert!(e.dump().contains("#210 view [0,120 10x10] width=10 height=10 bg=#abcdefff"), "{}", e.dump());
    B::new().focus(22).apply(&mut e);
    e.frame(2.0);
    assert!(e.dump().contains("#210 view [0,120 10x10] width=10 height=10 bg=#111111ff"), "{}", e.dump());
    // Moved under the focused node, it takes the style; moved out, it drops it.
    B::new().append(22, 210).apply(&mut e);
    assert!(e.dump().contains("bg=#abcdefff"), "{}", e.dump());
    B::new().append(23, 210).apply(&mut e);
    assert!(!e.dump().contains("bg=#abcdefff"), "{}", e.dump());
}

#[test]
fn focused_wins_over_focus_within_on_the_focused_node() {
    let mut e = grid();
    B::new().state_props(21, 4, &[(p::BACKGROUND, V::U32(0x00ff00ff))]).focus(21).apply(&mut e);
    e.frame(1.0);
    assert!(e.dump().contains("#21 view [0,120 100x100] width=100 height=100 bg=#ffffffff"), "{}", e.dump());
}
