# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sales_scorecard_kpi import KPI_SELECTION, kpi_trend


class SalesEvaluationAction(models.Model):
    """A coaching action agreed in a review: close a KPI gap or move a deal."""

    _name = "sales.evaluation.action"
    _description = "Coaching Action"
    _inherit = ["sales.input.guard"]
    _order = "evaluation_id, date_deadline, id"

    evaluation_id = fields.Many2one(
        "sales.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="evaluation_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        related="evaluation_id.user_id",
        store=True,
        string="Salesperson",
        help="The salesperson who carries out the action.",
    )
    name = fields.Char(
        "Action", required=True, help="What the salesperson will do, concretely."
    )
    kpi = fields.Selection(
        KPI_SELECTION,
        "Target KPI",
        help="The KPI the action should improve: the next review shows whether it did.",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        "Opportunity",
        help="The opportunity the action is about; its activity is scheduled on it.",
    )
    date_deadline = fields.Date(
        "Due Date",
        default=lambda self: fields.Date.context_today(self),
        help="When the action should be done.",
    )
    baseline = fields.Float(
        compute="_compute_baseline",
        store=True,
        digits=(16, 2),
        help="The target KPI in the review where the action was agreed.",
    )
    activity_id = fields.Many2one(
        "mail.activity",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The activity scheduled for the salesperson when the review was shared.",
    )
    next_value = fields.Float(
        "Next Review Value",
        compute="_compute_outcome",
        digits=(16, 2),
        help="The target KPI in the salesperson's next review.",
    )
    outcome = fields.Selection(
        [
            ("better", "Improved"),
            ("same", "Unchanged"),
            ("worse", "Got worse"),
            ("pending", "No review since"),
            ("none", "No KPI targeted"),
        ],
        compute="_compute_outcome",
        help="Whether the target KPI improved between this review and the "
        "salesperson's next one.",
    )

    @api.depends("kpi", "evaluation_id.kpi_ids.value")
    def _compute_baseline(self):
        for action in self:
            line = action.evaluation_id.kpi_ids.filtered(
                lambda line, kpi=action.kpi: line.kpi == kpi
            )
            action.baseline = line[:1].value if action.kpi else 0.0

    def _compute_outcome(self):
        reviews = self.evaluation_id
        later = self.env["sales.evaluation"]
        if reviews:
            later = self.env["sales.evaluation"].search(
                [
                    ("user_id", "in", reviews.user_id.ids),
                    ("date_from", ">", min(reviews.mapped("date_from"))),
                ],
                order="date_from",
            )
        for action in self:
            review = action.evaluation_id
            following = next(
                (
                    candidate
                    for candidate in later
                    if candidate.user_id == review.user_id
                    and candidate.period_type == review.period_type
                    and candidate.date_from > review.date_from
                ),
                None,
            )
            if not action.kpi:
                action.next_value, action.outcome = 0.0, "none"
                continue
            line = (
                following
                and following.kpi_ids.filtered(
                    lambda line, kpi=action.kpi: line.kpi == kpi
                )[:1]
            )
            if not line:
                action.next_value, action.outcome = 0.0, "pending"
                continue
            action.next_value = line.value
            action.outcome = kpi_trend(action.kpi, action.baseline, line.value)

    @api.constrains("name", "kpi", "lead_id")
    def _check_target(self):
        for action in self:
            if not (action.kpi or action.lead_id):
                raise ValidationError(
                    self.env._(
                        "The coaching action %(action)s needs a KPI to improve "
                        "or an opportunity to work on.",
                        action=action.name,
                    )
                )
            if action.lead_id and action.lead_id.user_id not in (
                action.evaluation_id.user_id,
                self.env["res.users"],
            ):
                raise ValidationError(
                    self.env._(
                        "The opportunity %(lead)s belongs to another salesperson.",
                        lead=action.lead_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        ids = {vals.get("evaluation_id") for vals in vals_list}
        reviews = self.env["sales.evaluation"].browse(ids - {None, False})
        if any(review.state != "draft" for review in reviews):
            raise UserError(
                self.env._("Coaching actions are agreed before the review is shared.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        if set(vals) - {"activity_id"} and any(
            action.evaluation_id.state != "draft" for action in self
        ):
            raise UserError(
                self.env._("The coaching actions of a shared review cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(action.evaluation_id.state != "draft" for action in self):
            raise UserError(
                self.env._("The coaching actions of a shared review cannot be changed.")
            )

    def _create_activities(self):
        """One activity per action, for the salesperson: on the opportunity
        when there is one, on the review otherwise."""
        for action in self.filtered(lambda action: not action.activity_id):
            record = action.lead_id or action.evaluation_id
            activity = record.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=action.date_deadline,
                summary=action.name,
                note=action.evaluation_id.display_name,
                user_id=action.evaluation_id.user_id.id,
            )
            action.activity_id = activity
