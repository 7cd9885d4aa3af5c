//! Out-of-memory reporting (PROTOCOL.md section 1, `oom_record`).
//!
//! Algorithm: when linear memory cannot grow, the allocator returns null and
//! std's allocation-error handler aborts, which on wasm is a bare
//! `unreachable` trap: no panic, no message. rustc 1.63 has no stable hook
//! for that handler, so the global allocator wraps `System` and, on a null
//! return, writes the failed request into `RECORD` first. The scene keeps
//! its live node count there too. The host learns `RECORD`'s address from
//! `oom_record` at start-up and reads it after a trap, without calling in
//! again: a non-zero `failed_bytes` means the trap was out of memory.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// Four little-endian `u32`s: failed request (bytes, 0 = none), live nodes
/// at the time, the node budget, the size of the failed request's alignment.
/// Atomics only to be `Sync`: wasm32 runs one thread, so they are plain
/// loads and stores.
#[repr(C)]
pub struct Record {
    pub failed_bytes: AtomicU32,
    pub nodes: AtomicU32,
    pub node_limit: AtomicU32,
    pub align: AtomicU32,
}

static RECORD: Record = Record {
    failed_bytes: AtomicU32::new(0),
    nodes: AtomicU32::new(0),
    node_limit: AtomicU32::new(crate::limits::MAX_NODES),
    align: AtomicU32::new(0),
};

/// The record (for the host, through `oom_record`).
pub fn record() -> *const Record {
    &RECORD
}

/// The node budget (the host may have written it: see `limits::max_nodes`).
pub fn node_limit() -> u32 {
    RECORD.node_limit.load(Relaxed)
}

/// The scene's live node count, kept current for the report.
pub fn set_nodes(n: usize) {
    RECORD.nodes.store(n as u32, Relaxed);
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
/// Notes a failed allocation of `size` bytes; returns `p` unchanged.
fn noted(p: *mut u8, size: usize, align: usize) -> *mut u8 {
    if p.is_null() {
        RECORD.failed_bytes.store(size.max(1) as u32, Relaxed);
        RECORD.align.store(align as u32, Relaxed);
    }
    p
}

#[cfg(target_arch = "wasm32")]
mod alloc {
    use std::alloc::{GlobalAlloc, Layout, System};

    /// `System`, with failed requests noted in the record. `alloc_zeroed` is
    /// left to the trait's default (`alloc`, then zeroing): smaller module.
    struct Noting;

    // SAFETY: every call is forwarded to `System` unchanged.
    unsafe impl GlobalAlloc for Noting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            super::noted(System.alloc(l), l.size(), l.align())
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            System.dealloc(p, l)
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
            super::noted(System.realloc(p, l, new), new, l.align())
        }
    }

    #[global_allocator]
    static ALLOC: Noting = Noting;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_null_allocation_is_noted_and_a_real_one_is_not() {
        let mut x = 0u8;
        noted(&mut x, 5, 1);
        assert_eq!(RECORD.failed_bytes.load(Relaxed), 0);
        noted(std::ptr::null_mut(), 4096, 8);
        assert_eq!((RECORD.failed_bytes.load(Relaxed), RECORD.align.load(Relaxed)), (4096, 8));
    }
}
