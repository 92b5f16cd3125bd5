# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A training and the salespeople saving leads meanwhile: the training locks
the score rows it rewrites before anything else, so that a save waits for
it (and is then scored by the new model) instead of failing it at its end.
``setup/race`` plays the same with several Odoo workers."""

import random
from unittest.mock import patch

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestLeadScoringTrainLock(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.scoring.rule"].search([]).active = False
        cls.fair = cls.env["utm.source"].create({"name": "Fair"})
        cls.model = cls.env["sales.scoring.model"].create(
            {"company_id": cls.company.id, "min_closed": 50}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})

    def _leads(self, count, prefix, **values):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"{prefix} {index}",
                    "type": "opportunity",
                    "user_id": self.rep_a.id,
                    "company_id": self.company.id,
                    **values,
                }
                for index in range(count)
            ]
        )

    def _history(self, count=80):
        rng = random.Random(3)
        closed = self._leads(count, "Closed")
        for index, lead in enumerate(closed):
            lead.source_id = self.fair if index % 2 else False
            if rng.random() < (0.8 if lead.source_id else 0.2):
                lead.action_set_won()
            else:
                lead.action_set_lost()
        return closed

    def _train_and_spy(self, busy=None):
        """Train; returns the calls of the lock and of the feature reading,
        in their order, with what the lock returned (``busy``: the leads
        the lock finds being saved, instead of what it found)."""
        Model = type(self.model)
        lock, read = Model._lock_open_scores, Model._lead_features
        calls = []

        def spy_lock(model):
            found = lock(model)
            calls.append(("lock", found))
            return found if busy is None else busy

        def spy_read(model, leads=None):
            calls.append(("read", None))
            return read(model, leads)

        with (
            patch.object(Model, "_lock_open_scores", spy_lock),
            patch.object(Model, "_lead_features", spy_read),
        ):
            self.model.with_user(self.manager).action_train()
        return calls

    def test_training_locks_the_open_scores_first(self):
        self._history()
        open_leads = self._leads(3, "Open")
        calls = self._train_and_spy()
        self.assertEqual(self.model.state, "trained")
        self.assertEqual(
            [name for name, _found in calls],
            ["lock", "read"],
            "the score rows are locked before any feature is read",
        )
        self.assertEqual(calls[0][1], set(), "no lead is being saved")
        for lead in open_leads:
            self.assertEqual(lead.sm_scoring_model_id, self.model)
            self.assertEqual(lead.sm_score_source, "model")

    def test_leads_being_saved_keep_the_score_of_their_save(self):
        self._history()
        saved, other = self._leads(2, "Open")
        rule_score = saved.sm_score_id.read(["score", "source", "scored_date"])
        self._train_and_spy(busy={saved.id})
        self.assertEqual(self.model.state, "trained")
        self.assertEqual(
            saved.sm_score_id.read(["score", "source", "scored_date"]),
            rule_score,
            "the training left its row alone",
        )
        self.assertEqual(other.sm_scoring_model_id, self.model)
        # its next save scores it with the model
        saved.expected_revenue = 2500
        self.assertEqual(saved.sm_scoring_model_id, self.model)

    def test_nightly_training_locks_too(self):
        self._history()
        open_leads = self._leads(2, "Open")
        Model = type(self.model)
        lock = Model._lock_open_scores
        calls = []

        def spy_lock(model):
            calls.append(model)
            return lock(model)

        with patch.object(Model, "_lock_open_scores", spy_lock):
            self.env["sales.scoring.model"]._cron_train_models()
        self.assertEqual(calls, [self.model])
        self.assertEqual(self.model.state, "trained")
        self.assertEqual(open_leads.sm_scoring_model_id, self.model)


@tagged("post_install", "-at_install")
class TestLeadScoringTrainLockTransactions(TransactionCase):
    """The same in two real transactions (two Odoo workers): the lead is
    committed (both must see it) and deleted at the end; the model exists in
    the training's transaction only."""

    def setUp(self):
        super().setUp()
        self.registry = self.env.registry
        with self.registry.cursor() as cr:
            lead = api.Environment(cr, SUPERUSER_ID, {})["crm.lead"].create(
                {"name": "Saved during a training (test)", "type": "opportunity"}
            )
            self.lead_id, self.score_id = lead.id, lead.sm_score_id.id
        self.assertTrue(self.score_id)
        self.addCleanup(self._drop)

    def _drop(self):
        with self.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["crm.lead"].browse(
                self.lead_id
            ).unlink()

    def _model(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        lead = env["crm.lead"].browse(self.lead_id)
        return env["sales.scoring.model"].create({"company_id": lead.company_id.id})

    def _try_lock(self, cr, score_id):
        """Whether ``cr`` can lock the score row at once, as a save would."""
        try:
            with mute_logger("odoo.sql_db"), cr.savepoint(flush=False):
                cr.execute(
                    "SELECT id FROM sales_lead_score WHERE id = %s "
                    "FOR NO KEY UPDATE NOWAIT",
                    [score_id],
                )
            return True
        except errors.LockNotAvailable:
            return False

    def test_save_during_a_training_waits_for_it(self):
        with self.registry.cursor() as training:
            busy = self._model(training)._lock_open_scores()
            self.assertNotIn(self.lead_id, busy)
            with self.registry.cursor() as saving:
                # a save rescoring the lead writes this row: it would wait
                self.assertFalse(self._try_lock(saving, self.score_id))
                saving.rollback()
            training.rollback()

    def test_leads_of_other_scopes_are_not_locked(self):
        with self.registry.cursor() as training:
            model = self._model(training)
            model.team_id = model.env["crm.team"].create({"name": "Other (test)"})
            self.assertNotIn(self.lead_id, model._lock_open_scores())
            with self.registry.cursor() as saving:
                self.assertTrue(self._try_lock(saving, self.score_id))
                saving.rollback()
            training.rollback()

    def test_lead_being_saved_is_left_out(self):
        """The training does not wait for a save under way: the lead is
        left out, and the training's lock on the others holds."""
        with self.registry.cursor() as saving:
            lead = api.Environment(saving, SUPERUSER_ID, {})["crm.lead"]
            lead.browse(self.lead_id).expected_revenue = 1234
            lead.env.flush_all()  # the save holds the lead's score row now
            with self.registry.cursor() as training:
                busy = self._model(training)._lock_open_scores()
                self.assertIn(self.lead_id, busy)
                training.rollback()
            saving.rollback()

    def test_save_committed_since_the_training_started(self):
        """The training fails at once, before it reads or fits anything:
        Odoo retries it from a snapshot that holds the save."""
        with self.registry.cursor() as training:
            model = self._model(training)
            with self.registry.cursor() as saving:
                lead = api.Environment(saving, SUPERUSER_ID, {})["crm.lead"]
                lead.browse(self.lead_id).expected_revenue = 4321
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(errors.SerializationFailure),
            ):
                model._lock_open_scores()
            training.rollback()
