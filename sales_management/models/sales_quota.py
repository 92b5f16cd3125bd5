# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, formatLang

from ..tools.periods import (
    elapsed_ratio,
    is_period_start,
    period_bounds,
    period_label,
)
from .sales_quota_plan import FROZEN_EXEMPT_PREFIXES

# Tolerance, in percentage points, before a target counts as behind or
# ahead of pace.
PACE_TOLERANCE = 5.0
# Fields only the system writes (through _write_stored_figures) to store the
# figures of targets of active plans; frozen with the rest once the plan is
# closed.
SNAPSHOT_FIELDS = {
    "snapshot_achieved",
    "snapshot_pipeline",
    "snapshot_date",
    "reached_notified",
}


class SalesQuota(models.Model):
    _name = "sales.quota"
    _description = "Sales Target"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "plan_id desc, date_from, target_type, user_id, team_id, id"
    _rec_names_search = ["user_id", "team_id", "plan_id"]

    plan_id = fields.Many2one(
        "sales.quota.plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    metric = fields.Selection(related="plan_id.metric", store=True)
    plan_state = fields.Selection(
        related="plan_id.state", string="Plan Status", store=True
    )
    unit_label = fields.Char(related="plan_id.unit_label")
    is_amount_metric = fields.Boolean(related="plan_id.is_amount_metric")
    target_type = fields.Selection(
        [("user", "Salesperson"), ("team", "Sales Team")],
        string="Target For",
        required=True,
        default="user",
        help="A salesperson target counts what the salesperson sells; a team "
        "target counts what the whole team sells.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        ondelete="restrict",
        domain="[('share', '=', False)]",
        tracking=True,
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        ondelete="restrict",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="For a salesperson target, the team the salesperson belongs to; "
        "team leaders see the targets of their team.",
    )
    date_from = fields.Date(
        "Period Start",
        required=True,
        index=True,
        help="First day of the target period (a month, quarter or year, as "
        "set on the plan).",
    )
    date_to = fields.Date(
        "Period End", compute="_compute_period", store=True, precompute=True
    )
    period_name = fields.Char(
        "Period", compute="_compute_period", store=True, precompute=True
    )
    target_amount = fields.Float(
        "Target",
        digits=(16, 2),
        tracking=True,
        help="Full target of the period, before any ramp factor.",
    )
    ramp_factor = fields.Float(
        "Ramp (%)",
        default=100.0,
        digits=(5, 1),
        tracking=True,
        help="Share of the full target expected from a salesperson who is "
        "still ramping up (100 % for a fully productive salesperson).",
    )
    effective_target = fields.Float(
        compute="_compute_effective_target",
        store=True,
        precompute=True,
        digits=(16, 2),
        aggregator="sum",
        help="Target after the ramp factor: what attainment is measured against.",
    )

    # Live figures, computed set-based for all the targets of a request.
    achieved = fields.Float(
        compute="_compute_attainment",
        digits=(16, 2),
        help="What was achieved in the period so far, live.",
    )
    attainment = fields.Float(
        "Attainment (%)",
        compute="_compute_attainment",
        digits=(16, 1),
        help="Achieved divided by the effective target.",
    )
    remaining = fields.Float(
        compute="_compute_attainment",
        digits=(16, 2),
        help="What is still to achieve to reach the effective target.",
    )
    expected_attainment = fields.Float(
        "Expected (%)",
        compute="_compute_attainment",
        digits=(16, 1),
        help="Share of the period elapsed today: the attainment a salesperson "
        "on a steady pace would have reached.",
    )
    pace_gap = fields.Float(
        "Pace Gap (pts)",
        compute="_compute_attainment",
        digits=(16, 1),
        help="Attainment minus expected attainment, in percentage points.",
    )
    pace_status = fields.Selection(
        [("behind", "Behind pace"), ("on", "On pace"), ("ahead", "Ahead of pace")],
        string="Pace",
        compute="_compute_attainment",
        help="Behind or ahead when the attainment is more than 5 points away "
        "from the expected attainment.",
    )
    pipeline = fields.Float(
        "Weighted Pipeline",
        compute="_compute_attainment",
        digits=(16, 2),
        help="Open opportunities expected to close in the period, weighted by "
        "their probability. For a margin plan, weighted revenue times the "
        "margin rate of the plan's confirmed orders; for counts, the sum of "
        "probabilities.",
    )
    coverage = fields.Float(
        "Pipeline Coverage",
        compute="_compute_attainment",
        digits=(16, 2),
        help="Weighted pipeline divided by what remains to achieve: below 1, "
        "the pipeline cannot fill the gap (0 when the target is reached).",
    )
    is_current_period = fields.Boolean(
        "Current Period",
        compute="_compute_is_current_period",
        search="_search_is_current_period",
    )
    is_behind_pace = fields.Boolean(
        "Behind Pace",
        compute="_compute_attainment",
        search="_search_is_behind_pace",
    )

    # Team targets: how much of it the members' targets cover.
    members_target = fields.Float(
        "Members' Targets",
        compute="_compute_members_target",
        digits=(16, 2),
        help="Sum of the effective targets of the team's salespeople for the "
        "same plan and period.",
    )
    allocation_gap = fields.Float(
        "Unallocated",
        compute="_compute_members_target",
        digits=(16, 2),
        help="Team target minus the members' targets: positive when "
        "under-allocated, negative when over-allocated.",
    )
    allocation_status = fields.Selection(
        [
            ("under", "Under-allocated"),
            ("balanced", "Balanced"),
            ("over", "Over-allocated"),
        ],
        compute="_compute_members_target",
    )

    # Stored figures: refreshed nightly, frozen when the plan is closed.
    snapshot_achieved = fields.Float(
        "Achieved (stored)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        copy=False,
    )
    snapshot_pipeline = fields.Float(
        "Weighted Pipeline (stored)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        copy=False,
    )
    snapshot_attainment = fields.Float(
        "Attainment (stored, %)",
        compute="_compute_snapshot_attainment",
        store=True,
        digits=(16, 1),
        aggregator="avg",
    )
    snapshot_date = fields.Datetime(
        "Figures Stored On",
        readonly=True,
        copy=False,
        help="When the stored figures were last refreshed (nightly) or frozen "
        "(plan closed).",
    )
    reached_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        (
            "target_positive",
            "CHECK (target_amount >= 0)",
            "A target cannot be negative.",
        ),
        (
            "ramp_range",
            "CHECK (ramp_factor >= 0 AND ramp_factor <= 100)",
            "The ramp factor must be between 0 % and 100 %.",
        ),
    ]

    # ------------------------------------------------------------------
    # Simple computes
    # ------------------------------------------------------------------

    @api.depends("user_id", "target_type")
    def _compute_team_id(self):
        for quota in self:
            if quota.target_type == "user" and quota.user_id and not quota.team_id:
                quota.team_id = quota.user_id.sale_team_id

    @api.depends("date_from", "plan_id.period_type")
    def _compute_period(self):
        for quota in self:
            period_type = quota.plan_id.period_type
            if not (quota.date_from and period_type):
                quota.date_to = False
                quota.period_name = False
                continue
            start, end = period_bounds(quota.date_from, period_type)
            quota.date_to = end
            quota.period_name = period_label(start, period_type)

    @api.depends("target_amount", "ramp_factor")
    def _compute_effective_target(self):
        for quota in self:
            quota.effective_target = quota.target_amount * quota.ramp_factor / 100.0

    @api.depends("snapshot_achieved", "effective_target")
    def _compute_snapshot_attainment(self):
        for quota in self:
            quota.snapshot_attainment = (
                quota.effective_target
                and 100.0 * quota.snapshot_achieved / quota.effective_target
            )

    @api.depends("user_id", "team_id", "plan_id", "period_name", "target_type")
    def _compute_display_name(self):
        for quota in self:
            owner = (
                quota.user_id if quota.target_type == "user" else quota.team_id
            ).display_name
            quota.display_name = " / ".join(
                part for part in (owner, quota.period_name) if part
            )

    @api.depends_context("tz")
    def _compute_is_current_period(self):
        today = fields.Date.context_today(self)
        for quota in self:
            quota.is_current_period = bool(
                quota.date_from
                and quota.date_from <= today <= (quota.date_to or quota.date_from)
            )

    def _search_is_current_period(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on the current period."))
        today = fields.Date.context_today(self)
        domain = [("date_from", "<=", today), ("date_to", ">=", today)]
        if (operator == "=") != bool(value):
            domain = ["!", "&", *domain]
        return domain

    def _compute_members_target(self):
        teams = self.filtered(lambda quota: quota.target_type == "team")
        (self - teams).update(
            {"members_target": 0.0, "allocation_gap": 0.0, "allocation_status": False}
        )
        if not teams:
            return
        groups = self.env["sales.quota"]._read_group(
            [
                ("plan_id", "in", teams.plan_id.ids),
                ("target_type", "=", "user"),
                ("team_id", "in", teams.team_id.ids),
            ],
            ["plan_id", "team_id", "date_from:day"],
            ["effective_target:sum"],
        )
        allocated = {
            (plan.id, team.id, date_from): total
            for plan, team, date_from, total in groups
        }
        for quota in teams:
            members = allocated.get(
                (quota.plan_id.id, quota.team_id.id, quota.date_from), 0.0
            )
            gap = quota.effective_target - members
            quota.members_target = members
            quota.allocation_gap = gap
            precision = 0.005
            quota.allocation_status = (
                "under"
                if gap > precision
                else "over"
                if gap < -precision
                else "balanced"
            )

    # ------------------------------------------------------------------
    # Live attainment
    # ------------------------------------------------------------------

    @api.depends_context("tz")
    def _compute_attainment(self):
        figures = self._get_attainment_figures()
        today = fields.Date.context_today(self)
        for quota in self:
            achieved = figures.get(quota.id, {}).get("achieved", 0.0)
            pipeline = figures.get(quota.id, {}).get("pipeline", 0.0)
            target = quota.effective_target
            attainment = target and 100.0 * achieved / target
            remaining = max(target - achieved, 0.0)
            expected = (
                100.0 * elapsed_ratio(quota.date_from, quota.date_to, today)
                if quota.date_from and quota.date_to
                else 0.0
            )
            gap = attainment - expected if target else 0.0
            quota.achieved = achieved
            quota.attainment = attainment
            quota.remaining = remaining
            quota.expected_attainment = expected
            quota.pace_gap = gap
            quota.pace_status = (
                "behind"
                if gap < -PACE_TOLERANCE
                else "ahead"
                if gap > PACE_TOLERANCE
                else "on"
            )
            quota.is_behind_pace = quota.pace_status == "behind"
            quota.pipeline = pipeline
            quota.coverage = remaining and pipeline / remaining

    def _get_attainment_figures(self):
        """Achieved and weighted pipeline of every target in ``self``.

        One SQL query per plan computes the figures of all the plan's targets
        in ``self``; targets of closed plans return their frozen figures.
        ``self`` holds only targets the user may read (record rules applied by
        the ORM), and the query reads only the plan's company documents.

        :return: {quota id: {"achieved": float, "pipeline": float}}
        """
        ids = [quota_id for quota_id in self._ids if quota_id]
        if not ids:
            return {}
        # the query reads orders, invoices, leads and partners: write pending
        # changes of any of them first
        self.env.flush_all()
        result = {}
        for plan, bounds in self.browse(ids)._get_attainment_bounds().items():
            if plan.state == "closed":
                quotas = self.browse(
                    quota_id for *_other, quota_ids in bounds for quota_id in quota_ids
                )
                for quota in quotas:
                    result[quota.id] = {
                        "achieved": quota.snapshot_achieved,
                        "pipeline": quota.snapshot_pipeline,
                    }
                continue
            query = self._get_attainment_query(plan, bounds)
            if query is None:
                continue
            self.env.cr.execute(query)
            for quota_id, achieved, pipeline in self.env.cr.fetchall():
                result[quota_id] = {"achieved": achieved, "pipeline": pipeline}
        return result

    def _get_attainment_bounds(self):
        """What the attainment queries of ``self`` need, in one small query.

        ``self`` holds targets the user may read: the query only reads their
        plan, type, owner and dates.

        :return: {plan: [(target_type, first day, last day, user ids,
                  team ids, target ids)]}, targets without dates left out
        """
        self.flush_model(
            ["plan_id", "target_type", "user_id", "team_id", "date_from", "date_to"]
        )
        self.env.cr.execute(
            SQL(
                """SELECT plan_id, target_type, MIN(date_from), MAX(date_to),
                          ARRAY_AGG(DISTINCT user_id) FILTER (WHERE user_id > 0),
                          ARRAY_AGG(DISTINCT team_id) FILTER (WHERE team_id > 0),
                          ARRAY_AGG(id)
                     FROM sales_quota
                    WHERE id = ANY(%s)
                      AND date_from IS NOT NULL AND date_to IS NOT NULL
                 GROUP BY plan_id, target_type""",
                list(self._ids),
            )
        )
        result = defaultdict(list)
        for plan_id, *row in self.env.cr.fetchall():
            result[self.env["sales.quota.plan"].browse(plan_id)].append(tuple(row))
        return result

    def _get_attainment_query(self, plan, bounds=None):
        """The SQL query that returns (quota id, achieved, pipeline) for ``self``.

        Documents are first aggregated by salesperson, team and period (one
        pass over the plan's documents), then matched with the targets by one
        join. ``bounds`` is what :meth:`_get_attainment_bounds` returns for
        ``plan`` (read when not given). Returns None when no target of
        ``self`` has a period.
        """
        if bounds is None:
            bounds = self._get_attainment_bounds().get(plan)
        if not bounds:
            return None
        user_ids, team_ids, quota_ids = set(), set(), []
        for target_type, _start, _stop, users, teams, ids in bounds:
            quota_ids += ids
            if target_type == "user":
                user_ids.update(users or ())
            else:
                team_ids.update(teams or ())
        params = {
            "plan": plan,
            "start": min(start for _type, start, *_other in bounds),
            "stop": max(stop for _type, _start, stop, *_other in bounds)
            + timedelta(days=1),
            "user_ids": sorted(user_ids),
            "team_ids": sorted(team_ids),
        }
        achieved = self._get_achieved_source_sql(**params)
        pipeline = self._get_pipeline_source_sql(**params)
        # only the owners the targets have: salespeople, teams or both
        figures = SQL(" UNION ALL ").join(
            SQL(
                """SELECT %(type)s AS target_type, %(owner)s AS owner_id, period,
                          amount AS achieved, 0.0 AS pipeline
                     FROM achieved
                UNION ALL
                   SELECT %(type)s, %(owner)s, period, 0.0, amount FROM pipeline""",
                type=target_type,
                owner=SQL.identifier("user_id" if target_type == "user" else "team_id"),
            )
            for target_type in sorted({row[0] for row in bounds})
        )
        return SQL(
            """
            WITH quota AS (
                SELECT id, target_type, date_from,
                       CASE WHEN target_type = 'user' THEN user_id
                            ELSE team_id END AS owner_id
                  FROM sales_quota
                 WHERE id = ANY(%(ids)s)
            ), achieved AS MATERIALIZED (
                SELECT src.user_id, src.team_id,
                       date_trunc(%(period)s, src.date)::date AS period,
                       SUM(src.amount) AS amount
                  FROM (%(achieved)s) AS src
              GROUP BY 1, 2, 3
            ), pipeline AS MATERIALIZED (
                SELECT src.user_id, src.team_id,
                       date_trunc(%(period)s, src.date)::date AS period,
                       SUM(src.amount) AS amount
                  FROM (%(pipeline)s) AS src
              GROUP BY 1, 2, 3
            ), figures AS (%(figures)s)
            SELECT quota.id,
                   COALESCE(SUM(f.achieved), 0.0)::float,
                   COALESCE(SUM(f.pipeline), 0.0)::float
              FROM quota
              LEFT JOIN figures f
                     ON f.target_type = quota.target_type
                    AND f.owner_id = quota.owner_id
                    AND f.period = quota.date_from
          GROUP BY quota.id
            """,
            ids=sorted(quota_ids),
            period=plan.period_type,
            achieved=achieved,
            pipeline=pipeline,
            figures=figures,
        )

    @api.model
    def _owner_condition(self, user_column, team_column, user_ids, team_ids):
        """Documents of these salespeople or teams (an empty side is left out)."""
        conditions = [
            SQL("%s = ANY(%s)", column, ids)
            for column, ids in ((user_column, user_ids), (team_column, team_ids))
            if ids
        ]
        if not conditions:
            return SQL("FALSE")
        return SQL("(%s)", SQL(" OR ").join(conditions))

    @api.model
    def _currency_rate_sql(self, order_alias):
        return SQL(
            "COALESCE(NULLIF(%s, 0), 1.0)",
            SQL.identifier(order_alias, "currency_rate"),
        )

    @api.model
    def _category_condition(self, plan, template_column):
        """Restrict to the plan's product category and its children."""
        if not plan.product_categ_id:
            return SQL("TRUE")
        return SQL(
            """%s IN (SELECT pt.id FROM product_template pt
                        JOIN product_category pc ON pc.id = pt.categ_id
                       WHERE pc.parent_path LIKE %s)""",
            template_column,
            f"{plan.product_categ_id.parent_path}%",
        )

    @api.model
    def _get_achieved_source_sql(self, plan, start, stop, user_ids, team_ids):
        """Rows (user_id, team_id, date, amount) counting toward the targets."""
        company_id = plan.company_id.id
        metric = plan.metric
        if metric in ("sale", "margin") and not plan.product_categ_id:
            column = "amount_untaxed" if metric == "sale" else "margin"
            return SQL(
                """SELECT so.user_id, so.team_id, so.date_order AS date,
                          %s / %s AS amount
                     FROM sale_order so
                    WHERE so.state = 'sale' AND so.company_id = %s
                      AND so.date_order >= %s AND so.date_order < %s
                      AND %s""",
                SQL.identifier("so", column),
                self._currency_rate_sql("so"),
                company_id,
                start,
                stop,
                self._owner_condition(
                    SQL("so.user_id"), SQL("so.team_id"), user_ids, team_ids
                ),
            )
        if metric in ("sale", "margin"):
            column = "price_subtotal" if metric == "sale" else "margin"
            return SQL(
                """SELECT so.user_id, so.team_id, so.date_order AS date,
                          %s / %s AS amount
                     FROM sale_order_line sol
                     JOIN sale_order so ON so.id = sol.order_id
                     JOIN product_product pp ON pp.id = sol.product_id
                    WHERE so.state = 'sale' AND so.company_id = %s
                      AND so.date_order >= %s AND so.date_order < %s
                      AND sol.display_type IS NULL
                      AND %s AND %s""",
                SQL.identifier("sol", column),
                self._currency_rate_sql("so"),
                company_id,
                start,
                stop,
                self._owner_condition(
                    SQL("so.user_id"), SQL("so.team_id"), user_ids, team_ids
                ),
                self._category_condition(plan, SQL("pp.product_tmpl_id")),
            )
        if metric == "invoice" and not plan.product_categ_id:
            return SQL(
                """SELECT am.invoice_user_id AS user_id, am.team_id,
                          am.invoice_date AS date, am.amount_untaxed_signed AS amount
                     FROM account_move am
                    WHERE am.move_type IN ('out_invoice', 'out_refund')
                      AND am.state = 'posted' AND am.company_id = %s
                      AND am.invoice_date >= %s AND am.invoice_date < %s
                      AND %s""",
                company_id,
                start,
                stop,
                self._owner_condition(
                    SQL("am.invoice_user_id"), SQL("am.team_id"), user_ids, team_ids
                ),
            )
        if metric == "invoice":
            return SQL(
                """SELECT am.invoice_user_id AS user_id, am.team_id,
                          am.invoice_date AS date, -aml.balance AS amount
                     FROM account_move_line aml
                     JOIN account_move am ON am.id = aml.move_id
                     JOIN product_product pp ON pp.id = aml.product_id
                    WHERE am.move_type IN ('out_invoice', 'out_refund')
                      AND am.state = 'posted' AND am.company_id = %s
                      AND am.invoice_date >= %s AND am.invoice_date < %s
                      AND aml.display_type = 'product'
                      AND %s AND %s""",
                company_id,
                start,
                stop,
                self._owner_condition(
                    SQL("am.invoice_user_id"), SQL("am.team_id"), user_ids, team_ids
                ),
                self._category_condition(plan, SQL("pp.product_tmpl_id")),
            )
        if metric == "won_count":
            return SQL(
                """SELECT l.user_id, l.team_id, l.date_closed AS date, 1.0 AS amount
                     FROM crm_lead l
                     JOIN crm_stage s ON s.id = l.stage_id
                    WHERE l.type = 'opportunity' AND l.active AND s.is_won
                      AND (l.company_id = %s OR l.company_id IS NULL)
                      AND l.date_closed >= %s AND l.date_closed < %s
                      AND %s""",
                company_id,
                start,
                stop,
                self._owner_condition(
                    SQL("l.user_id"), SQL("l.team_id"), user_ids, team_ids
                ),
            )
        if metric == "new_customer":
            return SQL(
                """SELECT f.user_id, f.team_id, f.date_order AS date, 1.0 AS amount
                     FROM (%s) f
                    WHERE f.date_order >= %s AND f.date_order < %s AND %s""",
                self._first_orders_sql(company_id),
                start,
                stop,
                self._owner_condition(
                    SQL("f.user_id"), SQL("f.team_id"), user_ids, team_ids
                ),
            )
        raise UserError(self.env._("Unknown target metric: %(metric)s", metric=metric))

    @api.model
    def _first_orders_sql(self, company_id):
        """First confirmed order of every customer (commercial entity)."""
        return SQL(
            """SELECT DISTINCT ON (p.commercial_partner_id)
                      p.commercial_partner_id AS partner_id,
                      so.user_id, so.team_id, so.date_order
                 FROM sale_order so
                 JOIN res_partner p ON p.id = so.partner_id
                WHERE so.state = 'sale' AND so.company_id = %s
             ORDER BY p.commercial_partner_id, so.date_order, so.id""",
            company_id,
        )

    @api.model
    def _get_pipeline_source_sql(self, plan, start, stop, user_ids, team_ids):
        """Rows (user_id, team_id, date, amount) of the weighted open pipeline."""
        company_id = plan.company_id.id
        metric = plan.metric
        extra = SQL("TRUE")
        if metric in ("sale", "invoice"):
            amount = SQL("l.prorated_revenue")
        elif metric == "margin":
            amount = SQL(
                """l.prorated_revenue * COALESCE((
                       SELECT SUM(so.margin) / NULLIF(SUM(so.amount_untaxed), 0)
                         FROM sale_order so
                        WHERE so.state = 'sale' AND so.company_id = %s
                          AND so.date_order >= %s AND so.date_order < %s
                   ), 0.0)""",
                company_id,
                plan.date_from,
                plan.date_to + timedelta(days=1),
            )
        else:
            amount = SQL("l.probability / 100.0")
            if metric == "new_customer":
                extra = SQL(
                    """(l.partner_id IS NULL OR NOT EXISTS (
                           SELECT 1 FROM sale_order so
                             JOIN res_partner sp ON sp.id = so.partner_id
                             JOIN res_partner lp ON lp.id = l.partner_id
                            WHERE so.state = 'sale' AND so.company_id = %s
                              AND sp.commercial_partner_id = lp.commercial_partner_id
                       ))""",
                    company_id,
                )
        return SQL(
            """SELECT l.user_id, l.team_id, l.date_deadline AS date, %s AS amount
                 FROM crm_lead l
                WHERE l.type = 'opportunity' AND l.active AND l.probability < 100
                  AND (l.company_id = %s OR l.company_id IS NULL)
                  AND l.date_deadline >= %s AND l.date_deadline < %s
                  AND %s AND %s""",
            amount,
            company_id,
            start,
            stop,
            self._owner_condition(
                SQL("l.user_id"), SQL("l.team_id"), user_ids, team_ids
            ),
            extra,
        )

    def _search_is_behind_pace(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on the pace."))
        candidates = self.search(
            [("plan_state", "=", "active"), ("is_current_period", "=", True)]
        )
        behind = candidates.filtered("is_behind_pace")
        if (operator == "=") == bool(value):
            return [("id", "in", behind.ids)]
        return [("id", "not in", behind.ids)]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("target_amount", "ramp_factor")
    def _check_amounts(self):
        for quota in self:
            if quota.target_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The target of %(quota)s cannot be negative.",
                        quota=quota.display_name,
                    )
                )
            if not 0 <= quota.ramp_factor <= 100:
                raise ValidationError(
                    self.env._(
                        "The ramp factor of %(quota)s must be between 0 %% and 100 %%.",
                        quota=quota.display_name,
                    )
                )

    @api.constrains("target_type", "user_id", "team_id")
    def _check_owner(self):
        for quota in self:
            if quota.target_type == "user" and not quota.user_id:
                raise ValidationError(
                    self.env._("A salesperson target needs a salesperson.")
                )
            if quota.target_type == "team" and not quota.team_id:
                raise ValidationError(self.env._("A team target needs a sales team."))
            if quota.target_type == "user" and (
                quota.user_id.share or not quota.user_id.active
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot have a target: targets are for active "
                        "internal users, not archived, portal or public ones.",
                        user=quota.user_id.name,
                    )
                )

    @api.constrains("date_from", "plan_id")
    def _check_period(self):
        for quota in self:
            plan = quota.plan_id
            if not is_period_start(quota.date_from, plan.period_type):
                raise ValidationError(
                    self.env._(
                        "The period of %(quota)s must start on the first day of a "
                        "%(period)s (the plan %(plan)s is split by %(period)s).",
                        quota=quota.display_name,
                        period=dict(
                            plan._fields["period_type"]._description_selection(self.env)
                        )[plan.period_type].lower(),
                        plan=plan.display_name,
                    )
                )
            if quota.date_from < plan.date_from or quota.date_to > plan.date_to:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s of %(quota)s is outside the plan "
                        "%(plan)s (%(start)s to %(end)s).",
                        period=quota.period_name,
                        quota=quota.display_name,
                        plan=plan.display_name,
                        start=format_date(self.env, plan.date_from),
                        end=format_date(self.env, plan.date_to),
                    )
                )

    @api.constrains("plan_id", "target_type", "user_id", "team_id", "date_from")
    def _check_unique(self):
        groups = self._read_group(
            [
                ("plan_id", "in", self.plan_id.ids),
                ("date_from", "in", self.mapped("date_from")),
            ],
            ["plan_id", "target_type", "user_id", "team_id", "date_from:day"],
            ["__count"],
        )
        for plan, target_type, user, team, date_from, count in groups:
            if count < 2:
                continue
            if target_type == "user":
                duplicate = user.display_name
            else:
                if user:
                    continue
                duplicate = team.display_name
            raise ValidationError(
                self.env._(
                    "%(owner)s already has a target for %(date)s in the plan "
                    "%(plan)s; change that target instead of adding another one.",
                    owner=duplicate,
                    date=format_date(self.env, date_from),
                    plan=plan.display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD: a closed plan is frozen
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        plan_ids = {vals.get("plan_id") for vals in vals_list if vals.get("plan_id")}
        self.env["sales.quota.plan"].browse(plan_ids)._check_not_closed()
        if any(SNAPSHOT_FIELDS & set(vals) for vals in vals_list):
            self._raise_stored_figures()
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        if any(not field.startswith(FROZEN_EXEMPT_PREFIXES) for field in vals):
            self.plan_id._check_not_closed()
            if "plan_id" in vals:
                self.env["sales.quota.plan"].browse(vals["plan_id"])._check_not_closed()
        if SNAPSHOT_FIELDS & set(vals):
            self._raise_stored_figures()
        return super().write(vals)

    def _write_stored_figures(self, vals):
        """Store figures, past the guard of ``write``.

        Private (no RPC client calls it): the refresh job and the plan's
        buttons, once they have checked the user's rights.
        """
        self.plan_id._check_not_closed()
        return super().write(vals)

    def _raise_stored_figures(self):
        raise UserError(
            self.env._(
                "The stored figures of a target are computed from the orders, "
                "invoices and opportunities: they cannot be entered by hand."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.plan_id._check_not_closed()

    # ------------------------------------------------------------------
    # Stored figures, messages and scheduler
    # ------------------------------------------------------------------

    def _store_snapshot(self):
        """Store the live figures; post a message to salespeople reaching 100 %."""
        if not self:
            return
        figures = self._get_attainment_figures()
        now = fields.Datetime.now()
        reached = self.browse()
        for quota in self:
            values = figures.get(quota.id, {"achieved": 0.0, "pipeline": 0.0})
            vals = {
                "snapshot_achieved": values["achieved"],
                "snapshot_pipeline": values["pipeline"],
                "snapshot_date": now,
            }
            if (
                quota.effective_target > 0
                and values["achieved"] >= quota.effective_target
                and not quota.reached_notified
            ):
                vals["reached_notified"] = True
                reached |= quota
            # stored figures are the system's: callers checked the user's rights
            quota.sudo()._write_stored_figures(vals)
        for quota in reached:
            quota._notify_target_reached()

    def _notify_target_reached(self):
        self.ensure_one()
        owner = self.user_id if self.target_type == "user" else self.team_id.user_id
        # written in the language of the person it is for
        quota = self.with_context(lang=owner.lang or self.env.lang)
        env = quota.env
        achieved = formatLang(env, quota.snapshot_achieved)
        target = formatLang(env, quota.effective_target)
        attainment = formatLang(env, quota.snapshot_attainment, digits=0)
        name = (quota.user_id if quota.target_type == "user" else quota.team_id).name
        self.message_post(
            body=env._(
                "Target reached: %(owner)s achieved %(achieved)s of %(target)s "
                "(%(attainment)s %%) for %(period)s.",
                owner=name,
                achieved=achieved,
                target=target,
                attainment=attainment,
                period=quota.period_name,
            ),
            partner_ids=owner.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

    @api.model
    def _mark_stale(self, user_ids, team_ids, company_ids):
        """Documents of these salespeople or teams changed: refresh soon.

        Clears the stored date of their targets in active plans so that the
        refresh job (triggered now) takes them again and posts the "target
        reached" message without waiting for the night.
        """
        if not (user_ids or team_ids):
            return
        # The salesperson confirming an order may not write targets; only the
        # refresh marker is touched here. Targets already waiting for a
        # refresh are left alone, and rows another transaction holds are
        # skipped (that transaction marks or refreshes them), so that busy
        # teams confirming orders at once never wait on each other here.
        quotas = self.sudo().search(
            [
                ("plan_state", "=", "active"),
                ("company_id", "in", company_ids),
                ("snapshot_date", "!=", False),
                "|",
                "&",
                ("target_type", "=", "user"),
                ("user_id", "in", user_ids),
                "&",
                ("target_type", "=", "team"),
                ("team_id", "in", team_ids),
            ]
        )
        if not quotas:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE sales_quota SET snapshot_date = NULL
                    WHERE id IN (SELECT id FROM sales_quota WHERE id = ANY(%s)
                                 FOR UPDATE SKIP LOCKED)""",
                quotas.ids,
            )
        )
        quotas.invalidate_recordset(["snapshot_date"])
        cron = self.env.ref(
            "sales_management.ir_cron_refresh_attainment", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _get_refresh_domain(self):
        """Targets whose stored figures are older than today."""
        today_start = datetime.combine(fields.Date.today(), time.min)
        return [
            ("plan_state", "=", "active"),
            "|",
            ("snapshot_date", "=", False),
            ("snapshot_date", "<", today_start),
        ]

    @api.model
    def _cron_refresh_attainment(self, batch_size=500):
        """Refresh the stored figures of active plans, one batch per call.

        Each call takes the oldest batch not refreshed today, locks it (so
        that several cron workers never refresh the same targets) and reports
        progress; the scheduler calls again while targets remain. A killed run
        leaves its batch unrefreshed, so the next run simply takes it again.
        """
        domain = self._get_refresh_domain()
        candidates = self.search(domain, limit=batch_size, order="id")
        if candidates:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM sales_quota WHERE id = ANY(%s) "
                    "FOR UPDATE SKIP LOCKED",
                    candidates.ids,
                )
            )
            batch = self.browse(row[0] for row in self.env.cr.fetchall())
            batch._store_snapshot()
        else:
            batch = self.browse()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        return len(batch)

    # ------------------------------------------------------------------
    # Drill-down: every figure opens the records behind it
    # ------------------------------------------------------------------

    def _owner_domain(self, user_field="user_id", team_field="team_id"):
        self.ensure_one()
        if self.target_type == "user":
            return [(user_field, "=", self.user_id.id)]
        return [(team_field, "=", self.team_id.id)]

    def _period_datetime_domain(self, field):
        self.ensure_one()
        return [
            (field, ">=", datetime.combine(self.date_from, time.min)),
            (field, "<", datetime.combine(self.date_to + timedelta(days=1), time.min)),
        ]

    def _get_achieved_domain(self):
        """(model, domain) of the documents counted in ``achieved``."""
        self.ensure_one()
        plan = self.plan_id
        company = [("company_id", "=", plan.company_id.id)]
        categ = plan.product_categ_id
        if plan.metric in ("sale", "margin"):
            if categ:
                return "sale.order.line", [
                    ("order_id.state", "=", "sale"),
                    ("display_type", "=", False),
                    ("product_id.categ_id", "child_of", categ.id),
                    *company,
                    *[
                        ("order_id." + leaf[0], *leaf[1:])
                        for leaf in self._period_datetime_domain("date_order")
                        + self._owner_domain()
                    ],
                ]
            return "sale.order", [
                ("state", "=", "sale"),
                *company,
                *self._period_datetime_domain("date_order"),
                *self._owner_domain(),
            ]
        if plan.metric == "invoice":
            move_domain = [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("invoice_date", ">=", self.date_from),
                ("invoice_date", "<=", self.date_to),
                *self._owner_domain(user_field="invoice_user_id"),
            ]
            if categ:
                return "account.move.line", [
                    ("display_type", "=", "product"),
                    ("product_id.categ_id", "child_of", categ.id),
                    *company,
                    *[("move_id." + leaf[0], *leaf[1:]) for leaf in move_domain],
                ]
            return "account.move", [*company, *move_domain]
        if plan.metric == "won_count":
            return "crm.lead", [
                ("type", "=", "opportunity"),
                ("stage_id.is_won", "=", True),
                ("company_id", "in", (plan.company_id.id, False)),
                *self._period_datetime_domain("date_closed"),
                *self._owner_domain(),
            ]
        # new customers: the partners whose first confirmed order is in the period
        self.env.cr.execute(
            SQL(
                """SELECT f.partner_id FROM (%s) f
                    WHERE f.date_order >= %s AND f.date_order < %s AND %s""",
                self._first_orders_sql(plan.company_id.id),
                self.date_from,
                self.date_to + timedelta(days=1),
                SQL("f.user_id = %s", self.user_id.id)
                if self.target_type == "user"
                else SQL("f.team_id = %s", self.team_id.id),
            )
        )
        return "res.partner", [("id", "in", [row[0] for row in self.env.cr.fetchall()])]

    def _get_pipeline_domain(self):
        self.ensure_one()
        return [
            ("type", "=", "opportunity"),
            ("probability", "<", 100),
            ("company_id", "in", (self.plan_id.company_id.id, False)),
            ("date_deadline", ">=", self.date_from),
            ("date_deadline", "<=", self.date_to),
            *self._owner_domain(),
        ]

    def action_view_achieved(self):
        self.ensure_one()
        model, domain = self._get_achieved_domain()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Achieved: %(quota)s", quota=self.display_name),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }

    def action_view_pipeline(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pipeline: %(quota)s", quota=self.display_name),
            "res_model": "crm.lead",
            "views": [(False, "list"), (False, "form")],
            "domain": self._get_pipeline_domain(),
            "context": {"create": False},
        }
