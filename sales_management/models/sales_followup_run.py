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

import json
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, config

from ..tools import cron_budget
from .sales_followup_candidates import CONTACT_TYPES
from .sales_followup_rule import WATCHED_MODELS

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000


class SalesFollowupRule(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.followup.rule"

    @api.model
    def _cron_run_rules(self, batch_size=BATCH_SIZE, time_budget=None):
        """Scheduled job: run every active rule of every company, batch after
        batch until the call's time budget (``time_budget`` seconds, by
        default what the cron worker's limits allow, see ``cron_budget``) is
        spent; the scheduler calls again while candidates remain."""
        rules = self.sudo().search([], order="company_id, sequence, id")
        fired, remaining = rules._run_rules(
            batch_size,
            # sm: allow-commit (a batched scheduler job commits each batch)
            commit=self.env.cr.commit,
            deadline=cron_budget.deadline(config, time_budget),
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
        left when ``deadline`` (a ``cron_budget.Deadline``) passed)."""
        self.env["sales.followup.log"]._repair_open()
        fired = remaining = 0
        now = fields.Datetime.now()
        for rule in self:
            if deadline and deadline.passed():
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
        users = self.env["res.users"]
        for start in range(0, len(todo), batch_size):
            if deadline and deadline.passed():
                return fired, len(todo) - start
            batch = todo[start : start + batch_size]
            try:
                with self.env.cr.savepoint():
                    fired += self._followup_fire(batch, now)
            except Exception as error:  # noqa: BLE001 - reported on the rule
                self._followup_report_error(error)
                return fired, 0
            users |= users.browse({user for _candidate, user in batch})
            if commit:
                commit()
            self.env["ir.cron"]._notify_progress(
                done=fired, remaining=len(todo) - start - len(batch)
            )
        if fired and not self.deadline_days:
            # their activity counters show the new activities due today
            users._bus_send("mail.activity/updated", {"activity_created": True})
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
        texts = self._followup_texts(batch)
        claimed = []
        for method, keep in (
            (self._followup_claim, lambda candidate: not candidate.takeover),
            (self._followup_escalate, lambda candidate: candidate.takeover),
        ):
            indexes = [i for i, (candidate, _u) in enumerate(batch) if keep(candidate)]
            if indexes:
                done = method(
                    [batch[i] for i in indexes], [texts[i] for i in indexes], now
                )
                claimed += [indexes[i] for i in done]
        if not claimed:
            return 0
        notes = {}
        for index in claimed:
            res_id = batch[index][0].res_id
            notes[res_id] = notes.get(res_id, Markup()) + texts[index][2]
        records = self.env[WATCHED_MODELS[self.kind]].sudo().browse(list(notes))
        if self.post_note:
            records._message_log_batch(notes)
        if self.template_id:
            self._followup_send(records, batch, claimed)
        return len(claimed)

    def _followup_claim(self, batch, texts, now):
        """Insert the follow-ups of ``batch`` and schedule their activities,
        in one statement; the indexes in ``batch`` of those inserted now (not
        fired already, by this or another run).

        The follow-ups are claimed with ``ON CONFLICT DO NOTHING``: only those
        claimed get their activity, in the same statement. The activities are
        inserted as rows: Odoo's ``mail.activity.create`` takes milliseconds
        per activity (followers, notifications), minutes for the tens of
        thousands of a first run. The rows are those it would write (the
        record's name, the user's time zone, automated); the user is not
        added to the record's followers and gets no email.
        """
        model = WATCHED_MODELS[self.kind]
        today = fields.Date.context_today(self, now)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT nextval('mail_activity_id_seq') FROM generate_series(1, %s)",
                len(batch),
            )
        )
        activity_ids = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            SQL(
                """
                WITH v AS (
                    SELECT * FROM json_to_recordset(%(rows)s)
                        AS v(res_id int, name varchar, step varchar,
                             episode varchar, user_id int, team_id int,
                             reason varchar, activity_id int, summary varchar,
                             note text)),
                claimed AS (
                    INSERT INTO sales_followup_log
                           (rule_id, company_id, res_model, res_id, res_name, step,
                            episode, user_id, team_id, reason, activity_id, state,
                            date)
                    SELECT %(rule)s, %(company)s, %(model)s, v.res_id, v.name,
                           v.step, v.episode, v.user_id, t.id, v.reason,
                           v.activity_id, 'open', %(now)s
                      FROM v LEFT JOIN crm_team t ON t.id = v.team_id
                    ON CONFLICT DO NOTHING
                    RETURNING activity_id),
                scheduled AS (
                    INSERT INTO mail_activity
                           (id, res_model_id, res_model, res_id, res_name,
                            activity_type_id, user_id, user_tz, summary, note,
                            date_deadline, automated, active,
                            create_uid, create_date, write_uid, write_date)
                    SELECT v.activity_id, %(model_id)s, %(model)s, v.res_id, v.name,
                           %(type)s, v.user_id, p.tz, v.summary, v.note,
                           %(deadline)s, TRUE, TRUE, %(uid)s, %(now)s, %(uid)s,
                           %(now)s
                      FROM claimed c
                      JOIN v ON v.activity_id = c.activity_id
                      JOIN res_users u ON u.id = v.user_id
                      JOIN res_partner p ON p.id = u.partner_id
                    RETURNING id)
                SELECT activity_id FROM claimed
                """,
                rule=self.id,
                company=self.company_id.id,
                model=model,
                model_id=self.env["ir.model"]._get_id(model),
                type=self.activity_type_id.id,
                deadline=fields.Date.add(today, days=self.deadline_days),
                now=now,
                uid=self.env.uid,
                # one JSON document: read much faster than long arrays
                rows=json.dumps(
                    [
                        {
                            "res_id": candidate.res_id,
                            "name": self._followup_name(candidate.name),
                            "step": candidate.step,
                            "episode": candidate.episode,
                            "user_id": user,
                            "team_id": candidate.team_id,
                            "reason": reason,
                            "activity_id": activity,
                            "summary": summary,
                            "note": str(note),
                        }
                        for (candidate, user), (reason, summary, note), activity in zip(
                            batch, texts, activity_ids, strict=True
                        )
                    ]
                ),
            )
        )
        index_of = {activity: index for index, activity in enumerate(activity_ids)}
        claimed = sorted(index_of[row[0]] for row in self.env.cr.fetchall())
        self.env["sales.followup.log"].invalidate_model()
        self.env["mail.activity"].invalidate_model()
        self.env[model].invalidate_model()
        return claimed

    def _followup_escalate(self, batch, texts, now):
        """Escalate the open reminders of ``batch`` (candidates with a
        ``takeover``): each reminder is marked *escalated* and its activity
        passes to the escalation's user with the escalation's note, so that
        the record keeps one open activity of the rule. The indexes in
        ``batch`` of those escalated now."""
        rows = [
            {
                "log_id": candidate.takeover[0],
                "activity_id": candidate.takeover[1],
                "res_id": candidate.res_id,
                "name": self._followup_name(candidate.name),
                "episode": candidate.episode,
                "user_id": user,
                "team_id": candidate.team_id,
                "reason": reason,
                "note": str(note),
            }
            for (candidate, user), (reason, _summary, note) in zip(
                batch, texts, strict=True
            )
        ]
        columns = SQL(
            """log_id int, activity_id int, res_id int, name varchar,
               episode varchar, user_id int, team_id int, reason varchar,
               note text"""
        )
        self.env.flush_all()
        # the reminders still open (not done, nor escalated by another run)
        self.env.cr.execute(
            SQL(
                """UPDATE sales_followup_log l
                      SET state = 'escalated', date_closed = %(now)s
                     FROM json_to_recordset(%(rows)s) AS v(%(columns)s)
                    WHERE l.id = v.log_id AND l.state = 'open'
                RETURNING l.id""",
                now=now,
                rows=json.dumps(rows),
                columns=columns,
            )
        )
        closed = {row[0] for row in self.env.cr.fetchall()}
        rows = [row for row in rows if row["log_id"] in closed]
        if not rows:
            return []
        model = WATCHED_MODELS[self.kind]
        today = fields.Date.context_today(self, now)
        self.env.cr.execute(
            SQL(
                """
                WITH v AS (SELECT * FROM json_to_recordset(%(rows)s)
                               AS v(%(columns)s)),
                claimed AS (
                    INSERT INTO sales_followup_log
                           (rule_id, company_id, res_model, res_id, res_name, step,
                            episode, user_id, team_id, reason, activity_id, state,
                            date)
                    SELECT %(rule)s, %(company)s, %(model)s, v.res_id, v.name,
                           'escalation', v.episode, v.user_id, t.id, v.reason,
                           v.activity_id, 'open', %(now)s
                      FROM v LEFT JOIN crm_team t ON t.id = v.team_id
                    ON CONFLICT DO NOTHING
                    RETURNING activity_id),
                moved AS (
                    UPDATE mail_activity a
                       SET user_id = v.user_id, user_tz = p.tz, note = v.note,
                           date_deadline = %(deadline)s, write_uid = %(uid)s,
                           write_date = %(now)s
                      FROM claimed c
                      JOIN v ON v.activity_id = c.activity_id
                      JOIN res_users u ON u.id = v.user_id
                      JOIN res_partner p ON p.id = u.partner_id
                     WHERE a.id = c.activity_id
                    RETURNING a.id)
                SELECT activity_id FROM claimed
                """,
                rows=json.dumps(rows),
                columns=columns,
                rule=self.id,
                company=self.company_id.id,
                model=model,
                now=now,
                uid=self.env.uid,
                deadline=fields.Date.add(today, days=self.deadline_days),
            )
        )
        moved = {row[0] for row in self.env.cr.fetchall()}
        self.env["sales.followup.log"].invalidate_model()
        self.env["mail.activity"].invalidate_model()
        self.env[model].invalidate_model()
        return [
            index
            for index, (candidate, _user) in enumerate(batch)
            if candidate.takeover[1] in moved
        ]

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
        for index in claimed:
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
                          LEFT JOIN res_partner a ON a.id = m.author_id
                         WHERE m.model = 'sale.order' AND m.res_id = o.id
                           AND m.message_type IN %(types)s
                           AND %(from_customer)s
                           AND m.date > g.episode::timestamp))
                """,
                rules=rules.ids,
                types=CONTACT_TYPES,
                from_customer=self._from_customer_sql(
                    "m", "a", SQL("p.commercial_partner_id")
                ),
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
