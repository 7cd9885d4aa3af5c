//! Images: `IMAGE_STATE` 3 repaints the nodes showing an image, and nothing else.
mod common;
use common::*;
use marquee_renderer::events;
use marquee_renderer::Engine;

fn two_posters() -> Engine {
    let mut e = Engine::new();
    mono_font()
        .view(1)
        .root(1)
        .props(1, &[(p::WIDTH, V::Pt(1920.0)), (p::HEIGHT, V::Pt(1080.0))])
        .define_image(9, 200, 100)
        .define_image(10, 200, 100)
        .image(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::IMAGE, V::U32(9))])
        .image(3)
        .props(3, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::IMAGE, V::U32(10))])
        .append(1, 2)
        .append(1, 3)
        .apply(&mut e);
    e.frame(0.0);
    e.frame(1.0);
    assert!(e.frame.out.damage.is_empty(), "settled");
    e
}

#[test]
fn repaint_damages_only_the_nodes_showing_that_image_and_emits_nothing() {
    let mut e = two_posters();
    B::new().image_state(10, 3, 0, 0).apply(&mut e);
    e.frame(2.0);
    assert_eq!(e.frame.out.damage, vec![[100.0, 0.0, 100.0, 100.0]]);
    let ev: Vec<[u32; 8]> = e.frame.out.events.clone();
    assert!(!ev.iter().any(|r| r[0] == events::IMAGE_LOADED || r[0] == events::IMAGE_FAILED));
    assert!(e.dump().contains("#3 image [100,0 100x100]"), "{}", e.dump());
}

#[test]
fn repaint_of_an_undefined_image_is_refused() {
    let mut e = two_posters();
    let err = e.apply(&B::new().image_state(11, 3, 0, 0).bytes).unwrap_err().text();
    assert!(err.contains("image 11 is not defined"), "{}", err);
    let err = e.apply(&B::new().image_state(9, 4, 0, 0).bytes).unwrap_err().text();
    assert!(err.contains("3 (repaint)"), "{}", err);
}
