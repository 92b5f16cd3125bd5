# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
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


def without_jit(cr):
    """Turn PostgreSQL's JIT compilation off for the rest of the transaction
    (a request), as many Odoo servers do for good (``jit = off``).

    The reports read each application's stage history through lateral
    subqueries, cheap per application, which PostgreSQL estimates high:
    from about a thousand applications the estimate passes
    ``jit_above_cost``, and compiling then takes a second or more for a
    query of a few milliseconds (as for the sales scorecards).
    """
    cr.execute("SET LOCAL jit = off")


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
        help="Days from the application to the hire date (hires only; empty "
        "when the hire date is before the application was recorded, as for an "
        "application entered after the hire).",
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

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        without_jit(self.env.cr)
        return super()._search(domain, offset, limit, order, **kwargs)

    def _as_query(self, ordered=True):
        without_jit(self.env.cr)
        return super()._as_query(ordered)

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
            CASE WHEN f.offered THEN
                CASE f.status WHEN 'hired' THEN 'accepted'
                              WHEN 'ongoing' THEN 'pending'
                              ELSE 'declined' END
            END AS offer_status,
            a.create_date::date AS date_applied,
            a.date_closed::date AS date_hired,
            1 AS applicant_count,
            f.interviewed::int AS interviewed_count,
            f.offered::int AS offer_count,
            (f.status = 'hired')::int AS hired_count,
            (f.status IN ('refused', 'archived'))::int AS refused_count,
            (f.offered AND f.status = 'hired')::int AS accepted_count,
            (f.offered AND f.status IN ('refused', 'archived'))::int AS declined_count,
            CASE WHEN f.status = 'hired' AND a.date_closed >= a.create_date THEN
                EXTRACT(EPOCH FROM a.date_closed - a.create_date) / 86400.0
            END AS days_to_hire,
            100.0 * f.interviewed::int AS interview_rate,
            100.0 * (f.status = 'hired')::int AS hire_rate,
            CASE WHEN f.offered AND f.status <> 'ongoing' THEN
                100.0 * (f.status = 'hired')::int
            END AS offer_acceptance_rate,
            ROUND(sc.weighted_sum / NULLIF(sc.weight_sum, 0), 2) AS weighted_score,
            COALESCE(sc.scorecard_count, 0) AS scorecard_count,
            a.salary_expected,
            a.salary_proposed
            """
        )

    def _from(self):
        """The application with its job, candidate and company; its stage
        history (``h``), the first stage of each milestone of its job
        (``interview``, ``offer``), its status and milestones reached
        (``f``) and the sums of its submitted scorecards (``sc``).

        Each lateral subquery is read once per application (``OFFSET 0``
        keeps PostgreSQL from copying it into every expression that uses
        it), through the indexes of the application: the cost follows the
        applications read.
        """
        stage_field = self.env["ir.model.fields"]._get("hr.applicant", "stage_id")
        return SQL(
            """
            hr_applicant a
            JOIN hr_job j ON j.id = a.job_id AND j.sales_role IS NOT NULL
            JOIN hr_candidate cand ON cand.id = a.candidate_id
            JOIN res_company co ON co.id = a.company_id
            CROSS JOIN LATERAL (
                SELECT held.ids AS held_stage_ids,
                       far.id AS furthest_stage_id,
                       far.sequence AS furthest_stage_sequence
                  FROM (
                      SELECT ARRAY(
                          SELECT a.stage_id WHERE a.stage_id IS NOT NULL
                           UNION
                          SELECT a.last_stage_id WHERE a.last_stage_id IS NOT NULL
                           UNION
                          SELECT changed.stage_id
                            FROM mail_message m
                            JOIN mail_tracking_value v ON v.mail_message_id = m.id
                           CROSS JOIN LATERAL unnest(
                               ARRAY[v.old_value_integer, v.new_value_integer]
                           ) AS changed(stage_id)
                           WHERE m.model = 'hr.applicant' AND m.res_id = a.id
                             AND v.field_id = %(stage_field)s
                             AND changed.stage_id > 0
                      ) AS ids
                  ) held
                  LEFT JOIN LATERAL (
                      SELECT s.id, s.sequence
                        FROM hr_recruitment_stage s
                       WHERE s.id = ANY(held.ids) AND s.sales_pipeline
                    ORDER BY s.sequence DESC, s.id DESC
                       LIMIT 1
                  ) far ON TRUE
                OFFSET 0
            ) h
            LEFT JOIN LATERAL (%(interview)s) interview ON TRUE
            LEFT JOIN LATERAL (%(offer)s) offer ON TRUE
            CROSS JOIN LATERAL (
                SELECT CASE WHEN a.refuse_reason_id IS NOT NULL THEN 'refused'
                            WHEN NOT a.active THEN 'archived'
                            WHEN a.date_closed IS NOT NULL THEN 'hired'
                            ELSE 'ongoing' END AS status,
                       COALESCE((h.furthest_stage_sequence, h.furthest_stage_id)
                                >= (interview.sequence, interview.id), FALSE)
                           AS interviewed,
                       COALESCE((h.furthest_stage_sequence, h.furthest_stage_id)
                                >= (offer.sequence, offer.id), FALSE) AS offered
                OFFSET 0
            ) f
            LEFT JOIN LATERAL (
                SELECT SUM(l.weight * l.rating) AS weighted_sum,
                       SUM(l.weight) AS weight_sum,
                       COUNT(DISTINCT l.scorecard_id) AS scorecard_count
                  FROM sales_interview_scorecard_line l
                 WHERE l.applicant_id = a.id AND l.state = 'submitted'
                   AND l.rating > 0 AND l.weight > 0
            ) sc ON TRUE
            """,
            stage_field=stage_field.id,
            interview=self._milestone_stage("interview"),
            offer=self._milestone_stage("offer"),
        )

    def _milestone_stage(self, milestone):
        """SQL query: the first stage of the application's job pipeline
        marked ``milestone`` (its sequence and id)."""
        return SQL(
            """SELECT ms.sequence, ms.id
                 FROM hr_recruitment_stage ms
                WHERE ms.sales_pipeline AND ms.sales_milestone = %s AND %s
             ORDER BY ms.sequence, ms.id
                LIMIT 1""",
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
        """Nothing to group by default: a row is an application, whose
        scorecards are summed in ``_from``."""
        return SQL()

    @api.readonly
    def action_open_applicant(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.applicant",
            "res_id": self.applicant_id.id,
            "views": [(False, "form")],
        }
