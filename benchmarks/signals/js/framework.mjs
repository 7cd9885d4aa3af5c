// alien-signals behind the same adapter interface as the Python libraries
// (benchmarks/signals/framework.py): signal/computed/effect/withBatch/withBuild/cleanup.
import { computed, effect, effectScope, endBatch, signal, startBatch } from "alien-signals";

let scope = null;

export const alien = {
  name: "alien-signals",
  testPullCounts: true,
  signal(value) {
    const s = signal(value);
    return { read: () => s(), write: (v) => s(v) };
  },
  computed(fn) {
    const c = computed(fn);
    return { read: () => c() };
  },
  effect(fn) {
    // alien-signals 3 takes a returned function as the effect's cleanup:
    // discard the return value, as the benchmark's effects only read.
    effect(() => {
      fn();
    });
  },
  withBatch(fn) {
    startBatch();
    try {
      fn();
    } finally {
      endBatch();
    }
  },
  withBuild(fn) {
    let out;
    scope = effectScope(() => {
      out = fn();
    });
    return out;
  },
  cleanup() {
    if (scope) scope();
    scope = null;
  },
};
