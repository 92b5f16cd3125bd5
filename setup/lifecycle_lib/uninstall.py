"""Uninstall the addons one by one from a database with data, check that
nothing of theirs is left and that CRM and Sales still work."""

import json
import time

from odoo import SUPERUSER_ID, Command, api, fields

from .rows import added_by, dependency_order


def _say(message):
    print(message, flush=True)


def own_tables(env, addon, addons):
    """Tables and SQL views of the models whose original module is ``addon``,
    and {table: [column]} of its stored fields on the other models."""
    tables, columns = set(), {}
    for name in env.registry:
        model = env[name]
        if model._abstract or model._transient:
            continue
        if model._original_module == addon:
            tables.add(model._table)
            continue
        own = [
            field.name
            for field in model._fields.values()
            if added_by(field, addons) == addon and field.store and field.column_type
        ]
        if own:
            columns.setdefault(model._table, []).extend(own)
    return tables, columns


def write_footprint(env, addons, out):
    """{addon: {"tables": [...], "columns": {table: [column]}, "records": n}}
    of what each addon has in the database, for ``uninstall`` to find gone."""
    found = {}
    ordered = dependency_order(addons)
    for addon in ordered:
        tables, columns = own_tables(env, addon, ordered)
        # the tables of its many2many fields
        env.cr.execute(
            "SELECT r.name FROM ir_model_relation r "
            "JOIN ir_module_module m ON m.id = r.module WHERE m.name = %s",
            [addon],
        )
        tables |= {row[0] for row in env.cr.fetchall()}
        env.cr.execute("SELECT count(*) FROM ir_model_data WHERE module = %s", [addon])
        found[addon] = {
            "tables": sorted(tables),
            "columns": columns,
            "records": env.cr.fetchone()[0],
        }
        _say(
            f"  {addon}: {len(tables)} tables and views, "
            f"{sum(len(c) for c in columns.values())} columns on Odoo's tables, "
            f"{found[addon]['records']} records with an XML id"
        )
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(found, handle)


def uninstall(registry, addon, footprint_file):
    """Uninstall ``addon`` as the Apps menu does, then look for leftovers."""
    with open(footprint_file, encoding="utf-8") as handle:
        footprint = json.load(handle)[addon]
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        module = env["ir.module.module"].search([("name", "=", addon)])
        module.button_immediate_uninstall()
    seconds = time.perf_counter() - started
    with registry.cursor() as cr:
        left = leftovers(cr, addon, footprint["tables"], footprint["columns"])
    for item in left:
        _say(f"  LEFT BEHIND by {addon}: {item}")
    _say(
        f"  {addon} uninstalled in {seconds:.0f} s: "
        + ("nothing left behind" if not left else f"{len(left)} leftovers")
    )
    return not left


def leftovers(cr, addon, tables, columns):
    """What is left of ``addon`` after its uninstall (empty: nothing)."""
    left = []
    cr.execute(
        "SELECT model, count(*) FROM ir_model_data WHERE module = %s GROUP BY model",
        [addon],
    )
    left += [f"{count} ir.model.data of {model}" for model, count in cr.fetchall()]
    cr.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = ANY(%s)",
        [sorted(tables)],
    )
    left += [f"table or view {row[0]}" for row in cr.fetchall()]
    for table, names in columns.items():
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s "
            "AND column_name = ANY(%s)",
            [table, names],
        )
        left += [f"column {table}.{row[0]}" for row in cr.fetchall()]
    cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [addon])
    state = cr.fetchone()[0]
    if state != "uninstalled":
        left.append(f"module state {state}")
    return left


def odoo_works(env):
    """CRM and Sales as a user uses them: open a lead, the pipeline kanban,
    Odoo's predictive scoring, win a lead, confirm a quotation."""
    admin = env.ref("base.user_admin")
    Lead = env["crm.lead"].with_user(admin)
    lead = Lead.search(
        [("type", "=", "opportunity"), ("probability", "<", 100)], limit=1
    )
    views = Lead.get_views([(False, "form"), (False, "kanban")])
    form_fields = views["models"]["crm.lead"]["fields"]
    lead.web_read({name: {} for name in form_fields if name in Lead._fields})
    Lead.web_read_group(
        [("type", "=", "opportunity")], ["expected_revenue:sum"], ["stage_id"]
    )
    Lead.web_search_read(
        [("type", "=", "opportunity")],
        {
            "name": {},
            "expected_revenue": {},
            "stage_id": {"fields": {"display_name": {}}},
        },
        limit=80,
    )
    started = time.perf_counter()
    env["crm.lead"].sudo()._cron_update_automated_probabilities()
    scoring = time.perf_counter() - started
    lead.action_set_won()
    partner = env.ref("base.res_partner_2")
    product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
    order = (
        env["sale.order"]
        .with_user(admin)
        .create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        )
    )
    order.action_confirm()
    env.flush_all()
    _say(
        f"  CRM and Sales work: lead {lead.name!r} opened and won, pipeline "
        f"kanban read, Odoo's predictive scoring ran in {scoring:.1f} s, "
        f"{order.name} confirmed on {fields.Date.today()}"
    )
    return order.state == "sale" and lead.probability == 100
