# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Onboard a hired salesperson: what stops it, each with what to do.

The preview lists these problems; the Onboard button refuses while there is
one, before anything is saved.
"""

from odoo import models
from odoo.tools import format_date

from odoo.addons.sales_management.tools.periods import add_months

from ..tools import onboarding
from .sales_applicant_onboard import REVENUE_METRICS


class SalesApplicantOnboard(models.TransientModel):
    _inherit = "sales.applicant.onboard"

    def _onboarding_problems(self):
        """The reasons the applicant cannot be onboarded as set, in the
        user's language (empty: onboarding may go)."""
        self.ensure_one()
        applicant = self.applicant_id
        if applicant.sudo().sales_onboarded_date:
            return [applicant._sales_onboarded_message()]
        name = applicant.partner_name or applicant.display_name
        if not applicant.date_closed:
            return [
                self.env._(
                    "%(applicant)s is not hired yet: move the application to a "
                    "hired stage before onboarding.",
                    applicant=name,
                )
            ]
        job = self.job_id
        if not job.sales_role:
            return [
                self.env._(
                    "%(applicant)s applied to %(job)s, which is not a sales job: "
                    "onboarding creates a salesperson from the sales profile of "
                    "the job. Give the job a sales role first.",
                    applicant=name,
                    job=job.name or "-",
                )
            ]
        return (
            self._company_problems()
            + self._user_problems()
            + self._activity_problems()
            + self._target_problems()
        )

    def _company_problems(self):
        company = self.company_id
        job_company = self.job_id.company_id
        problems = []
        if job_company and job_company != company:
            problems.append(
                self.env._(
                    "The application belongs to %(company)s, its job position "
                    "%(job)s to %(job_company)s: correct the company of one of "
                    "them.",
                    company=company.name,
                    job=self.job_id.name,
                    job_company=job_company.name,
                )
            )
        team_company = self.team_id.sudo().company_id
        if team_company and team_company != company:
            problems.append(
                self.env._(
                    "The sales team %(team)s belongs to %(other)s, not to "
                    "%(company)s: choose a team of %(company)s.",
                    team=self.team_id.sudo().display_name,
                    other=team_company.name,
                    company=company.name,
                )
            )
        if self.manager_id and company not in self.manager_id.sudo().company_ids:
            problems.append(
                self.env._(
                    "%(manager)s does not work in %(company)s: choose a manager "
                    "of %(company)s.",
                    manager=self.manager_id.name,
                    company=company.name,
                )
            )
        return problems

    def _user_problems(self):
        employee = self._employee()
        company = self.company_id
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        if self.create_user:
            if employee.user_id:
                return [
                    self.env._(
                        "The employee %(employee)s already has the user %(user)s: "
                        "untick Create the User.",
                        employee=employee.name,
                        user=employee.user_id.name,
                    )
                ]
            if not self.can_create_user:
                return [
                    self.env._(
                        "Only administrators (Administration: Access Rights) "
                        "create users: choose the user an administrator created "
                        "for the new salesperson, or ask an administrator to "
                        "onboard them."
                    )
                ]
            login = (self.login or "").strip()
            if not login:
                return [
                    self.env._(
                        "Enter the login of the user to create (the applicant "
                        "has no email)."
                    )
                ]
            taken = Users.search([("login", "=", login)], limit=1)
            if taken:
                return [
                    self.env._(
                        "The login %(login)s is already taken by the user "
                        "%(user)s: choose that user as the existing user, or "
                        "enter another login.",
                        login=login,
                        user=taken.name,
                    )
                ]
            return []
        user = self.user_id.sudo()
        if not user:
            return []
        if user.share or not user.active:
            return [
                self.env._(
                    "%(user)s is not an active internal user: choose another user.",
                    user=user.name,
                )
            ]
        if company not in user.company_ids:
            return [
                self.env._(
                    "%(user)s does not work in %(company)s: choose a user of "
                    "%(company)s.",
                    user=user.name,
                    company=company.name,
                )
            ]
        if employee.user_id and employee.user_id != user:
            return [
                self.env._(
                    "The employee %(employee)s is the user %(linked)s, not "
                    "%(user)s: choose %(linked)s.",
                    employee=employee.name,
                    linked=employee.user_id.name,
                    user=user.name,
                )
            ]
        other = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "=", user.id),
                    ("company_id", "=", company.id),
                    ("id", "!=", employee.id),
                ],
                limit=1,
            )
        )
        if other:
            return [
                self.env._(
                    "%(user)s is already the user of the employee %(employee)s: "
                    "choose the new salesperson's own user.",
                    user=user.name,
                    employee=other.name,
                )
            ]
        return []

    def _activity_problems(self):
        plan = self.activity_plan_id.sudo()
        if not plan:
            return []
        if plan.res_model != "hr.employee" or plan.company_id not in (
            self.company_id,
            self.company_id.browse(),
        ):
            return [
                self.env._(
                    "The activity plan %(plan)s is not a plan of the employees of "
                    "%(company)s: choose another plan, or none.",
                    plan=plan.name,
                    company=self.company_id.name,
                )
            ]
        return []

    def _target_problems(self):
        if not self.create_targets:
            return []
        plan = self.target_plan_id.sudo()
        company = self.company_id
        start = self.start_date
        leave_out = self.env._("or untick Create Ramped Targets.")
        if not (self.create_user or self._salesperson()):
            return [
                self.env._(
                    "Targets are for a user: create the user or choose an "
                    "existing one, %(or_leave_out)s",
                    or_leave_out=leave_out,
                )
            ]
        if not plan:
            return [
                self.env._(
                    "No active target plan of confirmed sales or invoiced "
                    "revenue of %(company)s contains the start date %(start)s: "
                    "activate one, choose another start date, %(or_leave_out)s",
                    company=company.name,
                    start=format_date(self.env, start),
                    or_leave_out=leave_out,
                )
            ]
        if plan.company_id != company:
            return [
                self.env._(
                    "The target plan %(plan)s belongs to %(other)s, not to "
                    "%(company)s: choose a plan of %(company)s.",
                    plan=plan.display_name,
                    other=plan.company_id.name,
                    company=company.name,
                )
            ]
        if plan.state == "closed":
            return [
                self.env._(
                    "The target plan %(plan)s is closed: its targets are frozen. "
                    "Choose an active plan, %(or_leave_out)s",
                    plan=plan.display_name,
                    or_leave_out=leave_out,
                )
            ]
        if plan.state != "active":
            return [
                self.env._(
                    "The target plan %(plan)s is not active yet: activate it, "
                    "choose an active plan, %(or_leave_out)s",
                    plan=plan.display_name,
                    or_leave_out=leave_out,
                )
            ]
        if plan.metric not in REVENUE_METRICS:
            metric = dict(plan._fields["metric"]._description_selection(self.env))
            return [
                self.env._(
                    "The target plan %(plan)s counts %(metric)s, but the annual "
                    "target of the job is an amount of sales: choose a plan of "
                    "confirmed sales or invoiced revenue, %(or_leave_out)s",
                    plan=plan.display_name,
                    metric=metric[plan.metric].lower(),
                    or_leave_out=leave_out,
                )
            ]
        if not plan.date_from <= start <= plan.date_to:
            return [
                self.env._(
                    "The start date %(start)s is outside the target plan %(plan)s "
                    "(%(date_from)s to %(date_to)s): choose a plan that contains "
                    "it, another start date, %(or_leave_out)s",
                    start=format_date(self.env, start),
                    plan=plan.display_name,
                    date_from=format_date(self.env, plan.date_from),
                    date_to=format_date(self.env, plan.date_to),
                    or_leave_out=leave_out,
                )
            ]
        problems = []
        ramp = self._ramp_plan()
        outside = onboarding.ramp_months_outside(ramp, start, plan.date_to)
        if outside:
            months = ", ".join(
                self.env._(
                    "month %(month)s (%(date)s)",
                    month=month,
                    date=format_date(
                        self.env, add_months(start, month - 1), date_format="MMMM y"
                    ),
                )
                for month in outside
            )
            problems.append(
                self.env._(
                    "The ramp plan of %(job)s lasts %(length)s months from "
                    "%(start)s, but the target plan %(plan)s ends on %(end)s: "
                    "%(months)s of the new salesperson would fall outside it. "
                    "Choose a target plan that covers the whole ramp, an earlier "
                    "start date, %(or_leave_out)s",
                    job=self.job_id.name,
                    length=onboarding.ramp_length(ramp),
                    start=format_date(self.env, start),
                    plan=plan.display_name,
                    end=format_date(self.env, plan.date_to),
                    months=months,
                    or_leave_out=leave_out,
                )
            )
        if self.period_target <= 0:
            if self.job_id.sales_annual_target <= 0:
                problems.append(
                    self.env._(
                        "The job %(job)s has no annual target: enter the full "
                        "target per period, %(or_leave_out)s",
                        job=self.job_id.name,
                        or_leave_out=leave_out,
                    )
                )
            else:
                problems.append(
                    self.env._("The full target per period must be above zero.")
                )
        return problems
