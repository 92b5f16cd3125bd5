"""Measurements of the customers part (``setup/bench --part customers``).

The follow-up rules and the quotations they chase (``customers_data``) are
generated on the part's first run and committed. Everything the part then
does (the cadence, the follow-ups and activities of the rules, the mined
suggestions) is written in one transaction, rolled back at the end: every
run starts from the same database, without follow-ups, as the first night
after the rules were set up. In this order:

a. The nightly cadence of every customer (``sales.customer.cadence``,
   ``_refresh_all``, as its scheduled job): timed once, no target stated.
b. The first run of every follow-up rule (``sales.followup.rule._run_all``,
   batches of 1,000, as its scheduled job, which commits after each batch;
   here nothing is committed): timed once, target 30 s; what it fired per
   kind of rule (follow-ups, activities, escalations).
c. The second run, at once: it must fire nothing (the rows of
   ``sales.followup.log`` and ``mail.activity`` are counted before and
   after): a check; its time for information.
d. Mining the company's recommendations (``sales.recommendation.run
   ._sm_mine``, as its scheduled job): timed once, target 60 s.
e. The *Suggested Products* tabs of the key account and of its quotation,
   and the 360 of the key account (its form with the *Sales Figures* tab
   and the first page of its timeline): see ``customers_screens``; targets
   50 ms and 300 ms, the median of ``--repeat`` runs after a warm-up, each
   from a fresh ORM cache.
f. The extraction of one email: see ``customers_emails``; target 20 ms.
"""

import time
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from . import customers_data
from .bench import Figure, Results, _report_figures, report_summary
from .customers_data import RULES
from .customers_emails import measure_extraction
from .customers_screens import measure_customer_360, measure_suggestions

FULL_RUN_MAX_MS = 30_000.0
MINING_MAX_MS = 60_000.0
BATCH_SIZE = 1000
KIND_ORDER = [kind for _name, kind, _options in RULES]


def _timed_once(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000.0, result


def _counts(cr):
    cr.execute(
        """SELECT (SELECT COUNT(*) FROM sales_followup_log),
                  (SELECT COUNT(*) FROM mail_activity)"""
    )
    return cr.fetchone()


def _fired_per_kind(cr, rule_ids):
    """{kind: (follow-ups, with their activity, escalations)} of the rules."""
    cr.execute(
        SQL(
            """
            SELECT r.kind, COUNT(l.id),
                   COUNT(a.id),
                   COUNT(l.id) FILTER (WHERE l.step = 'escalation')
              FROM sales_followup_rule r
              LEFT JOIN sales_followup_log l ON l.rule_id = r.id
              LEFT JOIN mail_activity a ON a.id = l.activity_id
             WHERE r.id = ANY(%s)
          GROUP BY r.kind""",
            rule_ids,
        )
    )
    return {kind: rest for kind, *rest in cr.fetchall()}


# ----------------------------------------------------------------------
# a. The cadence
# ----------------------------------------------------------------------


def measure_cadence(env, results):
    Cadence = env["sales.customer.cadence"]
    elapsed, rows = _timed_once(lambda: Cadence._refresh_all())
    env.cr.execute(
        """SELECT COUNT(*) FILTER (WHERE basis = 'orders'),
                  COUNT(*) FILTER (WHERE basis = 'opportunities'),
                  COUNT(*) FILTER (WHERE dormant)
             FROM sales_customer_cadence"""
    )
    ordered, prospects, dormant = env.cr.fetchone()
    results.figures.append(
        Figure(
            "cadence of every customer (nightly job)",
            [elapsed],
            note=f"no target stated: {rows:,} customers ({ordered:,} with orders, "
            f"{prospects:,} with opportunities only), {dormant:,} dormant",
        )
    )


# ----------------------------------------------------------------------
# b, c. The follow-up rules, twice
# ----------------------------------------------------------------------


def measure_rules(env, data, results, log):
    cr = env.cr
    Rule = env["sales.followup.rule"]
    rules = Rule.browse(data["rule_ids"])
    before = _counts(cr)
    elapsed, fired = _timed_once(lambda: Rule._run_all(batch_size=BATCH_SIZE))
    after_first = _counts(cr)
    per_kind = _fired_per_kind(cr, rules.ids)
    activities = after_first[1] - before[1]
    results.figures.append(
        Figure(
            "first run of the 5 follow-up rules (nightly job)",
            [elapsed],
            FULL_RUN_MAX_MS,
            f"{fired:,} follow-ups fired, {activities:,} activities scheduled",
        )
    )
    log("\nFollow-ups of the first run, per kind of rule:")
    log(f"  {'kind':<22}  {'follow-ups':>10}  {'activities':>10}  {'escalations':>11}")
    for kind in KIND_ORDER:
        logs, with_activity, escalations = per_kind.get(kind, (0, 0, 0))
        log(f"  {kind:<22}  {logs:>10,}  {with_activity:>10,}  {escalations:>11,}")
    data["fired"] = {kind: per_kind.get(kind, (0, 0, 0)) for kind in KIND_ORDER}
    silent = [kind for kind in KIND_ORDER if not per_kind.get(kind, (0,))[0]]
    results.checks.append(
        (
            "the first run fires every kind of rule, an activity per follow-up",
            not silent
            and fired == after_first[0] - before[0] == activities
            and all(count[0] == count[1] for count in per_kind.values()),
            f"{fired:,} fired, {after_first[0] - before[0]:,} follow-ups, "
            f"{activities:,} activities"
            + (f"; nothing fired by {', '.join(silent)}" if silent else ""),
        )
    )
    elapsed, fired_again = _timed_once(lambda: Rule._run_all(batch_size=BATCH_SIZE))
    after_second = _counts(cr)
    results.figures.append(
        Figure(
            "second run of the rules, at once (fires nothing)",
            [elapsed],
            note="information",
        )
    )
    results.checks.append(
        (
            "the second run creates nothing: follow-ups and activities counted "
            "before and after",
            fired_again == 0 and after_second == after_first,
            f"{fired_again} fired; follow-ups {after_first[0]:,} -> "
            f"{after_second[0]:,}, activities {after_first[1]:,} -> "
            f"{after_second[1]:,}",
        )
    )


# ----------------------------------------------------------------------
# d. Mining the recommendations
# ----------------------------------------------------------------------


def measure_mining(env, results):
    Run = env["sales.recommendation.run"]
    elapsed, run = _timed_once(lambda: Run._sm_mine(env.company))
    results.figures.append(
        Figure(
            "mining the recommendations of the company (nightly job)",
            [elapsed],
            MINING_MAX_MS,
            f"{run.order_count:,} orders of {run.customer_count:,} customers, "
            f"{run.product_count} products: {run.pair_count:,} pairs, "
            f"{run.recommendation_count:,} suggestions; recall of the next "
            f"orders {run.recall_before:.1f} % -> {run.recall_after:.1f} %",
        )
    )
    env.cr.execute(
        SQL(
            """SELECT (SELECT COUNT(DISTINCT p.commercial_partner_id)
                         FROM sale_order so
                         JOIN res_partner p ON p.id = so.partner_id
                        WHERE so.state = 'sale' AND so.company_id = %(company)s),
                      (SELECT COUNT(*) FROM sales_recommendation_list
                        WHERE company_id = %(company)s)""",
            company=env.company.id,
        )
    )
    customers, lists = env.cr.fetchone()
    results.checks.append(
        (
            "mining reads every customer who ordered and stores their suggestions",
            run.customer_count == customers and 0 < lists <= customers,
            f"{run.customer_count:,} customers read of {customers:,}, "
            f"{lists:,} lists of suggestions",
        )
    )


# ----------------------------------------------------------------------
# The part
# ----------------------------------------------------------------------


def _sizes(cr, data, marker):
    sizes = {"customers": marker["sizes"]["customers"]}
    cr.execute(
        SQL(
            """
            SELECT COUNT(*) FILTER (WHERE n = 0),
                   COUNT(*) FILTER (WHERE n BETWEEN 1 AND 2),
                   COUNT(*) FILTER (WHERE n BETWEEN 3 AND 10),
                   COUNT(*) FILTER (WHERE n > 10), MAX(n)
              FROM (SELECT p.id, COUNT(so.id) AS n
                      FROM res_partner p
                      LEFT JOIN sale_order so
                             ON so.partner_id = p.id AND so.state = 'sale'
                     WHERE p.customer_rank > 0
                  GROUP BY p.id) c"""
        )
    )
    none, few, some, many, most = cr.fetchone()
    sizes["  without a confirmed order"] = none
    sizes["  with 1 or 2 orders"] = few
    sizes["  with 3 to 10"] = some
    sizes["  with more"] = many
    sizes["  the most orders of one customer (the key account)"] = most
    cr.execute(
        """SELECT COUNT(DISTINCT l.partner_id) FROM crm_lead l
            WHERE l.partner_id IS NOT NULL AND NOT EXISTS (
                  SELECT 1 FROM sale_order so
                   WHERE so.partner_id = l.partner_id AND so.state = 'sale')"""
    )
    sizes["  without orders, with opportunities"] = cr.fetchone()[0]
    sizes.update(data["sizes"])
    return sizes


def check_data(env, data, marker, results):
    """The key account: its orders, all of its salesperson's, more than any
    other customer's; the quotations sent."""
    cr = env.cr
    cr.execute(
        SQL(
            """
            SELECT COUNT(*) FILTER (WHERE p.commercial_partner_id = %(key)s),
                   COUNT(*) FILTER (WHERE p.commercial_partner_id = %(key)s
                                      AND u.login = %(login)s),
                   (SELECT MAX(n) FROM (
                        SELECT COUNT(*) AS n FROM sale_order o
                          JOIN res_partner c ON c.id = o.partner_id
                         WHERE o.state = 'sale' AND c.commercial_partner_id <> %(key)s
                      GROUP BY c.commercial_partner_id) others)
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              LEFT JOIN res_users u ON u.id = so.user_id
             WHERE so.state = 'sale'""",
            key=marker["key_account_id"],
            login=marker["key_account_login"],
        )
    )
    orders, own, others = cr.fetchone()
    expected = marker["sizes"]["key_account_orders"]
    results.checks.append(
        (
            f"the key account has {expected:,} confirmed orders, all of its "
            "salesperson's, more than any other customer",
            orders == own == expected and (others or 0) < orders,
            f"{orders:,} orders, {own:,} of {marker['key_account_login']}; "
            f"the next customer has {others or 0:,}",
        )
    )
    cr.execute(
        SQL(
            "SELECT COUNT(*) FROM sale_order WHERE state = 'sent' AND id = ANY(%s)",
            data["quotation_ids"],
        )
    )
    sent = cr.fetchone()[0]
    results.checks.append(
        (
            f"the {len(data['quotation_ids']):,} generated quotations are sent",
            sent == len(data["quotation_ids"]),
            f"{sent:,} in the state Quotation Sent",
        )
    )


def run(registry, marker, repeat=5, log=print):
    """Measure the follow-ups, customer figures, recommendations and
    extraction, print the report; True when every target is met."""
    results = Results()
    log("\nFollow-ups, customer figures and recommendations")
    data = customers_data.ensure(registry, marker, log=log)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        log(
            f"Measuring on {date.today()} (the jobs once each, the screens "
            f"{repeat} runs after one warm-up run) ..."
        )
        sizes = _sizes(cr, data, marker)
        check_data(env, data, marker, results)
        measure_cadence(env, results)
        measure_rules(env, data, results, log)
        measure_mining(env, results)
        measure_suggestions(env, data, marker, results, repeat)
        measure_customer_360(env, data, marker, results, repeat)
        cr.rollback()
    measure_extraction(results, repeat)
    log("\nData sizes (rows):")
    width = max(len(label) for label in sizes)
    for label, count in sizes.items():
        log(f"  {label:<{width}}  {count:>10,}")
    log(
        f"  (follow-up data generated in {data['seconds']} s on {data['generated_on']})"
    )
    _report_figures(results, log)
    report_summary(results, log, part="customers")
    return results.passed
