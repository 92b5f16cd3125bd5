# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class SalesViewRows(models.AbstractModel):
    """Rows of an SQL view whose ids are made of the keys of their sources.

    A row's id of the customer timeline, the suggestions of a customer or of
    a quotation is computed from the ids it comes from (a document's id times
    a constant plus a code, a list's id times a constant plus a product's
    id), so PostgreSQL cannot find a row by its id through an index. Reading
    rows by id (``fetch`` searches ``[('id', 'in', ids)]``) adds the
    equivalent condition on the source columns (``_sm_id_condition``), which
    PostgreSQL pushes into the view: a row read by id reads one source row.
    """

    _name = "sales.view.rows"
    _description = "Rows of SQL views found again by their id"

    @api.model
    def _sm_id_condition(self, alias, ids):
        """An SQL condition equivalent to "id in ``ids``" on the source
        columns of the view aliased ``alias``."""
        raise NotImplementedError

    def _sm_ensure_row(self):
        """One row with an id a row can have (a JSON-RPC client may send
        anything), else a clear message."""
        self.ensure_one()
        row_id = self.id
        if not isinstance(row_id, int) or isinstance(row_id, bool) or row_id <= 0:
            raise UserError(self.env._("This line no longer exists: reload the page."))
        return row_id

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if not query.is_empty():
            ids = self._sm_ids_of(domain)
            if ids:
                query.add_where(self._sm_id_condition(query.table, ids))
        return query

    @api.model
    def _sm_ids_of(self, domain):
        """The positive ids of a domain that is one ``('id', 'in', ids)``
        or ``('id', '=', id)`` leaf (as ``fetch`` searches), else None."""
        if not isinstance(domain, (list, tuple)) or len(domain) != 1:
            return None
        leaf = domain[0]
        if not (
            isinstance(leaf, (list, tuple))
            and len(leaf) == 3
            and leaf[0] == "id"
            and leaf[1] in ("in", "=")
        ):
            return None
        ids = leaf[2] if isinstance(leaf[2], (list, tuple)) else [leaf[2]]
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
            return None
        return [i for i in ids if i > 0] or None
