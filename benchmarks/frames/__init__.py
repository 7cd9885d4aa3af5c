"""Frame work, late frames and input latency of scripted remote-control sessions.

`python -m benchmarks.frames [--quick]` runs the profiles page and an 8 x 12
poster grid at 1920x1080 in the windowed (pygame) presenter under a private
Xvfb, with a scripted remote (a key every 180 ms) and `on_focus` handlers on
the app thread that burn 5-30 ms of Python per focus move ("busy"; "idle"
handlers only update a caption). Results go to `benchmarks/results/frames.json`;
method and numbers are in docs/frames.md.
"""
