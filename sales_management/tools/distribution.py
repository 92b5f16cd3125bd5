# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Splitting an amount into shares that add up exactly.

Used by the target distribution wizard: an annual amount for a team is
split across periods (evenly or following last year's seasonality), then
across members (equally, by last year's share or by weights).

>>> split_amount(1000, [1, 1, 1])
[333.33, 333.33, 333.34]
>>> split_amount(100, [0, 0])
[50.0, 50.0]
"""


def split_amount(amount, weights, digits=2):
    """Split ``amount`` in proportion to ``weights``.

    Rounded to ``digits`` decimals; the rounding remainder goes to the last
    share so that the shares always add up to ``amount``. Weights that are
    all zero (no history) mean an even split. Negative weights are refused.
    """
    weights = [float(w or 0.0) for w in weights]
    if not weights:
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    total = sum(weights)
    if not total:
        weights = [1.0] * len(weights)
        total = float(len(weights))
    shares = [round(amount * w / total, digits) for w in weights[:-1]]
    shares.append(round(amount - sum(shares), digits))
    return shares
