# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from datetime import datetime

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# First key of the advisory locks of the job (the second is the company)
MINING_LOCK = 7301


class SalesRecommendationRun(models.Model):
    """One refresh of a company's recommendations by the scheduled job.

    The job (``_cron_mine_recommendations``) mines one company per call: it
    reads the confirmed order lines of the company (the *confirmed_lines*
    sales figure), fits the recommendation engine, stores the products
    bought together and each customer's suggestions, and records this run.
    A company is refreshed once a day; a company another worker is mining
    is skipped (advisory lock), and a run killed half-way leaves the
    previous suggestions untouched (everything is written in the call's
    transaction), so the next call simply mines it again.
    """

    _name = "sales.recommendation.run"
    _description = "Recommendation Refresh"
    _order = "date desc, id desc"
    _rec_name = "date"

    company_id = fields.Many2one(
        "res.company", required=True, ondelete="cascade", index=True, readonly=True
    )
    date = fields.Datetime(
        "Refreshed On", required=True, readonly=True, default=fields.Datetime.now
    )
    duration = fields.Float(
        "Duration (s)", readonly=True, digits=(16, 1), help="Seconds the refresh took."
    )
    order_count = fields.Integer(
        "Orders",
        readonly=True,
        help="Confirmed orders read (a customer's orders of one day count as one).",
    )
    customer_count = fields.Integer("Customers", readonly=True)
    product_count = fields.Integer("Products", readonly=True)
    pair_count = fields.Integer("Pairs", readonly=True, help="Pairs of products kept.")
    recommendation_count = fields.Integer(
        "Suggestions", readonly=True, help="Suggestions stored for the customers."
    )
    recall_before = fields.Float(
        "Recall with Default Weights (%)",
        readonly=True,
        help="Share of the held-out next orders' products found in the ten "
        "best suggestions with the engine's default weights.",
    )
    recall_after = fields.Float(
        "Recall with Learnt Weights (%)",
        readonly=True,
        help="The same with the weights learnt on the history (higher is better).",
    )

    @api.model
    def _sm_due_companies(self):
        """The companies not refreshed since the start of today (UTC, as the
        dates of the runs)."""
        today = datetime.combine(fields.Date.today(), datetime.min.time())
        done = self.search([("date", ">=", today)]).company_id
        return self.env["res.company"].search([]) - done

    @api.model
    def _cron_mine_recommendations(self):
        """Refresh the recommendations of one company per call, reporting the
        companies left (the scheduler calls again while some remain)."""
        due = self._sm_due_companies()
        mined = self.browse()
        for company in due:
            mined = self._sm_mine_locked(company)
            if mined:
                break
        self.env["ir.cron"]._notify_progress(
            done=len(mined), remaining=max(len(due) - len(mined), 0)
        )
        return mined

    @api.model
    def _sm_mine_locked(self, company):
        """Mine ``company`` unless another worker is mining it (then nothing)."""
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", MINING_LOCK, company.id)
        )
        if not self.env.cr.fetchone()[0]:
            _logger.info("Recommendations of %s: mined by another worker", company.name)
            return self.browse()
        return self._sm_mine(company)

    @api.model
    def _sm_mine(self, company):
        """Refresh the pairs and suggestions of ``company`` (a record or an
        id, for the demo data); the new run."""
        if isinstance(company, int):
            company = self.env["res.company"].browse(company)
        started = time.monotonic()
        stats = self._sm_mine_company(company)
        run = self.sudo().create(
            {
                "company_id": company.id,
                "duration": time.monotonic() - started,
                **stats,
            }
        )
        _logger.info(
            "Recommendations of %s refreshed in %.1f s: %s",
            company.name,
            run.duration,
            stats,
        )
        return run

    def action_refresh_now(self):
        """Ask the scheduled job to refresh the recommendations now."""
        self.env.ref("sales_management.ir_cron_mine_recommendations").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "The recommendations are being refreshed in the background."
                ),
            },
        }
