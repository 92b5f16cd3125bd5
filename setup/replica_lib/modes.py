"""On which cursor each request ran, from Odoo's request log.

With a replica configured, Odoo ends each request's log line with its
cursor mode: ``ro`` (the replica), ``rw`` (the primary) or ``ro->rw`` (begun
on the replica, which refused a write: run again on the primary). The check
tags each of its requests with a query string (``?sm_request=N``) to find
its line.
"""

import re

LINE = re.compile(
    r'"(?:GET|POST) (?P<path>\S+) HTTP/[0-9.]+" (?P<status>\d+) \S+'
    r" (?P<queries>\d+|-) (?P<query_time>[0-9.]+|-) (?P<other_time>[0-9.]+|-)"
    r" (?P<mode>ro->rw|ro|rw|-)"
)
TAG = re.compile(r"[?&]sm_request=(\d+)")
READ_ONLY_RETRY = "retrying with a read/write cursor"


def request_modes(text):
    """``{request number: (mode, status, queries)}`` of the log ``text``."""
    modes = {}
    for line in text.splitlines():
        match = LINE.search(line)
        if not match:
            continue
        tag = TAG.search(match["path"])
        if not tag:
            continue
        queries = match["queries"]
        modes[int(tag[1])] = (
            match["mode"],
            int(match["status"]),
            int(queries) if queries.isdigit() else None,
        )
    return modes


def read_only_retries(text):
    """The log's warnings of a read-only request that wrote (first lines)."""
    return [line for line in text.splitlines() if READ_ONLY_RETRY in line]
