# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..models import crm_lead as crm_lead_module
from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestLeadScoringRules(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.scoring.rule"].search([]).active = False
        Rule = cls.env["sales.scoring.rule"]
        cls.source_fair = cls.env["utm.source"].create({"name": "Trade fair"})
        cls.rule_fair = Rule.create(
            {
                "name": "From a trade fair",
                "domain": f"[('source_id', '=', {cls.source_fair.id})]",
                "points": 60,
            }
        )
        cls.rule_phone = Rule.create(
            {"name": "No phone", "domain": "[('phone', '=', False)]", "points": -10}
        )
        cls.rule_revenue = Rule.create(
            {
                "name": "Big deal",
                "domain": "[('expected_revenue', '>=', 10000)]",
                "points": 30,
                "decay_per_week": 10,
            }
        )
        cls.rule_customer = Rule.create(
            {
                "name": "Existing customer",
                "applies_on": "partner",
                "domain": "[('customer_rank', '>', 0)]",
                "points": 15,
            }
        )
        cls.grade_a = cls.env.ref("sales_management.scoring_grade_a")
        cls.grade_d = cls.env.ref("sales_management.scoring_grade_d")

    def _lead(self, **vals):
        return self.env["crm.lead"].create(
            {"name": "Lead", "type": "opportunity", "user_id": self.rep_a.id, **vals}
        )

    def test_points_add_up_and_explain(self):
        lead = self._lead(source_id=self.source_fair.id, expected_revenue=20000)
        self.assertEqual(lead.sm_rule_score, 80)
        self.assertEqual(lead.sm_score, 80)
        self.assertEqual(lead.sm_grade_id, self.grade_a)
        self.assertEqual(lead.sm_score_source, "rules")
        self.assertEqual(lead.sm_priority_value, 16000)
        self.assertIn("+60  From a trade fair", lead.sm_rule_detail_text)
        self.assertIn("-10  No phone", lead.sm_rule_detail_text)

    def test_score_is_capped_and_graded(self):
        lead = self._lead()
        self.assertEqual(lead.sm_rule_score, -10)
        self.assertEqual(lead.sm_score, 0)
        self.assertEqual(lead.sm_grade_id, self.grade_d)

    def test_stars_follow_the_grade_when_asked(self):
        hot = self._lead(source_id=self.source_fair.id, expected_revenue=20000)
        self.assertEqual(hot.priority, "0")
        self.company.sm_priority_from_grade = True
        hot.expected_revenue = 21000
        cold = self._lead(name="Cold lead", priority="2")
        self.assertEqual(hot.sm_grade_id, self.grade_a)
        self.assertEqual(hot.priority, "3")
        self.assertEqual(cold.sm_grade_id, self.grade_d)
        self.assertEqual(cold.priority, "0")

    def test_rescored_when_the_lead_changes(self):
        lead = self._lead(phone="+32 2 555 00 00")
        self.assertEqual(lead.sm_rule_score, 0)
        lead.source_id = self.source_fair
        self.assertEqual(lead.sm_rule_score, 60)
        lead.phone = False
        self.assertEqual(lead.sm_rule_score, 50)

    def test_rescored_only_when_a_scored_field_changes(self):
        lead = self._lead(phone="+32 2 555 00 00")
        scored = lead.sm_scored_date
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sales_lead_score SET scored_date = scored_date - interval '1 day'"
            " WHERE id = %s",
            [lead.sm_score_id.id],
        )
        self.env.invalidate_all()
        before = lead.sm_scored_date
        self.assertLess(before, scored)
        # a field no score reads: not rescored
        lead.description = "<p>Met at the stand</p>"
        self.assertEqual(lead.sm_scored_date, before)
        # a field of a rule's condition: rescored
        lead.phone = False
        self.assertGreater(lead.sm_scored_date, before)
        self.assertEqual(lead.sm_rule_score, -10)

    def test_customer_rule(self):
        self.customer_1.customer_rank = 1
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer_1.id}
        )
        lead = self._lead(partner_id=contact.id, phone="1")
        self.assertEqual(lead.sm_rule_score, 15)

    def test_decay_without_contact(self):
        with freeze_time("2026-03-01 10:00:00"):
            lead = self._lead(expected_revenue=50000, phone="1")
            self.assertEqual(lead.sm_rule_score, 30)
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s",
            [datetime(2026, 3, 1, 10), lead.id],
        )
        with freeze_time("2026-03-16 12:00:00"):
            lead._sm_compute_scores()
            self.assertEqual(lead.sm_rule_score, 10)
            lead.message_post(body="Called the customer", message_type="comment")
            lead._sm_compute_scores()
            self.assertEqual(lead.sm_rule_score, 30)
        with freeze_time("2026-05-01 12:00:00"):
            lead._sm_compute_scores()
            self.assertEqual(lead.sm_rule_score, 0)

    def test_invalid_condition_cannot_be_saved(self):
        with self.assertRaises(ValidationError):
            self.env["sales.scoring.rule"].create(
                {"name": "Broken", "domain": "[('no_such_field', '=', 1)]", "points": 5}
            )
        with self.assertRaises(ValidationError):
            self.rule_fair.domain = "[('source_id', '=' "
        with self.assertRaises(ValidationError):
            self.rule_fair.decay_per_week = -1

    def test_only_managers_edit_rules(self):
        with self.assertRaises(AccessError):
            self.env["sales.scoring.rule"].with_user(self.rep_a).create(
                {"name": "Mine", "domain": "[]", "points": 100}
            )
        with self.assertRaises(AccessError):
            self.rule_fair.with_user(self.leader).points = 100
        # a salesperson scores leads through the rules without reading them all
        lead = (
            self.env["crm.lead"]
            .with_user(self.rep_a)
            .create({"name": "Own", "source_id": self.source_fair.id, "phone": "1"})
        )
        self.assertEqual(lead.sm_rule_score, 60)
        self.rule_fair.with_user(self.manager).points = 70

    def _leads_scored_two_days_ago(self, count=5):
        leads = self.env["crm.lead"]
        for index in range(count):
            leads |= self._lead(name=f"Lead {index}")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sales_lead_score SET scored_date = %s WHERE lead_id = ANY(%s)",
            [datetime.now() - timedelta(days=2), leads.ids],
        )
        self.env["sales.lead.score"].invalidate_model(["scored_date"])
        return leads

    def test_nightly_job_in_batches(self):
        leads = self._leads_scored_two_days_ago()
        Lead = self.env["crm.lead"]
        domain = [
            ("id", "in", leads.ids),
            ("sm_scored_date", "<", datetime.now().date()),
        ]
        self.assertEqual(Lead.search_count(domain), 5)
        while Lead._cron_score_leads(batch_size=2):
            pass
        self.assertEqual(Lead.search_count(domain), 0)

    def test_nightly_job_call_stops_when_its_time_is_spent(self):
        self._leads_scored_two_days_ago()
        Lead = self.env["crm.lead"]
        # every lead the job has to score (other stale leads of the database too)
        domain = Lead._sm_get_rescoring_domain() + [
            ("sm_scored_date", "<", datetime.now().date()),
        ]
        stale = Lead.search_count(domain)
        self.assertGreaterEqual(stale, 5)
        with patch.object(crm_lead_module, "SCORING_CHUNK", 2):
            # no time left after the first chunk of two
            self.assertEqual(Lead._cron_score_leads(time_budget=0), 2)
            self.assertEqual(Lead.search_count(domain), stale - 2)
            # with time, chunk after chunk up to the batch size
            self.assertEqual(Lead._cron_score_leads(batch_size=3), 3)
            while Lead._cron_score_leads():
                pass
        self.assertEqual(Lead.search_count(domain), 0)

    def test_best_leads_order(self):
        small = self._lead(source_id=self.source_fair.id, expected_revenue=1000)
        big = self._lead(source_id=self.source_fair.id, expected_revenue=8000)
        cold = self._lead(expected_revenue=90000, phone="1")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management.crm_lead_action_best"
        )
        found = self.env["crm.lead"].search(
            [("id", "in", (small | big | cold).ids)], order="sm_priority_value desc"
        )
        self.assertEqual(action["res_model"], "crm.lead")
        self.assertEqual(found[0], cold)
        self.assertEqual(found[1], big)

    def test_rules_score_their_own_company_only(self):
        other = self.env["res.company"].create({"name": "Other Company (scoring)"})
        self.assertEqual(self.rule_fair.company_id, self.company)
        rule_other = self.env["sales.scoring.rule"].create(
            {
                "name": "Other company's fair rule",
                "company_id": other.id,
                "domain": f"[('source_id', '=', {self.source_fair.id})]",
                "points": 5,
            }
        )
        here = self._lead(source_id=self.source_fair.id)
        there = self.env["crm.lead"].create(
            {
                "name": "Lead of the other company",
                "type": "opportunity",
                "company_id": other.id,
                "source_id": self.source_fair.id,
            }
        )
        self.assertEqual(here.sm_rule_score, 50)  # +60 fair, -10 phone
        self.assertEqual(there.sm_rule_score, 5)
        self.assertNotIn(rule_other.name, here.sm_rule_detail_text)
        self.assertNotIn(self.rule_fair.name, there.sm_rule_detail_text)

    def test_manager_cannot_create_rule_for_another_company(self):
        other = self.env["res.company"].create({"name": "Foreign Company (scoring)"})
        with self.assertRaises(AccessError):
            self.env["sales.scoring.rule"].with_user(self.manager).create(
                {"name": "Foreign", "company_id": other.id, "domain": "[]", "points": 1}
            )
