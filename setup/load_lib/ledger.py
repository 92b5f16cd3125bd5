"""The writes the simulated users made, and whether each is there exactly once
(plain Python).

Every write carries a marker (``LOAD-<run>-<level>-<user>-<n>``) in a text
field (a forecast call's note, an activity's summary), or is known by its
record (a won opportunity). The driver notes the outcome it saw: ``ok`` (the
server answered), ``failed`` (the server answered an error: its transaction
was rolled back) or ``unknown`` (no answer: timeout, connection lost).
Afterwards, the records holding each marker are counted as administrator and
``compare`` tells what is wrong: a write seen succeeding must be there
exactly once, a failed one not at all, an unknown one at most once, and no
marker may appear that the driver did not write.
"""

import threading
from collections import Counter
from dataclasses import dataclass

OK, FAILED, UNKNOWN = "ok", "failed", "unknown"


@dataclass
class Write:
    kind: str  # forecast_submission, forecast_adjustment, activity, won_deal, ...
    marker: str
    level: int
    outcome: str = UNKNOWN
    record_id: int = 0  # the record written (won deals), when known
    user_id: int = 0
    at: str = ""  # server time (UTC) when it was answered, for won deals


class Ledger:
    def __init__(self, run_id):
        self.run_id = run_id
        self._lock = threading.Lock()
        self._count = 0
        self.writes = []

    def marker(self, level, user_index):
        with self._lock:
            self._count += 1
            return f"LOAD-{self.run_id}-{level}-{user_index}-{self._count}"

    def prefix(self, level=None):
        if level is None:
            return f"LOAD-{self.run_id}-"
        return f"LOAD-{self.run_id}-{level}-"

    def add(self, write):
        with self._lock:
            self.writes.append(write)
        return write

    def of_level(self, level, kinds=None):
        with self._lock:
            return [
                w
                for w in self.writes
                if w.level == level and (kinds is None or w.kind in kinds)
            ]


def compare(writes, found):
    """Problems of ``writes`` against ``found`` (marker -> records holding it).

    Returns (counts, problems): counts of writes by outcome, and a sentence for
    each marker that is missing, duplicated, present though its write failed,
    or unknown to the driver.
    """
    counts = Counter(w.outcome for w in writes)
    problems = []
    known = set()
    for write in writes:
        known.add(write.marker)
        there = found.get(write.marker, 0)
        if write.outcome == OK and there != 1:
            what = "missing" if there == 0 else f"there {there} times"
            problems.append(f"{write.kind} {write.marker} succeeded but is {what}")
        elif write.outcome == FAILED and there:
            problems.append(
                f"{write.kind} {write.marker} failed but is there {there} time(s)"
            )
        elif write.outcome == UNKNOWN and there > 1:
            problems.append(f"{write.kind} {write.marker} is there {there} times")
    for marker, there in sorted(found.items()):
        if marker not in known and there:
            problems.append(f"{marker} is there {there} time(s) but was never written")
    return dict(counts), problems
