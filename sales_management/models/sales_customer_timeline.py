# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's timeline: one SQL view of everything that happened with a
customer (its commercial entity), newest first.

=============  =============================================  ================
kind           rows                                            date
=============  =============================================  ================
quotation      quotations (draft or sent)                      order date
order          confirmed orders (the *confirmed* sales figure) order date
invoice        posted customer invoices (*invoiced* figure)    invoice date
credit_note    posted credit notes (*invoiced* figure)         invoice date
won, lost      opportunities won and lost (the *won* and       closing date
               *lost* figures)
activity       planned activities                              due date
activity_done  activities marked done (their chatter message)  done on
message        notes and emails (chatter messages)             sent on
=============  =============================================  ================

Activities and messages are those of the customer, of its opportunities and
of its orders; each row opens its document (an activity or a message opens
the record it is on). A row's id is its source record's id times 8 plus the
code of its kind (``CODES``): a row is found again from its id through the
primary key of its source table.

Who sees a row: see ``sales.document.rows`` (the document's own rights).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

KINDS = [
    ("quotation", "Quotation"),
    ("order", "Sales Order"),
    ("invoice", "Invoice"),
    ("credit_note", "Credit Note"),
    ("won", "Won"),
    ("lost", "Lost"),
    ("activity", "Planned Activity"),
    ("activity_done", "Activity Done"),
    ("message", "Message"),
]
# the code of each source in the rows' ids, and the table read by id
CODES = {
    0: "sale.order",  # quotations
    1: "sale.order",  # confirmed orders
    2: "account.move",  # invoices
    3: "account.move",  # credit notes
    4: "crm.lead",  # won
    5: "crm.lead",  # lost
    6: "mail.activity",
    7: "mail.message",  # done activities and messages
}
CODE_COUNT = 8
# the documents whose activities and messages are on the timeline, and how a
# document leads to its customer
DOCUMENTS = {
    "res.partner": None,
    "crm.lead": "partner_id",
    "sale.order": "partner_id",
}
MESSAGE_TYPES = ("comment", "email")


class SalesCustomerTimeline(models.Model):
    _name = "sales.customer.timeline"
    _inherit = ["sales.document.rows"]
    _description = "Customer Timeline"
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "sale.order": [
            "state",
            "date_order",
            "name",
            "amount_total",
            "currency_id",
            "user_id",
            "partner_id",
            "company_id",
        ],
        "account.move": [
            "move_type",
            "state",
            "invoice_date",
            "name",
            "amount_total_in_currency_signed",
            "currency_id",
            "invoice_user_id",
            "partner_id",
            "company_id",
        ],
        "crm.lead": [
            "type",
            "active",
            "stage_id",
            "probability",
            "date_closed",
            "name",
            "expected_revenue",
            "user_id",
            "partner_id",
            "company_id",
        ],
        "crm.stage": ["is_won"],
        "mail.activity": [
            "date_deadline",
            "summary",
            "user_id",
            "activity_type_id",
            "res_model",
            "res_id",
        ],
        "mail.message": [
            "mail_activity_type_id",
            "message_type",
            "date",
            "subject",
            "body",
            "author_id",
            "model",
            "res_id",
        ],
        "res.partner": ["commercial_partner_id", "company_id"],
    }

    kind = fields.Selection(KINDS, readonly=True, help="What happened.")
    date = fields.Datetime(
        readonly=True,
        help="Order date, invoice date, closing date, due date of a planned "
        "activity, or when the activity was done or the message sent.",
    )
    name = fields.Char(
        "Description",
        readonly=True,
        help="Reference of the document, summary of the activity, subject "
        "or beginning of the message.",
    )
    amount = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Total of the order or invoice (negative for a credit note), "
        "expected revenue of the opportunity.",
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        help="Salesperson of the document, or the user the activity is assigned to.",
    )
    author_id = fields.Many2one(
        "res.partner", readonly=True, help="Author of the message."
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type", readonly=True, help="Type of the activity."
    )
    res_model = fields.Char(
        "Document Model", readonly=True, help="Model of the record the row opens."
    )
    res_id = fields.Many2oneReference(
        "Document", model_field="res_model", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        readonly=True,
        help="The customer (commercial entity) of the document.",
    )
    company_id = fields.Many2one("res.company", readonly=True)

    # ------------------------------------------------------------------
    # The view
    # ------------------------------------------------------------------

    @property
    def _table_query(self):
        return SQL(" UNION ALL ").join(
            [
                self._orders_sql(),
                self._invoices_sql(),
                self._leads_sql(),
                *self._activities_sql(),
                *self._messages_sql(),
            ]
        )

    def _row(self, **columns):
        """The SELECT list of one part of the view, in the view's column
        order (NULL for the columns not given)."""
        names = (
            "code",
            "source_id",
            "kind",
            "date",
            "name",
            "amount",
            "currency_id",
            "user_id",
            "author_id",
            "activity_type_id",
            "res_model",
            "res_id",
            "partner_id",
            "company_id",
        )
        nulls = {
            "date": SQL("NULL::timestamp"),
            "name": SQL("NULL::varchar"),
            "amount": SQL("NULL::numeric"),
            "res_model": SQL("NULL::varchar"),
        }
        values = [
            SQL(
                "%s::bigint * %s + %s AS id",
                columns["source_id"],
                CODE_COUNT,
                columns["code"],
            )
        ]
        for name in names:
            value = columns.get(name, nulls.get(name, SQL("NULL::integer")))
            values.append(SQL("%s AS %s", value, SQL.identifier(name)))
        return SQL(", ").join(values)

    def _orders_sql(self):
        confirmed = self.env["sales.figure"]._figure_condition("confirmed", "so")
        parts = []
        for code, kind, condition in (
            (0, "quotation", SQL("so.state IN ('draft', 'sent')")),
            (1, "order", confirmed),
        ):
            parts.append(
                SQL(
                    """SELECT %s FROM sale_order so
                         JOIN res_partner rp ON rp.id = so.partner_id
                        WHERE %s""",
                    self._row(
                        code=SQL("%s", code),
                        source_id=SQL("so.id"),
                        kind=SQL("%s::varchar", kind),
                        date=SQL("so.date_order"),
                        name=SQL("so.name"),
                        amount=SQL("so.amount_total"),
                        currency_id=SQL("so.currency_id"),
                        user_id=SQL("so.user_id"),
                        res_model=SQL("'sale.order'::varchar"),
                        res_id=SQL("so.id"),
                        partner_id=SQL("rp.commercial_partner_id"),
                        company_id=SQL("so.company_id"),
                    ),
                    condition,
                )
            )
        return SQL(" UNION ALL ").join(parts)

    def _invoices_sql(self):
        return SQL(
            """SELECT %s FROM account_move am
                 JOIN res_partner rp ON rp.id = am.partner_id
                WHERE %s""",
            self._row(
                code=SQL("CASE WHEN am.move_type = 'out_refund' THEN 3 ELSE 2 END"),
                source_id=SQL("am.id"),
                kind=SQL(
                    "CASE WHEN am.move_type = 'out_refund' "
                    "THEN 'credit_note' ELSE 'invoice' END::varchar"
                ),
                date=SQL("am.invoice_date::timestamp"),
                name=SQL("am.name"),
                amount=SQL("am.amount_total_in_currency_signed"),
                currency_id=SQL("am.currency_id"),
                user_id=SQL("am.invoice_user_id"),
                res_model=SQL("'account.move'::varchar"),
                res_id=SQL("am.id"),
                partner_id=SQL("rp.commercial_partner_id"),
                company_id=SQL("am.company_id"),
            ),
            self.env["sales.figure"]._figure_condition("invoiced", "am"),
        )

    def _leads_sql(self):
        Figure = self.env["sales.figure"]
        parts = []
        for code, kind in ((4, "won"), (5, "lost")):
            parts.append(
                SQL(
                    """SELECT %s FROM crm_lead l
                         JOIN res_partner rp ON rp.id = l.partner_id
                         LEFT JOIN res_company c ON c.id = l.company_id
                        WHERE %s""",
                    self._row(
                        code=SQL("%s", code),
                        source_id=SQL("l.id"),
                        kind=SQL("%s::varchar", kind),
                        date=SQL("COALESCE(l.date_closed, l.write_date)"),
                        name=SQL("l.name"),
                        amount=SQL("l.expected_revenue::numeric"),
                        currency_id=SQL("c.currency_id"),
                        user_id=SQL("l.user_id"),
                        res_model=SQL("'crm.lead'::varchar"),
                        res_id=SQL("l.id"),
                        partner_id=SQL("rp.commercial_partner_id"),
                        company_id=SQL("l.company_id"),
                    ),
                    Figure._figure_condition(kind, "l"),
                )
            )
        return SQL(" UNION ALL ").join(parts)

    def _document_joins(self, model_column, id_column):
        """``[(model, FROM joins from the activity or message to the
        customer, company of the document)]``, one per kind of document."""
        result = []
        for model_name, partner_field in DOCUMENTS.items():
            table = SQL.identifier(self.env[model_name]._table)
            if partner_field is None:
                join = SQL(
                    "JOIN res_partner rp ON %s = %s AND rp.id = %s",
                    model_column,
                    model_name,
                    id_column,
                )
                company = SQL("rp.company_id")
            else:
                join = SQL(
                    """JOIN %(table)s doc ON %(model_column)s = %(model)s
                                        AND doc.id = %(id_column)s
                       JOIN res_partner rp ON rp.id = doc.%(field)s""",
                    table=table,
                    model_column=model_column,
                    model=model_name,
                    id_column=id_column,
                    field=SQL.identifier(partner_field),
                )
                company = SQL("doc.company_id")
            result.append((model_name, join, company))
        return result

    def _activities_sql(self):
        return [
            SQL(
                "SELECT %s FROM mail_activity a %s",
                self._row(
                    code=SQL("6"),
                    source_id=SQL("a.id"),
                    kind=SQL("'activity'::varchar"),
                    date=SQL("a.date_deadline::timestamp"),
                    name=SQL("a.summary"),
                    user_id=SQL("a.user_id"),
                    activity_type_id=SQL("a.activity_type_id"),
                    res_model=SQL("a.res_model"),
                    res_id=SQL("a.res_id"),
                    partner_id=SQL("rp.commercial_partner_id"),
                    company_id=company,
                ),
                join,
            )
            for _model, join, company in self._document_joins(
                SQL("a.res_model"), SQL("a.res_id")
            )
        ]

    def _messages_sql(self):
        return [
            SQL(
                """SELECT %s FROM mail_message m %s
                    WHERE (m.mail_activity_type_id IS NOT NULL
                           OR m.message_type IN %s)""",
                self._row(
                    code=SQL("7"),
                    source_id=SQL("m.id"),
                    kind=SQL(
                        "CASE WHEN m.mail_activity_type_id IS NOT NULL "
                        "THEN 'activity_done' ELSE 'message' END::varchar"
                    ),
                    date=SQL("m.date"),
                    name=SQL(
                        """COALESCE(NULLIF(m.subject, ''), LEFT(TRIM(
                               REGEXP_REPLACE(m.body, '<[^>]*>', ' ', 'g')), 160))"""
                    ),
                    author_id=SQL("m.author_id"),
                    activity_type_id=SQL("m.mail_activity_type_id"),
                    res_model=SQL("m.model"),
                    res_id=SQL("m.res_id"),
                    partner_id=SQL("rp.commercial_partner_id"),
                    company_id=company,
                ),
                join,
                MESSAGE_TYPES,
            )
            for _model, join, company in self._document_joins(
                SQL("m.model"), SQL("m.res_id")
            )
        ]

    # ------------------------------------------------------------------
    # Access: the rights on the documents
    # ------------------------------------------------------------------

    @api.model
    def _sm_row_documents(self, alias):
        def column(name):
            return SQL.identifier(alias, name)

        # an activity assigned to the user is theirs to see (as Odoo's)
        own_activity = SQL(
            "(%s = 6 AND %s = %s)", column("code"), column("user_id"), self.env.uid
        )
        return [
            (
                model_name,
                SQL("%s = %s", column("res_model"), model_name),
                column("res_id"),
                own_activity if model_name in DOCUMENTS else None,
            )
            for model_name in ("sale.order", "account.move", "crm.lead", "res.partner")
        ]

    @api.model
    def _sm_id_condition(self, alias, ids):
        by_code = {}
        for row_id in ids:
            source, code = divmod(row_id, CODE_COUNT)
            by_code.setdefault(code, []).append(source)
        return SQL(
            "(%s)",
            SQL(" OR ").join(
                SQL(
                    "(%s = %s AND %s IN %s)",
                    SQL.identifier(alias, "code"),
                    code,
                    SQL.identifier(alias, "source_id"),
                    tuple(sources),
                )
                for code, sources in sorted(by_code.items())
            ),
        )

    # ------------------------------------------------------------------
    # Opening a row's record
    # ------------------------------------------------------------------

    def _sm_document(self):
        """``(model, id)`` of the record the row opens, read from the row's
        id (the row may be gone from the view: an activity done since)."""
        source, code = divmod(self._sm_ensure_row(), CODE_COUNT)
        model_name = CODES.get(code)
        if model_name is None or source <= 0:
            return None, None
        if model_name == "mail.activity":
            activity = self.env["mail.activity"].sudo().browse(source).exists()
            return (activity.res_model, activity.res_id) if activity else (None, None)
        if model_name == "mail.message":
            message = self.env["mail.message"].sudo().browse(source).exists()
            return (message.model, message.res_id) if message else (None, None)
        return model_name, source

    @api.readonly
    def action_open_record(self):
        """Open the order, invoice, opportunity or customer of the row, with
        the user's own rights on it."""
        self._sm_ensure_row()
        if not self.sudo().search([("id", "=", self.id)]):
            raise UserError(
                self.env._(
                    "This line is no longer on the timeline (an activity done "
                    "or a document changed since): reload the timeline."
                )
            )
        self.check_access("read")
        model_name, res_id = self._sm_document()
        record = (
            self.env[model_name].browse(res_id).exists()
            if model_name in self.env and res_id
            else None
        )
        if not record:
            raise UserError(
                self.env._(
                    "This record no longer exists (an activity done or a "
                    "document deleted since): reload the timeline."
                )
            )
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
            "target": "current",
        }
