"""Command line of the races, called by ``setup/race``.

    python -m race_lib --url http://127.0.0.1:PORT --db DB [--rounds 5]
        [--races KEY,...] [--timeout S] [--workers N] [--odoo-pid PID]
        [--server-log FILE] [--result FILE]

Waits for the server, prepares the database (see ``world``), plays each
race its rounds, prints the report and writes the result as JSON. Exit
code: 0 when every check of every round holds, 1 when one does not, 2 on
error. Plain Python (the standard library only): it talks to Odoo over
JSON-RPC like browsers, one session per user.
"""

import argparse
import json
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from load_lib.procs import wait_for_server
from load_lib.rpc import RpcError
from load_lib.world import SetupError

from . import report
from .closing import PeriodClose, PlanClose, TargetAddedWhileClosing
from .forecast import CallSubmit, SnapshotWhileEditing
from .race import RaceError
from .scoring import RetrainWhileEditing
from .serverlog import LogReader
from .world import prepare

EXIT_FAILED = 1
EXIT_ERROR = 2
ADMIN_PASSWORD_ENV = "SM_RACE_ADMIN_PASSWORD"
SCENARIOS = (
    PeriodClose,
    PlanClose,
    TargetAddedWhileClosing,
    CallSubmit,
    SnapshotWhileEditing,
    RetrainWhileEditing,
)
KEYS = {scenario.key: scenario for scenario in SCENARIOS}


def _log(message):
    print(message, flush=True)  # sm: allow-print (the command's output)


def parse_races(text):
    keys = [key.strip() for key in text.split(",") if key.strip()]
    unknown = [key for key in keys if key not in KEYS]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"--races takes some of {', '.join(KEYS)}, not {text!r}"
        )
    return [KEYS[key] for key in keys]


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, not {text!r}")
    return value


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="setup/race")
    parser.add_argument(
        "--url", required=True, help="Odoo's address (http://host:port)"
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=positive_int, default=5)
    parser.add_argument("--races", type=parse_races, default=list(SCENARIOS))
    parser.add_argument("--timeout", type=float, default=120.0, help="per request (s)")
    parser.add_argument("--workers", type=positive_int, default=4)
    parser.add_argument("--odoo-pid", type=int, action="append", default=[])
    parser.add_argument("--server-log", required=True)
    parser.add_argument("--result", default=None, help="JSON result file")
    parser.add_argument("--admin-login", default="admin")
    parser.add_argument("--wait-server", type=positive_int, default=180)
    return parser.parse_args(argv)


def play(world, classes, rounds, server_log):
    """Each race, its rounds one after the other; the result's scenarios."""
    played = []
    for cls in classes:
        scenario = cls(world, LogReader(server_log))
        _log(f"Race {cls.key}: {cls.title} ...")
        try:
            scenario.prepare()
            results = []
            for number in range(1, rounds + 1):
                result = scenario.play(number)
                results.append(result)
                failed = [check.name for check in result.checks if not check.ok]
                _log(
                    f"  round {number}: "
                    + ", ".join(
                        f"{o.side} {o.label()}" for o in result.outcomes.values()
                    )
                    + (f" -- FAILED: {'; '.join(failed)}" if failed else "")
                )
        finally:
            scenario.close()
        played.append(report.scenario_json(scenario, results))
    return played


def main(argv=None):
    args = parse_args(argv)
    _log(f"Waiting for Odoo at {args.url} ...")
    if not wait_for_server(args.url, args.wait_server, args.odoo_pid):
        _log(f"Odoo did not answer at {args.url} (see its log {args.server_log}).")
        return EXIT_ERROR
    admin_password = os.environ.get(ADMIN_PASSWORD_ENV, "admin")
    _log(f"Preparing {args.db} ...")
    try:
        world = prepare(
            args.url,
            args.db,
            args.admin_login,
            admin_password,
            args.timeout,
            args.rounds,
            _log,
        )
        scenarios = play(world, args.races, args.rounds, args.server_log)
    except SetupError as exc:
        _log(f"Cannot race on {args.db}: {exc}.")
        return EXIT_ERROR
    except (RaceError, RpcError) as exc:
        _log(f"A race could not be played: {exc}")
        return EXIT_ERROR
    result = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "db": args.db,
        "url": args.url,
        "rounds": args.rounds,
        "workers": args.workers,
        "scenarios": scenarios,
        "passed": all(scenario["passed"] for scenario in scenarios),
    }
    _log("")
    _log(report.format_report(result))
    if args.result:
        path = Path(args.result)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
        _log(f"Result written to {path}.")
    return 0 if result["passed"] else EXIT_FAILED


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(EXIT_ERROR)
    except Exception:  # any other failure is an error, not a failed check
        traceback.print_exc()
        sys.exit(EXIT_ERROR)
