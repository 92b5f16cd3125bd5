"""The timed runs of the lead scoring benchmark: Odoo's and ours.

Odoo's full PLS recompute (``_odoo_recompute``), our nightly training as its
scheduled job runs it (``_nightly``), two of its parts measured alone
(``_parts_of_ours``: reading the features, storing the rows) and the
rescoring of one changed lead (``_rescore_one``). Each run is its own
transaction.
"""

import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from .bench import Figure, _user_env
from .leads import configure_pls
from .scoring_day import _a_day_of_work, _describe_day

CRON_XMLID = "sales_management.ir_cron_train_scoring_models"
RESCORE_MAX_MS = 50.0


def _configure_pls(env, start):
    """Odoo's predictive scoring on every field it offers; the field names."""
    configure_pls(env, start)
    return env["crm.lead"]._pls_get_safe_fields()


def _company_model(env):
    """The company's model, one for every lead as Odoo's recompute is one
    table: no team models (``team_min_closed`` 0), so that the nightly job
    trains this one."""
    Model = env["sales.scoring.model"]
    model = Model.search(
        [("company_id", "=", env.company.id), ("team_id", "=", False)], limit=1
    )
    if not model:
        return Model.create({"company_id": env.company.id, "team_min_closed": 0})
    if model.team_min_closed:
        model.team_min_closed = 0
    return model


def _odoo_recompute(registry, start, commits):
    """Odoo's full PLS recompute; (milliseconds, configured fields)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        names = _configure_pls(env, start)
        cr.commit()
        thread = threading.current_thread()
        testing = getattr(thread, "testing", False)
        # Odoo commits after each batch of updates unless it runs in a test
        thread.testing = not commits
        try:
            started = time.perf_counter()
            env["crm.lead"]._cron_update_automated_probabilities()
            elapsed = (time.perf_counter() - started) * 1000.0
        finally:
            thread.testing = testing
        if commits:
            cr.commit()
        else:
            cr.rollback()
    return elapsed, names


def _nightly(registry, start, commit=False, day=None, stored=True):
    """The nightly training as its scheduled job runs it, in one transaction.

    Returns ``(milliseconds, leads read, leads the day changed)``. Rolled
    back unless ``commit`` (the commit is not timed). ``day``: a dict that
    receives the changes of a day of work applied first (untimed);
    ``stored``: whether the features kept with the model are used. The
    model is found trained the night before, so that the job trains it.
    """
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        _configure_pls(env, start)
        model = _company_model(env)
        changed = set()
        if day is not None:
            counts, changed = _a_day_of_work(env)
            day.update(counts)
        if not stored:
            cr.execute(
                SQL(
                    "UPDATE sales_scoring_model SET feature_store = NULL WHERE id = %s",
                    model.id,
                )
            )
        env.flush_all()
        cr.execute(
            SQL(
                """UPDATE sales_scoring_model
                      SET trained_date = trained_date - interval '1 day'
                    WHERE id = %s""",
                model.id,
            )
        )
        cr.execute("SELECT now() at time zone 'UTC'")
        now = cr.fetchone()[0]
        env.invalidate_all()
        cron = env.ref(CRON_XMLID)
        started = time.perf_counter()
        cron.method_direct_trigger()
        env.flush_all()
        elapsed = (time.perf_counter() - started) * 1000.0
        model.invalidate_recordset()
        if model.state != "trained" or model.trained_date < now.replace(microsecond=0):
            raise RuntimeError(
                f"The nightly job did not train the model {model.name}: "
                f"{model.state}, {model.message or 'no message'}."
            )
        read = model.n_features_read
        if commit:
            cr.commit()
        else:
            cr.rollback()
    return elapsed, read, changed


def _features_read(registry, day=None):
    """Features of every lead as the training reads them, in a transaction
    rolled back: ``(milliseconds, ids of the leads read, ids of the
    opportunities the day changed, open leads)``. ``day``: a dict that
    receives the changes of a day of work applied first (untimed), or None
    for no work."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        model = _company_model(env)
        changed = set()
        if day is not None:
            counts, changed = _a_day_of_work(env)
            day.update(counts)
        env.invalidate_all()
        started = time.perf_counter()
        ids, _columns, details = model._lead_features()
        elapsed = (time.perf_counter() - started) * 1000.0
        opened = [
            lead_id
            for lead_id, closed in zip(ids, details["closed"], strict=True)
            if not closed
        ]
        cr.rollback()
    return elapsed, set(details["read"]), changed, opened


def _parts_of_ours(registry, repeat, results):
    """Timings of two parts of our training: reading features, storing rows.

    Checks that after a day of work the features of only the opportunities
    it changed are read again, besides those a training without that work
    reads too (changed within the store's safety margin before it was
    written: leads closed in the hour before the warm-up run, on a freshly
    built database).
    """
    _elapsed, without_work, _changed, _opened = _features_read(registry)
    features, store, reads = [], [], []
    day = {}
    for _run in range(repeat):
        elapsed, read, changed, opened = _features_read(registry, day)
        features.append(elapsed)
        reads.append((read, changed))
        with registry.cursor() as cr:
            started = time.perf_counter()
            cr.execute(
                SQL(
                    """UPDATE sales_lead_score
                          SET scored_date = now() at time zone 'UTC'
                        WHERE lead_id = ANY(%s)""",
                    opened,
                )
            )
            store.append((time.perf_counter() - started) * 1000.0)
            cr.rollback()
    read, changed = reads[-1]
    margin = len(read - changed)
    results.checks.append(
        (
            "after a day of work, the features of the opportunities it changed "
            "are read again, of no other lead",
            all(changed <= read <= changed | without_work for read, changed in reads),
            f"{len(read):,} leads read: {len(changed):,} changed by the day"
            + (
                f", {margin:,} changed in the hour before the features were stored"
                if margin
                else ""
            ),
        )
    )
    return [
        Figure(
            "  of which reading the features of every lead (information)",
            features,
            note=f"_lead_features(): stored, {len(read):,} leads read again after "
            f"the day of work ({_describe_day(day)})",
        ),
        Figure(
            f"  storing {len(opened):,} open leads, one column, alone (information)",
            store,
            note="UPDATE sales_lead_score SET scored_date: the cost of writing rows",
        ),
    ], len(read)


def _rescore_one(env, model, repeat):
    """Figures of rescoring one changed open lead, as its salesperson."""
    # the addons are importable once the registry is loaded
    from odoo.addons.sales_management.tools import lead_scoring

    lead = env["crm.lead"].search(
        [("sm_scoring_model_id", "=", model.id), ("user_id", "!=", False)],
        order="id",
        limit=1,
    )
    if not lead:
        raise RuntimeError("No open lead was scored by the model.")
    own = lead.with_env(_user_env(env, lead.user_id.login))
    base = own.expected_revenue or 1000.0
    sources = env["utm.source"].search([], order="id", limit=2)

    def timed(values):
        env.invalidate_all()
        started = time.perf_counter()
        own.write(values)
        env.flush_all()
        return (time.perf_counter() - started) * 1000.0

    revenue_runs = [
        timed({"expected_revenue": round(base * (1 + 0.1 * (run + 1)), 2)})
        for run in range(repeat + 1)
    ][1:]
    source_runs = [
        timed({"source_id": sources[run % len(sources)].id})
        for run in range(repeat + 1)
    ][1:]
    scored = own.sm_scoring_model_id == model and own.sm_score_source == "model"

    def score_only():
        env.invalidate_all()
        started = time.perf_counter()
        model.sudo()._score_leads(lead)
        env.flush_all()
        return (time.perf_counter() - started) * 1000.0

    score_runs = [score_only() for _run in range(repeat + 1)][1:]
    started = time.perf_counter()
    lead_scoring.from_json(model.sudo().model_json)
    parse_ms = (time.perf_counter() - started) * 1000.0
    figures = [
        Figure(
            "rescore one open lead: write(expected_revenue)",
            revenue_runs,
            RESCORE_MAX_MS,
            note=f"as its salesperson, lead {lead.id}: rules and model score stored",
        ),
        Figure(
            "  write(source_id) (information)",
            source_runs,
            note="includes Odoo's own PLS recompute of the lead's probability",
        ),
        Figure(
            "  of which our _score_leads() of the lead (information)",
            score_runs,
        ),
        Figure(
            "  reading the stored model, once per process (information)",
            [parse_ms],
        ),
    ]
    return figures, scored
