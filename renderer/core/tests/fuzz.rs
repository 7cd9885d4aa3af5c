//! Random batches never panic the engine, and rejected ones change nothing.
mod common;
use common::*;
use marquee_renderer::Engine;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

fn random_value(r: &mut Rng) -> V {
    match r.below(6) {
        0 => V::U8(r.below(4) as u8),
        1 => V::F([0.0, 1.0, 0.5, -3.0, 100.0, 2.0][r.below(6) as usize]),
        2 => V::Pt([0.0, 10.0, 50.0, 200.0][r.below(4) as usize]),
        3 => V::Pct([0.0, 50.0, 100.0][r.below(3) as usize]),
        4 => V::U32(r.next()),
        _ => V::Auto,
    }
}

fn random_batch(r: &mut Rng) -> B {
    let mut b = B::new();
    for _ in 0..r.below(12) {
        let id = 1 + r.below(24);
        b = match r.below(16) {
            0 | 1 => b.create(id, r.below(3) as u8),
            2 if r.below(4) == 0 => b.clear_children(id),
            2 => b.remove(id),
            3 | 4 => b.insert(1 + r.below(24), id, if r.below(3) == 0 { 1 + r.below(24) } else { APPEND }),
            5 => b.root(id),
            6 | 7 => b.prop(id, 1 + r.below(90) as u16, random_value(r)),
            8 => b.string(1 + r.below(4), "ab c"),
            9 => b.set_text(id, 1 + r.below(4)),
            10 => b.release_string(1 + r.below(4)),
            11 => b.key(1 + r.below(6) as u8, r.below(3) as u8),
            12 => b.focus(id),
            13 => b.state_props(id, 1 + r.below(3) as u8, &[(40, V::U32(r.next())), (46, V::F(1.1))]),
            14 => b.define_image(1 + r.below(3), r.below(3) * 100, 100).image_state(1 + r.below(3), 1 + r.below(2) as u8, 50, 50),
            _ => b.instantiate(1, 100 + r.below(8) * 3),
        };
    }
    if r.below(4) == 0 && !b.bytes.is_empty() {
        let k = r.below(b.bytes.len() as u32) as usize;
        b.bytes[k] ^= 1 << r.below(8);
    }
    if r.below(8) == 0 {
        let n = r.below(b.bytes.len() as u32 + 1) as usize;
        b.bytes.truncate(n);
    }
    b
}

#[test]
fn random_batches_never_panic_and_rejections_change_nothing() {
    let mut r = Rng(7);
    let mut accepted = 0;
    for round in 0..60 {
        let mut e = Engine::new();
        let setup = mono_font().template(1, 3, B::new().view(1).text(2).image(3).append(1, 2).append(1, 3));
        setup.apply(&mut e);
        for step in 0..60 {
            let b = random_batch(&mut r);
            let before = e.dump().to_string();
            if e.apply(&b.bytes).is_err() {
                assert_eq!(e.dump(), before, "round {} step {}", round, step);
            } else {
                accepted += 1;
            }
            e.frame(f64::from(step));
            let saves = e.frame.out.dl.iter().filter(|x| matches!(x[0], 1 | 6)).count();
            let restores = e.frame.out.dl.iter().filter(|x| x[0] == 2).count();
            assert_eq!(saves, restores);
        }
    }
    assert!(accepted > 400, "only {} of 3600 batches were valid", accepted);
}
