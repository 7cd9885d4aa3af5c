"""A TV home page driven straight through the renderer protocol (no components yet).

`python -m apps.showcase` builds a header, a hero and rails of poster cards
with `CommandBuffer`, presses the remote's right and down keys, repaints only
the damage each frame, writes the frames as PNG and prints what each frame
cost. It shows the renderer end to end until the component SDK's apps exist.
"""
