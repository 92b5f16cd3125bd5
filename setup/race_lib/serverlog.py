"""What Odoo's server log says about the requests of a race.

Odoo writes one entry per log record (``DATE TIME PID LEVEL DB LOGGER:
MESSAGE``, a traceback on the following lines), and one request line per
request once it is answered (logger ``werkzeug``), with its path and query
string. A worker process serves one request at a time: the entries a pid
wrote since its previous request line belong to the request of its next
one. The race tags its requests (``?race=TAG``), so each entry is found the
request and the side it belongs to:

* Odoo's retries after a concurrency failure (``odoo.service.model``:
  ``serialization_failure, 4 tries left, try again in 0.6 sec...``), and the
  ``bad query`` error ``odoo.sql_db`` logs for the statement that failed;
* any other error or critical entry: unexpected.

A traceback written after an entry that has none is output of another
process (``STDERR``): it is kept apart, and not counted as Odoo's error.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

ENTRY_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (?P<pid>\d+) (?P<level>[A-Z]+) "
    r"(?P<db>\S+) (?P<logger>[\w.]+): (?P<message>.*)$"
)
REQUEST_RE = re.compile(r'"[A-Z]+ (?P<path>[^ ?"]+)(?:\?(?P<query>[^ "]*))? HTTP/')
TAG_RE = re.compile(r"(?:^|&)race=(?P<tag>[\w.-]+)")
RETRY_RE = re.compile(r"^(?P<code>[A-Za-z_]+), (?P<left>\d+) tries left, try again in")
GAVE_UP_RE = re.compile(r"^(?P<code>[A-Za-z_]+), maximum number of tries reached")
# what PostgreSQL says of a concurrency failure Odoo retries
CONCURRENCY_ERRORS = (
    "could not serialize access",
    "deadlock detected",
    "could not obtain lock",
)
ERROR_LEVELS = ("ERROR", "CRITICAL")
# Output of another process on the same stderr (e.g. the long-polling
# process failing to start): a traceback after an entry that has none
STRAY = "STDERR"
TRACEBACK = "Traceback (most recent call last):"


@dataclass
class Entry:
    pid: int
    level: str
    logger: str
    message: str
    lines: list = field(default_factory=list)  # the following lines

    def text(self):
        return "\n".join([self.message, *self.lines])


@dataclass
class Request:
    """The entries of one request, in the order they were written."""

    path: str
    tag: str | None
    entries: list = field(default_factory=list)

    def retries(self):
        """The concurrency failures Odoo retried: their PostgreSQL code names."""
        return [
            match["code"].lower()
            for entry in self.entries
            if entry.logger == "odoo.service.model"
            and (match := RETRY_RE.match(entry.message))
        ]

    def unexpected_errors(self):
        """Error entries other than the failed statement of a retried failure."""
        retried = len(self.retries())
        problems = []
        for entry in self.entries:
            if entry.level not in ERROR_LEVELS:
                if entry.logger == "odoo.service.model" and GAVE_UP_RE.match(
                    entry.message
                ):
                    problems.append(entry.text())
                continue
            is_concurrency = entry.logger == "odoo.sql_db" and any(
                words in entry.text() for words in CONCURRENCY_ERRORS
            )
            if is_concurrency and retried:
                retried -= 1
                continue
            problems.append(entry.text())
        return problems


def read_entries(text):
    """The entries of a piece of log, with their continuation lines."""
    entries = []
    for line in text.splitlines():
        match = ENTRY_RE.match(line)
        if match:
            entries.append(
                Entry(
                    int(match["pid"]),
                    match["level"],
                    match["logger"],
                    match["message"],
                )
            )
        elif (
            line.startswith(TRACEBACK)
            and entries
            and entries[-1].level not in (*ERROR_LEVELS, "WARNING")
        ) or (not entries and line.strip()):
            entries.append(Entry(0, STRAY, "", line))
        elif entries:
            entries[-1].lines.append(line)
    return entries


def split_requests(entries):
    """``(requests, leftovers)``: the requests answered in the log, each with
    the entries its worker wrote for it, and the entries of no request line
    (a worker that never answered, the master's own)."""
    pending = defaultdict(list)
    requests = []
    for entry in entries:
        if entry.logger == "werkzeug":
            match = REQUEST_RE.search(entry.message)
            if match:
                tag = TAG_RE.search(match["query"] or "")
                requests.append(
                    Request(
                        match["path"],
                        tag["tag"] if tag else None,
                        pending.pop(entry.pid, []),
                    )
                )
                continue
        pending[entry.pid].append(entry)
    leftovers = [entry for entries_ in pending.values() for entry in entries_]
    return requests, leftovers


class LogReader:
    """Reads what a growing server log gained since the last call."""

    def __init__(self, path):
        self.path = path
        self.position = 0
        try:
            with open(path, "rb") as handle:
                handle.seek(0, 2)
                self.position = handle.tell()
        except OSError:
            self.position = 0

    def read(self):
        """``(requests, leftovers)`` of the entries written since last time."""
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.position)
                data = handle.read()
        except OSError:
            return [], []
        # an entry being written: keep its start for the next call
        cut = data.rfind(b"\n") + 1
        self.position += cut
        return split_requests(read_entries(data[:cut].decode(errors="replace")))


def by_tag(requests):
    """``{tag: [Request]}`` of the tagged requests."""
    tagged = defaultdict(list)
    for request in requests:
        if request.tag:
            tagged[request.tag].append(request)
    return tagged
