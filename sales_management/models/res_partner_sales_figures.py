# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sales figures of a customer (its commercial entity), in the current
company.

Orders, revenue and opportunities are read when the customer is displayed,
set-based (one query per source for every customer of the request) from the
one source of sales figures (``sales.figure``): they equal the scorecards'
and each opens the records it counts. The cadence (usual interval, next
expected order, chance of ordering again, dormant) is the row the
scheduled job stores (``sales.customer.cadence``): nothing is computed or
written on display.

Like every figure of the addons, they count the documents of every
salesperson of the company (a customer's revenue is the company's); the
drill-downs list the documents the user may open.
"""

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

SALES = "sales_team.group_sale_salesman"


class ResPartner(models.Model):
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "res.partner"

    sm_currency_id = fields.Many2one(
        "res.currency",
        string="Figures Currency",
        compute="_compute_sm_currency_id",
        groups=SALES,
        help="Currency of the sales figures: the current company's.",
    )
    sm_order_count = fields.Integer(
        "Confirmed Orders",
        compute="_compute_sm_order_figures",
        groups=SALES,
        help="Confirmed sales orders of the customer (and its contacts) in "
        "this company.",
    )
    sm_lifetime_revenue = fields.Monetary(
        "Lifetime Revenue",
        currency_field="sm_currency_id",
        compute="_compute_sm_order_figures",
        groups=SALES,
        help="Untaxed amount of the confirmed orders, in the company currency "
        "(as on the scorecards).",
    )
    sm_average_order = fields.Monetary(
        "Average Order",
        currency_field="sm_currency_id",
        compute="_compute_sm_order_figures",
        groups=SALES,
    )
    sm_last_order_date = fields.Date(
        "Last Order", compute="_compute_sm_order_figures", groups=SALES
    )
    sm_reorder_interval = fields.Float(
        "Usual Reorder Interval (days)",
        digits=(16, 0),
        compute="_compute_sm_cadence",
        groups=SALES,
        help="Median number of days between two orders (two orders at least, "
        "on different days), as of the last nightly computation.",
    )
    sm_next_order_date = fields.Date(
        "Next Expected Order",
        compute="_compute_sm_cadence",
        groups=SALES,
        help="Last order plus the usual reorder interval.",
    )
    sm_p_active = fields.Float(
        "Chance of Ordering Again",
        compute="_compute_sm_cadence",
        groups=SALES,
        help="Probability that the customer orders within six months, from "
        "their own history: number of orders, age of the last one and of the "
        "relationship (a customer who never ordered: their opportunities).",
    )
    sm_dormant = fields.Boolean(
        "Dormant",
        compute="_compute_sm_cadence",
        search="_search_sm_dormant",
        groups=SALES,
        help="The chance of ordering again is below the threshold of the "
        "dormant-customer follow-up rule (30 % without one).",
    )
    sm_cadence_date = fields.Datetime(
        "Cadence Computed On", compute="_compute_sm_cadence", groups=SALES
    )
    sm_open_pipeline = fields.Monetary(
        "Open Pipeline",
        currency_field="sm_currency_id",
        compute="_compute_sm_lead_figures",
        groups=SALES,
        help="Expected revenue of the customer's open opportunities.",
    )
    sm_open_count = fields.Integer(
        "Open Opportunities", compute="_compute_sm_lead_figures", groups=SALES
    )
    sm_win_rate = fields.Float(
        "Win Rate (%)",
        digits=(16, 1),
        compute="_compute_sm_lead_figures",
        groups=SALES,
        help="Won opportunities out of those won or lost.",
    )
    sm_closed_count = fields.Integer(
        "Closed Opportunities", compute="_compute_sm_lead_figures", groups=SALES
    )
    sm_lead_score = fields.Float(
        "Best Lead Score",
        digits=(16, 1),
        compute="_compute_sm_lead_figures",
        groups=SALES,
        help="Score (0-100) of the customer's best-scored open opportunity.",
    )

    @api.depends_context("company")
    def _compute_sm_currency_id(self):
        self.sm_currency_id = self.env.company.currency_id

    # ------------------------------------------------------------------
    # Figures read on display, from sales.figure
    # ------------------------------------------------------------------

    def _sm_customer_ids(self):
        """The commercial entities of these partners (saved ones)."""
        return list(
            {pid for pid in self.commercial_partner_id._ids if isinstance(pid, int)}
        )

    @api.model
    def _sm_customer_leaf(self, customer_ids):
        return ("partner_id.commercial_partner_id", "in", customer_ids)

    def _sm_figure_rows(self, source, measures, join_score=False):
        """{commercial partner id: row of ``measures``} of the records of
        ``source`` of these customers in the current company; ``measures``
        maps names to callables(columns) giving SQL aggregates."""
        customer_ids = self._sm_customer_ids()
        if not customer_ids:
            return {}
        Figure = self.env["sales.figure"]
        Figure._flush_figures(source)
        self.flush_model(["commercial_partner_id"])
        query = Figure._figure_query(
            source,
            company=self.env.company.id,
            extra=[self._sm_customer_leaf(customer_ids)],
        )
        columns = Figure._figure_columns(source, query)
        partner = query.join(query.table, "partner_id", "res_partner", "id", "customer")
        if join_score:
            score = query.left_join(
                query.table, "sm_score_id", "sales_lead_score", "id", "score"
            )
            columns["score"] = SQL.identifier(score, "score")
        customer = SQL.identifier(partner, "commercial_partner_id")
        names = list(measures)
        self.env.cr.execute(
            SQL(
                "SELECT %s, %s FROM %s WHERE %s GROUP BY 1",
                customer,
                SQL(", ").join(measures[name](columns) for name in names),
                query.from_clause,
                query.where_clause,
            )
        )
        return {
            row[0]: dict(zip(names, row[1:], strict=True))
            for row in self.env.cr.fetchall()
        }

    @api.depends_context("company")
    def _compute_sm_order_figures(self):
        rows = self._sm_figure_rows(
            "confirmed",
            {
                "count": lambda c: SQL("count(*)"),
                "revenue": lambda c: SQL("sum(%s)", c["revenue"]),
                "last": lambda c: SQL("max(%s)::date", c["date"]),
            },
        )
        for partner in self:
            row = rows.get(partner.commercial_partner_id.id) or {}
            count = row.get("count") or 0
            revenue = float(row.get("revenue") or 0.0)
            partner.sm_order_count = count
            partner.sm_lifetime_revenue = revenue
            partner.sm_average_order = revenue / count if count else 0.0
            partner.sm_last_order_date = row.get("last") or False

    @api.depends_context("company")
    def _compute_sm_lead_figures(self):
        count = {"count": lambda c: SQL("count(*)")}
        pipeline = self._sm_figure_rows(
            "pipeline",
            {
                **count,
                "revenue": lambda c: SQL("sum(%s)", c["revenue"]),
                "score": lambda c: SQL("max(%s)", c["score"]),
            },
            join_score=True,
        )
        won = self._sm_figure_rows("won", count)
        lost = self._sm_figure_rows("lost", count)
        for partner in self:
            customer = partner.commercial_partner_id.id
            open_row = pipeline.get(customer) or {}
            n_won = (won.get(customer) or {}).get("count") or 0
            closed = n_won + ((lost.get(customer) or {}).get("count") or 0)
            partner.sm_open_pipeline = float(open_row.get("revenue") or 0.0)
            partner.sm_open_count = open_row.get("count") or 0
            partner.sm_lead_score = open_row.get("score") or 0.0
            partner.sm_closed_count = closed
            partner.sm_win_rate = 100.0 * n_won / closed if closed else 0.0

    # ------------------------------------------------------------------
    # The cadence stored by the scheduled job
    # ------------------------------------------------------------------

    @api.depends_context("company")
    def _compute_sm_cadence(self):
        rows = self.env["sales.customer.cadence"].search(
            [
                ("partner_id", "in", self._sm_customer_ids()),
                ("company_id", "=", self.env.company.id),
            ]
        )
        by_customer = {row.partner_id.id: row for row in rows}
        for partner in self:
            row = by_customer.get(partner.commercial_partner_id.id)
            partner.sm_reorder_interval = row.interval_days if row else 0.0
            partner.sm_next_order_date = row.next_date if row else False
            partner.sm_p_active = row.p_active if row else 0.0
            partner.sm_dormant = row.dormant if row else False
            partner.sm_cadence_date = row.refresh_date if row else False

    def _search_sm_dormant(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        dormant = SQL(
            """(SELECT partner_id FROM sales_customer_cadence
                 WHERE dormant AND company_id = %s)""",
            self.env.company.id,
        )
        wanted = (operator == "=") == bool(value)
        return [("commercial_partner_id", "in" if wanted else "not in", dormant)]

    # ------------------------------------------------------------------
    # Drill-down: each figure opens its records
    # ------------------------------------------------------------------

    def _sm_action(self, source, name, extra_sources=()):
        self.ensure_one()
        Figure = self.env["sales.figure"]
        bounds = {
            "company": self.env.company.id,
            "extra": [self._sm_customer_leaf([self.commercial_partner_id.id])],
        }
        model, domain = Figure._figure_client_domain(source, **bounds)
        for other in extra_sources:
            domain = expression.OR(
                [domain, Figure._figure_client_domain(other, **bounds)[1]]
            )
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False, "active_test": False},
        }

    @api.readonly
    def action_sm_view_orders(self):
        return self._sm_action(
            "confirmed",
            self.env._("Orders of %(customer)s", customer=self.display_name),
        )

    @api.readonly
    def action_sm_view_pipeline(self):
        return self._sm_action(
            "pipeline",
            self.env._("Open Pipeline of %(customer)s", customer=self.display_name),
        )

    @api.readonly
    def action_sm_view_closed(self):
        return self._sm_action(
            "won",
            self.env._(
                "Won and Lost Opportunities of %(customer)s",
                customer=self.display_name,
            ),
            extra_sources=("lost",),
        )

    @api.readonly
    def action_sm_view_cadence(self):
        """The history the cadence is worked out from: the orders, or the
        opportunities of a customer who never ordered."""
        self.ensure_one()
        row = self.env["sales.customer.cadence"].search(
            [
                ("partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
            ]
        )
        if row.basis == "opportunities":
            return self._sm_action(
                "created",
                self.env._("Opportunities of %(customer)s", customer=self.display_name),
            )
        return self.action_sm_view_orders()
