# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestHiringPlanChartTour(HttpCase):
    """The capacity chart of the demo hiring plan in the browser."""

    def test_hiring_plan_chart(self):
        plan = self.env.ref(
            "sales_management_recruiting.demo_hiring_plan_next_year",
            raise_if_not_found=False,
        )
        if not plan:
            self.skipTest("the demo hiring plan is not in this database")
        plan.action_compute()
        self.assertGreater(len(plan.sm_chart["labels"]), 1)
        self.start_tour(
            f"/odoo/action-sales_management_recruiting.sales_hiring_plan_action/{plan.id}",
            "sales_management_hiring_plan_chart_tour",
            login="admin",
        )
