"""One job, killed and resumed: the copies, the runs and the checks.

``run_job`` copies the source into ``<source>_<job>_t`` and gives the job its
work there (``driver prepare``), copies that into ``_a`` and ``_b``, runs the
job to the end on A, kills it in the middle of a batch on B and runs it again
there, then compares. Every Odoo process it starts is waited for or killed by
its pid; the copies are dropped at the end unless they are to be kept.
"""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from . import check, kill, pg
from .prepare import CRONS


@dataclass
class Context:
    config: str
    source: str
    log_dir: str
    data_dir: str
    timeout: int
    keep: bool = False
    now: str = ""  # Odoo's clock in the runs of the current job (UTC)
    copies: pg.Copies = field(default_factory=pg.Copies)
    log: object = print


class RunError(RuntimeError):
    pass


def _utc_day():
    return datetime.now(timezone.utc).date()


def _driver(ctx, command, db, label, *args):
    """Start ``faults_lib.driver`` (a Popen) and the path of its result."""
    result = os.path.join(ctx.log_dir, f"faults-{db}-{label}.json")
    if os.path.exists(result):
        os.unlink(result)
    log_path = os.path.join(ctx.log_dir, f"faults-{db}-{label}.log")
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(  # noqa: S603 - our own driver, no shell
            [
                sys.executable,
                "-m",
                "faults_lib.driver",
                command,
                "-c",
                ctx.config,
                "-d",
                db,
                "--result",
                result,
                "--now",
                ctx.now,
                *args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return proc, result, log_path


def _finish(ctx, proc, result, log_path):
    """Wait for the driver (killed at the timeout, or when this process is
    interrupted); its JSON result."""
    try:
        proc.wait(timeout=ctx.timeout)
    except subprocess.TimeoutExpired:
        raise RunError(f"the job did not finish within {ctx.timeout} s") from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != 0 or not os.path.exists(result):
        raise RunError(f"the Odoo process failed (see {log_path})")
    with open(result, encoding="utf-8") as handle:
        return json.load(handle)


def run_to_end(ctx, db, cron_id, label):
    proc, result, log_path = _driver(ctx, "run", db, label, "--cron", str(cron_id))
    summary = _finish(ctx, proc, result, log_path)
    if summary["failures"] or not summary["finished"]:
        raise RunError(
            f"the job failed or did not finish on {db} (failures: "
            f"{summary['failures']}, rescheduled: {summary['finished']}; see "
            f"{log_path})"
        )
    return summary


def _cron_id(db, job):
    module, _dot, name = CRONS[job.name].partition(".")
    rows = pg.query(
        db,
        """SELECT res_id FROM ir_model_data
            WHERE module = %s AND name = %s AND model = 'ir.cron'""",
        [module, name],
    )
    if not rows:
        raise RunError(f"the scheduled action {CRONS[job.name]} is not in {db}")
    return rows[0][0]


def _baseline(db, job):
    return {name: pg.query(db, sql)[0][0] for name, sql in job.baseline.items()}


def _work(db, job, params):
    return dict(pg.query(db, job.work, params))


def _duplicates(db, job, params):
    found = {}
    for label, sql in job.duplicates.items():
        rows = pg.query(db, sql, params)
        if rows:
            found[label] = len(rows)
    return found


def _prepare(ctx, job):
    template = ctx.copies.copy(ctx.source, f"{ctx.source}_{job.name}_t")
    args = ["--job", job.name]
    if job.code:
        args += ["--code", job.code]
    proc, result, log_path = _driver(ctx, "prepare", template, "prepare", *args)
    prepared = _finish(ctx, proc, result, log_path)
    ctx.log(f"  prepared {template}: {prepared}")
    return template


def _drop(ctx, names):
    for name in names:
        if name in ctx.copies.created:
            ctx.copies.drop(name)
            filestore = os.path.join(ctx.data_dir, "filestore", name)
            if os.path.isdir(filestore):
                subprocess.run(["rm", "-rf", "--", filestore], check=False)


def _kill_on_copy(ctx, job, template, db_b, cron_id, attempts=3):
    """Copy ``template`` into ``db_b`` and kill the job there in the middle
    of a batch; a job so fast that it ended before it could be caught is
    tried again on a new copy."""
    for attempt in range(1, attempts + 1):
        ctx.copies.copy(template, db_b)

        def start():
            return _driver(ctx, "run", db_b, "b-killed", "--cron", str(cron_id))[0]

        try:
            return kill.kill_mid_batch(db_b, job, cron_id, start, ctx.timeout)
        except kill.KillError as exc:
            if not exc.ended_first or attempt == attempts:
                raise
            ctx.log(f"  B: {exc}; again on a new copy")
            _drop(ctx, [db_b])
    raise AssertionError("unreachable")


def run_job(ctx, job):
    """Kill and resume ``job``: its ``Outcome``."""
    out = check.Outcome(job=job.name, title=job.title)
    started = time.monotonic()
    names = []
    try:
        frozen = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
        ctx.now = frozen.isoformat(sep=" ")
        day = frozen.date()
        template = _prepare(ctx, job)
        names.append(template)
        cron_id = _cron_id(template, job)
        params = _baseline(template, job)
        db_a = ctx.copies.copy(template, f"{ctx.source}_{job.name}_a")
        names.append(db_a)
        summary_a = run_to_end(ctx, db_a, cron_id, "a")
        ctx.log(f"  A: run to the end in {summary_a['seconds']} s")

        db_b = f"{ctx.source}_{job.name}_b"
        names.append(db_b)
        killed = _kill_on_copy(ctx, job, template, db_b, cron_id)
        out.batches_before = killed.batches_before
        out.killed_at = job.where.format(n=killed.batches_before + 1)
        out.xact_status = killed.xact_status
        out.terminated = len(killed.terminated)
        out.details["blocked statement"] = killed.killed_at
        out.details["killed transaction"] = killed.xid
        after_kill = _work(db_b, job, params)
        ctx.log(
            f"  B: killed after {killed.batches_before} batches "
            f"({len(after_kill)} units) in {killed.seconds:.1f} s, "
            f"its transaction {killed.xid} {killed.xact_status}, "
            f"{len(killed.terminated)} backend(s) terminated"
        )
        summary_b = run_to_end(ctx, db_b, cron_id, "b-rerun")
        ctx.log(f"  B: run again to the end in {summary_b['seconds']} s")

        work_a = _work(db_a, job, params)
        work_b = _work(db_b, job, params)
        resumed = check.progress(after_kill, work_b)
        out.rows_before = resumed.before
        out.rerun_rows = resumed.rerun
        out.redone = resumed.redone
        out.lost = resumed.lost
        missing, extra = check.missing_units(work_a, work_b)
        out.missing, out.extra = len(missing), len(extra)
        fingerprint = check.compare(
            pg.query(db_a, job.fingerprint, params),
            pg.query(db_b, job.fingerprint, params),
        )
        out.fingerprint_rows = fingerprint.rows_a
        out.fingerprint_equal = fingerprint.equal
        if not fingerprint.equal:
            out.details["only in A"] = fingerprint.only_a
            out.details["only in B"] = fingerprint.only_b
        for db, label in ((db_a, "A"), (db_b, "B")):
            for name, count in _duplicates(db, job, params).items():
                out.duplicates[f"{label}: {name}"] = count
        if _utc_day() != day:
            raise RunError("the runs crossed midnight (UTC): run it again")
        check.judge(out, job, killed.xid, killed.xact_status)
    except (RunError, kill.KillError, pg.DatabaseError) as exc:
        out.error = str(exc)
    finally:
        out.seconds = time.monotonic() - started
        if not ctx.keep:
            _drop(ctx, reversed(names))
    return out
