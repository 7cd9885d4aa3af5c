//! Events for the host (PROTOCOL.md section 5).
//!
//! Algorithm: commands and frames append fixed 8-word records to a queue;
//! `frame` moves the queue into the output region, oldest first. Float
//! payloads (LAYOUT boxes) are stored as their bit patterns.

/// Event record types (the closed set of PROTOCOL.md section 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum EventType {
    Focus = 1,
    Blur = 2,
    Press = 3,
    Key = 4,
    ImageLoaded = 5,
    ImageFailed = 6,
    Layout = 7,
    AnimationDone = 8,
    FocusPath = 9,
    Scroll = 10,
    ScopeMemory = 11,
}

impl EventType {
    /// The type of a record's first word, `None` for an unknown one.
    pub fn from_u32(v: u32) -> Option<EventType> {
        use EventType::*;
        Some(match v {
            1 => Focus,
            2 => Blur,
            3 => Press,
            4 => Key,
            5 => ImageLoaded,
            6 => ImageFailed,
            7 => Layout,
            8 => AnimationDone,
            9 => FocusPath,
            10 => Scroll,
            11 => ScopeMemory,
            _ => return None,
        })
    }
}

// Wire values of the record types, for readers of the output (tests, hosts).
pub const FOCUS: u32 = EventType::Focus as u32;
pub const BLUR: u32 = EventType::Blur as u32;
pub const PRESS: u32 = EventType::Press as u32;
pub const KEY: u32 = EventType::Key as u32;
pub const IMAGE_LOADED: u32 = EventType::ImageLoaded as u32;
pub const IMAGE_FAILED: u32 = EventType::ImageFailed as u32;
pub const LAYOUT: u32 = EventType::Layout as u32;
pub const ANIMATION_DONE: u32 = EventType::AnimationDone as u32;
pub const FOCUS_PATH: u32 = EventType::FocusPath as u32;
pub const SCROLL: u32 = EventType::Scroll as u32;
pub const SCOPE_MEMORY: u32 = EventType::ScopeMemory as u32;

/// Pending events, oldest first.
#[derive(Default)]
pub struct Events {
    queue: Vec<[u32; 8]>,
}

impl Events {
    pub fn push(&mut self, kind: EventType, node: u32, words: [u32; 6]) {
        let mut r = [0u32; 8];
        r[0] = kind as u32;
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
