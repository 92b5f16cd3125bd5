"""The table of ``setup/faults`` (plain Python)."""

HEADER = (
    "job",
    "batches before the kill",
    "units before",
    "killed",
    "units by the rerun",
    "redone",
    "fingerprint equal",
    "duplicates",
    "seconds",
    "verdict",
)


def row(outcome):
    if outcome.error:
        return (
            outcome.title,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            f"{outcome.seconds:.0f}",
            "ERROR",
        )
    duplicates = sum(outcome.duplicates.values())
    return (
        outcome.title,
        str(outcome.batches_before),
        str(outcome.rows_before),
        outcome.killed_at,
        str(outcome.rerun_rows),
        str(outcome.redone),
        f"yes ({outcome.fingerprint_rows} rows)" if outcome.fingerprint_equal else "NO",
        str(duplicates) if duplicates else "none",
        f"{outcome.seconds:.0f}",
        "holds" if outcome.holds else "FAILS",
    )


def table(outcomes):
    """The outcomes as a Markdown table (as the README shows it)."""
    rows = [HEADER, *(row(outcome) for outcome in outcomes)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = []
    for index, values in enumerate(rows):
        cells = [value.ljust(widths[i]) for i, value in enumerate(values)]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def notes(outcomes):
    """What went wrong, job by job (empty when every job holds)."""
    lines = []
    for outcome in outcomes:
        if outcome.holds:
            continue
        lines.append(f"{outcome.title}:")
        if outcome.error:
            lines.append(f"  error: {outcome.error}")
        for problem in outcome.problems:
            lines.append(f"  - {problem}")
        for name, count in outcome.duplicates.items():
            lines.append(f"    duplicates, {name}: {count}")
        for name, value in outcome.details.items():
            if name.startswith("only in"):
                lines.append(f"    {name}: {value}")
    return "\n".join(lines)


def exit_code(outcomes):
    """0 when every job holds, 1 when one does not, 2 on error."""
    if any(outcome.error for outcome in outcomes):
        return 2
    return 0 if all(outcome.holds for outcome in outcomes) else 1
