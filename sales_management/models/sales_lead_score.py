# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalesLeadScore(models.Model):
    """The score of one lead, in a narrow table of its own.

    Every scoring rewrites the scores of all open leads: rewriting these small
    rows costs a fraction of rewriting the wide, heavily indexed ``crm_lead``
    rows. The lead shows them through related fields (``crm.lead.sm_score``...).
    """

    _name = "sales.lead.score"
    _description = "Lead Score"
    _rec_name = "lead_id"
    _log_access = False

    # the UNIQUE constraint below indexes lead_id
    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    rule_score = fields.Integer(
        help="Sum of the points of the scoring rules the lead matches, after "
        "decay for weeks without contact.",
    )
    rule_detail = fields.Json("Rule Points")
    score = fields.Float(
        digits=(5, 1),
        aggregator="avg",
        help="0 to 100: the probability of winning (in %) from the predictive "
        "model when one is trained for the lead's company or team, otherwise the "
        "rule score capped to 0-100.",
    )
    probability = fields.Float(
        "Predicted Probability (%)",
        digits=(5, 1),
        help="Probability of winning from the predictive scoring model.",
    )
    grade_id = fields.Many2one("sales.scoring.grade", ondelete="set null")
    source = fields.Selection(
        [("rules", "Scoring rules"), ("model", "Predictive model")],
        string="Score From",
    )
    model_id = fields.Many2one(
        "sales.scoring.model", string="Scoring Model", ondelete="set null"
    )
    currency_id = fields.Many2one(related="lead_id.company_currency")
    priority_value = fields.Monetary(
        help="Score (as a probability) times expected revenue: the leads worth "
        "working first.",
    )
    scored_date = fields.Datetime("Scored On")

    def init(self):
        # Rewritten every night: with half of each page free, PostgreSQL
        # updates most rows in place (no index entry to add).
        self.env.cr.execute("ALTER TABLE sales_lead_score SET (fillfactor = 50)")

    _sql_constraints = [
        (
            "lead_id_unique",
            "UNIQUE(lead_id)",
            "A lead has one score only: update its score instead of adding one.",
        ),
    ]
