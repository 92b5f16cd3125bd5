"""Latencies, counts and errors of one level of load (plain Python).

``LevelStats`` is shared by the threads of the simulated users (a lock guards
it); ``summary()`` turns it into the plain dict the report prints and the
result file stores.
"""

import math
import threading
from collections import Counter, defaultdict


def percentile(values, fraction):
    """The nearest-rank percentile of ``values`` (``fraction`` in [0, 1]).

    The smallest value such that at least ``fraction`` of the values are less
    than or equal to it: ``percentile([1, 2, 3, 4], 0.5) == 2``. None for no
    values.
    """
    if not values:
        return None
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def latency_summary(seconds):
    """count, p50, p95 and max of durations given in seconds, in ms."""

    def ms(value):
        return None if value is None else round(value * 1000.0, 1)

    return {
        "count": len(seconds),
        "p50_ms": ms(percentile(seconds, 0.50)),
        "p95_ms": ms(percentile(seconds, 0.95)),
        "max_ms": ms(max(seconds) if seconds else None),
    }


class LevelStats:
    """What the simulated users of one level did, action by action."""

    def __init__(self):
        self._lock = threading.Lock()
        self.durations = defaultdict(list)  # action -> seconds of successes
        self.errors = defaultdict(Counter)  # action -> kind -> count
        self.provoked = defaultdict(Counter)  # action -> expected kind -> count
        self.requests = 0
        self.request_errors = Counter()  # kind -> count (every request)
        self.started = None
        self.stopped = None

    def add_request(self, kind=None):
        with self._lock:
            self.requests += 1
            if kind:
                self.request_errors[kind] += 1

    def add_success(self, action, seconds):
        with self._lock:
            self.durations[action].append(seconds)

    def add_error(self, action, kind):
        with self._lock:
            self.errors[action][kind] += 1

    def add_provoked(self, action, kind, seconds):
        """An error the load test provoked on purpose, and that came."""
        with self._lock:
            self.provoked[action][kind] += 1
            self.durations[action].append(seconds)

    def summary(self, screens):
        """Plain dict: per action latencies and errors, throughput."""
        with self._lock:
            elapsed = (
                (self.stopped - self.started)
                if self.started is not None and self.stopped is not None
                else 0.0
            )
            actions = {}
            names = sorted(set(self.durations) | set(self.errors) | set(self.provoked))
            for name in names:
                row = latency_summary(self.durations.get(name, []))
                row["screen"] = name in screens
                row["errors"] = dict(self.errors.get(name, {}))
                row["provoked"] = dict(self.provoked.get(name, {}))
                actions[name] = row
            done = sum(len(values) for values in self.durations.values())
            failed = sum(sum(kinds.values()) for kinds in self.errors.values())
            return {
                "elapsed_s": round(elapsed, 1),
                "actions": actions,
                "actions_done": done,
                "actions_failed": failed,
                "requests": self.requests,
                "request_errors": dict(self.request_errors),
                "actions_per_s": round(done / elapsed, 2) if elapsed else 0.0,
                "requests_per_s": round(self.requests / elapsed, 2) if elapsed else 0.0,
            }


def errors_by_kind(summary):
    """Unexpected errors of a level summary, by kind, all actions together."""
    total = Counter()
    for row in summary["actions"].values():
        total.update(row["errors"])
    return dict(total)
