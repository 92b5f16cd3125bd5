"""Benchmark of the sales_management addons on a large generated database.

Run it with ``setup/bench``; the modules here are plain Python run with Odoo's
Python (they import odoo) and are not part of the tests:

* ``generate`` fills a database (where the three addons are installed) with
  salespeople, teams, customers, products, confirmed orders, invoices and
  opportunities at a chosen scale, then creates an active monthly target plan;
  its parts: ``reference`` (the reference data, with the ORM; the customers
  copied in SQL), ``bulk`` (the
  bulk loading helpers), ``documents`` (orders and invoices, in SQL) and
  ``leads`` (the opportunities);
* ``bench`` times the live attainment and the screens that show it;
* ``scoring`` measures the predictive lead scoring against Odoo's (its parts:
  ``scoring_training``, the timed runs, ``scoring_day``, the day of work
  before them, and ``scoring_odoo``, the comparison with Odoo's naive Bayes);
  ``scorecards`` and ``forecast`` measure the scorecards and the forecasts;
  ``recruiting`` the candidate comparison and the hiring analytics, on hiring
  data that ``recruiting_data`` generates on its first run (the stage
  history and the scorecards in SQL: ``recruiting_sql``); ``customers`` the
  customer cadence, the follow-up rules, the recommendation mining, the
  suggested products and the customer 360 (``customers_screens``) and the
  extraction of emails (``customers_emails``), with the rules and sent
  quotations that ``customers_data`` generates on its first run;
* ``__main__`` is the command line that ``setup/bench`` calls.
"""
