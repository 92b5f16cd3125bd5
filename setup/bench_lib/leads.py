"""Opportunities of the benchmark database, whose outcomes follow their fields.

Called by the generator: ``lead_context`` (from ``generate``) creates the few
reference records the opportunities point to (sources, campaigns, tags) with
the ORM and draws the effect of every value; ``generate_leads`` (from
``documents``) then inserts, with SQL, the opportunities, their tags, the
messages and activities logged on them and, for won ones, the tracking of the
stage they were won from.

About 60 % of the opportunities are closed. Whether a closed one was won
follows a logistic model of its fields (the log-odds of winning are the sum
of the effects below plus logistic noise; the 60 % with the highest log-odds
are won), so that a predictive scoring has something to find:

* fields that Odoo's own predictive lead scoring reads (``crm.pls_fields``,
  set by ``configure_pls`` to every field Odoo offers, plus the stage and the
  team): the stage a lead was lost in or won from (later stages win more),
  the sales team, the country (its state and language are drawn from it and
  have no effect of their own), the source, the tags, and whether the email
  and phone are correct, wrong or missing;
* fields only the addon's model reads: the salesperson (each one more or less
  skilled than the team), the campaign, the expected revenue (mid-sized deals
  win most, very small and very large ones least), the messages and
  activities logged before the lead closed (more contact, more wins, with
  diminishing returns) and the customer's confirmed orders before the lead
  (existing customers buy again).

Open opportunities are drawn the same way, younger (created in the last
months) and without an outcome. The random draws use PostgreSQL's
``random()``, seeded by ``documents``, and a seeded Python ``Random`` for the
effects: the same scale gives the same data.
"""

import random
from datetime import date, timedelta

from odoo.tools import SQL

CLOSED_TENTHS = 6  # opportunities closed (won or lost), in tenths
WON_SHARE_OF_CLOSED = 0.6
CUSTOMER_SHARE = 0.65  # opportunities of a known customer; others are prospects
OPEN_DAYS = 180  # open opportunities were created in the last OPEN_DAYS days
CLOSE_DAYS = 90  # a closed opportunity closed within CLOSE_DAYS of its creation
CAMPAIGN_SHARE = 0.35
STATE_SHARE = 0.7  # opportunities with a state, where the country has states
MESSAGES_MEAN = 3.5
ACTIVITIES_MEAN = 2.0
REVENUE_MEDIAN = 6000.0
REVENUE_LOG_SD = 1.1
EFFECT_SEED = 20260202

# name: (share of the opportunities, effect on the log-odds of winning)
SOURCES = {
    "Search engine": (20, 0.0),
    "Newsletter": (8, -0.3),
    "Lead Recall": (4, -0.2),
    "Facebook": (6, -0.5),
    "X": (3, -0.6),
    "LinkedIn": (12, 0.3),
    "Referral": (10, 1.0),
    "Trade show": (12, 0.5),
    "Partner": (8, 0.7),
    "Cold call": (17, -0.8),
}
# name: (share of the opportunities that have the tag, effect)
TAGS = {
    "Hot": (0.12, 0.9),
    "Budget approved": (0.15, 0.6),
    "Decision maker met": (0.20, 0.5),
    "Price sensitive": (0.18, -0.6),
    "Competitor involved": (0.15, -0.4),
    "Upsell": (0.10, 0.3),
    "Long term": (0.08, -0.3),
    "Pilot": (0.06, 0.0),
    "Follow-up": (0.25, 0.0),
    "Partner referral": (0.05, 0.0),
}
CAMPAIGNS = (
    "Bench Spring offer",
    "Bench Summer webinar",
    "Bench Autumn fair",
    "Bench Winter upgrade",
    "Bench Partner days",
    "Bench Product launch",
)
# country xmlid: (share of prospects, effect, languages spoken there)
COUNTRIES = {
    "base.us": (30, 0.0, ("en_US", "en_US", "en_US", "es_ES")),
    "base.be": (15, 0.3, ("fr_BE", "nl_BE", "nl_BE", "en_US")),
    "base.fr": (15, -0.2, ("fr_FR",)),
    "base.de": (15, 0.2, ("de_DE", "de_DE", "en_US")),
    "base.nl": (10, 0.1, ("nl_NL", "nl_NL", "en_US")),
    "base.uk": (15, -0.3, ("en_GB",)),
}
# email or phone: correct, wrong, missing: (share, effect)
EMAIL_STATES = ((0.80, 0.2), (0.07, -0.6), (0.13, -0.3))
PHONE_STATES = ((0.70, 0.2), (0.10, -0.4), (0.20, -0.2))
STAGE_EFFECT_RANGE = (-0.9, 0.8)  # from the first open stage to the last
TEAM_EFFECT_SD = 0.35
SALESPERSON_EFFECT_SD = 0.45
CAMPAIGN_EFFECT_SD = 0.25
ACTIVITY_TYPES = (
    "mail.mail_activity_data_call",
    "mail.mail_activity_data_meeting",
    "mail.mail_activity_data_email",
)


def _cumulative(weights):
    """Lower bounds of the buckets, for ``width_bucket(random(), bounds)``."""
    total = float(sum(weights))
    bounds, running = [], 0.0
    for weight in weights:
        bounds.append(running / total)
        running += weight
    return bounds


def _find_or_create(model, names, extra=None):
    """Records of ``model`` named ``names`` (in that order), created if missing."""
    existing = {
        record.name: record
        for record in model.with_context(active_test=False).search(
            [("name", "in", list(names))]
        )
    }
    missing = [name for name in names if name not in existing]
    if missing:
        for record in model.create(
            [{"name": name, **(extra or {})} for name in missing]
        ):
            existing[record.name] = record
    return [existing[name].id for name in names]


def configure_pls(env, start):
    """Odoo's predictive lead scoring on every field it offers, from ``start``."""
    names = env["crm.lead.scoring.frequency.field"].search([]).mapped("field_id.name")
    params = env["ir.config_parameter"].sudo()
    params.set_param("crm.pls_fields", ",".join(sorted(set(names))))
    params.set_param("crm.pls_start_date", start.strftime("%Y-%m-%d"))


def lead_context(env, ctx):
    """Reference records and drawn effects of the opportunities, for the SQL."""
    rnd = random.Random(EFFECT_SEED)
    sources = _find_or_create(env["utm.source"], list(SOURCES))
    tags = _find_or_create(env["crm.tag"], list(TAGS))
    campaigns = _find_or_create(env["utm.campaign"], list(CAMPAIGNS))
    media = env["utm.medium"].search([], order="id").ids
    countries = [env.ref(xmlid) for xmlid in COUNTRIES]
    langs = {
        lang.code: lang.id
        for lang in env["res.lang"]
        .with_context(active_test=False)
        .search([("code", "in", [c for v in COUNTRIES.values() for c in v[2]])])
    }
    country_langs, country_states = [], []
    for country, (_share, _effect, codes) in zip(
        countries, COUNTRIES.values(), strict=True
    ):
        ids = [langs[code] for code in codes if code in langs] or [None]
        country_langs += [(country.id, k + 1, len(ids), i) for k, i in enumerate(ids)]
        states = env["res.country.state"].search(
            [("country_id", "=", country.id)], order="id"
        )
        country_states += [
            (country.id, k + 1, len(states), state.id) for k, state in enumerate(states)
        ]
    team_effects = {
        team_id: rnd.gauss(0, TEAM_EFFECT_SD)
        for team_id in sorted(set(ctx["team_ids"]))
    }
    salesperson_effects = [
        team_effects[team_id] + rnd.gauss(0, SALESPERSON_EFFECT_SD)
        for team_id in ctx["team_ids"]
    ]
    stages = len(ctx["open_stage_ids"])
    low, high = STAGE_EFFECT_RANGE
    stage_effects = [
        low + (high - low) * index / max(stages - 1, 1) for index in range(stages)
    ]
    stage_names = env["crm.stage"].browse([*ctx["open_stage_ids"], ctx["won_stage_id"]])
    return {
        "source_ids": sources,
        "source_bounds": _cumulative([share for share, _e in SOURCES.values()]),
        "source_effects": [effect for _s, effect in SOURCES.values()],
        "tag_ids": tags,
        "tag_shares": [share for share, _e in TAGS.values()],
        "tag_effects": [effect for _s, effect in TAGS.values()],
        "campaign_ids": campaigns,
        "campaign_effects": [rnd.gauss(0, CAMPAIGN_EFFECT_SD) for _c in campaigns],
        "medium_ids": media,
        "country_ids": [country.id for country in countries],
        "country_bounds": _cumulative([v[0] for v in COUNTRIES.values()]),
        "country_effects": [v[1] for v in COUNTRIES.values()],
        "country_langs": country_langs,
        "country_states": country_states,
        "salesperson_effects": salesperson_effects,
        "stage_effects": stage_effects,
        "stage_names": stage_names.mapped("name"),
        "stage_field_id": env["ir.model.fields"]._get("crm.lead", "stage_id").id,
        "activity_type_ids": [env.ref(xmlid).id for xmlid in ACTIVITY_TYPES],
        "subtype_note": env.ref("mail.mt_note").id,
        "subtype_comment": env.ref("mail.mt_comment").id,
        "subtype_activity": env.ref("mail.mt_activities").id,
        "subtype_won": env.ref("crm.mt_lead_won").id,
    }


# ----------------------------------------------------------------------
# SQL
# ----------------------------------------------------------------------

# Every random draw of an opportunity, one row each, in a fixed order.
LEAD_DRAW = """
CREATE TEMP TABLE bench_lead_draw ON COMMIT DROP AS
SELECT g,
       mod(g, 10) < %(closed_tenths)s AS closed,
       1 + floor(%(reps)s * power(random(), 1.3))::int AS ri,
       CASE WHEN random() < %(customer_share)s
            THEN 1 + floor(%(customers)s * random())::int END AS ci,
       random() AS u_created,
       random() AS u_close,
       1 + floor(%(stages)s * random())::int AS si,
       1 + floor(%(reasons)s * random())::int AS li,
       sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z_revenue,
       (ARRAY['0', '0', '1', '1', '2', '3'])[1 + floor(6 * random())::int]
           AS priority,
       width_bucket(random(), %(source_bounds)s::float8[]) AS src,
       1 + floor(%(media)s * random())::int AS med,
       CASE WHEN random() < %(campaign_share)s
            THEN 1 + floor(%(campaigns)s * random())::int END AS camp,
       width_bucket(random(), %(country_bounds)s::float8[]) AS cn,
       random() AS u_state,
       random() AS u_lang,
       width_bucket(random(), %(email_bounds)s::float8[]) AS em,
       width_bucket(random(), %(phone_bounds)s::float8[]) AS ph,
       floor(-ln(1 - random()) * %(messages_mean)s)::int AS messages,
       floor(-ln(1 - random()) * %(activities_mean)s)::int AS activities,
       random() AS u_noise,
       random() AS u_probability,
       random() AS u_deadline,
       ARRAY(SELECT t FROM generate_series(1, %(tags)s) t
              WHERE random() < (%(tag_shares)s::float8[])[t] AND g > 0) AS tags
  FROM generate_series(1, %(leads)s) g"""

# Dates, country (the customer's, or drawn), state, language, past orders,
# then the log-odds of winning and the outcome.
LEAD_PLACE = """
CREATE TEMP TABLE bench_lead ON COMMIT DROP AS
WITH placed AS (
    SELECT d.*,
           CASE WHEN d.closed
                THEN date_trunc('second', %(start)s::timestamp + d.u_created
                     * (%(close_by)s::timestamp - %(start)s::timestamp))
                ELSE date_trunc('second', %(now)s::timestamp
                     - d.u_created * %(open_days)s * interval '1 day')
           END AS created,
           COALESCE(p.country_id, (%(country_ids)s::int[])[d.cn]) AS country_id,
           GREATEST(100, round(exp(ln(%(revenue_median)s::float8)
                    + %(revenue_sd)s * d.z_revenue)::numeric / 10) * 10)
               AS expected
      FROM bench_lead_draw d
      LEFT JOIN bench_customer c ON c.ci = d.ci
      LEFT JOIN res_partner p ON p.id = c.partner_id
), featured AS (
    SELECT p.*,
           CASE WHEN p.closed
                THEN LEAST(p.created + p.u_close * %(close_days)s * interval '1 day',
                           %(now)s::timestamp) END AS closed_at,
           st.state_id, la.lang_id,
           (SELECT COUNT(*) FROM bench_order o
             WHERE o.ci = p.ci AND o.date_order < p.created) AS past_orders,
           COALESCE(ce.effect, 0) AS country_effect
      FROM placed p
      LEFT JOIN bench_state st
        ON st.country_id = p.country_id AND p.u_state < %(state_share)s
       AND st.k = 1 + floor(p.u_state / %(state_share)s * st.n)::int
      LEFT JOIN bench_lang la
        ON la.country_id = p.country_id AND la.k = 1 + floor(p.u_lang * la.n)::int
      LEFT JOIN unnest(%(country_ids)s::int[], %(country_effects)s::float8[])
                AS ce(country_id, effect) ON ce.country_id = p.country_id
), scored AS (
    SELECT f.*,
           (%(salesperson_effects)s::float8[])[f.ri]
           + (%(stage_effects)s::float8[])[f.si]
           + f.country_effect
           + (%(source_effects)s::float8[])[f.src]
           + COALESCE((%(campaign_effects)s::float8[])[f.camp], 0)
           + (SELECT COALESCE(SUM((%(tag_effects)s::float8[])[t]), 0)
                FROM unnest(f.tags) t)
           + (%(email_effects)s::float8[])[f.em]
           + (%(phone_effects)s::float8[])[f.ph]
           + GREATEST(-2.0, 0.4 - 0.45 * f.z_revenue * f.z_revenue)
           + 0.7 * (ln(1 + f.messages) - 1.2)
           + 0.5 * (ln(1 + f.activities) - 0.8)
           + CASE WHEN f.past_orders > 0
                  THEN 0.5 + 0.3 * ln(1 + f.past_orders) ELSE 0 END
           + ln((f.u_noise + 1e-12) / (1 - f.u_noise + 1e-12)) AS latent
      FROM featured f
)
SELECT s.*,
       CASE WHEN NOT s.closed THEN 'open'
            WHEN percent_rank() OVER (PARTITION BY s.closed ORDER BY s.latent, s.g)
                 >= %(lost_share)s THEN 'won'
            ELSE 'lost' END AS kind,
       row_number() OVER (ORDER BY s.created, s.g) AS n
  FROM scored s"""

CRM_LEAD_COLUMNS = """
    id name type active user_id team_id company_id stage_id partner_id
    partner_name priority probability automated_probability expected_revenue
    prorated_revenue date_deadline date_closed date_open date_last_stage_update
    day_open day_close lost_reason_id color create_date write_date create_uid
    write_uid source_id medium_id campaign_id country_id state_id lang_id
    email_from email_normalized email_state phone phone_sanitized phone_state"""

# Won leads sit in the won stage, lost ones are archived in the stage they
# were lost in; an open lead's probability grows with its stage (10 to 90)
# and its deadline falls between two months ago and three months after the
# end of the year.
CRM_LEAD_SELECT = """
SELECT %(lead_base)s + l.n,
       'Opportunity ' || %(number)s || COALESCE(' - ' || c.name, ''),
       'opportunity', l.kind <> 'lost', r.user_id, r.team_id, %(company)s,
       CASE WHEN l.kind = 'won' THEN %(won_stage)s
            ELSE (%(open_stages)s::int[])[l.si] END,
       c.partner_id, c.name, l.priority, l.probability, l.probability,
       l.expected, round(l.expected * l.probability::numeric / 100, 2),
       CASE WHEN l.kind = 'open' THEN l.deadline ELSE l.closed_at::date END,
       l.closed_at, l.created, COALESCE(l.closed_at, l.created), 0.0,
       extract(epoch FROM l.closed_at - l.created) / 86400,
       CASE WHEN l.kind = 'lost' THEN (%(reasons)s::int[])[l.li] END, 0,
       l.created, COALESCE(l.closed_at, l.created), %(uid)s, %(uid)s,
       (%(source_ids)s::int[])[l.src], (%(medium_ids)s::int[])[l.med],
       (%(campaign_ids)s::int[])[l.camp], l.country_id, l.state_id, l.lang_id,
       CASE l.em WHEN 1 THEN l.email WHEN 2 THEN replace(l.email, '@', '.') END,
       CASE l.em WHEN 1 THEN l.email END,
       CASE l.em WHEN 1 THEN 'correct' WHEN 2 THEN 'incorrect' END,
       CASE l.ph WHEN 1 THEN '+32 2 290 ' || lpad(mod(l.g, 10000)::text, 4, '0')
                 WHEN 2 THEN '555-' || mod(l.g, 1000) END,
       CASE l.ph WHEN 1 THEN '+322290' || lpad(mod(l.g, 10000)::text, 4, '0') END,
       CASE l.ph WHEN 1 THEN 'correct' WHEN 2 THEN 'incorrect' END
  FROM (SELECT b.*,
               CASE b.kind WHEN 'won' THEN 100.0 WHEN 'lost' THEN 0.0
                    ELSE LEAST(90, round((10 + 80 * (b.si - 1 + b.u_probability)
                                          / %(stages)s)::numeric))::float
               END AS probability,
               %(deadline_from)s::date + floor(b.u_deadline
                   * (%(deadline_to)s::date - %(deadline_from)s::date + 1))::int
                   AS deadline,
               COALESCE('contact' || lpad(b.ci::text, 6, '0'), 'lead' || b.g)
                   || '@example.com' AS email
          FROM bench_lead b) l
  JOIN bench_rep r ON r.ri = l.ri
  LEFT JOIN bench_customer c ON c.ci = l.ci
 ORDER BY l.n"""

CRM_TAG_REL_SELECT = """
SELECT %(lead_base)s + l.n, (%(tag_ids)s::int[])[t]
  FROM bench_lead l CROSS JOIN LATERAL unnest(l.tags) t"""

MAIL_MESSAGE_COLUMNS = """
    id model res_id record_name record_company_id message_type subtype_id
    mail_activity_type_id body author_id is_internal date create_date write_date
    create_uid write_uid"""

# Notes, emails and done activities, spread between the creation of the lead
# and its closing (or now); a prospect's emails come from the salesperson.
MAIL_MESSAGE_SELECT = """
SELECT %(message_base)s + row_number() OVER (ORDER BY m.date, m.n, m.k),
       'crm.lead', %(lead_base)s + m.n, cl.name, %(company)s,
       CASE WHEN m.activity THEN 'notification'
            WHEN m.incoming THEN 'email' ELSE 'comment' END,
       CASE WHEN m.activity THEN %(subtype_activity)s
            WHEN m.incoming OR m.note_draw >= 0.6 THEN %(subtype_comment)s
            ELSE %(subtype_note)s END,
       CASE WHEN m.activity
            THEN (%(activity_type_ids)s::int[])[1 + floor(3 * m.type_draw)::int]
       END,
       CASE WHEN m.activity THEN '<p>Activity done</p>'
            WHEN m.incoming THEN '<p>Thank you for your offer.</p>'
            ELSE '<p>Followed up with the customer.</p>' END,
       CASE WHEN m.incoming THEN c.partner_id ELSE u.partner_id END,
       m.activity OR (NOT m.incoming AND m.note_draw < 0.6),
       m.date, m.date, m.date, %(uid)s, %(uid)s
  FROM (SELECT l.n, l.ri, l.ci, k, k > l.messages AS activity,
               l.ci IS NOT NULL AND k <= l.messages AND random() < 0.4 AS incoming,
               random() AS note_draw, random() AS type_draw,
               date_trunc('second', l.created + random()
                   * (COALESCE(l.closed_at, %(now)s::timestamp) - l.created)) AS date
          FROM bench_lead l
          CROSS JOIN LATERAL generate_series(1, l.messages + l.activities) k) m
  JOIN crm_lead cl ON cl.id = %(lead_base)s + m.n
  JOIN bench_rep r ON r.ri = m.ri
  JOIN res_users u ON u.id = r.user_id
  LEFT JOIN bench_customer c ON c.ci = m.ci"""

# The "won" message of each won lead, tracking its stage from the one it was
# won in to the won stage.
WON_MESSAGE_DRAFT = """
CREATE TEMP TABLE bench_won_message ON COMMIT DROP AS
SELECT %(message_base)s + row_number() OVER (ORDER BY l.closed_at, l.n) AS id,
       l.n, l.si, l.ri, l.closed_at
  FROM bench_lead l
 WHERE l.kind = 'won'"""

WON_MESSAGE_SELECT = """
SELECT w.id, 'crm.lead', %(lead_base)s + w.n, cl.name, %(company)s, 'notification',
       %(subtype_won)s, NULL, '', u.partner_id, FALSE, w.closed_at, w.closed_at,
       w.closed_at, %(uid)s, %(uid)s
  FROM bench_won_message w
  JOIN crm_lead cl ON cl.id = %(lead_base)s + w.n
  JOIN bench_rep r ON r.ri = w.ri
  JOIN res_users u ON u.id = r.user_id
 ORDER BY w.id"""

MAIL_TRACKING_VALUE_COLUMNS = """
    id field_id old_value_integer new_value_integer old_value_char new_value_char
    mail_message_id create_date write_date create_uid write_uid"""

MAIL_TRACKING_VALUE_SELECT = """
SELECT %(tracking_base)s + row_number() OVER (ORDER BY w.id), %(field)s,
       (%(open_stages)s::int[])[w.si], %(won_stage)s,
       (%(stage_names)s::text[])[w.si], %(won_name)s, w.id,
       w.closed_at, w.closed_at, %(uid)s, %(uid)s
  FROM bench_won_message w
 ORDER BY w.id"""


def _reference_tables(cr, ctx):
    cr.execute(
        """
        CREATE TEMP TABLE bench_state (
            country_id int, k int, n int, state_id int) ON COMMIT DROP;
        CREATE TEMP TABLE bench_lang (
            country_id int, k int, n int, lang_id int) ON COMMIT DROP;
        CREATE INDEX ON bench_order (ci, date_order);"""
    )
    for table, rows in (
        ("bench_state", ctx["country_states"]),
        ("bench_lang", ctx["country_langs"]),
    ):
        if rows:
            cr.execute(
                SQL(
                    "INSERT INTO %s SELECT * FROM unnest(%s::int[], %s::int[], "
                    "%s::int[], %s::int[])",
                    SQL.identifier(table),
                    *(list(column) for column in zip(*rows, strict=True)),
                )
            )
    cr.execute("ANALYZE bench_state, bench_lang, bench_order")


def generate_leads(cr, scale, ctx, insert, max_id, zero_pad):
    """Opportunities, their tags, messages and stage tracking.

    ``insert``, ``max_id`` and ``zero_pad`` are the bulk helpers of
    ``bulk``. Returns {table: rows inserted}.
    """
    _reference_tables(cr, ctx)
    now = ctx["now"]
    year_end = date(now.year, 12, 31)
    cr.execute(
        SQL(
            LEAD_DRAW,
            closed_tenths=CLOSED_TENTHS,
            reps=len(ctx["user_ids"]),
            customer_share=CUSTOMER_SHARE,
            customers=len(ctx["partner_ids"]),
            stages=len(ctx["open_stage_ids"]),
            reasons=len(ctx["lost_reason_ids"]),
            source_bounds=ctx["source_bounds"],
            media=len(ctx["medium_ids"]),
            campaign_share=CAMPAIGN_SHARE,
            campaigns=len(ctx["campaign_ids"]),
            country_bounds=ctx["country_bounds"],
            email_bounds=_cumulative([share for share, _e in EMAIL_STATES]),
            phone_bounds=_cumulative([share for share, _e in PHONE_STATES]),
            messages_mean=MESSAGES_MEAN,
            activities_mean=ACTIVITIES_MEAN,
            tags=len(ctx["tag_ids"]),
            tag_shares=ctx["tag_shares"],
            leads=scale.leads,
        )
    )
    cr.execute(
        SQL(
            LEAD_PLACE,
            start=ctx["start"],
            close_by=now - timedelta(days=7),
            now=now,
            open_days=OPEN_DAYS,
            close_days=CLOSE_DAYS,
            country_ids=ctx["country_ids"],
            country_effects=ctx["country_effects"],
            revenue_median=REVENUE_MEDIAN,
            revenue_sd=REVENUE_LOG_SD,
            state_share=STATE_SHARE,
            salesperson_effects=ctx["salesperson_effects"],
            stage_effects=ctx["stage_effects"],
            source_effects=ctx["source_effects"],
            campaign_effects=ctx["campaign_effects"],
            tag_effects=ctx["tag_effects"],
            email_effects=[effect for _s, effect in EMAIL_STATES],
            phone_effects=[effect for _s, effect in PHONE_STATES],
            lost_share=1 - WON_SHARE_OF_CLOSED,
        )
    )
    cr.execute("ALTER TABLE bench_lead ADD PRIMARY KEY (n)")
    cr.execute("ANALYZE bench_lead")
    common = {
        "lead_base": max_id(cr, "crm_lead"),
        "company": ctx["company_id"],
        "uid": ctx["uid"],
        "won_stage": ctx["won_stage_id"],
        "open_stages": ctx["open_stage_ids"],
    }
    counts = {}
    counts["crm_lead"] = insert(
        cr,
        "crm_lead",
        CRM_LEAD_COLUMNS,
        CRM_LEAD_SELECT,
        number=zero_pad(SQL("l.g"), 6),
        reasons=ctx["lost_reason_ids"],
        stages=len(ctx["open_stage_ids"]),
        deadline_from=now.date() - timedelta(days=60),
        deadline_to=year_end + timedelta(days=90),
        source_ids=ctx["source_ids"],
        medium_ids=ctx["medium_ids"],
        campaign_ids=ctx["campaign_ids"],
        **common,
    )
    counts["crm_tag_rel"] = insert(
        cr,
        "crm_tag_rel",
        "lead_id tag_id",
        CRM_TAG_REL_SELECT,
        lead_base=common["lead_base"],
        tag_ids=ctx["tag_ids"],
    )
    subtypes = {
        key: ctx[key] for key in ("subtype_note", "subtype_comment", "subtype_activity")
    }
    counts["mail_message"] = insert(
        cr,
        "mail_message",
        MAIL_MESSAGE_COLUMNS,
        MAIL_MESSAGE_SELECT,
        message_base=max_id(cr, "mail_message"),
        now=now,
        activity_type_ids=ctx["activity_type_ids"],
        **subtypes,
        **common,
    )
    cr.execute(SQL(WON_MESSAGE_DRAFT, message_base=max_id(cr, "mail_message")))
    counts["mail_message"] += insert(
        cr,
        "mail_message",
        MAIL_MESSAGE_COLUMNS,
        WON_MESSAGE_SELECT,
        subtype_won=ctx["subtype_won"],
        **common,
    )
    counts["mail_tracking_value"] = insert(
        cr,
        "mail_tracking_value",
        MAIL_TRACKING_VALUE_COLUMNS,
        MAIL_TRACKING_VALUE_SELECT,
        tracking_base=max_id(cr, "mail_tracking_value"),
        field=ctx["stage_field_id"],
        stage_names=ctx["stage_names"][:-1],
        won_name=ctx["stage_names"][-1],
        **common,
    )
    return counts
