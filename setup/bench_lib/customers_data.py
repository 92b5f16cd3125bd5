"""The data of the customers part (``setup/bench --part customers``).

Generated on the part's first run into the benchmark database, committed, and
recorded in a marker of its own (an ``ir.config_parameter``), so that later
runs reuse it; it is generated again when the database was rebuilt or when
``CUSTOMERS_VERSION`` changes (the quotations and rules of an older
generation are deleted first). What it holds:

* a follow-up rule of each kind for the company, created with the ORM as
  the sales manager (``RULES``): a call back 5 days after a first contact; an
  opportunity stuck 30 days in its stage (14 in the first stage), escalated
  to the team leader 30 days later; a quotation sent 7 days ago and not
  answered, escalated 14 days later; a customer whose chance of ordering
  again is below 30 %, gone for less than a year; a customer due to reorder
  within 7 days;
* quotations sent and waiting for an answer: 1 % of the confirmed orders
  (2,000 at full scale), each a copy of a past confirmed order of the same
  customer (its lines, prices and salesperson), made 1 to 40 days ago, in
  the state *Quotation Sent*, with the message that sent it (a post of the
  salesperson to the customer, as *Send by Email* logs it); a quarter were
  answered by the customer since (an email of theirs), which the chaser
  leaves alone. The first three are the key account's: the quotation of the
  suggestions measure is the first.

What the other rules watch, the base generator already makes: open
opportunities with one email, note or done activity and nothing since (the
messages of an opportunity are drawn from an exponential law: about 4,400 at
full scale, 10 days old or more), open opportunities in their stage since
their creation (the generator moves no stage: 40,000 at full scale, from a
day to six months), customers who stopped ordering or are due to reorder
(their order history). The quotations are written in SQL, copying the rows
the generator wrote (``bulk._copy_rows``): the ORM takes a minute for 2,000
quotations with their lines, their amounts and their messages.
"""

import json
import time

from odoo import Command, fields
from odoo.tools import SQL

from . import part_data
from .bulk import _copy_rows, _insert, _say, _zero_pad

CUSTOMERS_KEY = "sales_management_bench.customers"
# Bump when the generated data changes shape: it is then generated again.
CUSTOMERS_VERSION = 1
SEED = 0.1207
QUOTATION_SHARE = 0.01  # quotations sent, as a share of the confirmed orders
KEY_QUOTATIONS = 3  # of them the key account's
ANSWERED_SHARE = 0.25
QUOTATION_DAYS = 40  # quotations made in the last QUOTATION_DAYS days
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
# (name, kind, values): the rules of the company, as a sales manager sets them
RULES = (
    (
        "Call back after a first contact",
        "first_contact",
        {"delay_days": 5, "activity": "mail.mail_activity_data_call"},
    ),
    (
        "Opportunity stuck in its stage",
        "stalled_stage",
        {"delay_days": 30, "escalation_days": 30, "first_stage_days": 14},
    ),
    (
        "Chase the quotation",
        "unanswered_quotation",
        {
            "delay_days": 7,
            "escalation_days": 14,
            "deadline_days": 2,
            "activity": "mail.mail_activity_data_email",
        },
    ),
    (
        "Win back a dormant customer",
        "dormant_customer",
        {
            "threshold": 0.3,
            "max_idle_days": 365,
            "deadline_days": 7,
            "activity": "mail.mail_activity_data_call",
        },
    ),
    (
        "Offer the reorder",
        "reorder_due",
        {"delay_days": 7, "summary": "Offer the usual order"},
    ),
)

QUOTATION_DRAFT = """
CREATE TEMP TABLE bench_quote ON COMMIT DROP AS
WITH picked AS (
    (SELECT so.id, 0 AS rank
       FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
      WHERE so.state = 'sale' AND so.company_id = %(company)s
        AND p.commercial_partner_id = %(key_account)s
   ORDER BY so.date_order DESC, so.id DESC
      LIMIT %(key_quotations)s)
    UNION ALL
    (SELECT so.id, 1
       FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
      WHERE so.state = 'sale' AND so.company_id = %(company)s
        AND p.commercial_partner_id <> %(key_account)s
   ORDER BY random()
      LIMIT %(others)s))
SELECT row_number() OVER (ORDER BY rank, id) AS k, id AS source_id,
       nextval('sale_order_id_seq') AS id,
       date_trunc('second', %(now)s::timestamp
           - (1 + random() * (%(days)s - 1)) * interval '1 day') AS quoted,
       rank = 1 AND random() < %(answered_share)s AS answered,
       random() AS u
  FROM picked"""

# the post of the salesperson that sent the quotation, two hours after it
# was made, then the customer's answer
MESSAGE_COLUMNS = """
    model res_id record_name record_company_id message_type subtype_id subject
    body author_id email_from is_internal date create_date write_date create_uid
    write_uid"""
SENT_SELECT = """
SELECT 'sale.order', so.id, so.name, so.company_id, 'comment', %(subtype)s,
       so.name || ' - quotation', '<p>Hello,</p><p>Please find attached the '
       || 'quotation ' || so.name || '. Do not hesitate to contact us if you '
       || 'have any questions.</p>', u.partner_id, up.email, FALSE,
       q.quoted + interval '2 hours', q.quoted + interval '2 hours',
       q.quoted + interval '2 hours', so.user_id, so.user_id
  FROM bench_quote q
  JOIN sale_order so ON so.id = q.id
  JOIN res_users u ON u.id = so.user_id
  JOIN res_partner up ON up.id = u.partner_id"""
ANSWER_SELECT = """
SELECT 'sale.order', so.id, so.name, so.company_id, 'email', %(subtype)s,
       'Re: ' || so.name || ' - quotation', '<p>Thank you, we are looking at '
       || 'it and will come back to you.</p>', p.commercial_partner_id, c.email,
       FALSE, a.date, a.date, a.date, %(uid)s, %(uid)s
  FROM bench_quote q
  JOIN sale_order so ON so.id = q.id
  JOIN res_partner p ON p.id = so.partner_id
  JOIN res_partner c ON c.id = p.commercial_partner_id
 CROSS JOIN LATERAL (
     SELECT date_trunc('second', q.quoted + interval '3 hours'
         + q.u * (%(now)s::timestamp - q.quoted - interval '3 hours')) AS date) a
 WHERE q.answered"""


def ensure(registry, marker, log=print):
    """The follow-up data of the database, generated and committed when missing."""
    return part_data.ensure(
        registry,
        marker,
        CUSTOMERS_KEY,
        CUSTOMERS_VERSION,
        "follow-up data",
        generate,
        log,
    )


def _user(env, login):
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        raise RuntimeError(f"The user {login} is missing: rebuild the database.")
    return user


def _create_rules(env, manager):
    """A rule of each kind, created by the sales manager in the company's
    screens (with their messages and following)."""
    Rule = env(user=manager.id, context={})["sales.followup.rule"]
    first_stage = env["crm.stage"].search(
        [("is_won", "=", False)], order="sequence, id", limit=1
    )
    vals_list = []
    for name, kind, options in RULES:
        values = {
            "name": name,
            "kind": kind,
            "company_id": manager.company_id.id,
            "assign_to": "owner",
        }
        for key in ("delay_days", "escalation_days", "deadline_days", "summary"):
            if key in options:
                values[key] = options[key]
        for key in ("threshold", "max_idle_days"):
            if key in options:
                values[key] = options[key]
        if "activity" in options:
            values["activity_type_id"] = env.ref(options["activity"]).id
        if "first_stage_days" in options:
            values["stage_delay_ids"] = [
                Command.create(
                    {"stage_id": first_stage.id, "days": options["first_stage_days"]}
                )
            ]
        vals_list.append(values)
    rules = Rule.create(vals_list)
    env.flush_all()
    return rules


def _create_quotations(env, marker, now):
    """The quotations sent, copies of past orders; (ids, messages)."""
    cr = env.cr
    company = env.company
    orders = marker["sizes"]["orders"]
    count = max(KEY_QUOTATIONS + 1, round(orders * QUOTATION_SHARE))
    sequence = env["ir.sequence"].search(
        [("code", "=", "sale.order"), ("company_id", "in", (company.id, False))],
        limit=1,
    )
    number_start = sequence.number_next_actual if sequence else 1
    cr.execute(SQL("SELECT setseed(%s)", SEED))
    cr.execute(
        SQL(
            QUOTATION_DRAFT,
            company=company.id,
            key_account=marker["key_account_id"],
            key_quotations=KEY_QUOTATIONS,
            others=count - KEY_QUOTATIONS,
            now=now,
            days=QUOTATION_DAYS,
            answered_share=ANSWERED_SHARE,
        )
    )
    cr.execute("ALTER TABLE bench_quote ADD PRIMARY KEY (source_id)")
    cr.execute("ANALYZE bench_quote")
    _copy_rows(
        cr,
        "sale_order",
        SQL("sale_order t JOIN bench_quote q ON q.source_id = t.id"),
        {
            "id": SQL("q.id"),
            "name": SQL("'S' || %s", _zero_pad(SQL("%s + q.k", number_start - 1), 5)),
            "state": SQL("'sent'"),
            "date_order": SQL("q.quoted"),
            "validity_date": SQL("(q.quoted + interval '30 days')::date"),
            "invoice_status": SQL("'no'"),
            "locked": SQL("FALSE"),
            "access_token": SQL("NULL"),
            "signed_by": SQL("NULL"),
            "signed_on": SQL("NULL"),
            "create_date": SQL("q.quoted"),
            "write_date": SQL("q.quoted + interval '2 hours'"),
        },
    )
    lines = _copy_rows(
        cr,
        "sale_order_line",
        SQL("sale_order_line t JOIN bench_quote q ON q.source_id = t.order_id"),
        {
            "id": SQL("nextval('sale_order_line_id_seq')"),
            "order_id": SQL("q.id"),
            "state": SQL("'sent'"),
            "invoice_status": SQL("'no'"),
            "qty_delivered": SQL("0"),
            "qty_invoiced": SQL("0"),
            "qty_to_invoice": SQL("0"),
            "untaxed_amount_invoiced": SQL("0"),
            "untaxed_amount_to_invoice": SQL("0"),
            "create_date": SQL("q.quoted"),
            "write_date": SQL("q.quoted"),
        },
    )
    if sequence:
        sequence.write({"number_next": number_start + count})
    subtype = env.ref("mail.mt_comment").id
    sent = _insert(cr, "mail_message", MESSAGE_COLUMNS, SENT_SELECT, subtype=subtype)
    answers = _insert(
        cr,
        "mail_message",
        MESSAGE_COLUMNS,
        ANSWER_SELECT,
        subtype=subtype,
        uid=env.uid,
        now=now,
    )
    cr.execute("SELECT id FROM bench_quote ORDER BY k")
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("ANALYZE sale_order, sale_order_line, mail_message")
    env.invalidate_all()
    return ids, {"lines": lines, "sent": sent, "answered": answers}


def _clear(env, previous):
    """Delete the quotations and rules of an earlier generation."""
    cr = env.cr
    ids = previous.get("quotation_ids") or []
    if ids:
        cr.execute(
            SQL(
                """DELETE FROM mail_message
                    WHERE model = 'sale.order' AND res_id = ANY(%s)""",
                ids,
            )
        )
        cr.execute(SQL("DELETE FROM sale_order WHERE id = ANY(%s)", ids))
    rules = env["sales.followup.rule"].with_context(active_test=False)
    rules.browse(previous.get("rule_ids") or []).exists().unlink()
    env.invalidate_all()


def generate(env, marker, previous, log=print):
    """Generate the data of the part into the database of ``env``
    (superuser) and record it; the caller commits."""
    started = time.perf_counter()
    env = env(context={**env.context, **QUIET_CONTEXT})
    if previous:
        _clear(env, previous)
    manager = _user(env, marker["manager_login"])
    rules = _create_rules(env, manager)
    now = fields.Datetime.now().replace(microsecond=0)
    quotation_ids, counts = _create_quotations(env, marker, now)
    seconds = time.perf_counter() - started
    _say(
        log,
        "  %d follow-up rules; %d quotations sent (%d lines), %d answered, in %.1f s",
        len(rules),
        len(quotation_ids),
        counts["lines"],
        counts["answered"],
        seconds,
    )
    data = {
        "version": CUSTOMERS_VERSION,
        "base": marker.get("generated_on"),
        "generated_on": fields.Datetime.to_string(now),
        "rule_ids": rules.ids,
        "quotation_ids": quotation_ids,
        "key_quotation_id": quotation_ids[0],
        "sizes": {
            "follow-up rules": len(rules),
            "quotations sent": len(quotation_ids),
            "  their lines": counts["lines"],
            "  answered by the customer": counts["answered"],
        },
        "seconds": round(seconds, 1),
    }
    env["ir.config_parameter"].sudo().set_param(CUSTOMERS_KEY, json.dumps(data))
    env.flush_all()
    return data
