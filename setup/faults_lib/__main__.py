"""Command line of ``setup/faults``, run with Odoo's Python.

    python -m faults_lib --config CONF --db SOURCE [--job all|NAME[,NAME]]
                         [--keep] [--timeout S] --log-dir DIR --data-dir DIR

Exit code: 0 when every job holds, 1 when one does not, 2 on error.
"""

import argparse
import json
import os
import signal
import sys
import time
import traceback
from dataclasses import asdict
from datetime import datetime, timezone

EXIT_ERROR = 2


def _log(message):
    print(message, flush=True)  # sm: allow-print (the command's output)


def _parse(argv):
    parser = argparse.ArgumentParser(prog="setup/faults")
    parser.add_argument("--config", required=True, help="Odoo config file")
    parser.add_argument("--db", required=True, help="the source database")
    parser.add_argument("--job", default="all")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--log-dir", required=True)
    parser.add_argument("--data-dir", required=True)
    return parser.parse_args(argv)


def _sizes(db):
    from . import pg

    rows = pg.query(
        db,
        """SELECT pg_size_pretty(pg_database_size(current_database())),
                  (SELECT count(*) FROM sale_order WHERE state = 'sale'),
                  (SELECT count(*) FROM crm_lead),
                  (SELECT count(*) FROM res_partner)""",
    )
    size, orders, leads, partners = rows[0]
    return f"{size}: {orders} confirmed orders, {leads} leads, {partners} contacts"


def main(argv=None):
    args = _parse(argv)
    from . import report, run, specs

    try:
        jobs = specs.select(args.job)
    except ValueError as exc:
        _log(f"setup/faults: {exc}")
        return EXIT_ERROR
    ctx = run.Context(
        config=args.config,
        source=args.db,
        log_dir=args.log_dir,
        data_dir=args.data_dir,
        timeout=args.timeout,
        keep=args.keep,
        log=_log,
    )
    # a termination ends the run as an error, the copies dropped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(EXIT_ERROR))
    started = time.monotonic()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    _log(f"Killed jobs on copies of {args.db} ({_sizes(args.db)}), {when}")
    outcomes = []
    try:
        for job in jobs:
            _log(f"{job.title} ({job.name}) ...")
            outcome = run.run_job(ctx, job)
            outcomes.append(outcome)
            verdict = "holds" if outcome.holds else (outcome.error or "FAILS")
            _log(f"  {verdict} ({outcome.seconds:.0f} s)")
    finally:
        if not args.keep:
            ctx.copies.drop_all()
    _log("")
    _log(report.table(outcomes))
    problems = report.notes(outcomes)
    if problems:
        _log("")
        _log(problems)
    _log(f"\n{len(outcomes)} jobs in {time.monotonic() - started:.0f} s.")
    if args.keep and ctx.copies.created:
        _log("Copies kept: " + ", ".join(ctx.copies.created))
    result = os.path.join(args.log_dir, f"faults-{args.db}.json")
    with open(result, "w", encoding="utf-8") as handle:
        json.dump([asdict(outcome) for outcome in outcomes], handle, indent=1)
    return report.exit_code(outcomes)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # any failure of the tool itself is an error
        traceback.print_exc()
        sys.exit(EXIT_ERROR)
