# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount, formatLang

from ..tools import hiring

SALES_ROLES = [
    ("sdr", "Sales Development Representative"),
    ("account_executive", "Account Executive"),
    ("account_manager", "Account Manager"),
    ("sales_manager", "Sales Manager"),
]
# Who reads and writes the salary range of a sales job.
SALARY_GROUPS = "hr_recruitment.group_hr_recruitment_user,sales_team.group_sale_manager"
# Who reads the ramp plan and the weighted competencies (interviewers rate them).
PROFILE_GROUPS = (
    "hr_recruitment.group_hr_recruitment_interviewer,sales_team.group_sale_manager"
)
# Fields of the sales profile checked by the input guard.
PROFILE_FIELDS = {
    "sales_role",
    "sales_team_id",
    "sales_annual_target",
    "sales_base_salary_min",
    "sales_base_salary_max",
    "sales_variable_pay",
}
# Precommit data key: jobs whose ramp plan or weights changed line by line.
DEFERRED_CHECK = "sales_management_recruiting.profile_check"


class HrJob(models.Model):
    """The sales profile of a job position: role, team, target, ramp plan,
    weighted competencies and on-target earnings."""

    _inherit = "hr.job"

    sales_role = fields.Selection(
        SALES_ROLES,
        tracking=True,
        help="Set a sales role to make this a sales job: its applicants follow "
        "the sales hiring pipeline and are rated on interview scorecards.",
    )
    sales_team_id = fields.Many2one(
        "crm.team",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        tracking=True,
        help="The sales team the new hire joins.",
    )
    sales_territory = fields.Char(
        "Territory",
        help="The region, segment or accounts the new hire covers, e.g. "
        "“Benelux, mid-market”.",
    )
    sales_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_sales_currency_id",
        help="Currency of the job's company (of the current company for a job "
        "of every company).",
    )
    sales_annual_target = fields.Monetary(
        "Annual Target",
        currency_field="sales_currency_id",
        help="What the new hire is expected to sell in a year once fully ramped "
        "(confirmed sales).",
    )
    sales_ramp_ids = fields.One2many(
        "sales.job.ramp",
        "job_id",
        "Ramp Plan",
        copy=True,
        groups=PROFILE_GROUPS,
        help="Share of the full target expected in each of the new hire's first "
        "months; the full target applies after the plan's last month.",
    )
    sales_competency_ids = fields.One2many(
        "sales.job.competency",
        "job_id",
        "Weighted Competencies",
        copy=True,
        groups=PROFILE_GROUPS,
        help="The competencies interviewers rate, with their weight in the "
        "applicant's score.",
    )
    sales_base_salary_min = fields.Monetary(
        "Base Salary From",
        currency_field="sales_currency_id",
        groups=SALARY_GROUPS,
        help="Lowest yearly base salary offered.",
    )
    sales_base_salary_max = fields.Monetary(
        "Base Salary To",
        currency_field="sales_currency_id",
        groups=SALARY_GROUPS,
        help="Highest yearly base salary offered.",
    )
    sales_variable_pay = fields.Monetary(
        "Variable Pay at Target",
        currency_field="sales_currency_id",
        groups=SALARY_GROUPS,
        help="Yearly commissions and bonuses paid when 100 % of the target is reached.",
    )
    sales_ote_min = fields.Monetary(
        "On-Target Earnings From",
        currency_field="sales_currency_id",
        compute="_compute_sales_ote",
        groups=SALARY_GROUPS,
        help="Lowest base salary plus the variable pay at target.",
    )
    sales_ote_max = fields.Monetary(
        "On-Target Earnings To",
        currency_field="sales_currency_id",
        compute="_compute_sales_ote",
        groups=SALARY_GROUPS,
        help="Highest base salary plus the variable pay at target.",
    )

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_sales_currency_id(self):
        for job in self:
            job.sales_currency_id = (job.company_id or self.env.company).currency_id

    @api.depends("sales_base_salary_min", "sales_base_salary_max", "sales_variable_pay")
    def _compute_sales_ote(self):
        for job in self:
            job.sales_ote_min = job.sales_base_salary_min + job.sales_variable_pay
            job.sales_ote_max = (
                max(job.sales_base_salary_max, job.sales_base_salary_min)
                + job.sales_variable_pay
            )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    @api.constrains(
        "sales_annual_target",
        "sales_base_salary_min",
        "sales_base_salary_max",
        "sales_variable_pay",
    )
    def _check_sales_amounts(self):
        for job in self.sudo():
            amounts = {
                "sales_annual_target": job.sales_annual_target,
                "sales_base_salary_min": job.sales_base_salary_min,
                "sales_base_salary_max": job.sales_base_salary_max,
                "sales_variable_pay": job.sales_variable_pay,
            }
            for name, amount in amounts.items():
                if amount < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(job)s cannot be negative.",
                            field=self._fields[name]._description_string(self.env),
                            job=job.name,
                        )
                    )
            if job.sales_base_salary_max and (
                job.sales_base_salary_max < job.sales_base_salary_min
            ):
                raise ValidationError(
                    self.env._(
                        "The base salary range of %(job)s ends below its start: "
                        "enter the lowest salary first.",
                        job=job.name,
                    )
                )

    @api.constrains("sales_team_id", "company_id")
    def _check_sales_team_company(self):
        for job in self:
            team_company = job.sales_team_id.company_id
            if team_company and job.company_id and team_company != job.company_id:
                raise ValidationError(
                    self.env._(
                        "The sales team %(team)s belongs to another company than "
                        "the job position %(job)s.",
                        team=job.sales_team_id.display_name,
                        job=job.name,
                    )
                )

    @api.constrains("sales_ramp_ids", "sales_competency_ids")
    def _check_sales_profile(self):
        """The ramp plan goes up and the weights do not sum to zero.

        Checked once the job's lines are all written (a form saves its lines
        one by one: a plan raised from 25/50 to 60/70 passes through 60/50).
        """
        for job in self.sudo():
            plan = [(line.month, line.percent) for line in job.sales_ramp_ids]
            problem = hiring.ramp_problem(plan)
            if problem:
                raise ValidationError(job._sales_ramp_message(problem))
            weights = {line.id: line.weight for line in job.sales_competency_ids}
            if weights and hiring.weight_shares(weights) is None:
                raise ValidationError(
                    self.env._(
                        "The competency weights of %(job)s sum to zero: give at "
                        "least one competency a weight above zero, or remove "
                        "the competencies.",
                        job=job.name,
                    )
                )

    def _sales_ramp_message(self, problem):
        self.ensure_one()
        kind = problem[0]
        if kind == "month":
            return self.env._(
                "The ramp plan of %(job)s: a month is a whole number from "
                "%(low)s to %(high)s (%(month)s given).",
                job=self.name,
                low=hiring.MONTH_MIN,
                high=hiring.MONTH_MAX,
                month=problem[1],
            )
        if kind == "percent":
            return self.env._(
                "The ramp plan of %(job)s: a share of the target is between 0 "
                "and 100 %% (%(percent)s given).",
                job=self.name,
                percent=problem[1],
            )
        if kind == "duplicate":
            return self.env._(
                "The ramp plan of %(job)s lists month %(month)s twice.",
                job=self.name,
                month=problem[1],
            )
        return self.env._(
            "The ramp plan of %(job)s goes down: month %(month)s expects "
            "%(percent)s %% of the target, less than the %(previous_percent)s %% "
            "of month %(previous)s. A new hire ramps up.",
            job=self.name,
            month=problem[1],
            percent=problem[2],
            previous=problem[3],
            previous_percent=problem[4],
        )

    def _sales_check_profile_later(self):
        """Check the profile of these jobs when the transaction is flushed.

        Lines written on their own (not through the job's form) cannot be
        checked one at a time; the check runs once every line of the request
        is written, before the commit, and a problem rolls the request back.
        """
        data = self.env.cr.precommit.data
        pending = data.get(DEFERRED_CHECK)
        if pending is None:
            pending = data[DEFERRED_CHECK] = set()
            env = self.env

            def check():
                jobs = env["hr.job"].browse(data.pop(DEFERRED_CHECK, ())).exists()
                jobs._check_sales_profile()

            self.env.cr.precommit.add(check)
        pending.update(self.ids)

    @api.model_create_multi
    def create(self, vals_list):
        guard = self.env["sales.input.guard"]
        for vals in vals_list:
            guard._sm_check_model_values(self, vals, PROFILE_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        self.env["sales.input.guard"]._sm_check_model_values(self, vals, PROFILE_FIELDS)
        result = super().write(vals)
        if "sales_role" in vals:
            # the rules are checked on the jobs as they were: a sales manager
            # writes sales jobs only, and does not turn one into another job
            self.check_access("write")
        return result

    # ------------------------------------------------------------------
    # For the ramped targets of new hires
    # ------------------------------------------------------------------

    def _sales_ramp_factor(self, month):
        """Share (0-1) of the full target expected in the new hire's month
        ``month`` (1 = their first month), from the job's ramp plan."""
        self.ensure_one()
        plan = [(line.month, line.percent) for line in self.sudo().sales_ramp_ids]
        return hiring.ramp_factor(plan, month)

    def _sales_competency_weights(self):
        """{sales.competency: share of the total weight (0-1)} of the job."""
        self.ensure_one()
        lines = self.sudo().sales_competency_ids
        shares = hiring.weight_shares(
            {line.competency_id: line.weight for line in lines}
        )
        return shares or {}

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_generate_sales_description(self):
        """Write the job description from the sales profile, in the user's
        language (it stays editable)."""
        for job in self:
            if not job.sales_role:
                raise UserError(
                    self.env._(
                        "Choose the sales role of %(job)s first: the description "
                        "is written from the sales profile.",
                        job=job.name,
                    )
                )
        lang = self.env.user.lang or self.env.lang
        for job in self.with_context(lang=lang):
            job.description = job._sales_render_description()
        return True

    def _sales_render_description(self):
        self.ensure_one()
        env = self.env
        role = dict(self._fields["sales_role"]._description_selection(env))
        currency = self.sales_currency_id

        def amount(value):
            return format_amount(env, value, currency)

        show_salary = env.user.has_groups(SALARY_GROUPS) and self.sales_ote_max
        values = {
            "job": self,
            "role": role.get(self.sales_role, ""),
            "target": self.sales_annual_target and amount(self.sales_annual_target),
            "ramp": [
                (line.month, formatLang(env, line.percent, digits=0))
                for line in self.sales_ramp_ids.sorted("month")
            ],
            # the heaviest first
            "competencies": self.sales_competency_ids.sorted(
                lambda line: (-line.weight, line.sequence, line.id)
            ).competency_id,
            "skills": ", ".join(self.skill_ids.mapped("name")),
            "ote_min": show_salary and amount(self.sales_ote_min),
            "ote_max": show_salary and amount(self.sales_ote_max),
            "variable_pay": show_salary and amount(self.sales_variable_pay),
        }
        return env["ir.qweb"]._render(
            "sales_management_recruiting.sales_job_description", values
        )

    @api.readonly
    def action_open_sales_comparison(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_recruiting.sales_applicant_comparison_action"
        )
        action["domain"] = [("job_id", "=", self.id)]
        action["context"] = {"default_job_id": self.id, "search_default_ongoing": 1}
        action["display_name"] = self.env._(
            "Compare Candidates: %(job)s", job=self.name
        )
        return action
