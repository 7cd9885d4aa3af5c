//! `HashMap` keyed by the sender's `u32` ids, with a small multiplicative
//! hasher instead of SipHash.
//!
//! Why: the ids come from the trusted host, so hash flooding is no concern,
//! and SipHash is inlined into every map operation of every map type (a few
//! KB of the module). The multiplier is odd, so consecutive ids land in
//! distinct buckets, and the product mixes them into the high bits that
//! hashbrown uses for its control bytes.

use std::hash::{BuildHasherDefault, Hasher};

/// A map from ids to `V` with the id hasher.
pub type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<IdHasher>>;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Hasher for small integer keys (a word at a time; bytes for anything else).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(26) ^ word).wrapping_mul(K);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_keyed_by_ids_store_and_find_every_key() {
        let mut m: HashMap<u32, u32> = HashMap::default();
        for id in (0..50_000u32).map(|i| i.wrapping_mul(7919)).chain([0, u32::MAX]) {
            m.insert(id, id ^ 0x55);
        }
        for id in (0..50_000u32).map(|i| i.wrapping_mul(7919)) {
            assert_eq!(m.get(&id), Some(&(id ^ 0x55)));
        }
        assert_eq!(m.get(&u32::MAX), Some(&(u32::MAX ^ 0x55)));
        assert_eq!(m.get(&1), None);
    }

    #[test]
    fn consecutive_ids_differ_in_the_high_bits_hashbrown_uses() {
        let top7 = |n: u32| {
            let mut h = IdHasher::default();
            h.write_u32(n);
            (h.finish() >> 57) as u8
        };
        let distinct: std::collections::HashSet<u8> = (0..1000).map(top7).collect();
        assert!(distinct.len() > 100, "only {} distinct control bytes", distinct.len());
    }
}
