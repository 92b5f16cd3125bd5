# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.sales_interview_scorecard import RECOMMENDATIONS
from ..tools import hiring

SALARY_POSITIONS = [
    ("below", "Below the Range"),
    ("within", "Within the Range"),
    ("above", "Above the Range"),
]


class SalesApplicantComparison(models.Model):
    """The applicants of sales jobs side by side: weighted score, rank in the
    job, recommendations, role-play, past attainment, expected salary against
    the job's range, availability and stage.

    One row per active applicant of a job with a sales role, computed by one
    query from the submitted scorecards (drafts count for nothing). Read by
    recruiters and sales managers only: it sums up every interviewer's
    ratings.
    """

    _name = "sales.applicant.comparison"
    _description = "Candidate Comparison"
    _auto = False
    _order = "job_id, rank, id"
    _rec_name = "applicant_id"
    # what the query reads: written first when a search reads the rows
    _depends = {
        "hr.applicant": [
            "active",
            "job_id",
            "candidate_id",
            "company_id",
            "stage_id",
            "user_id",
            "salary_expected",
            "sales_claimed_attainment",
            "sales_verified_attainment",
            "sales_attainment_verified",
        ],
        "hr.candidate": ["partner_name", "availability"],
        "hr.job": [
            "sales_role",
            "company_id",
            "sales_base_salary_min",
            "sales_base_salary_max",
            "sales_variable_pay",
        ],
        "hr.recruitment.stage": ["hired_stage"],
        "res.company": ["currency_id"],
        "sales.interview.scorecard": [
            "job_id",
            "applicant_id",
            "state",
            "recommendation",
            "role_play_score",
        ],
        "sales.interview.scorecard.line": [
            "job_id",
            "applicant_id",
            "state",
            "weight",
            "rating",
        ],
    }

    applicant_id = fields.Many2one(
        "hr.applicant", readonly=True, help="The application."
    )
    partner_name = fields.Char("Candidate", readonly=True, help="Candidate's name.")
    job_id = fields.Many2one(
        "hr.job", "Job Position", readonly=True, help="The sales job applied for."
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, help="Company of the application."
    )
    stage_id = fields.Many2one(
        "hr.recruitment.stage", readonly=True, help="Stage of the application."
    )
    hired = fields.Boolean(readonly=True, help="The applicant is in a hired stage.")
    user_id = fields.Many2one(
        "res.users", "Recruiter", readonly=True, help="Recruiter of the application."
    )
    availability = fields.Date(
        readonly=True, help="When the candidate can start working."
    )
    rank = fields.Integer(
        readonly=True,
        aggregator="min",
        help="Place of the applicant among the job's active applicants, by "
        "weighted score, then recommendations, then role-play; applicants "
        "without submitted scorecards come last.",
    )
    weighted_score = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Mean of all the competency ratings of the submitted scorecards, "
        "each weighted by its competency's weight, from 1 to 5.",
    )
    scorecard_count = fields.Integer(
        "Interview Scorecards", readonly=True, help="Submitted interview scorecards."
    )
    strong_yes_count = fields.Integer(
        "Strong Yes",
        readonly=True,
        help="Interview scorecards recommending strongly to hire.",
    )
    yes_count = fields.Integer(
        "Yes", readonly=True, help="Interview scorecards recommending to hire."
    )
    no_count = fields.Integer(
        "No", readonly=True, help="Interview scorecards against hiring."
    )
    strong_no_count = fields.Integer(
        "Strong No", readonly=True, help="Interview scorecards strongly against hiring."
    )
    recommendation_value = fields.Float(
        "Recommendation",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Mean recommendation, from 1 (strong no) to 4 (strong yes).",
    )
    recommendation = fields.Selection(
        RECOMMENDATIONS,
        "Overall Recommendation",
        readonly=True,
        help="The mean recommendation rounded to the nearest answer.",
    )
    role_play_score = fields.Float(
        "Role-Play",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Mean role-play score of the scorecards that scored one, from 1 to 5.",
    )
    claimed_attainment = fields.Float(
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Past attainment of target the candidate claims, in %.",
    )
    verified_attainment = fields.Float(
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Past attainment found by the references check, in % (0 until checked).",
    )
    attainment_verified = fields.Boolean(
        readonly=True, help="The past attainment was checked."
    )
    currency_id = fields.Many2one(
        "res.currency", readonly=True, help="Currency of the job's salaries."
    )
    salary_expected = fields.Monetary(
        "Expected Salary",
        readonly=True,
        aggregator="avg",
        help="Yearly salary the candidate expects, variable pay included.",
    )
    ote_min = fields.Monetary(
        "On-Target Earnings From",
        readonly=True,
        aggregator="min",
        help="Lowest base salary of the job plus its variable pay at target.",
    )
    ote_max = fields.Monetary(
        "On-Target Earnings To",
        readonly=True,
        aggregator="max",
        help="Highest base salary of the job plus its variable pay at target.",
    )
    salary_position = fields.Selection(
        SALARY_POSITIONS,
        "Salary vs Range",
        readonly=True,
        help="The expected salary against the job's on-target earnings; empty "
        "when either is unknown.",
    )
    competency_summary = fields.Char(
        "Competencies",
        compute="_compute_competency_summary",
        help="Mean rating of each competency of the job, by weight.",
    )

    @property
    def _table_query(self):
        return SQL(
            "%s %s %s",
            self._select_comparison(),
            self._from_comparison(),
            self._where_comparison(),
        )

    def _recommendation_case(self, column):
        return SQL(
            "CASE %s %s END",
            column,
            SQL(" ").join(
                SQL("WHEN %s THEN %s", key, value)
                for key, value in hiring.RECOMMENDATION_VALUES.items()
            ),
        )

    def _select_comparison(self):
        score = SQL("ROUND(r.weighted_sum / NULLIF(r.weight_sum, 0), 2)")
        recommendation = SQL("ROUND(c.recommendation_value, 2)")
        ote_min = SQL(
            "COALESCE(j.sales_base_salary_min, 0) + COALESCE(j.sales_variable_pay, 0)"
        )
        ote_max = SQL(
            "GREATEST(COALESCE(j.sales_base_salary_max, 0), "
            "COALESCE(j.sales_base_salary_min, 0)) + COALESCE(j.sales_variable_pay, 0)"
        )
        return SQL(
            """
            SELECT a.id, a.id AS applicant_id, cand.partner_name, a.job_id,
                   a.company_id, a.stage_id, COALESCE(st.hired_stage, FALSE) AS hired,
                   a.user_id, cand.availability,
                   RANK() OVER (
                       PARTITION BY a.job_id
                       ORDER BY %(score)s DESC NULLS LAST,
                                %(recommendation)s DESC NULLS LAST,
                                c.role_play_score DESC NULLS LAST
                   ) AS rank,
                   %(score)s AS weighted_score,
                   c.scorecard_count,
                   c.strong_yes_count,
                   c.yes_count,
                   c.no_count,
                   c.strong_no_count,
                   %(recommendation)s AS recommendation_value,
                   (ARRAY[%(keys)s])[ROUND(c.recommendation_value)::int]
                       AS recommendation,
                   ROUND(c.role_play_score, 1) AS role_play_score,
                   a.sales_claimed_attainment AS claimed_attainment,
                   a.sales_verified_attainment AS verified_attainment,
                   COALESCE(a.sales_attainment_verified, FALSE) AS attainment_verified,
                   co.currency_id,
                   a.salary_expected,
                   %(ote_min)s AS ote_min,
                   %(ote_max)s AS ote_max,
                   CASE WHEN COALESCE(a.salary_expected, 0) = 0
                          OR %(ote_max)s = 0 THEN NULL
                        WHEN a.salary_expected < %(ote_min)s THEN 'below'
                        WHEN a.salary_expected > %(ote_max)s THEN 'above'
                        ELSE 'within'
                   END AS salary_position
            """,
            score=score,
            recommendation=recommendation,
            keys=SQL(", ").join(SQL("%s", key) for key in hiring.RECOMMENDATIONS),
            ote_min=ote_min,
            ote_max=ote_max,
        )

    def _from_comparison(self):
        # the sums of each applicant's submitted scorecards, read through the
        # applicant's index: the cost follows the applicants shown, whatever
        # the number of scorecards of other jobs (and whatever PostgreSQL
        # estimates of tables just loaded)
        return SQL(
            """
              FROM hr_applicant a
              JOIN hr_job j ON j.id = a.job_id AND j.sales_role IS NOT NULL
              JOIN hr_candidate cand ON cand.id = a.candidate_id
              JOIN res_company co ON co.id = COALESCE(j.company_id, a.company_id)
              LEFT JOIN hr_recruitment_stage st ON st.id = a.stage_id
              LEFT JOIN LATERAL (
                  SELECT SUM(l.weight * l.rating) AS weighted_sum,
                         SUM(l.weight) AS weight_sum
                    FROM sales_interview_scorecard_line l
                   WHERE l.applicant_id = a.id AND l.state = 'submitted'
                     AND l.rating > 0 AND l.weight > 0
              ) r ON TRUE
              LEFT JOIN LATERAL (
                  SELECT COUNT(*) AS scorecard_count,
                         COUNT(*) FILTER (WHERE s.recommendation = 'strong_yes')
                             AS strong_yes_count,
                         COUNT(*) FILTER (WHERE s.recommendation = 'yes') AS yes_count,
                         COUNT(*) FILTER (WHERE s.recommendation = 'no') AS no_count,
                         COUNT(*) FILTER (WHERE s.recommendation = 'strong_no')
                             AS strong_no_count,
                         AVG(%(values)s) AS recommendation_value,
                         AVG(NULLIF(s.role_play_score, 0)) AS role_play_score
                    FROM sales_interview_scorecard s
                   WHERE s.applicant_id = a.id AND s.state = 'submitted'
              ) c ON TRUE
            """,
            values=self._recommendation_case(SQL("s.recommendation")),
        )

    def _where_comparison(self):
        return SQL("WHERE a.active")

    def _compute_competency_summary(self):
        """One line per applicant: each competency's mean rating, the
        heaviest first, read for all the rows in one query."""
        rows = self.env["sales.applicant.competency"].search_fetch(
            [("applicant_id", "in", self.applicant_id.ids)],
            ["applicant_id", "competency_id", "rating"],
            order="applicant_id, weight desc, sequence, competency_id",
        )
        # the user's decimal point, once (formatLang for each cell of a few
        # hundred applicants costs more than the query)
        point = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        point = point.decimal_point or "."
        parts = defaultdict(list)
        for row in rows:
            rating = f"{row.rating:.1f}".replace(".", point)
            parts[row.applicant_id.id].append(f"{row.competency_id.name} {rating}")
        for line in self:
            line.competency_summary = " · ".join(parts.get(line.applicant_id.id, []))

    @api.readonly
    def action_open_applicant(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.applicant",
            "res_id": self.applicant_id.id,
            "views": [(False, "form")],
        }

    @api.readonly
    def action_open_competency_matrix(self):
        """The competency matrix of the applicants compared (all the jobs
        compared when no job is chosen)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_recruiting.sales_applicant_competency_action"
        )
        job_id = self.env.context.get("default_job_id")
        if isinstance(job_id, int):
            action["domain"] = [("job_id", "=", job_id)]
            action["context"] = {"default_job_id": job_id}
        return action
