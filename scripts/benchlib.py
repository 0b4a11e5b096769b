"""Shared helpers of the benchmark scripts."""
from __future__ import annotations

import time


def best_of(repeat: int, fn) -> float:
    """The fastest of `repeat` runs of fn(), in seconds (least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
