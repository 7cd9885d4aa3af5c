//! Long runs keep flat memory: a clock that redefines its string every
//! second, and nodes created and removed over and over, do not grow the heap.
mod common;
use common::*;
use marquee_renderer::Engine;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts live heap bytes per thread (tests run on several threads).
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let _ = LIVE.try_with(|c| c.set(c.get() + l.size() as isize));
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        let _ = LIVE.try_with(|c| c.set(c.get() - l.size() as isize));
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let _ = LIVE.try_with(|c| c.set(c.get() + new as isize - l.size() as isize));
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static A: Counting = Counting;

fn live() -> isize {
    LIVE.with(|c| c.get())
}

fn clock_tick(e: &mut Engine, t: u32) {
    let s = format!("{:02}:{:02}:{:02}", t / 3600 % 24, t / 60 % 60, t % 60);
    B::new().string(5, &s).set_text(3, 5).release_string(5).apply(e);
    e.frame(f64::from(t) * 1000.0);
}

#[test]
fn a_clock_that_redefines_its_string_every_second_does_not_grow_memory() {
    let mut e = Engine::new();
    mono_font()
        .view(1)
        .root(1)
        .text(3)
        .append(1, 3)
        .apply(&mut e);
    for t in 0..200 {
        clock_tick(&mut e, t);
    }
    let before = live();
    for t in 200..5000 {
        clock_tick(&mut e, t);
    }
    let after = live();
    assert!(after - before <= 0, "heap grew by {} bytes over 4800 ticks", after - before);
    assert!(e.res.strings.is_empty());
}

#[test]
fn creating_and_removing_subtrees_reuses_node_slots() {
    let mut e = Engine::new();
    B::new().view(1).root(1).apply(&mut e);
    let cycle = |e: &mut Engine, base: u32| {
        let mut b = B::new().view(base).append(1, base);
        for k in 1..20 {
            b = b.view(base + k).prop(base + k, 40, V::U32(0xff)).append(base, base + k);
        }
        b.apply(e);
        e.frame(0.0);
        B::new().remove(base).apply(e);
        e.frame(1.0);
    };
    for n in 0..50 {
        cycle(&mut e, 1000 + (n % 2) * 100);
    }
    let slots = e.scene.capacity();
    let before = live();
    for n in 0..500 {
        cycle(&mut e, 1000 + (n % 2) * 100);
    }
    assert_eq!(e.scene.capacity(), slots);
    assert!(live() - before <= 0, "heap grew by {}", live() - before);
}

#[test]
fn a_batch_that_creates_many_nodes_sizes_the_scene_columns_once() {
    let mut e = Engine::new();
    let mut b = B::new().view(1).root(1);
    for n in 2..=1000 {
        b = b.view(n).append(1, n);
    }
    b.apply(&mut e);
    // Exactly the batch's nodes: no doubling slack, no outgrown buffers.
    assert_eq!(e.scene.ids.capacity(), 1000);
    assert_eq!(e.scene.cache.capacity(), 1000);
    assert_eq!(e.scene.style.capacity(), 1000);
    // Small batches still grow geometrically (amortised O(1) per node).
    B::new().view(1001).append(1, 1001).apply(&mut e);
    assert_eq!(e.scene.ids.capacity(), 1500);
    assert_eq!(e.scene.paint_ver.capacity(), 1500);
    for n in 1002..=1500 {
        B::new().view(n).append(1, n).apply(&mut e);
    }
    assert_eq!(e.scene.ids.capacity(), 1500);
}
