# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The methods the web client calls that only read are marked
``@api.readonly``, so that Odoo serves their calls on the read-only cursor
(the read replica when one is set): the drill-downs of the buttons and the
setup panel. Each is called here as the client calls it, in a read-only
transaction, as a sales manager and, where the button is theirs, as a
salesperson or a team leader; a method marked without its call here fails
the test."""

from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .read_only import (
    ReadonlyCall,
    check_readonly_calls,
    check_readonly_calls_complete,
    readonly_methods,
)
from .test_scorecard import ScorecardCommon

TODAY = date(2026, 3, 20)
ADDON = "sales_management"
# the addons whose tests call every method they mark @api.readonly
TESTED_ADDONS = {
    "sales_management",
    "sales_management_forecast",
    "sales_management_recruiting",
}


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestReadonlyMethods(ScorecardCommon):
    """March 2026 of ``ScorecardCommon``, on 20 March: the target of North
    for the month (its current target), a review of rep A's month, a
    follow-up of rep A and the customers' cadence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quota_a = cls.env["sales.quota"].search(
            [("user_id", "=", cls.rep_a.id), ("date_from", "=", date(2026, 3, 1))]
        )
        cls.plan = cls.quota_a.plan_id
        cls.create_quota(cls.plan, cls.team_north, date(2026, 3, 1), 5000)
        cls.open_lead = cls.create_opportunity(cls.rep_a, 40, 1500, date(2026, 3, 30))
        cls.open_lead.partner_id = cls.customer_1
        cls.env["sales.customer.cadence"]._refresh_all(cls.company, today=TODAY)
        cls.review = cls.env["sales.evaluation"].create(
            {"user_id": cls.rep_a.id, "period_id": cls.march.id}
        )
        cls.review.action_share()
        cls.rule = cls.env["sales.followup.rule"].create(
            {
                "name": "Stalled opportunities (read only)",
                "kind": "stalled_stage",
                "company_id": cls.company.id,
                "activity_type_id": cls.env.ref("mail.mail_activity_data_todo").id,
                "summary": "Follow up",
            }
        )
        # as the scheduled job writes it
        cls.followup = (
            cls.env["sales.followup.log"]
            .sudo()
            .create(
                {
                    "rule_id": cls.rule.id,
                    "company_id": cls.company.id,
                    "res_model": "crm.lead",
                    "res_id": cls.open_lead.id,
                    "res_name": cls.open_lead.name,
                    "episode": "2026-03-01",
                    "user_id": cls.rep_a.id,
                    "team_id": cls.team_north.id,
                }
            )
        )

    def scorecard_figures(self):
        """The figures of the scorecard form's drill-down buttons."""
        arch = self.env["sales.scorecard"].get_views([(False, "form")])["views"]
        buttons = etree.fromstring(arch["form"]["arch"]).xpath(
            "//button[@name='action_view_figure']"
        )
        return [
            safe_eval(button.get("context"))["scorecard_figure"] for button in buttons
        ]

    def check_panel(self, panel):
        """The manager's panel lists its steps."""
        self.assertTrue(panel["steps"])
        self.assertIn(
            "action_open_step_sm_target_plan",
            [step["action"] for step in panel["steps"]],
        )

    def check_report(self, action):
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")

    def readonly_calls(self):
        manager, rep, leader = self.manager, self.rep_a, self.leader
        both = (manager, rep)
        # a row of the customer's timeline the salesperson sees
        Timeline = self.env["sales.customer.timeline"].with_user(rep)
        timeline_row = Timeline.search(
            [("partner_id", "=", self.customer_1.id), ("kind", "=", "order")], limit=1
        ).with_env(self.env)
        self.assertTrue(timeline_row)
        card = self.card(rep)
        partner, Step = self.customer_1, self.env["onboarding.onboarding.step"]
        return [
            ReadonlyCall(
                partner, "action_sm_open_timeline", both, "sales.customer.timeline"
            ),
            ReadonlyCall(partner, "action_sm_view_orders", both, "sale.order"),
            ReadonlyCall(partner, "action_sm_view_pipeline", both, "crm.lead"),
            ReadonlyCall(partner, "action_sm_view_closed", both, "crm.lead"),
            ReadonlyCall(partner, "action_sm_view_cadence", both, "sale.order"),
            ReadonlyCall(timeline_row, "action_open_record", both, "sale.order"),
            ReadonlyCall(self.rule, "action_view_logs", both, "sales.followup.log"),
            ReadonlyCall(self.followup, "action_open_record", both, "crm.lead"),
            ReadonlyCall(self.quota_a, "action_view_achieved", both, "sale.order"),
            ReadonlyCall(self.quota_a, "action_view_pipeline", both, "crm.lead"),
            ReadonlyCall(
                self.team_north,
                "action_view_current_quota",
                (manager, leader),
                "sale.order",
            ),
            ReadonlyCall(self.plan, "action_view_quotas", both, "sales.quota"),
            ReadonlyCall(
                self.plan,
                "action_open_distribute",
                (manager,),
                "sales.quota.distribute",
            ),
            ReadonlyCall(
                self.plan, "action_export_xlsx", both, check=self.check_report
            ),
            ReadonlyCall(self.march, "action_view_scorecards", both, "sales.scorecard"),
            ReadonlyCall(
                self.march, "action_export_xlsx", both, check=self.check_report
            ),
            ReadonlyCall(self.review, "action_view_scorecard", both, "sales.scorecard"),
            *(
                ReadonlyCall(
                    card,
                    "action_view_figure",
                    both,
                    card._get_kpi_domain(figure)[0],
                    context={"scorecard_figure": figure},
                )
                for figure in self.scorecard_figures()
            ),
            ReadonlyCall(
                self.env["onboarding.onboarding"],
                "sm_get_panel",
                (manager,),
                check=self.check_panel,
            ),
            ReadonlyCall(
                self.env["onboarding.onboarding"],
                "sm_get_panel",
                (rep,),
                check=lambda panel: self.assertEqual(panel, {}),
            ),
            ReadonlyCall(
                Step, "action_open_step_sm_target_plan", (manager,), "sales.quota.plan"
            ),
            ReadonlyCall(
                Step, "action_open_step_sm_distribute", (manager,), "sales.quota.plan"
            ),
        ]

    def test_readonly_methods_write_nothing(self):
        calls = self.readonly_calls()
        made = check_readonly_calls(self, calls)
        self.assertGreater(made, 2 * len(self.scorecard_figures()))

    def test_every_readonly_method_is_called(self):
        check_readonly_calls_complete(self, ADDON, self.readonly_calls())

    def test_every_addon_calls_its_readonly_methods(self):
        """The marked methods of another addon of the repository are called
        by that addon's own test (``test_readonly_methods``)."""
        addons = set(readonly_methods(self.registry).values())
        self.assertIn(ADDON, addons)
        self.assertLessEqual(addons, TESTED_ADDONS)
