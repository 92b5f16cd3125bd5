# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where each sales figure comes from: one definition per figure.

Every figure the addons show (targets, scorecards, forecast sheet, funnel,
lead scoring) is read from the records of one *source*, selected by one
domain written here. The set-based SQL of a screen is built from that
domain (``Model._search`` gives the query) and its drill-down opens the same
domain, so the number on screen is the sum of the records its drill-down
lists.

=================  =============================================================
source             records
=================  =============================================================
won                opportunities in a won stage (Odoo's *Won* filter), by
                   closing date
lost               opportunities marked lost (archived at 0 %), by closing date
pipeline           open opportunities (active, below 100 %), by expected
                   closing date; weighted by their probability
created            opportunities created in the period, archived included
confirmed          confirmed sales orders, by order date, in the company
                   currency (revenue untaxed, gross margin)
confirmed_lines    the lines of those orders (for a product category)
invoiced           posted customer invoices and credit notes, by invoice date,
                   untaxed, credit notes deducted, in the company currency
invoiced_lines     the product lines of those invoices (for a product category)
new_customers      confirmed orders that are the first confirmed order of their
                   customer (commercial entity) in the company
targets            targets of active or closed target plans (not archived)
=================  =============================================================

A lead at 100 % that is not in a won stage is neither won nor open: Odoo
counts it won only once it reaches a won stage (``crm.lead.action_set_won``
moves it there), and so do all the screens.

Figures are read without the record rules of the user (a target's
attainment is the same number whoever looks at it); the company is always
part of the domain. Who sees a target, a scorecard or a forecast is decided
by the record rules of those models, and the drill-downs open the records
with the user's own rights.
"""

from collections import namedtuple
from datetime import timedelta

from odoo import api, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, Query

Source = namedtuple(
    "Source", "model date user team lead_company parent", defaults=(None,)
)

SOURCES = {
    "won": Source("crm.lead", "date_closed", "user_id", "team_id", True),
    "lost": Source("crm.lead", "date_closed", "user_id", "team_id", True),
    "pipeline": Source("crm.lead", "date_deadline", "user_id", "team_id", True),
    "created": Source("crm.lead", "create_date", "user_id", "team_id", True),
    "confirmed": Source("sale.order", "date_order", "user_id", "team_id", False),
    "confirmed_lines": Source(
        "sale.order.line", "date_order", "user_id", "team_id", False, "order_id"
    ),
    "invoiced": Source(
        "account.move", "invoice_date", "invoice_user_id", "team_id", False
    ),
    "invoiced_lines": Source(
        "account.move.line",
        "invoice_date",
        "invoice_user_id",
        "team_id",
        False,
        "move_id",
    ),
    "new_customers": Source("sale.order", "date_order", "user_id", "team_id", False),
    "targets": Source("sales.quota", "date_from", "user_id", "team_id", False),
}


# the models whose tables the SQL of a source reads (flushed before it runs)
SOURCE_MODELS = {
    "won": ("crm.lead", "crm.stage"),
    "lost": ("crm.lead",),
    "pipeline": ("crm.lead",),
    "created": ("crm.lead",),
    "confirmed": ("sale.order",),
    "confirmed_lines": (
        "sale.order.line",
        "sale.order",
        "product.product",
        "product.category",
    ),
    "invoiced": ("account.move",),
    "invoiced_lines": (
        "account.move.line",
        "account.move",
        "product.product",
        "product.category",
    ),
    "new_customers": ("sale.order", "res.partner"),
    "targets": ("sales.quota", "sales.quota.plan"),
}


class SalesFigure(models.AbstractModel):
    _name = "sales.figure"
    _description = "Sales Figure Sources"

    # ------------------------------------------------------------------
    # The definitions
    # ------------------------------------------------------------------

    @api.model
    def _figure_base_domain(self, source):
        """What makes a record count in ``source``, whatever the period."""
        if source == "won":
            return [
                ("type", "=", "opportunity"),
                ("active", "=", True),
                ("stage_id.is_won", "=", True),
            ]
        if source == "lost":
            return [
                ("type", "=", "opportunity"),
                ("active", "=", False),
                ("probability", "=", 0),
            ]
        if source == "pipeline":
            return [
                ("type", "=", "opportunity"),
                ("active", "=", True),
                ("probability", "<", 100),
            ]
        if source == "created":
            return [("type", "=", "opportunity"), ("active", "in", (True, False))]
        if source in ("confirmed", "new_customers"):
            return [("state", "=", "sale")]
        if source == "confirmed_lines":
            return [("order_id.state", "=", "sale"), ("display_type", "=", False)]
        if source == "invoiced":
            return [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
            ]
        if source == "invoiced_lines":
            return [
                ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                ("move_id.state", "=", "posted"),
                ("display_type", "=", "product"),
            ]
        if source == "targets":
            return [
                ("plan_id.active", "=", True),
                ("plan_state", "in", ("active", "closed")),
            ]
        raise UserError(self.env._("Unknown sales figure: %(figure)s", figure=source))

    @api.model
    def _figure_domain(
        self,
        source,
        company=None,
        date_from=None,
        date_to=None,
        users=None,
        teams=None,
        category=None,
        metric=None,
        target_type=None,
        extra=(),
        alias=None,
    ):
        """The domain of the records of ``source`` for these bounds.

        Every bound is optional and is either a value or an ``SQL``
        expression (a column of an outer query, for set-based queries):

        :param company: company id; leads without company count everywhere
        :param date_from: first day of the period (a date)
        :param date_to: last day of the period (a date, included)
        :param users: salesperson ids (a list) or one SQL expression
        :param teams: sales team ids (a list) or one SQL expression
        :param category: product category (record) of line sources; for
            ``targets``, the plan's category (``False``: plans of every
            product)
        :param metric: target metric of the ``targets`` source
        :param target_type: ``user`` or ``team`` targets (``targets``)
        :param extra: more domain leaves (e.g. ``_prospect_domain``)
        :param alias: alias of the source's table in the query the domain is
            written for (its table name by default)
        """
        spec = SOURCES.get(source)
        if spec is None:
            raise UserError(
                self.env._("Unknown sales figure: %(figure)s", figure=source)
            )
        prefix = f"{spec.parent}." if spec.parent else ""
        domain = list(self._figure_base_domain(source))
        if company is not None:
            field = "company_id"
            if spec.lead_company:
                domain += ["|", (field, "=", company), (field, "=", False)]
            else:
                domain.append((field, "=", company))
        if date_from is not None:
            domain.append((prefix + spec.date, ">=", date_from))
        if date_to is not None:
            stop = (
                SQL("(%s + 1)", date_to)
                if isinstance(date_to, SQL)
                else date_to + timedelta(days=1)
            )
            if source == "targets":
                domain.append(("date_to", "<", stop))
            else:
                domain.append((prefix + spec.date, "<", stop))
        domain += self._owner_domain(prefix + spec.user, users)
        domain += self._owner_domain(prefix + spec.team, teams)
        if source == "targets":
            if target_type:
                domain.append(("target_type", "=", target_type))
            if metric:
                domain.append(("metric", "=", metric))
            if category is not None:
                domain.append(
                    (
                        "plan_id.product_categ_id",
                        "=",
                        category.id if category else False,
                    )
                )
        elif category:
            domain.append(("product_id.categ_id", "child_of", category.id))
        if source == "new_customers":
            domain.append(("id", "in", self._first_order_sql(alias or "sale_order")))
        return domain + list(extra)

    @api.model
    def _prospect_domain(self, company):
        """Leads of no customer yet: no confirmed order of their customer
        (commercial entity) in the company (the pipeline of new customers)."""
        return [
            "|",
            ("partner_id", "=", False),
            (
                "partner_id",
                "not in",
                SQL(
                    """(SELECT p.id FROM res_partner p
                         WHERE p.commercial_partner_id IN (
                               SELECT rp.commercial_partner_id
                                 FROM sale_order so
                                 JOIN res_partner rp ON rp.id = so.partner_id
                                WHERE so.state = 'sale' AND so.company_id = %s))""",
                    company,
                ),
            ),
        ]

    @api.model
    def _owner_domain(self, field, owners):
        if owners is None:
            return []
        if isinstance(owners, SQL):
            return [(field, "=", owners)]
        return [(field, "in", list(owners))]

    @api.model
    def _first_order_sql(self, alias):
        """Subquery keeping the row ``alias`` of ``sale_order`` when it is the
        first confirmed order of its customer (commercial entity) in its
        company: correlated with the row, so that PostgreSQL checks only the
        orders the other conditions kept (through the customer's orders)."""
        order = SQL.identifier(alias)
        return SQL(
            """(SELECT %(o)s.id WHERE NOT EXISTS (
                   SELECT 1 FROM sale_order o2
                     JOIN res_partner p2 ON p2.id = o2.partner_id
                     JOIN res_partner rp
                       ON rp.commercial_partner_id = p2.commercial_partner_id
                    WHERE rp.id = %(o)s.partner_id
                      AND o2.state = 'sale' AND o2.company_id = %(o)s.company_id
                      AND (o2.date_order < %(o)s.date_order
                           OR (o2.date_order = %(o)s.date_order
                               AND o2.id < %(o)s.id))))""",
            o=order,
        )

    # ------------------------------------------------------------------
    # Set-based SQL from the definitions
    # ------------------------------------------------------------------

    @api.model
    def _flush_figures(self, *sources):
        """Write the pending changes of the tables the SQL of ``sources``
        reads (not of every model, as ``flush_all`` would)."""
        for model in sorted({name for src in sources for name in SOURCE_MODELS[src]}):
            self.env[model].flush_model()

    @api.model
    def _figure_query(self, source, **bounds):
        """The ``Query`` of the records of ``source`` (see ``_figure_domain``),
        without the user's record rules."""
        model = self.env[SOURCES[source].model].sudo().with_context(active_test=False)
        return model._search(self._figure_domain(source, **bounds))

    @api.model
    def _figure_columns(self, source, query):
        """The SQL of the columns of ``source``'s records in ``query``: owner
        (``user_id``, ``team_id``), ``date`` and the measures."""
        spec = SOURCES[source]
        alias = query.table
        if spec.parent:
            model = self.env[spec.model]
            parent = query.join(
                alias,
                spec.parent,
                model._fields[spec.parent].comodel_name.replace(".", "_"),
                "id",
                spec.parent,
            )
        else:
            parent = alias

        def col(name, table=alias):
            return SQL.identifier(table, name)

        columns = {
            "user_id": col(spec.user, parent),
            "team_id": col(spec.team, parent),
            "company_id": col("company_id", parent),
            "date": col(spec.date, parent),
            "count": SQL("1.0"),
        }
        rate = self._currency_rate_sql(parent)
        if source in ("confirmed", "new_customers"):
            columns["revenue"] = SQL("%s / %s", col("amount_untaxed"), rate)
            columns["margin"] = SQL("COALESCE(%s, 0) / %s", col("margin"), rate)
        elif source == "confirmed_lines":
            columns["revenue"] = SQL("%s / %s", col("price_subtotal"), rate)
            columns["margin"] = SQL("COALESCE(%s, 0) / %s", col("margin"), rate)
        elif source == "invoiced":
            columns["revenue"] = col("amount_untaxed_signed")
        elif source == "invoiced_lines":
            columns["revenue"] = SQL("-%s", col("balance"))
        elif source in ("won", "lost", "created", "pipeline"):
            columns["revenue"] = SQL("COALESCE(%s, 0)", col("expected_revenue"))
            columns["weighted"] = SQL("COALESCE(%s, 0)", col("prorated_revenue"))
            columns["probability"] = SQL("%s / 100.0", col("probability"))
            columns["cycle_days"] = SQL(
                "GREATEST(EXTRACT(EPOCH FROM %s - %s), 0) / 86400.0",
                col("date_closed"),
                col("create_date"),
            )
        elif source == "targets":
            columns["target"] = col("effective_target")
        return columns

    @api.model
    def _figure_condition(self, source, alias, **bounds):
        """SQL condition: row ``alias`` of the source's table (in a query of
        its own) counts in ``source`` for these bounds."""
        model = self.env[SOURCES[source].model].sudo().with_context(active_test=False)
        query = Query(self.env, alias, model._table_sql)
        expression.expression(
            self._figure_domain(source, alias=alias, **bounds), model, alias, query
        )
        return SQL("(%s)", query.where_clause)

    @api.model
    def _currency_rate_sql(self, alias):
        """Divisor turning the amounts of sales order ``alias`` into the
        company currency (the order's rate)."""
        return SQL(
            "COALESCE(NULLIF(%s, 0), 1.0)", SQL.identifier(alias, "currency_rate")
        )

    @api.model
    def _figure_sql(self, source, measures, **bounds):
        """``SELECT user_id, team_id, date, <measures>`` of the records of
        ``source``: ``measures`` maps output names to the measure names of
        ``_figure_columns`` (or to SQL built from them by a callable)."""
        query = self._figure_query(source, **bounds)
        columns = self._figure_columns(source, query)
        selected = [
            SQL("%s AS %s", columns[name], SQL.identifier(name))
            for name in ("user_id", "team_id", "date")
        ]
        for name, measure in measures.items():
            expression = measure(columns) if callable(measure) else columns[measure]
            selected.append(SQL("%s AS %s", expression, SQL.identifier(name)))
        return query.select(*selected)

    @api.model
    def _figure_targets_sql(
        self, company, date_from, date_to, users, range_revenue=None
    ):
        """``SELECT target, achieved`` of the salesperson targets of ``users``
        on confirmed sales of every product inside ``date_from`` to
        ``date_to`` (bounds may be SQL, e.g. columns of an outer query), each
        achieved as the targets screen shows it: frozen at closing for a
        closed plan, otherwise the confirmed sales of its own period.
        ``range_revenue``: the confirmed sales of the whole range when the
        caller has them already (SQL), used for a target of exactly the
        range instead of reading them again."""
        targets = self._figure_query(
            "targets",
            company=company,
            date_from=date_from,
            date_to=date_to,
            users=users,
            target_type="user",
            metric="sale",
            category=False,
        )

        def column(name):
            return SQL.identifier(targets.table, name)

        live = self._figure_sql(
            "confirmed",
            {"revenue": "revenue"},
            company=column("company_id"),
            date_from=column("date_from"),
            date_to=column("date_to"),
            users=column("user_id"),
        )
        whole_range = SQL("")
        if range_revenue is not None:
            whole_range = SQL(
                "WHEN %s = %s AND %s = %s THEN %s",
                column("date_from"),
                date_from,
                column("date_to"),
                date_to,
                range_revenue,
            )
        return SQL(
            """SELECT SUM(%(target)s) AS target,
                      SUM(CASE WHEN %(state)s = 'closed' THEN %(frozen)s
                               %(whole_range)s
                               ELSE (SELECT COALESCE(SUM(c.revenue), 0.0)
                                       FROM (%(live)s) AS c) END) AS achieved
                 FROM %(from)s WHERE %(where)s""",
            target=column("effective_target"),
            state=column("plan_state"),
            frozen=column("snapshot_achieved"),
            whole_range=whole_range,
            live=live,
            **{"from": targets.from_clause, "where": targets.where_clause},
        )

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------

    @api.model
    def _figure_client_domain(self, source, **bounds):
        """``(model, domain)`` of the records of ``source`` for a window
        action: the same domain; when it holds a set-based leaf (SQL), the
        records it selects, by id."""
        domain = self._figure_domain(source, **bounds)
        if any(isinstance(leaf, tuple) and isinstance(leaf[2], SQL) for leaf in domain):
            self._flush_figures(source)
            ids = self._figure_query(source, **bounds).get_result_ids()
            domain = [("id", "in", list(ids))]
        return SOURCES[source].model, domain
