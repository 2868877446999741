"""Reconnect waits, without a server: Backoff's arithmetic, and subscribe()
retrying UNAVAILABLE on a closed port until give_up_after (clock and sleep
injected, so nothing waits)."""
import random

import grpc
import pytest

from conftest import free_port
from newswire import Backoff, NewsClient, ServerRefusedError


def test_waits_double_from_initial_up_to_maximum():
    backoff = Backoff(initial=0.5, maximum=3.0, multiplier=2.0, jitter=0.0)
    rng = random.Random(1)
    assert [backoff.delay(n, rng) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_jitter_stays_within_its_fraction():
    backoff = Backoff(initial=1.0, maximum=1.0, jitter=0.25)
    rng = random.Random(7)
    delays = [backoff.delay(1, rng) for _ in range(200)]
    assert min(delays) >= 0.75 and max(delays) <= 1.25
    assert max(delays) - min(delays) > 0.1  # randomised, not constant


def test_unavailable_is_retried_with_growing_waits_until_give_up():
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    port = free_port()  # nothing listens there
    client = NewsClient(f"127.0.0.1:{port}", sleep=sleep, clock=lambda: now[0])
    backoff = Backoff(initial=1.0, maximum=4.0, jitter=0.0, give_up_after=10.0)
    with pytest.raises(ServerRefusedError) as refused:
        next(client.subscribe(from_beginning=True, backoff=backoff))
    assert refused.value.code == grpc.StatusCode.UNAVAILABLE
    # Failing since t=0: waits 1, 2, 4, 4 reach t=11 >= 10, then it gives up.
    assert waits == [1.0, 2.0, 4.0, 4.0]
    assert client.reconnects == 4
    client.close()
