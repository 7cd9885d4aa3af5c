//! Frames: display-list records, text, images, transforms, clips, layers.
mod common;
use common::*;
use marquee_renderer::display::dl;
use marquee_renderer::events;
use marquee_renderer::Engine;

fn screen() -> B {
    mono_font()
        .view(1)
        .root(1)
        .props(1, &[(p::WIDTH, V::Pt(1920.0)), (p::HEIGHT, V::Pt(1080.0)), (p::FLEX_DIRECTION, V::U8(1))])
}

fn records(e: &Engine, op: u32) -> Vec<[u32; 8]> {
    e.frame.out.dl.iter().filter(|r| r[0] == op).copied().collect()
}

#[test]
fn the_list_starts_with_the_design_to_pixel_transform() {
    let mut e = Engine::new();
    screen().viewport(1280, 720, 1920.0, 1080.0).apply(&mut e);
    e.frame(0.0);
    let t = e.frame.out.dl[0];
    assert_eq!(t[0], dl::TRANSFORM);
    assert!((f(t[1]) - 2.0 / 3.0).abs() < 1e-6 && (f(t[4]) - 2.0 / 3.0).abs() < 1e-6);
    assert_eq!(e.frame.out.header[0] & 2, 2, "first frame is a full repaint");
    assert_eq!(e.frame.out.damage, vec![[0.0, 0.0, 1280.0, 720.0]]);
}

#[test]
fn a_text_node_emits_finished_lines_with_strings_in_the_blob() {
    let mut e = Engine::new();
    screen()
        .string(5, "hello world")
        .text(2)
        .set_text(2, 5)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::FONT_SIZE, V::F(20.0))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    let texts = records(&e, dl::TEXT);
    assert_eq!(texts.len(), 2, "100 units at 10 per char wraps into two lines");
    let blob = String::from_utf8(e.frame.out.text.clone()).unwrap();
    let line = |r: &[u32; 8]| blob[r[6] as usize..(r[6] + r[7]) as usize].to_string();
    assert_eq!(line(&texts[0]), "hello");
    assert_eq!(line(&texts[1]), "world");
    assert_eq!(f(texts[0][4]), 20.0);
    assert_eq!(texts[0][5], 0xFFFF_FFFF);
    assert!(f(texts[1][2]) > f(texts[0][2]));
    assert!(e.dump().contains("#2 text [0,0 100x40] \"hello world\" width=100 font=0 size=20 color=#ffffffff"), "{}", e.dump());
}

#[test]
fn a_truncated_line_ends_in_an_ellipsis() {
    let mut e = Engine::new();
    screen()
        .string(5, "a very long title here")
        .text(2)
        .set_text(2, 5)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::FONT_SIZE, V::F(20.0)), (p::MAX_LINES, V::U16(1))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    let texts = records(&e, dl::TEXT);
    assert_eq!(texts.len(), 1);
    let blob = String::from_utf8(e.frame.out.text.clone()).unwrap();
    assert!(blob.ends_with('\u{2026}'), "{}", blob);
}

#[test]
fn text_nodes_size_themselves_from_their_content() {
    let mut e = Engine::new();
    screen().string(5, "abcd").text(2).set_text(2, 5).prop(2, p::FONT_SIZE, V::F(10.0)).append(1, 2).apply(&mut e);
    // Column with align stretch: width is the parent's, height one line.
    assert!(e.dump().contains("#2 text [0,0 1920x10]"), "{}", e.dump());
}

#[test]
fn a_loaded_image_is_drawn_with_cover_inside_a_clip() {
    let mut e = Engine::new();
    screen()
        .define_image(9, 0, 0)
        .image(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::IMAGE, V::U32(9))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    assert!(records(&e, dl::IMAGE).is_empty(), "not loaded yet");
    B::new().image_state(9, 1, 200, 100).apply(&mut e);
    e.frame(1.0);
    assert_eq!(ops(&e), vec![dl::TRANSFORM, dl::SAVE, dl::CLIP_RECT, dl::IMAGE, dl::RESTORE]);
    let img = records(&e, dl::IMAGE)[0];
    assert_eq!((f(img[1]), f(img[2]), f(img[3]), f(img[4]), img[5]), (-50.0, 0.0, 200.0, 100.0, 9));
    let ev: Vec<[u32; 8]> = e.frame.out.events.clone();
    assert!(ev.iter().any(|r| r[0] == events::IMAGE_LOADED && r[1] == 2 && r[2] == 9));
}

#[test]
fn contain_and_fill_fit_the_image_into_the_box() {
    let mut e = Engine::new();
    screen()
        .define_image(9, 200, 100)
        .image(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::IMAGE, V::U32(9)), (p::IMAGE_FIT, V::U8(1))])
        .image(3)
        .props(3, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(100.0)), (p::IMAGE, V::U32(9)), (p::IMAGE_FIT, V::U8(2))])
        .append(1, 2)
        .append(1, 3)
        .apply(&mut e);
    e.frame(0.0);
    let imgs = records(&e, dl::IMAGE);
    assert_eq!((f(imgs[0][1]), f(imgs[0][2]), f(imgs[0][3]), f(imgs[0][4])), (0.0, 25.0, 100.0, 50.0));
    assert_eq!((f(imgs[1][1]), f(imgs[1][2]), f(imgs[1][3]), f(imgs[1][4])), (0.0, 100.0, 100.0, 100.0));
}

#[test]
fn an_image_node_without_size_takes_its_images_intrinsic_size() {
    let mut e = Engine::new();
    screen()
        .prop(1, 6, V::U8(1))
        .define_image(9, 300, 450)
        .image(2)
        .prop(2, p::IMAGE, V::U32(9))
        .append(1, 2)
        .apply(&mut e);
    assert!(e.dump().contains("#2 image [0,0 300x450]"), "{}", e.dump());
}

#[test]
fn releasing_an_image_falls_back_to_the_background() {
    let mut e = Engine::new();
    screen()
        .define_image(9, 10, 10)
        .image(2)
        .props(2, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::IMAGE, V::U32(9)), (p::BACKGROUND, V::U32(0x00ff00ff))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    B::new().release_image(9).apply(&mut e);
    e.frame(1.0);
    assert!(records(&e, dl::IMAGE).is_empty());
    assert_eq!(records(&e, dl::RECT).len(), 1);
}

#[test]
fn transforms_wrap_the_node_in_save_transform_restore() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(50.0)), (p::BACKGROUND, V::U32(0xff)), (p::SCALE_X, V::F(2.0)), (p::SCALE_Y, V::F(2.0))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    assert_eq!(ops(&e), vec![dl::TRANSFORM, dl::SAVE, dl::TRANSFORM, dl::RECT, dl::RESTORE]);
    let t = e.frame.out.dl[2];
    // Scale 2 around the centre (50, 25): translate by -50, -25.
    assert_eq!((f(t[1]), f(t[4]), f(t[5]), f(t[6])), (2.0, 2.0, -50.0, -25.0));
}

#[test]
fn translate_only_offsets_coordinates_without_extra_records() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(50.0)), (p::BACKGROUND, V::U32(0xff)), (p::TRANSLATE_X, V::F(30.0))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    assert_eq!(ops(&e), vec![dl::TRANSFORM, dl::RECT]);
    assert_eq!(f(e.frame.out.dl[1][1]), 30.0);
}

#[test]
fn opacity_makes_a_bounded_layer() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(50.0)), (p::BACKGROUND, V::U32(0xff)), (p::OPACITY, V::F(0.5))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    assert_eq!(ops(&e), vec![dl::TRANSFORM, dl::LAYER, dl::RECT, dl::RESTORE]);
    let l = e.frame.out.dl[1];
    assert_eq!(f(l[1]), 0.5);
    assert!(f(l[4]) >= 100.0 && f(l[4]) <= 104.0, "bounds hug the node: {}", f(l[4]));
}

#[test]
fn overflow_clip_clips_children_with_a_rounded_rect_when_radius() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(50.0)), (p::OVERFLOW, V::U8(1)), (p::CORNER_RADIUS, V::F(8.0)), (p::BACKGROUND, V::U32(0xff))])
        .view(3)
        .props(3, &[(p::WIDTH, V::Pt(300.0)), (p::HEIGHT, V::Pt(50.0)), (p::BACKGROUND, V::U32(0xff00ffff))])
        .append(1, 2)
        .append(2, 3)
        .apply(&mut e);
    e.frame(0.0);
    assert_eq!(ops(&e), vec![dl::TRANSFORM, dl::RRECT, dl::SAVE, dl::CLIP_RRECT, dl::RECT, dl::RESTORE]);
}

#[test]
fn scroll_offsets_move_children_of_a_scroll_container() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(50.0)), (p::OVERFLOW, V::U8(2)), (p::SCROLL_X, V::F(40.0))])
        .view(3)
        .props(3, &[(p::WIDTH, V::Pt(300.0)), (p::HEIGHT, V::Pt(50.0)), (p::BACKGROUND, V::U32(0xff00ffff))])
        .append(1, 2)
        .append(2, 3)
        .apply(&mut e);
    e.frame(0.0);
    let r = records(&e, dl::RECT)[0];
    assert_eq!(f(r[1]), -40.0);
}

#[test]
fn children_paint_in_z_order_and_stably() {
    let mut e = Engine::new();
    let mut b = screen();
    for (id, z, color) in [(2u32, 1, 0x2u32), (3, 0, 0x3), (4, 1, 0x4), (5, -1, 0x5)] {
        b = b
            .view(id)
            .props(id, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::Z_INDEX, V::I32(z)), (p::BACKGROUND, V::U32(color << 8 | 0xff))])
            .append(1, id);
    }
    b.apply(&mut e);
    e.frame(0.0);
    let colors: Vec<u32> = records(&e, dl::RECT).iter().map(|r| r[5] >> 8).collect();
    assert_eq!(colors, vec![5, 3, 2, 4]);
}

#[test]
fn invisible_nodes_and_their_subtrees_are_skipped_but_laid_out() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::BACKGROUND, V::U32(0xff)), (p::VISIBLE, V::U8(0))])
        .view(3)
        .props(3, &[(p::WIDTH, V::Pt(5.0)), (p::HEIGHT, V::Pt(5.0)), (p::BACKGROUND, V::U32(0xff))])
        .append(2, 3)
        .view(4)
        .props(4, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::BACKGROUND, V::U32(0xff))])
        .append(1, 2)
        .append(1, 4)
        .apply(&mut e);
    e.frame(0.0);
    assert_eq!(records(&e, dl::RECT).len(), 1);
    assert!(e.dump().contains("#4 view [0,10 10x10]"));
}

#[test]
fn a_border_is_a_stroke_inside_the_box() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::BORDER_LEFT, V::F(2.0)), (p::BORDER_COLOR, V::U32(0xffffffff))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    let b = records(&e, dl::BORDER);
    assert_eq!(b.len(), 1);
    assert_eq!((f(b[0][3]), f(b[0][6]), b[0][7]), (10.0, 2.0, 0xffffffff));
}

#[test]
fn layout_events_report_boxes_that_changed() {
    let mut e = Engine::new();
    screen()
        .view(2)
        .props(2, &[(p::WIDTH, V::Pt(10.0)), (p::HEIGHT, V::Pt(10.0)), (p::REPORT_LAYOUT, V::U8(1))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    let ev: Vec<[u32; 8]> = e.frame.out.events.iter().filter(|r| r[0] == events::LAYOUT).copied().collect();
    assert_eq!(ev.len(), 1);
    assert_eq!((ev[0][1], f(ev[0][4]), f(ev[0][5])), (2, 10.0, 10.0));
    e.frame(1.0);
    assert!(e.frame.out.events.is_empty());
    B::new().prop(2, p::WIDTH, V::Pt(20.0)).apply(&mut e);
    e.frame(2.0);
    assert_eq!(e.frame.out.events.len(), 1);
    assert_eq!(f(e.frame.out.events[0][4]), 20.0);
}

#[test]
fn layout_runs_only_when_something_changed() {
    let mut e = Engine::new();
    screen().view(2).append(1, 2).apply(&mut e);
    e.frame(0.0);
    assert!(e.frame.out.header[10] > 0);
    e.frame(1.0);
    assert_eq!(e.frame.out.header[10], 0);
    B::new().prop(2, p::BACKGROUND, V::U32(0xff)).apply(&mut e);
    e.frame(2.0);
    assert_eq!(e.frame.out.header[10], 0, "a paint-only change needs no layout");
}

#[test]
fn the_header_counts_batches_applied() {
    let mut e = Engine::new();
    screen().apply(&mut e);
    B::new().apply(&mut e);
    let _ = e.apply(&B::new().remove(77).bytes);
    e.frame(0.0);
    assert_eq!(e.frame.out.header[9], 2);
}

#[test]
fn a_viewport_change_repaints_everything() {
    let mut e = Engine::new();
    screen().apply(&mut e);
    e.frame(0.0);
    e.frame(1.0);
    assert_eq!(e.frame.out.header[0], 0);
    B::new().viewport(1280, 720, 1920.0, 1080.0).apply(&mut e);
    e.frame(2.0);
    assert_eq!(e.frame.out.header[0], 3);
}

#[test]
fn templates_instantiate_at_consecutive_ids() {
    let mut e = Engine::new();
    let body = B::new()
        .view(1)
        .props(1, &[(p::WIDTH, V::Pt(100.0)), (p::HEIGHT, V::Pt(60.0)), (p::BACKGROUND, V::U32(0x333333ff))])
        .text(2)
        .set_text(2, 40)
        .prop(2, p::FONT_SIZE, V::F(10.0))
        .append(1, 2)
        .state_props(1, 1, &[(p::BACKGROUND, V::U32(0xffffffff))]);
    screen()
        .string(40, "Poster")
        .template(7, 2, body)
        .release_string(40)
        .instantiate(7, 100)
        .instantiate(7, 200)
        .append(1, 100)
        .append(1, 200)
        .apply(&mut e);
    let d = e.dump().to_string();
    assert!(d.contains("  #100 view [0,0 100x60] width=100 height=60 bg=#333333ff\n    #101 text [0,0 30x60] \"Poster\""), "{}", d);
    assert!(d.contains("  #200 view [0,60 100x60]"), "{}", d);
    B::new().focus(200).apply(&mut e);
    assert!(!e.dump().contains("focused"), "not focusable: FOCUS is a no-op");
}

#[test]
fn an_image_is_drawn_inside_the_padding() {
    let mut e = Engine::new();
    screen()
        .define_image(9, 100, 100)
        .image(2)
        .props(2, &[(p::WIDTH, V::Pt(120.0)), (p::HEIGHT, V::Pt(120.0)), (p::IMAGE, V::U32(9)), (p::IMAGE_FIT, V::U8(2)), (p::PADDING_LEFT, V::Pt(10.0)), (p::PADDING_TOP, V::Pt(10.0)), (24, V::Pt(10.0)), (25, V::Pt(10.0))])
        .append(1, 2)
        .apply(&mut e);
    e.frame(0.0);
    let img = records(&e, dl::IMAGE)[0];
    assert_eq!((f(img[1]), f(img[2]), f(img[3]), f(img[4])), (10.0, 10.0, 100.0, 100.0));
}
