# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fitting the effects of the terms: penalties and block-Newton passes.

_Booster fits every term's effects on one set of rows by cyclic
block-coordinate Newton steps on the penalised logistic loss, each block
penalised by a _Penalty (ridge, plus smoothing between adjacent bins of a
number) whose strength is tuned by empirical Bayes; _Data holds the bins
of the rows.
"""

import math

import numpy as np

SETTLED_STEP = 1e-3  # a term whose step is smaller sits out every other pass
WIDE_ELEMENTS = 16_000_000  # rows x terms kept as 8-byte bins while fitting


def _dot(a, b):
    """Dot product of two long vectors without BLAS.

    BLAS threads its dot products from ~10,000 elements, which costs far more
    than it gains on a busy server.
    """
    return float(np.add.reduce(a * b))


def _sigmoid(x):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def _log_loss(scores, y):
    return float(np.mean(np.logaddexp(0.0, scores) - y * scores))


def _path_laplacian(feature, n_bins):
    """Penalty matrix of the steps between adjacent numeric intervals."""
    if feature.kind != "numeric" or len(feature.edges) < 1:
        return None
    matrix = np.zeros((n_bins, n_bins))
    for i in range(feature.first_interval, n_bins - 1):
        matrix[i, i] += 1.0
        matrix[i + 1, i + 1] += 1.0
        matrix[i, i + 1] -= 1.0
        matrix[i + 1, i] -= 1.0
    return matrix


SMOOTHING_GRID = tuple(float(v) for v in np.geomspace(0.3, 3e4, 11))
RIDGE_GRID = tuple(float(v) for v in np.geomspace(0.1, 300, 8))


class _Penalty:
    """The penalty of one term's effects: ridge l2 plus smoothing.

    ``tune`` picks, from a grid, the penalty under which the term's working
    responses are most likely (empirical Bayes, as in mixed models): a
    number whose effect is linear or noise is smoothed flat (its slope
    carries the trend), one with a real shape keeps it; categories whose
    levels hardly differ are shrunk more than those whose levels do.
    """

    def __init__(self, l2, laplacian=None, smoothing=0.0, adaptive=False):
        self.l2 = l2
        self.laplacian = laplacian
        self.smoothing = smoothing
        self.adaptive = adaptive
        self.matrix = None if laplacian is None else smoothing * laplacian

    def tune(self, weights, gradient, hessian):
        if not self.adaptive:
            return
        seen = hessian > 1e-6
        if np.count_nonzero(seen) < 2:
            return
        z = (weights - gradient / np.where(seen, hessian, 1.0))[seen]
        noise = 1.0 / hessian[seen]
        if self.laplacian is None:
            best = max(RIDGE_GRID, key=lambda l2: _ridge_likelihood(z, noise, l2))
            self.l2 = best
            return
        identity = np.eye(len(weights))
        best, best_value = self.smoothing, -math.inf
        for smoothing in SMOOTHING_GRID:
            prior = np.linalg.inv(self.l2 * identity + smoothing * self.laplacian)
            covariance = prior[np.ix_(seen, seen)] + np.diag(noise)
            value = -0.5 * (
                np.linalg.slogdet(covariance)[1] + z @ np.linalg.solve(covariance, z)
            )
            if value > best_value:
                best, best_value = smoothing, value
        self.smoothing = best
        self.matrix = best * self.laplacian


def _ridge_likelihood(z, noise, l2):
    variance = 1.0 / l2 + noise
    return float(-0.5 * (np.log(variance) + z * z / variance).sum())


def _penalty(term, features, options):
    adaptive = options["adaptive_penalties"]
    if term.type == "pair":
        return _Penalty(options["interaction_l2"], adaptive=adaptive)
    if term.type == "tag":
        return _Penalty(options["l2"])
    laplacian = _path_laplacian(features[term.feature], term.n_bins)
    return _Penalty(options["l2"], laplacian, options["smoothing"], adaptive)


class _Data:
    """The arrays of one set of rows: per-term bins and zs, outcomes."""

    def __init__(self, bins, zs, y):
        self.bins = bins
        self.zs = zs
        self.y = y.astype(float)

    def widen(self):
        """Bins as intp and zs as float64 when memory allows (numpy is faster
        with them: no conversion at each bincount or take)."""
        if len(self.y) * len(self.bins) <= WIDE_ELEMENTS:
            self.bins = [b.astype(np.intp) for b in self.bins]
            self.zs = [None if z is None else z.astype(float) for z in self.zs]
        return self

    def scores(self, terms, intercept, n=None):
        scores = np.full(len(self.y) if n is None else n, float(intercept))
        for term, b, z in zip(terms, self.bins, self.zs, strict=True):
            scores += term.weights.take(b)
            if z is not None:
                scores += term.slope[0] * z
        return scores


class _Booster:
    """Cyclic block-Newton fitting of term effects on one set of rows.

    ``terms`` are updated in place (their ``weights`` and ``slope``). Tag
    terms only move the effect of "present" (the effect of "absent" stays
    as it is, 0 while fitting), so their steps touch only the leads that
    have the tag.
    """

    def __init__(self, terms, data, intercept, penalties, options, valid=None):
        self.terms = terms
        self.data = data
        self.y = data.y
        self.intercept = float(intercept)
        self.penalties = penalties  # a _Penalty per term
        self.tuning = False  # tune the penalties at each step
        self.last_steps = []  # per term: last step size, -1 after a skip
        self.learning_rate = options["learning_rate"]
        self.max_step = options["max_step"]
        self.y_sums = [
            self._y_sums(t, b, z)
            for t, b, z in zip(terms, data.bins, data.zs, strict=True)
        ]
        self.present = [
            self._present(t, b) for t, b in zip(terms, data.bins, strict=True)
        ]
        self.scores = data.scores(terms, self.intercept)
        self.p = np.empty(len(self.y))
        self.h = np.empty(len(self.y))
        self.buffer = np.empty(len(self.y))
        self._update_probabilities()
        self.valid = valid  # _Data of the validation rows, or None
        if valid is not None:
            self.valid_scores = valid.scores(terms, self.intercept)
            self.valid_present = [
                self._present(t, b) for t, b in zip(terms, valid.bins, strict=True)
            ]
            self.valid_buffer = np.empty(len(valid.y))

    def _y_sums(self, term, bins, z):
        sums = np.bincount(bins, self.y, term.n_bins)
        return sums, (_dot(self.y, z) if z is not None else 0.0)

    @staticmethod
    def _present(term, bins):
        return np.flatnonzero(bins) if term.type == "tag" else None

    def _update_probabilities(self):
        np.negative(self.scores, out=self.buffer)
        with np.errstate(over="ignore"):
            np.exp(self.buffer, out=self.buffer)
        self.buffer += 1.0
        np.reciprocal(self.buffer, out=self.p)
        np.multiply(self.p, self.p, out=self.h)
        np.subtract(self.p, self.h, out=self.h)

    def add_term(self, term, bins, penalty, valid_bins=None):
        self.terms.append(term)
        self.data.bins.append(bins)
        self.data.zs.append(None)
        self.penalties.append(penalty)
        self.y_sums.append(self._y_sums(term, bins, None))
        self.present.append(None)
        del self.last_steps[len(self.terms) - 1 :]
        if self.valid is not None:
            self.valid.bins.append(valid_bins)
            self.valid.zs.append(None)
            self.valid_present.append(None)

    def drop_last_term(self):
        term = self.terms.pop()
        bins = self.data.bins.pop()
        self.data.zs.pop()
        self.penalties.pop()
        self.y_sums.pop()
        self.present.pop()
        self.scores -= term.weights.take(bins)
        self._update_probabilities()
        if self.valid is not None:
            self.valid_scores -= term.weights.take(self.valid.bins.pop())
            self.valid.zs.pop()
            self.valid_present.pop()

    def intercept_step(self):
        step = (self.y.sum() - self.p.sum()) / max(self.h.sum(), 1e-12)
        self.intercept += step
        self.scores += step
        self._update_probabilities()
        if self.valid is not None:
            self.valid_scores += step

    def _newton_step(self, index):
        """The Newton step of a term's block: (bin steps, slope step)."""
        term, bins, z = self.terms[index], self.data.bins[index], self.data.zs[index]
        weights, n_bins = term.weights, term.n_bins
        y_sums, yz = self.y_sums[index]
        gradient = np.bincount(bins, self.p, n_bins) - y_sums
        hessian = np.bincount(bins, self.h, n_bins)
        penalty = self.penalties[index]
        if self.tuning:
            penalty.tune(weights, gradient, hessian)
        l2, smoothing = penalty.l2, penalty.matrix
        if smoothing is None and z is None:
            return -(gradient + l2 * weights) / (hessian + l2), 0.0
        system = np.diag(hessian + l2)
        gradient = gradient + l2 * weights
        if smoothing is not None:
            system += smoothing
            gradient += smoothing @ weights
        if z is None:
            return -np.linalg.solve(system, gradient), 0.0
        hz = np.multiply(self.h, z, out=self.buffer)
        cross = np.bincount(bins, hz, n_bins)
        slope_hessian = _dot(hz, z)
        slope_gradient = _dot(self.p, z) - yz
        system = np.block(
            [
                [system, cross[:, None]],
                [cross[None, :], np.array([[slope_hessian + l2]])],
            ]
        )
        gradient = np.append(gradient, slope_gradient + l2 * term.slope[0])
        step = -np.linalg.solve(system, gradient)
        return step[:-1], float(step[-1])

    def _limit(self, step):
        return np.clip(step * self.learning_rate, -self.max_step, self.max_step)

    def _tag_step(self, index):
        """Newton step of a tag's "present" effect, on the leads with the tag."""
        rows = self.present[index]
        weights = self.terms[index].weights
        gradient = self.p[rows].sum() - self.y_sums[index][0][1]
        hessian = self.h[rows].sum()
        l2 = self.penalties[index].l2
        step = float(self._limit(-(gradient + l2 * weights[1]) / (hessian + l2)))
        weights[1] += step
        scores = self.scores[rows] + step
        self.scores[rows] = scores
        p = _sigmoid(scores)
        self.p[rows] = p
        self.h[rows] = p - p * p
        if self.valid is not None:
            self.valid_scores[self.valid_present[index]] += step
        return abs(step)

    def term_step(self, index):
        if self.present[index] is not None:
            return self._tag_step(index)
        step, slope_step = self._newton_step(index)
        step = self._limit(step)
        slope_step = float(self._limit(slope_step))
        term = self.terms[index]
        term.weights += step
        self.scores += np.take(step, self.data.bins[index], out=self.buffer)
        if slope_step:
            term.slope[0] += slope_step
            self.scores += np.multiply(self.data.zs[index], slope_step, out=self.buffer)
        self._update_probabilities()
        if self.valid is not None:
            buffer = self.valid_buffer
            self.valid_scores += np.take(step, self.valid.bins[index], out=buffer)
            if slope_step:
                self.valid_scores += np.multiply(
                    self.valid.zs[index], slope_step, out=buffer
                )
        return max(float(np.abs(step).max()) if len(step) else 0.0, abs(slope_step))

    def run_pass(self, indices=None):
        """One cycle over the terms; returns the largest step taken.

        A term whose last step was tiny sits out every other pass (it has
        converged while others still move), except while tuning.
        """
        self.intercept_step()
        largest = 0.0
        for i in range(len(self.terms)) if indices is None else indices:
            while len(self.last_steps) <= i:
                self.last_steps.append(math.inf)
            if not self.tuning and 0 <= self.last_steps[i] < SETTLED_STEP:
                self.last_steps[i] = -1.0  # skipped: taken again next pass
                continue
            self.last_steps[i] = self.term_step(i)
            largest = max(largest, self.last_steps[i])
        return largest

    def valid_loss(self):
        return _log_loss(self.valid_scores, self.valid.y)

    def train_loss(self):
        return _log_loss(self.scores, self.y)

    def snapshot(self):
        valid = self.valid_scores.copy() if self.valid is not None else None
        weights = [t.weights.copy() for t in self.terms]
        slopes = [None if t.slope is None else t.slope.copy() for t in self.terms]
        return weights, slopes, self.intercept, self.scores.copy(), valid

    def restore(self, snapshot):
        weights, slopes, self.intercept, scores, valid = snapshot
        for term, w, slope in zip(self.terms, weights, slopes, strict=True):
            term.weights[:] = w
            if slope is not None:
                term.slope[:] = slope
        self.scores = scores
        self._update_probabilities()
        if valid is not None:
            self.valid_scores = valid

    def run(self, options, max_passes, indices=None, tune_passes=0):
        """Passes until the validation loss (or the fit) stops improving.

        The penalties are tuned during passes 2 to ``tune_passes + 1``
        (the first pass gives every term a rough effect to tune on).
        """
        best, best_snapshot, stale, passes = math.inf, None, 0, 0
        while passes < max_passes:
            passes += 1
            self.tuning = 1 < passes <= tune_passes + 1
            largest_step = self.run_pass(indices)
            self.tuning = False
            if passes <= tune_passes + 1:
                continue  # no early stop while the penalties move
            if self.valid is not None:
                loss = self.valid_loss()
                if loss < best - options["tol"]:
                    stale = 0
                else:
                    stale += 1
                if loss < best:
                    best, best_snapshot = loss, self.snapshot()
                if stale >= options["patience"]:
                    break
            if largest_step < 1e-4:
                break
        if best_snapshot is not None:
            self.restore(best_snapshot)
        return passes
