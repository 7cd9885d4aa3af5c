//! Events for the host (PROTOCOL.md section 5).
//!
//! Algorithm: commands and frames append fixed 8-word records to a queue;
//! `frame` moves the queue into the output region, oldest first. Float
//! payloads (LAYOUT boxes) are stored as their bit patterns.

pub const FOCUS: u32 = 1;
pub const BLUR: u32 = 2;
pub const PRESS: u32 = 3;
pub const KEY: u32 = 4;
pub const IMAGE_LOADED: u32 = 5;
pub const IMAGE_FAILED: u32 = 6;
pub const LAYOUT: u32 = 7;
pub const ANIMATION_DONE: u32 = 8;
pub const FOCUS_PATH: u32 = 9;
pub const SCROLL: u32 = 10;
pub const SCOPE_MEMORY: u32 = 11;

/// Pending events, oldest first.
#[derive(Default)]
pub struct Events {
    queue: Vec<[u32; 8]>,
}

impl Events {
    pub fn push(&mut self, kind: u32, node: u32, words: [u32; 6]) {
        let mut r = [0u32; 8];
        r[0] = kind;
        r[1] = node;
        r[2..].copy_from_slice(&words);
        self.queue.push(r);
    }
    pub fn drain(&mut self) -> std::vec::Drain<'_, [u32; 8]> {
        self.queue.drain(..)
    }
    /// How many events are queued (the index the next `push` gets).
    pub fn len(&self) -> usize {
        self.queue.len()
    }
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
    /// Adds 1 to word `w` (0-5, after `node`) of queued event `at`.
    pub fn bump(&mut self, at: usize, w: usize) {
        if let Some(r) = self.queue.get_mut(at) {
            r[2 + w] = r[2 + w].saturating_add(1);
        }
    }
    pub fn pending(&self) -> &[[u32; 8]] {
        &self.queue
    }
}
