"""The base class of the cross-addon access and input tests.

``AccessCommon.setUpClass`` builds, with no demo data, two companies, a user
of every role, three sales teams, leads and orders of every owner, and the
fixture records of every model of the three addons (access_fixtures.SPECS).
"""

from datetime import date, timedelta

from access_fixtures import (
    BUILD_ORDER,
    SPECS,
    build_evaluation,
    build_evaluation_action,
    build_forecast,
)
from access_fixtures_hiring_plan import create_hiring_plans
from access_roles import (
    EXTRA_USERS,
    JOB_CONTEXT,
    LEAD_OWNERS,
    OWNERS,
    PANEL_OWNERS,
    ROLES,
    TEAMS,
    TODAY,
    USER_OWNERS,
)

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class AccessCommon(TransactionCase):
    """Companies, role users, teams, documents and fixture records of every model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.companies = {
            "a": cls.env["res.company"].create({"name": "Matrix Company A"}),
            "b": cls.env["res.company"].create({"name": "Matrix Company B"}),
        }
        cls._create_users()
        cls._create_teams()
        cls.partner = cls.env["res.partner"].create({"name": "Matrix Customer"})
        cls.category = cls.env["product.category"].create({"name": "Matrix category"})
        cls.stage_open = cls.env["crm.stage"].create({"name": "Matrix Open"})
        cls.stage_next = cls.env["crm.stage"].create({"name": "Matrix Next"})
        cls.spare_stage = cls.env["crm.stage"].create({"name": "Matrix Spare"})
        cls.leads = {owner: cls.make_lead(owner) for owner in LEAD_OWNERS}
        cls._track_stage_changes()
        cls._score_leads()
        cls.orders = {owner: cls._make_order(owner) for owner in LEAD_OWNERS}
        cls._create_periods()
        cls.fixtures = {}
        for model in BUILD_ORDER:
            cls.fixtures[model] = cls._build_fixtures(model)
        cls._create_reviews()
        cls._create_entries()
        cls._create_snapshots()
        cls._create_hiring()
        create_hiring_plans(cls)
        for model in SPECS:
            if model not in cls.fixtures:
                cls.fixtures[model] = cls._build_fixtures(model)
        cls.env.flush_all()

    # -- people and teams ----------------------------------------------------

    @classmethod
    def _create_users(cls):
        cls.users = {}
        for name, role in ROLES.items():
            cls.users[name] = cls._make_user(name, role.groups, role.company)
        for name, (company, _team) in EXTRA_USERS.items():
            cls.users[name] = cls._make_user(
                name, "sales_team.group_sale_salesman", company
            )

    @classmethod
    def _make_user(cls, name, groups, company):
        internal = "base.group_portal" not in groups
        company = cls.companies[company]
        return new_test_user(
            cls.env,
            login=f"matrix_{name}",
            name=f"Matrix {name.replace('_', ' ').title()}",
            groups=f"base.group_user,{groups}" if internal else groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            tz="UTC",
        )

    @classmethod
    def _create_teams(cls):
        cls.teams = {}
        members = {}
        for name, role in ROLES.items():
            if role.team:
                members.setdefault(role.team, []).append(cls.users[name])
        for name, (_company, team) in EXTRA_USERS.items():
            members.setdefault(team, []).append(cls.users[name])
        for name, (company, leader) in TEAMS.items():
            cls.teams[name] = cls.env["crm.team"].create(
                {
                    "name": f"Matrix {name}",
                    "company_id": cls.companies[company].id,
                    "user_id": leader and cls.users[leader].id,
                    "member_ids": [Command.set([u.id for u in members.get(name, [])])],
                }
            )

    @classmethod
    def owner_user(cls, owner):
        name = OWNERS[owner].user
        return cls.users[name] if name else cls.env["res.users"]

    @classmethod
    def owner_team(cls, owner):
        name = OWNERS[owner].team
        return cls.teams[name] if name else cls.env["crm.team"]

    @classmethod
    def owner_company(cls, owner):
        name = OWNERS[owner].company
        return cls.companies[name] if name else cls.env["res.company"]

    # -- documents -----------------------------------------------------------

    @classmethod
    def make_lead(cls, owner, name=None):
        # tracked from its creation: its stage changes are tracked
        Lead = cls.env["crm.lead"].with_context(tracking_disable=False)
        return Lead.create(
            {
                "name": name or f"Matrix lead {owner}",
                "type": "opportunity",
                "partner_id": cls.partner.id,
                "user_id": cls.owner_user(owner).id,
                "team_id": cls.owner_team(owner).id,
                "company_id": cls.owner_company(owner).id,
                "stage_id": cls.stage_open.id,
                "expected_revenue": 1000.0,
                "probability": 40.0,
                "date_deadline": TODAY + timedelta(days=10),
            }
        )

    @classmethod
    def _track_stage_changes(cls):
        """One stage change per lead, tracked: the rows of the time in stage."""
        leads = cls.env["crm.lead"].union(*cls.leads.values())
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        leads.with_context(tracking_disable=False).write(
            {"stage_id": cls.stage_next.id}
        )
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.env.flush_all()

    @classmethod
    def _score_leads(cls):
        """A score row for every lead (the scoring leaves some without)."""
        for lead in cls.leads.values():
            if not lead.sm_score_id:
                lead.sm_score_id = cls.env["sales.lead.score"].create(
                    {"lead_id": lead.id}
                )

    @classmethod
    def _make_order(cls, owner):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.partner.id,
                "user_id": cls.owner_user(owner).id,
                "team_id": cls.owner_team(owner).id,
                "company_id": cls.owner_company(owner).id,
            }
        )

    @classmethod
    def _create_periods(cls):
        Period = cls.env["sales.scorecard.period"]

        def period(company, start):
            return Period.create(
                {
                    "company_id": cls.companies[company].id,
                    "period_type": "month",
                    "date_from": start,
                }
            )

        # reviews and live scorecards: January (fixtures) and February
        cls.review_periods = {
            key: (period(key, date(2026, 1, 1)), period(key, date(2026, 2, 1)))
            for key in "ab"
        }
        # stored scorecards: December, closed; November stays open
        cls.closed_periods = {key: period(key, date(2025, 12, 1)) for key in "ab"}
        cls.spare_periods = {key: period(key, date(2025, 11, 1)) for key in "ab"}
        for closed in cls.closed_periods.values():
            closed.action_close()

    @classmethod
    def _build_fixtures(cls, model):
        spec = SPECS[model]
        if spec.fixtures:
            records = spec.fixtures(cls)
        else:
            Model = cls.env[model].with_context(**(spec.context or {}))
            records = {
                owner: Model.create(spec.build(cls, owner, 0, cls.env.user))
                for owner in spec.owners
            }
        missing = [owner for owner in spec.owners if len(records.get(owner, ())) != 1]
        assert not missing, f"{model}: no single fixture record of {missing}"
        return {owner: records[owner].with_env(cls.env) for owner in spec.owners}

    @classmethod
    def _create_reviews(cls):
        # rated by every review (the competencies of the fixtures come after:
        # a rated competency cannot be deleted)
        cls.env["sales.competency"].create({"name": "Matrix rated competency"})
        Review = cls.env["sales.evaluation"]
        cls.reviews = {
            owner: Review.create(build_evaluation(cls, owner, 0, cls.env.user))
            for owner in USER_OWNERS
        }
        for owner, review in cls.reviews.items():
            cls.env["sales.evaluation.action"].create(
                build_evaluation_action(cls, owner, 0, cls.env.user)
            )
            assert review.kpi_ids and review.rating_ids, f"review of {owner}"
        cls.fixtures["sales.evaluation"] = dict(cls.reviews)
        # a competency no review rates yet: ratings of it can be added
        cls.spare_competency = cls.env["sales.competency"].create(
            {"name": "Matrix spare competency"}
        )

    @classmethod
    def _create_entries(cls):
        """An entry on a forecast of each owner, of a period of their own (a
        forecast with entries cannot be deleted: the fixtures have none)."""
        cls.entry_forecasts = {}
        for owner in SPECS["sales.forecast.entry"].owners:
            forecast = cls.env["sales.forecast"].create(
                build_forecast(cls, owner, 2, cls.env.user)
            )
            cls.entry_forecasts[owner] = forecast
            cls.env["sales.forecast.entry"].create(
                {
                    "forecast_id": forecast.id,
                    "kind": "manager",
                    "amount": 100.0,
                    "note": "Matrix call",
                }
            )

    @classmethod
    def _create_snapshots(cls):
        """Two snapshots per company, a week apart (the second one the fixture)."""
        Snapshot = cls.env["sales.forecast.snapshot"]
        cls.snapshots = {}
        for key, company in cls.companies.items():
            first = Snapshot._take_snapshot(company)
            first.with_context(**JOB_CONTEXT).write(
                {"date": first.date - timedelta(days=7)}
            )
            cls.snapshots[key] = (first, Snapshot._take_snapshot(company))

    # -- hiring --------------------------------------------------------------

    @classmethod
    def _create_hiring(cls):
        """A sales job per company (ramp plan, two weighted competencies), its
        applications and the scorecards of their interviewers.

        Company a's interviewed application has the interviewer role and the
        colleague on its panel, and the recruiter recruits for the job: the
        interviewer's scorecard is a draft, the colleague's submitted, the
        recruiter's a draft. Company b's has panel_b, whose scorecard is
        submitted. Each company has two spare applications with the same
        panel: the first for new scorecards, the second holding a draft
        scorecard of each interviewer, for new ratings of a competency the
        jobs weigh since.
        """
        Competency = cls.env["sales.competency"]
        cls.hiring_competencies = [
            Competency.create({"name": f"Matrix hiring competency {index}"})
            for index in (1, 2)
        ]
        cls.spare_job_competency = Competency.create(
            {"name": "Matrix spare job competency"}
        )
        cls.spare_rated_competency = Competency.create(
            {"name": "Matrix spare rated competency"}
        )
        cls.hiring_jobs = {
            key: cls.env["hr.job"].create(
                {
                    "name": f"Matrix sales job {key}",
                    "company_id": company.id,
                    "user_id": cls.users["recruiter"].id if key == "a" else False,
                    "sales_role": "account_executive",
                    "sales_ramp_ids": [
                        Command.create({"month": month, "percent": percent})
                        for month, percent in ((1, 25), (2, 50), (3, 100))
                    ],
                    "sales_competency_ids": [
                        Command.create(
                            {"competency_id": competency.id, "weight": weight}
                        )
                        for competency, weight in zip(
                            cls.hiring_competencies, (2, 1), strict=True
                        )
                    ],
                }
            )
            for key, company in cls.companies.items()
        }
        panels = {
            "a": cls.users["interviewer"] | cls.users["colleague"],
            "b": cls.users["panel_b"],
        }

        def applicant(key, name, interviewers):
            candidate = cls.env["hr.candidate"].create(
                {"partner_name": name, "company_id": cls.companies[key].id}
            )
            return cls.env["hr.applicant"].create(
                {
                    "candidate_id": candidate.id,
                    "job_id": cls.hiring_jobs[key].id,
                    "interviewer_ids": [Command.set(interviewers.ids)],
                }
            )

        cls.hiring_applicants = {
            "interviewer": applicant("a", "Matrix interviewed applicant", panels["a"]),
            "company_a": applicant("a", "Matrix applicant", cls.env["res.users"]),
            "company_b": applicant("b", "Matrix applicant b", panels["b"]),
        }
        cls.spare_applicants = {
            key: tuple(
                applicant(key, f"Matrix spare applicant {key} {index}", panels[key])
                for index in (1, 2)
            )
            for key in cls.companies
        }
        Scorecard = cls.env["sales.interview.scorecard"]

        def scorecard(owner, applicant, submit=False):
            card = Scorecard.create(
                {
                    "applicant_id": applicant.id,
                    "interviewer_id": cls.owner_user(owner).id,
                    "recommendation": "yes",
                }
            )
            card.line_ids.sorted("id")[:1].rating = 4
            if submit:
                card.action_submit()
            return card

        interviewed = cls.hiring_applicants["interviewer"]
        cls.scorecards = {
            "recruiter": scorecard("recruiter", interviewed),
            "interviewer": scorecard("interviewer", interviewed),
            "colleague": scorecard("colleague", interviewed, submit=True),
            "panel_b": scorecard(
                "panel_b", cls.hiring_applicants["company_b"], submit=True
            ),
        }
        cls.spare_scorecards = {
            owner: scorecard(owner, cls.spare_applicants[OWNERS[owner].company][1])
            for owner in PANEL_OWNERS
        }
        for job in cls.hiring_jobs.values():
            job.write(
                {
                    "sales_competency_ids": [
                        Command.create(
                            {
                                "competency_id": cls.spare_rated_competency.id,
                                "weight": 1,
                            }
                        )
                    ]
                }
            )
