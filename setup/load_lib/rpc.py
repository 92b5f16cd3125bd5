"""A JSON-RPC session with Odoo, as the web client holds one.

One ``Session`` per simulated user: logged in with
``/web/session/authenticate``, its ``session_id`` cookie sent with every
request, over one HTTP connection kept open while the server keeps it open
(Odoo's prefork workers answer in HTTP/1.0 and close the connection after
each response: ``http.client`` then opens a new one for the next request).

Every request is timed; a failure raises ``RpcError`` whose ``kind`` names it
the way the report counts errors: the Odoo exception class
(``AccessError``, ``ValidationError``, ``SerializationFailure`` ...), the HTTP
status (``HTTP 502``) or the network failure (``Timeout``,
``ConnectionRefusedError`` ...).
"""

import http.client
import itertools
import json
import time
from urllib.parse import urlsplit

# Methods that change nothing: their request may be sent again when a kept-open
# connection turned out to be closed by the server before it read the request.
READ_METHODS = frozenset(
    {
        "web_search_read",
        "web_read",
        "web_read_group",
        "read_progress_bar",
        "get_views",
        "onchange",
        "search_read",
        "search_count",
        "read",
        "get_param",
    }
)


class RpcError(Exception):
    """A request that failed; ``kind`` is what the report counts."""

    def __init__(self, kind, message, sent=True):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        # False when the request surely never reached the server
        self.sent = sent


def error_kind(error):
    """The kind of a JSON-RPC ``error`` object: its Odoo exception class."""
    data = error.get("data") or {}
    name = data.get("name") or error.get("message") or "Error"
    return name.rsplit(".", 1)[-1]


class Session:
    """A logged-in (or not yet) JSON-RPC session on one Odoo database."""

    _ids = itertools.count(1)

    def __init__(self, url, db, timeout=60.0, on_request=None):
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"expected an http:// URL, got {url!r}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.db = db
        self.timeout = timeout
        # on_request(path, seconds, kind or None): called after every request
        self.on_request = on_request
        self.cookie = None
        self.uid = None
        self.login = None
        self.context = {}
        self.company_id = None
        self._conn = None

    # ------------------------------------------------------------------
    # Transport
    # ------------------------------------------------------------------

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self):
        if self._conn is None:
            self._conn = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
        return self._conn

    def _send(self, path, body):
        """POST ``body``; returns (status, decoded JSON or None, reused)."""
        conn = self._connection()
        reused = conn.sock is not None
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Connection": "keep-alive",
        }
        if self.cookie:
            headers["Cookie"] = f"session_id={self.cookie}"
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session_id="):
                self.cookie = value.split(";", 1)[0].split("=", 1)[1]
        if response.will_close:
            self.close()
        try:
            data = json.loads(payload) if payload else None
        except ValueError:
            data = None
        return response.status, data, reused

    def post(self, path, params, retry_read=False):
        """One JSON-RPC call; returns its result or raises ``RpcError``."""
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": next(self._ids),
                "params": params,
            }
        ).encode()
        started = time.perf_counter()
        kind = None
        try:
            for attempt in (1, 2):
                try:
                    status, data, reused = self._send(path, body)
                    break
                except (http.client.RemoteDisconnected, BrokenPipeError):
                    self.close()
                    # a kept-open connection the server had closed: the
                    # request was not read; a read is simply sent again
                    if attempt == 2 or not retry_read:
                        raise
            if status != 200:
                raise RpcError(f"HTTP {status}", f"{path} answered {status}")
            if not isinstance(data, dict):
                raise RpcError("BadResponse", f"{path} answered no JSON-RPC object")
            if data.get("error"):
                error = data["error"]
                message = (error.get("data") or {}).get("message") or error.get(
                    "message", ""
                )
                raise RpcError(error_kind(error), message)
            return data.get("result")
        except RpcError as exc:
            kind = exc.kind
            raise
        except TimeoutError as exc:
            self.close()
            kind = "Timeout"
            raise RpcError(kind, f"{path}: no answer in {self.timeout:.0f} s") from exc
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            kind = type(exc).__name__
            sent = not isinstance(exc, ConnectionRefusedError)
            raise RpcError(kind, f"{path}: {exc}", sent=sent) from exc
        finally:
            if self.on_request is not None:
                self.on_request(path, time.perf_counter() - started, kind)

    # ------------------------------------------------------------------
    # The calls of the web client
    # ------------------------------------------------------------------

    def authenticate(self, login, password):
        info = self.post(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        if not info or not info.get("uid"):
            raise RpcError("AccessDenied", f"login {login} refused")
        self.uid = info["uid"]
        self.login = login
        companies = info.get("user_companies") or {}
        self.company_id = companies.get("current_company") or info.get("company_id")
        context = dict(info.get("user_context") or {})
        if self.company_id:
            context["allowed_company_ids"] = [self.company_id]
        self.context = context
        return info

    def call_kw(self, model, method, args=(), kwargs=None, context=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **(context or {})}
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            retry_read=method in READ_METHODS,
        )

    def call_button(self, model, method, ids, context=None):
        return self.post(
            f"/web/dataset/call_button/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": [list(ids)],
                "kwargs": {"context": {**self.context, **(context or {})}},
            },
        )

    def load_action(self, xmlid, context=None):
        return self.post(
            "/web/action/load",
            {"action_id": xmlid, "context": {**self.context, **(context or {})}},
            retry_read=True,
        )

    def run_action(self, action_id, context=None):
        return self.post(
            "/web/action/run",
            {"action_id": action_id, "context": {**self.context, **(context or {})}},
        )
