# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
class TestForecastCategory(ForecastCommon):
    def lead(self, probability, stage=None, user=None):
        lead = self.create_opportunity(
            user or self.rep_a, probability, 1000, date(2026, 3, 20)
        )
        if stage:
            lead.stage_id = stage
            lead.probability = probability
        return lead

    def test_mapping_follows_probability_and_stage(self):
        low, mid, high = self.lead(10), self.lead(45), self.lead(80)
        self.assertEqual(low.forecast_category, "pipeline")
        self.assertEqual(mid.forecast_category, "best_case")
        self.assertEqual(high.forecast_category, "commit")
        # boundaries: the start of a row is included, its end excluded
        self.assertEqual(self.lead(30).forecast_category, "best_case")
        self.assertEqual(self.lead(100 - 0.01).forecast_category, "commit")
        # the rows of the stage come before the general rows
        negotiation = self.lead(20, stage=self.negotiation_stage)
        self.assertEqual(negotiation.forecast_category, "best_case")
        negotiation.probability = 55
        self.assertEqual(negotiation.forecast_category, "commit")
        low.probability = 65
        self.assertEqual(low.forecast_category, "commit")

    def test_won_closed_lost_omitted(self):
        won = self.create_opportunity(
            self.rep_a, 50, 1000, date(2026, 3, 1), won_on=date(2026, 3, 2)
        )
        self.assertEqual(won.forecast_category, "closed")
        lost = self.lead(40)
        lost.action_set_lost()
        self.assertEqual(lost.forecast_category, "omitted")
        lost.action_unarchive()
        self.assertNotIn(lost.forecast_category, ("omitted", "closed"))

    def test_manual_choice_sticks(self):
        lead = self.lead(10)
        lead.forecast_category = "commit"
        self.assertEqual(lead.forecast_category_manual, "commit")
        lead.probability = 45
        self.assertEqual(lead.forecast_category, "commit")
        # a mapping change leaves it alone, and updates the others
        other = self.lead(10)
        self.mapping.rule_ids.filtered(
            lambda r: r.probability_from == 0
        ).category = "omitted"
        self.assertEqual(other.forecast_category, "omitted")
        self.assertEqual(lead.forecast_category, "commit")
        # won wins over the choice, which comes back if the deal reopens
        lead.write({"stage_id": self.won_stage.id, "probability": 100})
        self.assertEqual(lead.forecast_category, "closed")
        lead.write({"stage_id": self.open_stage.id, "probability": 45})
        self.assertEqual(lead.forecast_category, "commit")
        lead.action_reset_forecast_category()
        self.assertFalse(lead.forecast_category_manual)
        self.assertEqual(lead.forecast_category, "best_case")

    def test_category_changes_are_tracked(self):
        lead = self.lead(10).with_context(tracking_disable=False, mail_notrack=False)
        self.env.flush_all()
        self.env.cr.precommit.run()
        lead.forecast_category = "best_case"
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = lead.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "forecast_category"
        )
        self.assertTrue(tracked)

    def test_sql_mapping_equals_orm(self):
        leads = self.env["crm.lead"]
        for probability in (0, 10, 29.99, 30, 59, 60, 99, 100):
            leads |= self.lead(probability)
            leads |= self.lead(probability, stage=self.negotiation_stage)
        leads[2].forecast_category = "omitted"
        expected = {lead.id: lead.forecast_category for lead in leads}
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET forecast_category = NULL WHERE id = ANY(%s)",
            [leads.ids],
        )
        changed = self.env["crm.lead"]._apply_forecast_mapping(leads.ids)
        self.assertEqual(set(changed), set(leads.ids))
        self.assertEqual({lead.id: lead.forecast_category for lead in leads}, expected)
        # nothing to change: nothing written
        self.assertFalse(self.env["crm.lead"]._apply_forecast_mapping(leads.ids))

    def test_mapping_changes_are_tracked(self):
        lead = self.lead(40)
        self.assertEqual(lead.forecast_category, "best_case")
        # the mapping moves 40 % to commit: the change is in the chatter
        self.mapping.rule_ids.filtered(
            lambda rule: not rule.stage_id and rule.probability_from == 30
        ).category = "commit"
        self.env.flush_all()
        self.env["crm.lead"]._apply_forecast_mapping(lead.ids)
        self.assertEqual(lead.forecast_category, "commit")
        tracked = lead.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "forecast_category"
        )
        self.assertEqual(tracked[:1].old_value_char, "Best Case")
        self.assertEqual(tracked[:1].new_value_char, "Commit")

    def test_default_mapping_for_companies_without_their_own(self):
        other = self.env["res.company"].create({"name": "Other company"})
        default = self.env["sales.forecast.category.mapping"]._get_for_company(other)
        self.assertFalse(default.company_id)
        own = self.env["sales.forecast.category.mapping"]._get_for_company(self.company)
        self.assertEqual(own, self.mapping)

    def test_mapping_edits_saved_together(self):
        # moving a boundary touches two rows: checked once both are saved
        first = self.mapping.rule_ids.filtered(
            lambda r: not r.stage_id and r.probability_from == 0
        )
        second = self.mapping.rule_ids.filtered(
            lambda r: not r.stage_id and r.probability_from == 30
        )
        self.mapping.write(
            {
                "rule_ids": [
                    Command.update(first.id, {"probability_to": 20}),
                    Command.update(second.id, {"probability_from": 20}),
                ]
            }
        )
        self.assertEqual(self.lead(25).forecast_category, "best_case")


@tagged("post_install", "-at_install")
class TestForecastCategoryBadInput(ForecastCommon):
    def assert_rejected(self, commands, message):
        before = self.mapping.rule_ids.read(
            ["stage_id", "probability_from", "probability_to", "category"]
        )
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                self.mapping.write({"rule_ids": commands})
        self.mapping.invalidate_recordset()
        after = self.mapping.rule_ids.read(
            ["stage_id", "probability_from", "probability_to", "category"]
        )
        self.assertEqual(before, after, "nothing saved")

    def general_row(self, start):
        return self.mapping.rule_ids.filtered(
            lambda r: not r.stage_id and r.probability_from == start
        )

    def test_gap(self):
        self.assert_rejected(
            [Command.update(self.general_row(0).id, {"probability_to": 20})],
            "leave a gap between 20 % and 30 %",
        )

    def test_gap_at_the_end(self):
        self.assert_rejected(
            [Command.update(self.general_row(60).id, {"probability_to": 90})],
            "leave a gap between 90 % and 100 %",
        )

    def test_overlap(self):
        self.assert_rejected(
            [Command.update(self.general_row(0).id, {"probability_to": 40})],
            "overlap between 30 % and 40 %",
        )

    def test_overlap_in_a_stage(self):
        self.assert_rejected(
            [
                Command.create(
                    {
                        "stage_id": self.negotiation_stage.id,
                        "probability_from": 40,
                        "probability_to": 60,
                        "category": "commit",
                    }
                )
            ],
            "of the stage Negotiation \\(test\\) .* overlap",
        )

    def test_removed_row_leaves_a_gap(self):
        self.assert_rejected([Command.delete(self.general_row(30).id)], "gap")

    def test_no_general_rows(self):
        self.assert_rejected(
            [
                Command.delete(rule.id)
                for rule in self.mapping.rule_ids.filtered(lambda r: not r.stage_id)
            ],
            "needs rows without a stage",
        )

    def test_invalid_range(self):
        self.assert_rejected(
            [Command.update(self.general_row(60).id, {"probability_to": 120})],
            "not a valid range",
        )

    def test_direct_row_edit_checked(self):
        with self.assertRaisesRegex(ValidationError, "gap"):
            with self.env.cr.savepoint():
                self.general_row(0).probability_to = 10
        with self.assertRaisesRegex(ValidationError, "gap"):
            with self.env.cr.savepoint():
                self.general_row(30).unlink()
