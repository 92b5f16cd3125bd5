# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Follow-up rules: what a sales manager wants chased, and how.

A rule watches one kind of situation (``KINDS``) and, when a record is in
it, schedules an activity for the record's salesperson, the team leader or
a named user, optionally with a note in the chatter and an email from a
template. The scheduled job finds the records with SQL (candidates,
``sales_followup_candidates.py``) and fires them by batches
(``sales_followup_run.py``); every firing is a ``sales.followup.log`` row,
which makes the job idempotent.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .sales_customer_cadence import DORMANT_THRESHOLD

KINDS = [
    ("first_contact", "No follow-up after a first contact"),
    ("stalled_stage", "Opportunity stuck in a stage"),
    ("unanswered_quotation", "Quotation sent, not confirmed"),
    ("dormant_customer", "Dormant customer"),
    ("reorder_due", "Customer due to reorder"),
]
WATCHED_MODELS = {
    "first_contact": "crm.lead",
    "stalled_stage": "crm.lead",
    "unanswered_quotation": "sale.order",
    "dormant_customer": "res.partner",
    "reorder_due": "res.partner",
}
# kinds whose delay counts days since something happened (at least one day)
AGE_KINDS = ("first_contact", "stalled_stage", "unanswered_quotation")
# kinds that may escalate to the team leader
ESCALATING_KINDS = AGE_KINDS
MAX_DAYS = 3650
MANAGER = "sales_team.group_sale_manager"


class SalesFollowupRule(models.Model):
    _name = "sales.followup.rule"
    _description = "Follow-up Rule"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The rule watches the records of this company.",
    )
    kind = fields.Selection(
        KINDS,
        string="Watches",
        required=True,
        default="first_contact",
        tracking=True,
        help="No follow-up after a first contact: a lead or opportunity had "
        "its first email, note or done activity and nothing since, no "
        "activity scheduled either.\n"
        "Opportunity stuck in a stage: an open opportunity has not changed "
        "stage for the delay of its stage.\n"
        "Quotation sent, not confirmed: no answer of the customer and no "
        "confirmation since the quotation was last sent; stops by itself on "
        "a reply or the confirmation.\n"
        "Dormant customer: the chance that the customer orders again, from "
        "their own history, is below the threshold.\n"
        "Customer due to reorder: the customer's next order is expected.",
    )
    model_name = fields.Char("Watched Model", compute="_compute_model_name")
    delay_days = fields.Integer(
        "Delay (days)",
        default=7,
        tracking=True,
        help="First contact: days without a follow-up after it. Stuck "
        "opportunity: days in a stage without a delay of its own below. "
        "Quotation: days since it was sent. Due to reorder: days before the "
        "expected order (0: on the day).",
    )
    stage_delay_ids = fields.One2many(
        "sales.followup.rule.stage",
        "rule_id",
        "Delays per Stage",
        copy=True,
        help="Days an opportunity may stay in these stages (the delay above "
        "for the others).",
    )
    escalation_days = fields.Integer(
        "Escalate After (days)",
        tracking=True,
        help="When the situation lasts this many more days, the rule's "
        "activity passes to the team leader (a new one when it was done). "
        "0: no escalation.",
    )
    threshold = fields.Float(
        "Chance Threshold",
        digits=(16, 2),
        default=DORMANT_THRESHOLD,
        tracking=True,
        help="A customer is dormant when their chance of ordering again "
        "within six months is below this (0.3 = 30 %).",
    )
    max_idle_days = fields.Integer(
        "Leave Out After (days)",
        default=730,
        help="Customers whose last order (or opportunity) is older than this "
        "are long gone: the rule leaves them alone. 0: no limit.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        ),
        domain="['|', ('res_model', '=', False), ('res_model', '=', model_name)]",
    )
    summary = fields.Char(translate=True, help="Summary of the activities.")
    note = fields.Html(
        translate=True,
        help="Added to each activity, after the rule's reason; also the "
        "note posted in the chatter when asked.",
    )
    deadline_days = fields.Integer(
        "Due In (days)", help="Days between the firing and the activity's due date."
    )
    assign_to = fields.Selection(
        [
            ("owner", "Salesperson of the record"),
            ("leader", "Team leader"),
            ("user", "A named user"),
        ],
        required=True,
        default="owner",
        help="Records without one go to the team leader, then to the named "
        "user; records without anybody are left out.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Named User",
        check_company=True,
        domain="[('share', '=', False)]",
        help="Assigned the activities (Assign To: a named user), or the "
        "records without salesperson nor team leader.",
    )
    post_note = fields.Boolean(
        "Post a Note", help="Also log the reason (and the note) in the chatter."
    )
    template_id = fields.Many2one(
        "mail.template",
        "Email Template",
        ondelete="set null",
        domain="[('model', '=', model_name)]",
        help="Also send this email to the customer, from the activity's user.",
    )
    team_ids = fields.Many2many(
        "crm.team",
        string="Sales Teams",
        check_company=True,
        help="Only the records of these teams. Empty: every team.",
    )
    log_ids = fields.One2many("sales.followup.log", "rule_id", "Follow-ups")
    log_count = fields.Integer("Fired", compute="_compute_log_stats")
    open_count = fields.Integer("Open", compute="_compute_log_stats")
    done_count = fields.Integer("Done", compute="_compute_log_stats")
    last_run_date = fields.Datetime("Last Run", readonly=True, copy=False)
    last_run_count = fields.Integer("Fired at Last Run", readonly=True, copy=False)

    @api.depends("kind")
    def _compute_model_name(self):
        for rule in self:
            rule.model_name = WATCHED_MODELS.get(rule.kind or "first_contact")

    def _compute_log_stats(self):
        counts = {
            (rule.id, state): count
            for rule, state, count in self.env["sales.followup.log"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id", "state"], ["__count"]
            )
        }
        for rule in self:
            rule.open_count = counts.get((rule.id, "open"), 0)
            rule.done_count = counts.get((rule.id, "done"), 0)
            rule.log_count = sum(
                count
                for (rule_id, _state), count in counts.items()
                if rule_id == rule.id
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains(
        "kind", "delay_days", "escalation_days", "deadline_days", "max_idle_days"
    )
    def _check_delays(self):
        for rule in self:
            low = 1 if rule.kind in AGE_KINDS else 0
            if not low <= rule.delay_days <= MAX_DAYS:
                raise ValidationError(
                    self.env._(
                        "The delay of the follow-up rule %(rule)s must be between "
                        "%(low)s and %(high)s days.",
                        rule=rule.name,
                        low=low,
                        high=MAX_DAYS,
                    )
                )
            for value, label in (
                (rule.escalation_days, self.env._("escalation")),
                (rule.deadline_days, self.env._("due date")),
                (rule.max_idle_days, self.env._("leave-out")),
            ):
                if not 0 <= value <= MAX_DAYS:
                    raise ValidationError(
                        self.env._(
                            "The %(what)s delay of the follow-up rule %(rule)s must "
                            "be between 0 and %(high)s days.",
                            what=label,
                            rule=rule.name,
                            high=MAX_DAYS,
                        )
                    )

    @api.constrains("kind", "threshold")
    def _check_threshold(self):
        for rule in self:
            if rule.kind == "dormant_customer" and not 0 < rule.threshold < 1:
                raise ValidationError(
                    self.env._(
                        "The chance threshold of the follow-up rule %(rule)s must "
                        "be between 0 and 1 (0.3 for 30 %%).",
                        rule=rule.name,
                    )
                )

    @api.constrains("assign_to", "user_id")
    def _check_assignee(self):
        for rule in self:
            if rule.assign_to == "user" and not rule.user_id:
                raise ValidationError(
                    self.env._(
                        "The follow-up rule %(rule)s assigns its activities to a "
                        "named user: choose the user.",
                        rule=rule.name,
                    )
                )
            if rule.user_id.share:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not an internal user: the activities of the "
                        "follow-up rule %(rule)s cannot be assigned to them.",
                        user=rule.user_id.name,
                        rule=rule.name,
                    )
                )

    @api.constrains("kind", "template_id", "activity_type_id")
    def _check_models(self):
        for rule in self:
            model = self.env["ir.model"]._get(rule.model_name)
            template = rule.template_id.sudo()
            if template and template.model != rule.model_name:
                raise ValidationError(
                    self.env._(
                        "The email template %(template)s is for %(other)s: the "
                        "follow-up rule %(rule)s needs a template for %(model)s.",
                        template=template.name,
                        other=template.model_id.name or template.model,
                        rule=rule.name,
                        model=model.name,
                    )
                )
            activity_type = rule.activity_type_id
            if activity_type.res_model and activity_type.res_model != rule.model_name:
                raise ValidationError(
                    self.env._(
                        "The activity type %(type)s is for another kind of record: "
                        "the follow-up rule %(rule)s schedules activities on "
                        "%(model)s.",
                        type=activity_type.name,
                        rule=rule.name,
                        model=model.name,
                    )
                )

    # ------------------------------------------------------------------
    # Defaults and helpers
    # ------------------------------------------------------------------

    @api.model
    def _dormant_threshold(self, company):
        """The chance below which a customer of ``company`` is dormant: the
        threshold of its first active dormant-customer rule, or 30 %."""
        rule = self.sudo().search(
            [("company_id", "=", company.id), ("kind", "=", "dormant_customer")],
            limit=1,
        )
        return rule.threshold if rule else DORMANT_THRESHOLD

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER) and not self.env.su:
            raise AccessError(
                self.env._("Only sales managers can run follow-up rules.")
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_preview(self):
        """What the rule would fire now, with the reasons; nothing is done."""
        self.ensure_one()
        self._check_manager()
        preview = self.env["sales.followup.preview"].create({"rule_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Would Fire Now: %(rule)s", rule=self.name),
            "res_model": "sales.followup.preview",
            "res_id": preview.id,
            "views": [(False, "form")],
            "target": "new",
        }

    def action_run_now(self):
        """Button of sales managers: run these rules now."""
        self._check_manager()
        self.check_access("write")
        fired, _remaining = self.sudo()._run_rules()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s follow-ups fired.", count=fired),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.readonly
    def action_view_logs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-ups: %(rule)s", rule=self.name),
            "res_model": "sales.followup.log",
            "views": [(False, "list"), (False, "form")],
            "domain": [("rule_id", "=", self.id)],
            "context": {"create": False},
        }
