"""Reconciler benchmarks: the js-framework-benchmark keyed operations, Marquee against vanilla.

`python -m benchmarks.reconciler` runs the nine CPU operations (create 1,000
rows, replace, partial update, select, swap, remove, create 10,000, append,
clear) on the Marquee app (signals + `For` + the reconciler) and on a
"vanilla" app that writes the optimal command batch by hand, both over the
same row store and the same real engine, and prints the app-side,
renderer-side and end-to-end times, their ratios, the weighted geometric
mean and the commands and bytes per operation. Results go to
`benchmarks/results/reconciler.json`.
"""
