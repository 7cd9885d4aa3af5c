//! The dump format (PROTOCOL.md section 7).
mod common;
use common::*;
use marquee_renderer::Engine;

#[test]
fn the_dump_prints_non_default_properties_in_property_id_order() {
    let mut e = Engine::new();
    mono_font()
        .string(1, "Hello \"you\"\nthere")
        .string(2, "play")
        .view(1)
        .root(1)
        .props(1, &[(p::WIDTH, V::Pt(1920.0)), (p::HEIGHT, V::Pt(1080.0)), (p::BACKGROUND, V::U32(0x101018ff)), (p::FLEX_DIRECTION, V::U8(1))])
        .text(2)
        .set_text(2, 1)
        .props(2, &[(p::MARGIN_LEFT, V::Pct(2.5)), (p::OPACITY, V::F(1.0 / 3.0))])
        .view(3)
        .props(3, &[(p::TEST_ID, V::U32(2)), (p::ROLE, V::U8(4)), (p::FOCUSABLE, V::U8(1)), (p::WIDTH, V::Auto), (p::HEIGHT, V::Pt(80.5))])
        .append(1, 2)
        .append(1, 3)
        .view(9)
        .focus(3)
        .apply(&mut e);
    let d = e.dump().to_string();
    let lines: Vec<&str> = d.lines().collect();
    assert_eq!(lines[0], "#1 view [0,0 1920x1080] direction=column width=1920 height=1080 bg=#101018ff");
    assert!(lines[1].starts_with("  #2 text [48,0 1872x"), "{}", lines[1]);
    assert!(lines[1].ends_with("\"Hello \\\"you\\\"\\nthere\" margin_left=2.5% opacity=0.33 font=0 size=32 color=#ffffffff"), "{}", lines[1]);
    assert!(lines[2].ends_with("x81] height=80.5 role=button test_id=\"play\" focusable focused"), "{}", lines[2]);
    assert_eq!(&lines[3..], &["detached:", "  #9 view [0,0 0x0]"]);
}

#[test]
fn missing_glyphs_are_counted_in_the_dump() {
    let mut e = Engine::new();
    mono_font().string(1, "ab\u{4e16}").view(1).root(1).text(2).set_text(2, 1).append(1, 2).apply(&mut e);
    assert!(e.dump().contains(" missing_glyphs=1"), "{}", e.dump());
}

#[test]
fn the_dump_is_stable_across_calls() {
    let mut e = Engine::new();
    home_page().apply(&mut e);
    let a = e.dump().to_string();
    e.frame(0.0);
    assert_eq!(e.dump(), a);
}

#[test]
fn the_dump_prints_roles_state_names_and_range_values() {
    let mut e = Engine::new();
    mono_font()
        .string(1, "7 of 10")
        .view(1)
        .root(1)
        .view(2)
        .props(2, &[(80, V::U8(11)), (95, V::U8(0b10_0001))])
        .view(3)
        .props(3, &[(80, V::U8(12)), (98, V::F(10.0))])
        .view(4)
        .props(4, &[(80, V::U8(26)), (96, V::F(7.0)), (99, V::U32(1)), (95, V::U8(0))])
        .append(1, 2)
        .append(1, 3)
        .append(1, 4)
        .apply(&mut e);
    let d = e.dump().to_string();
    let lines: Vec<&str> = d.lines().collect();
    assert!(lines[1].ends_with("] role=switch checked secret"), "{}", lines[1]);
    assert!(lines[2].ends_with("] role=slider value=0 min=0 max=10"), "{}", lines[2]);
    assert!(lines[3].ends_with("] role=group value=7 min=0 max=0 value_text=\"7 of 10\""), "{}", lines[3]);
}

#[test]
fn a_value_text_alone_prints_no_numbers() {
    let mut e = Engine::new();
    mono_font().string(1, "Blade").view(1).root(1).props(1, &[(80, V::U8(14)), (99, V::U32(1))]).apply(&mut e);
    assert!(e.dump().lines().next().unwrap_or("").ends_with("] role=textbox value_text=\"Blade\""), "{}", e.dump());
}
