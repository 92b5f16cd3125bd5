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


@dataclass
class Outcome:
    job: str
    title: str
    batches_before: int = 0
    rows_before: int = 0
    killed_at: str = ""
    xact_status: str | None = None
    terminated: int = 0
    rerun_rows: int = 0
    redone: int = 0
    lost: int = 0
    missing: int = 0
    extra: int = 0
    fingerprint_rows: int = 0
    fingerprint_equal: bool = False
    duplicates: dict = field(default_factory=dict)
    seconds: float = 0.0
    problems: list = field(default_factory=list)
    error: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def holds(self):
        return self.error is None and not self.problems


def judge(out, job, xid, xact_status):
    """The problems of ``out`` (an ``Outcome``), given the transaction id of
    the batch killed and its status after the kill."""
    if job.min_batches and out.batches_before < job.min_batches:
        out.problems.append(
            f"killed after {out.batches_before} batches, "
            f"{job.min_batches} were asked for"
        )
    if xid and xact_status != "aborted":
        out.problems.append(
            f"the killed transaction {xid} is {xact_status}, not rolled back"
        )
    if not out.fingerprint_equal:
        out.problems.append("the figures differ from the uninterrupted run")
    if out.duplicates:
        out.problems.append("duplicates")
    if out.lost or out.missing:
        out.problems.append(
            f"work lost ({out.lost} units of before the kill, "
            f"{out.missing} done by A only)"
        )
    if out.extra:
        out.problems.append(f"{out.extra} units done by B only")
    if out.redone:
        out.problems.append(
            f"the rerun did again {out.redone} units committed before the kill"
        )
