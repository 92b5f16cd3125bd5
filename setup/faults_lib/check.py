"""Comparing the run killed and resumed (B) with the run never interrupted (A).

Plain Python on the rows read by ``run``: no database here.
"""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Progress:
    """The work units of the job on B: after the kill, after the rerun."""

    before: int = 0  # units committed before the kill
    rerun: int = 0  # units the rerun wrote (new or written again)
    redone: int = 0  # units committed before the kill that the rerun wrote again
    lost: int = 0  # units committed before the kill, gone after the rerun


def progress(before, after):
    """``before``/``after``: {key: stamp} of the work units after the kill and
    after the rerun."""
    written = {key for key, stamp in after.items() if before.get(key) != stamp}
    return Progress(
        before=len(before),
        rerun=len(written),
        redone=len(written & set(before)),
        lost=len(set(before) - set(after)),
    )


@dataclass
class Comparison:
    equal: bool
    rows_a: int
    rows_b: int
    only_a: list = field(default_factory=list)  # a few rows of A missing from B
    only_b: list = field(default_factory=list)  # a few rows of B not in A


def compare(rows_a, rows_b, examples=3):
    """The fingerprints of A and B as multisets of rows."""
    count_a = Counter(tuple(map(_text, row)) for row in rows_a)
    count_b = Counter(tuple(map(_text, row)) for row in rows_b)
    only_a = sorted((count_a - count_b).elements())
    only_b = sorted((count_b - count_a).elements())
    return Comparison(
        equal=not only_a and not only_b,
        rows_a=len(rows_a),
        rows_b=len(rows_b),
        only_a=only_a[:examples],
        only_b=only_b[:examples],
    )


def _text(value):
    return "" if value is None else str(value)


def missing_units(keys_a, keys_b):
    """Work units A did that B never did (after its rerun), and the reverse."""
    return sorted(set(keys_a) - set(keys_b)), sorted(set(keys_b) - set(keys_a))
