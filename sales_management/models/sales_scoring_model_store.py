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
    FEATURE_STORE_DAYS,
    FEATURE_STORE_MARGIN,
    FEATURE_VERSION,
    FEATURES,
    RECORD_FEATURES,
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
            self.company_id.id,
            self.team_id.id or 0,
            list(FEATURES),
            names,
            tags,
        ]

    @api.model
    def _won_stage_ids(self):
        """The won stages: a won lead's stage is the one it was won from."""
        self.env["crm.stage"].flush_model(["is_won"])
        self.env.cr.execute("SELECT id FROM crm_stage WHERE is_won ORDER BY id")
        return [row[0] for row in self.env.cr.fetchall()]

    def _read_feature_store(self, now, width, won_stages):
        """``(store, since, last message)`` of the feature store when usable,
        else ``(None, None, None)``."""
        self.env.cr.execute(
            SQL("SELECT feature_store FROM sales_scoring_model WHERE id = %s", self.id)
        )
        text = self.env.cr.fetchone()[0]
        if not text:
            return None, None, None
        try:
            store = ColumnStore.from_json(text)
            header = store.header
            built = datetime.fromisoformat(header["built"])
            since = datetime.fromisoformat(header["since"])
            message = int(header["message"])
        except (KeyError, TypeError, ValueError) as error:
            _logger.info("Features of %s read in full: %s", self.name, error)
            return None, None, None
        if header.get("version") != FEATURE_VERSION:
            reason = "kept by another version"
        elif header.get("key") != self._feature_store_key() or store.width != width:
            reason = "of other leads or fields"
        elif built < now - timedelta(days=FEATURE_STORE_DAYS):
            reason = "the weekly full read"
        elif header.get("won_stages") != won_stages:
            reason = "the won stages changed"
        else:
            return store, since, message
        _logger.info("Features of %s read in full: %s", self.name, reason)
        return None, None, None

    def _leads_of_deleted_records(self, store):
        """Positions in ``store`` of the leads that hold a deleted record.

        A deleted source, campaign, team or tag leaves the leads that held it
        unchanged in the database (its foreign keys empty them, or drop the
        tag, without a write): they are read again.
        """
        selects = []
        for name, model in RECORD_FEATURES.items():
            index = 6 + FEATURES.index(name)
            ids = set()
            for value in store.distinct(index):
                ids.update(value if isinstance(value, list) else [value])
            ids = sorted(value for value in ids if isinstance(value, int))
            if ids:
                selects.append(
                    SQL(
                        """SELECT %s, v.id FROM unnest(%s::int[]) AS v(id)
                            WHERE NOT EXISTS (SELECT FROM %s r WHERE r.id = v.id)""",
                        index,
                        ids,
                        SQL.identifier(self.env[model]._table),
                    )
                )
        if not selects:
            return set()
        self.env.cr.execute(SQL(" UNION ALL ").join(selects))
        deleted = {}
        for index, record_id in self.env.cr.fetchall():
            deleted.setdefault(index, set()).add(record_id)
        positions = set()
        for index, ids in deleted.items():
            for position, value in enumerate(store.column(index)):
                held = value if isinstance(value, list) else [value]
                if not ids.isdisjoint(held):
                    positions.add(position)
        return positions

    def _stored_feature_columns(self):
        """Feature columns of the leads the model learns from and scores.

        Closed leads first (the oldest closed first), then open ones; from
        the store where a lead is unchanged since it was written, read again
        where it changed, has new messages or holds a deleted record, and
        read for leads closed or opened since. The store is written back when
        it changed. Returns ``(columns, ids of the leads read)``.
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
        won_stages = self._won_stage_ids()
        store, since, message = self._read_feature_store(now, width, won_stages)
        if store is None:
            store = ColumnStore(width, {"built": moment.isoformat()})
            for part in ("closed", "open"):
                rows = self._feature_rows(
                    self._lead_rows_sql(part=part), few=part == "open", pls=True
                )
                store.extend_columns(self._storable_columns(rows, width))
            read = store.column(1)
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
            deleted = self._leads_of_deleted_records(store)
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
                    or index in deleted
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
                version=FEATURE_VERSION,
                key=self._feature_store_key(),
                since=moment.isoformat(),
                message=last_message,
                won_stages=won_stages,
            )
            cr.execute(
                SQL(
                    "UPDATE sales_scoring_model SET feature_store = %s WHERE id = %s",
                    store.to_json(),
                    self.id,
                )
            )
            self.invalidate_recordset(["feature_store"])
        _logger.info(
            "Features of %s: %s leads read, %s kept",
            self.name,
            len(read),
            len(store) - len(read),
        )
        return store.columns(), read

    @api.model
    def _storable_columns(self, rows, width):
        """Columns of feature rows as the store keeps them."""
        columns = self._transpose(rows, width)
        columns[0] = [None] * len(rows)  # the rank of a lead read by id
        return columns
