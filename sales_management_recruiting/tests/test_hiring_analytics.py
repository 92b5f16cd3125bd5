# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.modules.migration import load_script
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import RECRUITER, SALES_MANAGER, RecruitingCommon

MIGRATION = "sales_management_recruiting/migrations/18.0.1.2.0/post-migrate.py"


@tagged("post_install", "-at_install")
class TestHiringAnalytics(RecruitingCommon):
    """Time to hire, offer acceptance, sources and stage pass-through on six
    applications of a job of their own, moved through the sales hiring
    pipeline with their stage changes tracked:

    ====  ========  ==============================================  =========
    app   source    stages                                          outcome
    ====  ========  ==============================================  =========
    ada   LinkedIn  screening, role-play, panel, references, offer  hired 30 d
    bea   Referral  screening, panel (role-play skipped), ..., offer  hired 20 d
    cid   LinkedIn  screening, ..., offer                           refused
    dan   LinkedIn  screening, role-play, panel, back to role-play  refused
    eve   Referral  screening                                       ongoing
    fay   (none)    screening, ..., offer                           ongoing
    ====  ========  ==============================================  =========
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def stage(name):
            return cls.env.ref(f"sales_management_recruiting.stage_sales_{name}")

        cls.screening = stage("screening")
        cls.role_play = stage("role_play")
        cls.panel = stage("panel")
        cls.references = stage("references")
        cls.offer = stage("offer")
        cls.hired_stage = stage("hired")
        cls.linkedin = cls.env["utm.source"].create({"name": "LinkedIn (analytics)"})
        cls.referral = cls.env["utm.source"].create({"name": "Referral (analytics)"})
        cls.job_board = cls.env["utm.medium"].create({"name": "Job Board (analytics)"})
        cls.declined = cls.env["hr.applicant.refuse.reason"].create(
            {"name": "Declined the offer (analytics)"}
        )
        cls.not_fit = cls.env["hr.applicant.refuse.reason"].create(
            {"name": "Not a fit (analytics)"}
        )
        cls.sdr_job = cls.env["hr.job"].create(
            {
                "name": "Sales Development Rep (analytics)",
                "company_id": cls.company.id,
                "user_id": cls.recruiter.id,
                "interviewer_ids": [Command.set(cls.interviewer_a.ids)],
                "sales_role": "sdr",
                "sales_team_id": cls.team.id,
                "sales_competency_ids": [
                    Command.create({"competency_id": cls.discovery.id, "weight": 3}),
                    Command.create({"competency_id": cls.closing.id, "weight": 1}),
                ],
            }
        )
        pipeline = (cls.role_play, cls.panel, cls.references, cls.offer)

        def applicant(name, source=None, medium=None):
            record = cls.make_applicant(name, job=cls.sdr_job)
            record.write(
                {
                    "source_id": source and source.id,
                    "medium_id": medium and medium.id,
                }
            )
            return record

        cls.ada = applicant("Ada Analytics", cls.linkedin, cls.job_board)
        cls.bea = applicant("Bea Analytics", cls.referral)
        cls.cid = applicant("Cid Analytics", cls.linkedin, cls.job_board)
        cls.dan = applicant("Dan Analytics", cls.linkedin)
        cls.eve = applicant("Eve Analytics", cls.referral)
        cls.fay = applicant("Fay Analytics")
        # the applications were created by an earlier request: Odoo tracks no
        # change of a record in the transaction that created it
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.move(cls.ada, *pipeline, cls.hired_stage)
        cls.move(cls.bea, cls.panel, cls.references, cls.offer, cls.hired_stage)
        cls.move(cls.cid, *pipeline)
        cls.move(cls.dan, cls.role_play, cls.panel, cls.role_play)
        cls.move(cls.fay, *pipeline)
        cls.cid.write({"refuse_reason_id": cls.declined.id, "active": False})
        cls.dan.write({"refuse_reason_id": cls.not_fit.id, "active": False})
        cls.dates(cls.ada, datetime(2026, 1, 5, 9), datetime(2026, 2, 4, 9))
        cls.dates(cls.bea, datetime(2026, 3, 2, 9), datetime(2026, 3, 22, 9))
        cls.scorecard(
            cls.ada,
            cls.interviewer_a,
            {cls.discovery: 4, cls.closing: 2},
            submit=True,
            recommendation="strong_yes",
        )
        # an application to a job without a sales role: not in the reports
        cls.other = cls.make_applicant("Ole Other", job=cls.other_job)

    @classmethod
    def move(cls, applicant, *stages):
        """Move ``applicant`` through ``stages``, one tracked change each (the
        stage history is logged when the transaction commits)."""
        tracked = applicant.with_context(tracking_disable=False)
        for stage in stages:
            tracked.write({"stage_id": stage.id})
            cls.env.flush_all()
            cls.env.cr.precommit.run()

    @classmethod
    def dates(cls, applicant, applied, hired):
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE hr_applicant SET create_date = %s, date_closed = %s "
                "WHERE id = %s",
                applied,
                hired,
                applicant.id,
            )
        )
        applicant.invalidate_recordset(["create_date", "date_closed"])

    def rows(self, user=None, model="sales.hiring.report", **domain):
        self.env[model].invalidate_model()
        Report = self.env[model].with_user(user or self.recruiter)
        return Report.search(
            [("job_id", "=", self.sdr_job.id)]
            + [(name, "=", value) for name, value in domain.items()]
        )

    def totals(self, model, groupby, aggregates, user=None):
        self.env[model].invalidate_model()
        groups = (
            self.env[model]
            .with_user(user or self.recruiter)
            ._read_group([("job_id", "=", self.sdr_job.id)], groupby, aggregates)
        )
        return {
            group[0] if groupby else None: group[len(groupby) :] for group in groups
        }

    # ------------------------------------------------------------------
    # The hiring analysis
    # ------------------------------------------------------------------

    def test_one_row_per_application_of_sales_jobs(self):
        rows = self.rows()
        self.assertEqual(
            rows.applicant_id,
            self.ada | self.bea | self.cid | self.dan | self.eve | self.fay,
        )
        everything = self.env["sales.hiring.report"].search([])
        self.assertNotIn(self.other, everything.applicant_id)
        # the applications of the common job (no history: their first stage)
        common = everything.filtered(lambda row: row.job_id == self.job)
        self.assertEqual(len(common), 3)
        self.assertEqual(common.furthest_stage_id, self.screening)
        self.assertEqual(set(common.mapped("application_status")), {"ongoing"})

    def test_status_stages_and_sources(self):
        row = {row.applicant_id: row for row in self.rows()}
        self.assertEqual(row[self.ada].application_status, "hired")
        self.assertEqual(row[self.cid].application_status, "refused")
        self.assertEqual(row[self.cid].refuse_reason_id, self.declined)
        self.assertEqual(row[self.eve].application_status, "ongoing")
        # moved back: the furthest stage stays the panel
        self.assertEqual(row[self.dan].stage_id, self.role_play)
        self.assertEqual(row[self.dan].furthest_stage_id, self.panel)
        self.assertEqual(row[self.bea].furthest_stage_id, self.hired_stage)
        self.assertEqual(row[self.ada].source_id, self.linkedin)
        self.assertEqual(row[self.ada].medium_id, self.job_board)
        self.assertEqual(row[self.ada].team_id, self.team)
        self.assertEqual(row[self.ada].date_applied.isoformat(), "2026-01-05")
        self.assertEqual(row[self.ada].date_hired.isoformat(), "2026-02-04")

    def test_time_to_hire(self):
        row = {row.applicant_id: row for row in self.rows()}
        self.assertAlmostEqual(row[self.ada].days_to_hire, 30.0)
        self.assertAlmostEqual(row[self.bea].days_to_hire, 20.0)
        self.assertFalse(row[self.fay].days_to_hire)
        totals = self.totals(
            "sales.hiring.report",
            [],
            ["__count", "hired_count:sum", "days_to_hire:avg", "hire_rate:avg"],
        )
        count, hires, days, rate = totals[None]
        self.assertEqual((count, hires), (6, 2))
        # the mean of the hires only
        self.assertAlmostEqual(days, 25.0)
        self.assertAlmostEqual(rate, 100 / 3)

    def test_hire_recorded_after_the_fact_has_no_time_to_hire(self):
        """An application entered after the hire (its hire date before it was
        recorded) tells nothing of the time to hire: empty, not negative, and
        left out of the mean."""
        self.dates(self.bea, "2026-03-01 09:00:00", "2026-02-01 09:00:00")
        row = {row.applicant_id: row for row in self.rows()}
        self.assertFalse(row[self.bea].days_to_hire)
        self.assertEqual(row[self.bea].application_status, "hired")
        days = self.totals("sales.hiring.report", [], ["days_to_hire:avg"])[None][0]
        self.assertAlmostEqual(days, 30.0)

    def test_offer_acceptance(self):
        row = {row.applicant_id: row for row in self.rows()}
        self.assertEqual(
            {applicant.partner_name: row[applicant].offer_status for applicant in row},
            {
                "Ada Analytics": "accepted",
                "Bea Analytics": "accepted",
                "Cid Analytics": "declined",
                "Dan Analytics": False,
                "Eve Analytics": False,
                "Fay Analytics": "pending",
            },
        )
        totals = self.totals(
            "sales.hiring.report",
            [],
            [
                "offer_count:sum",
                "accepted_count:sum",
                "declined_count:sum",
                "offer_acceptance_rate:avg",
            ],
        )
        offers, accepted, declined, rate = totals[None]
        self.assertEqual((offers, accepted, declined), (4, 2, 1))
        # the pending offer counts for nothing
        self.assertAlmostEqual(rate, 200 / 3)

    def test_source_effectiveness(self):
        totals = self.totals(
            "sales.hiring.report",
            ["source_id"],
            [
                "applicant_count:sum",
                "interviewed_count:sum",
                "offer_count:sum",
                "hired_count:sum",
            ],
        )
        self.assertEqual(
            {source.name or "": tuple(values) for source, values in totals.items()},
            {
                "LinkedIn (analytics)": (3, 3, 2, 1),
                "Referral (analytics)": (2, 1, 1, 1),
                "": (1, 1, 1, 0),
            },
        )
        by_medium = self.totals(
            "sales.hiring.report", ["medium_id"], ["applicant_count:sum"]
        )
        self.assertEqual(by_medium[self.job_board], (2,))

    def test_interview_score(self):
        row = {row.applicant_id: row for row in self.rows()}
        # discovery 4 (weight 3), closing 2 (weight 1)
        self.assertAlmostEqual(row[self.ada].weighted_score, 3.5)
        self.assertEqual(row[self.ada].scorecard_count, 1)
        self.assertFalse(row[self.bea].weighted_score)
        self.assertEqual(row[self.bea].scorecard_count, 0)

    def test_milestones_are_stages_of_the_pipeline(self):
        """Marking the panel as the interviews leaves out whoever stopped
        before it."""
        self.role_play.sales_milestone = False
        self.panel.sales_milestone = "interview"
        totals = self.totals("sales.hiring.report", [], ["interviewed_count:sum"])
        self.assertEqual(totals[None], (5,))
        # without an offer stage, no offer
        self.offer.sales_milestone = False
        totals = self.totals("sales.hiring.report", [], ["offer_count:sum"])
        self.assertEqual(totals[None], (0,))

    def test_migration_marks_the_milestones(self):
        self.role_play.sales_milestone = False
        self.offer.sales_milestone = False
        load_script(MIGRATION, "sales_recruiting_post_migrate").migrate(
            self.env.cr, "18.0.1.1.0"
        )
        self.env.invalidate_all()
        self.assertEqual(self.role_play.sales_milestone, "interview")
        self.assertEqual(self.offer.sales_milestone, "offer")

    # ------------------------------------------------------------------
    # Stage pass-through
    # ------------------------------------------------------------------

    def test_stage_pass_through(self):
        totals = self.totals(
            "sales.hiring.stage.report",
            ["stage_id"],
            [
                "reached_count:sum",
                "passed_count:sum",
                "skipped_count:sum",
                "current_count:sum",
                "dropped_count:sum",
            ],
        )
        self.assertEqual(
            {stage.name: tuple(values) for stage, values in totals.items()},
            {
                "Screening": (6, 5, 0, 1, 0),
                # bea skipped it; dan went past it, then back
                "Sales Role-Play": (5, 5, 1, 0, 0),
                "Panel Interview": (5, 4, 0, 0, 1),
                "References & Past Attainment": (4, 4, 0, 0, 0),
                "Offer": (4, 2, 0, 1, 1),
                "Hired": (2, 0, 0, 0, 0),
            },
        )
        rates = self.totals(
            "sales.hiring.stage.report", ["stage_id"], ["pass_rate:avg"]
        )
        self.assertAlmostEqual(rates[self.screening][0], 500 / 6)
        self.assertAlmostEqual(rates[self.panel][0], 80.0)
        self.assertAlmostEqual(rates[self.offer][0], 50.0)

    def test_stage_rows(self):
        rows = self.rows(model="sales.hiring.stage.report", applicant_id=self.bea.id)
        self.assertEqual(
            rows.mapped("stage_id"),
            self.screening
            | self.role_play
            | self.panel
            | self.references
            | self.offer
            | self.hired_stage,
        )
        skipped = rows.filtered("skipped_count")
        self.assertEqual(skipped.stage_id, self.role_play)
        self.assertEqual(skipped.passed_count, 1)
        # a row is read again by its id
        self.assertEqual(rows.browse(skipped.id).stage_id, self.role_play)

    def test_stages_of_other_jobs_are_left_out(self):
        """A stage specific to another job is not reached by this job's
        applicants."""
        self.env["hr.recruitment.stage"].create(
            {
                "name": "Case Study (other job)",
                "sequence": 102,
                "sales_pipeline": True,
                "job_ids": [Command.set(self.job.ids)],
            }
        )
        totals = self.totals("sales.hiring.stage.report", ["stage_id"], ["__count"])
        self.assertNotIn("Case Study (other job)", [s.name for s in totals])

    # ------------------------------------------------------------------
    # Rights and screens
    # ------------------------------------------------------------------

    def test_rights_per_role(self):
        for model in ("sales.hiring.report", "sales.hiring.stage.report"):
            for user in (self.recruiter, self.sales_manager):
                self.assertTrue(self.rows(user, model))
            for user in (self.interviewer_a, self.salesman):
                with self.assertRaises(AccessError):
                    self.rows(user, model)

    def test_other_company(self):
        other = self.env["res.company"].create({"name": "Other (analytics)"})
        recruiter = new_test_user(
            self.env,
            login="sr_recruiter_analytics",
            groups=f"base.group_user,{RECRUITER},{SALES_MANAGER}",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        for model in ("sales.hiring.report", "sales.hiring.stage.report"):
            self.assertFalse(self.env[model].with_user(recruiter).search([]))
            self.assertFalse(
                self.env[model]
                .with_user(recruiter)
                ._read_group([], [], ["__count"])[0][0]
            )

    def test_screens(self):
        for user in (self.recruiter, self.sales_manager):
            for model in ("sales.hiring.report", "sales.hiring.stage.report"):
                views = (
                    self.env[model]
                    .with_user(user)
                    .get_views(
                        [(False, kind) for kind in ("pivot", "graph", "list", "search")]
                    )
                )
                self.assertEqual(
                    set(views["views"]), {"pivot", "graph", "list", "search"}
                )
        row = self.rows(self.sales_manager)[:1]
        action = row.action_open_applicant()
        self.assertEqual(action["res_id"], row.applicant_id.id)
