# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The records a follow-up rule fires on now: one SQL query per rule.

Each kind reads its records set-based (the records of the rule's company
and teams, as superuser: a rule watches every salesperson's records) and
gives ``Candidate`` rows: the record, the step (first reminder or
escalation), the episode and the facts of the reason. The rows already
fired (same episode) or still open are left out, then each gets its user.
"""

from collections import namedtuple
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_date

from .sales_followup_rule import ESCALATING_KINDS, WATCHED_MODELS

Candidate = namedtuple(
    "Candidate",
    "res_id name step episode owner_id team_id leader_id facts takeover",
    defaults=(None,),
)
# where the reason goes in the note of an activity
REASON_MARK = "\x00reason\x00"
# the messages that are a contact with the customer: emails, posts and
# notes, activities marked done (not the tracking of changes, nor the notes
# the rules post themselves)
CONTACT_TYPES = ("email", "comment", "email_outgoing")


class SalesFollowupRule(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.followup.rule"

    # ------------------------------------------------------------------
    # Candidates
    # ------------------------------------------------------------------

    def _followup_candidates(self, now=None):
        """The candidates of this rule now, not fired yet, with their user:
        a list of (Candidate, user id)."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        candidates = getattr(self, f"_candidates_{self.kind}")(now)
        valid = self._followup_valid_users(candidates)
        # an escalation nobody can be given is a reminder
        candidates = [
            candidate._replace(step="first")
            if candidate.step == "escalation"
            and not self._followup_user(candidate, valid)
            else candidate
            for candidate in candidates
        ]
        result = []
        for candidate in self._followup_unfired(candidates):
            user = self._followup_user(candidate, valid)
            if user:
                result.append((candidate, user))
        return result

    def _followup_base_query(self, model, domain):
        """The ``Query`` of the watched records of ``model`` (every
        salesperson's) of the rule's company and teams."""
        company = self.company_id.id
        if model == "crm.lead":
            domain = [
                "|",
                ("company_id", "=", company),
                ("company_id", "=", False),
                *domain,
            ]
        else:
            domain = [("company_id", "=", company), *domain]
        if self.team_ids:
            domain.append(("team_id", "in", self.team_ids.ids))
        Model = self.env[model].sudo().with_context(active_test=False)
        return Model._search(domain)

    def _followup_fetch(self, sql):
        self.env.flush_all()
        self.env.cr.execute(sql)
        return self.env.cr.dictfetchall()

    def _followup_steps(self, row, age, limit, episode, **facts):
        """The candidate of one record ``age`` days in its situation whose
        limit is ``limit`` days (none, below it): the reminder, or the
        escalation once ``escalation_days`` more have passed."""
        if age < limit:
            return []
        step = "first"
        if (
            self.kind in ESCALATING_KINDS
            and self.escalation_days
            and age >= limit + self.escalation_days
        ):
            step = "escalation"
        return [
            Candidate(
                row["id"],
                row["name"],
                step,
                episode,
                row["owner_id"],
                row["team_id"],
                row["leader_id"],
                dict(facts, days=age, limit=limit),
            )
        ]

    def _candidates_first_contact(self, now):
        """Open leads and opportunities with one contact (the first) long
        enough ago, and no activity scheduled but the rule's own."""
        leads = self._followup_base_query(
            "crm.lead", [("active", "=", True), ("probability", "<", 100)]
        )
        rows = self._followup_fetch(
            SQL(
                """
                WITH c AS (
                    SELECT m.res_id, count(*) AS n, min(m.date) AS first_date,
                           (array_agg(m.id ORDER BY m.date, m.id))[1] AS first_id
                      FROM mail_message m
                     WHERE m.model = 'crm.lead' AND m.res_id IN (%(leads)s)
                       AND (m.message_type IN %(types)s
                            OR m.mail_activity_type_id IS NOT NULL)
                     GROUP BY m.res_id)
                SELECT l.id, l.name, l.user_id AS owner_id, l.team_id,
                       t.user_id AS leader_id, c.first_id, c.first_date
                  FROM c
                  JOIN crm_lead l ON l.id = c.res_id
                  LEFT JOIN crm_team t ON t.id = l.team_id
                 WHERE c.n = 1 AND c.first_date <= %(since)s
                   AND NOT EXISTS (
                       SELECT 1 FROM mail_activity a
                        WHERE a.res_model = 'crm.lead' AND a.res_id = l.id
                          AND a.active
                          AND a.id NOT IN (
                              SELECT g.activity_id FROM sales_followup_log g
                               WHERE g.rule_id = %(rule)s
                                 AND g.activity_id IS NOT NULL))
                 ORDER BY l.id
                """,
                leads=leads.subselect(),
                types=CONTACT_TYPES,
                since=now - timedelta(days=self.delay_days),
                rule=self.id,
            )
        )
        result = []
        for row in rows:
            age = (now - row["first_date"]).days
            result += self._followup_steps(
                row,
                age,
                self.delay_days,
                str(row["first_id"]),
                date=row["first_date"].date(),
            )
        return result

    def _candidates_stalled_stage(self, now):
        """Open opportunities (``sales.figure``'s pipeline) in their stage
        for longer than the stage's delay."""
        Figure = self.env["sales.figure"]
        leads = Figure._figure_query(
            "pipeline",
            company=self.company_id.id,
            teams=self.team_ids.ids or None,
        )
        limits = {line.stage_id.id: line.days for line in self.stage_delay_ids}
        shortest = min([self.delay_days, *limits.values()])
        rows = self._followup_fetch(
            SQL(
                """
                SELECT l.id, l.name, l.user_id AS owner_id, l.team_id,
                       t.user_id AS leader_id, l.stage_id,
                       COALESCE(l.date_last_stage_update, l.create_date) AS since
                  FROM crm_lead l
                  LEFT JOIN crm_team t ON t.id = l.team_id
                 WHERE l.id IN (%(leads)s)
                   AND COALESCE(l.date_last_stage_update, l.create_date) <= %(since)s
                 ORDER BY l.id
                """,
                leads=leads.subselect(),
                since=now - timedelta(days=shortest),
            )
        )
        result = []
        for row in rows:
            result += self._followup_steps(
                row,
                (now - row["since"]).days,
                limits.get(row["stage_id"], self.delay_days),
                fields.Datetime.to_string(row["since"]),
                stage_id=row["stage_id"],
            )
        return result

    @api.model
    def _from_customer_sql(self, message, author, customer):
        """SQL condition: message ``message`` (alias), by ``author`` (alias
        of its author, LEFT JOINed), comes from the customer whose commercial
        entity is ``customer`` (SQL): written by one of its contacts, or an
        email received from somebody who is no user of the database."""
        return SQL(
            """(%(author)s.commercial_partner_id = %(customer)s
                OR (%(message)s.message_type = 'email' AND NOT EXISTS (
                    SELECT 1 FROM res_users u
                     WHERE u.partner_id = %(message)s.author_id AND NOT u.share)))""",
            message=SQL.identifier(message),
            author=SQL.identifier(author),
            customer=customer,
        )

    def _quotation_messages_sql(self, orders):
        """Per sales order of ``orders`` (SQL of ids): the last message sent
        to the customer (``last_out``: a post or an email from the database,
        not an internal note) and the last one from the customer
        (``last_in``)."""
        from_customer = self._from_customer_sql(
            "m", "a", SQL("p.commercial_partner_id")
        )
        return SQL(
            """
            SELECT o.id,
                   max(m.date) FILTER (
                       WHERE NOT %(from_customer)s
                         AND m.message_type IN ('comment', 'email_outgoing')
                         AND NOT COALESCE(st.internal, FALSE)) AS last_out,
                   max(m.date) FILTER (WHERE %(from_customer)s) AS last_in
              FROM sale_order o
              JOIN res_partner p ON p.id = o.partner_id
              JOIN mail_message m ON m.model = 'sale.order' AND m.res_id = o.id
              LEFT JOIN res_partner a ON a.id = m.author_id
              LEFT JOIN mail_message_subtype st ON st.id = m.subtype_id
             WHERE o.id IN (%(orders)s) AND m.message_type IN %(types)s
             GROUP BY o.id
            """,
            orders=orders,
            types=CONTACT_TYPES,
            from_customer=from_customer,
        )

    def _candidates_unanswered_quotation(self, now):
        """Quotations sent (state *Quotation Sent*) whose customer has not
        answered since they were last sent, long enough ago."""
        orders = self._followup_base_query("sale.order", [("state", "=", "sent")])
        rows = self._followup_fetch(
            SQL(
                """
                WITH m AS (%(messages)s),
                s AS (SELECT o.id, o.name, o.user_id AS owner_id, o.team_id,
                             GREATEST(o.date_order, COALESCE(m.last_out, o.date_order))
                             AS sent, m.last_in
                        FROM sale_order o
                        LEFT JOIN m ON m.id = o.id
                       WHERE o.id IN (%(orders)s))
                SELECT s.*, t.user_id AS leader_id
                  FROM s LEFT JOIN crm_team t ON t.id = s.team_id
                 WHERE s.sent <= %(since)s
                   AND (s.last_in IS NULL OR s.last_in < s.sent)
                 ORDER BY s.id
                """,
                messages=self._quotation_messages_sql(orders.subselect()),
                orders=orders.subselect(),
                since=now - timedelta(days=self.delay_days),
            )
        )
        result = []
        for row in rows:
            result += self._followup_steps(
                row,
                (now - row["sent"]).days,
                self.delay_days,
                fields.Datetime.to_string(row["sent"]),
                date=row["sent"].date(),
            )
        return result

    def _customer_sql(self, condition):
        """The customers of the company's cadence rows that meet
        ``condition`` (SQL on ``c``, the row): their salesperson is the
        customer's, else the one of their last order; their team is the one
        of their last order."""
        teams = self.team_ids.ids
        return SQL(
            """
            SELECT c.partner_id AS id, p.complete_name AS name,
                   COALESCE(p.user_id, c.user_id) AS owner_id,
                   c.team_id,
                   t.user_id AS leader_id, c.basis, c.order_count, c.day_count,
                   c.last_date, c.interval_days, c.next_date, c.p_active
              FROM sales_customer_cadence c
              JOIN res_partner p ON p.id = c.partner_id
              LEFT JOIN crm_team t ON t.id = c.team_id
             WHERE c.company_id = %(company)s AND p.active AND %(condition)s
               AND (%(all_teams)s OR c.team_id = ANY(%(teams)s))
             ORDER BY c.partner_id
            """,
            company=self.company_id.id,
            condition=condition,
            all_teams=not teams,
            teams=teams,
        )

    def _candidates_dormant_customer(self, now):
        """Customers whose chance of ordering again (their cadence row) is
        below the threshold, gone for less than ``max_idle_days``."""
        today = now.date()
        condition = SQL("c.p_active < %s", self.threshold)
        if self.max_idle_days:
            condition = SQL(
                "%s AND c.last_date >= %s",
                condition,
                today - timedelta(days=self.max_idle_days),
            )
        result = []
        for row in self._followup_fetch(self._customer_sql(condition)):
            result += self._followup_steps(
                row,
                (today - row["last_date"]).days,
                0,
                fields.Date.to_string(row["last_date"]),
                basis=row["basis"],
                day_count=row["day_count"],
                interval=row["interval_days"],
                chance=row["p_active"],
            )
        return result

    def _candidates_reorder_due(self, now):
        """Customers whose next order is expected within ``delay_days`` and
        not late by more than their usual interval (then they are rather
        dormant), who are not dormant."""
        today = now.date()
        condition = SQL(
            """c.next_date IS NOT NULL AND NOT c.dormant
               AND c.next_date <= %(until)s
               AND c.next_date + ceil(c.interval_days)::int >= %(today)s""",
            until=today + timedelta(days=self.delay_days),
            today=today,
        )
        result = []
        for row in self._followup_fetch(self._customer_sql(condition)):
            result += self._followup_steps(
                row,
                (today - row["last_date"]).days,
                0,
                fields.Date.to_string(row["next_date"]),
                interval=row["interval_days"],
                date=row["next_date"],
            )
        return result

    # ------------------------------------------------------------------
    # Fired already, and assignees
    # ------------------------------------------------------------------

    def _followup_unfired(self, candidates):
        """``candidates`` without those fired already and those the rule
        has an open activity for: a reminder is fired once per episode (not
        after the escalation), an escalation once per episode too; a rule
        has one open activity per record at most, so an escalation takes
        over the open reminder (``takeover``: its log and activity)."""
        if not candidates:
            return candidates
        self.env["sales.followup.log"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT id, res_id, step, episode, state, activity_id
                     FROM sales_followup_log
                    WHERE rule_id = %s AND res_model = %s AND res_id = ANY(%s)""",
                self.id,
                WATCHED_MODELS[self.kind],
                list({candidate.res_id for candidate in candidates}),
            )
        )
        fired, still_open = set(), {}
        for log_id, res_id, step, episode, state, activity in self.env.cr.fetchall():
            fired.add((res_id, step, episode))
            if state == "open":
                still_open[res_id] = (step, log_id, activity)
        result = []
        for candidate in candidates:
            res_id, episode = candidate.res_id, candidate.episode
            if (res_id, candidate.step, episode) in fired:
                continue
            if candidate.step == "first":
                if (res_id, "escalation", episode) in fired or res_id in still_open:
                    continue
            elif res_id in still_open:
                step, log_id, activity = still_open[res_id]
                if step != "first" or not activity:
                    continue
                candidate = candidate._replace(takeover=(log_id, activity))
            result.append(candidate)
        return result

    def _followup_valid_users(self, candidates):
        """The users who may be assigned the candidates' activities: the
        active internal users of the rule's company."""
        wanted = (
            {self.user_id.id}
            | {c.owner_id for c in candidates}
            | {c.leader_id for c in candidates}
        )
        wanted.discard(None)
        wanted.discard(False)
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("id", "in", list(wanted)),
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.ids),
                ]
            )
        )
        return set(users.ids)

    def _followup_user(self, candidate, valid):
        """The user (id) of ``candidate``'s activity, chosen by ``assign_to``
        among ``valid`` users; an escalation goes to the team leader (or the
        named user), not back to the salesperson. None: nobody."""
        named = self.user_id.id
        owner, leader = candidate.owner_id, candidate.leader_id
        if candidate.step == "escalation":
            chain = [leader, named]
            chain = [user for user in chain if user != owner]
        elif self.assign_to == "owner":
            chain = [owner, leader, named]
        elif self.assign_to == "leader":
            chain = [leader, named, owner]
        else:
            chain = [named]
        return next((user for user in chain if user in valid), None)

    # ------------------------------------------------------------------
    # Why: the reason of a candidate, in a language
    # ------------------------------------------------------------------

    def _followup_reason(self, candidate, dates=None):
        """Why ``candidate`` fires, in the language of the context (e.g. "no
        order for 94 days; usually every 30"); ``dates``: the dates already
        formatted, by language (a run formats the same days again and
        again)."""
        env = self.env
        kind = self.kind
        facts = candidate.facts
        days = facts["days"]
        dates = {} if dates is None else dates

        def day(value):
            key = (env.lang, value)
            if key not in dates:
                dates[key] = format_date(env, value)
            return dates[key]

        if kind == "first_contact":
            reason = env._(
                "no activity or message for %(days)s days since the first "
                "contact on %(date)s",
                days=days,
                date=day(facts["date"]),
            )
        elif kind == "stalled_stage":
            stage = env["crm.stage"].sudo().browse(facts["stage_id"]).name
            reason = env._(
                "in the stage %(stage)s for %(days)s days (the limit is %(limit)s)",
                stage=stage,
                days=days,
                limit=facts["limit"],
            )
        elif kind == "unanswered_quotation":
            reason = env._(
                "sent %(days)s days ago, on %(date)s: no answer from the "
                "customer, not confirmed",
                days=days,
                date=day(facts["date"]),
            )
        elif kind == "dormant_customer":
            chance = round(facts["chance"] * 100)
            if facts["basis"] == "opportunities":
                reason = env._(
                    "never ordered; last opportunity %(days)s days ago (chance "
                    "of ordering: %(chance)s %%)",
                    days=days,
                    chance=chance,
                )
            elif facts["interval"] is None:
                reason = env._(
                    "one order only, %(days)s days ago (chance of ordering "
                    "again: %(chance)s %%)",
                    days=days,
                    chance=chance,
                )
            else:
                reason = env._(
                    "no order for %(days)s days; usually every %(interval)s "
                    "(chance of ordering again: %(chance)s %%)",
                    days=days,
                    interval=round(facts["interval"]),
                    chance=chance,
                )
        else:
            reason = env._(
                "usually orders every %(interval)s days; next order expected on "
                "%(date)s, the last one was %(days)s days ago",
                interval=round(facts["interval"]),
                date=day(facts["date"]),
                days=days,
            )
        if candidate.step == "escalation":
            reason = env._(
                "%(reason)s; %(more)s more days: escalated to the team leader",
                reason=reason,
                more=days - facts["limit"],
            )
        return reason

    def _followup_texts(self, batch):
        """(reason, summary, note) of each (candidate, user id) of ``batch``,
        in the user's language."""
        users = self.env["res.users"].sudo().browse(list({user for _c, user in batch}))
        lang_of = {user.id: user.lang or "en_US" for user in users}
        rules, dates = {}, {}
        for lang in set(lang_of.values()):
            rule = self.with_context(lang=lang)
            summary = rule.summary or rule.activity_type_id.summary or rule.name
            # the note of each activity, with its reason in the middle
            before, after = (
                Markup("<p>%s</p>")
                % rule.env._(
                    "Follow-up rule “%(rule)s”: %(reason)s.",
                    rule=rule.name,
                    reason=REASON_MARK,
                )
            ).split(REASON_MARK)
            rules[lang] = (rule, summary, Markup(before), after + (rule.note or ""))
        texts = []
        for candidate, user in batch:
            rule, summary, before, after = rules[lang_of[user]]
            reason = rule._followup_reason(candidate, dates)
            texts.append((reason, summary, before + reason + after))
        return texts
