# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The feature store: the features of a scoring model's leads, kept with it
so that a training reads again only the leads that changed.
"""

import logging
from datetime import datetime, timedelta

from odoo import api, models
from odoo.tools import SQL

from ..tools.column_store import ColumnStore
from .sales_scoring_model import (
    FEATURE_NAME_TABLES,
    FEATURE_STORE_DAYS,
    FEATURE_STORE_MARGIN,
    FEATURE_STORE_VERSION,
    FEATURES,
)

_logger = logging.getLogger(__name__)


class SalesScoringModel(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scoring.model"

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

    def _feature_names_fingerprint(self):
        """A digest of every stage, team, source, medium, campaign, tag and
        salesperson name as this transaction sees them.

        The features hold these names: the store is read again in full when
        the digest changes (an edit, a new or deleted record). Unlike a
        comparison of dates with the store's, it does not take the names of a
        new database, written minutes before the first training, for an edit.
        """
        parts = [
            SQL(
                """(SELECT string_agg(
                               id::text || ':' || COALESCE(write_date::text, ''),
                               ',' ORDER BY id) FROM %s)""",
                SQL.identifier(table),
            )
            for table in FEATURE_NAME_TABLES
        ]
        parts.append(
            SQL(
                """(SELECT string_agg(
                               p.id::text || ':' || COALESCE(p.write_date::text, ''),
                               ',' ORDER BY p.id)
                      FROM res_users u JOIN res_partner p ON p.id = u.partner_id)"""
            )
        )
        self.env.cr.execute(
            SQL("SELECT md5(concat_ws('|', %s))", SQL(", ").join(parts))
        )
        return self.env.cr.fetchone()[0]

    def _read_feature_store(self, now, width, names):
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
            or header.get("names") != names
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
        names = self._feature_names_fingerprint()
        store, since, message = self._read_feature_store(now, width, names)
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
                names=names,
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
