# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import hire_quality
from .sales_quality_hire import SalesQualityHire

PREDICTORS = [
    ("competency", "Competency"),
    ("weighted_score", "Weighted Score"),
    ("role_play", "Role-Play"),
]
VERDICTS = [
    ("not_enough", "Not enough hires to tell"),
    ("no_spread", "Same score for every hire: nothing to relate"),
    ("positive", "Higher scores, better attainment"),
    ("negative", "Higher scores, lower attainment"),
    ("unclear", "No clear link"),
]
# Ids of the rows: company id * ID_FACTOR + the predictor's number.
ID_FACTOR = 10_000_000


class SalesQualityHireSummary(models.Model):
    """Which interview scores predicted the performance of hires: one row
    per company and predictor (each competency, the weighted score and the
    role-play), the Pearson correlation of the hires' scores with their
    attainment in their first months, with the number of hires behind it,
    its 95 % interval and a verdict only from enough hires.

    Only the hires whose first months are over and who had targets count
    (rows of ``sales.quality.hire``). The correlation is PostgreSQL's
    ``corr``; the interval and the verdict come from
    ``tools/hire_quality.py``. Read by recruiters and sales managers only.
    """

    _name = "sales.quality.hire.summary"
    _description = "Quality of Hire: What Predicts Performance"
    _auto = False
    _order = "company_id, predictor desc, hire_count desc, id"
    # what the query reads: that of the rows of each hire
    _depends = SalesQualityHire._depends

    company_id = fields.Many2one("res.company", readonly=True, help="Company.")
    predictor = fields.Selection(
        PREDICTORS, readonly=True, help="The interview score related to performance."
    )
    competency_id = fields.Many2one(
        "sales.competency", readonly=True, help="The competency rated at interview."
    )
    hire_count = fields.Integer(
        "Hires",
        readonly=True,
        help="Hires behind the correlation: their first months are over, they "
        "had targets and were given this score.",
    )
    score = fields.Float(
        "Mean Score",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Mean interview score of these hires, from 1 to 5.",
    )
    attainment = fields.Float(
        "Mean Attainment",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Mean attainment of these hires in their first months, in %.",
    )
    correlation = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator=None,
        help="Pearson correlation of the score with the attainment, from -1 "
        "to 1: above 0, the hires scored higher performed better. Empty when "
        "the scores or the attainments are all the same.",
    )
    correlated = fields.Boolean(
        readonly=True,
        help="The scores and the attainments vary: the correlation exists.",
    )
    interval_low = fields.Float(
        "Interval From",
        compute="_compute_verdict",
        digits=(16, 2),
        help="Lower bound of the 95 % confidence interval of the correlation "
        "(from four hires).",
    )
    interval_high = fields.Float(
        "Interval To",
        compute="_compute_verdict",
        digits=(16, 2),
        help="Upper bound of the 95 % confidence interval of the correlation.",
    )
    verdict = fields.Selection(
        VERDICTS,
        compute="_compute_verdict",
        help="Given only from 10 hires, when the whole interval is on one side "
        "of 0: three hires who line up prove nothing.",
    )

    @api.depends("correlation", "correlated", "hire_count")
    def _compute_verdict(self):
        for row in self:
            result = hire_quality.summarise(
                row.correlation if row.correlated else None, row.hire_count
            )
            row.interval_low = result.low or 0.0
            row.interval_high = result.high or 0.0
            row.verdict = result.verdict

    @api.depends("predictor", "competency_id")
    def _compute_display_name(self):
        labels = dict(self._fields["predictor"]._description_selection(self.env))
        for row in self:
            row.display_name = row.competency_id.name or labels.get(row.predictor, "")

    @property
    def _table_query(self):
        return SQL(
            """
            WITH d AS MATERIALIZED (%(details)s),
            pairs AS (%(pairs)s)
            SELECT company_id::bigint * %(factor)s + CASE predictor
                       WHEN 'weighted_score' THEN 1
                       WHEN 'role_play' THEN 2
                       ELSE 2 + competency_id END AS id,
                   company_id, predictor, competency_id,
                   COUNT(*) AS hire_count,
                   ROUND(AVG(x)::numeric, 2) AS score,
                   ROUND(AVG(y)::numeric, 1) AS attainment,
                   ROUND(CORR(y, x)::numeric, 4) AS correlation,
                   CORR(y, x) IS NOT NULL AS correlated
              FROM pairs
          GROUP BY company_id, predictor, competency_id
            """,
            details=self.env["sales.quality.hire"]._table_query,
            pairs=self._query_pairs(),
            factor=ID_FACTOR,
        )

    @api.model
    def _query_pairs(self):
        """(company_id, predictor, competency_id, x: score, y: attainment)
        of the hires of ``d`` (rows of ``sales.quality.hire``) that count."""
        counted = SQL("d.complete AND d.attainment IS NOT NULL")
        return SQL(
            """
            SELECT d.company_id, 'competency' AS predictor, d.competency_id,
                   d.rating::float AS x, d.attainment::float AS y
              FROM d WHERE %(counted)s
         UNION ALL
            SELECT d.company_id, 'weighted_score', NULL,
                   MIN(d.weighted_score)::float, MIN(d.attainment)::float
              FROM d WHERE %(counted)s AND d.weighted_score > 0
          GROUP BY d.company_id, d.applicant_id
         UNION ALL
            SELECT d.company_id, 'role_play', NULL,
                   MIN(d.role_play_score)::float, MIN(d.attainment)::float
              FROM d WHERE %(counted)s AND d.role_play_score > 0
          GROUP BY d.company_id, d.applicant_id
            """,
            counted=counted,
        )

    @api.readonly
    def action_open_hires(self):
        """The hires behind the row, by rating."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_recruiting.sales_quality_hire_action"
        )
        domain = [("company_id", "=", self.company_id.id), ("complete", "=", True)]
        if self.competency_id:
            domain.append(("competency_id", "=", self.competency_id.id))
        action["domain"] = domain
        action["display_name"] = self.display_name
        return action
