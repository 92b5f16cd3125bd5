# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import random
from datetime import date, datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.sales_scoring_model import FEATURE_VERSION
from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestLeadScoringModel(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.scoring.rule"].search([]).active = False
        cls.fair = cls.env["utm.source"].create({"name": "Fair"})
        cls.cold = cls.env["utm.source"].create({"name": "Cold call"})
        cls.model = cls.env["sales.scoring.model"].create(
            {"company_id": cls.company.id, "min_closed": 50}
        )

    def _closed_history(self, count, seed=7):
        """Closed leads where trade fair leads win far more often."""
        rng = random.Random(seed)
        Lead = self.env["crm.lead"]
        leads = Lead.create(
            [
                {
                    "name": f"Closed {index}",
                    "type": "opportunity",
                    "user_id": self.rep_a.id,
                    "company_id": self.company.id,
                    "source_id": (self.fair if index % 2 else self.cold).id,
                    "expected_revenue": rng.choice([1000, 5000, 20000]),
                }
                for index in range(count)
            ]
        )
        for lead in leads:
            rate = 0.8 if lead.source_id == self.fair else 0.15
            if rng.random() < rate:
                lead.action_set_won()
            else:
                lead.action_set_lost()
        return leads

    def test_not_enough_history_falls_back_to_rules(self):
        self._closed_history(20)
        rule = self.env["sales.scoring.rule"].create(
            {
                "name": "Fair",
                "domain": f"[('source_id', '=', {self.fair.id})]",
                "points": 40,
            }
        )
        self.model.action_train()
        self.assertEqual(self.model.state, "insufficient")
        self.assertIn("Only 20 closed leads", self.model.message)
        lead = self.env["crm.lead"].create(
            {"name": "Open", "type": "opportunity", "source_id": self.fair.id}
        )
        self.assertEqual(lead.sm_score_source, "rules")
        self.assertEqual(lead.sm_score, 40)
        self.assertFalse(lead.sm_probability)
        rule.active = False

    def test_train_validate_score_and_explain(self):
        self._closed_history(200)
        open_fair = self.env["crm.lead"].create(
            {"name": "Open fair", "type": "opportunity", "source_id": self.fair.id}
        )
        open_cold = self.env["crm.lead"].create(
            {"name": "Open cold", "type": "opportunity", "source_id": self.cold.id}
        )
        self.model.action_train()
        self.assertEqual(self.model.state, "trained")
        self.assertEqual(self.model.n_closed, 200)
        self.assertEqual(self.model.n_holdout, 40)
        self.assertGreater(self.model.auc, 0.7)
        self.assertTrue(0 < self.model.brier < 0.25)
        self.assertTrue(self.model.calibration)
        self.assertIn("source", self.model.importance)
        self.assertIn("<table", self.model.calibration_html)
        # the charts: predicted against won by decile, the heaviest features
        chart = self.model.calibration_chart
        won, predicted = (dataset["data"] for dataset in chart["datasets"])
        self.assertEqual(len(chart["labels"]), len(self.model.calibration))
        for (_decile, mean, actual, _count), bar, point in zip(
            self.model.calibration, won, predicted, strict=True
        ):
            self.assertAlmostEqual(bar, round(100 * actual, 1))
            self.assertAlmostEqual(point, round(100 * mean, 1))
        importance = self.model.importance_chart
        shares = importance["datasets"][0]["data"]
        self.assertEqual(shares, sorted(shares, reverse=True))
        self.assertTrue(importance["horizontal"])
        self.assertIn("Source", importance["labels"])
        # each feature's shape: the fair source raises the chance, the cold
        # one lowers it, with the training leads of each
        effects = {c["key"]: c for c in self.model.effects_chart["choices"]}
        source = effects["source"]
        self.assertEqual(source["label"], "Source")
        points = dict(zip(source["labels"], source["datasets"][0]["data"], strict=True))
        fair = next(
            value for label, value in points.items() if label.startswith("Fair")
        )
        cold = next(
            value for label, value in points.items() if label.startswith("Cold")
        )
        self.assertGreater(fair, 0)
        self.assertLess(cold, 0)
        for lead in (open_fair, open_cold):
            self.assertEqual(lead.sm_score_source, "model")
            self.assertEqual(lead.sm_scoring_model_id, self.model)
            self.assertTrue(lead.sm_grade_id)
        self.assertGreater(open_fair.sm_probability, open_cold.sm_probability + 20)
        labels = [label for label, _effect in open_fair.sm_factors]
        self.assertIn("Source: Fair", labels)
        effect = dict(open_fair.sm_factors)["Source: Fair"]
        self.assertGreater(effect, 0)
        self.assertIn("Source: Fair", open_fair.sm_factors_text)
        # a changed lead is rescored at once with the trained model
        open_cold.source_id = self.fair
        self.assertAlmostEqual(
            open_cold.sm_probability, open_fair.sm_probability, delta=5
        )

    def test_engine_retrained_by_another_worker(self):
        """Each worker keeps the parsed engine under the training's key, read
        from the database at each use: an engine another worker trained
        since is parsed again, never scored with the old one."""
        self._closed_history(120)
        self.model.action_train()
        engine = self.model._engine()
        self.assertIs(self.model._engine(), engine, "parsed once")
        key = self.model.engine_key
        self.assertTrue(key)
        # another worker trains again: new JSON and key, committed in its
        # own transaction; nothing is invalidated in this worker's caches
        state = json.loads(self.model.model_json)
        state["metadata"]["n_rows"] = 12345
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sales_scoring_model SET model_json = %s, engine_key = %s "
            "WHERE id = %s",
            [json.dumps(state), "another-training", self.model.id],
        )
        self.model.invalidate_recordset()
        fresh = self.model._engine()
        self.assertIsNot(fresh, engine)
        self.assertEqual(fresh.metadata["n_rows"], 12345)
        # a model trained before the key existed is keyed by its date
        self.model.engine_key = False
        self.assertEqual(self.model._engine_cache_key(), str(self.model.trained_date))

    def test_only_managers_train(self):
        self._closed_history(60)
        with self.assertRaises(AccessError):
            self.model.with_user(self.rep_a).action_train()
        self.assertEqual(self.model.with_user(self.rep_a).state, "new")

    def test_nightly_job(self):
        self._closed_history(80)
        self.env["sales.scoring.model"]._cron_train_models()
        self.assertEqual(self.model.state, "trained")

    def test_customer_history_same_for_one_lead_and_all(self):
        """Past orders counted before the lead's creation, whichever query runs."""
        company = self.env["res.partner"].create(
            {"name": "History Ltd", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": company.id}
        )
        for when in (date(2026, 1, 5), date(2026, 3, 5), date(2026, 6, 5)):
            self.create_order(self.rep_a, when, [(self.laptop, 1, 100)], company)
        leads = self.env["crm.lead"].create(
            [
                {"name": name, "type": "opportunity", "partner_id": contact.id}
                for name in ("Before all", "After two", "After all", "Same instant")
            ]
        )
        leads.flush_recordset()
        created = [
            datetime(2025, 12, 1),
            datetime(2026, 4, 1),
            datetime(2026, 7, 1),
            datetime(2026, 6, 5, 10),  # the third order's very instant
        ]
        self.env.cr.execute(
            "UPDATE crm_lead l SET create_date = v.at "
            "FROM unnest(%s::int[], %s::timestamp[]) AS v(id, at) WHERE l.id = v.id",
            (leads.ids, created),
        )
        leads.invalidate_recordset(["create_date"])
        ids, columns, _details = self.model._lead_features(leads)
        one = dict(zip(ids, columns["past_orders"], strict=True))
        self.assertEqual([one[lead.id] for lead in leads], [0, 2, 3, 2])
        ids, columns, _details = self.model._lead_features()
        every = dict(zip(ids, columns["past_orders"], strict=True))
        self.assertEqual([every[lead.id] for lead in leads], [0, 2, 3, 2])
        amounts = dict(zip(ids, columns["past_order_amount"], strict=True))
        self.assertAlmostEqual(amounts[leads[2].id], 300.0)

    def _features_read(self):
        """(features of the model's leads, what was read in SQL for them).

        The features without the ids of the leads read (``reads`` says it).
        """
        Model = type(self.model)
        reads = []
        original = Model._lead_rows_sql

        def spy(model, lead_ids=None, part="open"):
            reads.append(part if lead_ids is None else set(lead_ids))
            return original(model, lead_ids, part)

        with patch.object(Model, "_lead_rows_sql", autospec=True, side_effect=spy):
            features = self.model._lead_features()
        features[2].pop("read")
        return features, reads

    def _store_exists(self):
        self.env.cr.execute(
            "SELECT feature_store IS NOT NULL FROM sales_scoring_model WHERE id = %s",
            (self.model.id,),
        )
        return self.env.cr.fetchone()[0]

    def test_feature_store(self):
        """Features are kept with the model: only what changed is read again."""
        self._closed_history(60)
        opened = self.env["crm.lead"].create(
            [
                {"name": f"Open {index}", "type": "opportunity", "source_id": source}
                for index, source in enumerate((self.fair.id, self.cold.id) * 2)
            ]
        )
        first, reads = self._features_read()
        self.assertEqual(reads, ["closed", "open"])  # no store yet: every lead
        self.assertTrue(self._store_exists())
        # older than the store's safety margin, as the next day finds them
        self._age_leads_and_messages()
        self._features_read()
        again, reads = self._features_read()
        self.assertEqual(reads, [])  # nothing changed: nothing read
        self.assertEqual(again, first)

        # a message, an edit, a lead won: those three are read again
        opened[0].message_post(body="Called back", message_type="comment")
        opened[1].expected_revenue = 12345
        opened[2].action_set_won()
        (ids, columns, details), reads = self._features_read()
        self.assertEqual(reads, [set(opened[:3].ids)])
        position = {lead_id: index for index, lead_id in enumerate(ids)}
        before = dict(zip(first[0], first[1]["messages"], strict=True))
        self.assertEqual(
            columns["messages"][position[opened[0].id]], before[opened[0].id] + 1
        )
        self.assertEqual(columns["expected_revenue"][position[opened[1].id]], 12345)
        self.assertEqual(sum(details["closed"]), 61)
        self.assertTrue(details["closed"][position[opened[2].id]])
        self.assertLess(position[opened[2].id], 61)  # closed leads come first
        self.assertEqual(len(details["pls"][0]), 61)

        # a renamed source: no other lead is read again (the three above are,
        # changed within the store's safety margin), the source is kept by id
        self.fair.name = "Trade fair"
        (ids, columns, details), reads = self._features_read()
        self.assertEqual(reads, [set(opened[:3].ids)])
        self.assertIn(self.fair.id, columns["source"])

    def _age_leads_and_messages(self):
        """Leads and messages older than the store's safety margin, as the
        next day finds them, and no store yet."""
        self.env.flush_all()
        for table in ("crm_lead", "res_partner"):
            self.env.cr.execute(
                f"UPDATE {table} SET write_date = write_date - interval '3 hours'"
            )
        self.env.cr.execute(
            "UPDATE mail_message SET create_date = create_date - interval '3 hours'"
        )
        self.env.cr.execute(
            "UPDATE sales_scoring_model SET feature_store = NULL WHERE id = %s",
            (self.model.id,),
        )

    def test_feature_store_and_deleted_records(self):
        """The leads that held a deleted source or tag are read again (the
        database empties them without a write), the others are not."""
        self._closed_history(30)
        gone = self.env["utm.source"].create({"name": "Gone"})
        old_tag = self.env["crm.tag"].create({"name": "Old tag"})
        kept_tag = self.env["crm.tag"].create({"name": "Kept tag"})
        leads = self.env["crm.lead"].create(
            [
                {"name": "Gone source", "type": "opportunity", "source_id": gone.id},
                {
                    "name": "Old tag",
                    "type": "opportunity",
                    "tag_ids": [Command.set((old_tag | kept_tag).ids)],
                },
                {
                    "name": "Kept tag",
                    "type": "opportunity",
                    "tag_ids": [Command.set(kept_tag.ids)],
                },
            ]
        )
        self._age_leads_and_messages()
        self._features_read()
        _features, reads = self._features_read()
        self.assertEqual(reads, [])
        (gone | self.env["utm.source"]).unlink()
        old_tag.unlink()
        (ids, columns, _details), reads = self._features_read()
        self.assertEqual(reads, [set(leads[:2].ids)])
        position = {lead_id: index for index, lead_id in enumerate(ids)}
        self.assertIsNone(columns["source"][position[leads[0].id]])
        self.assertEqual(columns["tags"][position[leads[1].id]], kept_tag.ids)
        _features, reads = self._features_read()
        self.assertEqual(reads, [])

    def test_feature_store_not_usable(self):
        """A store of an older version, damaged, or from before the won stages
        changed is read again in full."""
        self._closed_history(20)
        self._age_leads_and_messages()
        first, _reads = self._features_read()
        self.env.cr.execute(
            "SELECT feature_store FROM sales_scoring_model WHERE id = %s",
            (self.model.id,),
        )
        older = json.loads(self.env.cr.fetchone()[0])
        older["header"]["version"] = FEATURE_VERSION - 1
        self.env.cr.execute(
            "UPDATE sales_scoring_model SET feature_store = %s WHERE id = %s",
            (json.dumps(older), self.model.id),
        )
        _features, reads = self._features_read()
        self.assertEqual(reads, ["closed", "open"])
        self.env.cr.execute(
            "UPDATE sales_scoring_model SET feature_store = 'damaged' WHERE id = %s",
            (self.model.id,),
        )
        again, reads = self._features_read()
        self.assertEqual(reads, ["closed", "open"])
        self.assertEqual(again, first)
        _features, reads = self._features_read()
        self.assertEqual(reads, [])
        self.env["crm.stage"].create({"name": "Signed (test)", "is_won": True})
        _features, reads = self._features_read()
        self.assertEqual(reads, ["closed", "open"])

    def _history_by_stage_and_tag(self, count):
        """Closed leads that win more from *Proposal* and with the tag *Hot*;
        won leads keep the tracking of the stage they were won from."""
        rng = random.Random(11)
        proposal = self.env["crm.stage"].create(
            {"name": "Proposal (test)", "sequence": 3}
        )
        hot = self.env["crm.tag"].create({"name": "Hot"})
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Closed {index}",
                    "type": "opportunity",
                    "user_id": self.rep_a.id,
                    "team_id": self.team_north.id,
                    "company_id": self.company.id,
                    "stage_id": (proposal if index % 2 else self.open_stage).id,
                    "tag_ids": [Command.set(hot.ids)] if index % 3 == 0 else [],
                    "expected_revenue": rng.choice([1000, 5000, 20000]),
                }
                for index in range(count)
            ]
        )
        # created in this transaction: their later changes are tracked once the
        # tracking of their creation is done, as after a commit
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = leads.with_context(tracking_disable=False, mail_notrack=False)
        for lead in tracked:
            rate = 0.1 + 0.45 * (lead.stage_id == proposal) + 0.35 * bool(lead.tag_ids)
            if rng.random() < rate:
                lead.action_set_won()
            else:
                lead.action_set_lost()
        self.env.flush_all()
        self.env.cr.precommit.run()  # the stage tracking is written
        return proposal, hot

    def test_renames_and_edits_invalidate_nothing(self):
        """Stages, tags, teams and salespeople are kept by id: renaming them,
        creating a tag or editing a salesperson reads no lead again, and a
        lead's factors show the new names at once."""
        proposal, hot = self._history_by_stage_and_tag(200)
        opened = self.env["crm.lead"].create(
            [
                {
                    "name": f"Open {index}",
                    "type": "opportunity",
                    "user_id": self.rep_a.id,
                    "team_id": self.team_north.id,
                    "stage_id": proposal.id,
                    "tag_ids": [Command.set(hot.ids)],
                }
                for index in range(3)
            ]
        )
        self._age_leads_and_messages()
        self.model.action_train()
        self.assertEqual(self.model.state, "trained")
        self.assertEqual(self.model.n_features_read, 203)  # no store: every lead
        self.model.action_train()
        self.assertEqual(self.model.n_features_read, 0)
        labels = [label for label, _effect in opened[0].sm_factors]
        self.assertIn("Stage: Proposal (test)", labels)
        self.assertIn("Tag: Hot", labels)

        proposal.name = "Offer (test)"
        hot.name = "Very hot"
        self.env["crm.tag"].create({"name": "Brand new"})
        self.team_north.write({"name": "North (renamed)", "color": 3})
        self.rep_a.partner_id.write({"name": "Rep A (renamed)", "phone": "+32 2 123"})
        self.rep_a.write({"signature": "<p>Rep A</p>"})
        opened[1].expected_revenue = 4321
        opened[2].message_post(body="Called back", message_type="comment")
        self.model.action_train()
        self.assertEqual(self.model.n_features_read, 2)
        opened.invalidate_recordset(["sm_factors"])
        labels = [label for label, _effect in opened[0].sm_factors]
        self.assertIn("Stage: Offer (test)", labels)
        self.assertIn("Tag: Very hot", labels)
        self.assertNotIn("Tag: Hot", labels)

    def test_model_trained_on_an_older_version(self):
        """A model trained before the features were kept by id is not used
        (no crash, no wrong score) and the nightly job trains it again."""
        self._closed_history(120)
        lead = self.env["crm.lead"].create(
            {"name": "Open fair", "type": "opportunity", "source_id": self.fair.id}
        )
        self.model.action_train()
        self.assertEqual(self.model.feature_version, FEATURE_VERSION)
        self.assertIn("Source: Fair", [label for label, _e in lead.sm_factors])
        # as stored by the previous version of the addon
        self.model.feature_version = FEATURE_VERSION - 1
        lead.invalidate_recordset(["sm_factors"])
        self.assertFalse(lead.sm_factors)
        lead.expected_revenue = 2500  # rescored by the rules only
        self.assertEqual(lead.sm_score_source, "rules")
        self.env["sales.scoring.model"]._cron_train_models()  # trained today
        self.assertEqual(self.model.feature_version, FEATURE_VERSION)
        self.assertEqual(lead.sm_score_source, "model")
        self.assertIn("Source: Fair", [label for label, _e in lead.sm_factors])

    def test_companies_and_access(self):
        """A model learns from and scores its company's leads only; salespeople
        read the scores and factors of the leads they may see."""
        self._closed_history(120)
        other = self.env["res.company"].create({"name": "Other Co"})
        # closed leads of another company, all won: they must not teach the model
        foreign = self.env["crm.lead"].create(
            [
                {
                    "name": f"Foreign {index}",
                    "type": "opportunity",
                    "company_id": other.id,
                    "source_id": self.cold.id,
                }
                for index in range(60)
            ]
        )
        foreign.action_set_won()
        foreign_open = self.env["crm.lead"].create(
            {"name": "Foreign open", "type": "opportunity", "company_id": other.id}
        )
        mine = self.env["crm.lead"].create(
            {
                "name": "Mine",
                "type": "opportunity",
                "user_id": self.rep_a.id,
                "source_id": self.fair.id,
            }
        )
        theirs = self.env["crm.lead"].create(
            {"name": "Theirs", "type": "opportunity", "user_id": self.rep_c.id}
        )
        self.model.action_train()
        self.assertEqual(self.model.n_closed, 120)
        self.assertFalse(foreign_open.sm_scoring_model_id)
        self.assertEqual(mine.sm_scoring_model_id, self.model)
        # Odoo's own probability on the same held-out leads, for comparison
        self.assertTrue(0 < self.model.odoo_auc <= 1)
        # the salesperson reads the score and factors of their own lead ...
        own = mine.with_user(self.rep_a)
        self.assertTrue(own.sm_grade_id)
        self.assertIn("Source: Fair", [label for label, _effect in own.sm_factors])
        # ... not those of a colleague's lead (Odoo's own-documents rule)
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep_a).read(["sm_score", "sm_factors"])
        # nor may they change the model
        with self.assertRaises(AccessError):
            self.model.with_user(self.rep_a).write({"min_closed": 10})

    def test_team_with_enough_history_gets_its_own_model(self):
        self.model.team_min_closed = 150
        leads = self._closed_history(160)
        leads.team_id = self.team_north
        self._closed_history(40, seed=3).team_id = self.team_south
        self.env["sales.scoring.model"]._cron_train_models()
        team_models = self.env["sales.scoring.model"].search(
            [("company_id", "=", self.company.id), ("team_id", "!=", False)]
        )
        self.assertEqual(team_models.team_id, self.team_north)
        self.assertEqual(team_models.min_closed, self.model.min_closed)
        # no second model on the next run
        self.assertFalse(self.env["sales.scoring.model"]._create_team_models())
        # the team's open leads follow its own model once trained
        team_models._train()
        lead = self.env["crm.lead"].create(
            {"name": "North open", "type": "opportunity", "team_id": self.team_north.id}
        )
        self.assertEqual(lead.sm_scoring_model_id, team_models)
