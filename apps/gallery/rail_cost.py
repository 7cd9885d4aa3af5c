"""`python -m apps.gallery.rail_cost`: a rail of 5,000 titles against a rail of 20, same run.

Drives each rail through the real engine with `moves` right-arrow KEY commands
and prints scene nodes, command bytes per move and app-side time per move
(event handling + render + diff + encoding), and the 5,000/20 ratios.
"""

from __future__ import annotations

import time

from components import Column, Rail, Text
from renderer import CommandBuffer, FontSet, Key, KeyAction, Renderer
from sdk import SceneRoot


def measure(count: int, moves: int) -> tuple[int, float, float]:
    """(scene nodes, command bytes per move, app-side seconds per move)."""
    page = Column(Rail([f"Title {i}" for i in range(count)], render=Text, item_width=300,
                       item_height=200), width="100%", padding=(54, 96))
    root = SceneRoot(page)
    engine = Renderer()
    try:
        engine.apply(FontSet().define_commands())
        now, sent, app, batches = 0.0, 0, 0.0, 0

        def step(events: list) -> int:  # type: ignore[type-arg]
            nonlocal app, batches
            start = time.perf_counter()
            root.handle_events(events)
            data = root.flush()
            app += time.perf_counter() - start
            if data:
                engine.apply(data)
                batches += 1
                root.acknowledge(batches)
            return len(data)

        step([])
        for _ in range(3):  # settle the layout events
            now += 16
            step(engine.frame(now).events)
        app = 0.0
        for _ in range(moves):
            engine.apply(CommandBuffer().key(int(Key.RIGHT), KeyAction.DOWN))
            now += 16
            sent += step(engine.frame(now).events)
        nodes = len(engine.dump().splitlines())
        return nodes, sent / moves, app / moves
    finally:
        engine.close()


def main() -> None:
    moves = 15  # a rail of 20 has 19 moves to give
    small = measure(20, moves)
    big = measure(5000, moves)
    for name, (nodes, per_move, app) in (("20", small), ("5000", big)):
        print(f"rail of {name:>4}: {nodes} nodes, {per_move:.0f} B/move, {app * 1e3:.2f} ms/move")
    print(f"ratio 5000/20: nodes {big[0] / small[0]:.2f}, bytes {big[1] / small[1]:.2f}, "
          f"app time {big[2] / small[2]:.2f}")


if __name__ == "__main__":
    main()
