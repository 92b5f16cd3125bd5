"""The replica's lag behind the primary while a level runs.

Every second, the primary's ``pg_stat_replication`` row of the standby of
``setup/replica`` (``application_name`` sm_replica): how much of the
primary's write-ahead log it has not replayed yet (bytes) and its replay lag
(seconds, as PostgreSQL measures it). Read with ``psql``, as the other
setup commands read the cluster.
"""

import subprocess
import threading
import time

STANDBY = "sm_replica"
QUERY = (
    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),"
    " coalesce(extract(epoch FROM replay_lag), 0)"
    f" FROM pg_stat_replication WHERE application_name = '{STANDBY}'"
)


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class LagSampler:
    """Samples the standby's lag in a thread: ``(monotonic, bytes, seconds)``."""

    def __init__(self, db, interval=1.0):
        self.db = db
        self.interval = interval
        self.samples = []
        self.missing = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self):
        try:
            out = subprocess.run(
                ["psql", "-d", self.db, "-tAF", " ", "-c", QUERY],
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            ).stdout.split()
        except (OSError, subprocess.SubprocessError):
            out = []
        if len(out) != 2:
            self.missing += 1  # the standby is not connected
            return
        self.samples.append((time.monotonic(), float(out[0]), float(out[1])))

    def _run(self):
        while not self._stop.wait(self.interval):
            self.sample()

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join()

    def result(self, jobs_window=None):
        """Lag figures of the level, and of the jobs' window (monotonic
        start, end) when given."""

        def figures(samples):
            if not samples:
                return {}
            lag_bytes = [s[1] for s in samples]
            lag_s = [s[2] for s in samples]
            return {
                "samples": len(samples),
                "max_bytes": max(lag_bytes),
                "p95_bytes": percentile(lag_bytes, 0.95),
                "max_s": round(max(lag_s), 3),
                "p95_s": round(percentile(lag_s, 0.95), 3),
            }

        result = {"level": figures(self.samples), "disconnected_samples": self.missing}
        if jobs_window:
            start, end = jobs_window
            result["jobs"] = figures([s for s in self.samples if start <= s[0] <= end])
        return result
