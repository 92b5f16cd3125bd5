"""The check of ``setup/replica``: the app's screens read from a replica.

Odoo 18 sends a request to its read-only cursor, the replica when
``--db_replica_host`` is set, when its route is read only (``/web/action/load``)
or when it calls a model method marked ``@api.readonly`` (``web_search_read``,
``web_read``, ``read_group``, ``get_views`` ... and the app's own drill-downs).
A request that writes there fails and Odoo runs it again on the primary, a
warning in its log. ``screens`` opens every screen of the app's menus over
JSON-RPC as a browser does; ``modes`` reads, from Odoo's request log, on
which cursor each request ran; ``pgstats`` compares the rows that the app's
tables gave on each cluster.
"""
