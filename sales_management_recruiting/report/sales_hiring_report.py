# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.hr_job import SALARY_GROUPS

APPLICATION_STATUSES = [
    ("ongoing", "In Progress"),
    ("hired", "Hired"),
    ("refused", "Refused"),
    ("archived", "Archived"),
]
# What the query reads: written first when a search reads the rows.
HIRING_DEPENDS = {
    "hr.applicant": [
        "active",
        "candidate_id",
        "job_id",
        "company_id",
        "user_id",
        "department_id",
        "source_id",
        "medium_id",
        "campaign_id",
        "stage_id",
        "last_stage_id",
        "refuse_reason_id",
        "create_date",
        "date_closed",
        "salary_expected",
        "salary_proposed",
    ],
    "hr.candidate": ["partner_name"],
    "hr.job": ["sales_role", "sales_team_id"],
    "hr.recruitment.stage": [
        "sequence",
        "sales_pipeline",
        "sales_milestone",
        "job_ids",
    ],
    "mail.message": ["model", "res_id"],
    "mail.tracking.value": [
        "mail_message_id",
        "field_id",
        "old_value_integer",
        "new_value_integer",
    ],
    "res.company": ["currency_id"],
    "sales.interview.scorecard.line": [
        "applicant_id",
        "scorecard_id",
        "state",
        "weight",
        "rating",
    ],
}
OFFER_STATUSES = [
    ("pending", "Pending"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
]


class SalesHiringReport(models.Model):
    """Hiring analytics: one row per application to a sales job, archived
    and refused ones included.

    Time to hire, hire rate, offer acceptance and source effectiveness are
    its measures. How far an application went comes from its stage history:
    the stages it was ever in (the ``stage_id`` changes tracked in
    ``mail.tracking.value``, its last stage and its current one); the
    furthest of them in the order of the stages (sequence, then id) counts
    every earlier stage as reached, so that an applicant who skipped a stage
    still passed it. An applicant is *interviewed*, or *received an offer*,
    once they reached the first stage of the job's pipeline marked with that
    milestone (``hr.recruitment.stage.sales_milestone``) or a later one.

    The query is built from ``_select``, ``_from``, ``_where`` and
    ``_group_by``, as Odoo's ``sale.report``, for other addons to extend;
    ``sales.hiring.stage.report`` reads its rows. Read by recruiters and
    sales managers only.
    """

    _name = "sales.hiring.report"
    _description = "Hiring Analysis"
    _auto = False
    _order = "date_applied desc, id desc"
    _rec_name = "applicant_id"
    _depends = {model: list(names) for model, names in HIRING_DEPENDS.items()}

    applicant_id = fields.Many2one(
        "hr.applicant", readonly=True, help="The application."
    )
    partner_name = fields.Char("Candidate", readonly=True, help="Candidate's name.")
    job_id = fields.Many2one(
        "hr.job", "Job Position", readonly=True, help="The sales job applied for."
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        readonly=True,
        help="The sales team the new hire of the job joins.",
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, help="Company of the application."
    )
    user_id = fields.Many2one(
        "res.users", "Recruiter", readonly=True, help="Recruiter of the application."
    )
    department_id = fields.Many2one(
        "hr.department", readonly=True, help="Department of the application."
    )
    source_id = fields.Many2one(
        "utm.source",
        readonly=True,
        help="Where the applicant came from (job board, referral, ...).",
    )
    medium_id = fields.Many2one(
        "utm.medium",
        readonly=True,
        help="How the applicant reached out (email, website, LinkedIn, ...).",
    )
    campaign_id = fields.Many2one(
        "utm.campaign", readonly=True, help="The campaign that brought the applicant."
    )
    stage_id = fields.Many2one(
        "hr.recruitment.stage", readonly=True, help="Stage of the application now."
    )
    furthest_stage_id = fields.Many2one(
        "hr.recruitment.stage",
        readonly=True,
        help="The latest stage of the sales hiring pipeline the application "
        "reached (it may have been moved back since).",
    )
    refuse_reason_id = fields.Many2one(
        "hr.applicant.refuse.reason",
        readonly=True,
        help="Why the application was refused.",
    )
    application_status = fields.Selection(
        APPLICATION_STATUSES,
        "Status",
        readonly=True,
        help="In progress, hired (it has a hire date), refused (with a reason) "
        "or archived, as Odoo's application status.",
    )
    offer_status = fields.Selection(
        OFFER_STATUSES,
        "Offer",
        readonly=True,
        help="For an applicant who received an offer: accepted (hired), "
        "declined (refused or archived after the offer) or pending; empty "
        "without an offer.",
    )
    date_applied = fields.Date(
        "Applied on", readonly=True, help="Day of the application."
    )
    date_hired = fields.Date("Hire Date", readonly=True, help="Day of the hire.")
    applicant_count = fields.Integer(
        "Applicants", readonly=True, help="1 per application."
    )
    interviewed_count = fields.Integer(
        "Interviewed",
        readonly=True,
        help="1 when the applicant reached the interviews (the first stage "
        "marked Interviews, or a later one).",
    )
    offer_count = fields.Integer(
        "Offers",
        readonly=True,
        help="1 when the applicant received an offer (reached the first stage "
        "marked Offer, or a later one).",
    )
    hired_count = fields.Integer("Hires", readonly=True, help="1 when hired.")
    refused_count = fields.Integer(
        "Refused", readonly=True, help="1 when refused or archived without a hire."
    )
    accepted_count = fields.Integer(
        "Offers Accepted", readonly=True, help="1 when hired after an offer."
    )
    declined_count = fields.Integer(
        "Offers Declined",
        readonly=True,
        help="1 when refused or archived after an offer.",
    )
    days_to_hire = fields.Float(
        "Days to Hire",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days from the application to the hire date (hires only).",
    )
    interview_rate = fields.Float(
        "Interview Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the applicants who reached the interviews.",
    )
    hire_rate = fields.Float(
        "Hire Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the applicants hired.",
    )
    offer_acceptance_rate = fields.Float(
        "Offer Acceptance (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the decided offers that were accepted: hires among the "
        "applicants hired, refused or archived after an offer (pending offers "
        "do not count).",
    )
    weighted_score = fields.Float(
        "Interview Score",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Mean of all the competency ratings of the submitted interview "
        "scorecards, each weighted by its competency's weight, from 1 to 5.",
    )
    scorecard_count = fields.Integer(
        "Interview Scorecards", readonly=True, help="Submitted interview scorecards."
    )
    currency_id = fields.Many2one(
        "res.currency", readonly=True, help="Currency of the company."
    )
    salary_expected = fields.Monetary(
        "Expected Salary",
        readonly=True,
        aggregator="avg",
        groups=SALARY_GROUPS,
        help="Yearly salary the candidate expects.",
    )
    salary_proposed = fields.Monetary(
        "Proposed Salary",
        readonly=True,
        aggregator="avg",
        groups=SALARY_GROUPS,
        help="Yearly salary proposed to the candidate.",
    )

    @property
    def _table_query(self):
        return self._query()

    def _query(self):
        group_by = self._group_by()
        return SQL(
            "SELECT %s FROM %s WHERE %s%s",
            self._select(),
            self._from(),
            self._where(),
            SQL(" GROUP BY %s", group_by) if group_by else SQL(),
        )

    def _select(self):
        """One row per application; besides the fields, the sequence of the
        furthest stage (``furthest_stage_sequence``) and the stages the
        application was ever in (``held_stage_ids``), for the stage report."""
        return SQL(
            """
            a.id, a.id AS applicant_id, cand.partner_name, a.job_id,
            j.sales_team_id AS team_id, a.company_id, co.currency_id, a.user_id,
            a.department_id, a.source_id, a.medium_id, a.campaign_id, a.stage_id,
            h.furthest_stage_id, h.furthest_stage_sequence, h.held_stage_ids,
            a.refuse_reason_id, f.status AS application_status,
            CASE WHEN h.offered THEN
                CASE f.status WHEN 'hired' THEN 'accepted'
                              WHEN 'ongoing' THEN 'pending'
                              ELSE 'declined' END
            END AS offer_status,
            a.create_date::date AS date_applied,
            a.date_closed::date AS date_hired,
            1 AS applicant_count,
            h.interviewed::int AS interviewed_count,
            h.offered::int AS offer_count,
            (f.status = 'hired')::int AS hired_count,
            (f.status IN ('refused', 'archived'))::int AS refused_count,
            (h.offered AND f.status = 'hired')::int AS accepted_count,
            (h.offered AND f.status IN ('refused', 'archived'))::int AS declined_count,
            CASE WHEN f.status = 'hired' THEN
                EXTRACT(EPOCH FROM a.date_closed - a.create_date) / 86400.0
            END AS days_to_hire,
            100.0 * h.interviewed::int AS interview_rate,
            100.0 * (f.status = 'hired')::int AS hire_rate,
            CASE WHEN h.offered AND f.status <> 'ongoing' THEN
                100.0 * (f.status = 'hired')::int
            END AS offer_acceptance_rate,
            ROUND(SUM(l.weight * l.rating) / NULLIF(SUM(l.weight), 0), 2)
                AS weighted_score,
            COUNT(DISTINCT l.scorecard_id) AS scorecard_count,
            a.salary_expected,
            a.salary_proposed
            """
        )

    def _from(self):
        # The stage history of each application read through the messages'
        # index on (model, res_id): the cost follows the applications.
        stage_field = self.env["ir.model.fields"]._get("hr.applicant", "stage_id")
        return SQL(
            """
            hr_applicant a
            JOIN hr_job j ON j.id = a.job_id AND j.sales_role IS NOT NULL
            JOIN hr_candidate cand ON cand.id = a.candidate_id
            JOIN res_company co ON co.id = a.company_id
            CROSS JOIN LATERAL (
                SELECT CASE WHEN a.refuse_reason_id IS NOT NULL THEN 'refused'
                            WHEN NOT a.active THEN 'archived'
                            WHEN a.date_closed IS NOT NULL THEN 'hired'
                            ELSE 'ongoing' END AS status
            ) f
            CROSS JOIN LATERAL (
                SELECT ARRAY(
                    SELECT a.stage_id WHERE a.stage_id IS NOT NULL
                     UNION
                    SELECT a.last_stage_id WHERE a.last_stage_id IS NOT NULL
                     UNION
                    SELECT held.stage_id
                      FROM mail_message m
                      JOIN mail_tracking_value v ON v.mail_message_id = m.id
                     CROSS JOIN LATERAL unnest(
                         ARRAY[v.old_value_integer, v.new_value_integer]
                     ) AS held(stage_id)
                     WHERE m.model = 'hr.applicant' AND m.res_id = a.id
                       AND v.field_id = %(stage_field)s AND held.stage_id > 0
                ) AS ids
            ) hist
            LEFT JOIN LATERAL (
                SELECT s.id AS furthest_stage_id,
                       s.sequence AS furthest_stage_sequence
                  FROM hr_recruitment_stage s
                 WHERE s.id = ANY(hist.ids) AND s.sales_pipeline
              ORDER BY s.sequence DESC, s.id DESC
                 LIMIT 1
            ) far ON TRUE
            CROSS JOIN LATERAL (
                SELECT far.furthest_stage_id, far.furthest_stage_sequence,
                       hist.ids AS held_stage_ids,
                       %(interviewed)s AS interviewed,
                       %(offered)s AS offered
            ) h
            LEFT JOIN sales_interview_scorecard_line l
                   ON l.applicant_id = a.id AND l.state = 'submitted'
                  AND l.rating > 0 AND l.weight > 0
            """,
            stage_field=stage_field.id,
            interviewed=self._milestone_reached("interview"),
            offered=self._milestone_reached("offer"),
        )

    def _milestone_reached(self, milestone):
        """SQL condition: the furthest stage of the application (``far``) is
        at or after the first stage of its job's pipeline marked
        ``milestone``."""
        return SQL(
            """COALESCE((
                SELECT (far.furthest_stage_sequence, far.furthest_stage_id)
                       >= (ms.sequence, ms.id)
                  FROM hr_recruitment_stage ms
                 WHERE ms.sales_pipeline AND ms.sales_milestone = %s
                   AND %s
              ORDER BY ms.sequence, ms.id
                 LIMIT 1
            ), FALSE)""",
            milestone,
            self._stage_of_job(SQL("ms"), SQL("a.job_id")),
        )

    def _stage_of_job(self, stage, job):
        """SQL condition: the stage ``stage`` is used by the job ``job`` (it is
        common to every job or specific to this one)."""
        return SQL(
            """(NOT EXISTS (
                   SELECT 1 FROM hr_job_hr_recruitment_stage_rel stage_job
                    WHERE stage_job.hr_recruitment_stage_id = %(stage)s.id)
               OR EXISTS (
                   SELECT 1 FROM hr_job_hr_recruitment_stage_rel stage_job
                    WHERE stage_job.hr_recruitment_stage_id = %(stage)s.id
                      AND stage_job.hr_job_id = %(job)s))""",
            stage=stage,
            job=job,
        )

    def _where(self):
        return SQL("TRUE")

    def _group_by(self):
        """The application, and what the joined rows give once per
        application (the scorecard ratings are summed); the job and company
        are named so that a filter on them reaches the applications read."""
        return SQL(
            """
            a.id, a.job_id, a.company_id, cand.id, j.id, co.id, f.status,
            h.furthest_stage_id, h.furthest_stage_sequence, h.held_stage_ids,
            h.interviewed, h.offered
            """
        )

    def action_open_applicant(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.applicant",
            "res_id": self.applicant_id.id,
            "views": [(False, "form")],
        }
