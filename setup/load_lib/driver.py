"""One level of load: N simulated users for a bounded time, then the checks.

Each simulated user logs in (before the clock starts), then, until the
level's duration is over or its share of the request budget is spent, draws
an action from its role's mix, performs it and thinks. Meanwhile the jobs are
triggered once (a fifth into the level) and the memory of the Odoo processes
is sampled. When every user has stopped, the driver waits for the jobs (and
for the attainment refresh after the last won deal), then counts the writes.
"""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from . import checks, jobs
from .mix import (
    MIXES,
    PROVOKED,
    SCREENS,
    Mix,
    assign_logins,
    role_counts,
    think_time,
    user_random,
)
from .procs import RssSampler
from .replica import LagSampler
from .rpc import RpcError
from .scenario import Skip, User, perform
from .stats import LevelStats, latency_summary
from .world import login

LOGIN_THREADS = 4
# the prefork master killing a worker that ran past its time limit
WORKER_TIMEOUT_RE = re.compile(r"Worker\w* \(\d+\) timeout after")
# with a replica, Odoo ends a request's log line with the cursor it ran on
CURSOR_MODE_RE = re.compile(r'" \d{3} \S+ \S+ \S+ \S+ (ro->rw|ro|rw)$')
READ_ONLY_RETRY = "retrying with a read/write cursor"


class Budget:
    """The requests a level may still send (None: unbounded)."""

    def __init__(self, limit):
        self.limit = limit
        self.used = 0
        self._lock = threading.Lock()

    def spend(self):
        with self._lock:
            self.used += 1

    def exhausted(self):
        return self.limit is not None and self.used >= self.limit


def _log_position(path):
    if path is None:  # no such process (no scheduler with --no-jobs)
        return None
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            return handle.tell()
    except OSError:
        return None


def server_log_counts(path, position):
    """Errors and concurrency retries Odoo logged since ``position``."""
    if path is None or position is None:
        return {}
    try:
        with open(path, "rb") as handle:
            handle.seek(position)
            text = handle.read().decode(errors="replace")
    except OSError:
        return {}
    errors = retries = timeouts = 0
    modes = {}
    for line in text.splitlines():
        mode = CURSOR_MODE_RE.search(line)
        if mode:
            modes[mode[1]] = modes.get(mode[1], 0) + 1
        if READ_ONLY_RETRY in line:
            modes["read_only_writes"] = modes.get("read_only_writes", 0) + 1
        if " ERROR " in line or " CRITICAL " in line:
            errors += 1
        if "tries left, try again in" in line:
            retries += 1
        if WORKER_TIMEOUT_RE.search(line):
            timeouts += 1
    counts = {"errors": errors, "retries": retries, "worker_timeouts": timeouts}
    if modes:
        counts["cursors"] = modes
    return counts


def _login_all(world, assigned, timeout):
    durations, errors, sessions = [], {}, [None] * len(assigned)

    def one(index):
        _role, user_login = assigned[index]
        started = time.perf_counter()
        try:
            sessions[index] = login(world, user_login, timeout)
            durations.append(time.perf_counter() - started)
        except RpcError as exc:
            errors[exc.kind] = errors.get(exc.kind, 0) + 1

    with ThreadPoolExecutor(LOGIN_THREADS) as pool:
        list(pool.map(one, range(len(assigned))))
    return sessions, durations, errors


def _user_loop(user, mix, stats, budget, deadline, stop, think):
    rnd = user.rnd
    if stop.wait(rnd.uniform(0, think)):
        return
    while not stop.is_set() and time.monotonic() < deadline and not budget.exhausted():
        action = mix.choose(rnd)
        try:
            seconds, kind = perform(user, action)
        except Skip:
            seconds, kind = None, None
        if seconds is not None:
            if action in PROVOKED:
                if kind in PROVOKED[action]:
                    stats.add_provoked(action, kind, seconds)
                else:
                    stats.add_error(action, kind or "NoErrorRaised")
            elif kind:
                stats.add_error(action, kind)
            else:
                stats.add_success(action, seconds)
        pause = min(think_time(rnd, think), max(0.0, deadline - time.monotonic()))
        if pause and stop.wait(pause):
            return


def run_level(world, admin, ledger, number, users, options, job_names, log):
    """Run level ``number`` with ``users`` simulated users; its result dict."""
    stats = LevelStats()
    budget = Budget(options.max_requests)

    def on_request(_path, _seconds, kind):
        budget.spend()
        stats.add_request(kind)

    assigned = assign_logins(users, world.logins)
    sessions, login_durations, login_errors = _login_all(
        world, assigned, options.timeout
    )
    sim_users = []
    for index, ((role, user_login), session) in enumerate(
        zip(assigned, sessions, strict=True)
    ):
        if session is None:
            continue
        session.on_request = on_request
        rnd = user_random(options.seed, number, index)
        sim_users.append(
            User(index, number, role, user_login, session, world, ledger, rnd)
        )
    log(f"  {len(sim_users)} users logged in; running for {options.duration} s ...")

    sampler = RssSampler(options.odoo_pids).start()
    lag = LagSampler(options.db).start() if options.replica else None
    log_start = _log_position(options.server_log)
    scheduler_start = _log_position(options.scheduler_log)
    runner = None
    jobs_window = None
    if job_names:
        runner = jobs.JobRunner(
            admin, job_names, options.duration * 0.2, options.db
        ).start()
    stop = threading.Event()
    stats.started = time.monotonic()
    deadline = stats.started + options.duration
    threads = [
        threading.Thread(
            target=_user_loop,
            args=(
                user,
                Mix(MIXES[user.role]),
                stats,
                budget,
                deadline,
                stop,
                options.think,
            ),
            daemon=True,
        )
        for user in sim_users
    ]
    for thread in threads:
        thread.start()
    grace = deadline + 8 * options.timeout
    for thread in threads:
        thread.join(max(0.0, grace - time.monotonic()))
    stop.set()
    stats.stopped = time.monotonic()
    for user in sim_users:
        user.session.close()

    result = {
        "level": number,
        "users": users,
        "roles": role_counts(users),
        "summary": stats.summary(SCREENS),
        "login": latency_summary(login_durations),
        "login_errors": login_errors,
        "budget_spent": budget.exhausted(),
    }
    if runner is not None:
        runner.stop()
        log("  waiting for the jobs ...")
        result["jobs"] = {
            str(k): v for k, v in runner.wait_done(options.job_wait).items()
        }
        if runner.triggered_at:
            jobs_window = (runner.triggered_at, time.monotonic())
        if runner.error:
            result["jobs_error"] = runner.error
        wins = [w.at for w in ledger.of_level(number, {"won_deal"}) if w.at]
        refresh_name = jobs.JOBS[jobs.REFRESH_JOB]
        refresh = next((c for c, n in job_names.items() if n == refresh_name), None)
        if wins and refresh:
            jobs.wait_refreshed(admin, refresh, max(wins), options.job_wait)
    result["memory"] = sampler.stop()
    if lag is not None:
        lag.stop()
        result["replica_lag"] = lag.result(jobs_window)
    result["server_log"] = server_log_counts(options.server_log, log_start)
    result["scheduler_log"] = server_log_counts(options.scheduler_log, scheduler_start)
    result["checks"] = checks.check_markers(admin, ledger, number)
    won = checks.check_won(admin, world, ledger, number, refreshed=bool(job_names))
    result["checks"]["won_deal"] = won
    return result
