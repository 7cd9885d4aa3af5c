//! Unit tests of easing, springs, retargeting, keyframes, layout
//! animations and `ANIMATION_DONE`, through a real `Engine`.

use super::easing::{cubic_bezier, Easing, EASE, EASE_IN, EASE_IN_OUT, EASE_OUT};
use super::track::{Key, Keyframes, Step, Track};
use crate::engine::Engine;
use crate::events;
use crate::props::id;
use crate::protocol::op;

/// A command batch under construction.
#[derive(Default)]
struct B(Vec<u8>);

impl B {
    fn cmd(&mut self, opcode: u8, payload: &[u8]) -> &mut Self {
        let n = payload.len() as u32;
        self.0.push(opcode);
        self.0.extend_from_slice(&n.to_le_bytes()[..3]);
        self.0.extend_from_slice(payload);
        self
    }
    fn create(&mut self, node: u32) -> &mut Self {
        let mut p = node.to_le_bytes().to_vec();
        p.push(0);
        self.cmd(op::CREATE, &p)
    }
    fn insert(&mut self, parent: u32, child: u32) -> &mut Self {
        let mut p = parent.to_le_bytes().to_vec();
        p.extend_from_slice(&child.to_le_bytes());
        p.extend_from_slice(&u32::MAX.to_le_bytes());
        self.cmd(op::INSERT, &p)
    }
    fn root(&mut self, node: u32) -> &mut Self {
        self.cmd(op::SET_ROOT, &node.to_le_bytes())
    }
    fn f32p(&mut self, node: u32, prop: u16, v: f32) -> &mut Self {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&prop.to_le_bytes());
        p.extend_from_slice(&v.to_le_bytes());
        self.cmd(op::SET_PROP, &p)
    }
    fn u32p(&mut self, node: u32, prop: u16, v: u32) -> &mut Self {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&prop.to_le_bytes());
        p.extend_from_slice(&v.to_le_bytes());
        self.cmd(op::SET_PROP, &p)
    }
    fn u8p(&mut self, node: u32, prop: u16, v: u8) -> &mut Self {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&prop.to_le_bytes());
        p.push(v);
        self.cmd(op::SET_PROP, &p)
    }
    fn dim(&mut self, node: u32, prop: u16, v: f32) -> &mut Self {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&prop.to_le_bytes());
        p.push(1);
        p.extend_from_slice(&v.to_le_bytes());
        self.cmd(op::SET_PROP, &p)
    }
    fn transition(&mut self, node: u32, prop: u16, dur: f32, delay: f32, easing: u8, q: [f32; 4]) -> &mut Self {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&prop.to_le_bytes());
        p.extend_from_slice(&dur.to_le_bytes());
        p.extend_from_slice(&delay.to_le_bytes());
        p.push(easing);
        for x in q {
            p.extend_from_slice(&x.to_le_bytes());
        }
        self.cmd(op::SET_TRANSITION, &p)
    }
    #[allow(clippy::too_many_arguments)]
    fn keyframes(&mut self, node: u32, prop: u16, dur: f32, iterations: u32, direction: u8, keys: &[(f32, f32)]) -> &mut Self {
        let mut p = node.to_le_bytes().to_vec();
        p.extend_from_slice(&prop.to_le_bytes());
        p.extend_from_slice(&dur.to_le_bytes());
        p.extend_from_slice(&0f32.to_le_bytes());
        p.extend_from_slice(&iterations.to_le_bytes());
        p.push(direction);
        p.extend_from_slice(&(keys.len() as u16).to_le_bytes());
        for (off, v) in keys {
            p.extend_from_slice(&off.to_le_bytes());
            p.extend_from_slice(&v.to_le_bytes());
            p.push(0);
            p.extend_from_slice(&[0u8; 16]);
        }
        self.cmd(op::SET_KEYFRAMES, &p)
    }
}

fn apply(e: &mut Engine, b: &mut B) {
    let bytes = std::mem::take(&mut b.0);
    if let Err(err) = e.apply(&bytes) {
        panic!("batch rejected: {}", err.text());
    }
}

/// Root 1 (a 1920x1080 column) with a 100x100 child 2.
fn scene() -> Engine {
    let mut e = Engine::new();
    let mut b = B::default();
    b.create(1).create(2).insert(1, 2).root(1);
    b.dim(2, id::WIDTH, 100.0).dim(2, id::HEIGHT, 100.0).u32p(2, id::BACKGROUND, 0xFF0000FF);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e
}

fn pres_f(e: &Engine, node: u32, prop: u16) -> f32 {
    let i = e.scene.lookup(node).unwrap_or(0);
    let v = super::visual(&e.scene, &e.anim, i);
    match prop {
        id::OPACITY => v.opacity,
        id::SCALE_X => v.scale.0,
        id::TRANSLATE_X => v.translate.0,
        id::ROTATE => v.rotate,
        _ => f32::NAN,
    }
}

fn done_events(e: &Engine) -> Vec<(u32, u32)> {
    let out: Vec<(u32, u32)> = e.frame.out.events.iter().filter(|r| r[0] == events::ANIMATION_DONE).map(|r| (r[1], r[2])).collect();
    out
}

#[test]
fn css_presets_match_reference_values_at_sample_points() {
    // References: bisection in f64 of the CSS curves (tests/renderer/test_motion_easing.py
    // checks the same points against an independent Python solver).
    let cases: [([f32; 4], f32, f32); 6] = [
        (EASE, 0.25, 0.408_510_6),
        (EASE, 0.5, 0.802_403_4),
        (EASE_IN, 0.5, 0.315_356_8),
        (EASE_OUT, 0.5, 0.684_643_2),
        (EASE_IN_OUT, 0.5, 0.5),
        (EASE_IN_OUT, 0.25, 0.129_161_9),
    ];
    for (c, x, want) in cases {
        let got = cubic_bezier(c[0], c[1], c[2], c[3], x);
        assert!((got - want).abs() < 1e-4, "{:?} at {}: {} != {}", c, x, got, want);
    }
    assert_eq!(cubic_bezier(0.25, 0.1, 0.25, 1.0, 0.0), 0.0);
    assert_eq!(cubic_bezier(0.25, 0.1, 0.25, 1.0, 1.0), 1.0);
}

#[test]
fn a_steep_bezier_falls_back_to_bisection_and_stays_monotonic() {
    let mut last = 0.0;
    for k in 0..=100 {
        let y = cubic_bezier(1.0, 0.0, 0.0, 1.0, k as f32 / 100.0);
        assert!(y >= last - 1e-5, "not monotonic at {}", k);
        last = y;
    }
    assert!((cubic_bezier(1.0, 0.0, 0.0, 1.0, 0.5) - 0.5).abs() < 1e-4);
}

#[test]
fn bad_easings_are_rejected_with_a_reason() {
    assert!(Easing::from_wire(5, [1.5, 0.0, 0.5, 1.0]).is_err());
    assert!(Easing::from_wire(6, [100.0, 0.0, 1.0, 0.0]).is_err());
    assert!(Easing::from_wire(9, [0.0; 4]).is_err());
    assert!(Easing::from_wire(0, [f32::NAN, 0.0, 0.0, 0.0]).is_err());
    assert_eq!(Easing::from_wire(5, [0.1, -2.0, 0.9, 3.0]), Ok(Easing::Bezier(0.1, -2.0, 0.9, 3.0)));
}

#[test]
fn a_critically_damped_spring_follows_the_analytic_curve_and_settles() {
    // k=100, m=1, c=20: critical; x(t) = 1 - (1 + 10 t) e^(-10 t) for a 0 -> 1 step.
    let mut t = Track::new(id::TRANSLATE_X, [0.0; 4], [1.0, 0.0, 0.0, 0.0], Easing::Spring(100.0, 20.0, 1.0), 0.0, 0.0, 0.001);
    t.advance(0.0, 0.0);
    t.advance(200.0, 0.0);
    let want = 1.0 - (1.0 + 2.0f32) * (-2.0f32).exp();
    assert!((t.cur[0] - want).abs() < 0.01, "{} vs {}", t.cur[0], want);
    let mut now = 200.0;
    while t.advance(now, 0.0) == Step::Running {
        now += 16.0;
        assert!(now < 5000.0, "spring never settled");
    }
    assert_eq!(t.cur[0], 1.0);
    assert!(now > 900.0 && now < 2000.0, "settled at {}", now);
}

#[test]
fn an_underdamped_spring_overshoots() {
    let mut t = Track::new(id::SCALE_X, [1.0, 0.0, 0.0, 0.0], [2.0, 0.0, 0.0, 0.0], Easing::Spring(300.0, 5.0, 1.0), 0.0, 0.0, 0.001);
    t.advance(0.0, 0.0);
    let mut peak = 0.0f32;
    let mut now = 0.0;
    while t.advance(now, 0.0) == Step::Running && now < 10_000.0 {
        peak = peak.max(t.cur[0]);
        now += 5.0;
    }
    assert!(peak > 2.3, "peak {}", peak);
}

#[test]
fn transitions_interpolate_with_their_easing_after_the_delay_and_report_done() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::OPACITY, 200.0, 50.0, 0, [0.0; 4]);
    apply(&mut e, &mut b);
    e.frame(100.0);
    b.f32p(2, id::OPACITY, 0.0);
    apply(&mut e, &mut b);
    e.frame(100.0);
    assert_eq!(pres_f(&e, 2, id::OPACITY), 1.0);
    assert_eq!(e.frame.out.header[11], 1);
    e.frame(200.0); // 50 ms into the 200 ms after a 50 ms delay
    assert!((pres_f(&e, 2, id::OPACITY) - 0.75).abs() < 1e-5);
    e.frame(250.0);
    assert!((pres_f(&e, 2, id::OPACITY) - 0.5).abs() < 1e-5);
    assert!(done_events(&e).is_empty());
    e.frame(350.0);
    assert_eq!(done_events(&e), vec![(2, u32::from(id::OPACITY))]);
    assert_eq!(e.frame.out.header[11], 0);
    // The dump (and the scene) shows the target all along.
    assert!(e.dump().contains("opacity=0"));
}

#[test]
fn retargeting_back_to_the_start_shortens_the_duration_css_style() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::SCALE_X, 200.0, 0.0, 0, [0.0; 4]);
    apply(&mut e, &mut b);
    e.frame(1000.0);
    b.f32p(2, id::SCALE_X, 2.0);
    apply(&mut e, &mut b);
    e.frame(1000.0);
    e.frame(1050.0); // a quarter of the way: 1.25
    assert!((pres_f(&e, 2, id::SCALE_X) - 1.25).abs() < 1e-5);
    b.f32p(2, id::SCALE_X, 1.0);
    apply(&mut e, &mut b);
    e.frame(1050.0);
    assert!(done_events(&e).is_empty(), "the interrupted transition reports nothing");
    e.frame(1075.0); // reversed over 200 * 0.25 = 50 ms: half way back
    assert!((pres_f(&e, 2, id::SCALE_X) - 1.125).abs() < 1e-4, "{}", pres_f(&e, 2, id::SCALE_X));
    e.frame(1100.0);
    assert_eq!(done_events(&e), vec![(2, u32::from(id::SCALE_X))]);
}

#[test]
fn retargeting_elsewhere_restarts_the_full_duration_from_the_current_value() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::TRANSLATE_X, 100.0, 0.0, 0, [0.0; 4]);
    b.f32p(2, id::TRANSLATE_X, 100.0);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(50.0);
    assert!((pres_f(&e, 2, id::TRANSLATE_X) - 50.0).abs() < 1e-3);
    b.f32p(2, id::TRANSLATE_X, 250.0);
    apply(&mut e, &mut b);
    e.frame(50.0);
    e.frame(100.0);
    assert!((pres_f(&e, 2, id::TRANSLATE_X) - 150.0).abs() < 1e-3);
    e.frame(150.0);
    assert_eq!(pres_f(&e, 2, id::TRANSLATE_X), 250.0);
}

#[test]
fn a_retargeted_spring_keeps_its_velocity() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::TRANSLATE_X, 0.0, 0.0, 6, [170.0, 26.0, 1.0, 0.0]);
    b.f32p(2, id::TRANSLATE_X, 100.0);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(100.0);
    let x1 = pres_f(&e, 2, id::TRANSLATE_X);
    // Retarget to where it is now: with its velocity kept it keeps moving on.
    b.f32p(2, id::TRANSLATE_X, x1);
    apply(&mut e, &mut b);
    e.frame(100.0);
    e.frame(130.0);
    let x2 = pres_f(&e, 2, id::TRANSLATE_X);
    assert!(x2 > x1 + 1.0, "{} then {}", x1, x2);
}

#[test]
fn keyframes_repeat_and_alternate_then_stop_and_report() {
    let mut e = scene();
    let mut b = B::default();
    b.keyframes(2, id::ROTATE, 100.0, 2, 2, &[(0.0, 0.0), (1.0, 360.0)]);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(25.0);
    assert!((pres_f(&e, 2, id::ROTATE) - 90.0).abs() < 1e-3);
    e.frame(125.0); // second iteration runs backwards
    assert!((pres_f(&e, 2, id::ROTATE) - 270.0).abs() < 1e-3);
    assert_eq!(e.frame.out.header[11], 1);
    e.frame(200.0);
    assert_eq!(pres_f(&e, 2, id::ROTATE), 0.0);
    assert_eq!(done_events(&e), vec![(2, u32::from(id::ROTATE))]);
}

#[test]
fn infinite_keyframes_are_counted_apart_and_never_finish() {
    let mut e = scene();
    let mut b = B::default();
    b.keyframes(2, id::OPACITY, 1000.0, 0, 0, &[(0.0, 1.0), (0.5, 0.2), (1.0, 1.0)]);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(10_250.0);
    assert!((pres_f(&e, 2, id::OPACITY) - 0.6).abs() < 1e-4);
    assert_eq!((e.frame.out.header[11], e.frame.out.header[12]), (0, 1));
}

#[test]
fn keyframe_segments_use_their_own_easing() {
    let k = |off: f32, v: f32, easing: Easing| Key { offset: off, value: [v, 0.0, 0.0, 0.0], easing };
    let kf = Keyframes {
        prop: id::OPACITY,
        keys: vec![k(0.0, 0.0, Easing::Linear), k(0.5, 1.0, Easing::Bezier(0.42, 0.0, 1.0, 1.0)), k(1.0, 0.0, Easing::Linear)],
        duration: 100.0,
        delay: 0.0,
        iterations: 1,
        direction: super::track::Direction::Normal,
        start: 0.0,
        started: false,
        active: false,
        cur: [0.0; 4],
    };
    assert!((kf.sample(0.25)[0] - 0.5).abs() < 1e-6);
    assert!((kf.sample(0.75)[0] - (1.0 - 0.315_356_8)).abs() < 1e-4);
}

#[test]
fn a_layout_change_glides_and_ends_on_the_layout_box() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, super::values::LAYOUT, 100.0, 0.0, 0, [0.0; 4]);
    apply(&mut e, &mut b);
    e.frame(0.0);
    b.dim(2, id::MARGIN_LEFT, 200.0).dim(2, id::WIDTH, 300.0);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(50.0);
    let i = e.scene.lookup(2).unwrap_or(0);
    let bx = super::paint_box(&e.scene, &e.anim, i);
    assert!((bx.x - 100.0).abs() < 1e-3 && (bx.width - 200.0).abs() < 1e-3, "{:?}", bx);
    // Focus sees the layout box; painting sees the glide.
    assert_eq!(e.frame.geo[i].abs.x, 200.0);
    assert_eq!(e.frame.geo[i].size, (200.0, 100.0));
    e.frame(100.0);
    assert_eq!(done_events(&e), vec![(2, u32::from(super::values::LAYOUT))]);
    let bx = super::paint_box(&e.scene, &e.anim, i);
    assert_eq!((bx.x, bx.width), (200.0, 300.0));
    e.frame(116.0);
    assert_eq!(e.frame.out.header[0], 0, "nothing left to repaint");
}

#[test]
fn an_animated_frame_damages_only_the_animated_node() {
    let mut e = scene();
    let mut b = B::default();
    b.create(3).insert(1, 3).dim(3, id::WIDTH, 50.0).dim(3, id::HEIGHT, 50.0).u32p(3, id::BACKGROUND, 0x00FF00FF);
    b.transition(3, id::BACKGROUND, 100.0, 0.0, 0, [0.0; 4]);
    apply(&mut e, &mut b);
    e.frame(10.0);
    b.u32p(3, id::BACKGROUND, 0x0000FFFF);
    apply(&mut e, &mut b);
    e.frame(10.0);
    e.frame(60.0);
    // Node 3 sits right of node 2 at x 100..150 (a row).
    assert_eq!(e.frame.out.damage, vec![[100.0, 0.0, 50.0, 50.0]]);
    let rect = e.frame.out.dl.iter().find(|r| r[0] == crate::display::dl::RECT).map(|r| r[5]);
    assert_eq!(rect, Some(0x0080_80FF), "premultiplied half-way colour");
}

#[test]
fn focus_styles_animate_and_set_scroll_jumps_or_glides() {
    let mut e = scene();
    let mut b = B::default();
    b.u8p(2, id::FOCUSABLE, 1).transition(2, super::values::TRANSFORM, 200.0, 0.0, 0, [0.0; 4]);
    let mut p = 2u32.to_le_bytes().to_vec();
    p.extend_from_slice(&[1, 1, 0]);
    p.extend_from_slice(&id::SCALE_X.to_le_bytes());
    p.extend_from_slice(&1.5f32.to_le_bytes());
    b.cmd(op::SET_STATE_PROPS, &p);
    b.cmd(op::FOCUS, &2u32.to_le_bytes());
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(100.0);
    assert!((pres_f(&e, 2, id::SCALE_X) - 1.25).abs() < 1e-4);
    let i = e.scene.lookup(1).unwrap_or(0);
    e.set_scroll(i, 0.0, 40.0, true);
    e.frame(100.0);
    e.frame(250.0);
    let y = super::visual(&e.scene, &e.anim, i).scroll.1;
    assert!(y > 0.0 && y < 40.0, "{}", y);
    e.set_scroll(i, 0.0, 80.0, false);
    e.frame(260.0);
    assert_eq!(super::visual(&e.scene, &e.anim, i).scroll.1, 80.0);
}

#[test]
fn clear_stops_everything_without_a_done_event() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::OPACITY, 100.0, 0.0, 0, [0.0; 4]).f32p(2, id::OPACITY, 0.5);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(50.0);
    let mut p = 2u32.to_le_bytes().to_vec();
    p.extend_from_slice(&0u16.to_le_bytes());
    b.cmd(op::CLEAR_ANIMATIONS, &p);
    apply(&mut e, &mut b);
    e.frame(60.0);
    assert_eq!(pres_f(&e, 2, id::OPACITY), 0.5);
    assert!(done_events(&e).is_empty());
    assert_eq!(e.frame.out.header[11], 0);
}

#[test]
fn bad_motion_commands_are_rejected_with_codes() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::WIDTH, 100.0, 0.0, 0, [0.0; 4]);
    let err = e.apply(&b.0).err().map(|x| (x.code as u32, x.text()));
    assert_eq!(err, Some((10, "command 0 (SET_TRANSITION): property 12 cannot be animated".to_string())));
    let mut b = B::default();
    b.transition(2, id::OPACITY, -1.0, 0.0, 0, [0.0; 4]);
    assert_eq!(e.apply(&b.0).err().map(|x| x.code as u32), Some(11));
    let mut b = B::default();
    b.keyframes(2, id::OPACITY, 100.0, 1, 0, &[(0.0, 1.0), (0.5, 0.0)]);
    assert_eq!(e.apply(&b.0).err().map(|x| x.code as u32), Some(11));
    let mut b = B::default();
    b.keyframes(9, id::OPACITY, 100.0, 1, 0, &[(0.0, 1.0), (1.0, 0.0)]);
    assert_eq!(e.apply(&b.0).err().map(|x| x.code as u32), Some(3));
}

#[test]
fn a_removed_node_takes_its_animations_along_silently_and_a_new_node_in_its_slot_starts_clean() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::OPACITY, 100.0, 0.0, 0, [0.0; 4]).f32p(2, id::OPACITY, 0.5);
    apply(&mut e, &mut b);
    e.frame(0.0);
    e.frame(50.0);
    b.f32p(2, id::OPACITY, 0.9).cmd(op::REMOVE, &2u32.to_le_bytes());
    b.create(5).insert(1, 5).transition(5, id::OPACITY, 100.0, 0.0, 0, [0.0; 4]);
    apply(&mut e, &mut b);
    assert_eq!(e.scene.lookup(5), Some(1), "node 5 took node 2's slot");
    e.frame(60.0);
    assert!(done_events(&e).is_empty());
    assert_eq!(e.frame.out.header[11], 0);
    assert_eq!(pres_f(&e, 5, id::OPACITY), 1.0);
    e.frame(200.0);
    assert!(done_events(&e).is_empty());
}

#[test]
fn a_new_animation_starts_one_frame_interval_before_the_frame_that_sees_it() {
    let mut e = scene();
    let mut b = B::default();
    b.transition(2, id::TRANSLATE_X, 100.0, 0.0, 0, [0.0; 4]);
    apply(&mut e, &mut b);
    e.frame(1000.0);
    b.f32p(2, id::TRANSLATE_X, 100.0);
    apply(&mut e, &mut b);
    e.frame(1010.0); // the change came within the last 10 ms: 10% in
    assert!((pres_f(&e, 2, id::TRANSLATE_X) - 10.0).abs() < 1e-3);
    e.frame(5000.0);
    b.f32p(2, id::TRANSLATE_X, 0.0);
    apply(&mut e, &mut b);
    e.frame(9000.0); // after a long idle time: at most one 60 Hz frame in
    assert!((pres_f(&e, 2, id::TRANSLATE_X) - (100.0 - 100.0 / 6.0)).abs() < 1e-3);
}
