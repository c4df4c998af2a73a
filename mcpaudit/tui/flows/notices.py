"""Notices shared by the flows."""

from __future__ import annotations

from textual.app import App


def not_available(app: App[object], what: str, engine: str) -> None:
    """Say plainly that a feature is not part of this build, instead of faking it."""
    app.notify(
        f"{what} is not available in this build of mcpaudit ({engine} is not installed).",
        title="Not available",
        severity="warning",
        timeout=6,
    )
