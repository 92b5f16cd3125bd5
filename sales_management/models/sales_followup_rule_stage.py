# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sales_followup_rule import MAX_DAYS


class SalesFollowupRuleStage(models.Model):
    _name = "sales.followup.rule.stage"
    _description = "Follow-up Delay of a Stage"
    _inherit = ["sales.input.guard"]
    _order = "rule_id, stage_sequence, id"

    rule_id = fields.Many2one(
        "sales.followup.rule", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="rule_id.company_id")
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade")
    stage_sequence = fields.Integer(related="stage_id.sequence", store=True)
    days = fields.Integer(
        "Days in Stage",
        required=True,
        default=14,
        help="Days an opportunity may stay in this stage before the rule fires.",
    )

    _sql_constraints = [
        (
            "rule_stage_unique",
            "UNIQUE(rule_id, stage_id)",
            "A stage has one delay per follow-up rule.",
        ),
    ]

    @api.constrains("days")
    def _check_days(self):
        for line in self:
            if not 1 <= line.days <= MAX_DAYS:
                raise ValidationError(
                    self.env._(
                        "The delay of the stage %(stage)s must be between 1 and "
                        "%(high)s days.",
                        stage=line.stage_id.name,
                        high=MAX_DAYS,
                    )
                )
