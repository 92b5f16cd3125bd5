"""Command line of the load driver, called by ``setup/load``.

    python -m load_lib --url http://127.0.0.1:PORT --db DB [--users 5,20,50]
        [--duration S] [--seed N] [--max-requests N] [--think S] [--timeout S]
        [--no-jobs] [--job-wait S] [--target-users N] [--p95-ms MS]
        [--odoo-pid http:PID] [--odoo-pid cron:PID] [--server-log FILE]
        [--scheduler-log FILE] [--result FILE] [--replica]

Waits for the server, prepares the database (see ``world``), runs each level
in turn, prints the report and writes the result as JSON. Exit code: 0 when
every criterion holds, 1 when one does not, 2 on error. Plain Python (the
standard library only): it talks to Odoo over JSON-RPC like a browser.
"""

import argparse
import json
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

EXIT_FAILED = 1
EXIT_ERROR = 2
ADMIN_PASSWORD_ENV = "SM_LOAD_ADMIN_PASSWORD"


def parse_users(text):
    """'5,20,50' -> [5, 20, 50]: positive whole numbers, each level once."""
    try:
        levels = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--users takes numbers separated by commas, not {text!r}"
        ) from None
    if not levels or any(level < 1 for level in levels):
        raise argparse.ArgumentTypeError("--users takes numbers of at least 1")
    if len(set(levels)) != len(levels):
        raise argparse.ArgumentTypeError("--users names a level twice")
    return levels


def parse_pid(text):
    """'http:1234' -> ('http', 1234): a prefork master the driver watches."""
    kind, sep, pid = text.partition(":")
    if not sep or kind not in ("http", "cron") or not pid.isdigit():
        raise argparse.ArgumentTypeError(
            f"--odoo-pid takes http:PID or cron:PID, not {text!r}"
        )
    return kind, int(pid)


def positive(kind):
    def convert(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a number, not {text!r}"
            ) from None
        if value <= 0:
            raise argparse.ArgumentTypeError(
                f"expected a positive number, not {text!r}"
            )
        return value

    return convert


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="setup/load")
    parser.add_argument(
        "--url", required=True, help="Odoo's address (http://host:port)"
    )
    parser.add_argument("--db", required=True, help="database built by setup/bench")
    parser.add_argument("--users", type=parse_users, default=[5, 20, 50])
    parser.add_argument(
        "--duration", type=positive(int), default=180, help="seconds per level"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-requests",
        type=positive(int),
        default=None,
        help="requests per level at most",
    )
    parser.add_argument("--think", type=float, default=3.0, help="mean think time (s)")
    parser.add_argument(
        "--timeout", type=positive(float), default=60.0, help="per request (s)"
    )
    parser.add_argument(
        "--no-jobs", action="store_true", help="trigger no scheduled job"
    )
    parser.add_argument("--job-wait", type=positive(int), default=300)
    parser.add_argument("--target-users", type=positive(int), default=20)
    parser.add_argument("--p95-ms", type=positive(float), default=1000.0)
    parser.add_argument("--odoo-pid", type=parse_pid, action="append", default=[])
    parser.add_argument("--server-log", default=None)
    parser.add_argument("--scheduler-log", default=None)
    parser.add_argument("--result", default=None, help="JSON result file")
    parser.add_argument("--admin-login", default="admin")
    parser.add_argument("--wait-server", type=positive(int), default=180)
    parser.add_argument(
        "--replica",
        action="store_true",
        help="Odoo reads on the standby of setup/replica: sample its lag",
    )
    args = parser.parse_args(argv)
    if args.think < 0:
        parser.error("--think cannot be negative")
    args.odoo_pids = {pid: kind for kind, pid in args.odoo_pid}
    return args


def _log(message):
    print(message, flush=True)  # sm: allow-print (the command's output)


def main(argv=None):
    args = parse_args(argv)
    from . import jobs
    from .driver import run_level
    from .ledger import Ledger
    from .procs import wait_for_server
    from .report import format_report, level_problems
    from .world import SetupError, prepare

    _log(f"Waiting for Odoo at {args.url} ...")
    if not wait_for_server(args.url, args.wait_server, list(args.odoo_pids)):
        _log(f"Odoo did not answer at {args.url} (see its log {args.server_log}).")
        return EXIT_ERROR
    admin_password = os.environ.get(ADMIN_PASSWORD_ENV, "admin")
    _log(f"Preparing {args.db} ...")
    try:
        world, admin = prepare(
            args.url,
            args.db,
            args.admin_login,
            admin_password,
            args.timeout,
            0 if args.no_jobs else args.job_wait,
            _log,
        )
    except SetupError as exc:
        _log(f"Cannot load-test {args.db}: {exc}.")
        return EXIT_ERROR
    job_names = {} if args.no_jobs else jobs.resolve(admin)
    run_id = datetime.utcnow().strftime("%Y%m%d%H%M%S")
    ledger = Ledger(run_id)
    result = {
        "run": run_id,
        "db": args.db,
        "url": args.url,
        "seed": args.seed,
        "duration_s": args.duration,
        "think_s": args.think,
        "max_requests": args.max_requests,
        "jobs": sorted(job_names.values()),
        "p95_ms": args.p95_ms,
        "target_users": args.target_users,
        "load_average": _load_average(),
        "replica": args.replica,
        "levels": [],
    }
    for number, users in enumerate(args.users, start=1):
        _log(f"Level {number}: {users} users ...")
        level = run_level(world, admin, ledger, number, users, args, job_names, _log)
        level["problems"] = level_problems(level, args.p95_ms, args.target_users)
        result["levels"].append(level)
    result["passed"] = not any(level["problems"] for level in result["levels"])
    result["load_average_after"] = _load_average()
    _log("")
    _log(format_report(result))
    if args.result:
        path = Path(args.result)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
        _log(f"Result written to {path}.")
    return 0 if result["passed"] else EXIT_FAILED


def _load_average():
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(EXIT_ERROR)
    except Exception:  # any other failure is an error, not a missed criterion
        traceback.print_exc()
        sys.exit(EXIT_ERROR)
