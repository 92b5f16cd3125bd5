# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How long one call of a batched scheduled job may work.

Odoo's cron worker calls a job that reports records remaining up to ten times
in a row (``MAX_BATCH_PER_CRON_JOB``), then the other jobs that are due, and
only then tells the master it is alive: the whole round must stay under the
worker's real-time limit (``limit_time_real_cron``, by default
``limit_time_real``: 120 s) and its CPU limit (``limit_time_cpu``: 60 s), or
the worker is killed. A call therefore stops taking new chunks once it has
worked a twentieth of the smaller limit (3 s with the defaults): ten calls
of a job use at most half a round, which leaves the other half to the jobs
after it, on a loaded machine too.

Plain Python: the limits are passed in (``limits_from_config`` reads them
from Odoo's configuration).
"""

import time

# the calls of one job in a row (Odoo's ``MAX_BATCH_PER_CRON_JOB``) times two
SHARE = 20
# bounds of a call's budget, in seconds
LEAST = 1.0
MOST = 30.0


def call_budget(limit_real, limit_cpu):
    """Seconds one call may work, given the worker's limits in seconds
    (0 or less: no limit; ``limit_real`` -1 is already resolved)."""
    limits = [limit for limit in (limit_real, limit_cpu) if limit and limit > 0]
    if not limits:
        return MOST
    return min(max(min(limits) / SHARE, LEAST), MOST)


def limits_from_config(config):
    """The cron worker's real-time and CPU limits from Odoo's ``config``, as
    its server resolves them."""
    real = config.get("limit_time_real_cron", -1)
    if real == -1:
        real = config.get("limit_time_real", 0)
    return real, config.get("limit_time_cpu", 0)


def deadline(config, seconds=None):
    """The deadline of a call starting now: ``seconds`` from now, or the
    budget the limits of Odoo's ``config`` give."""
    if seconds is None:
        seconds = call_budget(*limits_from_config(config))
    return Deadline(seconds)


class Deadline:
    """The end of a call's budget; ``passed()`` once the budget is spent."""

    def __init__(self, seconds, clock=None):
        # time.monotonic looked up at each call, as a patched clock expects
        self._clock = clock or (lambda: time.monotonic())
        self.at = self._clock() + seconds

    def passed(self):
        return self._clock() >= self.at
