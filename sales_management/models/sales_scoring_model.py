# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import datetime, timedelta
from operator import itemgetter

import numpy as np
from markupsafe import Markup, escape

from odoo import _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, ormcache

from ..tools import lead_scoring, scoring_evaluation
from ..tools.column_store import ColumnStore

_logger = logging.getLogger(__name__)

# The features of the leads a model learns from and scores are kept with it
# (``feature_store``): a training reads again only the leads changed since,
# or with new messages, and the leads closed or opened since. The store is
# read again in full once a week, and whenever the names it holds may have
# changed.
FEATURE_STORE_VERSION = 2
FEATURE_STORE_DAYS = 7
# Leads changed (or messages posted) this long before a store is written are
# read again the next time: a transaction still running then may change them
# after the read.
FEATURE_STORE_MARGIN = timedelta(hours=1)
# Tables whose names are features (stage, team, source, medium, campaign,
# tag): the store is read again in full after one of them is edited.
FEATURE_NAME_TABLES = (
    "crm_stage",
    "crm_team",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "crm_tag",
)


def _array_text(values):
    """PostgreSQL's text of an array of numbers (None: NULL).

    Tens of thousands of values sent this way are parsed far faster than
    the same values as a list parameter (one SQL expression each).
    """
    items = ("NULL" if value is None else repr(value) for value in values)
    return "{" + ",".join(items) + "}"


# Names of the features, in the order of the columns of _lead_features_query.
FEATURES = (
    "stage",
    "team",
    "salesperson",
    "country",
    "source",
    "medium",
    "campaign",
    "tags",
    "language",
    "email_quality",
    "phone_quality",
    "expected_revenue",
    "lead_age_days",
    "activities_done",
    "messages",
    "days_since_contact",
    "existing_customer",
    "past_orders",
    "past_order_amount",
)

# What a salesperson reads for each feature, in the factors of a lead.
FEATURE_LABELS = {
    "stage": _lt("Stage"),
    "team": _lt("Sales team"),
    "salesperson": _lt("Salesperson"),
    "country": _lt("Country"),
    "source": _lt("Source"),
    "medium": _lt("Medium"),
    "campaign": _lt("Campaign"),
    "tags": _lt("Tag"),
    "language": _lt("Language"),
    "email_quality": _lt("Email quality"),
    "phone_quality": _lt("Phone quality"),
    "expected_revenue": _lt("Expected revenue"),
    "lead_age_days": _lt("Days since creation"),
    "activities_done": _lt("Activities done"),
    "messages": _lt("Messages exchanged"),
    "days_since_contact": _lt("Days without contact"),
    "existing_customer": _lt("Existing customer"),
    "past_orders": _lt("Past orders"),
    "past_order_amount": _lt("Past orders amount"),
}


class SalesScoringModel(models.Model):
    _name = "sales.scoring.model"
    _description = "Predictive Lead Scoring Model"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "company_id, team_id"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        help="Train on this team's closed leads only, for its open leads. Leave "
        "empty for the whole company.",
    )
    state = fields.Selection(
        [
            ("new", "Not trained"),
            ("trained", "Trained"),
            ("insufficient", "Not enough history"),
        ],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
    )
    message = fields.Char(readonly=True)
    min_closed = fields.Integer(
        "Minimum Closed Leads",
        default=50,
        help="Below this many closed leads (with at least 10 won and 10 lost), "
        "the model is not trained and leads keep their rule score.",
    )
    team_min_closed = fields.Integer(
        "Team Models From",
        default=300,
        help="On a company model: when one of the company's teams has at least "
        "this many closed leads, the nightly job gives it a model of its own, "
        "trained on its leads only (0: never).",
    )
    trained_date = fields.Datetime(readonly=True)
    n_closed = fields.Integer("Closed Leads", readonly=True)
    n_won = fields.Integer("Won Leads", readonly=True)
    n_holdout = fields.Integer("Held-out Leads", readonly=True)
    auc = fields.Float("AUC", readonly=True, digits=(3, 3))
    brier = fields.Float("Brier Score", readonly=True, digits=(3, 4))
    odoo_auc = fields.Float(
        "Odoo's AUC",
        readonly=True,
        digits=(3, 3),
        help="AUC of Odoo's own predictive scoring on the same held-out leads: "
        "its naive Bayes on the fields of its settings, learned from the same "
        "older leads, each held-out lead taken as it stood before it closed.",
    )
    odoo_brier = fields.Float("Odoo's Brier Score", readonly=True, digits=(3, 4))
    calibration = fields.Json(readonly=True)
    calibration_html = fields.Html(compute="_compute_reports", sanitize=False)
    importance = fields.Json(readonly=True)
    importance_html = fields.Html(
        "Feature Importance", compute="_compute_reports", sanitize=False
    )
    model_json = fields.Text(readonly=True, prefetch=False, copy=False)
    feature_lang = fields.Char(
        "Language of the Features",
        readonly=True,
        copy=False,
        help="Language in which stage, team and tag names were read to train "
        "the model; scoring reads them in the same one.",
    )
    scored_count = fields.Integer("Leads Scored", readonly=True)
    # features of the leads it learns from and scores (a column store, JSON),
    # read and written in SQL only
    feature_store = fields.Text(
        "Stored Features",
        readonly=True,
        prefetch=False,
        copy=False,
        groups="base.group_system",
    )

    _sql_constraints = [
        (
            "company_team_unique",
            "UNIQUE(company_id, team_id)",
            "There is already a scoring model for this company and team.",
        ),
    ]

    def init(self):
        # the stored features are compact already: PostgreSQL keeps them as
        # they are, without compressing them again at every training
        self.env.cr.execute(
            """ALTER TABLE sales_scoring_model
               ALTER COLUMN feature_store SET STORAGE EXTERNAL"""
        )

    @api.depends("company_id", "team_id")
    def _compute_name(self):
        for model in self:
            model.name = " / ".join(
                part.name for part in (model.company_id, model.team_id) if part
            )

    @api.depends("calibration", "importance")
    def _compute_reports(self):
        head = self.env._("Decile"), self.env._("Predicted"), self.env._("Actual")
        for model in self:
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s %%</td><td>%s %%</td><td>%s</td></tr>")
                % (decile, round(100 * predicted, 1), round(100 * actual, 1), count)
                for decile, predicted, actual, count in model.calibration or []
            )
            model.calibration_html = (
                Markup(
                    "<table class='table table-sm'><tr><th>%s</th><th>%s</th>"
                    "<th>%s</th><th>%s</th></tr>%s</table>"
                )
                % (*head, self.env._("Leads"), rows)
                if rows
                else False
            )
            items = sorted((model.importance or {}).items(), key=lambda kv: -kv[1])
            model.importance_html = (
                Markup("<ul>%s</ul>")
                % Markup("").join(
                    Markup("<li>%s: %s %%</li>")
                    % (escape(self._feature_label(name)), round(100 * share, 1))
                    for name, share in items[:15]
                )
                if items
                else False
            )

    # ------------------------------------------------------------------
    # Features: gathered set-based, one query for any number of leads
    # ------------------------------------------------------------------

    def _feature_language(self):
        """Language of the names of stages, teams and tags in the features.

        The model learns categories by name: training and scoring must read
        the names in the same language, whoever triggers them.
        """
        self.ensure_one()
        return self.feature_lang or self.company_id.partner_id.lang or "en_US"

    @api.model
    def _fetch_features(self, query, many=True, few=False):
        """Rows of the feature ``query``, planned for what it reads.

        ``many`` leads: without PostgreSQL's JIT compilation (``jit = on`` is
        its default), which the planner's cost estimate of the query makes
        compile it for seconds, for a query that runs in a fraction of that.
        ``few`` leads (a small part of the leads, messages and orders): with
        the cost of a random read of cached data (``random_page_cost``), not
        of a spinning disk (PostgreSQL's default), so that their rows are
        read by index rather than by scanning whole tables. The settings are
        restored afterwards (and by any rollback).
        """
        cr = self.env.cr
        settings = {}
        if many:
            settings["jit"] = "off"
        if few:
            settings["random_page_cost"] = "1.1"
        saved = {}
        for name, value in settings.items():
            cr.execute(SQL("SELECT current_setting(%s)", name))
            saved[name] = cr.fetchone()[0]
            cr.execute(SQL("SELECT set_config(%s, %s, true)", name, value))
        cr.execute(query)
        rows = cr.fetchall()
        for name, value in saved.items():
            cr.execute(SQL("SELECT set_config(%s, %s, true)", name, value))
        return rows

    def _get_lead_scope_sql(self, alias):
        """Condition on ``alias`` (crm_lead): the leads this model scores."""
        self.ensure_one()
        condition = SQL(
            "%s = %s", SQL.identifier(alias, "company_id"), self.company_id.id
        )
        if self.team_id:
            condition = SQL(
                "%s AND %s = %s",
                condition,
                SQL.identifier(alias, "team_id"),
                self.team_id.id,
            )
        return condition

    def _lead_rows_sql(self, lead_ids=None, part="open"):
        """The leads to describe, in SQL, with their rank ``ord``.

        ``lead_ids``: those of them in the model's company (and team), ranked
        in that order; None: the leads the model learns from (``part``
        "closed") or scores ("open"), found with the ORM's domains and record
        rules, not ranked.
        """
        self.ensure_one()
        columns = SQL(
            """l.id, l.company_id, l.partner_id, l.create_date, l.date_closed,
               l.stage_id, l.team_id, l.user_id, l.country_id, l.source_id,
               l.medium_id, l.campaign_id, l.lang_id, l.email_state,
               l.phone_state, l.expected_revenue,
               NOT l.active OR l.probability >= 100 AS is_closed,
               l.active AND l.probability >= 100 AS won"""
        )
        if lead_ids is not None:
            return SQL(
                """SELECT %s, t.ord
                     FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, ord)
                     JOIN crm_lead l ON l.id = t.id
                    WHERE %s""",
                columns,
                list(lead_ids),
                self._get_lead_scope_sql("l"),
            )
        return SQL(
            """SELECT %s, NULL::bigint AS ord
                 FROM crm_lead l
                WHERE %s AND l.id IN %s""",
            columns,
            self._get_lead_scope_sql("l"),
            self._lead_query(part).subselect(),
        )

    def _lead_query(self, part):
        """Query of the closed leads (``part`` "closed") or the open ones."""
        Lead = self.env["crm.lead"]
        if part == "closed":
            return Lead.with_context(active_test=False)._search(self._closed_domain())
        return Lead._search(self._open_domain())

    def _lead_features_query(self, lead_rows, lang, few=True, pls=False):
        """Features of the leads of ``lead_rows`` (``_lead_rows_sql``).

        Columns: rank, id, closed, closing date, won, stage before winning
        (id), then ``FEATURES``, where the lead's age and days without
        contact are the dates they count from (``_days_from_dates`` turns
        them into days): dates are seconds since 1970. A closed lead is
        described as it was when it closed: a won lead by the stage it was
        won from (its stage tracking), its age, messages and activities up
        to its closing date. ``few``: the leads are a small part of the stage
        tracking (its query starts from them). ``pls``: the columns of
        ``_pls_columns_sql`` follow.
        """

        def name(alias):
            return SQL(
                "COALESCE(%s->>%s, %s->>'en_US')",
                SQL.identifier(alias, "name"),
                lang,
                SQL.identifier(alias, "name"),
            )

        stage_field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        amount = SQL("so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)")
        if few:
            # from each lead to its customer's earlier orders (indexes)
            history = SQL(
                """SELECT l.id AS lead_id, COUNT(so.id) AS orders,
                          SUM(%s) AS amount
                     FROM lead l
                     JOIN res_partner lp ON lp.id = l.partner_id
                     JOIN res_partner sp
                       ON sp.commercial_partner_id = lp.commercial_partner_id
                     JOIN sale_order so
                       ON so.partner_id = sp.id AND so.state = 'sale'
                      AND so.company_id = l.company_id
                      AND so.date_order < l.create_date
                 GROUP BY l.id""",
                amount,
            )
        else:
            # many leads: one pass over the customers' orders and leads in
            # date order, counting the orders seen before each lead (at the
            # same instant, the lead comes first: orders strictly before it)
            history = SQL(
                """SELECT lead_id, orders, amount
                     FROM (SELECT e.lead_id,
                                  COUNT(e.amount) OVER w AS orders,
                                  SUM(e.amount) OVER w AS amount
                             FROM (SELECT lp.commercial_partner_id AS customer,
                                          l.company_id, l.create_date AS at,
                                          0 AS kind, l.id AS lead_id,
                                          NULL::numeric AS amount
                                     FROM lead l
                                     JOIN res_partner lp ON lp.id = l.partner_id
                                UNION ALL
                                   SELECT sp.commercial_partner_id, so.company_id,
                                          so.date_order, 1, NULL, %s
                                     FROM sale_order so
                                     JOIN res_partner sp ON sp.id = so.partner_id
                                    WHERE so.state = 'sale'
                                      AND so.company_id IN (SELECT company_id FROM lead)
                                  ) AS e
                           WINDOW w AS (PARTITION BY e.customer, e.company_id
                                            ORDER BY e.at, e.kind
                                        ROWS UNBOUNDED PRECEDING)
                          ) AS running
                    WHERE lead_id IS NOT NULL""",
                amount,
            )
        return SQL(
            """
            WITH lead AS (
                SELECT *, CASE WHEN is_closed THEN date_closed END AS closed
                  FROM (%(lead_rows)s) AS rows
            ), stage_before AS (
                SELECT DISTINCT ON (m.res_id) m.res_id AS lead_id,
                       v.old_value_integer AS stage_id
                  FROM mail_tracking_value v
                  JOIN crm_stage s ON s.id = v.new_value_integer AND s.is_won
                  JOIN mail_message m
                    ON m.id = v.mail_message_id AND m.model = 'crm.lead'
                 WHERE v.field_id = %(stage_field)s AND %(won_leads)s
              ORDER BY m.res_id, m.date DESC, m.id DESC
            ), contact AS (
                SELECT m.res_id AS lead_id,
                       COUNT(*) FILTER (WHERE m.message_type IN
                             ('email', 'comment', 'email_outgoing')) AS messages,
                       COUNT(*) FILTER (WHERE m.mail_activity_type_id IS NOT NULL)
                           AS activities,
                       MAX(m.date) AS last
                  FROM lead l
                  JOIN mail_message m
                    ON m.model = 'crm.lead' AND m.res_id = l.id
                   AND (m.message_type IN ('email', 'comment', 'email_outgoing')
                        OR m.mail_activity_type_id IS NOT NULL)
                   AND (l.date_closed IS NULL OR m.date <= l.date_closed)
              GROUP BY m.res_id
            ), history AS (%(history)s
            ), tags AS (
                SELECT r.lead_id, array_agg(%(tag_name)s ORDER BY tg.id) AS names,
                       array_agg(tg.id ORDER BY tg.id) AS ids
                  FROM lead l
                  JOIN crm_tag_rel r ON r.lead_id = l.id
                  JOIN crm_tag tg ON tg.id = r.tag_id
              GROUP BY r.lead_id
            )
            SELECT l.ord, l.id, l.is_closed,
                   floor(extract(epoch FROM l.closed))::bigint, l.won, b.stage_id,
                   %(stage_name)s, %(team_name)s, up.name, c.code, src.name,
                   md.name, cp.name, COALESCE(tags.names, '{}'), lg.code,
                   l.email_state, l.phone_state,
                   COALESCE(l.expected_revenue, 0)::float8,
                   floor(extract(epoch FROM l.create_date))::bigint,
                   COALESCE(ct.activities, 0)::int, COALESCE(ct.messages, 0)::int,
                   floor(extract(epoch FROM COALESCE(ct.last, l.create_date)))::bigint,
                   COALESCE(h.orders, 0) > 0, COALESCE(h.orders, 0)::int,
                   COALESCE(h.amount, 0)::float8 %(pls_columns)s
              FROM lead l
         LEFT JOIN stage_before b ON b.lead_id = l.id AND l.won
         LEFT JOIN crm_stage st
                ON st.id = CASE WHEN l.won THEN b.stage_id ELSE l.stage_id END
         LEFT JOIN crm_team tm ON tm.id = l.team_id
         LEFT JOIN res_users u ON u.id = l.user_id
         LEFT JOIN res_partner up ON up.id = u.partner_id
         LEFT JOIN res_country c ON c.id = l.country_id
         LEFT JOIN utm_source src ON src.id = l.source_id
         LEFT JOIN utm_medium md ON md.id = l.medium_id
         LEFT JOIN utm_campaign cp ON cp.id = l.campaign_id
         LEFT JOIN res_lang lg ON lg.id = l.lang_id
         LEFT JOIN contact ct ON ct.lead_id = l.id
         LEFT JOIN history h ON h.lead_id = l.id
         LEFT JOIN tags ON tags.lead_id = l.id
                   %(pls_join)s
            """,
            lead_rows=lead_rows,
            history=history,
            stage_field=stage_field.id,
            won_leads=SQL("m.res_id IN (SELECT id FROM lead WHERE won)")
            if few
            else SQL("TRUE"),
            tag_name=name("tg"),
            stage_name=name("st"),
            team_name=name("tm"),
            pls_columns=SQL(", %s", self._pls_columns_sql("raw", SQL("tags.ids")))
            if pls
            else SQL(),
            pls_join=SQL("JOIN crm_lead raw ON raw.id = l.id") if pls else SQL(),
        )

    def _lead_features(self, leads=None):
        """Features of leads of the model's company (and team), as columns.

        ``leads``: those of them in scope, in their order; None: every lead
        the model learns from or scores (from the feature store), closed
        ones (oldest first) then open ones. Returns ``(ids, columns,
        details)``: the ids of the leads described; the features ``{name:
        [value per lead]}``; and ``{"closed": [...], "won": [...],
        "stage_before": [...], "expected_revenue": [...]}`` for the same
        leads, with, when ``leads`` is None, ``"pls"``: the columns of
        ``_pls_columns_sql`` of the closed leads.
        """
        self.ensure_one()
        width = len(FEATURES) + 6
        if leads is None:
            columns = self._stored_feature_columns()
        else:
            rows = []
            if leads:
                rows = self._feature_rows(
                    self._lead_rows_sql(leads.ids),
                    few=len(leads) < 10000,
                    many=len(leads) > 1000,
                )
                rows.sort(key=itemgetter(0))
            columns = self._transpose(rows, width)
        self._days_from_dates(columns)
        _ranks, ids, closed, _dates, won, stage_before, *values = columns[:width]
        columns, pls = dict(zip(FEATURES, values, strict=True)), columns[width:]
        details = {
            "closed": closed,
            "won": won,
            "stage_before": stage_before,
            "expected_revenue": columns["expected_revenue"],
        }
        if leads is None:  # what Odoo's scoring reads, to compare with it
            n_closed = sum(closed)
            details["pls"] = [column[:n_closed] for column in pls]
        return ids, columns, details

    @api.model
    def _days_from_dates(self, columns):
        """Turn the age and last contact dates of feature columns into days.

        Counted up to the closing date of a closed lead, up to now for an
        open one, as whole days, in place.
        """
        if not columns[1]:
            return
        now = (fields.Datetime.now() - datetime(1970, 1, 1)).total_seconds()
        closed = np.array([now if at is None else at for at in columns[3]])
        for name in ("lead_age_days", "days_since_contact"):
            index = 6 + FEATURES.index(name)
            since = np.asarray(columns[index], dtype=float)
            days = np.maximum(np.floor((closed - since) / 86400.0), 0)
            columns[index] = days.astype(int).tolist()

    @api.model
    def _transpose(self, rows, width):
        """Columns of ``rows`` (lists), ``width`` empty ones without rows."""
        if not rows:
            return [[] for _index in range(width)]
        return [list(column) for column in zip(*rows, strict=True)]

    @api.model
    def _pls_width(self):
        """How many columns ``_pls_columns_sql`` has."""
        return len(self._pls_fields()[0]) + 3

    def _feature_rows(self, lead_rows, few, many=True, pls=False):
        """Rows of ``_lead_features_query`` on the leads of ``lead_rows``."""
        self.env.flush_all()
        return self._fetch_features(
            self._lead_features_query(
                lead_rows, self._feature_language(), few=few, pls=pls
            ),
            many=many,
            few=few,
        )

    # ------------------------------------------------------------------
    # Feature store: the features of the model's leads, kept with it
    # ------------------------------------------------------------------

    def _feature_store_key(self):
        """What the stored features depend on besides the leads themselves."""
        self.ensure_one()
        names, tags = self._pls_fields()
        return [
            self._feature_language(),
            self.company_id.id,
            self.team_id.id or 0,
            list(FEATURES),
            names,
            tags,
        ]

    def _feature_names_edited_since(self, moment):
        """Whether a stage, team, source, tag... or salesperson was edited."""
        edited = SQL(" OR ").join(
            SQL(
                "EXISTS (SELECT 1 FROM %s WHERE write_date >= %s)",
                SQL.identifier(table),
                moment,
            )
            for table in FEATURE_NAME_TABLES
        )
        self.env.cr.execute(
            SQL(
                """SELECT %s OR EXISTS (
                       SELECT 1 FROM res_users u
                         JOIN res_partner p ON p.id = u.partner_id
                        WHERE p.write_date >= %s)""",
                edited,
                moment,
            )
        )
        return self.env.cr.fetchone()[0]

    def _read_feature_store(self, now, width):
        """``(store, since, last message)`` of the feature store when usable."""
        self.env.cr.execute(
            SQL("SELECT feature_store FROM sales_scoring_model WHERE id = %s", self.id)
        )
        text = self.env.cr.fetchone()[0]
        if not text:
            return None, None, None
        try:
            store = ColumnStore.from_json(text)
            header = store.header
            usable = (
                header.get("version") == FEATURE_STORE_VERSION
                and header.get("key") == self._feature_store_key()
                and store.width == width
            )
            built = datetime.fromisoformat(header["built"])
            since = datetime.fromisoformat(header["since"])
            message = int(header["message"])
        except (KeyError, TypeError, ValueError) as error:
            _logger.info("Feature store of %s read again: %s", self.name, error)
            return None, None, None
        if (
            not usable
            or built < now - timedelta(days=FEATURE_STORE_DAYS)
            or self._feature_names_edited_since(built)
        ):
            return None, None, None
        return store, since, message

    def _stored_feature_columns(self):
        """Feature columns of the leads the model learns from and scores.

        Closed leads first (the oldest closed first), then open ones; from
        the store where a lead is unchanged since it was written, read again
        where it changed or has new messages, and read for leads closed or
        opened since. The store is written back when it changed.
        """
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT now() at time zone 'UTC'")
        now = cr.fetchone()[0]
        moment = now - FEATURE_STORE_MARGIN
        # the last message of the crm.lead model the store will count
        cr.execute(
            SQL(
                """SELECT COALESCE((SELECT id FROM mail_message
                                     WHERE create_date < %s
                                  ORDER BY id DESC LIMIT 1), 0)""",
                moment,
            )
        )
        last_message = cr.fetchone()[0]
        width = len(FEATURES) + 6 + self._pls_width()
        store, since, message = self._read_feature_store(now, width)
        if store is None:
            store = ColumnStore(width, {"built": moment.isoformat()})
            for part in ("closed", "open"):
                rows = self._feature_rows(
                    self._lead_rows_sql(part=part), few=part == "open", pls=True
                )
                store.extend_columns(self._storable_columns(rows, width))
            changed = True
        else:
            selects = []
            for part in ("closed", "open"):
                query = self._lead_query(part)
                selects.append(
                    query.select(
                        SQL.identifier(query.table, "id"),
                        SQL("%s", part == "closed"),
                        SQL(
                            "%s >= %s", SQL.identifier(query.table, "write_date"), since
                        ),
                    )
                )
            cr.execute(SQL(" UNION ALL ").join(selects))
            current = cr.fetchall()
            cr.execute(
                SQL(
                    """SELECT DISTINCT res_id FROM mail_message
                        WHERE id > %s AND model = 'crm.lead'""",
                    message,
                )
            )
            messaged = {row[0] for row in cr.fetchall()}
            position = {lead: index for index, lead in enumerate(store.column(1))}
            closed = store.column(2)
            keep, read = [], []
            for lead, is_closed, edited in current:
                index = position.get(lead)
                if (
                    index is None
                    or edited
                    or lead in messaged
                    or closed[index] != is_closed
                ):
                    read.append(lead)
                else:
                    keep.append(index)
            changed = bool(read) or len(keep) != len(store)
            if len(keep) != len(store):
                store.take(sorted(keep))
            if read:
                rows = self._feature_rows(
                    self._lead_rows_sql(read),
                    few=len(read) < 10000,
                    many=len(read) > 1000,
                    pls=True,
                )
                store.extend_columns(self._storable_columns(rows, width))
        if changed:
            ids, closed, dates = store.column(1), store.column(2), store.column(3)
            store.take(
                sorted(
                    range(len(ids)),
                    key=lambda index: (
                        not closed[index],
                        dates[index] is None,
                        dates[index] or 0,
                        ids[index],
                    ),
                )
            )
            store.header.update(
                version=FEATURE_STORE_VERSION,
                key=self._feature_store_key(),
                since=moment.isoformat(),
                message=last_message,
            )
            cr.execute(
                SQL(
                    "UPDATE sales_scoring_model SET feature_store = %s WHERE id = %s",
                    store.to_json(),
                    self.id,
                )
            )
            self.invalidate_recordset(["feature_store"])
        return store.columns()

    @api.model
    def _storable_columns(self, rows, width):
        """Columns of feature rows as the store keeps them."""
        columns = self._transpose(rows, width)
        columns[0] = [None] * len(rows)  # the rank of a lead read by id
        return columns

    @api.model
    def _pls_fields(self):
        """The stored fields of Odoo's ``crm.pls_fields`` setting, and tags.

        ``(names, tags)``: the fields read as columns (besides the stage and
        the team) and whether the tags are read.
        """
        Lead = self.env["crm.lead"]
        names = []
        for name in Lead._pls_get_safe_fields():
            field = Lead._fields[name]
            if name in ("stage_id", "team_id", "tag_ids", *names):
                continue
            if field.store and field.column_type:
                names.append(name)
        return names, "tag_ids" in Lead._pls_get_safe_fields()

    @api.model
    def _pls_columns_sql(self, alias, tag_ids):
        """Columns of what Odoo's scoring reads of lead ``alias``, in SQL."""
        names, _tags = self._pls_fields()
        return SQL(
            "COALESCE(%s, 0), %s, COALESCE(%s, '{}')%s",
            SQL.identifier(alias, "team_id"),
            SQL.identifier(alias, "stage_id"),
            tag_ids,
            SQL("").join(SQL(", %s", SQL.identifier(alias, name)) for name in names),
        )

    @api.model
    def _pls_values_from_columns(self, columns):
        """``(teams, values)`` from the columns of ``_pls_columns_sql``.

        As ``crm.lead._pls_get_lead_pls_values`` reads them: an empty value
        is not counted, but an empty email or phone quality is, as False.
        """
        names, tags = self._pls_fields()
        teams, stages, tag_ids, *plain = columns
        values = {"stage_id": [stage or None for stage in stages]}
        for name, column in zip(names, plain, strict=True):
            if name in ("email_state", "phone_state"):
                values[name] = [value or False for value in column]
            else:
                values[name] = [value or None for value in column]
        if tags:
            values["tag_id"] = tag_ids
        return list(teams), values

    @api.model
    def _pls_lead_values(self, lead_ids):
        """What Odoo's predictive scoring reads of each lead, in that order.

        ``(teams, values)`` as ``scoring_evaluation.pls_frequencies`` takes
        them, from the fields of the ``crm.pls_fields`` setting.
        """
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT %s
                     FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, ord)
                     JOIN crm_lead l ON l.id = t.id
                LEFT JOIN (SELECT lead_id, array_agg(tag_id) AS ids
                             FROM crm_tag_rel WHERE lead_id = ANY(%s)
                         GROUP BY lead_id) AS tags ON tags.lead_id = l.id
                 ORDER BY t.ord""",
                self._pls_columns_sql("l", SQL("tags.ids")),
                list(lead_ids),
                list(lead_ids),
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return [], {}
        return self._pls_values_from_columns(list(zip(*rows, strict=True)))

    @api.model
    def _pls_stages(self):
        """(every stage as (id, sequence), the first stage, the won stages)."""
        Stage = self.env["crm.stage"]
        stages = Stage.search_read([], ["sequence"], order="sequence, id")
        first = Stage.search([("team_id", "=", False)], order="sequence, id", limit=1)
        won = Stage.search([("is_won", "=", True)])
        return [(s["id"], s["sequence"]) for s in stages], first.id, set(won.ids)

    def _odoo_probabilities(self, pls, outcomes, stages_before, cut):
        """Odoo's probability of the closed leads after ``cut``, from those before.

        Odoo's naive Bayes on its ``crm.pls_fields`` (``pls``: the columns
        of ``_pls_columns_sql`` of the closed leads), its frequency table
        built from the training leads only, each held-out lead scored as it
        stood before it closed (a won one in the stage it was won from).
        """
        teams, values = self._pls_values_from_columns(pls)
        stages, first, won_stages = self._pls_stages()
        table = scoring_evaluation.pls_frequencies(
            teams[:cut],
            {field: column[:cut] for field, column in values.items()},
            outcomes[:cut],
            stages,
        )
        held_out = {field: column[cut:] for field, column in values.items()}
        held_out["stage_id"] = [
            before if won else stage
            for stage, won, before in zip(
                held_out["stage_id"], outcomes[cut:], stages_before[cut:], strict=True
            )
        ]
        probabilities = scoring_evaluation.pls_probabilities(
            table, teams[cut:], held_out, first, won_stages
        )
        base_rate = sum(outcomes[:cut]) / max(cut, 1)
        return [base_rate if p is None else p for p in probabilities]

    # ------------------------------------------------------------------
    # Training
    # ------------------------------------------------------------------

    def _scope_domain(self):
        self.ensure_one()
        domain = [("type", "=", "opportunity"), ("company_id", "=", self.company_id.id)]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        return domain

    def _closed_domain(self):
        """Won (probability 100) and lost (archived at 0 %) leads."""
        return self._scope_domain() + [
            "|",
            "&",
            ("active", "=", True),
            ("probability", "=", 100),
            "&",
            ("active", "=", False),
            ("probability", "=", 0),
        ]

    def _open_domain(self):
        """Open leads; those of a team with its own trained model are its."""
        self.ensure_one()
        domain = self._scope_domain() + [("probability", "<", 100)]
        if not self.team_id:
            teams = self.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("team_id", "!=", False),
                    ("state", "=", "trained"),
                ]
            ).team_id
            if teams:
                domain.append(("team_id", "not in", teams.ids))
        return domain

    def action_train(self):
        # the features are read in SQL: check the right to train first
        self.check_access("write")
        for model in self:
            model._train()
        return True

    def _train(self):
        self.ensure_one()
        self.feature_lang = self.company_id.partner_id.lang or "en_US"
        ids, columns, details = self._lead_features()
        n_closed = sum(details["closed"])  # the closed leads come first
        outcomes = details["won"][:n_closed]
        n_won = sum(outcomes)
        n_lost = n_closed - n_won
        if n_closed < self.min_closed or n_won < 10 or n_lost < 10:
            self.write(
                {
                    "state": "insufficient",
                    "n_closed": n_closed,
                    "n_won": n_won,
                    "message": self.env._(
                        "Only %(closed)s closed leads (%(won)s won, %(lost)s lost): "
                        "at least %(minimum)s are needed, with 10 won and 10 lost. "
                        "Leads keep their rule score.",
                        closed=n_closed,
                        won=n_won,
                        lost=n_lost,
                        minimum=self.min_closed,
                    ),
                    "model_json": False,
                }
            )
            return False
        closed = {name: values[:n_closed] for name, values in columns.items()}
        self._drop_unreliable_stage(closed, outcomes)
        # validate on the most recent fifth, as if trained before it
        cut = int(n_closed * 0.8)
        validation = lead_scoring.fit(
            {name: values[:cut] for name, values in closed.items()}, outcomes[:cut]
        )
        held_out = outcomes[cut:]
        predicted = validation.predict(
            {name: values[cut:] for name, values in closed.items()}
        )
        odoo = self._odoo_probabilities(
            [column[:n_closed] for column in details["pls"]],
            outcomes,
            details["stage_before"][:n_closed],
            cut,
        )
        engine = lead_scoring.fit(closed, outcomes)
        self.write(
            {
                "state": "trained",
                "message": False,
                "trained_date": fields.Datetime.now(),
                "n_closed": n_closed,
                "n_won": n_won,
                "n_holdout": len(held_out),
                "auc": scoring_evaluation.auc(predicted, held_out),
                "brier": scoring_evaluation.brier_score(predicted, held_out),
                "odoo_auc": scoring_evaluation.auc(odoo, held_out),
                "odoo_brier": scoring_evaluation.brier_score(odoo, held_out),
                "calibration": scoring_evaluation.calibration_by_decile(
                    predicted, held_out
                ),
                "importance": engine.feature_importance(),
                "model_json": engine.to_json(),
            }
        )
        # the engine just fitted is the one the JSON gives: keep it parsed
        self._parsed_engine.__cache__.add_value(
            self, self.id, str(self.trained_date), cache_value=engine
        )
        opened = (
            ids[n_closed:],
            {name: values[n_closed:] for name, values in columns.items()},
            {name: details[name][n_closed:] for name in ("expected_revenue",)},
        )
        self.scored_count = self._score_leads(None, engine=engine, features=opened)
        return True

    @api.model
    def _drop_unreliable_stage(self, columns, outcomes):
        """Forget the stage when the history does not tell where won leads were.

        A won lead sits in the won stage: its stage before winning comes from
        the stage tracking. Where that tracking is missing for many won leads
        (imported history, tracking disabled), the stage would tell won from
        lost by its mere absence, so it is left out for every lead.
        """
        stages = columns["stage"]
        won_stages = [stage for stage, won in zip(stages, outcomes, strict=True) if won]
        known = sum(1 for stage in won_stages if stage)
        if won_stages and known < 0.8 * len(won_stages):
            columns["stage"] = [None] * len(stages)

    def _engine(self):
        """The engine of the model as last trained, None when untrained."""
        self.ensure_one()
        return self._parsed_engine(self.id, str(self.trained_date))

    @api.model
    @ormcache("model_id", "trained")
    def _parsed_engine(self, model_id, trained):
        """The engine of model ``model_id`` trained at ``trained``.

        Its JSON is parsed once and kept in the cache of the database's
        registry, so that rescoring one lead stays fast; each training gives
        a new key (see ``_train``).
        """
        text = self.browse(model_id).model_json
        return lead_scoring.from_json(text) if text else None

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------

    def _score_leads(self, leads, engine=None, features=None):
        """Store probability, score, grade and priority of ``leads``.

        Leads outside the model's company (and team) are left alone.
        ``features``: what ``_lead_features`` returned for the leads, when
        known (``leads`` is then ignored). The factors are not stored: they
        are worked out when a lead is displayed (``_explain_leads``).
        Returns the number of leads scored.
        """
        self.ensure_one()
        engine = engine or self._engine()
        if engine is None or (features is None and not leads):
            return 0
        ids, columns, details = features or self._lead_features(leads)
        if not ids:
            return 0
        probabilities = np.asarray(engine.predict(columns), dtype=float)
        scores = np.round(100.0 * probabilities, 1)
        grades = self.env["sales.scoring.grade"]._grade_for(set(scores.tolist()))
        grade_ids = {score: grade.id or None for score, grade in grades.items()}
        revenues = np.asarray(details["expected_revenue"], dtype=float)
        # one statement for all leads' score rows (the ORM would write them one
        # by one), which links the rows it creates to their leads; the arrays
        # are sent as text, parsed far faster than lists of parameters
        self.env["sales.lead.score"].flush_model()
        self.env["crm.lead"].flush_model(["sm_score_id"])
        self.env.cr.execute(
            SQL(
                """WITH stored AS (
                       INSERT INTO sales_lead_score AS s
                              (lead_id, score, probability, grade_id,
                               priority_value, source, model_id, scored_date)
                       SELECT v.id, v.score, v.score, v.grade, v.priority,
                              'model', %s, %s
                         FROM unnest(%s::int[], %s::float[], %s::int[],
                                     %s::float[]) AS v(id, score, grade, priority)
                  ON CONFLICT (lead_id) DO UPDATE
                          SET score = EXCLUDED.score,
                              probability = EXCLUDED.probability,
                              grade_id = EXCLUDED.grade_id,
                              priority_value = EXCLUDED.priority_value,
                              source = EXCLUDED.source,
                              model_id = EXCLUDED.model_id,
                              scored_date = EXCLUDED.scored_date
                    RETURNING s.id, s.lead_id, s.xmax = 0 AS created
                   )
                   UPDATE crm_lead SET sm_score_id = stored.id
                     FROM stored
                    WHERE stored.created AND crm_lead.id = stored.lead_id""",
                self.id,
                fields.Datetime.now(),
                _array_text(ids),
                _array_text(scores.tolist()),
                _array_text([grade_ids[score] for score in scores.tolist()]),
                _array_text((scores / 100.0 * revenues).tolist()),
            )
        )
        self.env["sales.lead.score"].invalidate_model(
            [
                "score",
                "probability",
                "grade_id",
                "priority_value",
                "source",
                "model_id",
                "scored_date",
            ]
        )
        self.env["crm.lead"].browse(ids).invalidate_recordset(
            [
                "sm_score_id",
                "sm_score",
                "sm_probability",
                "sm_grade_id",
                "sm_priority_value",
                "sm_score_source",
                "sm_scoring_model_id",
                "sm_scored_date",
            ]
        )
        # stars follow the new grades where the company asks for it
        self.env["crm.lead"].browse(ids)._sm_priority_from_grade()
        return len(ids)

    @api.model
    def _feature_label(self, name):
        """A feature's name as a salesperson reads it, "a × b" for a pair."""
        return " × ".join(
            str(FEATURE_LABELS.get(part, part)) for part in name.split(" × ")
        )

    @api.model
    def _factor_label(self, detail):
        """ "Source: Trade show", "Tag: not Urgent", "Existing customer: no"."""
        if detail["kind"] == "interaction":
            names = " × ".join(self._feature_label(name) for name in detail["features"])
            return f"{names}: {detail['value_label']}"
        value = {
            "(none)": self.env._("none"),
            "(a rare tag)": self.env._("a rare tag"),
        }.get(detail["value_label"], detail["value_label"])
        if detail["kind"] == "missing":
            value = self.env._("unknown")
        elif value in ("True", "False"):
            value = self.env._("yes") if value == "True" else self.env._("no")
        elif detail["relation"] in ("excludes", "≠"):
            value = self.env._("not %(value)s", value=value)
        return f"{self._feature_label(detail['feature'])}: {value}"

    def _explain_leads(self, leads, top=6):
        """{lead id: [[label, effect], ...]}: what moves each lead's probability.

        Effects are in probability points (0.12 = +12 %); the smallest ones
        (under half a point) are left out.
        """
        self.ensure_one()
        engine = self._engine()
        if engine is None or not leads:
            return {}
        ids, columns, _details = self._lead_features(leads)
        if not ids:
            return {}
        explanations = engine.explain_many(columns, top=top)
        return {
            lead_id: [
                [self._factor_label(detail), round(detail["effect"], 4)]
                for detail in details_of_lead
                if abs(detail["effect"]) >= 0.005
            ]
            for lead_id, details_of_lead in zip(ids, explanations, strict=True)
        }

    @api.model
    def _model_for_leads(self, leads):
        """{trained model: leads it scores} (team models first)."""
        models_ = self.search(
            [("state", "=", "trained"), ("company_id", "in", leads.company_id.ids)]
        )
        result = {}
        for lead in leads:
            candidates = models_.filtered(
                lambda m, lead=lead: (
                    m.company_id == lead.company_id
                    and m.team_id in (lead.team_id, self.env["crm.team"])
                )
            ).sorted(lambda m: not m.team_id)
            if candidates:
                result.setdefault(candidates[0], self.env["crm.lead"])
                result[candidates[0]] |= lead
        return result

    @api.model
    def _create_team_models(self):
        """A model for each team with enough closed leads of its own.

        Returns the models created.
        """
        created = self.browse()
        for model in self.search(
            [("team_id", "=", False), ("team_min_closed", ">", 0)]
        ):
            closed = (
                self.env["crm.lead"]
                .with_context(active_test=False)
                ._read_group(
                    model._closed_domain() + [("team_id", "!=", False)],
                    ["team_id"],
                    ["__count"],
                )
            )
            existing = self.search([("company_id", "=", model.company_id.id)]).team_id
            teams = [
                team
                for team, count in closed
                if count >= model.team_min_closed and team not in existing
            ]
            if teams:
                created |= self.create(
                    [
                        {
                            "company_id": model.company_id.id,
                            "team_id": team.id,
                            "min_closed": model.min_closed,
                            "team_min_closed": 0,
                        }
                        for team in teams
                    ]
                )
        return created

    @api.model
    def _cron_train_models(self):
        """Retrain one model per call, the oldest first; report progress."""
        self._create_team_models()
        todo = self.search([], order="trained_date asc nulls first, id")
        today = datetime.combine(fields.Date.today(), datetime.min.time())
        todo = todo.filtered(lambda m: not m.trained_date or m.trained_date < today)
        if todo:
            try:
                todo[0]._train()
            except (UserError, ValueError) as error:
                _logger.warning("Scoring model %s not trained: %s", todo[0].name, error)
                todo[0].write(
                    {"message": str(error), "trained_date": fields.Datetime.now()}
                )
        self.env["ir.cron"]._notify_progress(
            done=min(len(todo), 1), remaining=max(len(todo) - 1, 0)
        )
