# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Eighteen months of sales history for the demo salespeople, run once by
``setup/demo`` in ``odoo shell`` (a system parameter records that it ran).

For Mitchell Admin and Marc Demo, month after month since 18 months ago,
and for the salesperson the recruiting demo hired (when the recruiting addon
is installed) from their first day, the first of January, ramping up:
opportunities from Odoo's demo customers and sources, won (with a confirmed
order, invoiced and mostly paid) or lost with a reason, some left open; done
calls and held meetings; then the monthly forecast sheets of the past year,
a pipeline snapshot of a week ago and changes since, the scorecard months
before the current quarter closed, the predictive model trained, the
statistical forecasts and their accuracy. Odoo's own demo records are left
as they are. Seeded: the same database gets the same history.
"""

import random
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

DONE_KEY = "sales_management.demo_history"
MONTHS = 18
SEED = 2026


def month_starts(today):
    first = today.replace(day=1)
    return [first - relativedelta(months=back) for back in range(MONTHS, 0, -1)]


def set_dates(env, table, ids, **columns):
    """Write past dates the ORM keeps for itself (creation, closing)."""
    env.flush_all()
    assignments = ", ".join(f"{column} = %({column})s" for column in columns)
    env.cr.execute(
        f"UPDATE {table} SET {assignments} WHERE id = ANY(%(ids)s)",  # noqa: S608
        {**columns, "ids": list(ids)},
    )
    env.invalidate_all()


def midnight(day):
    return datetime.combine(day, datetime.min.time())


def pick_day(rnd, start):
    end = start + relativedelta(months=1) - timedelta(days=1)
    return start + timedelta(days=rnd.randint(0, (end - start).days))


class History:
    def __init__(self, env):
        self.env = env
        self.rnd = random.Random(SEED)
        self.today = date.today()
        self.company = env.ref("base.main_company")
        self.users = env.ref("base.user_admin") | env.ref("base.user_demo")
        self.customers = env["res.partner"].search(
            [("is_company", "=", True), ("customer_rank", ">", 0)], limit=12
        ) or env["res.partner"].search([("is_company", "=", True)], limit=12)
        self.sources = env["utm.source"].search([], limit=6)
        self.products = env["product.product"].search(
            [
                ("sale_ok", "=", True),
                ("list_price", ">", 50),
                ("invoice_policy", "=", "order"),
                ("type", "=", "consu"),
            ],
            limit=8,
        )
        self.won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
        self.stages = env["crm.stage"].search([("is_won", "=", False)])
        self.lost_reasons = env["crm.lost.reason"].search([])
        self.call_type = env.ref("mail.mail_activity_data_call")
        self.bank = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company.id)], limit=1
        )
        self.hired, self.hired_start = self._hired()

    def _hired(self):
        """The salesperson the recruiting demo hired and their first day (the
        demo onboarding starts them on the first of January); none without
        the recruiting addon."""
        applicant = self.env.ref(
            "sales_management_recruiting.applicant_noah", raise_if_not_found=False
        )
        user = applicant.sales_user_id if applicant else self.env["res.users"]
        return user, self.today.replace(month=1, day=1)

    # -- the months ----------------------------------------------------------

    def run(self):
        for start in month_starts(self.today):
            for user in self.users:
                self.month_of(user, start)
            if self.hired and start >= self.hired_start:
                # a few deals the first months, then as many as the others
                ramp = (start.year - self.hired_start.year) * 12 + (
                    start.month - self.hired_start.month
                )
                deals = (2, 3) if ramp < 2 else (3, 5) if ramp < 4 else (5, 8)
                self.month_of(self.hired, start, deals)
        self.forecast_sheets()
        self.snapshots()
        self.close_periods()
        self.train()
        self.forecasts_and_accuracy()

    def month_of(self, user, start, deals=(5, 8)):
        rnd = self.rnd
        for _index in range(rnd.randint(*deals)):
            created = pick_day(rnd, start)
            source = rnd.choice(self.sources) if self.sources else False
            # trade shows and referrals win more often in this history
            odds = 0.55 if source and source.id % 2 else 0.3
            lead = self.env["crm.lead"].create(
                {
                    "name": f"{rnd.choice(self.customers).name}: "
                    f"{rnd.choice(['licences', 'desks', 'renewal', 'support plan'])}",
                    "type": "opportunity",
                    "partner_id": rnd.choice(self.customers).id,
                    "user_id": user.id,
                    "team_id": user.sale_team_id.id or False,
                    "source_id": source.id if source else False,
                    "expected_revenue": rnd.choice([1500, 3000, 5000, 8000, 12000]),
                    "stage_id": rnd.choice(self.stages).id,
                }
            )
            set_dates(
                self.env,
                "crm_lead",
                lead.ids,
                create_date=datetime.combine(created, datetime.min.time()),
            )
            closed = created + timedelta(days=rnd.randint(10, 60))
            self.contacts(lead, user, created, closed)
            if closed >= self.today:
                lead.date_deadline = closed
                continue
            if rnd.random() < odds:
                self.win(lead, user, closed)
            else:
                lead.action_set_lost(
                    lost_reason_id=rnd.choice(self.lost_reasons).id
                    if self.lost_reasons
                    else False
                )
                set_dates(self.env, "crm_lead", lead.ids, date_closed=closed)

    def contacts(self, lead, user, created, closed):
        rnd = self.rnd
        last = min(closed, self.today - timedelta(days=1))
        for _call in range(rnd.randint(0, 3)):
            activity = lead.activity_schedule(
                activity_type_id=self.call_type.id, user_id=user.id
            )
            activity.with_user(user).action_feedback(feedback="Called the customer.")
        self.env.flush_all()
        day = created + timedelta(days=rnd.randint(0, max((last - created).days, 0)))
        self.env.cr.execute(
            """UPDATE mail_message SET date = %s
                WHERE model = 'crm.lead' AND res_id = %s
                  AND mail_activity_type_id IS NOT NULL""",
            [midnight(day) + timedelta(hours=10), lead.id],
        )
        if rnd.random() < 0.6:
            when = midnight(day) + timedelta(hours=14)
            self.env["calendar.event"].create(
                {
                    "name": f"Meeting: {lead.name}",
                    "user_id": user.id,
                    "opportunity_id": lead.id,
                    "partner_ids": [(4, user.partner_id.id)],
                    "start": when,
                    "stop": when + timedelta(hours=1),
                }
            )

    def win(self, lead, user, closed):
        lead.action_set_won()
        set_dates(self.env, "crm_lead", lead.ids, date_closed=closed)
        product = self.rnd.choice(self.products)
        order = self.env["sale.order"].create(
            {
                "partner_id": lead.partner_id.id,
                "user_id": user.id,
                "team_id": lead.team_id.id,
                "opportunity_id": lead.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": max(
                                1, round(lead.expected_revenue / product.list_price)
                            ),
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = midnight(closed)
        if closed > self.today - timedelta(days=20) or self.rnd.random() < 0.15:
            return
        invoice = order._create_invoices()
        invoice.invoice_date = closed + timedelta(days=2)
        invoice.action_post()
        if self.bank and self.rnd.random() < 0.8:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create(
                {
                    "payment_date": min(
                        closed + timedelta(days=30), self.today - timedelta(days=1)
                    ),
                    "journal_id": self.bank.id,
                }
            )._create_payments()

    # -- what the jobs make of it ---------------------------------------------

    def forecast_sheets(self):
        Forecast = self.env["sales.forecast"]
        for start in month_starts(self.today)[-12:] + [self.today.replace(day=1)]:
            with freeze_time(start + timedelta(days=3)):
                Forecast._prepare_sheets(
                    self.company, "month", start + timedelta(days=3)
                )

    def snapshots(self):
        Snapshot = self.env["sales.forecast.snapshot"]
        with freeze_time(self.today - timedelta(days=7)):
            Snapshot._take_snapshot(self.company)
        # a week of changes: a deal won, one pushed out, one grown
        open_leads = self.env["crm.lead"].search(
            [
                ("type", "=", "opportunity"),
                ("user_id", "in", self.users.ids),
                ("probability", "<", 100),
                ("date_deadline", "!=", False),
            ],
            limit=6,
        )
        if len(open_leads) >= 3:
            open_leads[0].action_set_won()
            open_leads[1].date_deadline += relativedelta(months=2)
            open_leads[2].expected_revenue *= 1.5
        Snapshot._take_snapshot(self.company)

    def close_periods(self):
        """Close the months before the current quarter; the months the demo
        data closed at install, before this history existed, are closed
        again with it (their stored scorecards would miss it)."""
        Period = self.env["sales.scorecard.period"]
        closed_early = Period.search(
            [
                ("company_id", "=", self.company.id),
                ("state", "=", "closed"),
                ("date_from", ">=", month_starts(self.today)[0]),
            ]
        )
        if closed_early:
            self.env.flush_all()
            self.env.cr.execute(
                "DELETE FROM sales_scorecard_line WHERE period_id = ANY(%s)",
                [closed_early.ids],
            )
            self.env.cr.execute(
                """UPDATE sales_scorecard_period
                      SET state = 'open', closed_on = NULL, closed_by_id = NULL
                    WHERE id = ANY(%s)""",
                [closed_early.ids],
            )
            self.env.invalidate_all()
        quarter = self.today.replace(month=(self.today.month - 1) // 3 * 3 + 1, day=1)
        months = Period.browse()
        for start in month_starts(self.today):
            if start < quarter:
                months |= Period._ensure_periods(self.company, start, ("month",))
        for period in (months | closed_early).sorted("date_from"):
            period.action_close()

    def train(self):
        Model = self.env["sales.scoring.model"]
        model = Model.search(
            [("company_id", "=", self.company.id), ("team_id", "=", False)], limit=1
        ) or Model.create({"company_id": self.company.id})
        model.action_train()

    def forecasts_and_accuracy(self):
        self.env["sales.forecast.statistical"]._cron_compute()
        Accuracy = self.env["sales.forecast"]
        while Accuracy._cron_store_accuracy():
            pass


def main(env):
    parameters = env["ir.config_parameter"].sudo()
    if parameters.get_param(DONE_KEY):
        print("demo history: already there")
        return
    History(env).run()
    parameters.set_param(DONE_KEY, date.today().isoformat())
    env.cr.commit()
    leads = env["crm.lead"].with_context(active_test=False).search_count([])
    print(f"demo history: done ({leads} leads in all)")


main(env)  # noqa: F821 - odoo shell's environment
