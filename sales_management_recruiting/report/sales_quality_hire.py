# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class SalesQualityHire(models.Model):
    """Quality of hire: each hired salesperson's interview ratings, one row
    per competency, beside their attainment in their first months.

    A hired salesperson is an application of a sales job with a hire date
    whose candidate's employee is a user (``hr.applicant._sales_hires_sql``).
    Their ratings are the means of the submitted interview scorecards (as on
    the candidate comparison). Their attainment: the achieved of their
    salesperson targets on confirmed sales of every product whose periods
    fall in their first months (the company's *Quality of Hire Months* from
    the month of the hire date), divided by the effective targets, as the
    targets screen computes it: frozen at closing for a closed plan, live
    confirmed sales of the target's period otherwise (``sales.figure``). The
    targets of new hires are ramped (their ramp factor), so a hire on their
    ramp plan is at 100 %.

    One query, built from overridable pieces; read by recruiters and sales
    managers only.
    """

    _name = "sales.quality.hire"
    _description = "Quality of Hire"
    _auto = False
    _order = "hire_date desc, applicant_id, sequence, competency_id"
    _rec_name = "competency_id"
    # what the query reads: written first when a search reads the rows
    _depends = {
        "hr.applicant": ["date_closed", "job_id", "candidate_id", "company_id"],
        "hr.candidate": ["employee_id", "partner_name"],
        "hr.employee": ["user_id"],
        "hr.job": ["sales_role", "sales_team_id"],
        "res.company": ["sales_hire_quality_months"],
        "sales.interview.scorecard": ["applicant_id", "state", "role_play_score"],
        "sales.interview.scorecard.line": [
            "applicant_id",
            "competency_id",
            "state",
            "sequence",
            "weight",
            "rating",
        ],
        "sales.quota": [
            "effective_target",
            "user_id",
            "target_type",
            "date_from",
            "date_to",
            "company_id",
            "metric",
            "plan_state",
            "snapshot_achieved",
        ],
        "sales.quota.plan": ["active", "product_categ_id"],
        "sale.order": [
            "state",
            "company_id",
            "date_order",
            "user_id",
            "amount_untaxed",
            "currency_rate",
        ],
    }

    applicant_id = fields.Many2one(
        "hr.applicant", "Application", readonly=True, help="The hired application."
    )
    partner_name = fields.Char("Hire", readonly=True, help="The hired salesperson.")
    user_id = fields.Many2one(
        "res.users", "Salesperson", readonly=True, help="The hire's user."
    )
    job_id = fields.Many2one(
        "hr.job", "Job Position", readonly=True, help="The sales job of the hire."
    )
    team_id = fields.Many2one(
        "crm.team", "Sales Team", readonly=True, help="The sales team of the job."
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, help="Company of the application."
    )
    hire_date = fields.Date(readonly=True, help="Hire date of the application.")
    competency_id = fields.Many2one(
        "sales.competency", readonly=True, help="The competency rated at interview."
    )
    sequence = fields.Integer(readonly=True, help="Order of the competency.")
    rating = fields.Float(
        "Mean Rating",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Mean rating of the competency over the submitted interview "
        "scorecards, from 1 to 5.",
    )
    rating_band = fields.Integer(
        "Rating",
        readonly=True,
        aggregator="avg",
        help="The mean rating rounded to a whole number (to compare the hires "
        "rated 2, 3, 4...).",
    )
    rating_count = fields.Integer(
        "Ratings", readonly=True, help="Submitted scorecards rating the competency."
    )
    weighted_score = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="The hire's weighted score at interview, from 1 to 5.",
    )
    role_play_score = fields.Float(
        "Role-Play",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="The hire's mean role-play score at interview, from 1 to 5.",
    )
    months = fields.Integer(
        "First Months",
        readonly=True,
        aggregator="max",
        help="Months of the hire's performance measured.",
    )
    date_to = fields.Date(
        "Measured Until", readonly=True, help="Last day of the months measured."
    )
    complete = fields.Boolean(
        "Months Over",
        readonly=True,
        help="The first months are over: the hire counts in the correlations.",
    )
    target = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="The hire's effective targets in their first months, in all.",
    )
    achieved = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="What the hire achieved of those targets.",
    )
    attainment = fields.Float(
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Achieved divided by the targets of the hire's first months, in %; "
        "empty without a target.",
    )

    @property
    def _table_query(self):
        return SQL(
            "%s %s %s %s",
            self._select_quality(),
            self._from_quality(),
            self._where_quality(),
            self._group_by_quality(),
        )

    @api.model
    def _select_quality(self):
        return SQL(
            """
            SELECT MIN(l.id) AS id, h.applicant_id, h.partner_name, h.user_id,
                   h.job_id, h.team_id, h.company_id, h.hire_date,
                   l.competency_id, MIN(l.sequence) AS sequence,
                   ROUND(AVG(l.rating), 2) AS rating,
                   ROUND(AVG(l.rating))::int AS rating_band,
                   COUNT(*) AS rating_count,
                   h.weighted_score, h.role_play_score, h.months, h.date_to,
                   h.date_to < %(today)s AS complete,
                   h.target, h.achieved,
                   CASE WHEN h.target > 0
                        THEN ROUND((100.0 * h.achieved / h.target)::numeric, 1)
                   END AS attainment
            """,
            today=fields.Date.context_today(self),
        )

    @api.model
    def _from_quality(self):
        """The hires with their figures (``h``, one row each, computed once
        per hire) and their submitted ratings (``l``)."""
        return SQL(
            """
              FROM (%(hires)s) AS h
              JOIN sales_interview_scorecard_line l
                ON l.applicant_id = h.applicant_id AND l.state = 'submitted'
               AND l.rating > 0
            """,
            hires=self._query_hires(),
        )

    @api.model
    def _where_quality(self):
        return SQL("")

    @api.model
    def _group_by_quality(self):
        return SQL(
            """GROUP BY h.applicant_id, h.partner_name, h.user_id, h.job_id,
                        h.team_id, h.company_id, h.hire_date, l.competency_id,
                        h.weighted_score, h.role_play_score, h.months,
                        h.date_to, h.target, h.achieved"""
        )

    @api.model
    def _query_hires(self):
        """One row per hired salesperson: their first months (``date_from``
        to ``date_to``), interview scores and figures."""
        return SQL(
            """
            SELECT w.*, cand.partner_name, s.weighted_score, s.role_play_score,
                   t.target, t.achieved
              FROM (
                  SELECT hire.*, COALESCE(co.sales_hire_quality_months, 6) AS months,
                         date_trunc('month', hire.hire_date)::date AS date_from,
                         (date_trunc('month', hire.hire_date)
                          + make_interval(months => COALESCE(
                                co.sales_hire_quality_months, 6))
                          - interval '1 day')::date AS date_to
                    FROM (%(hires)s) AS hire
                    JOIN res_company co ON co.id = hire.company_id
                  OFFSET 0
              ) AS w
              JOIN hr_applicant a ON a.id = w.applicant_id
              JOIN hr_candidate cand ON cand.id = a.candidate_id
              LEFT JOIN LATERAL (%(scores)s) AS s ON TRUE
              LEFT JOIN LATERAL (%(targets)s) AS t ON TRUE
            OFFSET 0
            """,
            hires=self.env["hr.applicant"]._sales_hires_sql(),
            scores=self._select_scores(),
            targets=self._select_targets(),
        )

    @api.model
    def _select_scores(self):
        """Weighted score and role-play of hire ``w`` over the submitted
        scorecards (as the candidate comparison computes them)."""
        return SQL(
            """
            SELECT (SELECT ROUND(SUM(sl.weight * sl.rating)
                                 / NULLIF(SUM(sl.weight), 0), 2)
                      FROM sales_interview_scorecard_line sl
                     WHERE sl.applicant_id = w.applicant_id
                       AND sl.state = 'submitted' AND sl.rating > 0
                       AND sl.weight > 0) AS weighted_score,
                   (SELECT ROUND(AVG(NULLIF(sc.role_play_score, 0)), 1)
                      FROM sales_interview_scorecard sc
                     WHERE sc.applicant_id = w.applicant_id
                       AND sc.state = 'submitted') AS role_play_score
            """
        )

    @api.model
    def _select_targets(self):
        """Target and achieved of hire ``w`` in their first months: their
        salesperson targets on confirmed sales of every product
        (``sales.figure``), each achieved as on the targets screen (frozen
        at closing for a closed plan, live otherwise)."""
        return self.env["sales.figure"]._figure_targets_sql(
            SQL("w.company_id"),
            SQL("w.date_from"),
            SQL("w.date_to"),
            SQL("w.user_id"),
        )

    @api.readonly
    def action_open_applicant(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.applicant",
            "res_id": self.applicant_id.id,
            "views": [(False, "form")],
        }
