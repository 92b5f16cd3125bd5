# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOnboardingTour(HttpCase):
    """The guided setup in the browser, in English and in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        # a company of its own, with one plan: the first step done only
        cls.company = cls.env["res.company"].create({"name": "Tour Onboarding Co"})
        cls.admin.company_ids |= cls.company
        cls.env["sales.quota.plan"].with_company(cls.company).create(
            {
                "name": "Tour plan",
                "metric": "sale",
                "period_type": "month",
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 3, 31),
                "company_id": cls.company.id,
            }
        )

    def _run(self):
        self.admin.company_id = self.company
        self.start_tour(
            "/odoo/action-sales_management.sales_quota_plan_action",
            "sales_management_onboarding_tour",
            login="admin",
        )
        panel = (
            self.env["onboarding.onboarding"]
            .with_user(self.admin)
            .with_company(self.company)
            .sm_get_panel()
        )
        self.assertEqual(panel, {}, "hidden by the tour")

    def test_onboarding_panel(self):
        self._run()

    def test_onboarding_panel_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "in", ("onboarding", "sales_management"))]
        )._update_translations(["fr_FR"])
        self.admin.lang = "fr_FR"
        self._run()
        step = self.env.ref("sales_management.onboarding_step_scoring_rules")
        self.assertEqual(
            step.with_context(lang="fr_FR").title, "Revoir les règles de score"
        )
