//! Batch validation: every rejection leaves the scene exactly as it was.
mod common;
use common::*;
use marquee_renderer::protocol::Code;
use marquee_renderer::Engine;

/// A small scene: 1 (root) > 2 > 3, 4 text under 1, string 7, image 8, template 9.
fn base() -> Engine {
    let mut e = Engine::new();
    B::new()
        .view(1)
        .view(2)
        .view(3)
        .text(4)
        .append(1, 2)
        .append(2, 3)
        .append(1, 4)
        .root(1)
        .string(7, "hello")
        .define_image(8, 10, 10)
        .template(9, 1, B::new().view(1))
        .set_text(4, 7)
        .prop(2, p::BACKGROUND, V::U32(0xff0000ff))
        .apply(&mut e);
    e.frame(0.0);
    e
}

/// Applies `b` to the base scene, expects rejection with `code` at `index`,
/// and checks nothing changed.
fn rejects(b: B, index: u32, code: Code) -> String {
    let mut e = base();
    let before = e.dump().to_string();
    let applied = e.batches_applied();
    let strings = e.res.strings.clone();
    let images = e.res.images.clone();
    let templates: Vec<u32> = e.res.templates.keys().copied().collect();
    let err = e.apply(&b.bytes).expect_err("batch should be rejected");
    assert_eq!((err.index, err.code), (index, code), "{}", err.text());
    assert_eq!(*e.error_info(), [index, u32::from(err.opcode), code as u32]);
    assert_eq!(e.dump(), before, "scene changed by a rejected batch");
    assert_eq!(e.batches_applied(), applied);
    assert_eq!(e.res.strings, strings);
    assert_eq!(e.res.images, images);
    assert_eq!(e.res.templates.keys().copied().collect::<Vec<_>>().len(), templates.len());
    e.frame(1.0);
    assert_eq!(e.frame.out.header[0], 0, "a rejected batch must not damage anything");
    err.text()
}

#[test]
fn an_unknown_opcode_is_rejected() {
    let msg = rejects(B::new().view(10).raw(0x7F, &[]), 1, Code::UnknownOpcode);
    assert!(msg.starts_with("command 1 (0x7F)"), "{}", msg);
}

#[test]
fn a_truncated_header_is_rejected() {
    let mut b = B::new().view(10);
    b.bytes.extend_from_slice(&[0x01, 5]);
    rejects(b, 1, Code::Truncated);
}

#[test]
fn a_payload_longer_than_the_batch_is_rejected() {
    let mut b = B::new().view(10);
    b.bytes.extend_from_slice(&[0x01, 9, 0, 0, 1, 2]);
    rejects(b, 1, Code::Truncated);
}

#[test]
fn a_field_cut_short_is_rejected() {
    rejects(B::new().view(10).raw(0x03, &[1, 0, 0, 0, 10, 0]), 1, Code::Truncated);
}

#[test]
fn trailing_bytes_in_a_payload_are_rejected() {
    rejects(B::new().raw(0x02, &[3, 0, 0, 0, 9]), 0, Code::TrailingBytes);
}

#[test]
fn an_unknown_node_is_rejected() {
    let msg = rejects(B::new().view(10).append(10, 99), 1, Code::UnknownNode);
    assert_eq!(msg, "command 1 (INSERT): node 99 does not exist");
}

#[test]
fn a_duplicate_node_is_rejected() {
    rejects(B::new().view(10).view(10), 1, Code::DuplicateNode);
    rejects(B::new().view(3), 0, Code::DuplicateNode);
}

#[test]
fn node_id_zero_is_rejected() {
    rejects(B::new().view(0), 0, Code::OutOfRange);
}

#[test]
fn inserting_a_node_under_its_own_descendant_is_rejected() {
    let msg = rejects(B::new().append(3, 2), 0, Code::Cycle);
    assert_eq!(msg, "command 0 (INSERT): node 3 is a descendant of node 2");
    rejects(B::new().append(2, 2), 0, Code::Cycle);
}

#[test]
fn a_cycle_built_inside_the_batch_is_rejected() {
    rejects(B::new().view(10).view(11).append(10, 11).append(11, 10), 3, Code::Cycle);
}

#[test]
fn a_node_removed_earlier_in_the_batch_cannot_be_used() {
    rejects(B::new().remove(2).prop(3, p::BACKGROUND, V::U32(1)), 1, Code::UnknownNode);
}

#[test]
fn recreating_a_removed_id_does_not_revive_its_old_children() {
    rejects(B::new().remove(2).view(2).prop(3, p::OPACITY, V::F(0.5)), 2, Code::UnknownNode);
}

#[test]
fn a_dangling_string_is_rejected() {
    rejects(B::new().set_text(4, 55), 0, Code::UnknownString);
    rejects(B::new().release_string(7).set_text(4, 7), 1, Code::UnknownString);
    rejects(B::new().prop(2, p::LABEL, V::U32(56)), 0, Code::UnknownString);
}

#[test]
fn a_dangling_image_is_rejected() {
    let mut e = base();
    B::new().image(20).apply(&mut e);
    let err = e.apply(&B::new().prop(20, p::IMAGE, V::U32(99)).bytes).unwrap_err();
    assert_eq!(err.code, Code::UnknownImage);
    rejects(B::new().image_state(99, 1, 1, 1), 0, Code::UnknownImage);
}

#[test]
fn a_dangling_template_is_rejected() {
    rejects(B::new().instantiate(42, 100), 0, Code::UnknownTemplate);
    rejects(B::new().release_template(9).instantiate(9, 100), 1, Code::UnknownTemplate);
}

#[test]
fn duplicate_strings_images_and_templates_are_rejected() {
    rejects(B::new().string(7, "again"), 0, Code::DuplicateId);
    rejects(B::new().define_image(8, 1, 1), 0, Code::DuplicateId);
    rejects(B::new().template(9, 1, B::new().view(1)), 0, Code::DuplicateId);
}

#[test]
fn an_unknown_property_is_rejected() {
    rejects(B::new().prop(2, 999, V::U8(0)), 0, Code::BadProperty);
}

#[test]
fn a_property_on_the_wrong_kind_of_node_is_rejected() {
    rejects(B::new().prop(2, p::FONT_SIZE, V::F(20.0)), 0, Code::BadProperty);
    rejects(B::new().prop(4, p::IMAGE_FIT, V::U8(1)), 0, Code::BadProperty);
    rejects(B::new().set_text(2, 7), 0, Code::BadProperty);
}

#[test]
fn out_of_range_values_are_rejected() {
    rejects(B::new().prop(2, p::WIDTH, V::Pt(-1.0)), 0, Code::OutOfRange);
    rejects(B::new().prop(2, p::WIDTH, V::Pt(f32::NAN)), 0, Code::OutOfRange);
    rejects(B::new().prop(2, p::OPACITY, V::F(1.5)), 0, Code::OutOfRange);
    rejects(B::new().prop(2, p::OVERFLOW, V::U8(3)), 0, Code::OutOfRange);
    rejects(B::new().prop(2, p::PADDING_LEFT, V::Auto), 0, Code::OutOfRange);
    rejects(B::new().prop(2, p::TRANSLATE_X, V::F(f32::INFINITY)), 0, Code::OutOfRange);
    rejects(B::new().view(10).raw(0x01, &[11, 0, 0, 0, 7]), 1, Code::OutOfRange);
    rejects(B::new().viewport(0, 10, 1.0, 1.0), 0, Code::OutOfRange);
    rejects(B::new().key(0, 0), 0, Code::OutOfRange);
}

#[test]
fn a_truncated_property_value_is_rejected() {
    rejects(B::new().raw(0x06, &[2, 0, 0, 0, 40, 0, 1]), 0, Code::Truncated);
}

#[test]
fn invalid_utf8_is_rejected() {
    let mut payload = 30u32.to_le_bytes().to_vec();
    payload.extend_from_slice(&[0x66, 0xff, 0x66]);
    rejects(B::new().raw(0x09, &payload), 0, Code::InvalidUtf8);
}

#[test]
fn a_before_sibling_that_is_not_a_child_is_rejected() {
    rejects(B::new().view(10).insert(1, 10, 3), 1, Code::BadSibling);
    rejects(B::new().insert(1, 4, 4), 0, Code::BadSibling);
}

#[test]
fn children_under_text_nodes_are_not_allowed() {
    rejects(B::new().view(10).append(4, 10), 1, Code::NotAllowed);
}

#[test]
fn remove_inside_a_template_is_not_allowed() {
    let msg = rejects(B::new().template(30, 1, B::new().view(1).remove(1)), 0, Code::NotAllowed);
    assert!(msg.contains("template command 1 (REMOVE)"), "{}", msg);
}

#[test]
fn a_template_must_create_and_attach_every_local_node() {
    rejects(B::new().template(30, 2, B::new().view(1)), 0, Code::NotAllowed);
    rejects(B::new().template(30, 2, B::new().view(1).view(2)), 0, Code::NotAllowed);
    rejects(B::new().template(30, 1, B::new().view(2)), 0, Code::UnknownNode);
}

#[test]
fn instantiating_over_existing_ids_is_rejected() {
    rejects(B::new().instantiate(9, 3), 0, Code::DuplicateNode);
}

#[test]
fn the_root_must_have_no_parent() {
    rejects(B::new().root(2), 0, Code::NotAllowed);
    rejects(B::new().view(10).append(10, 1), 1, Code::NotAllowed);
}

#[test]
fn glyphs_for_an_undefined_font_are_rejected() {
    rejects(B::new().glyphs(3, &[(65, 0.5)]), 0, Code::NotAllowed);
}

#[test]
fn a_valid_batch_after_a_rejected_one_applies() {
    let mut e = base();
    assert!(e.apply(&B::new().view(10).append(3, 2).bytes).is_err());
    B::new().view(10).append(3, 10).apply(&mut e);
    assert!(e.dump().contains("    #10 view"));
}

#[test]
fn a_batch_may_use_what_it_created_earlier() {
    let mut e = base();
    B::new()
        .string(50, "x")
        .text(51)
        .set_text(51, 50)
        .release_string(50)
        .append(1, 51)
        .define_image(60, 0, 0)
        .image(61)
        .prop(61, p::IMAGE, V::U32(60))
        .append(1, 61)
        .apply(&mut e);
    assert!(e.dump().contains("#51 text [") && e.dump().contains("\"x\""));
    assert!(!e.res.strings.contains_key(&50));
}

#[test]
fn moving_a_node_keeps_its_subtree_and_reorders_siblings() {
    let mut e = base();
    B::new().insert(1, 4, 2).apply(&mut e);
    let d = e.dump().to_string();
    let i4 = d.find("#4 ").unwrap();
    let i2 = d.find("#2 ").unwrap();
    assert!(i4 < i2, "{}", d);
    B::new().append(4 - 3, 3).apply(&mut e);
    assert!(e.dump().contains("\n  #3 view"));
}

#[test]
fn removing_a_node_destroys_its_subtree() {
    let mut e = base();
    B::new().remove(2).apply(&mut e);
    assert_eq!(e.scene.len(), 2);
    assert!(e.scene.lookup(3).is_none());
    // The ids are free again.
    B::new().view(3).view(2).append(1, 2).apply(&mut e);
}

#[test]
fn unknown_codes_of_closed_sets_are_rejected_not_trusted() {
    let cases: [(B, &str); 6] = [
        (B::new().create(10, 3), "unknown node kind 3"),
        (B::new().key(19, 0), "key 19 is not a known key"),
        (B::new().key(1, 3), "key action 3 is not 0, 1 or 2"),
        (B::new().image_state(8, 0, 1, 1), "image state 0 is not 1 (loaded), 2 (failed) or 3 (repaint)"),
        (B::new().state_props(2, 5, &[]), "state 5 is not 1, 2, 3 or 4"),
        (B::new().state_props(2, 0, &[]), "state 0 is not 1, 2, 3 or 4"),
    ];
    for (b, want) in cases {
        let msg = rejects(b, 0, Code::OutOfRange);
        assert!(msg.ends_with(want), "{}", msg);
    }
}

#[test]
fn a_batch_over_the_byte_limit_gets_no_buffer_and_is_refused_unread() {
    use marquee_renderer::limits::MAX_BATCH_BYTES;
    let mut e = Engine::new();
    assert!(e.input_buffer(MAX_BATCH_BYTES + 1).is_none());
    assert_eq!(e.input_buffer(MAX_BATCH_BYTES).map(|b| b.len()), Some(MAX_BATCH_BYTES));
    assert_eq!(e.apply_input(MAX_BATCH_BYTES + 1), 1);
    assert_eq!(e.error_info()[2], Code::BatchTooLarge as u32);
    let err = e.apply(&vec![0u8; MAX_BATCH_BYTES + 1]).err().map(|x| x.code);
    assert_eq!(err, Some(Code::BatchTooLarge));
    assert_eq!(e.batches_applied(), 0);
}

#[test]
fn an_unknown_role_or_state_bit_is_rejected_and_names_the_property() {
    let msg = rejects(B::new().prop(2, 80, V::U8(27)), 0, Code::OutOfRange);
    assert!(msg.contains("role is out of range (U8(27))"), "{}", msg);
    let msg = rejects(B::new().prop(2, 95, V::U8(64)), 0, Code::OutOfRange);
    assert!(msg.contains("states is out of range (U8(64))"), "{}", msg);
    rejects(B::new().prop(2, 96, V::F(f32::NAN)), 0, Code::OutOfRange);
}
