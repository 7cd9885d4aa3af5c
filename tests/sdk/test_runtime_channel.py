"""The process transport's wire: framing, the shared-memory ring, and a closed end."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from sdk.runtime._channel import RING_THRESHOLD, Channel, ChannelClosed, Ring, RingSegment


@pytest.fixture
def pair():
    a, b = socket.socketpair()
    segment = RingSegment(1 << 20, prefix="marquee-test")
    sender = Channel(a, out_ring=Ring(segment.buffer, writer=True))
    receiver = Channel(b, in_ring=Ring(segment.buffer, writer=False))
    yield sender, receiver
    sender.close()
    receiver.close()
    segment.close()


def test_small_messages_go_inline_and_keep_their_order(pair):
    sender, receiver = pair
    for n in range(50):
        sender.send(7, bytes([n]) * n)
    got = [receiver.receive(1.0) for _ in range(50)]
    assert got == [bytes([7]) + bytes([n]) * n for n in range(50)]
    assert sender.ring_messages == 0
    assert receiver.receive(0.01) is None  # nothing more: a timeout, not an error


def test_big_messages_cross_the_ring_and_the_ring_wraps(pair):
    sender, receiver = pair
    size = RING_THRESHOLD * 3
    for n in range(40):  # 40 x 192 KiB through a 1 MiB ring: it wraps many times
        sender.send(1, bytes([n % 251]) * size)
        message = receiver.receive(1.0)
        assert isinstance(message, memoryview)  # a view into shared memory, no copy
        assert message[0] == 1 and len(message) == size + 1
        assert message[1] == message[-1] == n % 251
    assert sender.ring_messages == 40


def test_a_full_ring_falls_back_to_the_socket_and_loses_nothing(pair):
    sender, receiver = pair
    size = RING_THRESHOLD * 4

    def send_all() -> None:  # nobody reads yet: the ring fills after 3, the rest go inline
        for n in range(6):
            sender.send(2, bytes([n]) * size)

    writer = threading.Thread(target=send_all)
    writer.start()
    time.sleep(0.2)  # let the ring fill before anything is read
    received = [receiver.receive_copy(5.0) for _ in range(6)]
    writer.join(5.0)
    assert received == [bytes([2]) + bytes([n]) * size for n in range(6)]
    assert 0 < sender.ring_messages < 6


def test_messages_bigger_than_half_the_ring_go_inline(pair):
    sender, receiver = pair
    writer = threading.Thread(target=sender.send, args=(3, b"x" * (600 << 10)))
    writer.start()
    assert receiver.receive_copy(5.0) == b"\x03" + b"x" * (600 << 10)
    writer.join(5.0)
    assert sender.ring_messages == 0


def test_a_closed_end_reads_as_closed(pair):
    sender, receiver = pair
    sender.send(4, b"last")
    sender.close()
    assert receiver.receive(1.0) == b"\x04last"  # what was sent still arrives
    with pytest.raises(ChannelClosed):
        receiver.receive(1.0)
    with pytest.raises(ChannelClosed):
        receiver.send(5, b"nobody")
