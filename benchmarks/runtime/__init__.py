"""Runtime benchmarks: frame pacing of the renderer thread while app code is busy."""
