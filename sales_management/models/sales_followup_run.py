# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Running the follow-up rules: the scheduled job.

Each rule finds its candidates with one query, then fires them by batches:
it claims their ``sales.followup.log`` rows (``ON CONFLICT DO NOTHING``),
schedules the activities, posts the notes and emails, and commits. Killed
in the middle of a batch, the batch is rolled back whole; the next run finds
the same records again, minus those already fired. A rule that fails is
reported in its chatter and the others still run.

Entry points: ``_cron_run_rules`` (the scheduled job) and ``_run_all`` (every
active rule now, e.g. from a shell or a benchmark).
"""

import logging
import time

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from .sales_followup_rule import WATCHED_MODELS

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
# seconds a call of the scheduled job works before it reports what is left
# (the scheduler calls it again at once)
TIME_BUDGET = 240


class SalesFollowupRule(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.followup.rule"

    @api.model
    def _cron_run_rules(self, batch_size=BATCH_SIZE, time_budget=TIME_BUDGET):
        """Scheduled job: run every active rule of every company."""
        rules = self.sudo().search([], order="company_id, sequence, id")
        fired, remaining = rules._run_rules(
            batch_size,
            commit=self.env.cr.commit,
            deadline=time.monotonic() + time_budget,
        )
        self.env["ir.cron"]._notify_progress(done=fired, remaining=remaining)
        return fired

    @api.model
    def _run_all(self, batch_size=BATCH_SIZE, commit=None):
        """Run every active rule of every company now; ``commit`` (a
        callable, e.g. ``env.cr.commit``) is called after each batch.
        Returns the number of follow-ups fired."""
        rules = self.sudo().search([], order="company_id, sequence, id")
        return rules._run_rules(batch_size, commit=commit)[0]

    def _run_rules(self, batch_size=BATCH_SIZE, commit=None, deadline=None):
        """Run these rules (as superuser): (follow-ups fired, candidates
        left when ``deadline`` (``time.monotonic()``) passed)."""
        self.env["sales.followup.log"]._repair_open()
        fired = remaining = 0
        now = fields.Datetime.now()
        for rule in self:
            if deadline and time.monotonic() > deadline:
                remaining += 1
                continue
            count, left = rule._run_rule(now, batch_size, commit, deadline)
            fired += count
            remaining += left
            rule.write({"last_run_date": now, "last_run_count": count})
            if commit:
                commit()
        return fired, remaining

    def _run_rule(self, now, batch_size, commit, deadline):
        """Fire the candidates of this rule by batches: (fired, left)."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._followup_stop_moot()
                todo = self._followup_candidates(now)
        except Exception as error:  # noqa: BLE001 - one rule must not stop the others
            self._followup_report_error(error)
            return 0, 0
        fired = 0
        for start in range(0, len(todo), batch_size):
            if deadline and time.monotonic() > deadline:
                return fired, len(todo) - start
            batch = todo[start : start + batch_size]
            try:
                with self.env.cr.savepoint():
                    fired += self._followup_fire(batch, now)
            except Exception as error:  # noqa: BLE001 - reported on the rule
                self._followup_report_error(error)
                return fired, 0
            if commit:
                commit()
            self.env["ir.cron"]._notify_progress(
                done=fired, remaining=len(todo) - start - len(batch)
            )
        return fired, 0

    def _followup_report_error(self, error):
        _logger.warning("Follow-up rule %s (%s) failed: %s", self.name, self.id, error)
        self.message_post(
            body=self.env._(
                "The rule could not run: %(error)s. The other rules ran; this "
                "one runs again at the next run.",
                error=str(error),
            ),
        )

    # ------------------------------------------------------------------
    # Firing a batch
    # ------------------------------------------------------------------

    def _followup_fire(self, batch, now):
        """Claim, schedule, post: the follow-ups of ``batch`` ((candidate,
        user id) pairs). Returns how many were fired (claimed now)."""
        self.ensure_one()
        users = self.env["res.users"].sudo().browse(list({user for _c, user in batch}))
        langs = {user.id: user.lang or "en_US" for user in users}
        reasons = [
            self._followup_reason(candidate, langs[user]) for candidate, user in batch
        ]
        claimed = self._followup_claim(batch, reasons, now)
        if not claimed:
            return 0
        model = WATCHED_MODELS[self.kind]
        today = fields.Date.context_today(self, now)
        deadline = fields.Date.add(today, days=self.deadline_days)
        model_id = self.env["ir.model"]._get_id(model)
        vals_list, log_ids, notes = [], [], {}
        for index, log_id in claimed:
            candidate, user = batch[index]
            lang = langs[user]
            rule = self.with_context(lang=lang)
            note = rule._followup_note(reasons[index], lang)
            notes[candidate.res_id] = notes.get(candidate.res_id, Markup()) + note
            log_ids.append(log_id)
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": candidate.res_id,
                    "activity_type_id": self.activity_type_id.id,
                    "summary": rule.summary
                    or rule.activity_type_id.summary
                    or rule.name,
                    "note": note,
                    "date_deadline": deadline,
                    "user_id": user,
                    "automated": True,
                }
            )
        # no email per activity to its user: the activities are in their list
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
        self.env.cr.execute(
            SQL(
                """UPDATE sales_followup_log l SET activity_id = v.activity
                     FROM unnest(%s::int[], %s::int[]) AS v(log, activity)
                    WHERE l.id = v.log""",
                log_ids,
                activities.ids,
            )
        )
        records = self.env[model].sudo().browse(list(notes))
        if self.post_note:
            records._message_log_batch(notes)
        if self.template_id:
            self._followup_send(records, batch, claimed)
        return len(claimed)

    def _followup_claim(self, batch, reasons, now):
        """Insert the log rows of ``batch``; [(index in batch, log id)] of
        those inserted now (not fired already, by this or another run)."""
        model = WATCHED_MODELS[self.kind]
        candidates = [candidate for candidate, _user in batch]
        self.env["sales.followup.log"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sales_followup_log
                       (rule_id, company_id, res_model, res_id, res_name, step,
                        episode, user_id, team_id, reason, state, date,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(rule)s, %(company)s, %(model)s, v.res_id, v.name, v.step,
                       v.episode, v.user_id, t.id, v.reason, 'open', %(now)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(res_ids)s::int[], %(names)s::varchar[],
                              %(steps)s::varchar[], %(episodes)s::varchar[],
                              %(users)s::int[], %(teams)s::int[],
                              %(reasons)s::varchar[])
                       AS v(res_id, name, step, episode, user_id, team_id, reason)
                  LEFT JOIN crm_team t ON t.id = v.team_id
                ON CONFLICT DO NOTHING
                RETURNING id, res_id, step
                """,
                rule=self.id,
                company=self.company_id.id,
                model=model,
                now=now,
                uid=self.env.uid,
                res_ids=[c.res_id for c in candidates],
                names=[self._followup_name(c.name) for c in candidates],
                steps=[c.step for c in candidates],
                episodes=[c.episode for c in candidates],
                users=[user for _c, user in batch],
                teams=[c.team_id for c in candidates],
                reasons=reasons,
            )
        )
        index_of = {(c.res_id, c.step): i for i, c in enumerate(candidates)}
        claimed = sorted(
            (index_of[(res_id, step)], log_id)
            for log_id, res_id, step in self.env.cr.fetchall()
        )
        self.env["sales.followup.log"].invalidate_model()
        return claimed

    @api.model
    def _followup_name(self, name):
        """The record's name as text (translated names are JSON)."""
        if isinstance(name, dict):
            return name.get(self.env.lang or "en_US") or name.get("en_US") or ""
        return name or ""

    def _followup_send(self, records, batch, claimed):
        """Email the template from each activity's user; a template that
        fails is reported on the rule, the activities stay."""
        by_user = {}
        for index, _log_id in claimed:
            candidate, user = batch[index]
            by_user.setdefault(user, []).append(candidate.res_id)
        Users = self.env["res.users"].sudo()
        try:
            with self.env.cr.savepoint():
                for user, res_ids in by_user.items():
                    records.browse(res_ids).with_context(
                        mail_create_nosubscribe=True
                    ).message_post_with_source(
                        self.template_id.sudo(),
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                        author_id=Users.browse(user).partner_id.id,
                    )
        except Exception as error:  # noqa: BLE001 - the activities are kept
            self._followup_report_error(error)

    # ------------------------------------------------------------------
    # Stopping by itself: quotations answered or confirmed
    # ------------------------------------------------------------------

    def _followup_stop_moot(self, orders=None):
        """Cancel the open activities of these quotation rules whose
        quotation is confirmed (or no longer sent) or answered by the
        customer since it was sent; ``orders``: only those orders."""
        rules = self.filtered(lambda rule: rule.kind == "unanswered_quotation")
        if not rules:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT g.activity_id
                  FROM sales_followup_log g
                  JOIN sale_order o ON o.id = g.res_id
                  JOIN res_partner p ON p.id = o.partner_id
                 WHERE g.rule_id = ANY(%(rules)s) AND g.state = 'open'
                   AND g.res_model = 'sale.order' AND g.activity_id IS NOT NULL
                   AND (%(all)s OR g.res_id = ANY(%(orders)s))
                   AND (o.state != 'sent' OR EXISTS (
                        SELECT 1 FROM mail_message m
                          JOIN res_partner a ON a.id = m.author_id
                         WHERE m.model = 'sale.order' AND m.res_id = o.id
                           AND m.message_type IN ('email', 'comment', 'email_outgoing')
                           AND a.commercial_partner_id = p.commercial_partner_id
                           AND m.date > g.episode::timestamp))
                """,
                rules=rules.ids,
                all=orders is None,
                orders=orders.ids if orders is not None else [],
            )
        )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .browse(row[0] for row in self.env.cr.fetchall())
        )
        if activities:
            activities.unlink()

    @api.model
    def _followup_stop_orders(self, orders):
        """The chasers of ``orders`` stop (confirmed, or answered)."""
        rules = self.sudo().search(
            [
                ("kind", "=", "unanswered_quotation"),
                ("company_id", "in", orders.company_id.ids),
            ]
        )
        rules._followup_stop_moot(orders)
