# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class SalesApplicantCompetency(models.Model):
    """The competency matrix: each applicant's mean rating of each competency
    over the submitted scorecards (a pivot puts the applicants side by side).
    Read by recruiters and sales managers only."""

    _name = "sales.applicant.competency"
    _description = "Candidate Competency Rating"
    _auto = False
    _order = "applicant_id, sequence, competency_id"
    _rec_name = "competency_id"
    # what the query reads: written first when a search reads the rows
    _depends = {
        "hr.applicant": ["active", "candidate_id", "company_id", "stage_id"],
        "hr.candidate": ["partner_name"],
        "sales.interview.scorecard.line": [
            "job_id",
            "applicant_id",
            "competency_id",
            "state",
            "sequence",
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
    competency_id = fields.Many2one(
        "sales.competency", readonly=True, help="The competency rated."
    )
    sequence = fields.Integer(readonly=True, help="Order of the competency.")
    weight = fields.Float(
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Weight of the competency on the scorecards.",
    )
    rating = fields.Float(
        "Mean Rating",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Mean of the ratings of the competency, from 1 to 5 (the totals "
        "are plain means, not weighted).",
    )
    rating_min = fields.Integer(
        "Lowest Rating", readonly=True, aggregator="min", help="Lowest rating given."
    )
    rating_max = fields.Integer(
        "Highest Rating", readonly=True, aggregator="max", help="Highest rating given."
    )
    rating_count = fields.Integer(
        "Ratings", readonly=True, help="Submitted scorecards rating the competency."
    )

    @property
    def _table_query(self):
        # one row per applicant and competency: the smallest line id is its id
        return SQL(
            """
            SELECT MIN(l.id) AS id, l.applicant_id, cand.partner_name, l.job_id,
                   a.company_id, a.stage_id, l.competency_id,
                   MIN(l.sequence) AS sequence,
                   ROUND(AVG(l.weight), 1) AS weight,
                   ROUND(AVG(l.rating), 1) AS rating,
                   MIN(l.rating) AS rating_min,
                   MAX(l.rating) AS rating_max,
                   COUNT(*) AS rating_count
              FROM sales_interview_scorecard_line l
              JOIN hr_applicant a ON a.id = l.applicant_id
              JOIN hr_candidate cand ON cand.id = a.candidate_id
             WHERE l.state = 'submitted' AND l.rating > 0 AND a.active
             GROUP BY l.applicant_id, cand.partner_name, l.job_id, a.company_id,
                      a.stage_id, l.competency_id
            """
        )
