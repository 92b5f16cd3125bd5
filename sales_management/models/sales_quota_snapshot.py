# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stored figures of targets: refreshed by the scheduler, frozen when the
plan is closed, and the message to a salesperson reaching the target."""

from datetime import datetime, time

from odoo import api, fields, models
from odoo.tools import SQL, config, formatLang

from ..tools import cron_budget

# targets refreshed, locked and flushed together within a call
REFRESH_CHUNK = 50


class SalesQuota(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.quota"

    # Stored figures: refreshed nightly, frozen when the plan is closed.
    snapshot_achieved = fields.Float(
        "Achieved (stored)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        copy=False,
    )
    snapshot_pipeline = fields.Float(
        "Weighted Pipeline (stored)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        copy=False,
    )
    snapshot_attainment = fields.Float(
        "Attainment (stored, %)",
        compute="_compute_snapshot_attainment",
        store=True,
        digits=(16, 1),
        aggregator="avg",
    )
    snapshot_date = fields.Datetime(
        "Figures Stored On",
        readonly=True,
        copy=False,
        help="When the stored figures were last refreshed (nightly) or frozen "
        "(plan closed).",
    )
    reached_notified = fields.Boolean(readonly=True, copy=False)

    @api.depends("snapshot_achieved", "effective_target")
    def _compute_snapshot_attainment(self):
        for quota in self:
            quota.snapshot_attainment = (
                quota.effective_target
                and 100.0 * quota.snapshot_achieved / quota.effective_target
            )

    # ------------------------------------------------------------------
    # Stored figures, messages and scheduler
    # ------------------------------------------------------------------

    def _store_snapshot(self):
        """Store the live figures; post a message to salespeople reaching 100 %."""
        if not self:
            return
        figures = self._get_attainment_figures()
        now = fields.Datetime.now()
        reached = self.browse()
        for quota in self:
            values = figures.get(quota.id, {"achieved": 0.0, "pipeline": 0.0})
            vals = {
                "snapshot_achieved": values["achieved"],
                "snapshot_pipeline": values["pipeline"],
                "snapshot_date": now,
            }
            if (
                quota.effective_target > 0
                and values["achieved"] >= quota.effective_target
                and not quota.reached_notified
            ):
                vals["reached_notified"] = True
                reached |= quota
            # stored figures are the system's: callers checked the user's rights
            quota.sudo()._write_stored_figures(vals)
        for quota in reached:
            quota._notify_target_reached()

    def _notify_target_reached(self):
        self.ensure_one()
        owner = self.user_id if self.target_type == "user" else self.team_id.user_id
        # written in the language of the person it is for
        quota = self.with_context(lang=owner.lang or self.env.lang)
        env = quota.env
        achieved = formatLang(env, quota.snapshot_achieved)
        target = formatLang(env, quota.effective_target)
        attainment = formatLang(env, quota.snapshot_attainment, digits=0)
        name = (quota.user_id if quota.target_type == "user" else quota.team_id).name
        self.message_post(
            body=env._(
                "Target reached: %(owner)s achieved %(achieved)s of %(target)s "
                "(%(attainment)s %%) for %(period)s.",
                owner=name,
                achieved=achieved,
                target=target,
                attainment=attainment,
                period=quota.period_name,
            ),
            partner_ids=owner.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

    @api.model
    def _mark_stale(self, user_ids, team_ids, company_ids):
        """Documents of these salespeople or teams changed: refresh soon.

        Clears the stored date of their targets in active plans so that the
        refresh job (triggered now) takes them again and posts the "target
        reached" message without waiting for the night.
        """
        if not (user_ids or team_ids):
            return
        # The salesperson confirming an order may not write targets; only the
        # refresh marker is touched here. Targets already waiting for a
        # refresh are left alone, and rows another transaction holds are
        # skipped (that transaction marks or refreshes them), so that busy
        # teams confirming orders at once never wait on each other here.
        quotas = self.sudo().search(
            [
                ("plan_state", "=", "active"),
                ("company_id", "in", company_ids),
                ("snapshot_date", "!=", False),
                "|",
                "&",
                ("target_type", "=", "user"),
                ("user_id", "in", user_ids),
                "&",
                ("target_type", "=", "team"),
                ("team_id", "in", team_ids),
            ]
        )
        if not quotas:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE sales_quota SET snapshot_date = NULL
                    WHERE id IN (SELECT id FROM sales_quota WHERE id = ANY(%s)
                                 FOR UPDATE SKIP LOCKED)""",
                quotas.ids,
            )
        )
        quotas.invalidate_recordset(["snapshot_date"])
        cron = self.env.ref(
            "sales_management.ir_cron_refresh_attainment", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _get_refresh_domain(self):
        """Targets whose stored figures are older than today."""
        today_start = datetime.combine(fields.Date.today(), time.min)
        return [
            ("plan_state", "=", "active"),
            "|",
            ("snapshot_date", "=", False),
            ("snapshot_date", "<", today_start),
        ]

    @api.model
    def _cron_refresh_attainment(self, batch_size=500, time_budget=None):
        """Refresh the stored figures of active plans, one batch per call.

        Each call takes the oldest targets not refreshed today by chunks,
        locks each chunk (so that several cron workers never refresh the same
        targets) and stops after ``batch_size`` targets or once its time
        budget is spent (``time_budget`` seconds, by default what the cron
        worker's limits allow, see ``cron_budget``), then reports progress;
        the scheduler calls again while targets remain. A killed run leaves
        its call's targets unrefreshed, so the next run simply takes them
        again.
        """
        domain = self._get_refresh_domain()
        deadline = cron_budget.deadline(config, time_budget)
        done = 0
        while done < batch_size:
            chunk = self._lock_refresh_chunk(
                domain, min(REFRESH_CHUNK, batch_size - done)
            )
            if not chunk:
                break
            chunk._store_snapshot()
            self.env.flush_all()
            done += len(chunk)
            if deadline.passed():
                break
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _lock_refresh_chunk(self, domain, size):
        """The first ``size`` targets of ``domain``, locked for this
        transaction; those another worker is refreshing are left to it."""
        candidates = self.search(domain, limit=size, order="id")
        if not candidates:
            return candidates
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sales_quota WHERE id = ANY(%s) FOR UPDATE SKIP LOCKED",
                candidates.ids,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())
