# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RecruitingCommon


@tagged("post_install", "-at_install")
class TestJobProfile(RecruitingCommon):
    """The sales profile of a job: ramp plan, weights, salaries, description."""

    def ramp_lines(self):
        return self.job.sales_ramp_ids.sorted("month")

    def test_ramp_factor_of_month_n(self):
        factors = [self.job._sales_ramp_factor(month) for month in range(1, 7)]
        self.assertEqual(factors, [0.25, 0.5, 0.75, 1.0, 1.0, 1.0])
        self.assertEqual(self.other_job._sales_ramp_factor(1), 1.0)

    def test_competency_weights(self):
        weights = self.job._sales_competency_weights()
        self.assertEqual(
            weights,
            {self.discovery: 0.75, self.closing: 0.25, self.prospecting: 0.0},
        )
        self.assertEqual(self.other_job._sales_competency_weights(), {})
        shares = self.job.sales_competency_ids.sorted("sequence").mapped("weight_share")
        self.assertEqual(shares, [75.0, 25.0, 0.0])

    def test_raising_the_plan_in_the_form_passes_through_no_false_error(self):
        # 25/50/75/100 to 60/70/80/100: written line by line, month 1 at 60
        # is above month 2's 50 for a moment
        lines = self.ramp_lines()
        self.job.with_user(self.recruiter).write(
            {
                "sales_ramp_ids": [
                    Command.update(lines[0].id, {"percent": 60}),
                    Command.update(lines[1].id, {"percent": 70}),
                    Command.update(lines[2].id, {"percent": 80}),
                ]
            }
        )
        self.env.cr.flush()
        self.assertEqual(self.ramp_lines().mapped("percent"), [60, 70, 80, 100])

    def test_decreasing_plan_refused_from_the_form(self):
        lines = self.ramp_lines()
        with self.refused("goes down: month 3"):
            self.job.write(
                {"sales_ramp_ids": [Command.update(lines[2].id, {"percent": 40})]}
            )
        with self.refused("between 0 and 100"):
            self.job.write(
                {"sales_ramp_ids": [Command.update(lines[0].id, {"percent": 120})]}
            )
        with self.refused("from 1 to 60"):
            self.job.write(
                {"sales_ramp_ids": [Command.create({"month": 0, "percent": 10})]}
            )

    def test_decreasing_line_written_alone_refused_before_commit(self):
        """A line written on its own (JSON-RPC) is checked once the request's
        writes are done, before the commit."""
        line = self.ramp_lines()[3]
        with self.refused("goes down: month 4"):
            line.with_user(self.recruiter).write({"percent": 50})
            self.env.cr.flush()
        self.assertEqual(line.percent, 100)
        with self.refused("goes down: month 5"):
            self.env["sales.job.ramp"].create(
                {"job_id": self.job.id, "month": 5, "percent": 10}
            )
            self.env.cr.flush()
        self.assertEqual(len(self.job.sales_ramp_ids), 4)

    def test_duplicate_month_refused(self):
        with self.refused("twice"):
            self.job.write(
                {"sales_ramp_ids": [Command.create({"month": 2, "percent": 50})]}
            )

    def test_weights_summing_to_zero_refused(self):
        lines = self.job.sales_competency_ids
        with self.refused("sum to zero"):
            self.job.write(
                {
                    "sales_competency_ids": [
                        Command.update(line.id, {"weight": 0}) for line in lines
                    ]
                }
            )
        with self.refused("sum to zero"):
            lines.write({"weight": 0})
            self.env.cr.flush()
        # deleting the weighted ones leaves a weight of zero
        with self.refused("sum to zero"):
            lines.filtered("weight").unlink()
            self.env.cr.flush()
        with self.refused("between 0 and"):
            lines[0].weight = -1
        self.assertEqual(sorted(lines.mapped("weight")), [0, 1, 3])
        # no competency at all is fine
        self.job.write({"sales_competency_ids": [Command.clear()]})
        self.env.cr.flush()

    def test_salary_range(self):
        self.assertEqual(
            (self.job.sales_ote_min, self.job.sales_ote_max), (85000, 100000)
        )
        with self.refused("ends below its start"):
            self.job.sales_base_salary_max = 40000
        with self.refused("cannot be negative"):
            self.job.sales_variable_pay = -1
        with self.refused("Annual Target"):
            self.job.write({"sales_annual_target": float("nan")})

    def test_team_of_another_company_refused(self):
        other = self.env["res.company"].create({"name": "Other (recruiting)"})
        team = self.env["crm.team"].create({"name": "Far", "company_id": other.id})
        with self.refused("another company"):
            self.job.sales_team_id = team

    def test_who_edits_the_profile(self):
        # recruiters and sales managers edit a sales job's profile
        for user in (self.recruiter, self.sales_manager):
            self.job.with_user(user).write({"sales_territory": f"By {user.name}"})
            self.job.sales_ramp_ids[:1].with_user(user).write({"percent": 20})
        # sales managers do not turn another job into a sales job, nor the
        # reverse
        with self.refused(exception=AccessError):
            self.other_job.with_user(self.sales_manager).write({"sales_role": "sdr"})
        with self.refused(exception=AccessError):
            self.job.with_user(self.sales_manager).write({"sales_role": False})
        # interviewers read the profile, salespeople see no job at all
        job = self.job.with_user(self.interviewer_a)
        self.assertEqual(len(job.sales_ramp_ids), 4)
        with self.refused(exception=AccessError):
            job.write({"sales_territory": "Mine"})
        with self.refused(exception=AccessError):
            job.sales_ramp_ids[:1].write({"percent": 10})
        with self.refused(exception=AccessError):
            self.job.with_user(self.salesman).read(["name"])
        # the salary range is for recruiters and sales managers
        with self.refused(exception=AccessError):
            job.read(["sales_base_salary_min"])

    def test_job_description_from_the_profile(self):
        self.job.with_user(self.recruiter).action_generate_sales_description()
        text = self.job.description
        for expected in (
            "Account Executive",
            "Hunters",
            "Benelux",
            "600,000.00",
            "Month <span>2</span>: <span>50</span> %",
            "Discovery (test)",
            "85,000.00",
            "100,000.00",
        ):
            self.assertIn(expected, text)
        # the heaviest competency first
        self.assertLess(text.index("Discovery (test)"), text.index("Closing (test)"))
        # editable afterwards
        self.job.description = "<p>Edited</p>"
        self.assertIn("Edited", self.job.description)
        with self.refused("sales role", UserError):
            self.other_job.action_generate_sales_description()

    def test_job_description_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.discovery.with_context(lang="fr_FR").name = "Découverte (test)"
        self.recruiter.lang = "fr_FR"
        self.job.with_user(self.recruiter).action_generate_sales_description()
        self.assertIn("Découverte (test)", self.job.description)
        self.recruiter.lang = "en_US"
        self.job.with_user(self.recruiter).action_generate_sales_description()
        self.assertIn("Discovery (test)", self.job.description)
