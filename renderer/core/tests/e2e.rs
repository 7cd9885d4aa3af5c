mod common;
use common::*;
use marquee_renderer::display::dl;
use marquee_renderer::Engine;

#[test]
fn a_root_with_a_coloured_child_paints_two_rects() {
    let mut e = Engine::new();
    B::new()
        .view(1)
        .view(2)
        .append(1, 2)
        .root(1)
        .props(1, &[(p::WIDTH, V::Pt(1920.0)), (p::HEIGHT, V::Pt(1080.0)), (p::BACKGROUND, V::U32(0x101018ff))])
        .props(2, &[(p::WIDTH, V::Pt(200.0)), (p::HEIGHT, V::Pt(80.0)), (p::BACKGROUND, V::U32(0xff0000ff))])
        .apply(&mut e);
    e.frame(0.0);
    let ops = ops(&e);
    assert_eq!(ops, vec![dl::TRANSFORM, dl::RECT, dl::RECT]);
    let r = e.frame.out.dl[2];
    assert_eq!((f(r[1]), f(r[2]), f(r[3]), f(r[4]), r[5]), (0.0, 0.0, 200.0, 80.0, 0xff0000ff));
    assert_eq!(e.frame.out.header[0], 3);
    assert_eq!(e.frame.out.header[9], 1);
    let d = e.dump().to_string();
    assert_eq!(d, "#1 view [0,0 1920x1080] width=1920 height=1080 bg=#101018ff\n  #2 view [0,0 200x80] width=200 height=80 bg=#ff0000ff\n");
    // Nothing changed: nothing to paint.
    e.frame(16.0);
    assert_eq!(e.frame.out.header[0], 0);
}
