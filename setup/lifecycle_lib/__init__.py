"""Upgrade check of the addons (``setup/upgrade``): run with the Python of Odoo
as ``python -m lifecycle_lib COMMAND -c CONF -d DB --addons A,B,C``.

Commands: ``prepare`` (run the scheduled jobs of the installed version once and
close a target plan), ``record`` (write the rows of the addons' tables and the
addons' columns on Odoo's tables to a JSON file), ``compare`` (every row and
value recorded before the upgrade is there after it) and ``check`` (every model
of the addons reads through the ORM as the admin and the demo salesperson; the
frozen figures of closed plans read as before).
"""
