"""Killing a job in the middle of a batch, at a moment chosen on purpose.

The job runs in an Odoo process (``driver``) whose PostgreSQL sessions are
named ``odoo-<pid>`` (Odoo's ``application_name``). A second connection, the
*watcher*, follows what the job commits and, once the job has committed the
batches asked for, takes a row lock that the next batch needs before it can
commit (the *gate*):

* ``progress`` (most jobs): the progress record of the batch being run.
  ``ir.cron._run_job`` inserts and commits one record per call of the job
  (``timed_out_counter`` above zero), then calls the job, and resets the
  counter and stores ``_notify_progress`` in the job's own transaction: the
  batch does all its work, then waits for the lock, its transaction open;
* a row named by the job (a row its later batch writes), for the jobs that
  commit several batches inside one call.

When the job's session waits for the watcher (``pg_blocking_pids``) the
process is killed with SIGKILL, as the kernel or an operator would kill a
worker. The session left behind waits on the lock, so it is ended with
``pg_terminate_backend`` (that pid only), as PostgreSQL ends it when it
notices its client is gone; the status of its transaction id is then read
(``pg_xact_status``): it must be aborted.
"""

import os
import signal
import time
from dataclasses import dataclass, field

import psycopg2

POLL = 0.01

BLOCKED_SQL = """
SELECT pid, backend_xid::text, left(query, 200)
  FROM pg_stat_activity
 WHERE application_name = %s AND %s = ANY(pg_blocking_pids(pid))
"""
SESSIONS_SQL = """
SELECT pid, state FROM pg_stat_activity WHERE application_name = %s
"""
# the open progress record of the job's current call
OPEN_PROGRESS_SQL = """
SELECT id FROM ir_cron_progress
 WHERE cron_id = %s AND id > %s AND timed_out_counter > 0
 ORDER BY id DESC LIMIT 1
"""
LOCK_PROGRESS_SQL = """
SELECT id FROM ir_cron_progress
 WHERE id = %s AND timed_out_counter > 0
   FOR UPDATE NOWAIT
"""
# the calls of the job that committed (the counter reset with the batch)
COMMITTED_CALLS_SQL = """
SELECT count(*) FROM ir_cron_progress
 WHERE cron_id = %s AND id > %s AND timed_out_counter = 0
"""
XACT_STATUS_SQL = """
SELECT pg_xact_status((((pg_snapshot_xmax(pg_current_snapshot())::text::bigint
                         >> 32) << 32) | %s::bigint)::text::xid8)
"""


class KillError(RuntimeError):
    """The job could not be killed where it should have been (``ended_first``:
    it ended before it could be caught)."""

    def __init__(self, message, ended_first=False):
        super().__init__(message)
        self.ended_first = ended_first


@dataclass
class Kill:
    """What happened around the kill."""

    batches_before: int = 0  # batches committed when the gate was set
    killed_at: str = ""  # where the job's transaction waited
    xid: str | None = None  # its transaction id (None: it had written nothing)
    xact_status: str | None = None  # of that transaction, after the kill
    terminated: list = field(default_factory=list)  # sessions ended by us
    backend: int | None = None  # pid of the session of the killed batch
    seconds: float = 0.0


def _fetch(cr, sql, params=None):
    cr.execute(sql, params)
    return cr.fetchall()


def last_progress_id(cnx, cron_id):
    with cnx.cursor() as cr:
        rows = _fetch(
            cr,
            "SELECT COALESCE(max(id), 0) FROM ir_cron_progress WHERE cron_id = %s",
            [cron_id],
        )
    return rows[0][0]


def committed_batches(cnx, job, cron_id, since_id):
    """Batches the job committed since progress record ``since_id``."""
    with cnx.cursor() as cr:
        if job.batches:
            return _fetch(cr, job.batches)[0][0] or 0
        return _fetch(cr, COMMITTED_CALLS_SQL, [cron_id, since_id])[0][0]


def _try_gate(watcher, job, cron_id, since_id):
    """Take the gate's lock in the watcher's transaction: True when held."""
    with watcher.cursor() as cr:
        try:
            if job.gate:
                held = bool(_fetch(cr, job.gate))
            else:
                rows = _fetch(cr, OPEN_PROGRESS_SQL, [cron_id, since_id])
                held = bool(rows) and bool(_fetch(cr, LOCK_PROGRESS_SQL, [rows[0][0]]))
        except psycopg2.errors.LockNotAvailable:
            held = False
    if not held:
        watcher.rollback()
    return held


def _xact_status(cnx, xid):
    if not xid:
        return None
    with cnx.cursor() as cr:
        return _fetch(cr, XACT_STATUS_SQL, [int(xid)])[0][0]


def _end_sessions(peek, app, wait=2.0):
    """Wait for the killed process's sessions to end; terminate those that
    linger (each by its pid). Returns the pids terminated."""
    terminated = []
    deadline = time.monotonic() + wait
    with peek.cursor() as cr:
        while True:
            left = _fetch(cr, SESSIONS_SQL, [app])
            if not left:
                return terminated
            if time.monotonic() > deadline:
                for pid, _state in left:
                    cr.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
                    terminated.append(pid)
                deadline = time.monotonic() + wait
            time.sleep(0.1)


def kill_mid_batch(db, job, cron_id, start, timeout, min_batches=None):
    """Start the job with ``start()`` (a ``subprocess.Popen``) on ``db`` and
    kill it once ``min_batches`` batches are committed, while the next one
    is open. Returns a ``Kill``; raises ``KillError`` when the job ended
    first or nothing could be caught in time."""
    from .pg import connect

    if min_batches is None:
        min_batches = job.min_batches
    started = time.monotonic()
    peek = connect(db)
    watcher = connect(db, autocommit=False)
    proc = None
    try:
        since_id = last_progress_id(peek, cron_id)
        with watcher.cursor() as cr:
            watcher_pid = _fetch(cr, "SELECT pg_backend_pid()")[0][0]
        watcher.rollback()
        proc = start()
        app = f"odoo-{proc.pid}"
        deadline = started + timeout
        kill = Kill()
        gated = False
        blocked = None
        while blocked is None:
            if proc.poll() is not None:
                raise KillError(
                    "the job ended before it could be killed in the middle of a "
                    f"batch (exit code {proc.returncode}, "
                    f"{committed_batches(peek, job, cron_id, since_id)} batches)",
                    ended_first=True,
                )
            if time.monotonic() > deadline:
                raise KillError(f"no batch could be caught within {timeout} s")
            if not gated:
                done = committed_batches(peek, job, cron_id, since_id)
                if done >= min_batches and _try_gate(watcher, job, cron_id, since_id):
                    gated = True
                    kill.batches_before = done
            else:
                with peek.cursor() as cr:
                    rows = _fetch(cr, BLOCKED_SQL, [app, watcher_pid])
                if rows:
                    blocked = rows[0]
                    continue
            time.sleep(POLL)
        pid, kill.xid, query = blocked
        # the batches committed between the gate and the block (a row gate
        # taken while a batch was running lets that batch commit)
        kill.batches_before = committed_batches(peek, job, cron_id, since_id)
        kill.killed_at = " ".join(query.split())[:80]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        kill.terminated = _end_sessions(peek, app)
        watcher.rollback()
        kill.xact_status = _xact_status(peek, kill.xid)
        kill.backend = pid
        kill.seconds = time.monotonic() - started
        return kill
    finally:
        if proc is not None and proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        watcher.close()
        peek.close()
