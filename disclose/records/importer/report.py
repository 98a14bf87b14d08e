"""What `disclose import-records` prints: the problems, or what was loaded."""

from .run import ImportReport


def problem_lines(report: ImportReport) -> list[str]:
    count = len(report.problems)
    noun = "problem" if count == 1 else "problems"
    return [
        *(str(problem) for problem in report.problems),
        f"Nothing was imported: {count} {noun} found. "
        "Fix every row listed above, then run the import again.",
    ]


def summary_lines(report: ImportReport) -> list[str]:
    rows = sum(report.rows.values())
    lines = [f"Checked {len(report.rows)} files, {rows:,} rows: no problems found."]
    if report.dry_run:
        lines.append("Dry run: nothing was saved. The import would make these changes:")
    lines.append(f"{'table':<24}{'created':>10}{'updated':>10}{'unchanged':>11}{'removed':>10}")
    for name, c in report.counts.items():
        lines.append(
            f"{name:<24}{c.created:>10,}{c.updated:>10,}{c.unchanged:>11,}{c.removed:>10,}"
        )
    total = report.totals()
    verb = "Would import" if report.dry_run else "Imported"
    if not (total.created or total.updated or total.removed):
        lines.append(f"Nothing changed: all {total.unchanged:,} rows were already up to date.")
    else:
        lines.append(
            f"{verb} in {report.seconds:.1f} seconds: {total.created:,} created, "
            f"{total.updated:,} updated, {total.unchanged:,} unchanged, "
            f"{total.removed:,} removed."
        )
    return lines
