//! `CLEAR_CHILDREN`: one command with the effect of a `REMOVE` per child.
mod common;
use common::*;
use marquee_renderer::events;
use marquee_renderer::protocol::Code;
use marquee_renderer::Engine;

/// The home page after two frames, poster 1000 focused (rows 5000..=5007
/// hold twelve posters each, every poster a four-node subtree).
fn settled_home() -> Engine {
    let mut e = Engine::new();
    home_page().focus(1000).apply(&mut e);
    e.frame(0.0);
    e.frame(16.0);
    e
}

/// What a frame shows and reports: the dump, then the frame's header flags,
/// damage, display list and events.
fn outcome(e: &mut Engine, now: f64) -> (String, u32, Vec<[f32; 4]>, Vec<[u32; 8]>, Vec<[u32; 8]>) {
    let dump = e.dump().to_string();
    e.frame(now);
    let out = &e.frame.out;
    (dump, out.header[0], out.damage.clone(), out.dl.clone(), out.events.clone())
}

/// `B` with one `REMOVE` per child of `parent`, in child order.
fn remove_each(e: &Engine, parent: u32) -> B {
    let p = e.scene.lookup(parent).expect("parent exists");
    e.scene.children[p].iter().fold(B::new(), |b, c| b.remove(e.scene.ids[*c as usize]))
}

/// Clears `parent` of the settled home page, then applies `then` (same
/// batch), and checks against a twin engine sent one `REMOVE` per child.
fn assert_same_as_remove_each(parent: u32, then: B) {
    let (mut e, mut twin) = (settled_home(), settled_home());
    let mut removes = remove_each(&twin, parent);
    removes.bytes.extend_from_slice(&then.bytes);
    removes.apply(&mut twin);
    let mut clear = B::new().clear_children(parent);
    clear.bytes.extend_from_slice(&then.bytes);
    clear.apply(&mut e);
    assert_eq!(outcome(&mut e, 32.0), outcome(&mut twin, 32.0));
    assert_eq!(outcome(&mut e, 48.0), outcome(&mut twin, 48.0), "the frame after");
    assert_eq!(e.scene.len(), twin.scene.len());
}

#[test]
fn clearing_a_rail_is_exactly_a_remove_per_poster() {
    // The focused poster 1000 is in row 5000: focus repair, BLUR, damage
    // and the display list must all match.
    assert_same_as_remove_each(5000, B::new());
}

#[test]
fn clearing_a_rail_without_focus_in_it_is_exactly_a_remove_per_poster() {
    assert_same_as_remove_each(5003, B::new());
}

#[test]
fn replacing_every_child_in_the_same_batch_matches_remove_each() {
    let fresh = B::new().view(900).props(900, &[(p::WIDTH, V::Pt(50.0)), (p::FOCUSABLE, V::U8(1))]).append(5000, 900);
    assert_same_as_remove_each(5000, fresh);
}

#[test]
fn focus_inside_the_cleared_subtree_moves_to_the_nearest_survivor() {
    let mut e = settled_home();
    B::new().clear_children(5000).apply(&mut e);
    e.frame(32.0);
    // Focus was on 1000 (first poster of the first rail): the nearest
    // focusable node is the first poster of the next rail, 1100.
    let ev: Vec<[u32; 8]> = e.frame.out.events.iter().filter(|r| r[0] == events::BLUR || r[0] == events::FOCUS).copied().collect();
    assert_eq!(ev, vec![[events::BLUR, 1000, 0, 0, 0, 0, 0, 0], [events::FOCUS, 1100, 0, 0, 0, 0, 0, 0]]);
}

#[test]
fn every_node_below_is_freed_and_the_ids_can_be_reused() {
    let mut e = settled_home();
    let before = e.scene.len();
    B::new().clear_children(5001).apply(&mut e);
    assert_eq!(e.scene.len(), before - 12 * 4);
    for k in 0..12u32 {
        for n in 0..4 {
            assert!(e.scene.lookup(1100 + k * 4 + n).is_none());
        }
    }
    assert!(e.scene.lookup(5001).is_some(), "the node itself stays");
    B::new().view(1100).view(1103).append(5001, 1100).append(1100, 1103).apply(&mut e);
    assert!(e.dump().contains("#1100 view"));
}

#[test]
fn clearing_a_remembered_nodes_scope_forgets_it() {
    let mut e = Engine::new();
    B::new()
        .view(1)
        .root(1)
        .view(10)
        .prop(10, p::FOCUS_SCOPE, V::U8(1))
        .append(1, 10)
        .view(11)
        .props(11, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::FOCUSABLE, V::U8(1))])
        .append(10, 11)
        .focus(11)
        .apply(&mut e);
    e.frame(0.0);
    B::new().clear_children(10).apply(&mut e);
    e.frame(16.0);
    let ev = &e.frame.out.events;
    assert!(ev.contains(&[events::BLUR, 11, 0, 0, 0, 0, 0, 0]), "{:?}", ev);
    assert!(ev.contains(&[events::SCOPE_MEMORY, 10, 0, 0, 0, 0, 0, 0]), "{:?}", ev);
}

#[test]
fn a_node_without_children_is_left_unchanged() {
    let mut e = settled_home();
    B::new().clear_children(3).clear_children(1001).apply(&mut e);
    e.frame(32.0);
    assert_eq!(e.frame.out.header[0], 0, "nothing changed, nothing painted");
}

/// A scene of 1 (root) > 2 > 3 and 1 > 4, for the rejections.
fn small() -> Engine {
    let mut e = Engine::new();
    B::new().view(1).view(2).view(3).view(4).append(1, 2).append(2, 3).append(1, 4).root(1).apply(&mut e);
    e.frame(0.0);
    e
}

fn rejects(b: B, index: u32, code: Code) -> String {
    let mut e = small();
    let before = e.dump().to_string();
    let err = e.apply(&b.bytes).expect_err("batch should be rejected");
    assert_eq!((err.index, err.code), (index, code), "{}", err.text());
    assert_eq!(e.dump(), before, "a rejected batch changes nothing");
    err.text()
}

#[test]
fn an_unknown_node_is_rejected() {
    let msg = rejects(B::new().clear_children(99), 0, Code::UnknownNode);
    assert_eq!(msg, "command 0 (CLEAR_CHILDREN): node 99 does not exist");
    rejects(B::new().remove(2).clear_children(2), 1, Code::UnknownNode);
    rejects(B::new().clear_children(0), 0, Code::UnknownNode);
}

#[test]
fn cleared_children_and_their_subtrees_cannot_be_used_later_in_the_batch() {
    rejects(B::new().clear_children(1).prop(3, p::OPACITY, V::F(0.5)), 1, Code::UnknownNode);
    rejects(B::new().clear_children(1).append(1, 4), 1, Code::UnknownNode);
    // Re-creating a cleared id gives a fresh node that does not own the old subtree.
    rejects(B::new().clear_children(1).view(2).append(2, 3), 2, Code::UnknownNode);
    // A child gained earlier in the batch is cleared too.
    rejects(B::new().view(5).append(1, 5).clear_children(1).focus(5), 3, Code::UnknownNode);
}

#[test]
fn a_cut_short_or_long_payload_is_rejected() {
    rejects(B::new().raw(0x0F, &[1, 0]), 0, Code::Truncated);
    rejects(B::new().raw(0x0F, &[1, 0, 0, 0, 0]), 0, Code::TrailingBytes);
}

#[test]
fn it_is_not_allowed_inside_a_template() {
    let msg = rejects(B::new().template(20, 2, B::new().view(1).view(2).append(1, 2).clear_children(1)), 0, Code::NotAllowed);
    assert!(msg.ends_with("CLEAR_CHILDREN is not allowed inside a template"), "{}", msg);
}

#[test]
fn a_moved_child_survives_and_nodes_created_after_the_clear_stay() {
    let mut e = small();
    // 3 moves out of 2 before 1 is cleared: it lives on, detached from the root's tree.
    B::new().view(5).append(5, 3).clear_children(1).view(6).append(1, 6).apply(&mut e);
    assert!(e.scene.lookup(3).is_some() && e.scene.lookup(2).is_none() && e.scene.lookup(4).is_none());
    let d = e.dump().to_string();
    assert!(d.starts_with("#1 view") && d.contains("\n  #6 view"), "{}", d);
}
