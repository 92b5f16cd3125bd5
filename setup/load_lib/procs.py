"""The Odoo processes under load: their memory, read from /proc (Linux),
and whether they answer.

``RssSampler`` reads, once a second, the resident memory of every process
descending from the Odoo servers the load test started (the prefork masters
given by their pid): HTTP workers, the long-polling process and the cron
workers. It keeps the peak of each kind of process and of their total.
``wait_for_server`` waits until a server answers on its health route.
"""

import http.client
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

PROC = Path("/proc")


def parse_status(text):
    """{'Name', 'PPid', 'VmRSS' (kB), 'VmHWM' (kB)} of a /proc/PID/status."""
    values = {}
    for line in text.splitlines():
        key, _sep, value = line.partition(":")
        value = value.strip()
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(value.split()[0]) if value else 0
        elif key == "PPid":
            values[key] = int(value)
        elif key == "Name":
            values[key] = value
    return values


def read_status(pid, proc=PROC):
    try:
        return parse_status((proc / str(pid) / "status").read_text())
    except (OSError, ValueError):
        return None


def read_cmdline(pid, proc=PROC):
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def descendants(roots, proc=PROC):
    """{pid: root} of every living process under ``roots`` (pids)."""
    parents = {}
    try:
        entries = list(proc.iterdir())
    except OSError:
        return {}
    for entry in entries:
        if not entry.name.isdigit():
            continue
        status = read_status(entry.name, proc)
        if status and "PPid" in status:
            parents[int(entry.name)] = status["PPid"]
    found = {}
    for pid in parents:
        seen, current = set(), pid
        while current in parents and current not in seen:
            seen.add(current)
            if current in roots:
                found[pid] = current
                break
            current = parents[current]
    return found


def classify(kind_of_root, pid, root, cmdline):
    """The kind of an Odoo process: 'master', 'http', 'longpolling', 'cron'."""
    if pid == root:
        return "master"
    if "gevent" in cmdline.split():
        return "longpolling"
    return kind_of_root


class RssSampler:
    """Samples the resident memory of the Odoo processes in a thread.

    :param roots: {pid of a prefork master: 'http' or 'cron'}
    """

    def __init__(self, roots, interval=1.0, proc=PROC):
        self.roots = dict(roots)
        self.interval = interval
        self.proc = proc
        self.peak_kb = {}  # kind -> largest resident memory of one process
        self.peak_total_kb = 0
        self._stop = threading.Event()
        self._thread = None

    def sample(self):
        total = 0
        pids = descendants(set(self.roots), self.proc)
        for pid, root in pids.items():
            status = read_status(pid, self.proc)
            if not status:
                continue
            rss = status.get("VmRSS", 0)
            total += rss
            kind = classify(self.roots[root], pid, root, read_cmdline(pid, self.proc))
            self.peak_kb[kind] = max(self.peak_kb.get(kind, 0), rss)
        self.peak_total_kb = max(self.peak_total_kb, total)

    def _run(self):
        while not self._stop.wait(self.interval):
            self.sample()

    def start(self):
        if not self.roots or not self.proc.is_dir():
            return self
        self.sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return self.result()

    def result(self):
        return {
            "peak_rss_mb": {
                kind: round(kb / 1024.0, 1) for kind, kb in sorted(self.peak_kb.items())
            },
            "peak_total_rss_mb": round(self.peak_total_kb / 1024.0, 1),
        }


def alive(pid):
    """True when process ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_for_server(url, timeout, pids):
    """True once GET /web/health answers 200; False if a server died or
    ``timeout`` s passed."""
    parts = urlsplit(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(not alive(pid) for pid in pids):
            return False
        conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=5)
        try:
            conn.request("GET", "/web/health")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(1.0)
    return False
