"""Shared fixtures. Tests run against DATABASE_URL (SQLite when unset)."""


def pytest_terminal_summary(terminalreporter):
    """Show figures a test recorded with record_property("summary", text), such as
    the search quality table, even when pytest-xdist runs the tests elsewhere."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []
    ):
        for name, value in getattr(report, "user_properties", []):
            if name == "summary" and report.when == "call":
                terminalreporter.write_line(str(value))
