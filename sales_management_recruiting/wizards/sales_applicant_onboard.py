# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Onboard a hired salesperson: the wizard's fields, defaults and preview.

What it checks is in sales_applicant_onboard_checks.py, what it does in
sales_applicant_onboard_steps.py.
"""

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import float_round, format_date, formatLang
from odoo.tools.mail import email_normalize

from odoo.addons.sales_management.tools.periods import (
    MONTHS_PER_PERIOD,
    iter_periods,
    period_label,
)

from ..tools import onboarding

# the plans whose targets are an amount of sales, which the job's annual
# target is
REVENUE_METRICS = ("sale", "invoice")
RECRUITER = "hr_recruitment.group_hr_recruitment_user"
SALES_MANAGER = "sales_team.group_sale_manager"
ONBOARDING_PLAN = "sales_management_recruiting.mail_activity_plan_sales_onboarding"


class SalesApplicantOnboard(models.TransientModel):
    """Onboard a hired applicant of a sales job: their employee and user,
    their sales team, an onboarding activity plan and ramped targets in the
    active target plan, from the job's ramp plan."""

    _name = "sales.applicant.onboard"
    _description = "Onboard a Hired Salesperson"
    _inherit = ["sales.input.guard"]

    applicant_id = fields.Many2one(
        "hr.applicant",
        required=True,
        ondelete="cascade",
        help="The hired applicant of a sales job to onboard.",
    )
    # never computed as superuser: the wizard takes any applicant id from the
    # client
    job_id = fields.Many2one(
        related="applicant_id.job_id",
        related_sudo=False,
        help="The sales job the applicant was hired for: its team, annual "
        "target and ramp plan.",
    )
    hire_date = fields.Datetime(
        related="applicant_id.date_closed",
        related_sudo=False,
        string="Hire Date",
        help="When the applicant reached a hired stage.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        help="The company of the application: the employee, user, team, "
        "activity plan and target plan are of this company.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        help="Currency of the company's target plans.",
    )
    employee_name = fields.Char(
        "Employee",
        compute="_compute_employee_name",
        help="The employee of the applicant; empty: created from the application "
        "when you onboard, as Odoo's Create Employee button does.",
    )
    can_create_user = fields.Boolean(
        compute="_compute_can_create_user",
        help="You may create users (Administration: Access Rights).",
    )
    create_user = fields.Boolean(
        "Create the User",
        compute="_compute_create_user",
        compute_sudo=False,
        store=True,
        readonly=False,
        precompute=True,
        help="Create the new salesperson's user (internal user with the "
        "salesperson rights of Sales, in the job's company), with the login "
        "below; they receive an invitation by email. Only those who may create "
        "users do so; the others link a user an administrator created.",
    )
    login = fields.Char(
        compute="_compute_login",
        store=True,
        readonly=False,
        precompute=True,
        help="Login of the user to create: the applicant's email by default.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Existing User",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="The user of the new salesperson when it exists already: the "
        "employee's user, or a user to link to the employee.",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('company_id', 'in', (company_id, False))]",
        help="The sales team the new salesperson joins (the job's by default); "
        "their targets are of this team. Empty: no team membership.",
    )
    manager_id = fields.Many2one(
        "res.users",
        compute="_compute_manager_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Who the new salesperson reports to (the team leader by default): "
        "their employee becomes the employee's manager when it has none, and "
        "the activities of the plan for the manager or asked at launch are "
        "theirs.",
    )
    activity_plan_id = fields.Many2one(
        "mail.activity.plan",
        "Onboarding Plan",
        compute="_compute_activity_plan_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('res_model', '=', 'hr.employee'), "
        "('company_id', 'in', (company_id, False))]",
        help="The activity plan launched on the new employee from the start "
        "date: product training, CRM training, shadowing and first calls by "
        "default. Empty: no plan.",
    )
    start_date = fields.Date(
        compute="_compute_start_date",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The new salesperson's first day: its month is the first month of "
        "the ramp plan and the plan date of the activities. The first day of "
        "the month after the hire date by default.",
    )
    create_targets = fields.Boolean(
        "Create Ramped Targets",
        default=True,
        help="Create one target of the new salesperson per period of the target "
        "plan from the start date, ramped by the job's ramp plan.",
    )
    target_plan_id = fields.Many2one(
        "sales.quota.plan",
        compute="_compute_target_plan_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'active'), "
        "('metric', 'in', ('sale', 'invoice'))]",
        help="The active target plan of confirmed sales or invoiced revenue that "
        "contains the start date (the company's, by default).",
    )
    target_plan_name = fields.Char(
        compute="_compute_target_plan_name",
        help="The target plan the targets are created in.",
    )
    period_target = fields.Float(
        "Full Target per Period",
        compute="_compute_period_target",
        store=True,
        readonly=False,
        precompute=True,
        digits=(16, 2),
        help="What a fully ramped salesperson is expected to sell in a period of "
        "the plan: the job's annual target divided into the plan's months, "
        "quarters or year. Each target is this amount, ramped.",
    )
    preview = fields.Html(
        compute="_compute_preview",
        sanitize=False,
        help="What onboarding will do, and what stops it.",
    )

    # ------------------------------------------------------------------
    # Access: the applicant comes from the client
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        ids = {vals.get("applicant_id") for vals in vals_list} - {None, False}
        self._sales_check_applicants(self.env["hr.applicant"].browse(ids))
        return super().create(vals_list)

    @api.constrains("applicant_id")
    def _check_applicant_access(self):
        self._sales_check_applicants(self.applicant_id)

    @api.model
    def _sales_check_applicants(self, applicants):
        """The user onboards (recruitment officer or sales manager) and may
        read the applicants, in the companies they work in."""
        if not self.env.su and not self.env.user.has_groups(
            f"{RECRUITER},{SALES_MANAGER}"
        ):
            raise AccessError(
                self.env._(
                    "Only recruitment officers and sales managers onboard new "
                    "salespeople."
                )
            )
        applicants.check_access("read")
        self._sm_check_company_allowed(applicants.company_id)

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------

    @api.depends("applicant_id")
    def _compute_company_id(self):
        for wizard in self:
            applicant = wizard.applicant_id
            wizard.company_id = (
                applicant.company_id or applicant.job_id.company_id or self.env.company
            )

    def _employee(self):
        """The applicant's employee (read as superuser: recruitment officers
        and sales managers need not read employees)."""
        self.ensure_one()
        return self.applicant_id.sudo().employee_id

    @api.depends("applicant_id")
    def _compute_employee_name(self):
        for wizard in self:
            wizard.employee_name = wizard._employee().name

    @api.depends_context("uid")
    def _compute_can_create_user(self):
        self.can_create_user = self.env["res.users"].has_access("create")

    @api.depends("applicant_id")
    def _compute_create_user(self):
        can_create = self.env["res.users"].has_access("create")
        for wizard in self:
            wizard.create_user = can_create and not wizard._employee().user_id

    @api.depends("applicant_id")
    def _compute_login(self):
        for wizard in self:
            email = wizard.applicant_id.email_from or ""
            wizard.login = email_normalize(email) or email.strip()

    @api.depends("applicant_id")
    def _compute_user_id(self):
        for wizard in self:
            wizard.user_id = wizard._employee().user_id

    @api.depends("applicant_id")
    def _compute_team_id(self):
        for wizard in self:
            wizard.team_id = wizard.job_id.sales_team_id

    @api.depends("team_id")
    def _compute_manager_id(self):
        for wizard in self:
            wizard.manager_id = wizard.team_id.user_id or self.env.user

    @api.depends("applicant_id")
    def _compute_activity_plan_id(self):
        plan = self.env.ref(ONBOARDING_PLAN, raise_if_not_found=False)
        for wizard in self:
            usable = (
                plan
                and plan.active
                and (not plan.company_id or plan.company_id == wizard.company_id)
            )
            wizard.activity_plan_id = plan if usable else False

    @api.depends("applicant_id")
    def _compute_start_date(self):
        for wizard in self:
            hired = wizard.applicant_id.date_closed
            if hired:
                day = fields.Datetime.context_timestamp(wizard, hired).date()
                wizard.start_date = (day + relativedelta(months=1)).replace(day=1)
            else:
                wizard.start_date = fields.Date.context_today(wizard)

    @api.depends("start_date", "applicant_id")
    def _compute_target_plan_id(self):
        """The company's active plan of sales containing the start date,
        one of every product first (read as superuser: recruitment officers
        do not read target plans)."""
        Plan = self.env["sales.quota.plan"].sudo()
        for wizard in self:
            if not wizard.start_date:
                wizard.target_plan_id = False
                continue
            plans = Plan.search(
                [
                    ("company_id", "=", wizard.company_id.id),
                    ("state", "=", "active"),
                    ("metric", "in", REVENUE_METRICS),
                    ("date_from", "<=", wizard.start_date),
                    ("date_to", ">=", wizard.start_date),
                ],
                order="date_from desc, id desc",
            )
            plan = plans.filtered(lambda p: not p.product_categ_id)[:1] or plans[:1]
            wizard.target_plan_id = plan.id

    @api.depends("target_plan_id")
    def _compute_target_plan_name(self):
        for wizard in self:
            wizard.target_plan_name = wizard.target_plan_id.sudo().display_name

    @api.depends("target_plan_id", "applicant_id")
    def _compute_period_target(self):
        for wizard in self:
            period_type = wizard.target_plan_id.sudo().period_type
            wizard.period_target = (
                onboarding.period_target(
                    wizard.job_id.sales_annual_target, MONTHS_PER_PERIOD[period_type]
                )
                if period_type
                else 0.0
            )

    # ------------------------------------------------------------------
    # The targets to create
    # ------------------------------------------------------------------

    def _ramp_plan(self):
        """The job's ramp plan: [(month, percent)]."""
        self.ensure_one()
        return [
            (line.month, line.percent) for line in self.job_id.sudo().sales_ramp_ids
        ]

    def _salesperson(self):
        """The user the targets are for, when it exists already."""
        self.ensure_one()
        return self._employee().user_id or (
            self.user_id if not self.create_user else self.user_id.browse()
        )

    def _target_lines(self, user=None):
        """One dict per period of the target plan from the start date: its
        ``start``, ``name``, the new hire's ``months`` in it, the ramp
        ``factor`` (%), the full ``amount`` and ``existing``, the user's target
        of that period already in the plan (kept as it is)."""
        self.ensure_one()
        plan = self.target_plan_id.sudo()
        if not (plan and self.start_date) or not (
            plan.date_from <= self.start_date <= plan.date_to
        ):
            return []
        months = MONTHS_PER_PERIOD[plan.period_type]
        ramp = self._ramp_plan()
        periods = list(iter_periods(self.start_date, plan.date_to, plan.period_type))
        user = self._salesperson() if user is None else user
        existing = {}
        if user:
            targets = (
                self.env["sales.quota"]
                .sudo()
                .search(
                    [
                        ("plan_id", "=", plan.id),
                        ("target_type", "=", "user"),
                        ("user_id", "=", user.id),
                        ("date_from", "in", [start for start, _end in periods]),
                    ]
                )
            )
            existing = {target.date_from: target for target in targets}
        lines = []
        for start, _end in periods:
            factor, indexes = onboarding.period_ramp(
                ramp, self.start_date, start, months
            )
            lines.append(
                {
                    "start": start,
                    "name": period_label(start, plan.period_type),
                    "months": indexes,
                    "factor": float_round(factor * 100, precision_digits=1),
                    "amount": self.period_target,
                    "existing": existing.get(start),
                }
            )
        return lines

    # ------------------------------------------------------------------
    # Preview
    # ------------------------------------------------------------------

    @api.depends(
        "applicant_id",
        "create_user",
        "login",
        "user_id",
        "team_id",
        "manager_id",
        "activity_plan_id",
        "start_date",
        "create_targets",
        "target_plan_id",
        "period_target",
    )
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = wizard._render_preview()

    def _render_preview(self):
        self.ensure_one()
        if not self.applicant_id:
            return False
        parts = []
        problems = self._onboarding_problems()
        if problems:
            parts.append(
                Markup(
                    '<div class="alert alert-warning" role="alert"><ul>%s</ul></div>'
                )
                % Markup().join(Markup("<li>%s</li>") % problem for problem in problems)
            )
        if self.activity_plan_id:
            parts.append(self._render_activity_preview())
        if self.create_targets and self.target_plan_id:
            parts.append(self._render_target_preview())
        return Markup().join(parts)

    def _render_activity_preview(self):
        labels = dict(
            self.env["mail.activity.plan.template"]
            ._fields["responsible_type"]
            ._description_selection(self.env)
        )
        rows = Markup().join(
            Markup("<li>%s (%s, %s)</li>")
            % (
                template.summary or template.activity_type_id.name,
                labels.get(template.responsible_type, ""),
                format_date(self.env, template._get_date_deadline(self.start_date)),
            )
            for template in self.activity_plan_id.template_ids
        )
        return Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (
            self.env._(
                "Activities of the plan %(plan)s on the new employee:",
                plan=self.activity_plan_id.name,
            ),
            rows,
        )

    def _render_target_preview(self):
        lines = self._target_lines()
        if not lines:
            return Markup()
        currency = self.currency_id
        headers = (
            self.env._("Period"),
            self.env._("Months of the New Hire"),
            self.env._("Full Target"),
            self.env._("Ramp"),
            self.env._("Target"),
        )
        head = Markup().join(
            Markup('<th class="%s">%s</th>') % ("text-end" if index > 1 else "", label)
            for index, label in enumerate(headers)
        )
        rows = []
        for line in lines:
            months = ", ".join(str(month) for month in line["months"])
            if line["existing"]:
                cells = Markup('<td colspan="3" class="text-muted">%s</td>') % (
                    self.env._("already in the plan: kept as it is")
                )
            else:
                cells = Markup(
                    '<td class="text-end">%s</td><td class="text-end">%s %%</td>'
                    '<td class="text-end">%s</td>'
                ) % (
                    formatLang(self.env, line["amount"], currency_obj=currency),
                    formatLang(self.env, line["factor"], digits=1),
                    formatLang(
                        self.env,
                        line["amount"] * line["factor"] / 100,
                        currency_obj=currency,
                    ),
                )
            rows.append(
                Markup("<tr><td>%s</td><td>%s</td>%s</tr>")
                % (line["name"], months or "-", cells)
            )
        title = self.env._(
            "Targets of the new salesperson in %(plan)s:",
            plan=self.target_plan_id.sudo().display_name,
        )
        return Markup(
            '<p><strong>%s</strong></p><table class="table table-sm '
            'o_sales_onboard_targets"><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (title, head, Markup().join(rows))
