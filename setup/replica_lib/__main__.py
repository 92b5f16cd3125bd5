"""Command line of the replica check, called by ``setup/replica check``.

    python -m replica_lib --url http://127.0.0.1:PORT --db DB
        --logins admin:admin,demo:demo --server-log FILE --server-pid PID
        --replica-host DIR --replica-port PORT --addons-path PATH [--result FILE]

Waits for the server, opens every screen of the app's menus as each login,
then each heavy screen alone between two snapshots of PostgreSQL's
statistics; prints, per screen, on which cursor its requests ran and the rows
the app's tables gave on each cluster. Exit code 0 when every data request
ran on the replica, none wrote there and no screen failed; 1 when not; 2 on
error.
"""

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

from load_lib.procs import wait_for_server

from . import modes, pgstats
from .screens import Checker

EXIT_FAILED = 1
EXIT_ERROR = 2
# the heavy screens: read alone, with PostgreSQL's statistics around them
HEAVY = (
    "sales_management.sales_management_dashboard_action",
    "sales_management.sales_quota_action_my",
    "sales_management.sales_quota_action",
    "sales_management.sales_quota_action_analysis",
    "sales_management.crm_lead_action_best",
    "sales_management.sales_category_propensity_action",
    "sales_management.res_partner_action_dormant",
    "sales_management.sales_scorecard_action",
    "sales_management.sales_scorecard_action_server_leaderboard",
    "sales_management_forecast.sales_forecast_dashboard_action",
    "sales_management_forecast.sales_forecast_action",
    "sales_management_forecast.sales_funnel_report_action",
    "sales_management_recruiting.sales_hiring_report_action",
    "sales_management_recruiting.sales_quality_hire_summary_action",
)


SERVER_ACTIONS = ("sales_management.sales_scorecard_action_server_leaderboard",)


def _say(message=""):
    print(message, flush=True)  # sm: allow-print (the command's output)


def parse_logins(text):
    pairs = []
    for part in text.split(","):
        login, sep, password = part.partition(":")
        if not sep or not login:
            raise argparse.ArgumentTypeError("--logins takes login:password pairs")
        pairs.append((login, password))
    return pairs


def arguments(argv):
    parser = argparse.ArgumentParser(prog="setup/replica check")
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--logins", type=parse_logins, required=True)
    parser.add_argument("--server-log", type=Path, required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--replica-host", required=True)
    parser.add_argument("--replica-port", type=int, required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--result", type=Path)
    parser.add_argument(
        "--no-heavy", action="store_true", help="skip the heavy screens' statistics"
    )
    return parser.parse_args(argv)


def init_odoo(addons_path):
    """Make ``odoo.addons.sales_management.tools`` importable (no server)."""
    from odoo.modules.module import initialize_sys_path
    from odoo.tools import config

    config.parse_config([f"--addons-path={addons_path}"], setup_logging=False)
    initialize_sys_path()


def screen_modes(requests, found):
    """``{(login, screen): Counter of modes}`` and the data requests that did
    not run on the replica."""
    counts, misplaced = {}, []
    for request in requests:
        mode = found.get(request.number, ("missing", 0, None))[0]
        counts.setdefault((request.login, request.screen), Counter())[mode] += 1
        if request.data and mode != "ro":
            misplaced.append((request, mode))
    return counts, misplaced


def run(args):
    init_odoo(args.addons_path)
    if not wait_for_server(args.url, 180, [args.server_pid]):
        _say(
            "setup/replica: Odoo did not answer in 180 s (see its log).",
            file=sys.stderr,
        )
        return EXIT_ERROR
    primary = pgstats.Cluster("primary", args.db)
    replica = pgstats.Cluster("replica", args.db, args.replica_host, args.replica_port)
    counter = itertools.count(1)
    requests, failures, screens, seen = [], [], [], {}
    # every screen, as each login
    pgstats.settle()
    before = {"primary": primary.snapshot(), "replica": replica.snapshot()}
    started = time.monotonic()
    for login, password in args.logins:
        checker = Checker(args.url, args.db, login, password, requests, counter)
        checker.run()
        failures += [(login, screen, message) for screen, message in checker.failures]
        screens += [(login, *screen) for screen in checker.screens]
        seen[login] = checker.seen
    walk_seconds = time.monotonic() - started
    pgstats.settle()
    after = {"primary": primary.snapshot(), "replica": replica.snapshot()}
    walk_rows = {name: pgstats.delta(before[name], after[name]) for name in before}
    totals = {name: sum(rows.values()) for name, rows in walk_rows.items()}
    # the heavy screens alone, between two snapshots
    heavy = []
    if not args.no_heavy:
        for login, password in args.logins:
            checker = Checker(args.url, args.db, login, password, requests, counter)
            checker.session.authenticate(login, password)
            for xmlid in HEAVY:
                if xmlid not in seen[login]:
                    continue  # not in this user's menus
                checker.screen = xmlid
                mark = {"primary": primary.snapshot(), "replica": replica.snapshot()}
                try:
                    checker.open_action(xmlid)
                except Exception as error:  # noqa: BLE001 - reported
                    failures.append((login, xmlid, str(error)))
                    continue
                pgstats.settle()
                rows = {
                    name: sum(pgstats.delta(mark[name], cluster.snapshot()).values())
                    for name, cluster in (("primary", primary), ("replica", replica))
                }
                heavy.append((login, xmlid, rows["replica"], rows["primary"]))
    primary.close()
    replica.close()

    time.sleep(1.0)  # the last lines of the log
    text = args.server_log.read_text(errors="replace")
    found = modes.request_modes(text)
    retries = modes.read_only_retries(text)
    counts, misplaced = screen_modes(requests, found)
    report(
        screens, counts, heavy, walk_rows, misplaced, retries, failures, walk_seconds
    )
    primary_reads = Counter(
        r.label for r in requests if found.get(r.number, ("",))[0] == "rw"
    )
    _say(
        "On the primary (read/write routes and methods, by design): "
        + ", ".join(
            f"{label} ({count})" for label, count in sorted(primary_reads.items())
        )
    )
    ok = not misplaced and not retries and not failures and totals["replica"] > 0
    # a heavy screen reads the app's tables on the replica only; the
    # leaderboard's server action (/web/action/run, read/write by design)
    # checks on the primary that the current periods exist
    ok = ok and all(
        primary_rows == 0 or xmlid in SERVER_ACTIONS
        for _, xmlid, _replica_rows, primary_rows in heavy
    )
    if args.result:
        args.result.write_text(
            json.dumps(
                {
                    "screens": [
                        {
                            "login": login,
                            "screen": name,
                            "type": kind,
                            "records": records,
                            "seconds": round(seconds, 3),
                            "modes": dict(counts.get((login, name), {})),
                        }
                        for login, name, kind, records, seconds in screens
                    ],
                    "heavy": [
                        {
                            "login": login,
                            "action": xmlid,
                            "replica_rows": r,
                            "primary_rows": p,
                        }
                        for login, xmlid, r, p in heavy
                    ],
                    "rows_read": totals,
                    "misplaced": [
                        {
                            "login": r.login,
                            "screen": r.screen,
                            "request": r.label,
                            "mode": mode,
                        }
                        for r, mode in misplaced
                    ],
                    "read_only_retries": retries,
                    "failures": failures,
                    "ok": ok,
                },
                indent=1,
            )
        )
    _say("Every data request on the replica, no write there: OK" if ok else "FAILED")
    return 0 if ok else EXIT_FAILED


def report(screens, counts, heavy, walk_rows, misplaced, retries, failures, seconds):
    totals = {name: sum(rows.values()) for name, rows in walk_rows.items()}
    primary_tables = ", ".join(
        f"{table} {rows}" for table, rows in sorted(walk_rows["primary"].items())
    )
    _say(f"{len(screens)} screens opened in {seconds:.0f} s")
    _say(f"{'login':<8} {'screen':<36} {'ro':>3} {'rw':>3} {'ro->rw':>6}  records")
    for login, name, _kind, records, _seconds in screens:
        mode = counts.get((login, name), Counter())
        _say(
            f"{login:<8} {name[:36]:<36} {mode['ro']:>3} {mode['rw']:>3}"
            f" {mode['ro->rw']:>6}  {'' if records is None else records}"
        )
    _say(
        f"Rows the app's tables gave during the walk: replica {totals['replica']:,},"
        f" primary {totals['primary']:,}"
        + (f" ({primary_tables})" if primary_tables else "")
    )
    if heavy:
        _say("Heavy screens alone (rows of the app's tables): replica / primary")
        for login, xmlid, replica_rows, primary_rows in heavy:
            _say(f"  {login:<8} {xmlid:<60} {replica_rows:>9,} / {primary_rows:,}")
    for request, mode in misplaced:
        _say(
            f"NOT ON THE REPLICA: {request.login} {request.screen}:"
            f" {request.label} ({mode})"
        )
    for line in retries[:20]:
        _say(f"READ-ONLY WRITE: {line}")
    for login, screen, message in failures:
        _say(f"FAILED: {login} {screen}: {message}")


def main(argv=None):
    try:
        return run(arguments(argv))
    except Exception:  # noqa: BLE001 - exit code 2 with the traceback
        import traceback

        traceback.print_exc()
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
