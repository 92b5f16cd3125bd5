"""Entry point of ``python -m lifecycle_lib`` (see the package's docstring)."""

import argparse
import logging
import sys

EXIT_FAILED = 1


def _parse():
    parser = argparse.ArgumentParser(prog="lifecycle_lib")
    parser.add_argument(
        "command",
        choices=[
            "prepare",
            "record",
            "compare",
            "check",
            "footprint",
            "uninstall",
            "odoo-works",
        ],
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--addons", required=True, help="the addons, comma-separated")
    parser.add_argument("--out", help="record: the JSON file written")
    parser.add_argument("--before", help="compare, check: the rows before the upgrade")
    parser.add_argument("--after", help="compare: the rows after the upgrade")
    parser.add_argument("--addon", help="uninstall: the addon to uninstall")
    parser.add_argument(
        "--footprint", help="footprint: written; uninstall: what to find gone"
    )
    return parser.parse_args()


def _registry(config_file, db):
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", config_file, "-d", db, "--log-level=error"])
    config["max_cron_threads"] = 0
    logging.getLogger("odoo").setLevel(logging.ERROR)
    return odoo.modules.registry.Registry(db)


def main():
    args = _parse()
    from odoo import SUPERUSER_ID, api

    from . import checks, rows, uninstall

    addons = set(args.addons.split(","))
    registry = _registry(args.config, args.db)
    if args.command == "uninstall":
        return (
            0
            if uninstall.uninstall(registry, args.addon, args.footprint)
            else EXIT_FAILED
        )
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.command == "prepare":
            checks.prepare(env, addons)
            cr.commit()
            return 0
        if args.command == "record":
            rows.record(env, addons, args.out)
            return 0
        if args.command == "footprint":
            uninstall.write_footprint(env, addons, args.footprint)
            return 0
        if args.command == "odoo-works":
            ok = uninstall.odoo_works(env)
            cr.commit()
            return 0 if ok else EXIT_FAILED
        if args.command == "compare":
            ok = rows.compare(env, addons, args.before, args.after)
        else:
            ok = checks.check(env, addons, args.before)
        cr.rollback()
    return 0 if ok else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
