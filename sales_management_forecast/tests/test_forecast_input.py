# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
class TestForecastInput(ForecastCommon):
    """The forecast's fields on Odoo's own records refuse unusable values."""

    def test_lead_category_refuses_unknown_values(self):
        lead = self.env["crm.lead"].create(
            {"name": "Input", "type": "opportunity", "user_id": self.rep_a.id}
        )
        before = lead.forecast_category
        for value in ("maybe", 3, ["commit"], {"a": 1}):
            with self.assertRaises(ValidationError, msg=repr(value)):
                lead.with_user(self.rep_a).write({"forecast_category": value})
            with self.assertRaises(ValidationError, msg=repr(value)):
                lead.with_user(self.rep_a).write({"forecast_category_manual": value})
        lead.invalidate_recordset()
        self.assertEqual(lead.forecast_category, before)
        lead.with_user(self.rep_a).write({"forecast_category": "commit"})
        self.assertEqual(lead.forecast_category, "commit")

    def test_company_and_settings_refuse_bad_numbers(self):
        for value in (float("nan"), float("inf"), "abc", [2], -1, 1000, 2.5):
            with self.assertRaises(ValidationError, msg=repr(value)):
                self.company.write({"forecast_accuracy_weeks": value})
            with self.assertRaises(ValidationError, msg=repr(value)):
                self.env["res.config.settings"].create(
                    {"forecast_snapshot_interval_number": value}
                )
        self.assertEqual(self.company.forecast_accuracy_weeks, 2)
