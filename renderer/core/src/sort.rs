//! One stable sort for the engine's few sorts (children by z-index, the
//! dump's detached roots by id).
//!
//! Why: `slice::sort_by_key` and `sort_unstable` each link a few KB of
//! generic sorting code into the module; this merge sort over `u32` items
//! with `i64` keys is linked once and is small.

/// Sorts `items` by `key(item)`, keeping the order of equal keys, in
/// O(n log n) (a bottom-up merge sort over precomputed keys).
pub fn sort_by_key(items: &mut [u32], key: &dyn Fn(u32) -> i64) {
    let n = items.len();
    if n < 2 {
        return;
    }
    let mut a: Vec<(i64, u32)> = Vec::with_capacity(n);
    for &x in items.iter() {
        a.push((key(x), x));
    }
    let mut b = a.clone();
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut b[lo..hi] {
                if i < mid && (j >= hi || a[i].0 <= a[j].0) {
                    *slot = a[i];
                    i += 1;
                } else {
                    *slot = a[j];
                    j += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    for (d, s) in items.iter_mut().zip(a.iter()) {
        *d = s.1;
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by_key;

    #[test]
    fn sorts_by_key_and_keeps_equal_keys_in_order() {
        let mut v: Vec<u32> = vec![5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 13, 11];
        // Key: parity, so the order within evens and within odds is kept.
        sort_by_key(&mut v, &|x| i64::from(x % 2));
        assert_eq!(v, vec![8, 2, 4, 6, 0, 5, 3, 1, 9, 7, 13, 11]);
        let mut w: Vec<u32> = (0..1000).map(|i| (i * 7919) % 1000).collect();
        sort_by_key(&mut w, &|x| i64::from(x));
        assert!(w.iter().enumerate().all(|(i, x)| *x == i as u32));
        let mut e: Vec<u32> = vec![];
        sort_by_key(&mut e, &|x| i64::from(x));
        assert!(e.is_empty());
    }
}
