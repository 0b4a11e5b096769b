"""Shared helpers of the benchmark scripts."""
from __future__ import annotations

import resource
import time


def best_of(repeat: int, fn) -> float:
    """The fastest of `repeat` runs of fn(), in seconds (least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cpu_best_of(repeat: int, fn) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the run of fn() that took least CPU, over
    `repeat` runs. CPU counts this process and the children it waited for (a
    subprocess such as pdftotext), so a machine busy with other work disturbs
    the figure less than wall-clock time."""
    best = None
    for _ in range(max(1, repeat)):
        start_cpu, start_wall = _cpu(), time.perf_counter()
        fn()
        run = (_cpu() - start_cpu, time.perf_counter() - start_wall)
        best = run if best is None or run[0] < best[0] else best
    return best


def _cpu() -> float:
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime
