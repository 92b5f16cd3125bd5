"""Measures and baselines of the lead scoring tests (not a test module).

The engine's held-out AUC is compared with two baselines implemented here
and nowhere else:

* ``NaiveBayes``: Odoo's predictive lead scoring -- per-field frequency
  tables of won and lost leads with Laplace smoothing, multiplied as naive
  Bayes; numbers are bucketed into deciles (Odoo ignores them), each tag is
  a field counted when present;
* ``LogisticRegression``: plain L2 logistic regression in numpy -- one-hot
  categories and tags, standardised raw numbers, missing -> 0 plus an
  indicator column.

``compare`` gives the three AUCs of one data set, ``format_table`` prints
them. Used by test_tools_lead_scoring.py and tests/bench_lead_scoring.py;
importing it needs numpy and the ``sales_management_tools`` importer of
tests/conftest.py.
"""

import math

import numpy as np
from sales_management_tools import lead_scoring

fit = lead_scoring.fit


def auc(outcomes, scores):
    """Area under the ROC curve by ranks (ties get their average rank)."""
    y = np.asarray(outcomes, dtype=bool)
    s = np.asarray(scores, dtype=float)
    order = np.argsort(s, kind="mergesort")
    ranked = s[order]
    ranks = np.empty(len(s))
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    ends = np.r_[starts[1:], len(s)]
    for start, end in zip(starts, ends, strict=True):
        ranks[order[start:end]] = (start + end + 1) / 2.0
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def split(rows, outcomes, test_fraction=0.3, seed=7):
    """A seeded (train rows, train outcomes, test rows, test outcomes) split."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(rows))
    cut = int(len(rows) * (1 - test_fraction))
    train, test = order[:cut], order[cut:]
    return (
        [rows[i] for i in train],
        [outcomes[i] for i in train],
        [rows[i] for i in test],
        [outcomes[i] for i in test],
    )


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_set(value):
    return isinstance(value, list | tuple | set | frozenset)


def _column_kinds(rows):
    """'number', 'set' or 'category' for every feature, by its values' majority."""
    votes = {}
    for row in rows:
        for name, value in row.items():
            if value is None:
                continue
            kind = (
                "number"
                if _is_number(value)
                else "set"
                if _is_set(value)
                else "category"
            )
            votes.setdefault(name, {}).setdefault(kind, 0)
            votes[name][kind] += 1
    return {
        name: max(sorted(kinds), key=kinds.get) for name, kinds in sorted(votes.items())
    }


def _number(value):
    if _is_number(value) and math.isfinite(value):
        return float(value)
    if isinstance(value, bool):
        return float(value)
    return None


class NaiveBayes:
    """Odoo-like naive Bayes: frequency tables per field, Laplace smoothing."""

    def __init__(self, rows, outcomes, alpha=1.0, buckets=10):
        self.kinds = _column_kinds(rows)
        self.alpha = alpha
        y = np.asarray(outcomes, dtype=bool)
        self.totals = {True: int(y.sum()), False: int((~y).sum())}
        self.edges = {}
        for name, kind in self.kinds.items():
            if kind == "number":
                values = [_number(r.get(name)) for r in rows]
                values = np.array([v for v in values if v is not None])
                quantiles = np.linspace(0, 1, buckets + 1)[1:-1]
                self.edges[name] = np.unique(np.quantile(values, quantiles))
        self.tables = {}
        for row, won in zip(rows, outcomes, strict=True):
            for field, value in self._values(row):
                counts = self.tables.setdefault(field, {}).setdefault(value, [0, 0])
                counts[bool(won)] += 1

    def _values(self, row):
        for name, kind in self.kinds.items():
            value = row.get(name)
            if kind == "set":
                for tag in value if _is_set(value) else ():
                    yield f"{name}:{tag}", True
            elif kind == "number":
                number = _number(value)
                if number is None:
                    yield name, "missing"
                else:
                    yield name, int(np.searchsorted(self.edges[name], number, "right"))
            else:
                yield name, "missing" if value is None else str(value)

    def predict(self, rows):
        n_won, n_lost = self.totals[True], self.totals[False]
        result = []
        for row in rows:
            log_won = math.log(n_won / (n_won + n_lost))
            log_lost = math.log(n_lost / (n_won + n_lost))
            for field, value in self._values(row):
                table = self.tables.get(field, {})
                lost, won = table.get(value, (0, 0))
                k = len(table) + 1
                log_won += math.log((won + self.alpha) / (n_won + self.alpha * k))
                log_lost += math.log((lost + self.alpha) / (n_lost + self.alpha * k))
            result.append(
                1.0 / (1.0 + math.exp(max(-700, min(700, log_lost - log_won))))
            )
        return result


class LogisticRegression:
    """Plain L2 logistic regression fitted by Newton's method in numpy."""

    def __init__(self, rows, outcomes, l2=1.0, iterations=25):
        self.kinds = _column_kinds(rows)
        self.scale = {}
        self.levels = {}
        width = 1  # the intercept
        for name, kind in self.kinds.items():
            column = [r.get(name) for r in rows]
            if kind == "number":
                values = _numbers(column)
                finite = values[~np.isnan(values)]
                self.scale[name] = (width, finite.mean(), finite.std() or 1.0)
                width += 2  # the standardised number and its missing indicator
            else:
                if kind == "set":
                    seen = {t for v in column if _is_set(v) for t in v}
                else:
                    seen = {str(v) for v in column if v is not None} | {None}
                levels = sorted(seen, key=str)
                self.levels[name] = {v: width + i for i, v in enumerate(levels)}
                width += len(levels)
        self.width = width
        x = self._design(rows)
        y = np.asarray(outcomes, dtype=float)
        w = np.zeros(width)
        penalty = np.full(width, l2)
        penalty[0] = 0.0  # no penalty on the intercept
        for _ in range(iterations):
            p = _sigmoid(x @ w)
            gradient = x.T @ (p - y) + penalty * w
            hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-6:
                break
        self.weights = w

    def _design(self, rows):
        x = np.zeros((len(rows), self.width))
        x[:, 0] = 1.0
        for name, kind in self.kinds.items():
            column = [r.get(name) for r in rows]
            if kind == "number":
                start, mean, std = self.scale[name]
                values = _numbers(column)
                missing = np.isnan(values)
                x[:, start] = np.where(missing, 0.0, (values - mean) / std)
                x[:, start + 1] = missing
                continue
            lookup = self.levels[name]
            hits = []
            for r, value in enumerate(column):
                if kind == "set":
                    hits += [
                        (r, lookup[t])
                        for t in (value if _is_set(value) else ())
                        if t in lookup
                    ]
                else:
                    column_index = lookup.get(None if value is None else str(value))
                    if column_index is not None:
                        hits.append((r, column_index))
            if hits:
                r_index, c_index = zip(*hits, strict=True)
                x[list(r_index), list(c_index)] = 1.0
        return x

    def predict(self, rows):
        return _sigmoid(self._design(rows) @ self.weights).tolist()


def _numbers(column):
    """Floats of a column, nan where the value is not a finite number."""
    values = np.array(
        [v if _number(v) is not None else np.nan for v in column], dtype=float
    )
    return values


def compare(rows, outcomes, seed=7):
    """Held-out AUC (30 %) of the engine and both baselines: {name: auc}."""
    train_rows, train_y, test_rows, test_y = split(rows, outcomes, seed=seed)
    model = fit(train_rows, train_y)
    return {
        "engine": auc(test_y, model.predict(test_rows)),
        "naive bayes": auc(test_y, NaiveBayes(train_rows, train_y).predict(test_rows)),
        "logistic": auc(
            test_y, LogisticRegression(train_rows, train_y).predict(test_rows)
        ),
    }


def format_table(table):
    """The AUC table, one line per dataset."""
    models = ("engine", "naive bayes", "logistic")
    lines = [f"{'dataset':<14}" + "".join(f"{m:>13}" for m in models)]
    for name, aucs in table.items():
        lines.append(f"{name:<14}" + "".join(f"{aucs[m]:>13.4f}" for m in models))
    return "\n".join(lines)
