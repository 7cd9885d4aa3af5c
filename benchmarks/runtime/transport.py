"""`python -m benchmarks.runtime.transport`: what a batch costs to cross, thread vs process.

A batch of each size crosses to the other side and a 1-byte answer comes
back (a round trip, the way a frame's acknowledgement follows a batch):
through the thread `Bus` (two `queue.SimpleQueue`s, the other side a thread)
and through the process `Channel` (a socketpair plus a shared-memory ring,
the other side a child process reading it as the renderer process does).
It prints microseconds per round trip and the process/thread ratio; the
reference for both is the 16.7 ms frame budget.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

from sdk.runtime import Bus, Channel, Ring, RingSegment

SIZES = (1 << 10, 16 << 10, 256 << 10, 1 << 20)
FRAME_BUDGET_US = 1_000_000 / 60
RING_BYTES = 32 << 20
"""The down ring's size in a renderer process."""

_ECHO = """
import socket, sys
from sdk.runtime._channel import Channel, Ring, attach_segment  # the renderer side's view
channel = Channel(socket.socket(fileno=int(sys.argv[1])))
channel.attach_rings(None, Ring(attach_segment(sys.argv[2]), writer=False))
while True:
    message = channel.receive(None)
    if message[0] == 0:
        break
    channel.send(1, b"")
"""


def thread_round_trips(size: int, count: int) -> list[float]:
    """Microseconds per round trip through the thread bus."""
    bus = Bus()
    batch = bytes(size)

    def renderer() -> None:
        while True:
            message = bus.receive(None)
            if message is None or message[0] == 8:
                return
            bus.post(b"\x01")

    worker = threading.Thread(target=renderer)
    worker.start()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        bus.send_batch(batch)
        while not bus.take_up():
            time.sleep(0)
        times.append((time.perf_counter() - started) * 1e6)
    bus.send_stop()
    worker.join()
    return times


def process_round_trips(size: int, count: int) -> tuple[list[float], int]:
    """Microseconds per round trip through the process channel; and how many used the ring."""
    ours, theirs = socket.socketpair()
    segment = RingSegment(RING_BYTES, prefix="marquee-bench")
    child = subprocess.Popen([sys.executable, "-c", _ECHO, str(theirs.fileno()), segment.name],
                             pass_fds=(theirs.fileno(),))
    theirs.close()
    channel = Channel(ours, out_ring=Ring(segment.buffer, writer=True))
    batch = bytes(size)
    times = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            channel.send(1, batch)
            channel.receive_copy(5.0)
            times.append((time.perf_counter() - started) * 1e6)
        channel.send(0)
        child.wait(10)
    finally:
        rings = channel.ring_messages
        channel.close()
        segment.close()
        if child.poll() is None:
            child.kill()
    return times, rings


def main(argv: Sequence[str] | None = None) -> None:
    """Prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args(argv)
    print(f"{'batch':>8} {'thread us':>10} {'process us':>11} {'ratio':>6} {'ring':>5} "
          f"{'of 16.7 ms':>10}")
    for size in SIZES:
        # Warm-up: once round the ring, so its pages are mapped on both sides (a
        # long-running app's steady state).
        warm = min(10 + RING_BYTES // size, 400)
        thread = statistics.median(thread_round_trips(size, warm + args.count)[warm:])
        times, rings = process_round_trips(size, warm + args.count)
        process = statistics.median(times[warm:])
        print(f"{size // 1024:>6} K {thread:>10.1f} {process:>11.1f} {process / thread:>6.2f} "
              f"{rings:>5} {100 * process / FRAME_BUDGET_US:>9.2f}%")
    print("(median round trip: the batch one way, a 1-byte answer back; 'ring' = messages "
          "that crossed through shared memory)")


if __name__ == "__main__":
    main()
