# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""JSON-RPC calls of the hostile tests, as a web client or a script makes
them: ``/web/dataset/call_kw`` with a logged-in session."""

import json

CLEAR_ERRORS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}


class JsonRpcCalls:
    """For ``HttpCase`` tests whose users log in with their login as password."""

    def call(self, login, model, method, args, kwargs=None):
        """The JSON-RPC error name of the call, or None when it succeeded."""
        self.authenticate(login, login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        # json.dumps writes NaN and Infinity as JSON-RPC clients of Python do
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        if "error" not in body:
            return None
        return body["error"]["data"]["name"]

    def assert_refused(self, login, model, method, args, kwargs=None, errors=None):
        error = self.call(login, model, method, args, kwargs)
        self.assertIn(error, errors or CLEAR_ERRORS, f"{login}: {model}.{method}{args}")
