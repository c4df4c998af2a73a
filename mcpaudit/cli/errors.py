"""Exit codes and the usage error every part of the CLI raises."""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("critical", "high", "medium", "low", "info")


class UsageError(Exception):
    """A problem with what the user asked for: exit code 2 with a clear message."""
