# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``fit``: options, the validation split, the passes, calibration.

``fit(rows, outcomes, **options)`` reads the features, builds the terms and
fits them: on a training part with a validation split (which decides when to
stop and which pairs to keep, and fits a Platt calibration) and then on every
row, warm started. It returns a ``LeadScoringModel``.
"""

import numpy as np

from .booster import _Booster, _Data, _log_loss, _penalty, _sigmoid
from .features import _analyse
from .model import FORMAT_VERSION, LeadScoringModel
from .pairs import _add_pairs, _purify
from .terms import _main_terms, _pair_bins, _term_arrays
from .values import _Rows

MAX_VALID_ROWS = 50_000  # validation rows at most


DEFAULT_OPTIONS = {
    "seed": 0,
    "features": None,  # names to use; default: every key of the rows
    "categories": (),  # features read as categories whatever their values (ids)
    "max_bins": 32,  # quantile intervals per numeric feature
    "min_bin_rows": 20,  # fewer intervals when there are few values
    "max_levels": 100,  # categories kept per feature, by frequency
    "min_count": 5,  # rows a category or tag needs to get its own effect
    "max_tags": 40,  # tags kept per set feature
    "l2": 1.0,  # ridge penalty of each effect (hessian units, ~4 leads)
    "smoothing": 10.0,  # penalty on the step between adjacent numeric bins
    "adaptive_penalties": True,  # tune smoothing and ridge per term
    "tune_passes": 2,
    "learning_rate": 1.0,
    "max_step": 2.0,  # largest change of an effect in one Newton step
    "max_passes": 60,
    "patience": 1,  # passes without validation gain before stopping
    "tol": 5e-4,  # validation log-loss gain that counts as progress
    "validation_fraction": 0.2,
    "min_validation_rows": 400,  # below: no split, no pairs, no calibration
    "max_fit_rows": 200_000,  # rows used to choose passes and pairs
    "refit_passes": 2,  # warm-started passes on all rows at the end
    "interactions": 4,  # pairs kept at most (0: none)
    "interaction_candidates": 8,  # most important terms considered for pairs
    "interaction_bins": 6,  # coarse bins per side of a pair
    "interaction_l2": 4.0,
    "interaction_z": 3.0,  # significance (z-score) a pair needs on training rows
    "interaction_min_gain": 2e-4,  # validation log-loss gain to keep a pair
    "calibration": "auto",  # "auto": Platt when it helps, or "none"
}


def _stratified_split(y, fraction, rng, limit):
    """Indices (train, validation) with the same win rate in both.

    The validation part is ``fraction`` of the rows, at most ``limit`` rows.
    """
    fraction = min(fraction, limit / len(y))
    valid = []
    for label in (False, True):
        members = np.flatnonzero(y == label)
        rng.shuffle(members)
        valid.append(members[: int(round(len(members) * fraction))])
    valid = np.sort(np.concatenate(valid))
    mask = np.ones(len(y), dtype=bool)
    mask[valid] = False
    return np.flatnonzero(mask), valid


def _count(terms, data):
    """Set each term's rows per bin (and mean z per bin) from ``data``."""
    for term, bins, z in zip(terms, data.bins, data.zs, strict=True):
        term.counts = np.bincount(bins, minlength=term.n_bins).astype(float)
        if term.slope is not None:
            sums = (
                np.bincount(bins, z, term.n_bins) if z is not None else term.counts * 0
            )
            term.z_means = np.divide(
                sums, term.counts, out=np.zeros(term.n_bins), where=term.counts > 0
            )


def _platt(scores, y):
    """(a, b) minimising the log-loss of sigmoid(a * scores + b)."""
    a, b = 1.0, 0.0
    for _ in range(25):
        p = _sigmoid(a * scores + b)
        h = np.maximum(p * (1 - p), 1e-12)
        r = p - y
        g = np.array([(r * scores).sum(), r.sum()])
        hs = (h * scores).sum()
        hess = np.array([[(h * scores * scores).sum(), hs], [hs, h.sum()]])
        step = np.linalg.solve(hess + np.eye(2) * 1e-6, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-9:
            break
    return float(a), float(b)


def _center(terms, intercept):
    """Make each term average zero over training rows; the mean goes to b."""
    for term in terms:
        total = term.counts.sum()
        if not total:
            continue
        mean = float((term.counts * term.bin_effects()).sum() / total)
        term.weights -= mean
        intercept += mean
        if term.type != "pair":
            term.weights[term.counts == 0] = 0.0  # unseen values: average
    return intercept


def _options(options):
    """The options merged with the defaults, each of its default's type."""
    unknown = sorted(set(options) - set(DEFAULT_OPTIONS))
    if unknown:
        raise TypeError(f"fit() got unexpected options: {', '.join(unknown)}")
    merged = dict(DEFAULT_OPTIONS)
    for name, value in options.items():
        default = DEFAULT_OPTIONS[name]
        if name == "features":
            merged[name] = None if value is None else [str(v) for v in value]
        elif name == "categories":
            merged[name] = [str(v) for v in value or ()]
        elif isinstance(default, bool):
            merged[name] = bool(value)
        elif isinstance(default, int | float):
            merged[name] = type(default)(value)
            if merged[name] < 0:
                raise ValueError(f"option {name} must not be negative")
        else:
            merged[name] = value
    if merged["calibration"] not in ("auto", "none"):
        raise ValueError("calibration must be 'auto' or 'none'")
    if not 0 <= merged["validation_fraction"] < 1:
        raise ValueError("validation_fraction must be in [0, 1)")
    return merged


def fit(rows, outcomes, **options):
    """Learn P(won) from ``rows`` (dicts) and ``outcomes`` (bools).

    Options are those of ``DEFAULT_OPTIONS``. One class only, no rows, or no
    feature with information give a *degenerate* model that predicts the
    base rate (``model.degenerate`` is True and ``model.reason`` says why).
    """
    options = _options(options)
    table = _Rows(rows)
    y = np.fromiter((bool(o) for o in outcomes), dtype=bool)
    if len(y) != len(table):
        raise ValueError(f"{len(table)} rows but {len(y)} outcomes")
    n, n_positive = len(table), int(y.sum())
    metadata = {
        "n_rows": n,
        "n_positive": n_positive,
        "base_rate": n_positive / n if n else 0.5,
        "features": [],
        "ignored": {},
        "kinds": {},
        "interactions": [],
        "options": {k: v for k, v in options.items() if k != "features"},
    }
    if n == 0 or n_positive in (0, n):
        reason = "no training rows" if not n else "every lead has the same outcome"
        return _degenerate(metadata, reason)

    features, encoded = [], []
    names = table.names() if options["features"] is None else list(options["features"])
    for name in names:
        column = table.column(name)
        feature, arrays = _analyse(name, column, options)
        if arrays is None:
            metadata["ignored"][name] = feature
            continue
        features.append(feature)
        bins, z = arrays
        encoded.append((bins, None if z is None else z.astype(np.float32)))
        metadata["features"].append(name)
        metadata["kinds"][name] = feature.kind
        del column
    if not features:
        return _degenerate(metadata, "no feature has information")

    terms = _main_terms(features)
    data = _Data(*_term_arrays(terms, encoded), y)
    del encoded
    _count(terms, data)
    # drop tag terms that never vary (e.g. "no tag" when every lead has tags)
    keep = [i for i, t in enumerate(terms) if t.type == "main" or 0 < t.counts[1] < n]
    terms = [terms[i] for i in keep]
    data = _Data([data.bins[i] for i in keep], [data.zs[i] for i in keep], y)
    return LeadScoringModel(_fit_terms(terms, data, features, options, metadata))


def _fit_terms(terms, data, features, options, metadata):
    y = data.y
    n = len(y)
    rng = np.random.default_rng([options["seed"], 1 << 20])
    base = float(np.log(y.mean() / (1 - y.mean())))
    use_validation = (
        n >= options["min_validation_rows"] and options["validation_fraction"] > 0
    )
    calibration = None
    passes = 0
    if use_validation:
        train, valid = _stratified_split(
            y > 0.5, options["validation_fraction"], rng, MAX_VALID_ROWS
        )
        if len(train) > options["max_fit_rows"]:
            train = np.sort(rng.choice(train, options["max_fit_rows"], replace=False))
        booster = _Booster(
            list(terms),
            _subset(data, train),
            base,
            [_penalty(t, features, options) for t in terms],
            options,
            valid=_subset(data, valid),
        )
        tune = options["tune_passes"]
        passes += booster.run(options, options["max_passes"], tune_passes=tune)
        _count(booster.terms, booster.data)
        if options["interactions"] > 0 and _add_pairs(booster, features, options):
            passes += booster.run(options, options["max_passes"], tune_passes=1)
        if options["calibration"] == "auto":
            a, b = _platt(booster.valid_scores, booster.valid.y)
            calibrated = _log_loss(a * booster.valid_scores + b, booster.valid.y)
            if calibrated < booster.valid_loss() - 1e-4:
                calibration = (a, b)
        metadata["validation"] = {
            "rows": int(len(valid)),
            "train_rows": int(len(train)),
            "log_loss": booster.valid_loss(),
        }
        for term in booster.terms[len(terms) :]:
            first, second = term.pair
            data.bins.append(_pair_bins(term, data.bins[first], data.bins[second]))
            data.zs.append(None)
        terms = booster.terms
        intercept, penalties = booster.intercept, booster.penalties
        del booster
        final = _Booster(terms, data.widen(), intercept, penalties, options)
        for _ in range(options["refit_passes"]):
            final.run_pass()
        passes += options["refit_passes"]
    else:
        penalties = [_penalty(t, features, options) for t in terms]
        final = _Booster(terms, data.widen(), base, penalties, options)
        passes += final.run(
            options, options["max_passes"], tune_passes=options["tune_passes"]
        )
    metadata["passes"] = passes
    metadata["train_log_loss"] = final.train_loss()
    _count(terms, data)
    _purify(terms)
    intercept = _center(terms, final.intercept)
    metadata["interactions"] = [
        " × ".join(_term_name(terms[i], features) for i in t.pair)
        for t in terms
        if t.type == "pair"
    ]
    metadata["calibrated"] = calibration is not None
    return {
        "version": FORMAT_VERSION,
        "degenerate": False,
        "reason": "",
        "intercept": intercept,
        "calibration": list(calibration) if calibration else None,
        "features": [f.state() for f in features],
        "terms": [t.state() for t in terms],
        "metadata": metadata,
    }


def _term_name(term, features):
    """The feature name of a term; "tags[Hot]" for a tag."""
    feature = features[term.feature]
    if term.type != "tag":
        return feature.name
    if term.slot == feature.no_tag:
        return f"{feature.name}[(none)]"
    if term.slot == feature.other_tag:
        return f"{feature.name}[(a rare tag)]"
    return f"{feature.name}[{feature.levels[term.slot]}]"


def _subset(data, rows):
    zs = [None if z is None else z[rows] for z in data.zs]
    return _Data([b[rows] for b in data.bins], zs, data.y[rows]).widen()


def _degenerate(metadata, reason):
    rate = metadata["base_rate"]
    return LeadScoringModel(
        {
            "version": FORMAT_VERSION,
            "degenerate": True,
            "reason": reason,
            "base_rate": rate,
            "intercept": 0.0,
            "calibration": None,
            "features": [],
            "terms": [],
            "metadata": dict(metadata, reason=reason),
        }
    )
