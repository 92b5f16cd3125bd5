"""The Odoo process of ``setup/faults``: one scheduled job, through Odoo's cron path.

    python -m faults_lib.driver run -c CONF -d DB --cron ID --now TIME --result FILE
        make the job due now, then do what a cron worker does with it until it
        is rescheduled: ``ir.cron._acquire_one_job`` (its row locked with
        ``FOR NO KEY UPDATE SKIP LOCKED``) and ``ir.cron._process_job`` (the
        server action called batch after batch, each in a transaction of its
        own, with ``_notify_progress``), as ``ir.cron._process_jobs`` does in
        the cron thread of a server, once per round while the job stays ready
    python -m faults_lib.driver prepare -c CONF -d DB --job NAME --code CODE
                                --now TIME --result FILE
        give the job real work in DB (see ``prepare``) and set the code of its
        scheduled action (a smaller batch on a small database)

Odoo's clock (Python's: ``fields.Datetime.now()``, ``fields.Date.today()``)
is frozen at ``--now`` (UTC) with freezegun: the runs of a job compared with
each other see the same time, as if each had started at the moment the job
was due. The jobs count whole days from it (the age of a lead, the days a
record waits for its follow-up): two runs a minute apart would differ for
the few records that turn one day older in between. PostgreSQL's clock is
left alone; ``setup/faults`` checks that every run is on the day of
``--now``.

It is the process that ``setup/faults`` kills with SIGKILL in the middle of a
batch. The result (JSON) is written once the job is done; a killed run writes
nothing.
"""

import argparse
import json
import sys
import threading
import traceback

EXIT_ERROR = 2
# rounds of _process_job (each runs at most ten batches) before giving up
MAX_ROUNDS = 200


def _registry(config_file, db):
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", config_file, "-d", db], setup_logging=True)
    # no cron thread of our own: this process is the cron worker
    config["max_cron_threads"] = 0
    return odoo.modules.registry.Registry(db)


def run(registry, cron_id, max_rounds=MAX_ROUNDS):
    """Run job ``cron_id`` to the end as a cron worker does: its summary.

    The job is due at Odoo's (frozen) now: rescheduled by its interval from
    there, it is no longer due once done.
    """
    from freezegun.api import real_monotonic

    from odoo import fields, sql_db

    db_name = registry.db_name
    IrCron = registry["ir.cron"]
    with registry.cursor() as cr:
        cr.execute(
            "UPDATE ir_cron SET nextcall = %s WHERE id = %s RETURNING active",
            [fields.Datetime.now(), cron_id],
        )
        row = cr.fetchone()
        if not row or not row[0]:
            raise RuntimeError(f"scheduled action {cron_id} is missing or inactive")
    started = real_monotonic()
    rounds = 0
    db = sql_db.db_connect(db_name)
    threading.current_thread().dbname = db_name
    while rounds < max_rounds:
        with db.cursor() as cron_cr:
            # as ir.cron._process_jobs, for this one job
            IrCron._check_version(cron_cr)
            job = IrCron._acquire_one_job(cron_cr, cron_id)
            if not job:
                break
            IrCron._check_modules_state(cron_cr, [job])
            registry["ir.cron"]._process_job(db, cron_cr, job)
        rounds += 1
    seconds = real_monotonic() - started
    with registry.cursor() as cr:
        cr.execute(
            "SELECT failure_count, nextcall > now() AT TIME ZONE 'UTC' "
            "FROM ir_cron WHERE id = %s",
            [cron_id],
        )
        failures, rescheduled = cr.fetchone()
    return {
        "rounds": rounds,
        "seconds": round(seconds, 2),
        "failures": failures,
        "finished": bool(rescheduled),
        **peak_memory_mb(),
    }


def peak_memory_mb():
    """The peak virtual and resident memory of this process so far, in MiB.

    Odoo's worker limits (``limit_memory_soft``, 2048 MiB, and
    ``limit_memory_hard``, 2560 MiB, by default) are on the virtual size on
    Linux: the hard one is the process's ``RLIMIT_AS``.
    """
    peaks = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _sep, value = line.partition(":")
            if key in ("VmPeak", "VmHWM"):
                peaks[key] = round(int(value.split()[0]) / 1024)
    return {"peak_virtual_mb": peaks.get("VmPeak"), "peak_rss_mb": peaks.get("VmHWM")}


def limit_memory(hard_mb):
    """As Odoo does in its workers: allocations beyond ``hard_mb`` MiB of
    virtual memory fail."""
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard_mb * 1024 * 1024, hard))


def prepare(registry, job, code):
    """Give ``job`` its work in the database and set its action's code."""
    from odoo import SUPERUSER_ID, api

    from . import prepare as steps

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        summary = steps.STEPS[job](env) if job in steps.STEPS else {}
        env.flush_all()
        if code:
            cron = env["ir.cron"].browse(steps.cron_id(env, job))
            cron.ir_actions_server_id.code = code
        cr.commit()
    return summary or {}


def _parse(argv):
    parser = argparse.ArgumentParser(prog="faults_lib.driver")
    parser.add_argument("command", choices=("run", "prepare"))
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--cron", type=int, help="id of the scheduled action (run)")
    parser.add_argument("--job", help="name of the job (prepare)")
    parser.add_argument("--code", default="", help="code of its action (prepare)")
    parser.add_argument("--now", required=True, help="Odoo's time (UTC)")
    parser.add_argument("--result", required=True, help="JSON written at the end")
    parser.add_argument(
        "--memory-hard",
        type=int,
        default=0,
        help="run: virtual memory limit of the process in MiB, as Odoo's "
        "limit_memory_hard in a worker (0: none)",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = _parse(argv)
    if args.memory_hard:
        limit_memory(args.memory_hard)
    registry = _registry(args.config, args.db)
    from freezegun import freeze_time

    with freeze_time(args.now):
        if args.command == "run":
            result = run(registry, args.cron)
        else:
            result = prepare(registry, args.job, args.code)
    with open(args.result, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # any failure is an error of the run
        traceback.print_exc()
        sys.exit(EXIT_ERROR)
