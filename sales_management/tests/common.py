# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime

import openpyxl

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

SALESMAN = "sales_team.group_sale_salesman"
LEADER = "sales_management.group_sales_team_leader"
MANAGER = "sales_team.group_sale_manager"


def render_sheets(env, report_name, records):
    """The sheets of the Excel report ``report_name`` on ``records``, rendered
    through the report action as the user of ``env``."""
    content, report_type = env["ir.actions.report"]._render_xlsx(
        report_name, records.ids, data=None
    )
    assert report_type == "xlsx", report_type
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets


class SalesManagementCommon(AccountTestInvoicingCommon):
    """Users, teams, customers and products of their own: no demo data.

    Two teams: *North* led by ``leader`` with ``rep_a`` and ``rep_b``;
    *South* with ``rep_c``. ``manager`` manages sales.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        group_ids = "base.group_user,account.group_account_invoice"

        def user(login, group):
            return new_test_user(
                cls.env,
                login=login,
                name=login.replace("_", " ").title(),
                email=f"{login}@example.com",
                groups=f"{group_ids},{group}",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
                tz="UTC",
            )

        cls.manager = user("sm_manager", MANAGER)
        cls.leader = user("sm_leader", LEADER)
        cls.rep_a = user("sm_rep_a", SALESMAN)
        cls.rep_b = user("sm_rep_b", SALESMAN)
        cls.rep_c = user("sm_rep_c", SALESMAN)
        cls.team_north = cls.env["crm.team"].create(
            {
                "name": "North",
                "user_id": cls.leader.id,
                "company_id": cls.company.id,
                "member_ids": [Command.set((cls.rep_a | cls.rep_b).ids)],
            }
        )
        cls.team_south = cls.env["crm.team"].create(
            {
                "name": "South",
                "company_id": cls.company.id,
                "member_ids": [Command.set(cls.rep_c.ids)],
            }
        )
        cls.customer_1 = cls.env["res.partner"].create({"name": "Customer One"})
        cls.customer_2 = cls.env["res.partner"].create({"name": "Customer Two"})
        cls.categ_hw = cls.env["product.category"].create({"name": "Hardware"})
        cls.categ_laptop = cls.env["product.category"].create(
            {"name": "Laptops", "parent_id": cls.categ_hw.id}
        )
        cls.categ_service = cls.env["product.category"].create({"name": "Services"})
        cls.laptop = cls._create_product(
            name="Laptop",
            categ_id=cls.categ_laptop.id,
            lst_price=1000.0,
            standard_price=600.0,
            taxes_id=[Command.clear()],
        )
        cls.service = cls._create_product(
            name="Consulting",
            type="service",
            categ_id=cls.categ_service.id,
            lst_price=100.0,
            standard_price=40.0,
            taxes_id=[Command.clear()],
        )
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "Won (test)", "is_won": True, "sequence": 99}
        )
        cls.open_stage = cls.env["crm.stage"].create(
            {"name": "Qualified (test)", "sequence": 2}
        )

    # ------------------------------------------------------------------
    # Builders
    # ------------------------------------------------------------------

    @classmethod
    def create_plan(cls, metric="sale", period_type="month", year=2026, **vals):
        return cls.env["sales.quota.plan"].create(
            {
                "name": f"Plan {metric} {year}",
                "metric": metric,
                "period_type": period_type,
                "date_from": date(year, 1, 1),
                "date_to": date(year, 12, 31),
                "company_id": cls.company.id,
                **vals,
            }
        )

    @classmethod
    def create_quota(cls, plan, owner, date_from, amount, **vals):
        if owner._name == "crm.team":
            vals.setdefault("target_type", "team")
            vals.setdefault("team_id", owner.id)
        else:
            vals.setdefault("target_type", "user")
            vals.setdefault("user_id", owner.id)
        return cls.env["sales.quota"].create(
            {
                "plan_id": plan.id,
                "date_from": date_from,
                "target_amount": amount,
                **vals,
            }
        )

    @classmethod
    def create_order(cls, user, when, lines, partner=None, team=None, currency=None):
        """A confirmed order of ``user`` dated ``when``.

        ``lines`` is a list of (product, quantity, unit price).
        """
        vals = {
            "partner_id": (partner or cls.customer_1).id,
            "user_id": user.id,
            "team_id": (team or user.sale_team_id).id,
            "company_id": cls.company.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                    }
                )
                for product, qty, price in lines
            ],
        }
        if currency:
            pricelist = cls.env["product.pricelist"].create(
                {"name": f"Pricelist {currency.name}", "currency_id": currency.id}
            )
            vals["pricelist_id"] = pricelist.id
        order = cls.env["sale.order"].create(vals)
        order.action_confirm()
        order.date_order = datetime.combine(when, datetime.min.time()).replace(hour=10)
        return order

    @classmethod
    def create_invoice(cls, user, when, amount, move_type="out_invoice", product=None):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": cls.customer_1.id,
                "invoice_date": when,
                "invoice_user_id": user.id,
                "team_id": user.sale_team_id.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": (product or cls.service).id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def create_opportunity(cls, user, probability, revenue, deadline, won_on=None):
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Opportunity {revenue}",
                "type": "opportunity",
                "user_id": user.id,
                "team_id": user.sale_team_id.id,
                "company_id": cls.company.id,
                "stage_id": cls.open_stage.id,
                "expected_revenue": revenue,
                "probability": probability,
                "date_deadline": deadline,
            }
        )
        if won_on:
            lead.write({"stage_id": cls.won_stage.id, "probability": 100})
            lead.date_closed = datetime.combine(won_on, datetime.min.time())
        return lead
