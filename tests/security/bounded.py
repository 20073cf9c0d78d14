"""Guards on the cost of the algorithms user input reaches (markdown, diffs, matchers, names).

These are not benchmarks (bench/ measures speed): each guard runs a function on the worst input
we know of at the largest size the site accepts and fails when it takes longer than a generous
ceiling, far above its normal time and far below the seconds the old code needed. A guard that
fails means the cost is no longer bounded, not that the machine was busy: the ceilings leave a
factor of ten or more. Set DALIL_COST_CEILING_FACTOR to scale them on a very slow machine.
"""

import os
import signal
import time

CEILING_FACTOR = float(os.environ.get("DALIL_COST_CEILING_FACTOR", "1"))


def timed(function, *args, **kwargs) -> tuple[float, object]:
    """Seconds one call takes (the best of two, so one scheduler hiccup does not fail a guard)
    and what it returned."""
    best, result = float("inf"), None
    for _attempt in range(2):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - started)
    return best, result


class TookTooLong(BaseException):
    """Not an Exception, so code under test that catches Exception cannot swallow it."""


def assert_bounded(function, *args, ceiling: float, label: str = "", **kwargs):
    """Run `function(*args)` and fail if it takes more than `ceiling` seconds; return its
    result. Exceptions propagate: a guard also proves the input does not raise. A run that
    goes on past three ceilings is stopped (the cubic diff of old would take minutes)."""
    limit = ceiling * CEILING_FACTOR
    name = label or function.__name__

    def stop(_signum, _frame):
        raise TookTooLong(f"{name}: stopped after {3 * limit:.1f} s ({limit:.3f} s ceiling)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 3 * limit, 1.0)
    try:
        seconds, result = timed(function, *args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert seconds <= limit, f"{name}: {seconds:.3f} s, above the {limit:.3f} s ceiling"
    return result
