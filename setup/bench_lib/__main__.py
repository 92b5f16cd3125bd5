"""Command line of the benchmark, called by ``setup/bench`` with Odoo's Python.

    python -m bench_lib status -c CONF -d DB --scale NAME
        exit 0 when DB already holds the data of that scale, 3 when not
    python -m bench_lib generate -c CONF -d DB --scale NAME
        fill DB, where the three addons are installed
    python -m bench_lib run -c CONF -d DB [--repeat N] [--explain]
                        [--part all|attainment|scoring|...|customers]
                        [--scoring-repeat N]
        measure; exit 0 when every target is met, 1 when one is missed

Any other failure exits with 2.
"""

import argparse
import importlib
import logging
import sys
import time
import traceback
from datetime import date

EXIT_MISSED = 1
EXIT_ERROR = 2
EXIT_REGENERATE = 3

# Optional parts: name -> (module of this package, title). Each module has
# ``run(registry, marker, repeat=5, log=print) -> bool`` (True when every
# figure meets its target).
EXTRA_PARTS = {
    "scorecards": ("scorecards", "performance scorecards"),
    "forecast": ("forecast", "forecasting"),
    "recruiting": ("recruiting", "recruiting"),
    "customers": ("customers", "follow-ups, customer figures and recommendations"),
    "dashboard": ("dashboard", "dashboards"),
}
PARTS = ("attainment", "scoring", *EXTRA_PARTS)


def _parse():
    from .generate import SCALES

    parser = argparse.ArgumentParser(prog="setup/bench")
    parser.add_argument("command", choices=("status", "generate", "run"))
    parser.add_argument("-c", "--config", required=True, help="Odoo config file")
    parser.add_argument("-d", "--db", required=True, help="database name")
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN ANALYZE of the attainment query and of the baseline",
    )
    parser.add_argument(
        "--part",
        choices=("all", *PARTS),
        default="all",
        help="what to measure: one part or all of them",
    )
    parser.add_argument(
        "--scoring-repeat",
        type=int,
        default=3,
        help="timed runs of each lead scoring recompute (they take seconds)",
    )
    return parser.parse_args()


def _registry(config_file, db):
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", config_file, "-d", db, "--log-level=warn"])
    # No cron thread: nothing runs in the background while we measure.
    config["max_cron_threads"] = 0
    logging.getLogger("odoo").setLevel(logging.WARNING)
    return odoo.modules.registry.Registry(db)


def _peak_memory():
    """Peak virtual and resident size of this process (Odoo's worker memory
    limits are on the virtual size)."""
    with open("/proc/self/status", encoding="ascii") as status:
        sizes = dict(line.split(":", 1) for line in status if line.startswith("Vm"))
    virtual, resident = (
        int(sizes[key].split()[0]) // 1024 for key in ("VmPeak", "VmHWM")
    )
    return f"{virtual} MiB virtual, {resident} MiB resident"


def _log(message):
    print(message, flush=True)


def _marker(registry):
    from odoo import SUPERUSER_ID, api

    from .generate import read_marker

    with registry.cursor() as cr:
        return read_marker(api.Environment(cr, SUPERUSER_ID, {}))


def main():
    args = _parse()
    from odoo import SUPERUSER_ID, api

    from . import bench, generate, scoring

    scale = generate.SCALES[args.scale]
    registry = _registry(args.config, args.db)

    if args.command == "status":
        marker = _marker(registry)
        problem = generate.marker_problem(marker, scale, date.today())
        if problem:
            _log(f"Database {args.db} cannot be reused: {problem}.")
            return EXIT_REGENERATE
        generated_on = marker["generated_on"]
        _log(f"Database {args.db} holds the '{scale.name}' data of {generated_on}.")
        return 0

    if args.command == "generate":
        started = time.perf_counter()
        with registry.cursor() as cr:
            generate.generate(api.Environment(cr, SUPERUSER_ID, {}), scale, log=_log)
            _log("Committing ...")
            cr.commit()
        seconds = time.perf_counter() - started
        _log(
            f"Database {args.db} filled at scale '{scale.name}' in {seconds:.0f} s; "
            f"peak memory of the generator: {_peak_memory()}."
        )
        return 0

    marker = _marker(registry)
    if not marker:
        _log(f"Database {args.db} holds no benchmark data: run setup/bench again.")
        return EXIT_ERROR
    parts = {}
    if args.part in ("all", "attainment"):
        parts["attainment"] = bench.run(
            registry,
            marker,
            generate.table_sizes,
            repeat=args.repeat,
            explain=args.explain,
            log=_log,
        )
    if args.part in ("all", "scoring"):
        parts["lead scoring"] = scoring.run(
            registry, marker, repeat=args.scoring_repeat, log=_log
        )
    for name, (module_name, title) in EXTRA_PARTS.items():
        if args.part not in ("all", name):
            continue
        try:
            module = importlib.import_module(f".{module_name}", __package__)
        except ModuleNotFoundError:
            if args.part == name:
                raise
            continue
        parts[title] = module.run(registry, marker, repeat=args.repeat, log=_log)
    if len(parts) > 1:
        _log("\nOverall (every part):")
        for name, passed in parts.items():
            _log(f"  {'PASS' if passed else 'FAIL'}  {name}")
    return 0 if all(parts.values()) else EXIT_MISSED


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # any failure is an error, not a missed target
        traceback.print_exc()
        sys.exit(EXIT_ERROR)
