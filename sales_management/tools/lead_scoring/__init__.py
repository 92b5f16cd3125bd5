# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Predictive lead scoring: an explainable additive model fitted with numpy.

``fit(rows, outcomes, **options)`` learns the probability that a lead is won
from past leads and returns a ``LeadScoringModel``: ``predict(rows)``,
``explain(row)`` / ``explain_details(row)`` / ``explain_many(rows)``,
``feature_importance()``, ``metadata``, ``to_json()`` and, at module level,
``from_json(text)``. Rows are dicts, feature name -> value, where a value is
``None`` (missing), a bool, a number, a string (a category) or a list/tuple
of strings (a set, e.g. tags); the same data may be given as columns, a dict
feature name -> list of values, which avoids building one dict per lead.
Record ids are categories too: a feature named in the ``categories`` option
is one whatever its values' type, and ``names`` tells ``explain_many`` how
its values read.
Nothing here imports odoo: the ORM gathers the rows, calls the engine and
stores the probabilities, the factors and the JSON of the model.

The model and why
-----------------
A score is shown with its reasons, so the model is *additive*: the log-odds
of a lead are an intercept plus one effect per feature, plus the effects of
a few pairs of features::

    logit P(won) = b + sum_j f_j(x_j) + sum_(j,k) f_jk(x_j, x_k)

* a number gets quantile bins (a value holding many leads, such as 0 visits,
  gets a bin of its own), a bin for "missing" and one per frequent
  non-numeric string, plus a linear slope on the number (clipped to the
  training range): the bins follow saturation, U-shapes or thresholds that
  plain logistic regression misses, the slope keeps a linear trend exact;
* a category keeps its levels seen at least ``min_count`` times; rarer ones,
  and values never seen in training, share an "other" bin; a missing value
  has its own bin;
* a set of tags is one yes/no term per frequent tag, plus "a rare tag" and
  "no tag";
* every effect is penalised: a ridge (shrinking rare levels towards the
  average: naive Bayes, as in Odoo's own predictive scoring, trusts them
  fully) and, between adjacent bins of a number, a smoothing penalty. Their
  strengths are chosen per feature by empirical Bayes (the marginal
  likelihood of the term's working responses, as in mixed models and in
  mgcv's smoothing selection): a number with a linear or no effect is
  smoothed flat and its slope carries the trend, a category whose levels
  hardly differ is shrunk more;
* the effects are fitted jointly (naive Bayes multiplies one table per field
  and so counts correlated fields twice) by cyclic block-coordinate Newton
  steps on the penalised logistic loss. A block is one term; its gradient
  and hessian per bin are two ``np.bincount`` calls, its Newton system has
  one unknown per bin (plus the slope), so a pass costs a few vectorised
  operations per term;
* pairs: with the main effects fitted, pairs of the most important terms
  are scored on the residuals with coarse bins (as in FAST, Lou et al. 2013);
  a pair whose gain is significant (a z-score on its chi-square degrees of
  freedom) is kept only if it also lowers the loss of the validation split.
  Kept pair tables are "purified": their row and column means move into the
  main effects, so a pair only carries what the two features do together;
* a stratified validation split (``validation_fraction``) decides when to
  stop and which pairs to keep; the model is then refitted on all rows,
  warm started. A Platt rescaling of the log-odds fitted on the validation
  split is kept only when it improves the validation loss.

Gradient-boosted trees can rank a little better but explain a lead only by
path contributions that change from lead to lead; here "source = Trade show"
has one effect for every lead, which a salesperson can check.

Explanations
------------
``explain(row, top=3)`` lists ``(label, effect)``, largest first, where the
label is built from the feature name and this lead's value or bin
("source = Trade show", "days_since_contact = 21 (15–29)", "occupation =
(missing)", "tags includes Hot", "country × source = FR × Fair") and the
effect is in *probability points* relative to the *average lead*: the lead
whose every effect is the average one, of probability ``base_probability``.
A term's log-odds effect is converted with the secant slope of the logistic
curve between the average lead and this lead, so effects keep the sign of
their log-odds and all the effects of a lead add up exactly to
``predict([row])[0] - base_probability``. ``explain_details`` gives the parts
(feature, value label, relation, kind, effect, log-odds) so the ORM can
translate and prettify the names; ``explain_many`` explains many leads at
once.

Scale and determinism
---------------------
The choices (stopping, penalties, pairs) are made on at most
``max_fit_rows`` training rows and 50,000 validation rows, bin edges on at
most 50,000 values per feature; the final passes use every row. While
fitting, a term costs one byte per row. On two cores, 100,000 leads with 25
features train in about a second and 1,000,000 in about ten seconds, most of
it reading the Python values (tests/bench_lead_scoring.py). The only
randomness, the split and samples, comes from ``seed``: the same rows and
options give the same model, whatever the process.

Limitations: interactions are limited to ``interactions`` pairs of coarse
bins; a number's effect is piecewise constant between quantile edges plus one
slope; tags are independent yes/no terms; effects are associations learned
from past leads, not causes.

Modules
-------
``values`` reads the rows (the type of each value, the category it stands
for, rows or columns); ``features`` decides once how a column becomes bins
and encodes it; ``terms`` holds the additive pieces and their bins;
``booster`` fits their effects (penalties and block-Newton passes);
``pairs`` finds the pairs of terms and purifies them; ``fitting`` is
``fit`` (options, validation split, calibration); ``model`` is
``LeadScoringModel`` and ``from_json``. The package itself exports the
public API (``fit``, ``from_json``, ``LeadScoringModel``, ``DEFAULT_OPTIONS``,
``FORMAT_VERSION``); the underscored names of the modules are internal.

>>> rows = [{"source": "fair" if i % 3 else "web", "visits": i % 10}
...         for i in range(300)]
>>> won = [i % 3 == 0 and i % 10 > 2 or i % 10 > 7 for i in range(300)]
>>> model = fit(rows, won)
>>> hot, cold = model.predict([{"source": "web", "visits": 8},
...                            {"source": "fair", "visits": 1}])
>>> hot > 0.5 > cold
True
>>> label, effect = model.explain({"source": "web", "visits": 8}, top=1)[0]
>>> effect > 0
True
>>> from_json(model.to_json()).predict(rows[:5]) == model.predict(rows[:5])
True
>>> fit([{"source": "web"}] * 3, [True] * 3).degenerate
True
"""

from .values import format_number
from .model import FORMAT_VERSION, LeadScoringModel, from_json
from .fitting import DEFAULT_OPTIONS, fit

__all__ = ["DEFAULT_OPTIONS", "LeadScoringModel", "fit", "from_json"]
