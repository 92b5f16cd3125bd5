# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .sales_hiring_report import APPLICATION_STATUSES, HIRING_DEPENDS, without_jit

# Ids of the rows: application id * ID_FACTOR + stage id.
ID_FACTOR = 1_000_000


class SalesHiringStageReport(models.Model):
    """Stage pass-through: one row per application to a sales job and stage
    of the sales hiring pipeline it reached.

    A stage is reached when the application was ever in it or in a later
    stage of its job's pipeline (``sales.hiring.report``: the furthest stage
    of its history), and passed when a later stage was reached: the share of
    the applicants who reached a stage and went further is its pass-through
    rate. A stage skipped on the way (the application moved past it) counts
    as reached and passed, and is counted as skipped.

    The query is built from ``_select``, ``_from``, ``_where`` and
    ``_group_by`` over the rows of ``sales.hiring.report``, for other addons
    to extend. Read by recruiters and sales managers only.
    """

    _name = "sales.hiring.stage.report"
    _description = "Hiring Stage Pass-Through"
    _auto = False
    _order = "applicant_id desc, stage_sequence, stage_id"
    _rec_name = "stage_id"
    # what the query reads: the hiring report's rows and the stages
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
    source_id = fields.Many2one(
        "utm.source", readonly=True, help="Where the applicant came from."
    )
    medium_id = fields.Many2one(
        "utm.medium", readonly=True, help="How the applicant reached out."
    )
    application_status = fields.Selection(
        APPLICATION_STATUSES,
        "Status",
        readonly=True,
        help="In progress, hired, refused or archived.",
    )
    date_applied = fields.Date(
        "Applied on", readonly=True, help="Day of the application."
    )
    stage_id = fields.Many2one(
        "hr.recruitment.stage",
        readonly=True,
        help="A stage of the sales hiring pipeline the application reached.",
    )
    stage_sequence = fields.Integer(
        readonly=True, aggregator="min", help="Order of the stage in the pipeline."
    )
    reached_count = fields.Integer(
        "Reached",
        readonly=True,
        help="1 per application that reached the stage (was in it or in a later "
        "stage).",
    )
    passed_count = fields.Integer(
        "Passed",
        readonly=True,
        help="1 when the application went on to a later stage.",
    )
    pass_rate = fields.Float(
        "Pass-Through (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the applications that reached the stage and went on to a "
        "later one.",
    )
    skipped_count = fields.Integer(
        "Skipped",
        readonly=True,
        help="1 when the application moved past the stage without being in it.",
    )
    current_count = fields.Integer(
        "In Stage Now",
        readonly=True,
        help="1 when the application is in the stage now, in progress.",
    )
    dropped_count = fields.Integer(
        "Dropped",
        readonly=True,
        help="1 when the stage is the furthest the application reached and it "
        "was refused or archived.",
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
        passed = SQL(
            "(r.furthest_stage_sequence, r.furthest_stage_id) > (s.sequence, s.id)"
        )
        return SQL(
            """
            r.applicant_id::bigint * %(factor)s + s.id AS id,
            r.applicant_id, r.partner_name, r.job_id, r.team_id, r.company_id,
            r.user_id, r.source_id, r.medium_id, r.application_status,
            r.date_applied, s.id AS stage_id, s.sequence AS stage_sequence,
            1 AS reached_count,
            (%(passed)s)::int AS passed_count,
            100.0 * (%(passed)s)::int AS pass_rate,
            (s.id <> ALL(r.held_stage_ids))::int AS skipped_count,
            (s.id = r.stage_id AND r.application_status = 'ongoing')::int
                AS current_count,
            (s.id = r.furthest_stage_id
             AND r.application_status IN ('refused', 'archived'))::int
                AS dropped_count
            """,
            factor=ID_FACTOR,
            passed=passed,
        )

    def _from(self):
        Report = self.env["sales.hiring.report"]
        return SQL(
            """
            (%(rows)s) r
            JOIN hr_recruitment_stage s
              ON s.sales_pipeline
             AND (s.sequence, s.id) <= (r.furthest_stage_sequence, r.furthest_stage_id)
             AND %(of_job)s
            """,
            rows=Report._query(),
            of_job=Report._stage_of_job(SQL("s"), SQL("r.job_id")),
        )

    def _where(self):
        return SQL("TRUE")

    def _group_by(self):
        """Nothing to group: a row is an application and a stage."""
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
