"""Races: users of the sales_management addons clicking at the same moment.

Run it with ``setup/race``; plain Python (the standard library only, and the
JSON-RPC session of ``load_lib``), run with any Python 3.10+:

* ``race``: the sides of a race, each a user's session, released together
  by a barrier; what each side saw;
* ``serverlog``: which request Odoo retried after a concurrency failure,
  and any other error it logged;
* ``world``: the users and records the races work on;
* ``scenario``: rounds and checks, common to every race;
* ``closing``, ``forecast``, ``scoring``: the races themselves, and ``crm``
  what a salesperson does to an opportunity;
* ``report``: the verdict; ``__main__``: the command line.
"""
