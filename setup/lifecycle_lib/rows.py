"""What the addons keep in the database, recorded before and after an upgrade.

Recorded: every row of each table of the addons' own models (``_auto`` models
whose ``_original_module`` is one of the addons: SQL views and wizards left
out), every column, and on Odoo's tables the stored columns the addons add.
``write_date`` and ``write_uid`` are left out (an upgrade reloading a record
of a data file touches them). Values are compared as PostgreSQL prints them.

A value recorded before must be there after, unchanged, except where the
upgraded version says otherwise: a field it computes (its stored value is
recomputed by the new definition) or a record of a data file of the addons
(reloaded from the new version's file). Those are listed, not failed. New
rows and new columns are fine.
"""

import json
from collections import defaultdict

LEFT_OUT = {"write_date", "write_uid"}
EXAMPLES = 3
# Changes a migration of the addons makes on purpose: (table, column) ->
# (test of the old and new value, why).
INTENDED = {
    ("sales_scoring_rule", "company_id"): (
        lambda old, new: old is None and new is not None,
        "a scoring rule shared by every company became one rule per company "
        "(migration 18.0.1.2.0: the first company's, copied for the others)",
    ),
}


# What the summary names (table: label), when the version has it.
KEY_TABLES = {
    "sales_quota": "targets",
    "sales_lead_score": "lead scores",
    "sales_scoring_model": "scoring models",
    "sales_forecast_snapshot": "pipeline snapshots",
    "sales_forecast_snapshot_line": "snapshot lines",
    "sales_forecast": "forecasts",
    "sales_scorecard_period": "scorecard periods",
    "sales_evaluation": "reviews",
}


def _say(message):
    print(message, flush=True)


def dependency_order(addons):
    """The addons, each after those of them it depends on (their manifests)."""
    from odoo.modules.module import get_manifest

    ordered, left = [], set(addons)
    while left:
        ready = sorted(a for a in left if not set(get_manifest(a)["depends"]) & left)
        if not ready:
            raise ValueError(f"the addons {sorted(left)} depend on each other")
        ordered += ready
        left -= set(ready)
    return ordered


def added_by(field, addons):
    """The addon that adds ``field`` to a model of another module (None when
    a module not ours defines it too: the addons only change it). Addons are
    given in dependency order: the first one defining it adds it."""
    modules = set(getattr(field, "_modules", ()) or ())
    if not modules or not modules <= set(addons):
        return None
    return next(addon for addon in addons if addon in modules)


def _own_models(env, addons):
    """{model name: table} of the addons' stored models, and {table: [column]}
    of their columns on the other models' tables."""
    tables, added = {}, defaultdict(list)
    ordered = dependency_order(addons)
    for name in sorted(env.registry):
        model = env[name]
        if model._abstract or model._transient or not model._auto:
            continue
        if model._original_module in addons:
            tables[name] = model._table
            continue
        for field in model._fields.values():
            if added_by(field, ordered) and field.store and field.column_type:
                added[model._table].append(field.name)
    return tables, added


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall() if row[0] not in LEFT_OUT]


def _rows(cr, table, columns):
    """{id: {column: text}} of ``table`` (values cast to text by PostgreSQL)."""
    if "id" not in columns:
        return {}
    select = ", ".join(f'"{column}"::text' for column in columns)
    cr.execute(f'SELECT {select} FROM "{table}" ORDER BY id')  # noqa: S608
    return {
        row[columns.index("id")]: dict(zip(columns, row, strict=True))
        for row in cr.fetchall()
    }


def _data_rows(cr, addons):
    """{table-less model name: {res_id}} of the addons' data-file records
    that an upgrade reloads (``noupdate`` false)."""
    cr.execute(
        "SELECT model, res_id FROM ir_model_data WHERE module = ANY(%s) "
        "AND NOT noupdate",
        [sorted(addons)],
    )
    found = defaultdict(set)
    for model, res_id in cr.fetchall():
        found[model].add(str(res_id))
    return found


def record(env, addons, out):
    cr = env.cr
    tables, added = _own_models(env, addons)
    data = {"tables": {}, "columns": {}, "models": tables}
    for name, table in tables.items():
        columns = _columns(cr, table)
        data["tables"][table] = {"model": name, "rows": _rows(cr, table, columns)}
    for table, fields_ in added.items():
        present = set(_columns(cr, table))
        columns = ["id", *[name for name in fields_ if name in present]]
        data["columns"][table] = _rows(cr, table, columns)
    data["data_rows"] = {
        model: sorted(ids) for model, ids in _data_rows(cr, addons).items()
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, default=str)
    count = sum(len(t["rows"]) for t in data["tables"].values())
    _say(
        f"Recorded {count} rows of {len(data['tables'])} tables of the addons and "
        f"{sum(len(v) for v in added.values())} columns of theirs on "
        f"{len(added)} tables of Odoo."
    )


def _computed(env, table):
    """{column: True} of the stored computed fields of ``table`` now."""
    found = {}
    for name in env.registry:
        model = env[name]
        if model._auto and model._table == table and not model._abstract:
            for field in model._fields.values():
                if field.store and field.compute:
                    found[field.name] = True
    return found


def _diff(before, after, where, allowed, reloaded, report):
    """Compare the rows {id: {column: text}}; record what differs."""
    for row_id, old in before.items():
        new = after.get(row_id)
        if new is None:
            report["missing"].append(f"{where} #{row_id}")
            continue
        for column, value in old.items():
            if column not in new:
                report["dropped"].add(f"{where}.{column}")
            elif new[column] != value:
                intended = INTENDED.get((where, column))
                if intended and intended[0](value, new[column]):
                    kind = "intended"
                elif row_id in reloaded:
                    kind = "reloaded"
                else:
                    kind = "recomputed" if column in allowed else "changed"
                report[kind][f"{where}.{column}"].append(
                    f"#{row_id}: {value!r} -> {new[column]!r}"
                )


def compare(env, addons, before_file, after_file):
    with open(before_file, encoding="utf-8") as handle:
        before = json.load(handle)
    with open(after_file, encoding="utf-8") as handle:
        after = json.load(handle)
    report = {
        "missing": [],
        "dropped": set(),
        "changed": defaultdict(list),
        "recomputed": defaultdict(list),
        "reloaded": defaultdict(list),
        "intended": defaultdict(list),
    }
    data_rows = before.get("data_rows", {})
    rows_before = 0
    for table, content in before["tables"].items():
        rows_before += len(content["rows"])
        new = after["tables"].get(table)
        if new is None:
            report["missing"].append(f"the table {table} ({content['model']})")
            continue
        reloaded = set(data_rows.get(content["model"], ()))
        _diff(
            content["rows"],
            new["rows"],
            table,
            _computed(env, table),
            reloaded,
            report,
        )
    for table, rows_ in before["columns"].items():
        _diff(
            rows_,
            after["columns"].get(table, {}),
            table,
            _computed(env, table),
            set(),
            report,
        )
    kept = ", ".join(
        f"{len(before['tables'][table]['rows'])} {label}"
        for table, label in KEY_TABLES.items()
        if table in before["tables"]
    )
    _say(f"  recorded before the upgrade: {kept}")
    new_tables = sorted(set(after["tables"]) - set(before["tables"]))
    _say(
        f"Compared {rows_before} rows of {len(before['tables'])} tables and the "
        f"addons' columns on {len(before['columns'])} tables of Odoo; new "
        f"tables: {', '.join(new_tables) or 'none'}."
    )
    for (table, column), (_test, why) in INTENDED.items():
        changes = report["intended"].get(f"{table}.{column}")
        if changes:
            _say(f"  changed on purpose: {table}.{column}: {len(changes)} rows: {why}")
    for kind, label in (
        ("recomputed", "recomputed by the new definition of a computed field"),
        ("reloaded", "reloaded from the new version's data files"),
    ):
        for column, changes in sorted(report[kind].items()):
            _say(f"  {label}: {column}: {len(changes)} rows, e.g. {changes[:EXAMPLES]}")
    failed = bool(report["missing"] or report["dropped"] or report["changed"])
    for item in report["missing"]:
        _say(f"  MISSING after the upgrade: {item}")
    for column in sorted(report["dropped"]):
        _say(f"  DROPPED column: {column}")
    for column, changes in sorted(report["changed"].items()):
        _say(f"  CHANGED: {column}: {len(changes)} rows, e.g. {changes[:EXAMPLES]}")
    _say("Data intact." if not failed else "Data NOT intact.")
    return not failed
