"""Bulk loading helpers of the benchmark generator, in SQL.

``_insert`` runs one ``INSERT ... SELECT`` after checking that it fills every
NOT NULL column; during a bulk load the plain indexes are dropped and rebuilt
after (``_indexes_dropped``) and the foreign keys are checked once, set-based,
instead of row by row (``_foreign_keys_checked_at_end``);
``_load_reference_tables`` gives the bulk inserts the reference data as
temporary tables to join; ``_copy_rows`` copies rows the ORM wrote, with
some columns changed.
"""

from contextlib import contextmanager

from odoo.tools import SQL


def _say(log, message, *args):
    log(message % args if args else message)


def _check_not_null(cr, table, columns):
    """Fail clearly when a NOT NULL column (a new required field) is not filled."""
    cr.execute(
        SQL(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = %s
               AND is_nullable = 'NO' AND column_default IS NULL""",
            table,
        )
    )
    missing = sorted({row[0] for row in cr.fetchall()} - set(columns))
    if missing:
        raise RuntimeError(
            f"The generator does not fill the required column(s) "
            f"{', '.join(missing)} of {table}: add them to "
            "setup/bench_lib/documents.py or leads.py."
        )


def _insert(cr, table, columns, select, **params):
    """INSERT INTO table (columns) <select>; returns the number of rows."""
    columns = columns.split()
    _check_not_null(cr, table, columns)
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(select, **params),
        )
    )
    return cr.rowcount


def _table_columns(cr, table):
    """The columns of ``table``, in their order."""
    cr.execute(
        SQL(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = %s
          ORDER BY ordinal_position""",
            table,
        )
    )
    return [row[0] for row in cr.fetchall()]


def _copy_rows(cr, table, source, overrides):
    """Insert copies of rows of ``table``: ``source`` is the SQL of a FROM
    clause in which ``t`` is the row copied; each column takes the value of
    ``t`` but those of ``overrides`` ({column: SQL}). Every column a row of
    the ORM has (NOT NULL ones, stored computed ones) is filled as the ORM
    filled the original. Returns the number of rows inserted."""
    columns = _table_columns(cr, table)
    unknown = sorted(set(overrides) - set(columns))
    if unknown:
        raise RuntimeError(f"{table} has no column {', '.join(unknown)}.")
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(
                overrides.get(column, SQL.identifier("t", column)) for column in columns
            ),
            source,
        )
    )
    return cr.rowcount


@contextmanager
def _indexes_dropped(cr, tables):
    """Drop the plain indexes of ``tables`` during a bulk load, then rebuild them.

    Indexes backing a constraint (primary keys, unique constraints) stay.
    """
    cr.execute(
        SQL(
            """
            SELECT ic.relname, pg_get_indexdef(i.indexrelid)
              FROM pg_index i
              JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE t.relname = ANY(%s)
               AND t.relnamespace = current_schema()::regnamespace
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                WHERE c.conindid = i.indexrelid)""",
            list(tables),
        )
    )
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
    yield
    cr.execute("SET LOCAL maintenance_work_mem = '1GB'")
    for _name, definition in indexes:
        # pg_get_indexdef() returns a complete, quoted CREATE INDEX statement.
        cr.execute(definition)


def _check_foreign_keys(cr, tables):
    """Every foreign key of ``tables`` points to a row (one anti-join each)."""
    cr.execute(
        SQL(
            """
            SELECT c.conname, t.relname, a.attname, r.relname, ra.attname
              FROM pg_constraint c
              JOIN pg_class t ON t.oid = c.conrelid
              JOIN pg_class r ON r.oid = c.confrelid
              JOIN pg_attribute a
                ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
              JOIN pg_attribute ra
                ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
             WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
               AND t.relname = ANY(%s)
               AND t.relnamespace = current_schema()::regnamespace
          ORDER BY t.relname, c.conname""",
            list(tables),
        )
    )
    for name, table, column, ref_table, ref_column in cr.fetchall():
        cr.execute(
            SQL(
                """
                SELECT COUNT(*) FROM %(table)s c
                 WHERE c.%(column)s IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM %(ref_table)s p
                                    WHERE p.%(ref_column)s = c.%(column)s)""",
                table=SQL.identifier(table),
                column=SQL.identifier(column),
                ref_table=SQL.identifier(ref_table),
                ref_column=SQL.identifier(ref_column),
            )
        )
        broken = cr.fetchone()[0]
        if broken:
            raise RuntimeError(
                f"{broken} rows of {table}.{column} point to no {ref_table} row "
                f"({name}): the generator is wrong."
            )


@contextmanager
def _foreign_keys_checked_at_end(cr, tables, log):
    """Check the foreign keys of ``tables`` once after a bulk load, not per row.

    PostgreSQL checks foreign keys with one trigger call per inserted row,
    which takes most of the loading time; as a superuser we switch these
    triggers off during the load (``session_replication_role``) and verify
    every foreign key with one set-based query instead.
    """
    cr.execute("SELECT current_setting('is_superuser') = 'on'")
    if not cr.fetchone()[0]:
        _say(log, "  (not a PostgreSQL superuser: foreign keys checked row by row)")
        yield
        return
    cr.execute("SET LOCAL session_replication_role = replica")
    yield
    cr.execute("SET LOCAL session_replication_role = origin")
    _check_foreign_keys(cr, tables)


def _advance_id_sequence(cr, table):
    cr.execute(
        SQL(
            """
            SELECT setval(pg_get_serial_sequence(%s, 'id'),
                          GREATEST((SELECT MAX(id) FROM %s), 1))""",
            table,
            SQL.identifier(table),
        )
    )


def _max_id(cr, table):
    cr.execute(SQL("SELECT COALESCE(MAX(id), 0) FROM %s", SQL.identifier(table)))
    return cr.fetchone()[0]


def _zero_pad(number_sql, width):
    """SQL text of a number padded with zeros to ``width`` digits (not cut)."""
    return SQL(
        "lpad((%s)::text, GREATEST(%s, length((%s)::text)), '0')",
        number_sql,
        width,
        number_sql,
    )


def _load_reference_tables(cr, ctx):
    """The reference data as temporary tables that the bulk inserts join."""
    cr.execute(
        """
        CREATE TEMP TABLE bench_rep (
            ri int PRIMARY KEY, user_id int, team_id int) ON COMMIT DROP;
        CREATE TEMP TABLE bench_customer (
            ci int PRIMARY KEY, partner_id int, name text) ON COMMIT DROP;
        CREATE TEMP TABLE bench_product (
            pi int PRIMARY KEY, product_id int, name text, list_price numeric,
            cost numeric, uom_id int) ON COMMIT DROP;
        CREATE TEMP TABLE bench_rate (
            month date PRIMARY KEY, rate numeric) ON COMMIT DROP;"""
    )
    cr.execute(
        SQL(
            """
            INSERT INTO bench_rep
            SELECT * FROM unnest(%s::int[], %s::int[], %s::int[])""",
            list(range(1, len(ctx["user_ids"]) + 1)),
            ctx["user_ids"],
            ctx["team_ids"],
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO bench_customer
            SELECT * FROM unnest(%s::int[], %s::int[], %s::text[])""",
            list(range(1, len(ctx["partner_ids"]) + 1)),
            ctx["partner_ids"],
            ctx["partner_names"],
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO bench_product
            SELECT * FROM unnest(%s::int[], %s::int[], %s::text[],
                                 %s::numeric[], %s::numeric[], %s::int[])""",
            list(range(1, len(ctx["product_ids"]) + 1)),
            ctx["product_ids"],
            ctx["product_names"],
            ctx["list_prices"],
            ctx["costs"],
            ctx["uom_ids"],
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO bench_rate
            SELECT * FROM unnest(%s::date[], %s::numeric[])""",
            ctx["months"],
            ctx["rates"],
        )
    )
    cr.execute("ANALYZE bench_rep, bench_customer, bench_product, bench_rate")
