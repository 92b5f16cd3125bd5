# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Onboard a hired salesperson: the steps of the Onboard button.

Recruitment officers and sales managers onboard; neither may write employees,
team memberships, activities of employees and targets (or, for sales
managers, the application) by Odoo's rights. Once the wizard has checked
that the user onboards and may read the application, in a company they work
in, it writes these records as the system: only those it shows in its
preview, of the company of the application, and it says in the
application's chatter what it did. Creating a user is the exception: it
stays with those who may create users, as everywhere in Odoo.

Each step does nothing that exists already (the employee, the user, the
team membership, the plan's open activities, a target of the same period),
and the application is locked while it runs: onboarding the same applicant
twice creates nothing twice.
"""

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, formatLang

SALESPERSON_GROUPS = ("base.group_user", "sales_team.group_sale_salesman")


class SalesApplicantOnboard(models.TransientModel):
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.applicant.onboard"

    def action_onboard(self):
        self.ensure_one()
        applicant = self.applicant_id
        self._sales_check_applicants(applicant)
        applicant._sales_lock_onboarding()
        problems = self._onboarding_problems()
        if problems:
            raise UserError("\n".join(problems))
        done = []
        employee = self._onboard_employee(done)
        user = self._onboard_user(employee, done)
        self._onboard_team(user, done)
        self._onboard_manager(employee)
        self._onboard_activities(employee, done)
        plan = self._onboard_targets(user, done)
        applicant.sudo()._sales_write_onboarding(
            {
                "sales_onboarded_date": fields.Datetime.now(),
                "sales_onboarded_uid": self.env.uid,
                "sales_user_id": user.id,
                "sales_target_plan_id": plan.id,
            }
        )
        applicant.sudo().message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                self.env._("Onboarded as a salesperson:"),
                Markup().join(Markup("<li>%s</li>") % line for line in done),
            ),
            author_id=self.env.user.partner_id.id,
        )
        return {"type": "ir.actions.act_window_close"}

    # ------------------------------------------------------------------
    # Steps: each appends what it did to ``done``
    # ------------------------------------------------------------------

    def _onboard_employee(self, done):
        """The applicant's employee, created through Odoo's own Create
        Employee (in the company of the application) when there is none."""
        applicant = self.applicant_id.sudo().with_company(self.company_id)
        employee = applicant.employee_id
        if employee:
            done.append(self.env._("Employee: %(name)s", name=employee.name))
            return employee
        applicant.create_employee_from_applicant()
        employee = applicant.employee_id
        done.append(self.env._("Employee created: %(name)s", name=employee.name))
        return employee

    def _onboard_user(self, employee, done):
        """The employee's user: theirs, the one chosen, or a new one with the
        salesperson rights (created with the user's own rights)."""
        user = employee.user_id
        if user:
            done.append(self.env._("User: %(login)s", login=user.login))
            return user
        if self.create_user:
            company = self.company_id
            groups = [self.env.ref(xmlid).id for xmlid in SALESPERSON_GROUPS]
            user = (
                self.env["res.users"]
                .with_company(company)
                .create(
                    {
                        "name": employee.name,
                        "login": self.login.strip(),
                        "email": self.applicant_id.email_from,
                        "partner_id": employee.work_contact_id.id,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(groups)],
                    }
                )
            )
            message = self.env._(
                "User created: %(login)s, with the salesperson rights",
                login=user.login,
            )
        else:
            user = self.user_id
            message = self.env._("User linked: %(login)s", login=user.login)
        if user:
            employee.write({"user_id": user.id})
            done.append(message)
        return user

    def _onboard_team(self, user, done):
        team = self.team_id.sudo()
        if not (team and user):
            return
        Member = self.env["crm.team.member"].sudo()
        if Member.search_count(
            [("crm_team_id", "=", team.id), ("user_id", "=", user.id)], limit=1
        ):
            done.append(
                self.env._("Sales team: already a member of %(team)s", team=team.name)
            )
            return
        Member.create({"crm_team_id": team.id, "user_id": user.id})
        done.append(self.env._("Sales team: joined %(team)s", team=team.name))

    def _onboard_manager(self, employee):
        """The manager's employee becomes the employee's manager when the
        employee has none (the plan's activities for the manager and coach
        are theirs)."""
        if employee.parent_id or not self.manager_id:
            return
        manager = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.manager_id.id),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        if manager and manager != employee:
            employee.write({"parent_id": manager.id})

    def _onboard_activities(self, employee, done):
        """Launch the activity plan on the employee, through Odoo's plan
        wizard, unless its activities are open on the employee already."""
        plan = self.activity_plan_id.sudo()
        if not plan:
            return
        templates = plan.template_ids
        open_activities = {
            (activity.activity_type_id, activity.summary)
            for activity in employee.activity_ids
        }
        if all(
            (template.activity_type_id, template.summary) in open_activities
            for template in templates
        ):
            done.append(
                self.env._("Activity plan: %(plan)s, already launched", plan=plan.name)
            )
            return
        on_demand = self.manager_id or self.env.user
        errors = [
            error
            for template in templates
            if (
                error := (
                    template._determine_responsible(on_demand, employee) or {}
                ).get("error")
            )
        ]
        if errors:
            raise UserError(
                self.env._(
                    "The activity plan %(plan)s cannot be launched for "
                    "%(employee)s: %(errors)s Choose the manager of the new "
                    "salesperson (an employee of the company with a user), or "
                    "another plan.",
                    plan=plan.name,
                    employee=employee.name,
                    errors=" ".join(dict.fromkeys(errors)),
                )
            )
        scheduler = (
            self.env["mail.activity.schedule"]
            .sudo()
            .with_context(active_model="hr.employee", active_ids=employee.ids)
            .create(
                {
                    "res_model": "hr.employee",
                    "res_ids": str(employee.ids),
                    "plan_id": plan.id,
                    "plan_date": self.start_date,
                    "plan_on_demand_user_id": on_demand.id,
                }
            )
        )
        scheduler.action_schedule_plan()
        done.append(
            self.env._(
                "Activity plan launched: %(plan)s, %(count)s activities from %(date)s",
                plan=plan.name,
                count=len(templates),
                date=format_date(self.env, self.start_date),
            )
        )

    def _onboard_targets(self, user, done):
        """One target per period of the plan from the start date, ramped;
        those of a period the user has a target of already are kept."""
        plan = self.target_plan_id.sudo()
        if not self.create_targets:
            return plan.browse()
        lines = self._target_lines(user)
        new = [line for line in lines if not line["existing"]]
        self.env["sales.quota"].sudo().create(
            [
                {
                    "plan_id": plan.id,
                    "target_type": "user",
                    "user_id": user.id,
                    "team_id": self.team_id.id,
                    "date_from": line["start"],
                    "target_amount": line["amount"],
                    "ramp_factor": line["factor"],
                }
                for line in new
            ]
        )
        ramped = ", ".join(
            f"{line['name']} {self._format_percent(line['factor'])} %"
            for line in new
            if line["factor"] < 100
        )
        message = self.env._(
            "Targets: %(count)s in the plan %(plan)s, ramped: %(ramped)s",
            count=len(new),
            plan=plan.display_name,
            ramped=ramped or "-",
        )
        if len(new) < len(lines):
            message += " " + self.env._(
                "(%(count)s already in the plan, kept as they were)",
                count=len(lines) - len(new),
            )
        done.append(message)
        return plan

    def _format_percent(self, value):
        return formatLang(self.env, value, digits=0 if value == int(value) else 1)

    @api.model
    def _sales_onboard_applicant(self, applicant_id, values=None):
        """Onboard an applicant with the wizard's defaults, changed by
        ``values`` (demo data and scripts; the same checks as the button)."""
        wizard = self.create({"applicant_id": applicant_id, **(values or {})})
        return wizard.action_onboard()
