# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
class TestFunnel(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env["utm.source"].create({"name": "Funnel test source"})
        cls.medium = cls.env["utm.medium"].create({"name": "Funnel test medium"})
        cls.campaign = cls.env["utm.campaign"].create({"name": "Funnel test campaign"})

    def lead(self, name, user=None, **vals):
        return self.env["crm.lead"].create(
            {
                "name": name,
                "type": "lead",
                "user_id": (user or self.rep_a).id,
                "team_id": (user or self.rep_a).sale_team_id.id,
                "company_id": self.company.id,
                "source_id": self.source.id,
                "medium_id": self.medium.id,
                "campaign_id": self.campaign.id,
                **vals,
            }
        )

    def test_source_to_cash(self):
        self.lead("Stays a lead")
        converted = self.lead("Converted")
        converted.convert_opportunity(self.customer_1)
        lost = self.lead("Lost", type="opportunity", stage_id=self.negotiation_stage.id)
        lost.action_set_lost()
        paid = self.lead("Paid", type="opportunity")
        paid.action_set_won()
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_1.id,
                "user_id": self.rep_a.id,
                "opportunity_id": paid.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.service.id,
                            "product_uom_qty": 2,
                            "price_unit": 100,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.env.flush_all()
        Report = self.env["sales.funnel.report"]
        domain = [("source_id", "=", self.source.id)]
        [totals] = Report.read_group(
            domain,
            [
                "lead_count:sum",
                "opportunity_count:sum",
                "won_count:sum",
                "lost_count:sum",
                "invoiced_count:sum",
                "paid_count:sum",
                "won_rate:avg",
                "paid_amount:sum",
            ],
            ["medium_id"],
        )
        self.assertEqual(totals["lead_count"], 4)
        self.assertEqual(totals["opportunity_count"], 3)
        self.assertEqual(totals["won_count"], 1)
        self.assertEqual(totals["lost_count"], 1)
        self.assertEqual(totals["invoiced_count"], 1)
        self.assertEqual(totals["paid_count"], 1)
        self.assertAlmostEqual(totals["won_rate"], 25.0)
        self.assertAlmostEqual(totals["paid_amount"], 200.0)
        # where deals drop: the stage of the lost ones
        row = Report.search([*domain, ("lost_count", "=", 1)])
        self.assertEqual(row.stage_id, self.negotiation_stage)
        # salespeople see their own leads only
        other = self.lead("Rep B's", user=self.rep_b)
        self.assertNotIn(other, Report.with_user(self.rep_a).search(domain).lead_id)
        self.assertIn(other, Report.with_user(self.manager).search(domain).lead_id)

    def test_time_in_stage(self):
        lead = self.create_opportunity(self.rep_a, 20, 1000, date(2026, 4, 1))
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = '2026-03-01 10:00:00' WHERE id = %s",
            [lead.id],
        )
        # the stage changes as the chatter tracks them
        field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        for when, old, new in (
            ("2026-03-04 10:00:00", self.open_stage, self.negotiation_stage),
            ("2026-03-10 10:00:00", self.negotiation_stage, self.won_stage),
        ):
            self.env["mail.message"].sudo().create(
                {
                    "model": "crm.lead",
                    "res_id": lead.id,
                    "date": when,
                    "message_type": "notification",
                    "tracking_value_ids": [
                        Command.create(
                            {
                                "field_id": field.id,
                                "old_value_integer": old.id,
                                "new_value_integer": new.id,
                                "old_value_char": old.name,
                                "new_value_char": new.name,
                            }
                        )
                    ],
                }
            )
        rows = self.env["sales.stage.duration.report"].search(
            [("lead_id", "=", lead.id)], order="date_left"
        )
        self.assertEqual(rows.stage_id, self.open_stage | self.negotiation_stage)
        self.assertAlmostEqual(rows[0].days, 3.0)
        self.assertAlmostEqual(rows[1].days, 6.0)
        self.assertEqual(rows[1].next_stage_id, self.won_stage)
        [group] = self.env["sales.stage.duration.report"].read_group(
            [("lead_id", "=", lead.id)], ["days:avg"], []
        )
        self.assertAlmostEqual(group["days"], 4.5)
        self.assertFalse(
            self.env["sales.stage.duration.report"]
            .with_user(self.rep_b)
            .search([("lead_id", "=", lead.id)])
        )
