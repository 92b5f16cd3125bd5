# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

RULE_MODELS = {"lead": "crm.lead", "partner": "res.partner"}


class SalesScoringRule(models.Model):
    _name = "sales.scoring.rule"
    _description = "Lead Scoring Rule"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The rule scores the leads of this company only, and its condition "
        "is tested on this company's records.",
    )
    applies_on = fields.Selection(
        [("lead", "Lead"), ("partner", "Customer")],
        string="Condition On",
        required=True,
        default="lead",
        tracking=True,
        help="Lead: the condition is tested on the lead itself. Customer: on "
        "the lead's customer (its company), e.g. existing customers.",
    )
    model_name = fields.Char(compute="_compute_model_name")
    domain = fields.Char(
        "Condition",
        required=True,
        default="[]",
        tracking=True,
        help="The leads (or customers) that match this condition get the points.",
    )
    points = fields.Integer(
        required=True,
        tracking=True,
        help="Points added to the score of matching leads (negative to remove).",
    )
    decay_per_week = fields.Float(
        "Decay per Week",
        tracking=True,
        help="Points lost for each full week without contact on the lead, until "
        "the rule gives nothing. 0: no decay.",
    )
    description = fields.Text()

    @api.depends("applies_on")
    def _compute_model_name(self):
        for rule in self:
            rule.model_name = RULE_MODELS[rule.applies_on or "lead"]

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"context_today": fields.Date.today})

    @api.constrains("domain", "applies_on")
    def _check_domain(self):
        for rule in self:
            try:
                domain = rule._get_domain()
                self.env[rule.model_name].search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The condition of the scoring rule %(rule)s is not valid: "
                        "%(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    @api.constrains("points", "decay_per_week")
    def _check_decay(self):
        for rule in self:
            if rule.decay_per_week < 0:
                raise ValidationError(
                    self.env._(
                        "The decay of the scoring rule %(rule)s cannot be negative.",
                        rule=rule.name,
                    )
                )

    def _points_after_decay(self, weeks_idle):
        """Points this rule gives to a lead idle for ``weeks_idle`` weeks."""
        self.ensure_one()
        if not self.decay_per_week or weeks_idle <= 0:
            return self.points
        lost = self.decay_per_week * weeks_idle
        if self.points >= 0:
            return max(self.points - lost, 0)
        return min(self.points + lost, 0)

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        rules = super().create(vals_list)
        self.env["crm.lead"]._sm_trigger_rescoring()
        return rules

    def write(self, vals):
        self._sm_check_input_values(vals)
        result = super().write(vals)
        if {"domain", "applies_on", "points", "decay_per_week", "active"} & set(vals):
            self.env["crm.lead"]._sm_trigger_rescoring()
        return result
