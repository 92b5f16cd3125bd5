"""What each scheduled job writes, and how its run is checked (plain Python).

For each job (``Job``):

* ``code``: the code of its scheduled action in the copies, a smaller batch
  than the default so that a small database gives several batches (the job's
  own method, called by the scheduler as on a server); ``None`` leaves it;
* ``work``: SQL giving, for each unit of work the job has done and committed,
  its natural key and a stamp that a rewrite changes (a date of refresh, or
  the id of an inserted row): the progress before the kill, what the rerun
  did, and what it did again;
* ``fingerprint``: SQL of what the job writes, its rows and figures, without
  what legitimately differs between two runs (ids of rows the job creates,
  times of day: dates are kept, both runs are on one day);
* ``duplicates``: SQL per natural key, ``GROUP BY ... HAVING count(*) > 1``;
* ``gate``: SQL taking the row lock the job's next batch waits for (``FOR
  UPDATE NOWAIT``), for the jobs that commit several batches in one call;
  ``None``: the progress record of the call (see ``kill``);
* ``batches``: SQL counting the batches committed, for those same jobs
  (otherwise the calls of the job that committed);
* ``min_batches``: batches committed before the job is killed; 0 for a job
  that does its work in one transaction (killed while it is open);
* ``where``: where it is killed, for the report (``{n}``: the batch);
* ``baseline``: SQL read on the prepared database before the runs (e.g. the
  highest message id, so that the messages the job posts can be told apart),
  passed to the other queries as parameters.
"""

from dataclasses import dataclass, field

TODAY = "date_trunc('day', now() AT TIME ZONE 'UTC')"
# where a job of one transaction is killed
SINGLE = "its one transaction, its work done, before its commit"


@dataclass(frozen=True)
class Job:
    name: str
    title: str
    work: str
    fingerprint: str
    duplicates: dict
    code: str | None = None
    gate: str | None = None
    batches: str | None = None
    min_batches: int = 2
    where: str = "batch {n}, its work done, before its commit"
    baseline: dict = field(default_factory=dict)


MESSAGES = {"message": "SELECT COALESCE(max(id), 0) FROM mail_message"}

ATTAINMENT = Job(
    name="attainment",
    title="attainment refresh",
    code="model._cron_refresh_attainment(batch_size=40)",
    work="SELECT id::text, snapshot_date::text FROM sales_quota "
    "WHERE snapshot_date IS NOT NULL",
    fingerprint="""
        SELECT q.plan_id, q.target_type, q.user_id, q.team_id, q.date_from,
               round(q.snapshot_achieved, 2), round(q.snapshot_pipeline, 2),
               round(q.snapshot_attainment, 1), q.reached_notified,
               q.snapshot_date::date,
               (SELECT count(*) FROM mail_message m
                 WHERE m.model = 'sales.quota' AND m.res_id = q.id
                   AND m.id > %(message)s)
          FROM sales_quota q""",
    duplicates={
        "target reached message": """
            SELECT res_id FROM mail_message
             WHERE model = 'sales.quota' AND id > %(message)s
             GROUP BY res_id HAVING count(*) > 1""",
    },
    baseline=MESSAGES,
)

CADENCE_CHUNK = 150
CADENCE = Job(
    name="cadence",
    title="customer cadence refresh",
    code=f"model._cron_refresh(chunk_size={CADENCE_CHUNK})",
    work=f"""SELECT partner_id || '/' || company_id, refresh_date::text
               FROM sales_customer_cadence WHERE refresh_date >= {TODAY}""",
    fingerprint="""
        SELECT partner_id, company_id, basis, order_count,
               round(lifetime_revenue, 2), round(average_order, 2), first_date,
               last_date, day_count, round(interval_days, 4), next_date,
               round(p_active, 6), dormant, user_id, team_id, refresh_date::date
          FROM sales_customer_cadence""",
    duplicates={
        "customer and company": """
            SELECT partner_id, company_id FROM sales_customer_cadence
             GROUP BY 1, 2 HAVING count(*) > 1""",
    },
    # a customer of the last chunk, whose row exists since yesterday
    gate="""
        SELECT id FROM sales_customer_cadence
         WHERE partner_id = (SELECT max(partner_id) FROM sales_customer_cadence
                              WHERE basis = 'orders')
           FOR UPDATE NOWAIT""",
    batches=f"""SELECT ceil(count(*) / {CADENCE_CHUNK}.0)::int
                  FROM sales_customer_cadence WHERE refresh_date >= {TODAY}""",
    where="chunk {n}, in its upsert",
)

FOLLOWUP_BATCH = 100
FOLLOWUP = Job(
    name="followup",
    title="follow-up rules",
    code=f"model._cron_run_rules(batch_size={FOLLOWUP_BATCH})",
    work="""SELECT rule_id || '/' || res_model || '/' || res_id || '/' || step
                   || '/' || episode, id::text
              FROM sales_followup_log""",
    fingerprint="""
        SELECT l.rule_id, l.res_model, l.res_id, l.step, l.episode, l.user_id,
               l.team_id, l.reason, l.state, l.date::date, a.activity_type_id,
               a.user_id, a.summary, md5(a.note), a.date_deadline, a.res_model,
               a.res_id,
               (SELECT count(*) FROM mail_message m
                 WHERE m.model = l.res_model AND m.res_id = l.res_id
                   AND m.id > %(message)s)
          FROM sales_followup_log l
          LEFT JOIN mail_activity a ON a.id = l.activity_id""",
    duplicates={
        "rule, record, step and episode": """
            SELECT rule_id, res_model, res_id, step, episode
              FROM sales_followup_log GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1""",
        "open follow-ups of a rule on a record": """
            SELECT rule_id, res_model, res_id FROM sales_followup_log
             WHERE state = 'open' GROUP BY 1, 2, 3 HAVING count(*) > 1""",
        "activity without its follow-up": """
            SELECT a.id FROM mail_activity a
             WHERE a.id > %(activity)s AND NOT EXISTS (
                   SELECT 1 FROM sales_followup_log l WHERE l.activity_id = a.id)""",
        "note posted twice": """
            SELECT model, res_id, md5(body) FROM mail_message
             WHERE id > %(message)s GROUP BY 1, 2, 3 HAVING count(*) > 1""",
    },
    # the activity type of the rules: the next batch inserts its follow-ups
    # and their activities, then waits as the activities' foreign key is checked
    gate="""
        SELECT id FROM mail_activity_type
         WHERE id IN (SELECT activity_type_id FROM sales_followup_rule)
           FOR UPDATE NOWAIT""",
    batches=f"""SELECT COALESCE(sum(ceil(n / {FOLLOWUP_BATCH}.0)), 0)::int
                  FROM (SELECT count(*) AS n FROM sales_followup_log
                         GROUP BY rule_id) s""",
    where="batch {n}, its follow-ups and activities inserted",
    baseline={
        **MESSAGES,
        "activity": "SELECT COALESCE(max(id), 0) FROM mail_activity",
    },
)

PERIODS = Job(
    name="periods",
    title="scorecard periods",
    work="""SELECT company_id || '/' || period_type || '/' || date_from, id::text
              FROM sales_scorecard_period""",
    fingerprint="""
        SELECT company_id, period_type, date_from, date_to, prev_date_from, name,
               state
          FROM sales_scorecard_period""",
    duplicates={
        "company, type and start": """
            SELECT company_id, period_type, date_from FROM sales_scorecard_period
             GROUP BY 1, 2, 3 HAVING count(*) > 1""",
    },
    min_batches=0,
    where=SINGLE,
)

DIGEST = Job(
    name="digest",
    title="scorecard digest",
    code="model._cron_send_digest(batch_size=1)",
    work="""SELECT r.period_id || '/' || r.team_id, '' FROM
              sales_scorecard_period_digest_team_rel r""",
    fingerprint="""
        SELECT 'sent', p.company_id, p.period_type, p.date_from,
               r.team_id::text, NULL
          FROM sales_scorecard_period_digest_team_rel r
          JOIN sales_scorecard_period p ON p.id = r.period_id
        UNION ALL
        SELECT 'email', p.company_id, p.period_type, p.date_from, m.subject,
               md5(m.body::text) || ' to ' || (
                   SELECT string_agg(rp.res_partner_id::text, ','
                                     ORDER BY rp.res_partner_id)
                     FROM mail_mail_res_partner_rel rp
                    WHERE rp.mail_mail_id = mm.id) || ' with ' || (
                   SELECT COALESCE(string_agg(a.name || ' ' || a.file_size, ','
                                              ORDER BY a.name), '')
                     FROM message_attachment_rel ma
                     JOIN ir_attachment a ON a.id = ma.attachment_id
                    WHERE ma.message_id = m.id)
          FROM mail_mail mm
          JOIN mail_message m ON m.id = mm.mail_message_id
          JOIN sales_scorecard_period p
            ON m.model = 'sales.scorecard.period' AND p.id = m.res_id
         WHERE m.id > %(message)s""",
    duplicates={
        "digest email to a leader": """
            SELECT m.subject, rp.res_partner_id
              FROM mail_mail mm JOIN mail_message m ON m.id = mm.mail_message_id
              JOIN mail_mail_res_partner_rel rp ON rp.mail_mail_id = mm.id
             WHERE m.id > %(message)s GROUP BY 1, 2 HAVING count(*) > 1""",
        "digest emails without their team marked": """
            SELECT count(*) FROM mail_mail mm
              JOIN mail_message m ON m.id = mm.mail_message_id
             WHERE m.model = 'sales.scorecard.period' AND m.id > %(message)s
            HAVING count(*) != (SELECT count(*)
                                  FROM sales_scorecard_period_digest_team_rel)""",
    },
    baseline=MESSAGES,
)

MINING = Job(
    name="mining",
    title="recommendation mining",
    work="SELECT company_id::text, id::text FROM sales_recommendation_run",
    fingerprint="""
        SELECT 'run', company_id, order_count, customer_count, product_count,
               pair_count, recommendation_count, round(recall_before::numeric, 6),
               round(recall_after::numeric, 6), NULL::numeric, date::date
          FROM sales_recommendation_run
        UNION ALL
        SELECT 'pair', company_id, product_a_id, product_b_id, order_count, NULL,
               NULL, round(support, 6), round(confidence, 6), round(lift, 6), NULL
          FROM sales_product_pair
        UNION ALL
        SELECT 'list ' || md5(suggestions::text), company_id, partner_id, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL
          FROM sales_recommendation_list""",
    duplicates={
        "pair of products": """
            SELECT company_id, product_a_id, product_b_id FROM sales_product_pair
             GROUP BY 1, 2, 3 HAVING count(*) > 1""",
        "list of a customer": """
            SELECT company_id, partner_id FROM sales_recommendation_list
             GROUP BY 1, 2 HAVING count(*) > 1""",
        "run of a company": """
            SELECT company_id FROM sales_recommendation_run
             GROUP BY 1 HAVING count(*) > 1""",
    },
    min_batches=0,
    where=SINGLE,
)

SCORING = Job(
    name="scoring",
    title="lead scoring",
    code="model._cron_score_leads(batch_size=200)",
    work=f"""SELECT lead_id::text, scored_date::text FROM sales_lead_score
              WHERE scored_date >= {TODAY}""",
    fingerprint="""
        SELECT s.lead_id, s.rule_score, s.grade_id, s.model_id, s.source,
               md5(s.rule_detail::text), round(s.score, 6), round(s.probability, 6),
               round(s.priority_value, 6), s.scored_date::date, l.priority
          FROM sales_lead_score s JOIN crm_lead l ON l.id = s.lead_id""",
    duplicates={
        "score of a lead": """
            SELECT lead_id FROM sales_lead_score GROUP BY 1 HAVING count(*) > 1""",
    },
)

TRAINING = Job(
    name="training",
    title="scoring model training",
    work=f"""SELECT company_id || '/' || COALESCE(team_id, 0), trained_date::text
               FROM sales_scoring_model WHERE trained_date >= {TODAY}""",
    fingerprint="""
        SELECT 'model', m.company_id, m.team_id, m.state, m.n_closed, m.n_won,
               m.n_holdout, round(m.auc, 6), round(m.brier, 6),
               round(m.odoo_auc, 6), round(m.odoo_brier, 6),
               md5(m.model_json) || md5(m.importance::text)
                   || md5(m.calibration::text), m.scored_count,
               m.trained_date::date
          FROM sales_scoring_model m
        UNION ALL
        SELECT 'score', s.lead_id, m.team_id, s.source, s.rule_score, s.grade_id,
               NULL, round(s.score, 6), round(s.probability, 6), NULL, NULL, NULL,
               NULL, s.scored_date::date
          FROM sales_lead_score s
          LEFT JOIN sales_scoring_model m ON m.id = s.model_id""",
    duplicates={
        "model of a company and team": """
            SELECT company_id, team_id FROM sales_scoring_model
             GROUP BY 1, 2 HAVING count(*) > 1""",
        "score of a lead": """
            SELECT lead_id FROM sales_lead_score GROUP BY 1 HAVING count(*) > 1""",
    },
    min_batches=1,
)

FORECAST_KEY = """f.company_id || '/' || f.owner_type || '/' || COALESCE(f.team_id, 0)
    || '/' || COALESCE(f.user_id, 0) || '/' || f.period_type || '/' || f.date_from"""

SHEETS = Job(
    name="sheets",
    title="forecast sheets",
    work=f"SELECT {FORECAST_KEY}, f.id::text FROM sales_forecast f",
    fingerprint="""
        SELECT f.company_id, f.owner_type, f.team_id, f.user_id, f.period_type,
               f.date_from, f.date_to, f.period_name, f.state, p.owner_type,
               p.team_id, p.user_id
          FROM sales_forecast f LEFT JOIN sales_forecast p ON p.id = f.parent_id""",
    duplicates={
        "forecast of an owner and period": """
            SELECT company_id, owner_type, team_id, user_id, period_type, date_from
              FROM sales_forecast GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) > 1""",
    },
    min_batches=0,
    where=SINGLE,
)

SNAPSHOTS = Job(
    name="snapshots",
    title="pipeline snapshots",
    code="model._cron_take_snapshots(batch_size=200)",
    work="SELECT lead_id::text, id::text FROM sales_forecast_snapshot_line",
    fingerprint="""
        SELECT 'snapshot', company_id, state, line_count, round(amount_total, 2),
               round(weighted_total, 2), last_lead_id, NULL, NULL, NULL, NULL,
               date::date
          FROM sales_forecast_snapshot
        UNION ALL
        SELECT 'line', l.company_id, l.forecast_category, l.lead_id, l.user_id,
               l.team_id, l.stage_id, round(l.probability::numeric, 4),
               round(l.amount, 2), round(l.prorated_amount, 2), l.date_deadline,
               l.date::date
          FROM sales_forecast_snapshot_line l""",
    duplicates={
        "opportunity of a snapshot": """
            SELECT snapshot_id, lead_id FROM sales_forecast_snapshot_line
             GROUP BY 1, 2 HAVING count(*) > 1""",
        "snapshot of a company": """
            SELECT company_id FROM sales_forecast_snapshot
             GROUP BY 1 HAVING count(*) > 1""",
    },
)

STATISTICAL = Job(
    name="statistical",
    title="statistical forecasts",
    work="""SELECT owner_type || '/' || COALESCE(user_id, team_id, 0) || '/'
                   || date_from, id::text
              FROM sales_forecast_statistical""",
    fingerprint="""
        SELECT company_id, owner_type, user_id, team_id, date_from, period_name,
               method, round(amount, 4), round(lower, 4), round(upper, 4),
               computed_date::date
          FROM sales_forecast_statistical""",
    duplicates={
        "forecast of an owner and month": """
            SELECT company_id, owner_type, user_id, team_id, date_from
              FROM sales_forecast_statistical
             GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1""",
    },
    min_batches=0,
    where=SINGLE,
)

ACCURACY = Job(
    name="accuracy",
    title="forecast accuracy",
    code="model._cron_store_accuracy(batch_size=40)",
    work="""SELECT id::text, accuracy_date::text FROM sales_forecast
             WHERE accuracy_date IS NOT NULL""",
    fingerprint="""
        SELECT company_id, owner_type, team_id, user_id, period_type, date_from,
               round(accuracy_call, 4), round(accuracy_actual, 4),
               round(accuracy, 4), round(bias, 4), accuracy_date::date
          FROM sales_forecast""",
    duplicates=SHEETS.duplicates,
)

JOBS = {
    job.name: job
    for job in (
        ATTAINMENT,
        CADENCE,
        FOLLOWUP,
        PERIODS,
        DIGEST,
        MINING,
        SCORING,
        TRAINING,
        SHEETS,
        SNAPSHOTS,
        STATISTICAL,
        ACCURACY,
    )
}


def select(names):
    """The jobs of ``names`` (``all`` or names separated by commas)."""
    if names == "all":
        return list(JOBS.values())
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in JOBS]
    if unknown:
        raise ValueError(f"unknown job {', '.join(unknown)} (all, {', '.join(JOBS)})")
    return [JOBS[name] for name in wanted]
