# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SalesManagementCommon

BAD_NUMBERS = [
    float("nan"),
    float("inf"),
    float("-inf"),
    1e300,
    -1e300,
    "abc",
    "nan",
    [1],
    {"a": 1},
    True,
]


@tagged("post_install", "-at_install")
class TestInputGuard(SalesManagementCommon):
    """Values of the wrong type, NaN and absurd sizes: a clear error, nothing written.

    Everything goes through ``create``/``write`` as a JSON-RPC client calls them.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.create_plan()
        cls.quota = cls.create_quota(cls.plan, cls.rep_a, date(2026, 1, 1), 1000.0)
        cls.rule = cls.env["sales.scoring.rule"].create(
            {
                "name": "Has email",
                "domain": "[('email_from', '!=', False)]",
                "points": 10,
            }
        )

    def assert_refused(self, record, field, value):
        before = record.read([field])[0][field]
        with self.assertRaises(ValidationError, msg=f"{field}={value!r}"):
            record.write({field: value})
        record.invalidate_recordset()
        self.assertEqual(record.read([field])[0][field], before)

    def test_nan_decay_refused_and_leads_still_editable(self):
        rule = self.rule.with_user(self.manager)
        for value in BAD_NUMBERS:
            self.assert_refused(rule, "decay_per_week", value)
        lead = self.create_opportunity(self.rep_a, 20, 1000, date(2026, 3, 1))
        lead.with_user(self.rep_a).write({"name": "Still editable"})
        self.assertEqual(lead.name, "Still editable")

    def test_target_amount_refuses_bad_numbers(self):
        quota = self.quota.with_user(self.manager)
        for value in BAD_NUMBERS:
            self.assert_refused(quota, "target_amount", value)
        quota.write({"target_amount": "1500.5"})  # a number sent as text is fine
        self.assertEqual(quota.target_amount, 1500.5)

    def test_integer_refuses_fractions_and_overflow(self):
        rule = self.rule.with_user(self.manager)
        for value in (1.5, 2**40, "ten", float("nan")):
            self.assert_refused(rule, "points", value)

    def test_dates_and_selections(self):
        quota = self.quota.with_user(self.manager)
        for value in ("2026-02-30", "not a date", 12345, [2026, 1, 1]):
            self.assert_refused(quota, "date_from", value)
        rule = self.rule.with_user(self.manager)
        for value in ("planet", 3, ["lead"]):
            self.assert_refused(rule, "applies_on", value)

    def test_many2one_wrong_types(self):
        quota = self.quota.with_user(self.manager)
        for value in ("abc", -1, 10**9, 1.5, [1]):
            self.assert_refused(quota, "user_id", value)

    def test_create_refuses_and_creates_nothing(self):
        Rule = self.env["sales.scoring.rule"].with_user(self.manager)
        count = Rule.search_count([])
        with self.assertRaises(ValidationError):
            Rule.create(
                {"name": "Bad", "domain": "[]", "points": 1, "decay_per_week": "x"}
            )
        self.assertEqual(Rule.search_count([]), count)
