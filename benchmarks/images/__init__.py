"""Image manager benchmarks: decode paths against plain Skia, caller-thread costs."""
