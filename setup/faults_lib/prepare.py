"""Real work for each job, given on the job's copy of the source database.

Run inside the Odoo process (``driver prepare``) as superuser, committed
once. A benchmark database has done nothing yet of what the scheduled jobs
do, or has done it today: each step below clears the day's marks or creates
what the job works on, as a company's database holds it the night the job
runs. Every step returns a few counts for the log.
"""

from datetime import timedelta

SM = "sales_management."
SMF = "sales_management_forecast."
CRONS = {
    "attainment": SM + "ir_cron_refresh_attainment",
    "cadence": SM + "ir_cron_refresh_customer_cadence",
    "followup": SM + "ir_cron_run_followup_rules",
    "periods": SM + "ir_cron_scorecard_periods",
    "digest": SM + "ir_cron_scorecard_digest",
    "mining": SM + "ir_cron_mine_recommendations",
    "scoring": SM + "ir_cron_score_leads",
    "training": SM + "ir_cron_train_scoring_models",
    "sheets": SMF + "ir_cron_prepare_forecast_sheets",
    "snapshots": SMF + "ir_cron_take_pipeline_snapshots",
    "statistical": SMF + "ir_cron_compute_statistical_forecasts",
    "accuracy": SMF + "ir_cron_store_forecast_accuracy",
}
# the rules of the follow-up job: (kind, delay days, post a note)
FOLLOWUP_RULES = (
    ("stalled_stage", 7, True),
    ("first_contact", 3, False),
    ("dormant_customer", 0, True),
    ("reorder_due", 0, False),
)


def cron_id(env, job):
    return env.ref(CRONS[job]).id


def _today(env):
    from odoo import fields

    return fields.Date.today()


def attainment(env):
    """Every target of the active plans waits for its nightly refresh, and
    none has had its "target reached" message."""
    env.cr.execute(
        """UPDATE sales_quota q
              SET snapshot_date = NULL, reached_notified = FALSE
             FROM sales_quota_plan p
            WHERE p.id = q.plan_id AND p.state = 'active'"""
    )
    return {"targets": env.cr.rowcount}


def cadence(env):
    """The cadence of every customer as computed yesterday."""
    rows = env["sales.customer.cadence"]._refresh_all(
        today=_today(env) - timedelta(days=1)
    )
    env.cr.execute(
        """UPDATE sales_customer_cadence
              SET refresh_date = refresh_date - interval '1 day'"""
    )
    return {"customers": rows}


def followup(env):
    """Four rules of the company (the customers' cadence computed first)."""
    rows = env["sales.customer.cadence"]._refresh_all()
    todo = env.ref("mail.mail_activity_data_todo")
    rules = env["sales.followup.rule"].create(
        [
            {
                "name": f"Killed jobs: {kind}",
                "kind": kind,
                "company_id": env.company.id,
                "delay_days": delay,
                "activity_type_id": todo.id,
                "summary": f"Follow up ({kind})",
                "post_note": note,
            }
            for kind, delay, note in FOLLOWUP_RULES
        ]
    )
    return {"rules": len(rules), "customers": rows}


def scoring(env):
    """A trained company model; every open lead scored yesterday."""
    model = env["sales.scoring.model"].create(
        {"company_id": env.company.id, "team_min_closed": 0}
    )
    model._train()
    env.cr.execute(
        "UPDATE sales_lead_score SET scored_date = scored_date - interval '1 day'"
    )
    return {"scores": env.cr.rowcount, "model": model.state}


def training(env):
    """A company model, never trained, whose teams get models of their own."""
    model = env["sales.scoring.model"].create(
        {"company_id": env.company.id, "team_min_closed": 300}
    )
    return {"model": model.state}


def accuracy(env):
    """The forecast sheets of the last twelve months and four quarters."""
    from dateutil.relativedelta import relativedelta

    Forecast = env["sales.forecast"]
    companies = env["res.company"].search([])
    today = _today(env)
    count = 0
    for months in range(1, 13):
        day = today - relativedelta(months=months)
        count += len(Forecast._prepare_sheets(companies, "month", day))
    for quarters in range(1, 5):
        day = today - relativedelta(months=3 * quarters)
        count += len(Forecast._prepare_sheets(companies, "quarter", day))
    return {"forecasts": count}


STEPS = {
    "attainment": attainment,
    "cadence": cadence,
    "followup": followup,
    "scoring": scoring,
    "training": training,
    "accuracy": accuracy,
}
