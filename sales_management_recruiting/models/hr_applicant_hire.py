# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL


class HrApplicant(models.Model):
    """Hired salespeople, the Odoo way: an application of a job with a sales
    role, with a hire date (``date_closed``), whose candidate's employee is
    the salesperson's user. One definition, read by the hiring plan and the
    quality-of-hire report."""

    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "hr.applicant"

    @api.model
    def _sales_hires_sql(self, company=None):
        """``SELECT applicant_id, company_id, job_id, team_id, user_id,
        hire_date`` of the hired salespeople (of ``company``, an id or SQL
        expression, when given), read whoever asks: the callers check who
        may see the result."""
        condition = (
            SQL("TRUE") if company is None else SQL("a.company_id = %s", company)
        )
        return SQL(
            """SELECT a.id AS applicant_id, a.company_id, a.job_id,
                      j.sales_team_id AS team_id, e.user_id,
                      a.date_closed::date AS hire_date
                 FROM hr_applicant a
                 JOIN hr_job j ON j.id = a.job_id AND j.sales_role IS NOT NULL
                 JOIN hr_candidate c ON c.id = a.candidate_id
                 JOIN hr_employee e ON e.id = c.employee_id
                WHERE a.date_closed IS NOT NULL AND e.user_id IS NOT NULL
                  AND %s""",
            condition,
        )

    @api.model
    def _sales_flush_hires(self):
        """Write the pending changes of what :meth:`_sales_hires_sql` reads."""
        self.flush_model(["company_id", "job_id", "candidate_id", "date_closed"])
        self.env["hr.job"].flush_model(["sales_role", "sales_team_id"])
        self.env["hr.candidate"].flush_model(["employee_id"])
        self.env["hr.employee"].flush_model(["user_id"])
