# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import new_test_user

from .common import RecruitingCommon


class HiresCommon(RecruitingCommon):
    """Builders of the hiring plan and quality-of-hire tests: salespeople of
    a company, their confirmed orders, target plans and targets, and hires
    (an application with a hire date whose employee is the salesperson)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Hires customer"})
        cls.product = cls.env["product.product"].create(
            {"name": "Hires product", "lst_price": 1.0, "taxes_id": [Command.clear()]}
        )

    @classmethod
    def salesperson(cls, login, company, team=None):
        user = new_test_user(
            cls.env,
            login=login,
            name=login.replace("_", " ").title(),
            email=f"{login}@example.com",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            tz="UTC",
        )
        if team:
            team.member_ids = [Command.link(user.id)]
        return user

    @classmethod
    def order(cls, user, day, amount, team=None, company=None):
        """A confirmed order of ``user`` of ``amount`` (untaxed) dated ``day``."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": user.id,
                "team_id": (team or user.sale_team_id).id,
                "company_id": (company or user.company_id).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = datetime.combine(day, datetime.min.time()).replace(hour=10)
        return order

    @classmethod
    def target_plan(cls, company, year=2026, activate=True, **vals):
        plan = cls.env["sales.quota.plan"].create(
            {
                "name": f"Hires plan {company.name} {year}",
                "metric": "sale",
                "period_type": "month",
                "date_from": date(year, 1, 1),
                "date_to": date(year, 12, 31),
                "company_id": company.id,
                **vals,
            }
        )
        return plan

    @classmethod
    def targets(cls, plan, owner, amounts, **vals):
        """Targets of ``owner`` (a user or a team): ``{first day: amount}``."""
        kind = "team" if owner._name == "crm.team" else "user"
        return cls.env["sales.quota"].create(
            [
                {
                    "plan_id": plan.id,
                    "target_type": kind,
                    f"{kind}_id": owner.id,
                    "date_from": day,
                    "target_amount": amount,
                    **vals,
                }
                for day, amount in amounts.items()
            ]
        )

    @classmethod
    def hire(cls, applicant, user, day):
        """``applicant`` hired on ``day``: their employee is ``user``."""
        employee = cls.env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "company_id": applicant.company_id.id,
            }
        )
        applicant.candidate_id.employee_id = employee
        applicant.date_closed = datetime.combine(day, datetime.min.time()).replace(
            hour=9
        )
        return applicant
