# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.periods import iter_periods
from .onboarding_onboarding_step import STEP_DISTRIBUTE, STEP_TARGET_PLAN

AMOUNT_METRICS = ("sale", "invoice", "margin")

# Fields that may still change on a closed plan: messages, followers and
# activities live beside the record and do not alter its figures.
FROZEN_EXEMPT_PREFIXES = ("message_", "activity_", "website_message")
# Fields only the plan's buttons write (through _write_workflow).
PLAN_WORKFLOW_FIELDS = {"state", "closed_date", "closed_uid"}


class SalesQuotaPlan(models.Model):
    _name = "sales.quota.plan"
    _description = "Sales Target Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.input.guard"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        string="Currency",
        help="Amounts of the plan are in the company currency; orders and "
        "invoices in other currencies are converted at their own rate.",
    )
    date_from = fields.Date(
        "Start Date",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        "End Date",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(month=12, day=31),
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        string="Period",
        required=True,
        default="month",
        tracking=True,
        help="Length of each target period of the plan.",
    )
    metric = fields.Selection(
        [
            ("sale", "Confirmed sales"),
            ("invoice", "Invoiced revenue"),
            ("margin", "Gross margin"),
            ("won_count", "Won opportunities"),
            ("new_customer", "New customers"),
        ],
        required=True,
        default="sale",
        tracking=True,
        help="Confirmed sales: untaxed amount of confirmed orders, by order date.\n"
        "Invoiced revenue: untaxed amount of posted customer invoices minus "
        "credit notes, by invoice date.\n"
        "Gross margin: margin of confirmed orders, by order date.\n"
        "Won opportunities: number of opportunities won, by closing date.\n"
        "New customers: customers whose first confirmed order falls in the period.",
    )
    is_amount_metric = fields.Boolean(compute="_compute_is_amount_metric")
    unit_label = fields.Char(
        "Unit",
        compute="_compute_is_amount_metric",
        help="What the targets of the plan count.",
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        tracking=True,
        help="Only count sales, invoices or margin of products in this "
        "category and its subcategories.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    quota_ids = fields.One2many("sales.quota", "plan_id", string="Targets", copy=True)
    quota_count = fields.Integer(compute="_compute_totals")
    target_total = fields.Float(
        "Total Target",
        compute="_compute_totals",
        help="Sum of the salesperson targets of the plan that you can see.",
    )
    achieved_total = fields.Float(
        "Total Achieved",
        compute="_compute_totals",
        help="Sum of what the salespeople of the plan achieved so far.",
    )
    attainment_total = fields.Float("Attainment (%)", compute="_compute_totals")
    closed_date = fields.Datetime(readonly=True, copy=False)
    closed_uid = fields.Many2one("res.users", "Closed By", readonly=True, copy=False)
    note = fields.Html("Notes")

    _sql_constraints = [
        (
            "date_check",
            "CHECK (date_from <= date_to)",
            "The end date of a target plan must come after its start date.",
        ),
    ]

    @api.depends("metric", "currency_id")
    @api.depends_context("lang")
    def _compute_is_amount_metric(self):
        labels = dict(
            won_count=self.env._("opportunities"),
            new_customer=self.env._("customers"),
        )
        for plan in self:
            plan.is_amount_metric = plan.metric in AMOUNT_METRICS
            plan.unit_label = (
                plan.currency_id.name
                if plan.is_amount_metric
                else labels.get(plan.metric, "")
            )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_totals(self):
        """Totals over the salesperson targets the current user may read."""
        quotas = self.env["sales.quota"].search(
            [("plan_id", "in", self.ids), ("target_type", "=", "user")]
        )
        figures = quotas._get_attainment_figures()
        totals = {}
        for quota in quotas:
            total = totals.setdefault(quota.plan_id.id, [0, 0.0, 0.0])
            total[0] += 1
            total[1] += quota.effective_target
            total[2] += figures.get(quota.id, {}).get("achieved", 0.0)
        for plan in self:
            count, target, achieved = totals.get(plan.id, (0, 0.0, 0.0))
            plan.quota_count = count
            plan.target_total = target
            plan.achieved_total = achieved
            plan.attainment_total = target and 100.0 * achieved / target

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for plan in self:
            if plan.date_from > plan.date_to:
                raise ValidationError(
                    self.env._(
                        "The end date of the target plan %(plan)s must come after "
                        "its start date.",
                        plan=plan.name,
                    )
                )

    @api.constrains("date_from", "date_to", "period_type")
    def _check_quota_periods(self):
        self.quota_ids._check_period()

    @api.constrains("metric", "product_categ_id")
    def _check_category_metric(self):
        for plan in self:
            if plan.product_categ_id and plan.metric not in AMOUNT_METRICS:
                raise ValidationError(
                    self.env._(
                        "A product category can only restrict a plan on sales, "
                        "invoices or margin, not on %(metric)s.",
                        metric=dict(
                            self._fields["metric"]._description_selection(self.env)
                        )[plan.metric],
                    )
                )

    def _check_not_closed(self):
        closed = self.filtered(lambda plan: plan.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The target plan %(plan)s is closed: its figures are frozen "
                    "and it can no longer be changed. Create a new plan instead.",
                    plan=closed[0].display_name,
                )
            )

    def _check_open_for_targets(self):
        """Refuse closed plans; write the row of the others.

        A target added to a plan (or moved into it) changes the plan: its row
        is written too, so that a close running meanwhile conflicts with the
        change instead of freezing the plan without the new target, which
        its snapshot does not hold. Odoo retries the one of the two that
        comes second, which then finds the other: the close freezes the new
        target with the rest, or the new target is refused, the plan being
        closed.
        """
        self._check_not_closed()
        if self.ids:
            self.env.cr.execute(
                SQL(
                    """UPDATE sales_quota_plan SET write_uid = %s, write_date = %s
                        WHERE id = ANY(%s)""",
                    self.env.uid,
                    self.env.cr.now(),
                    self.ids,
                )
            )
            self.invalidate_recordset(["write_uid", "write_date"])

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        if any(
            vals.get("state", "draft") != "draft"
            or any(vals.get(name) for name in PLAN_WORKFLOW_FIELDS - {"state"})
            for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "A target plan starts as a draft; activate it with its "
                    "Activate button."
                )
            )
        plans = super().create(vals_list)
        self.env["onboarding.onboarding.step"]._sm_validate(
            STEP_TARGET_PLAN, plans.company_id
        )
        return plans

    def write(self, vals):
        self._sm_check_input_values(vals)
        if any(not field.startswith(FROZEN_EXEMPT_PREFIXES) for field in vals):
            self._check_not_closed()
        # no caller writes the status directly, managers included, whatever
        # context key it sends: the buttons move a plan on (_write_workflow)
        if PLAN_WORKFLOW_FIELDS & set(vals):
            raise UserError(
                self.env._(
                    "The status of a target plan changes with its Activate, Reset "
                    "to Draft and Close buttons only."
                )
            )
        return super().write(vals)

    def _write_workflow(self, vals):
        """Write the status fields, past the guard of ``write``.

        Private (no RPC client calls it), called by the buttons only, once
        they have checked the user's rights.
        """
        self._check_not_closed()
        return super().write(vals)

    def _check_manager(self):
        self.check_access("write")
        if not (
            self.env.su or self.env.user.has_group("sales_team.group_sale_manager")
        ):
            raise UserError(self.env._("Only sales managers change target plans."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active_or_closed(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "Only draft target plans can be deleted; archive the plan "
                        "%(plan)s instead.",
                        plan=plan.display_name,
                    )
                )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for plan, vals in zip(self, vals_list, strict=True):
            if "name" not in (default or {}):
                vals["name"] = self.env._("%(plan)s (copy)", plan=plan.name)
        return vals_list

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------

    def _get_periods(self):
        """(start, end) of every period of the plan."""
        self.ensure_one()
        return list(iter_periods(self.date_from, self.date_to, self.period_type))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_activate(self):
        self._check_manager()
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft target plan can be activated; %(plan)s is not "
                        "in draft.",
                        plan=plan.display_name,
                    )
                )
            if not plan.quota_ids:
                raise UserError(
                    self.env._(
                        "Add at least one target to the plan %(plan)s before "
                        "activating it.",
                        plan=plan.display_name,
                    )
                )
        self._write_workflow({"state": "active"})
        # a plan activated has its targets: the distribution step is done
        self.env["onboarding.onboarding.step"]._sm_validate(
            STEP_DISTRIBUTE, self.company_id
        )
        return True

    def action_reset_to_draft(self):
        self._check_manager()
        for plan in self:
            if plan.state != "active":
                raise UserError(
                    self.env._(
                        "Only an active target plan can go back to draft; "
                        "%(plan)s is not active.",
                        plan=plan.display_name,
                    )
                )
        self._write_workflow({"state": "draft"})
        return True

    def action_close(self):
        """Freeze the attainment of every target and close the plan."""
        self._check_manager()
        for plan in self:
            if plan.state == "closed":
                raise UserError(
                    self.env._(
                        "The target plan %(plan)s is already closed.",
                        plan=plan.display_name,
                    )
                )
            if plan.state != "active":
                raise UserError(
                    self.env._(
                        "Only an active target plan can be closed; activate "
                        "%(plan)s first.",
                        plan=plan.display_name,
                    )
                )
        # Closing is a manager's decision; the snapshot covers every target of
        # the plan, including those the closing user may not read.
        quotas = self.sudo().quota_ids
        quotas._store_snapshot()
        self._write_workflow(
            {
                "state": "closed",
                "closed_date": fields.Datetime.now(),
                "closed_uid": self.env.uid,
            }
        )
        for plan in self:
            plan.message_post(
                body=self.env._(
                    "Plan closed: the attainment of its targets (%(count)s) is frozen.",
                    count=len(plan.sudo().quota_ids),
                )
            )
        return True

    def action_refresh(self):
        """Store the live attainment of the plan's targets now."""
        self._check_manager()
        self._check_not_closed()
        self.quota_ids._store_snapshot()
        return True

    @api.readonly
    def action_view_quotas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management.sales_quota_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {
            "default_plan_id": self.id,
            "search_default_group_user": 1,
        }
        return action

    @api.readonly
    def action_open_distribute(self):
        self.ensure_one()
        self._check_not_closed()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management.sales_quota_distribute_action"
        )
        action["context"] = {"default_plan_id": self.id}
        return action

    @api.readonly
    def action_export_xlsx(self):
        """The plan's attainment as Excel (the report of the Print menu)."""
        self.ensure_one()
        return self.env.ref(
            "sales_management.sales_quota_plan_report_xlsx"
        ).report_action(self, config=False)
