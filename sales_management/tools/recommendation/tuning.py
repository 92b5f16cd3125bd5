# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Learning the blend's weights from the history itself.

The last order of up to ``SAMPLE`` customers with two orders or more is
held out; the signals are rebuilt from the other orders (a held-out order
must not vouch for itself), and for each held-out order two questions are
asked:

* *next*: with the customer's earlier orders only, which products come next
  -- the answer is the whole order;
* *basket*: with the rest of the order in the basket, which product is
  missing -- the answer is one product drawn from an order of two or more.

The candidates of a question are the best ``CANDIDATES`` products of each
signal; a blend's quality is the mean recall at 5 and at 10. Coordinate
search: each weight in turn takes the value of ``GRID`` that scores best,
the others fixed, for a few rounds.
"""

import numpy as np

from .model import DEFAULT_WEIGHTS, SIGNALS, build

SAMPLE = 2000
CANDIDATES = 40
GRID = (0.0, 0.03, 0.1, 0.3, 1.0, 3.0)
ROUNDS = 3
MIN_QUESTIONS = 30


def _split(history, rng):
    """(training history, held-out (customer, items) list)."""
    eligible = [key for key, orders in history.items() if len(orders) >= 2]
    if len(eligible) > SAMPLE:
        chosen = rng.choice(len(eligible), SAMPLE, replace=False)
        eligible = [eligible[index] for index in chosen]
    held = set(eligible)
    training = {}
    held_out = []
    for key, orders in history.items():
        if key in held:
            training[key] = orders[:-1]
            held_out.append((key, orders[-1][1]))
        else:
            training[key] = orders
    return training, held_out


def _questions(model, held_out, rng):
    """{mode: list of (signals of the candidates, target mask, answer count)}."""
    questions = {"next": [], "basket": []}
    for key, items in held_out:
        customer = model.customers.get(key)
        signals = model.signals(customer, np.zeros(0, dtype=np.int64))
        questions["next"].append(_question(signals, items, ()))
        if len(items) >= 2:
            hidden = items[rng.integers(len(items))]
            basket = items[items != hidden]
            signals = model.signals(customer, basket)
            questions["basket"].append(_question(signals, np.array([hidden]), basket))
    return questions


def _question(signals, answers, basket):
    excluded = np.zeros(signals.shape[1], dtype=bool)
    excluded[np.asarray(basket, dtype=np.int64)] = True
    candidates = set()
    for row in signals:
        row = np.where(excluded, -1.0, row)
        count = min(CANDIDATES, len(row))
        candidates.update(np.argpartition(-row, count - 1)[:count].tolist())
    candidates = np.array(sorted(candidates - set(np.nonzero(excluded)[0].tolist())))
    target = np.isin(candidates, answers)
    return signals[:, candidates].T, target, len(answers)


def _stack(questions):
    """Pad the questions into arrays: (Q, C, S) signals, (Q, C) targets."""
    width = max(len(target) for _signals, target, _count in questions)
    signals = np.full((len(questions), width, len(SIGNALS)), 0.0)
    targets = np.zeros((len(questions), width), dtype=bool)
    valid = np.zeros((len(questions), width), dtype=bool)
    counts = np.zeros(len(questions))
    for row, (matrix, target, count) in enumerate(questions):
        signals[row, : len(target)] = matrix
        targets[row, : len(target)] = target
        valid[row, : len(target)] = True
        counts[row] = count
    return signals, targets, valid, counts


def quality(stacked, weights):
    """Mean recall at 5 and 10 of a blend on stacked questions."""
    signals, targets, valid, counts = stacked
    scores = np.where(valid, signals @ np.asarray(weights, dtype=float), -np.inf)
    total = 0.0
    for k in (5, 10):
        k = min(k, scores.shape[1])
        best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        hits = np.take_along_axis(targets, best, axis=1).sum(axis=1)
        total += float(np.mean(hits / np.minimum(counts, k)))
    return total / 2


def search(stacked, start):
    """Coordinate search of the weights from ``start``."""
    weights = list(start)
    best = quality(stacked, weights)
    for _round in range(ROUNDS):
        improved = False
        for position in range(len(weights)):
            for value in GRID:
                if value == weights[position]:
                    continue
                trial = list(weights)
                trial[position] = value
                if not any(trial):
                    continue
                score = quality(stacked, trial)
                if score > best + 1e-9:
                    best, weights, improved = score, trial, True
        if not improved:
            break
    return tuple(weights), best


def tune(history, products, seed=0):
    """({mode: weights}, {mode: (recall before, after, questions)}) learnt
    on ``history`` (see :func:`model.build`)."""
    rng = np.random.default_rng(seed)
    training, held_out = _split(history, rng)
    weights = dict(DEFAULT_WEIGHTS)
    report = {}
    if len(held_out) < MIN_QUESTIONS:
        return weights, report
    model = build(training, products)
    for mode, questions in _questions(model, held_out, rng).items():
        if len(questions) < MIN_QUESTIONS:
            continue
        stacked = _stack(questions)
        before = quality(stacked, DEFAULT_WEIGHTS[mode])
        weights[mode], after = search(stacked, DEFAULT_WEIGHTS[mode])
        report[mode] = (before, after, len(questions))
    return weights, report
