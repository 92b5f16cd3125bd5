"""The scheduled jobs of the addons, run by Odoo's scheduler during the load.

``setup/load`` starts, beside the HTTP server, an Odoo process with cron
workers only (``--no-http --max-cron-threads N``) on the same database: the
jobs run in Odoo's real path (``ir.cron._process_jobs``: one job per cron
worker, batch after batch with a commit between them while
``_notify_progress`` reports records remaining), as on a production server
whose cron workers run beside the HTTP workers.

The nightly jobs do a day's work once: run again the same day, the
attainment refresh, the lead scoring and the model training find nothing left
to do. So that each level's jobs redo a night's work, ``renew_night`` first
clears the marks of the day (when each target was refreshed, each lead
scored, each model trained) with ``psql``, as if the next night had come.

During each level the administrator then sets the next execution date of each
job below to *now* (what *Settings > Scheduled Actions* does), with
``ODOO_NOTIFY_CRON_CHANGES`` set so that the write wakes the cron workers at
once. The thread then follows each job through ``ir.cron`` and
``ir.cron.progress``: when it started (its first progress record), when it
ended (rescheduled for later), its batches and records, and whether it failed.
"""

import subprocess
import threading
import time
from datetime import datetime

from .rpc import RpcError

# xmlid -> name in the report
SM = "sales_management."
SMF = "sales_management_forecast."
JOBS = {
    SM + "ir_cron_refresh_attainment": "attainment refresh",
    SM + "ir_cron_score_leads": "lead scoring (nightly)",
    SM + "ir_cron_train_scoring_models": "scoring model training",
    SMF + "ir_cron_prepare_forecast_sheets": "forecast sheets",
    SMF + "ir_cron_take_pipeline_snapshots": "pipeline snapshot (weekly)",
    SMF + "ir_cron_compute_statistical_forecasts": "statistical forecasts",
    SMF + "ir_cron_store_forecast_accuracy": "forecast accuracy",
    SM + "ir_cron_scorecard_digest": "scorecard digest (monthly)",
}
REFRESH_JOB = SM + "ir_cron_refresh_attainment"
FMT = "%Y-%m-%d %H:%M:%S"


# The marks of the day that make the nightly jobs skip their records.
RENEW_NIGHT_SQL = """
UPDATE sales_quota q SET snapshot_date = NULL
  FROM sales_quota_plan p
 WHERE p.id = q.plan_id AND p.state = 'active' AND q.snapshot_date IS NOT NULL;
UPDATE sales_lead_score SET scored_date = scored_date - interval '1 day'
 WHERE scored_date >= date_trunc('day', now() at time zone 'UTC');
UPDATE sales_scoring_model SET trained_date = trained_date - interval '1 day'
 WHERE trained_date >= date_trunc('day', now() at time zone 'UTC');
"""


def renew_night(db):
    """Clear the day's marks of the nightly jobs (None, or why it failed)."""
    try:
        subprocess.run(
            [
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                db,
                "-c",
                RENEW_NIGHT_SQL,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"psql could not renew the night: {exc}"
    return None


def now_utc():
    return datetime.utcnow().replace(microsecond=0)


def resolve(admin):
    """{cron id: report name} of the jobs installed in the database."""
    found = {}
    for xmlid, name in JOBS.items():
        module, _dot, record = xmlid.partition(".")
        rows = admin.call_kw(
            "ir.model.data",
            "search_read",
            [
                [
                    ("module", "=", module),
                    ("name", "=", record),
                    ("model", "=", "ir.cron"),
                ]
            ],
            {"fields": ["res_id"], "limit": 1},
        )
        if rows:
            found[rows[0]["res_id"]] = name
    return found


def _cron_rows(admin, ids):
    return {
        row["id"]: row
        for row in admin.call_kw(
            "ir.cron",
            "read",
            [list(ids), ["nextcall", "lastcall", "failure_count", "active"]],
        )
    }


def _progress(admin, cron_id, since):
    return admin.call_kw(
        "ir.cron.progress",
        "search_read",
        [[("cron_id", "=", cron_id), ("create_date", ">=", since)]],
        {"fields": ["create_date", "done", "remaining"], "order": "id"},
    )


def trigger(admin, ids, attempts=20):
    """Set the next call of each job to now; a job the scheduler is running
    cannot be written (Odoo locks it): tried again for a while."""
    pending = list(ids)
    for _attempt in range(attempts):
        left = []
        for cron_id in pending:
            try:
                admin.call_kw(
                    "ir.cron",
                    "write",
                    [[cron_id], {"nextcall": now_utc().strftime(FMT)}],
                )
            except RpcError as exc:
                if exc.kind != "UserError":
                    raise
                left.append(cron_id)
        if not left:
            return []
        pending = left
        time.sleep(1.0)
    return pending


def follow(admin, names, since, before):
    """The run of each job since ``since`` (UTC datetime) as far as it went.

    ``before``: {cron id: failure_count before the trigger}.
    """
    rows = _cron_rows(admin, names)
    runs = {}
    for cron_id, name in names.items():
        row = rows.get(cron_id) or {}
        progress = _progress(admin, cron_id, since.strftime(FMT))
        nextcall = row.get("nextcall") or ""
        lastcall = row.get("lastcall") or ""
        done = (
            bool(progress)
            and nextcall > since.strftime(FMT)
            and lastcall >= progress[0]["create_date"]
        )
        failed = (row.get("failure_count") or 0) > before.get(cron_id, 0)
        run = {
            "job": name,
            "finished": done,
            "failed": failed,
            "batches": len(progress),
            "records": sum(p["done"] or 0 for p in progress),
            "remaining": progress[-1]["remaining"] if progress else None,
        }
        if progress:
            started = datetime.strptime(progress[0]["create_date"], FMT)
            run["waited_s"] = max(0, int((started - since).total_seconds()))
            if done:
                ended = datetime.strptime(lastcall, FMT)
                run["ran_s"] = max(0, int((ended - started).total_seconds()))
        runs[cron_id] = run
    return runs


class JobRunner:
    """Triggers the jobs once, ``delay`` seconds into a level, in a thread."""

    def __init__(self, admin, names, delay, db=None):
        self.admin = admin
        self.db = db
        self.names = names
        self.delay = delay
        self.since = None
        self.before = {}
        self.error = None
        self.not_triggered = []
        self.triggered_at = None  # time.monotonic() of the trigger
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _run(self):
        if self._stop.wait(self.delay):
            return
        if self.db:
            self.error = renew_night(self.db)
        try:
            rows = _cron_rows(self.admin, self.names)
            self.before = {
                cron_id: row["failure_count"] or 0 for cron_id, row in rows.items()
            }
            self.since = now_utc()
            self.triggered_at = time.monotonic()
            self.not_triggered = trigger(self.admin, self.names)
        except RpcError as exc:
            self.error = exc.kind
        else:
            if self.not_triggered:
                self.error = self.error or "locked by the scheduler"

    def stop(self):
        self._stop.set()
        self._thread.join()

    def wait_done(self, timeout):
        """Wait (at most ``timeout`` s) for the triggered jobs to end; their runs."""
        if self.since is None:
            return {}
        deadline = time.monotonic() + timeout
        while True:
            runs = follow(self.admin, self.names, self.since, self.before)
            if all(run["finished"] or run["failed"] for run in runs.values()):
                return runs
            if time.monotonic() > deadline:
                return runs
            time.sleep(2.0)


def wait_refreshed(admin, cron_id, after, timeout):
    """Wait until the attainment refresh ran after ``after`` (UTC text) and no
    trigger of it is pending; True when it did within ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        row = _cron_rows(admin, [cron_id]).get(cron_id) or {}
        pending = admin.call_kw(
            "ir.cron.trigger",
            "search_count",
            [[("cron_id", "=", cron_id), ("call_at", "<=", now_utc().strftime(FMT))]],
        )
        if (row.get("lastcall") or "") >= after and not pending:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(2.0)
