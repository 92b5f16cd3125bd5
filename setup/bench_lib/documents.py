"""Bulk documents of the benchmark database, inserted with SQL.

Confirmed sale orders and their lines, posted customer invoices and credit
notes (headers only: the addons read them), then the opportunities of
``leads``: ``INSERT ... SELECT generate_series`` statements seeded in
PostgreSQL, with the indexes rebuilt and the foreign keys checked once at the
end (see ``bulk``).
"""

import time
from datetime import timedelta

from odoo.tools import SQL

from . import leads
from .bulk import (
    _advance_id_sequence,
    _foreign_keys_checked_at_end,
    _indexes_dropped,
    _insert,
    _load_reference_tables,
    _max_id,
    _say,
    _zero_pad,
)

SECOND_CURRENCY_SHARE = 0.15
REFUND_SHARE = 0.10
# Customers who order: the key account (customer 1) has its number of the
# scale, every order from its salesperson; the other orders go to the first
# ORDERING_SHARE of the customers, customer k + 1 drawn with a density in
# k ** (1 / CUSTOMER_SKEW - 1): at full scale some 32,000 customers order
# once or twice, 27,000 three to ten times, 1,500 more, the busiest about
# 700 times, and about 9,000 of them never; the other 30 % of the customers
# never order (their opportunities are all there is of them).
ORDERING_SHARE = 0.7
CUSTOMER_SKEW = 2.0
BULK_TABLES = (
    "sale_order",
    "sale_order_line",
    "account_move",
    "crm_lead",
    "crm_tag_rel",
    "mail_message",
    "mail_tracking_value",
)
# The customer of a document (``u``: a uniform draw): the key account for
# the first ``key_documents`` ones, else one of the ordering customers.
CUSTOMER_DRAW = """
CASE WHEN g <= %(key_documents)s THEN 1
     ELSE 2 + floor(%(pool)s * power(%(u)s, %(skew)s))::int END"""
# One row per order, numbered by date so that names and ids follow dates;
# a mild skew makes some salespeople sell more than others; the key
# account's orders are its salesperson's.
ORDER_DRAFT = """
CREATE TEMP TABLE bench_order ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY s.date_order, s.g) AS n, s.ri, s.ci,
       s.date_order, s.second,
       CASE WHEN s.second THEN r.rate ELSE 1.0 END AS rate
  FROM (SELECT g,
               CASE WHEN g <= %(key_documents)s THEN %(key_ri)s
                    ELSE 1 + floor(%(reps)s * power(random(), 1.3))::int END AS ri,
               %(customer)s AS ci,
               date_trunc('second', %(start)s::timestamp
                   + random() * (%(now)s::timestamp - %(start)s::timestamp))
                   AS date_order,
               random() < %(second_share)s AS second
          FROM generate_series(1, %(orders)s) g) s
  JOIN bench_rate r ON r.month = date_trunc('month', s.date_order)::date"""
LINE_DRAFT = """
CREATE TEMP TABLE bench_line ON COMMIT DROP AS
SELECT l.n, l.k, l.qty, l.discount, p.product_id, p.name, p.uom_id,
       round(p.list_price * l.rate, 2) AS price_unit,
       round(p.cost * l.rate, 2) AS unit_cost,
       round(l.qty * round(p.list_price * l.rate, 2) * (100 - l.discount) / 100, 2)
           AS subtotal
  FROM (SELECT o.n, k, o.rate,
               1 + floor(%(products)s * random())::int AS pi,
               1 + floor(12 * random() * random())::int AS qty,
               CASE WHEN random() < 0.2 THEN 10 ELSE 0 END AS discount
          FROM bench_order o CROSS JOIN generate_series(1, %(per_order)s) k) l
  JOIN bench_product p ON p.pi = l.pi"""
ORDER_TOTAL = """
CREATE TEMP TABLE bench_order_total ON COMMIT DROP AS
SELECT n, SUM(subtotal) AS untaxed, SUM(subtotal - qty * unit_cost) AS margin
  FROM bench_line
 GROUP BY n"""
SALE_ORDER_COLUMNS = """
    id name state company_id partner_id partner_invoice_id partner_shipping_id
    pricelist_id currency_id currency_rate user_id team_id date_order validity_date
    create_date write_date create_uid write_uid invoice_status amount_untaxed
    amount_tax amount_total margin margin_percent locked require_signature
    require_payment prepayment_percent"""
SALE_ORDER_SELECT = """
SELECT %(order_base)s + o.n, 'S' || %(number)s, 'sale', %(company)s,
       c.partner_id, c.partner_id, c.partner_id,
       CASE WHEN o.second THEN %(pricelist2)s ELSE %(pricelist1)s END,
       CASE WHEN o.second THEN %(currency2)s ELSE %(currency1)s END,
       o.rate, r.user_id, r.team_id, o.date_order,
       (o.date_order + interval '30 days')::date,
       o.date_order, o.date_order, %(uid)s, %(uid)s,
       CASE WHEN o.date_order < %(invoiced_before)s THEN 'invoiced'
            ELSE 'to invoice' END,
       t.untaxed, 0.0, t.untaxed, t.margin,
       CASE WHEN t.untaxed <> 0 THEN t.margin / t.untaxed ELSE 0 END,
       FALSE, FALSE, FALSE, 1.0
  FROM bench_order o
  JOIN bench_order_total t ON t.n = o.n
  JOIN bench_rep r ON r.ri = o.ri
  JOIN bench_customer c ON c.ci = o.ci
 ORDER BY o.n"""
SALE_ORDER_LINE_COLUMNS = """
    id order_id sequence company_id currency_id order_partner_id salesman_id
    product_id product_uom state display_type qty_delivered_method invoice_status
    name product_uom_qty price_unit technical_price_unit discount price_subtotal
    price_tax price_total price_reduce_taxexcl price_reduce_taxinc qty_delivered
    qty_invoiced qty_to_invoice untaxed_amount_invoiced untaxed_amount_to_invoice
    is_downpayment is_expense customer_lead purchase_price margin margin_percent
    create_date write_date create_uid write_uid"""
# Orders older than 30 days are invoiced (and delivered); lines carry no tax.
SALE_ORDER_LINE_SELECT = """
SELECT %(line_base)s + row_number() OVER (ORDER BY l.n, l.k),
       %(order_base)s + l.n, 10 * l.k, %(company)s,
       CASE WHEN o.second THEN %(currency2)s ELSE %(currency1)s END,
       c.partner_id, r.user_id, l.product_id, l.uom_id, 'sale', NULL, 'manual',
       CASE WHEN o.invoiced THEN 'invoiced' ELSE 'to invoice' END,
       l.name, l.qty, l.price_unit, l.price_unit, l.discount,
       l.subtotal, 0.0, l.subtotal,
       round(l.subtotal / l.qty, 2), round(l.subtotal / l.qty, 2),
       CASE WHEN o.invoiced THEN l.qty ELSE 0 END,
       CASE WHEN o.invoiced THEN l.qty ELSE 0 END,
       CASE WHEN o.invoiced THEN 0 ELSE l.qty END,
       CASE WHEN o.invoiced THEN l.subtotal ELSE 0 END,
       CASE WHEN o.invoiced THEN 0 ELSE l.subtotal END,
       FALSE, FALSE, 0.0, l.unit_cost, l.subtotal - l.qty * l.unit_cost,
       CASE WHEN l.subtotal <> 0
            THEN (l.subtotal - l.qty * l.unit_cost) / l.subtotal ELSE 0 END,
       o.date_order, o.date_order, %(uid)s, %(uid)s
  FROM bench_line l
  JOIN (SELECT *, date_order < %(invoiced_before)s AS invoiced
          FROM bench_order) o ON o.n = l.n
  JOIN bench_rep r ON r.ri = o.ri
  JOIN bench_customer c ON c.ci = o.ci
 ORDER BY l.n, l.k"""


def _customer_draw(ctx, key_documents):
    """SQL of the customer (index) of the document numbered ``g``."""
    customers = len(ctx["partner_ids"])
    return SQL(
        CUSTOMER_DRAW,
        key_documents=key_documents,
        pool=max(1, int(customers * ORDERING_SHARE) - 1),
        u=SQL("random()"),
        skew=CUSTOMER_SKEW,
    )


def _generate_orders(cr, scale, ctx):
    """Confirmed sale orders and their lines; returns (orders, lines) inserted."""
    cr.execute(
        SQL(
            ORDER_DRAFT,
            reps=len(ctx["user_ids"]),
            key_documents=scale.key_account_orders,
            key_ri=ctx["key_ri"],
            customer=_customer_draw(ctx, scale.key_account_orders),
            start=ctx["start"],
            now=ctx["now"],
            second_share=SECOND_CURRENCY_SHARE,
            orders=scale.orders,
        )
    )
    cr.execute("ALTER TABLE bench_order ADD PRIMARY KEY (n)")
    cr.execute(
        SQL(
            LINE_DRAFT,
            products=len(ctx["product_ids"]),
            per_order=scale.lines_per_order,
        )
    )
    cr.execute(ORDER_TOTAL)
    cr.execute("ALTER TABLE bench_order_total ADD PRIMARY KEY (n)")

    common = {
        "order_base": _max_id(cr, "sale_order"),
        "company": ctx["company_id"],
        "uid": ctx["uid"],
        "invoiced_before": ctx["now"] - timedelta(days=30),
        "currency1": ctx["currency_ids"][0],
        "currency2": ctx["currency_ids"][1],
    }
    orders = _insert(
        cr,
        "sale_order",
        SALE_ORDER_COLUMNS,
        SALE_ORDER_SELECT,
        number=_zero_pad(SQL("%s + o.n", ctx["order_number_start"] - 1), 5),
        pricelist1=ctx["pricelist_ids"][0],
        pricelist2=ctx["pricelist_ids"][1],
        **common,
    )
    lines = _insert(
        cr,
        "sale_order_line",
        SALE_ORDER_LINE_COLUMNS,
        SALE_ORDER_LINE_SELECT,
        line_base=_max_id(cr, "sale_order_line"),
        **common,
    )
    return orders, lines


# Invoices follow the orders: as many of the key account's (with its
# salesperson) as its share of the orders, the others to the customers who
# order, drawn the same way.
MOVE_DRAFT = """
CREATE TEMP TABLE bench_move ON COMMIT DROP AS
SELECT s.*, CASE WHEN s.second THEN r.rate ELSE 1.0 END AS rate,
       row_number() OVER (PARTITION BY s.refund, extract(year FROM s.invoice_date)
                          ORDER BY s.invoice_date, s.g) AS number
  FROM (SELECT g,
               CASE WHEN g <= %(key_documents)s THEN %(key_ri)s
                    ELSE 1 + floor(%(reps)s * power(random(), 1.3))::int END AS ri,
               %(customer)s AS ci,
               %(start)s::date + floor(
                   random() * (%(today)s::date - %(start)s::date + 1))::int
                   AS invoice_date,
               random() < %(refund_share)s AS refund,
               random() < %(second_share)s AS second,
               round((100 + 20000 * power(random(), 2))::numeric, 2) AS amount
          FROM generate_series(1, %(moves)s) g) s
  JOIN bench_rate r ON r.month = date_trunc('month', s.invoice_date)::date"""
ACCOUNT_MOVE_COLUMNS = """
    id name sequence_prefix sequence_number payment_reference journal_id
    company_id currency_id partner_id commercial_partner_id partner_shipping_id
    invoice_partner_display_name invoice_user_id team_id state move_type auto_post
    date invoice_date invoice_date_due payment_state invoice_currency_rate
    amount_untaxed amount_tax amount_total amount_residual amount_untaxed_signed
    amount_untaxed_in_currency_signed amount_tax_signed amount_total_signed
    amount_total_in_currency_signed amount_residual_signed is_storno
    always_tax_exigible checked posted_before made_sequence_gap
    is_manually_modified is_move_sent create_date write_date create_uid write_uid"""
# Amounts in the move's currency, *_signed ones in the company currency;
# invoices older than 45 days are paid. Headers only: the addon reads them.
ACCOUNT_MOVE_SELECT = """
SELECT %(move_base)s + row_number() OVER (ORDER BY m.invoice_date, m.g),
       %(prefix)s || %(number)s, %(prefix)s, m.number, %(prefix)s || %(number)s,
       %(journal)s, %(company)s,
       CASE WHEN m.second THEN %(currency2)s ELSE %(currency1)s END,
       c.partner_id, c.partner_id, c.partner_id, c.name, r.user_id, r.team_id,
       'posted', CASE WHEN m.refund THEN 'out_refund' ELSE 'out_invoice' END,
       'no', m.invoice_date, m.invoice_date, m.invoice_date + 30,
       CASE WHEN m.paid THEN 'paid' ELSE 'not_paid' END,
       m.rate, m.amount, 0.0, m.amount,
       CASE WHEN m.paid THEN 0.0 ELSE m.amount END,
       m.sign * round(m.amount / m.rate, 2), m.sign * m.amount, 0.0,
       m.sign * round(m.amount / m.rate, 2), m.sign * m.amount,
       CASE WHEN m.paid THEN 0.0 ELSE m.sign * round(m.amount / m.rate, 2) END,
       FALSE, FALSE, TRUE, TRUE, FALSE, FALSE, TRUE,
       m.invoice_date, m.invoice_date, %(uid)s, %(uid)s
  FROM (SELECT *, CASE WHEN refund THEN -1 ELSE 1 END AS sign,
               invoice_date < %(paid_before)s AS paid
          FROM bench_move) m
  JOIN bench_rep r ON r.ri = m.ri
  JOIN bench_customer c ON c.ci = m.ci
 ORDER BY m.invoice_date, m.g"""


def _generate_moves(cr, scale, ctx):
    """Posted customer invoices and credit notes; returns the number inserted."""
    key_moves = round(scale.moves * scale.key_account_orders / max(scale.orders, 1))
    cr.execute(
        SQL(
            MOVE_DRAFT,
            reps=len(ctx["user_ids"]),
            key_documents=key_moves,
            key_ri=ctx["key_ri"],
            customer=_customer_draw(ctx, key_moves),
            start=ctx["start"].date(),
            today=ctx["now"].date(),
            refund_share=REFUND_SHARE,
            second_share=SECOND_CURRENCY_SHARE,
            moves=scale.moves,
        )
    )
    # INV/2026/00001 and, for credit notes, RINV/2026/00001
    prefix = SQL(
        """CASE WHEN m.refund THEN 'R' ELSE '' END || %s || '/'
           || extract(year FROM m.invoice_date)::int || '/'""",
        ctx["journal_code"],
    )
    return _insert(
        cr,
        "account_move",
        ACCOUNT_MOVE_COLUMNS,
        ACCOUNT_MOVE_SELECT,
        move_base=_max_id(cr, "account_move"),
        prefix=prefix,
        number=_zero_pad(SQL("m.number"), 5),
        journal=ctx["journal_id"],
        company=ctx["company_id"],
        currency1=ctx["currency_ids"][0],
        currency2=ctx["currency_ids"][1],
        paid_before=ctx["now"].date() - timedelta(days=45),
        uid=ctx["uid"],
    )


def _load_documents(env, scale, ctx, log):
    """All bulk documents; returns the number of orders inserted."""
    cr = env.cr
    started = time.perf_counter()
    cr.execute("SET LOCAL work_mem = '256MB'")
    cr.execute(SQL("SELECT setseed(%s)", 0.4242))
    _load_reference_tables(cr, ctx)
    with (
        _indexes_dropped(cr, BULK_TABLES),
        _foreign_keys_checked_at_end(cr, BULK_TABLES, log),
    ):
        orders, lines = _generate_orders(cr, scale, ctx)
        elapsed = time.perf_counter() - started
        _say(log, "  %d sale orders, %d lines (%.1f s)", orders, lines, elapsed)
        moves = _generate_moves(cr, scale, ctx)
        elapsed = time.perf_counter() - started
        _say(log, "  %d invoices and credit notes (%.1f s)", moves, elapsed)
        counts = leads.generate_leads(cr, scale, ctx, _insert, _max_id, _zero_pad)
        elapsed = time.perf_counter() - started
        _say(
            log,
            "  %d opportunities, %d tags, %d messages, %d stage changes (%.1f s)",
            counts["crm_lead"],
            counts["crm_tag_rel"],
            counts["mail_message"],
            counts["mail_tracking_value"],
            elapsed,
        )
        _say(log, "  checking foreign keys, rebuilding indexes ...")
    for table in BULK_TABLES:
        if table != "crm_tag_rel":  # a relation table has no id
            _advance_id_sequence(cr, table)
    tables = SQL(", ").join(SQL.identifier(table) for table in BULK_TABLES)
    cr.execute(SQL("ANALYZE %s", tables))
    env.invalidate_all()
    return orders
