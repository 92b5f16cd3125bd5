# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ForecastCommon


class SnapshotCommon(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        opportunity = cls.create_opportunity
        cls.lead_a1 = opportunity(cls.rep_a, 80, 1000, date(2026, 3, 10))
        cls.lead_a2 = opportunity(cls.rep_a, 50, 2000, date(2026, 3, 20))
        cls.lead_a3 = opportunity(cls.rep_a, 50, 3000, date(2026, 3, 25))
        cls.lead_a4 = opportunity(cls.rep_a, 50, 4000, date(2026, 4, 25))
        cls.lead_b1 = opportunity(cls.rep_b, 50, 5000, date(2026, 3, 15))
        cls.lead_b2 = opportunity(cls.rep_b, 20, 6000, date(2026, 3, 16))
        cls.lead_b3 = opportunity(cls.rep_b, 20, 7000, date(2026, 3, 17))
        cls.Snapshot = cls.env["sales.forecast.snapshot"]

    def open_leads(self):
        return self.env["crm.lead"].search(
            [
                ("type", "=", "opportunity"),
                ("probability", "<", 100),
                ("company_id", "in", (self.company.id, False)),
            ]
        )


@tagged("post_install", "-at_install")
class TestForecastSnapshot(SnapshotCommon):
    def test_snapshot_by_batches_resumes(self):
        expected = self.open_leads()
        snapshot = self.Snapshot.sudo()._start_snapshots(self.company)
        self.assertEqual(snapshot.state, "running")
        self.assertEqual(snapshot._copy_batch(batch_size=3), 3)
        self.assertEqual(snapshot.state, "running")
        # a second start while one runs starts nothing
        self.assertFalse(self.Snapshot.sudo()._start_snapshots(self.company))
        while snapshot.state == "running":
            snapshot._copy_batch(batch_size=3)
        self.assertEqual(snapshot.line_count, len(expected))
        self.assertEqual(snapshot.line_ids.lead_id, expected)
        self.assertEqual(len(snapshot.line_ids), len(expected), "no duplicate")
        self.assertAlmostEqual(
            snapshot.amount_total, sum(expected.mapped("expected_revenue"))
        )
        line = snapshot.line_ids.filtered(lambda line: line.lead_id == self.lead_a1)
        self.assertEqual(line.forecast_category, "commit")
        self.assertEqual(line.user_id, self.rep_a)
        self.assertEqual(line.date_deadline, date(2026, 3, 10))

    def test_cron_job(self):
        Snapshot = self.Snapshot.with_context(tracking_disable=True)
        calls = 0
        while calls < 1000:
            calls += 1
            Snapshot._cron_take_snapshots(batch_size=4)
            if not Snapshot.search([("state", "=", "running")]):
                break
        snapshot = Snapshot.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(snapshot.state, "done")
        self.assertEqual(snapshot.line_count, len(self.open_leads()))

    def test_snapshots_are_immutable(self):
        snapshot = self.Snapshot._take_snapshot(self.company)
        for record in (snapshot, snapshot.line_ids[0]):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                record.sudo().write({"date": "2020-01-01 00:00:00"})
            with self.assertRaisesRegex(UserError, "cannot be deleted"):
                record.sudo().unlink()
        with self.assertRaises(UserError):
            self.Snapshot.sudo().create({"company_id": self.company.id})
        # read-only for every sales group (UserError or AccessError)
        for user in (self.rep_a, self.leader, self.manager):
            with self.assertRaises(UserError):
                snapshot.with_user(user).write({"date": "2020-01-01 00:00:00"})
            with self.assertRaises(AccessError):
                snapshot.line_ids[0].with_user(user).unlink()

    def test_snapshot_lines_read_like_the_pipeline(self):
        snapshot = self.Snapshot._take_snapshot(self.company)
        Line = self.env["sales.forecast.snapshot.line"]
        domain = [("snapshot_id", "=", snapshot.id)]
        self.assertEqual(
            Line.with_user(self.rep_a).search(domain).lead_id,
            self.lead_a1 | self.lead_a2 | self.lead_a3 | self.lead_a4,
        )
        self.assertEqual(
            len(Line.with_user(self.manager).search(domain)), snapshot.line_count
        )
        # only sales managers take a snapshot by hand
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.rep_a).action_take_snapshot()
        action = self.Snapshot.with_user(self.manager).action_take_snapshot()
        self.assertEqual(action["res_model"], "sales.forecast.snapshot")

    def test_settings_interval(self):
        settings = self.env["res.config.settings"].create(
            {
                "forecast_snapshot_interval_number": 2,
                "forecast_snapshot_interval_type": "days",
            }
        )
        settings.execute()
        cron = self.env.ref("sales_management_forecast.ir_cron_take_pipeline_snapshots")
        self.assertEqual((cron.interval_number, cron.interval_type), (2, "days"))
        values = self.env["res.config.settings"].create({})
        self.assertEqual(values.forecast_snapshot_interval_number, 2)


@tagged("post_install", "-at_install")
class TestForecastWaterfall(SnapshotCommon):
    def take_two_snapshots(self):
        with freeze_time("2026-03-01 08:00:00"):
            first = self.Snapshot._take_snapshot(self.company)
        # between the snapshots
        self.lead_a1.expected_revenue = 1500  # increased by 500
        self.lead_a2.expected_revenue = 1200  # decreased by 800
        self.lead_a3.date_deadline = date(2026, 4, 5)  # slipped out: 3000
        self.lead_a4.date_deadline = date(2026, 3, 30)  # pulled in: 4000
        self.lead_b1.write({"stage_id": self.won_stage.id, "probability": 100})
        self.lead_b2.action_set_lost()  # lost: 6000
        self.new_lead = self.create_opportunity(self.rep_b, 30, 900, date(2026, 3, 29))
        with freeze_time("2026-03-08 08:00:00"):
            second = self.Snapshot._take_snapshot(self.company)
        return first, second

    def waterfall(self, first, second, user=None, **vals):
        Wizard = self.env["sales.forecast.waterfall"]
        if user:
            Wizard = Wizard.with_user(user)
        wizard = Wizard.create(
            {
                "snapshot_from_id": first.id,
                "snapshot_to_id": second.id,
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 31),
                "user_id": False,
                **vals,
            }
        )
        wizard.action_compute()
        return {line.bucket: line for line in wizard.line_ids}

    def test_waterfall(self):
        first, second = self.take_two_snapshots()
        lines = self.waterfall(first, second, team_id=self.team_north.id)
        amounts = {bucket: line.amount for bucket, line in lines.items()}
        self.assertEqual(amounts["start"], 1000 + 2000 + 3000 + 5000 + 6000 + 7000)
        self.assertEqual(amounts["increased"], 500)
        self.assertEqual(amounts["decreased"], -800)
        self.assertEqual(amounts["slipped_out"], -3000)
        self.assertEqual(amounts["pulled_in"], 4000)
        self.assertEqual(amounts["won"], -5000)
        self.assertEqual(amounts["lost"], -6000)
        self.assertEqual(amounts["new"], 900)
        self.assertEqual(amounts["end"], 1500 + 1200 + 4000 + 7000 + 900)
        changes = sum(
            amount
            for bucket, amount in amounts.items()
            if bucket not in ("start", "end")
        )
        self.assertAlmostEqual(amounts["start"] + changes, amounts["end"])
        # every bucket opens its opportunities
        for bucket, lead in (
            ("won", self.lead_b1),
            ("lost", self.lead_b2),
            ("new", self.new_lead),
            ("slipped_out", self.lead_a3),
            ("pulled_in", self.lead_a4),
        ):
            action = lines[bucket].action_view_leads()
            found = (
                self.env["crm.lead"]
                .with_context(**action["context"])
                .search(action["domain"])
            )
            self.assertEqual(found, lead, bucket)

    def test_waterfall_chart(self):
        first, second = self.take_two_snapshots()
        lines = self.waterfall(first, second, team_id=self.team_north.id)
        chart = next(iter(lines.values())).wizard_id.sm_chart
        totals, adds, removes = (dataset["data"] for dataset in chart["datasets"])
        self.assertEqual(len(chart["labels"]), 9)
        start, end = lines["start"].amount, lines["end"].amount
        # the totals stand on zero, first and last
        self.assertEqual(totals[0], [0.0, start])
        self.assertEqual(totals[-1], [0.0, end])
        # new (+900) rises from the start; decreased (-800) falls from the
        # running total after new, pulled in and increased
        self.assertEqual(adds[1], [start, start + 900])
        after_increases = start + 900 + 4000 + 500
        self.assertEqual(removes[4], [after_increases - 800, after_increases])
        # the last change lands on the second pipeline
        self.assertEqual(removes[7][0], end)
        self.assertEqual(chart["stacked"], "x")

    def test_waterfall_compares_the_latest_with_a_day_before_or_more(self):
        first, second = self.take_two_snapshots()
        # another snapshot the same day as the latest: still a week apart
        with freeze_time("2026-03-08 17:00:00"):
            latest = self.Snapshot._take_snapshot(self.company)
        Wizard = self.env["sales.forecast.waterfall"].with_company(self.company)
        values = Wizard.default_get(["snapshot_from_id", "snapshot_to_id"])
        self.assertEqual(values["snapshot_to_id"], latest.id)
        self.assertEqual(values["snapshot_from_id"], first.id)
        self.assertNotEqual(values["snapshot_from_id"], second.id)

    def test_waterfall_of_a_salesperson(self):
        first, second = self.take_two_snapshots()
        lines = self.waterfall(first, second, user=self.rep_a)
        self.assertEqual(lines["start"].amount, 1000 + 2000 + 3000)
        self.assertEqual(lines["won"].amount, 0)
        self.assertEqual(lines["new"].amount, 0)

    def test_waterfall_bad_input(self):
        first, second = self.take_two_snapshots()
        with self.assertRaisesRegex(UserError, "earlier snapshot first"):
            self.waterfall(second, first)
        with self.assertRaisesRegex(UserError, "must end after it starts"):
            self.waterfall(first, second, date_from=date(2026, 4, 1))
