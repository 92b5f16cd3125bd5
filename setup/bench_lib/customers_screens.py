"""Screens of the customers part: the suggestions and the customer 360.

Each is measured as the web client loads it, from a fresh ORM cache:

* the *Suggested Products* tab of a customer and of a quotation: one2many
  fields of their form views (``sm_recommendation_ids``,
  ``sm_suggestion_ids``), which the form reads with ``web_read`` and the
  field's specification (the list's fields, 40 rows); also the methods that
  give the same suggestions to other clients (``sm_get_recommendations``,
  ``sm_get_suggestions``);
* the customer 360: the customer's form (``web_read`` with the
  specification of the whole form view, its *Sales Figures* tab included)
  and the first page of its *Timeline* button (``web_search_read`` of the
  timeline's list view with the button's domain, 80 rows).

``form_specification`` builds the specification as the web client does
(``getFieldsSpec``): every field of the view; a many2one with its display
name (none when always invisible); an x2many with the fields of the sub-view
the client shows (``mode``, else the list), those of its inline form, its
limit (40 by default) and order; many2many tags with their display name
(and colour). The contexts of the fields are left out.
"""

from lxml import etree

from odoo.tools import SQL

from .bench import SCREEN_MAX_MS, Figure, _repeat, _user_env

SUGGESTIONS_MAX_MS = 50.0
TOLERANCE = 0.01
TIMELINE_LIST_VIEW = "sales_management.sales_customer_timeline_view_list"
SALES_FIGURES_VIEW = "sales_management.res_partner_view_form_sales_figures"
# widgets of x2many fields that read the records' names (and a colour)
TAG_WIDGETS = ("many2many_tags", "many2many_avatar_user", "many2many_tags_avatar")
ALWAYS = ("1", "True", "true")


# ----------------------------------------------------------------------
# The specification of a view, as the web client sends it
# ----------------------------------------------------------------------


def _own_fields(node):
    """The field nodes of ``node``'s view, not those of its sub-views."""
    found = []
    for child in node.iterchildren(tag=etree.Element):
        if child.tag == "field":
            found.append(child)
        elif child.tag not in ("list", "kanban", "form", "tree"):
            found += _own_fields(child)
    return found


def _always_invisible(node):
    return node.get("invisible") in ALWAYS or node.get("column_invisible") in ALWAYS


def _node_spec(node, fields, models):
    """Specification of one field node (``fields``: its model's fields)."""
    field = fields.get(node.get("name"))
    if field is None:
        return {}
    kind = field["type"]
    if kind in ("many2one", "reference"):
        if _always_invisible(node):
            return {"fields": {}}
        return {"fields": {"display_name": {}}}
    if kind not in ("one2many", "many2many") or _always_invisible(node):
        return {}
    comodel_fields = models.get(field["relation"], {}).get("fields", {})
    views = {
        child.tag: child
        for child in node.iterchildren(tag=etree.Element)
        if child.tag in ("list", "kanban", "form")
    }
    mode = (node.get("mode") or "").split(",")[0]
    if not mode:
        mode = "list" if "list" in views else ("kanban" if "kanban" in views else "")
    shown = views.get(mode)
    if shown is None:
        if node.get("widget") in TAG_WIDGETS:
            spec = {"fields": {"display_name": {}}}
            color = (node.get("options") or "").split("color_field")
            if len(color) > 1 and "color" in comodel_fields:
                spec["fields"]["color"] = {}
            return spec
        return {}
    sub = _view_spec(shown, comodel_fields, models)
    if "form" in views and mode != "form":
        for name, spec in _view_spec(views["form"], comodel_fields, models).items():
            sub.setdefault(name, spec)
    spec = {"fields": sub, "context": {}, "limit": int(shown.get("limit") or 40)}
    if shown.get("default_order"):
        spec["order"] = shown.get("default_order")
    return spec


def _view_spec(view_node, fields, models):
    spec = {}
    for node in _own_fields(view_node):
        name = node.get("name")
        if name not in fields:
            continue
        node_spec = _node_spec(node, fields, models)
        # a field twice in a view: the client merges its nodes
        if name not in spec or len(node_spec) > len(spec[name]):
            spec[name] = node_spec
    return spec


def form_specification(env, model, view_type="form", view_xmlid=None):
    """The ``web_read`` specification of the default ``view_type`` view of
    ``model`` (or of ``view_xmlid``) for the user of ``env``."""
    view_id = env.ref(view_xmlid).id if view_xmlid else False
    result = env[model].get_views([(view_id, view_type)])
    arch = etree.fromstring(result["views"][view_type]["arch"])
    models = result["models"]
    return _view_spec(arch, models[model]["fields"], models)


def _inherited_fields(env, view_xmlid):
    """Names of the fields an inheriting view adds (its own fields)."""
    arch = etree.fromstring(env.ref(view_xmlid).sudo().arch_db)
    return {node.get("name") for node in arch.iter("field")}


# ----------------------------------------------------------------------
# The suggested products
# ----------------------------------------------------------------------


def _timed_read(env, records, spec, repeat):
    def run():
        env.invalidate_all()
        return records.with_context(bin_size=True).web_read(spec)

    return _repeat(run, repeat)


def measure_suggestions(env, data, marker, results, repeat):
    """The *Suggested Products* tabs of the key account and of its quotation,
    as its salesperson."""
    user_env = _user_env(env, marker["key_account_login"])
    partner = user_env["res.partner"].browse(marker["key_account_id"])
    order = user_env["sale.order"].browse(data["key_quotation_id"])
    counts = {}
    for label, record, field, method in (
        ("customer", partner, "sm_recommendation_ids", "sm_get_recommendations"),
        ("quotation", order, "sm_suggestion_ids", "sm_get_suggestions"),
    ):
        spec = {field: form_specification(user_env, record._name)[field]}
        runs, values = _timed_read(user_env, record, spec, repeat)
        rows = values[0][field]
        counts[label] = len(rows)
        results.figures.append(
            Figure(
                f"Suggested Products tab of a {label} (web_read)",
                runs,
                SUGGESTIONS_MAX_MS,
                f"as its salesperson: {len(rows)} rows, "
                f"{len(spec[field]['fields'])} columns",
            )
        )

        def call(record=record, method=method):
            user_env.invalidate_all()
            return getattr(record, method)(10)

        runs, rows = _repeat(call, repeat)
        results.figures.append(
            Figure(
                f"  {method}(10)",
                runs,
                SUGGESTIONS_MAX_MS,
                f"as its salesperson: {len(rows)} suggestions",
            )
        )
    results.checks.append(
        (
            "the key account and its quotation have suggested products",
            counts["customer"] > 0 and counts["quotation"] > 0,
            f"{counts['customer']} for the customer, {counts['quotation']} "
            "for the quotation",
        )
    )


# ----------------------------------------------------------------------
# The customer 360: form and timeline
# ----------------------------------------------------------------------


def _key_account_sql(env, marker):
    """Confirmed orders and untaxed revenue (company currency) of the key
    account, by a hand-written query."""
    env.cr.execute(
        SQL(
            """
            SELECT COUNT(*), SUM(so.amount_untaxed
                                 / COALESCE(NULLIF(so.currency_rate, 0), 1))
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale' AND so.company_id = %s
               AND p.commercial_partner_id = %s""",
            env.company.id,
            marker["key_account_id"],
        )
    )
    count, revenue = env.cr.fetchone()
    return count, float(revenue or 0.0)


def measure_customer_360(env, data, marker, results, repeat):
    """The key account's form and timeline, as its salesperson and as the
    sales manager."""
    expected = _key_account_sql(env, marker)
    figure_fields = _inherited_fields(env, SALES_FIGURES_VIEW)
    for role, login in (
        ("salesperson", marker["key_account_login"]),
        ("manager", marker["manager_login"]),
    ):
        user_env = _user_env(env, login)
        partner = user_env["res.partner"].browse(marker["key_account_id"])
        spec = form_specification(user_env, "res.partner")
        runs, values = _timed_read(user_env, partner, spec, repeat)
        read = values[0]
        results.figures.append(
            Figure(
                f"customer form with its Sales Figures as {role} (web_read)",
                runs,
                SCREEN_MAX_MS,
                f"{len(spec)} fields of the form view",
            )
        )
        figures_spec = {name: spec[name] for name in spec if name in figure_fields}
        runs, _values = _timed_read(user_env, partner, figures_spec, repeat)
        results.figures.append(
            Figure(
                f"  of which the Sales Figures tab as {role}",
                runs,
                note=f"information: its {len(figures_spec)} fields alone",
            )
        )
        got = (read.get("sm_order_count"), read.get("sm_lifetime_revenue") or 0.0)
        results.checks.append(
            (
                f"the Sales Figures of the key account ({role}) equal a "
                "hand-written SUM of its confirmed orders (to 0.01)",
                got[0] == expected[0] == marker["sizes"]["key_account_orders"]
                and abs(got[1] - expected[1]) <= TOLERANCE,
                f"{got[0]} orders, {got[1]:,.2f} against {expected[0]} orders, "
                f"{expected[1]:,.2f}",
            )
        )
        _measure_timeline(user_env, partner, role, marker, results, repeat)


def _measure_timeline(user_env, partner, role, marker, results, repeat):
    action = partner.action_sm_open_timeline()
    Timeline = user_env["sales.customer.timeline"].with_context(bin_size=True)
    spec = form_specification(
        user_env, "sales.customer.timeline", "list", TIMELINE_LIST_VIEW
    )

    def run():
        user_env.invalidate_all()
        return Timeline.web_search_read(
            action["domain"], spec, limit=80, count_limit=10001
        )

    runs, page = _repeat(run, repeat)
    kinds = {}
    for row in page["records"]:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    results.figures.append(
        Figure(
            f"customer timeline, first page as {role} (web_search_read)",
            runs,
            SCREEN_MAX_MS,
            f"{len(page['records'])} of {page['length']} rows: "
            + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())),
        )
    )
    dates = [row["date"] or "" for row in page["records"]]
    orders = marker["sizes"]["key_account_orders"]
    results.checks.append(
        (
            f"the timeline of the key account ({role}) shows a first page of "
            f"up to 80 rows, newest first, of more rows than its {orders} orders",
            len(dates) == min(80, page["length"])
            and page["length"] > orders
            and dates == sorted(dates, reverse=True),
            f"{len(dates)} rows of {page['length']}",
        )
    )
