"""Killed jobs: each scheduled job killed in the middle of a batch, then resumed.

Run it with ``setup/faults`` (Odoo's Python):

* ``specs``: what each job writes, its duplicates and how it is gated;
* ``prepare``: the work each job is given on its copy (in the Odoo process);
* ``driver``: the Odoo process that runs one job as a cron worker does;
* ``kill``: the kill in the middle of a batch, and the check of the rollback;
* ``run``: one job, its copies, its runs and the checks; ``check``: the
  comparisons; ``pg``: the copies and connections; ``report``: the table;
* ``__main__``: the command line.
"""
