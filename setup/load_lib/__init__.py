"""Load test of the sales_management addons over JSON-RPC.

Run it with ``setup/load``; plain Python (the standard library only), run with
any Python 3.10+ (``setup/load`` uses Odoo's):

* ``rpc``: a JSON-RPC session as the web client holds one;
* ``world``: what the simulated users work on, prepared as administrator;
* ``specs``: the specification of a view, as the web client reads records;
* ``mix``: the roles and their weighted mixes of actions;
* ``scenario``: the actions (screens, writes, errors provoked on purpose);
* ``jobs``: the scheduled jobs triggered during the load and how they ran;
* ``ledger`` and ``checks``: every write accounted for, exactly once;
* ``stats``, ``procs`` and ``report``: latencies, memory, the verdict;
* ``driver``: one level; ``__main__``: the command line.
"""
