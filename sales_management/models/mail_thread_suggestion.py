# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import codecs
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _message_parse_extract_payload(
        self, message, message_dict, save_original=False
    ):
        """An email whose text says it is in a charset Python does not know
        ("x-unknown", a typo) makes the gateway fail, so the email is never
        received: its text is read as UTF-8 when it is valid UTF-8, else as
        Windows-1252 (what such emails mostly are), and the email arrives."""
        self._sm_read_unknown_charsets(message)
        return super()._message_parse_extract_payload(
            message, message_dict, save_original=save_original
        )

    @api.model
    def _sm_read_unknown_charsets(self, message):
        for part in message.walk():
            if part.get_content_maintype() != "text":
                continue
            charset = part.get_content_charset()
            if not charset:
                continue
            try:
                codecs.lookup(charset)
            except LookupError:
                payload = part.get_payload(decode=True) or b""
                try:
                    payload.decode("utf-8")
                    known = "utf-8"
                except UnicodeDecodeError:
                    known = "windows-1252"
                _logger.info(
                    "Email %s: unknown charset %r read as %s",
                    message.get("Message-Id"),
                    charset,
                    known,
                )
                part.set_param("charset", known)
