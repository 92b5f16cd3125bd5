# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .crm_lead import FORECAST_CATEGORIES, format_percent
from .sales_forecast_category_mapping import checks_deferred


class SalesForecastCategoryRule(models.Model):
    _name = "sales.forecast.category.rule"
    _description = "Forecast Category Mapping Row"
    _inherit = ["sales.input.guard"]
    _order = "mapping_id, stage_id, probability_from, id"

    mapping_id = fields.Many2one(
        "sales.forecast.category.mapping",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="mapping_id.company_id", store=True, index=True
    )
    stage_id = fields.Many2one(
        "crm.stage",
        ondelete="cascade",
        help="Only opportunities in this stage; leave empty for every stage "
        "without rows of its own.",
    )
    probability_from = fields.Float(
        "From (%)",
        required=True,
        default=0.0,
        digits=(5, 2),
        help="Lowest probability of the row (included).",
    )
    probability_to = fields.Float(
        "To (%)",
        required=True,
        default=100.0,
        digits=(5, 2),
        help="Highest probability of the row (excluded, except 100 % which is "
        "included).",
    )
    category = fields.Selection(
        [
            (value, label)
            for value, label in FORECAST_CATEGORIES
            if value not in ("closed",)
        ],
        required=True,
        default="pipeline",
        help="Forecast category of the open opportunities in the row.",
    )

    _sql_constraints = [
        (
            "probability_range",
            "CHECK (probability_from >= 0 AND probability_to <= 100 "
            "AND probability_from < probability_to)",
            "A row of the forecast category mapping needs a probability range "
            "between 0 and 100 % whose start comes before its end.",
        ),
    ]

    @api.constrains("probability_from", "probability_to")
    def _check_range(self):
        for rule in self:
            if not (0 <= rule.probability_from < rule.probability_to <= 100):
                raise ValidationError(
                    self.env._(
                        "The row from %(start)s %% to %(end)s %% is not a valid "
                        "range: probabilities go from 0 to 100 %% and the start "
                        "must come before the end.",
                        start=format_percent(rule.probability_from),
                        end=format_percent(rule.probability_to),
                    )
                )

    @api.constrains("mapping_id", "stage_id", "probability_from", "probability_to")
    def _check_mapping(self):
        if not checks_deferred(self.env):
            self.mapping_id._check_rules()

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        rules = super().create(vals_list)
        if not checks_deferred(self.env):
            rules.mapping_id._apply_to_leads()
        return rules

    def write(self, vals):
        self._sm_check_input_values(vals)
        result = super().write(vals)
        if not checks_deferred(self.env):
            self.mapping_id._apply_to_leads()
        return result

    def unlink(self):
        mappings = self.mapping_id
        result = super().unlink()
        if not checks_deferred(self.env):
            mappings.exists()._check_rules()
            mappings._apply_to_leads()
        return result
