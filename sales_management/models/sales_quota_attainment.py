# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Live attainment of targets: achieved, pipeline and pace, computed
set-based in one query for all the targets of a request."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.periods import elapsed_ratio
from .sales_quota import PACE_TOLERANCE

# Above this many salespeople and teams, the attainment query does not filter
# the documents by owner (see _owner_condition).
OWNER_FILTER_LIMIT = 50


class SalesQuota(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.quota"

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
        """Documents of these salespeople or teams (an empty side is left out).

        For many owners (a plan of the whole sales force) no condition: the
        period, company and state select the documents, and the join with the
        targets keeps their owners' sums. PostgreSQL then reads the period's
        documents in one pass instead of every document of the owners through
        the salesperson index (1.7 times the time, on 200 salespeople).
        """
        if len(user_ids) + len(team_ids) > OWNER_FILTER_LIMIT:
            return SQL("TRUE")
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
