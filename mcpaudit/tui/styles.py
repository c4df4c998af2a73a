"""Rich styles and labels for severities: colour plus a letter, so NO_COLOR stays readable."""

from __future__ import annotations

from rich.text import Text

from mcpaudit.model import Severity
from mcpaudit.tui.view import SEVERITY_LETTER

# Chosen to read on both the dark and the light theme.
SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red3",
    Severity.HIGH: "bold red3",
    Severity.MEDIUM: "bold dark_orange3",
    Severity.LOW: "deep_sky_blue3",
    Severity.INFO: "grey50",
}
BADGE_STYLE = {
    Severity.CRITICAL: "bold white on red3",
    Severity.HIGH: "bold white on red1",
    Severity.MEDIUM: "bold black on dark_orange",
    Severity.LOW: "bold white on deep_sky_blue4",
    Severity.INFO: "white on grey46",
}


def severity_label(severity: Severity, width: int = 0) -> Text:
    """`HIGH` in its colour, padded to `width`."""
    text = Text()
    text.append(severity.value.upper().ljust(width), style=SEVERITY_STYLE[severity])
    return text


def severity_badge(severity: Severity | None) -> Text:
    """A one-letter badge such as ` H ` (a blank of the same width when nothing is found)."""
    text = Text()
    if severity is None:
        text.append("   ")
    else:
        text.append(f" {SEVERITY_LETTER[severity]} ", style=BADGE_STYLE[severity])
    return text


SHORT_NAME = {
    Severity.CRITICAL: "CRIT",
    Severity.HIGH: "HIGH",
    Severity.MEDIUM: "MED",
    Severity.LOW: "LOW",
    Severity.INFO: "INFO",
}


def severity_short(severity: Severity) -> Text:
    """`CRIT`, `HIGH`, `MED`, `LOW`, `INFO` in colour: fits the table at 80 columns."""
    text = Text()
    text.append(SHORT_NAME[severity], style=SEVERITY_STYLE[severity])
    return text
