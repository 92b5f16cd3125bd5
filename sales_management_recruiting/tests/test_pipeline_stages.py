# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import RecruitingCommon

PIPELINE = (
    "stage_sales_screening",
    "stage_sales_role_play",
    "stage_sales_panel",
    "stage_sales_references",
    "stage_sales_offer",
    "stage_sales_hired",
)


@tagged("post_install", "-at_install")
class TestPipelineStages(RecruitingCommon):
    """Sales jobs use the sales hiring pipeline, other jobs Odoo's stages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pipeline = cls.env["hr.recruitment.stage"].browse(
            [
                cls.env.ref(f"sales_management_recruiting.{xmlid}").id
                for xmlid in PIPELINE
            ]
        )
        cls.generic = cls.env["hr.recruitment.stage"].create(
            {"name": "Generic (test)", "sequence": 0}
        )

    def test_the_pipeline_is_data(self):
        self.assertEqual(
            self.pipeline.mapped("name"),
            [
                "Screening",
                "Sales Role-Play",
                "Panel Interview",
                "References & Past Attainment",
                "Offer",
                "Hired",
            ],
        )
        self.assertTrue(all(self.pipeline.mapped("sales_pipeline")))
        self.assertEqual(self.pipeline.filtered("hired_stage"), self.pipeline[-1])

    def test_first_stage(self):
        self.assertEqual(self.applicant_1.stage_id, self.pipeline[0])
        other = self.make_applicant("Dan Other", job=self.other_job)
        self.assertFalse(other.stage_id.sales_pipeline)
        self.assertTrue(other.stage_id)

    def test_kanban_columns(self):
        Applicant = self.env["hr.applicant"]
        stages = self.env["hr.recruitment.stage"]
        columns = Applicant.with_context(
            default_job_id=self.job.id
        )._read_group_stage_ids(stages, [])
        self.assertEqual(columns, self.pipeline)
        columns = Applicant.with_context(
            default_job_id=self.other_job.id
        )._read_group_stage_ids(stages, [])
        self.assertIn(self.generic, columns)
        self.assertFalse(columns & self.pipeline)
        # the Applications menu of sales hiring
        columns = Applicant.with_context(sales_hiring=True)._read_group_stage_ids(
            stages, []
        )
        self.assertEqual(columns, self.pipeline)
        # a column holding applicants always shows
        columns = Applicant.with_context(
            default_job_id=self.other_job.id
        )._read_group_stage_ids(self.pipeline[2], [])
        self.assertIn(self.pipeline[2], columns)

    def test_stage_domain_follows_the_job(self):
        """The stages offered on an application (its status bar) are those of
        its job's pipeline."""
        domain = self.env["hr.applicant"]._fields["stage_id"].domain
        other = self.make_applicant("Eve Other", job=self.other_job)
        for applicant, sales in ((self.applicant_1, True), (other, False)):
            found = self.env["hr.recruitment.stage"].search(
                safe_eval(
                    domain,
                    {"sales_job": applicant.sales_job, "job_id": applicant.job_id.id},
                )
            )
            self.assertEqual(bool(found & self.pipeline), sales)
            self.assertEqual(self.generic in found, not sales)

    def test_search_sales_jobs(self):
        Applicant = self.env["hr.applicant"]
        other = self.make_applicant("Finn", job=self.other_job)
        found = Applicant.search([("sales_job", "=", True)])
        self.assertIn(self.applicant_1, found)
        self.assertNotIn(other, found)
        self.assertIn(other, Applicant.search([("sales_job", "=", False)]))
        self.assertNotIn(
            self.applicant_1, Applicant.search([("sales_job", "!=", True)])
        )


@tagged("post_install", "-at_install")
class TestPastAttainment(RecruitingCommon):
    """The attainment a candidate claims against the one the check finds."""

    def test_attainment_claimed_and_verified(self):
        applicant = self.applicant_1.with_user(self.recruiter)
        applicant.write(
            {
                "sales_claimed_attainment": 130,
                "sales_verified_attainment": 105,
                "sales_attainment_verified": True,
            }
        )
        self.assertAlmostEqual(applicant.sales_attainment_gap, -25)
        for value in (-5, 5000):
            with self.refused("percentage between 0 and"):
                applicant.write({"sales_claimed_attainment": value})
        with self.refused("Claimed Attainment"):
            applicant.write({"sales_claimed_attainment": float("inf")})
