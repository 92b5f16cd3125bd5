"""Rows the app's tables gave on each cluster (PostgreSQL's statistics).

``pg_stat_user_tables`` counts, on a primary as on a standby, the rows that
the queries of that server read (``seq_tup_read`` + ``idx_tup_fetch``). A
server publishes its counts when its connection has been idle about a second,
at most ten seconds late: ``settle`` waits for that before a snapshot.
"""

import time

import psycopg2

SETTLE_SECONDS = 11.0
APP_TABLES = ("sales_", "crm_lead", "sale_order", "hr_applicant", "hr_job")


class Cluster:
    def __init__(self, name, db, host=None, port=None):
        self.name = name
        params = {"dbname": db}
        if host:
            params["host"] = host
        if port:
            params["port"] = port
        self.conn = psycopg2.connect(**params)
        self.conn.autocommit = True

    def snapshot(self):
        """``{table: rows read}`` of the app's tables."""
        with self.conn.cursor() as cr:
            cr.execute(
                """
                SELECT relname,
                       coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
                  FROM pg_stat_user_tables
                """
            )
            return {
                name: rows
                for name, rows in cr.fetchall()
                if name.startswith(APP_TABLES)
            }

    def close(self):
        self.conn.close()


def settle():
    time.sleep(SETTLE_SECONDS)


def delta(before, after):
    """``{table: rows}`` read between two snapshots (tables with rows)."""
    return {
        name: rows - before.get(name, 0)
        for name, rows in after.items()
        if rows - before.get(name, 0) > 0
    }
