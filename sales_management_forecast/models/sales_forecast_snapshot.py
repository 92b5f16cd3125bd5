# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Context key of the snapshot job: the only writer of snapshots.
SNAPSHOT_JOB = "sales_forecast_snapshot_job"
# Opportunities copied per batch of the scheduled job.
BATCH_SIZE = 50000


STEP_SNAPSHOT = "sales_management_forecast.onboarding_step_snapshot"


class SalesForecastSnapshot(models.Model):
    _name = "sales.forecast.snapshot"
    _description = "Pipeline Snapshot"
    _order = "date desc, id desc"

    name = fields.Char(
        compute="_compute_name",
        help="Company and time of the snapshot.",
    )
    date = fields.Datetime(
        required=True,
        readonly=True,
        index=True,
        default=fields.Datetime.now,
        help="When the snapshot was taken.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company whose open opportunities the snapshot holds (with the "
        "opportunities of no company).",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        help="Amounts of the snapshot are in the company currency.",
    )
    state = fields.Selection(
        [("running", "Being taken"), ("done", "Done")],
        required=True,
        readonly=True,
        default="running",
        index=True,
        help="A snapshot being taken is filled by batches; once done it never changes.",
    )
    last_lead_id = fields.Integer(
        readonly=True,
        help="Technical: the highest opportunity copied so far, where the next "
        "batch resumes.",
    )
    line_ids = fields.One2many(
        "sales.forecast.snapshot.line",
        "snapshot_id",
        string="Opportunities",
        help="The open opportunities as they stood.",
    )
    # Totals of the whole company, stored by the snapshot job: for sales
    # managers only (the other users see the totals of what they may see).
    line_count = fields.Integer(
        "Opportunities Count",
        readonly=True,
        groups="sales_team.group_sale_manager",
        help="Number of open opportunities in the snapshot.",
    )
    amount_total = fields.Monetary(
        "Open Pipeline",
        readonly=True,
        groups="sales_team.group_sale_manager",
        help="Expected revenue of all the open opportunities of the snapshot.",
    )
    weighted_total = fields.Monetary(
        "Weighted Pipeline",
        readonly=True,
        groups="sales_team.group_sale_manager",
        help="Expected revenue times probability of the open opportunities.",
    )
    visible_line_count = fields.Integer(
        "Visible Opportunities",
        compute="_compute_visible_totals",
        help="Number of the opportunities of the snapshot you may see: your "
        "own as a salesperson, your teams' as a team leader, all of them as a "
        "sales manager.",
    )
    visible_amount_total = fields.Monetary(
        "Visible Open Pipeline",
        compute="_compute_visible_totals",
        help="Expected revenue of the opportunities of the snapshot you may "
        "see: your own as a salesperson, your teams' as a team leader, all of "
        "them as a sales manager.",
    )
    visible_weighted_total = fields.Monetary(
        "Visible Weighted Pipeline",
        compute="_compute_visible_totals",
        help="Expected revenue times probability of the opportunities of the "
        "snapshot you may see.",
    )

    def init(self):
        result = super().init()
        # one running snapshot per company, even with several workers
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS sales_forecast_snapshot_running_uniq
                ON sales_forecast_snapshot (company_id)
             WHERE state = 'running'
            """
        )
        return result

    @api.depends("date", "company_id")
    def _compute_name(self):
        for snapshot in self:
            snapshot.name = " / ".join(
                part
                for part in (
                    snapshot.company_id.name,
                    snapshot.date
                    and fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(snapshot, snapshot.date)
                    )[:16],
                )
                if part
            )

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_visible_totals(self):
        """The totals of the lines the user may read, once the snapshot is
        done: the stored company totals for a sales manager (who reads every
        line of the snapshots they read), else one grouped read of the lines,
        where the record rules keep a salesperson to their own lines and a
        team leader to their teams'."""
        done = self.filtered(lambda snapshot: snapshot.state == "done" and snapshot.id)
        if self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            totals = {
                snapshot.id: (
                    snapshot.line_count,
                    snapshot.amount_total,
                    snapshot.weighted_total,
                )
                for snapshot in done
            }
        else:
            totals = {
                snapshot.id: (count, amount, weighted)
                for snapshot, count, amount, weighted in self.env[
                    "sales.forecast.snapshot.line"
                ]._read_group(
                    [("snapshot_id", "in", done.ids)],
                    ["snapshot_id"],
                    ["__count", "amount:sum", "prorated_amount:sum"],
                )
            }
        for snapshot in self:
            count, amount, weighted = totals.get(snapshot.id, (0, 0.0, 0.0))
            snapshot.visible_line_count = count
            snapshot.visible_amount_total = amount
            snapshot.visible_weighted_total = weighted

    # ------------------------------------------------------------------
    # Immutable: only the snapshot job writes, nobody deletes
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get(SNAPSHOT_JOB):
            raise UserError(
                self.env._(
                    "Snapshots are taken by the scheduled job or the Take a "
                    "Snapshot Now button only."
                )
            )
        snapshots = super().create(vals_list)
        self.env["onboarding.onboarding.step"]._sm_validate(
            STEP_SNAPSHOT, snapshots.company_id
        )
        return snapshots

    def write(self, vals):
        if vals and not self.env.context.get(SNAPSHOT_JOB):
            raise UserError(
                self.env._("A pipeline snapshot is history: it cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A pipeline snapshot is history: it cannot be deleted.")
        )

    # ------------------------------------------------------------------
    # Taking snapshots, by batches
    # ------------------------------------------------------------------

    @api.model
    def _get_lead_domain_sql(self, alias="l"):
        """The opportunities a snapshot holds: the open pipeline
        (``sales.figure``)."""
        return self.env["sales.figure"]._figure_condition("pipeline", alias)

    def _copy_batch(self, batch_size=BATCH_SIZE):
        """Copy the next batch of opportunities into this running snapshot.

        One ``INSERT ... SELECT`` copies the opportunities after
        ``last_lead_id`` (by id) and moves ``last_lead_id`` on, in the same
        transaction: a batch is copied whole or not at all. When the batch is
        not full the snapshot is done and its totals are stored.
        Returns the number of opportunities copied.
        """
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH batch AS (
                    SELECT l.id, l.user_id, l.team_id, l.stage_id,
                           COALESCE(l.forecast_category, 'pipeline') AS category,
                           COALESCE(l.probability, 0) AS probability,
                           COALESCE(l.expected_revenue, 0) AS amount,
                           COALESCE(l.prorated_revenue, 0) AS prorated,
                           l.date_deadline
                      FROM crm_lead l
                     WHERE %(domain)s
                       AND (l.company_id = %(company)s OR l.company_id IS NULL)
                       AND l.id > %(after)s
                  ORDER BY l.id
                     LIMIT %(limit)s
                ), inserted AS (
                    INSERT INTO sales_forecast_snapshot_line
                           (snapshot_id, company_id, date, lead_id, user_id, team_id,
                            stage_id, forecast_category, probability, amount,
                            prorated_amount, date_deadline, create_uid, create_date,
                            write_uid, write_date)
                    SELECT %(snapshot)s, %(company)s, %(date)s, id, user_id, team_id,
                           stage_id, category, probability, amount, prorated,
                           date_deadline, %(uid)s, now() AT TIME ZONE 'UTC',
                           %(uid)s, now() AT TIME ZONE 'UTC'
                      FROM batch
                 RETURNING lead_id
                )
                SELECT COUNT(*), MAX(lead_id) FROM inserted
                """,
                domain=self._get_lead_domain_sql("l"),
                company=self.company_id.id,
                after=self.last_lead_id,
                limit=batch_size,
                snapshot=self.id,
                date=self.date,
                uid=self.env.uid,
            )
        )
        count, last_id = self.env.cr.fetchone()
        self.invalidate_recordset(["line_ids"])
        vals = {"last_lead_id": last_id or self.last_lead_id}
        if count < batch_size:
            self.env.cr.execute(
                SQL(
                    """SELECT COUNT(*), COALESCE(SUM(amount), 0),
                              COALESCE(SUM(prorated_amount), 0)
                         FROM sales_forecast_snapshot_line WHERE snapshot_id = %s""",
                    self.id,
                )
            )
            line_count, amount, weighted = self.env.cr.fetchone()
            vals.update(
                state="done",
                line_count=line_count,
                amount_total=amount,
                weighted_total=weighted,
            )
        self.with_context(**{SNAPSHOT_JOB: True}).write(vals)
        return count

    def _remaining_leads(self):
        """Opportunities still to copy into these running snapshots."""
        remaining = 0
        for snapshot in self:
            self.env.cr.execute(
                SQL(
                    """SELECT COUNT(*) FROM crm_lead l
                        WHERE %s AND (l.company_id = %s OR l.company_id IS NULL)
                          AND l.id > %s""",
                    self._get_lead_domain_sql("l"),
                    snapshot.company_id.id,
                    snapshot.last_lead_id,
                )
            )
            remaining += self.env.cr.fetchone()[0]
        return remaining

    @api.model
    def _start_snapshots(self, companies):
        """New running snapshots of ``companies`` (none where one is running)."""
        running = self.search(
            [("state", "=", "running"), ("company_id", "in", companies.ids)]
        )
        todo = companies - running.company_id
        return (
            self.with_context(**{SNAPSHOT_JOB: True})
            .create([{"company_id": company.id} for company in todo])
            .with_env(self.env)
        )

    @api.model
    def _cron_take_snapshots(self, batch_size=BATCH_SIZE):
        """Scheduled job: snapshot the pipeline of every company, by batches.

        The first call starts a snapshot per company; each call then copies
        one batch of one running snapshot (locked, so that parallel workers
        never copy the same batch) and reports the progress; the scheduler
        calls again while opportunities remain. A killed run loses nothing:
        the next call resumes after the last batch committed.
        """
        Snapshot = self.sudo()
        running = Snapshot.search([("state", "=", "running")], order="id")
        if not running:
            running = Snapshot._start_snapshots(self.env["res.company"].search([]))
        self.env.cr.execute(
            SQL(
                """SELECT id FROM sales_forecast_snapshot
                    WHERE id = ANY(%s) ORDER BY id LIMIT 1
                      FOR UPDATE SKIP LOCKED""",
                running.ids,
            )
        )
        row = self.env.cr.fetchone()
        done = 0
        if row:
            snapshot = Snapshot.browse(row[0])
            done = snapshot._copy_batch(batch_size)
        running = running.filtered(lambda snapshot: snapshot.state == "running")
        remaining = running._remaining_leads() + len(running)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _take_snapshot(self, company, batch_size=BATCH_SIZE):
        """Take a whole snapshot of ``company`` now, in this transaction."""
        snapshot = self.sudo()._start_snapshots(company)
        if not snapshot:
            raise UserError(
                self.env._(
                    "A snapshot of %(company)s is being taken already; wait for "
                    "it to finish.",
                    company=company.name,
                )
            )
        while snapshot.state == "running":
            snapshot._copy_batch(batch_size)
        return snapshot.with_env(self.env)

    def action_take_snapshot(self):
        """Button of sales managers: snapshot the current company now."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only sales managers can take a pipeline snapshot.")
            )
        snapshot = self._take_snapshot(self.env.company)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": snapshot.id,
            "views": [(False, "form")],
        }

    @api.readonly
    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_forecast.sales_forecast_snapshot_line_action"
        )
        action["domain"] = [("snapshot_id", "=", self.id)]
        return action
