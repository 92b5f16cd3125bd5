# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures of the hiring plan, gathered set-based for a whole company.

Four queries, whatever the number of teams: the team targets of the horizon
and the monthly sales of every salesperson of the last three years (both
from ``sales.figure``), the hired salespeople (``hr.applicant``) and the
team members; the members' targets too when they are the basis. The
arithmetic is in ``tools/hiring_plan.py``.

When a salesperson started (the first month of their tenure):

1. the hire date of their hired application on a sales job, the Odoo way;
2. otherwise the month of their first sale in the figures, unless it is
   the first month of the figures read (they sold before: their start is
   unknown, they count as experienced);
3. a team member who never sold started when they joined the team.

Their team, for the team's history: the sales team of the job they were
hired for, otherwise the team of their first sale, otherwise the team they
are a member of.
"""

from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.sales_management.tools.periods import MONTHS_PER_PERIOD, period_label

from ..tools import hiring_plan as hp
from .sales_hiring_plan import MAX_LEAD_MONTHS, MAX_PERIODS, MAX_RAMP_MONTHS

# Months of sales read to learn how new salespeople ramp up.
HISTORY_MONTHS = 36
BASES = ("run_rate", "targets")


class SalesHiringPlan(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.hiring.plan"

    # ------------------------------------------------------------------
    # The entry point
    # ------------------------------------------------------------------

    @api.model
    def _sales_compute(
        self,
        company,
        date_from,
        periods,
        lead_time=2,
        ramp_months=6,
        basis="run_rate",
        quota_plan=None,
        today=None,
    ):
        """The hiring plan of every team with a team target in the
        ``periods`` periods of the active target plan from the one that
        holds ``date_from``.

        Reads the figures without the user's record rules: the callers
        decide who sees the result (the hiring plan's buttons check that the
        user is a recruiter or a sales manager of the company).

        :param company: a company (record or id)
        :param date_from: a day of the first period (a date or its text)
        :param periods: how many periods (a whole number, 1 to 24)
        :param quota_plan: the active target plan (by default the
            company's that holds ``date_from``, plans on confirmed sales of
            every product first)
        :return: one dict per team, the teams that need the most hires first
            (see :meth:`_sales_team_row`), with the rows of its periods under
            ``periods``
        """
        if isinstance(company, int) and not isinstance(company, bool):
            company = self.env["res.company"].browse(company)
        self._sales_check_settings(periods, lead_time, ramp_months, basis)
        today = today or fields.Date.context_today(self)
        plan = (quota_plan or self._sales_quota_plan_of(company, date_from)).sudo()
        if not plan or plan.state != "active" or plan.company_id != company:
            raise UserError(self._sales_no_plan_message(company))
        horizon = self._sales_horizon_of(plan, date_from, periods)
        targets = self._sales_read_targets(plan, horizon, "team")
        teams = sorted(targets)
        if not teams:
            return []
        now = hp.month_index(today)
        months = MONTHS_PER_PERIOD[plan.period_type]
        spans = [(hp.month_index(start), months) for start, _end in horizon]
        histories, members, team_of = self._sales_read_histories(plan, teams, now)
        companywide = hp.tenure_curve(histories.values(), ramp_months, now)
        by_team = defaultdict(list)
        for user_id, history in histories.items():
            by_team[team_of.get(user_id)].append(history)
        jobs = self._sales_read_jobs(plan, teams)
        member_targets = (
            self._sales_read_targets(plan, horizon, "user", teams)
            if basis == "targets"
            else {}
        )
        earliest = max(now + lead_time, spans[0][0])
        rows = []
        for team_id in teams:
            job = jobs.get(team_id)
            source, curve = hp.choose_curve(
                [
                    ("team", hp.tenure_curve(by_team[team_id], ramp_months, now)),
                    ("company", companywide),
                    ("job", self._sales_job_curve(plan, job, ramp_months)),
                ]
            )
            if basis == "targets":
                expected = [
                    member_targets.get(team_id, {}).get(start, 0.0)
                    for start, _end in horizon
                ]
            else:
                expected = [0.0] * len(horizon)
                for user_id in members.get(team_id, ()):
                    contributions = hp.member_contributions(
                        histories[user_id], curve, spans, now, ramp_months
                    )
                    expected = [
                        a + b for a, b in zip(expected, contributions, strict=True)
                    ]
            team_targets = [targets[team_id].get(start, 0.0) for start, _end in horizon]
            rows.append(
                self._sales_team_row(
                    team_id,
                    plan,
                    horizon,
                    spans,
                    team_targets,
                    expected,
                    (source, curve),
                    earliest,
                    lead_time,
                    job=job,
                    member_count=len(members.get(team_id, ())),
                )
            )
        rows.sort(key=lambda row: (-(row["hires_needed"] or 0), -row["gap"]))
        return rows

    @api.model
    def _sales_team_row(
        self,
        team_id,
        plan,
        horizon,
        spans,
        targets,
        expected,
        chosen,
        earliest,
        lead_time,
        job=None,
        member_count=0,
    ):
        """The row of one team, and of its periods, from its figures."""
        source, curve = chosen
        gaps = [
            target - deliver for target, deliver in zip(targets, expected, strict=True)
        ]
        one_hire = (
            hp.contributions(curve, earliest, spans) if curve else [0.0] * len(spans)
        )
        hires = hp.hires_needed(gaps, one_hire) if curve else None
        gap = hp.total_gap(gaps)
        if not gap:
            status = "covered"
        elif not curve:
            status = "no_history"
        elif hires is None:
            status = "too_late"
        else:
            status = "hire"
        latest = hp.latest_start(gaps, curve, spans, hires, earliest) if hires else None
        planned = hires or 0
        periods = [
            {
                "date_from": start,
                "date_to": end,
                "period_name": period_label(start, plan.period_type),
                "target": targets[index],
                "expected": expected[index],
                "gap": gaps[index],
                "hire_contribution": one_hire[index],
                "planned_contribution": planned * one_hire[index],
            }
            for index, (start, end) in enumerate(horizon)
        ]
        return {
            "team_id": team_id,
            "status": status,
            "member_count": member_count,
            "target": sum(targets),
            "expected": sum(expected),
            "gap": gap,
            "hire_contribution": sum(one_hire),
            "hires_needed": hires,
            "hire_by": hp.month_start(latest) if latest is not None else False,
            "open_by": (
                hp.month_start(latest - lead_time) if latest is not None else False
            ),
            "productivity_source": source or False,
            "sample_size": min(curve.counts) if curve and curve.counts else 0,
            "productivity": list(curve.values) if curve else [],
            "job_id": job.id if job else False,
            "periods": periods,
        }

    # ------------------------------------------------------------------
    # Checks of the entry point
    # ------------------------------------------------------------------

    @api.model
    def _sales_check_settings(self, periods, lead_time, ramp_months, basis):
        def whole(value, low, high):
            return (
                isinstance(value, int)
                and not isinstance(value, bool)
                and low <= value <= high
            )

        if not whole(periods, 1, MAX_PERIODS):
            raise ValidationError(
                self.env._(
                    "A hiring plan covers from 1 to %(max)s periods (%(count)s given).",
                    max=MAX_PERIODS,
                    count=str(periods)[:32],
                )
            )
        if not whole(lead_time, 0, MAX_LEAD_MONTHS):
            raise ValidationError(
                self.env._(
                    "The time to hire is from 0 to %(max)s months (%(months)s given).",
                    max=MAX_LEAD_MONTHS,
                    months=str(lead_time)[:32],
                )
            )
        if not whole(ramp_months, 1, MAX_RAMP_MONTHS):
            raise ValidationError(
                self.env._(
                    "The time to productivity is from 1 to %(max)s months "
                    "(%(months)s given).",
                    max=MAX_RAMP_MONTHS,
                    months=str(ramp_months)[:32],
                )
            )
        if basis not in BASES:
            raise ValidationError(
                self.env._("Choose what the current members are expected to deliver.")
            )

    @api.model
    def _sales_quota_plan_of(self, company, day):
        """The active target plan of ``company`` that holds ``day`` (plans on
        confirmed sales of every product first), else the default one."""
        day = self._sales_to_date(day)
        plans = self.env["sales.quota.plan"]
        if day:
            plans = plans.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "active"),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ],
                order="date_from, id",
            )
        plans = plans.sorted(
            lambda p: not (p.metric == "sale" and not p.product_categ_id)
        )
        return plans[:1].with_env(self.env) or self._sales_default_quota_plan(company)

    @api.model
    def _sales_to_date(self, value):
        """``value`` as a date, or None."""
        if isinstance(value, str):
            try:
                return fields.Date.to_date(value)
            except ValueError:
                return None
        return value if isinstance(value, date) else None

    @api.model
    def _sales_horizon_of(self, plan, date_from, count):
        """(start, end) of the ``count`` periods of ``plan`` from the one
        that holds ``date_from``."""
        day = self._sales_to_date(date_from)
        periods = plan._get_periods()
        held = [start for start, end in periods if day and start <= day <= end]
        if not held:
            raise ValidationError(
                self.env._(
                    "The first period must be a period of the target plan "
                    "%(target_plan)s: choose a day from %(start)s to %(end)s.",
                    target_plan=plan.name,
                    start=plan.date_from,
                    end=plan.date_to,
                )
            )
        date_from = held[0]
        remaining = [period for period in periods if period[0] >= date_from]
        if count > len(remaining):
            raise ValidationError(
                self.env._(
                    "The target plan %(target_plan)s has %(count)s periods "
                    "from %(start)s: plan at most %(count)s periods, or "
                    "choose another target plan.",
                    target_plan=plan.name,
                    count=len(remaining),
                    start=date_from,
                )
            )
        return remaining[:count]

    # ------------------------------------------------------------------
    # Reading the figures
    # ------------------------------------------------------------------

    @api.model
    def _sales_read_targets(self, plan, horizon, target_type, teams=None):
        """{team id: {period start: sum of the effective targets}} of the
        plan's targets of ``target_type`` in the horizon (``sales.figure``)."""
        Figure = self.env["sales.figure"]
        Figure._flush_figures("targets")
        figures = Figure._figure_sql(
            "targets",
            {"target": "target"},
            company=plan.company_id.id,
            date_from=horizon[0][0],
            date_to=horizon[-1][1],
            target_type=target_type,
            teams=teams,
            extra=[("plan_id", "=", plan.id)],
        )
        self.env.cr.execute(
            SQL(
                """SELECT src.team_id, src.date, SUM(src.target)::float
                     FROM (%s) AS src
                    WHERE src.team_id IS NOT NULL
                 GROUP BY 1, 2""",
                figures,
            )
        )
        result = defaultdict(dict)
        for team_id, start, target in self.env.cr.fetchall():
            result[team_id][start] = target or 0.0
        return result

    @api.model
    def _sales_read_histories(self, plan, teams, now):
        """The histories of the salespeople of the company and of the team
        members: ``({user id: History}, {team id: member user ids},
        {user id: team id of their history})``.

        The monthly figures are those the plan's targets count (its metric
        and product category, ``sales.figure``), of the last
        ``HISTORY_MONTHS`` complete months.
        """
        company = plan.company_id
        sales, first_team = self._sales_read_monthly(plan, now)
        data_start = min(
            (month for months in sales.values() for month in months), default=now
        )
        hires = self._sales_read_hires(company)
        Member = self.env["crm.team.member"].sudo()
        memberships = Member.search_fetch(
            [("crm_team_id", "in", teams), ("user_id.active", "=", True)],
            ["crm_team_id", "user_id", "create_date"],
            order="id",
        )
        members = defaultdict(list)
        joined = {}
        for membership in memberships:
            user_id = membership.user_id.id
            members[membership.crm_team_id.id].append(user_id)
            # (never after today: a membership is not created in the future)
            month = min(hp.month_index(membership.create_date), now)
            joined.setdefault(user_id, (membership.crm_team_id.id, month))
        users = set(sales) | set(hires) | set(joined)
        active = {
            user.id
            for user in self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .browse(users)
            if user.active
        }
        histories, team_of = {}, {}
        for user_id in users:
            months = sales.get(user_id, {})
            first = min(months, default=None)
            if user_id in hires:
                hire_date, hire_team = hires[user_id]
                start = hp.month_index(hire_date)
                team = (
                    hire_team
                    or first_team.get(user_id)
                    or joined.get(user_id, (None,))[0]
                )
            elif first is not None:
                start = None if first <= data_start else first
                team = first_team[user_id]
            else:
                team, start = joined[user_id]
            if user_id in active:
                end = now
            else:
                end = max(months) + 1 if months else now
            histories[user_id] = hp.History(start, months, end)
            team_of[user_id] = team
        return histories, members, team_of

    @api.model
    def _sales_read_monthly(self, plan, now):
        """``({user id: {month index: figure}}, {user id: team of their first
        sale})`` of the company's sales the plan counts, over the last
        ``HISTORY_MONTHS`` complete months."""
        Figure = self.env["sales.figure"]
        source, measure = self.env["sales.quota"]._achieved_source(plan)
        bounds = {
            "company": plan.company_id.id,
            "date_from": hp.month_start(now - HISTORY_MONTHS),
            "date_to": hp.month_start(now) - timedelta(days=1),
        }
        if source.endswith("_lines"):
            bounds["category"] = plan.product_categ_id
        Figure._flush_figures(source)
        figures = Figure._figure_sql(source, {"amount": measure}, **bounds)
        # per salesperson, month and team (a hash of a few thousand groups,
        # whatever the number of documents): the team of the first sale is
        # the team of the earliest group
        self.env.cr.execute(
            SQL(
                """SELECT src.user_id, date_trunc('month', src.date)::date,
                          src.team_id, SUM(src.amount)::float, MIN(src.date)
                     FROM (%s) AS src
                    WHERE src.user_id IS NOT NULL
                 GROUP BY src.user_id, date_trunc('month', src.date), src.team_id""",
                figures,
            )
        )
        sales = defaultdict(lambda: defaultdict(float))
        first = {}
        for user_id, month, team_id, amount, day in self.env.cr.fetchall():
            sales[user_id][hp.month_index(month)] += amount or 0.0
            if user_id not in first or day < first[user_id][0]:
                first[user_id] = (day, team_id)
        first_team = {user_id: team for user_id, (_day, team) in first.items()}
        sales = {user_id: dict(months) for user_id, months in sales.items()}
        return sales, first_team

    @api.model
    def _sales_read_hires(self, company):
        """{user id: (hire date, team of the job)} of the company's hired
        salespeople (their latest hire)."""
        Applicant = self.env["hr.applicant"]
        Applicant._sales_flush_hires()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT ON (h.user_id) h.user_id, h.hire_date, h.team_id
                     FROM (%s) AS h
                 ORDER BY h.user_id, h.hire_date DESC, h.applicant_id DESC""",
                Applicant._sales_hires_sql(company.id),
            )
        )
        return {user_id: (day, team) for user_id, day, team in self.env.cr.fetchall()}

    @api.model
    def _sales_read_jobs(self, plan, teams):
        """{team id: its first sales job (by sequence)} of the company."""
        jobs = (
            self.env["hr.job"]
            .sudo()
            .search(
                [
                    ("sales_role", "!=", False),
                    ("sales_team_id", "in", teams),
                    ("company_id", "in", (plan.company_id.id, False)),
                ],
                order="sequence, id",
            )
        )
        result = {}
        for job in jobs:
            result.setdefault(job.sales_team_id.id, job)
        return result

    @api.model
    def _sales_job_curve(self, plan, job, ramp_months):
        """The curve the job's ramp plan expects of a new hire, for a plan on
        confirmed sales of every product (the job's annual target is
        confirmed sales); None otherwise."""
        if not job or plan.metric != "sale" or plan.product_categ_id:
            return None
        if not job.sales_annual_target:
            return None
        factors = [job._sales_ramp_factor(k) for k in range(1, ramp_months + 2)]
        return hp.ramp_plan_curve(job.sales_annual_target / 12.0, factors)
