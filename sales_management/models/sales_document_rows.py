# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL


class SalesDocumentRows(models.AbstractModel):
    """Rows of an SQL view that a user reads when they may read their document.

    The customer timeline lists orders, invoices, opportunities, activities
    and messages; the suggestions of a quotation belong to the quotation. A
    row is readable when its document is readable with the user's own record
    rules (Odoo's salesperson, team leader, "All Documents", invoicing and
    company rules, whatever groups the user has): every search on the view
    adds, for each kind of document, the condition "the document is among
    those the user may read", built from the document model's ``_search``
    and correlated with the row, so that PostgreSQL checks only the rows the
    other conditions kept (the customer's), through the documents' primary
    key. Reading rows by id goes through the same search, so ``read``,
    ``search_read``, ``read_group`` and the list views apply the same rights.

    A model using it implements ``_sm_row_documents(alias)``.
    """

    _name = "sales.document.rows"
    _inherit = ["sales.view.rows"]
    _description = "Rows read with the rights on their documents"

    @api.model
    def _sm_row_documents(self, alias):
        """``[(model name, SQL of the condition "the row is of this model",
        SQL of the row's document id, SQL of another condition granting the
        row or None)]`` for the rows of the view aliased ``alias``."""
        raise NotImplementedError

    @api.model
    def _sm_readable_document(self, model_name, id_sql):
        """SQL condition: document ``id_sql`` of ``model_name`` is readable
        by the user (FALSE without read access on the model)."""
        Model = self.env[model_name].with_context(active_test=False)
        if not Model.has_access("read"):
            return SQL("FALSE")
        query = Model._search([])
        query.add_where(SQL("%s = %s", SQL.identifier(query.table, "id"), id_sql))
        return SQL("EXISTS(%s)", query.select(SQL("1")))

    @api.model
    def _sm_rows_access_sql(self, alias):
        """SQL condition: the row ``alias`` is readable by the user."""
        terms = []
        for model_name, is_model, id_sql, granted in self._sm_row_documents(alias):
            readable = self._sm_readable_document(model_name, id_sql)
            if granted is not None:
                readable = SQL("(%s OR %s)", granted, readable)
            terms.append(SQL("(%s AND %s)", is_model, readable))
        return SQL("(%s)", SQL(" OR ").join(terms)) if terms else SQL("FALSE")

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if not self.env.su and not query.is_empty():
            query.add_where(self._sm_rows_access_sql(query.table))
        return query

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or operation != "read" or not self._ids:
            return result
        readable = self.browse(self._search([("id", "in", list(self._ids))]))
        forbidden = self - readable
        if forbidden:
            return forbidden, lambda: self.env["ir.rule"]._make_access_error(
                operation, forbidden
            )
        return None
