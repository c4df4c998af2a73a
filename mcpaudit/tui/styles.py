"""Rich styles and labels for severities: colour plus a word or letter, and under NO_COLOR
text attributes only, so every severity still reads (issue 16, point 13).

Textual turns every colour grey under NO_COLOR (its Monochrome filter): red on a dark
panel became grey 236 on grey 235. The `mono` styles use no colour at all, so the text
keeps the theme's foreground on its background, and each severity has its own attributes.
"""

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
# NO_COLOR: no colour, one distinct set of attributes per severity, worst the loudest.
MONO_STYLE = {
    Severity.CRITICAL: "bold reverse",
    Severity.HIGH: "bold underline",
    Severity.MEDIUM: "bold",
    Severity.LOW: "none",
    Severity.INFO: "italic",
}
MONO_BADGE = {
    Severity.CRITICAL: "bold reverse",
    Severity.HIGH: "reverse",
    Severity.MEDIUM: "bold underline",
    Severity.LOW: "underline",
    Severity.INFO: "italic",
}


def severity_style(severity: Severity, mono: bool = False) -> str:
    """The style of a severity's word (`mono`: NO_COLOR is set)."""
    return (MONO_STYLE if mono else SEVERITY_STYLE)[severity]


def severity_label(severity: Severity, width: int = 0, mono: bool = False) -> Text:
    """`HIGH` in its colour, padded to `width`."""
    text = Text()
    text.append(severity.value.upper().ljust(width), style=severity_style(severity, mono))
    return text


def severity_badge(severity: Severity | None, mono: bool = False) -> Text:
    """A one-letter badge such as ` H ` (a blank of the same width when nothing is found)."""
    text = Text()
    if severity is None:
        text.append("   ")
    else:
        style = (MONO_BADGE if mono else BADGE_STYLE)[severity]
        text.append(f" {SEVERITY_LETTER[severity]} ", style=style)
    return text


SHORT_NAME = {
    Severity.CRITICAL: "CRIT",
    Severity.HIGH: "HIGH",
    Severity.MEDIUM: "MED",
    Severity.LOW: "LOW",
    Severity.INFO: "INFO",
}


def severity_short(severity: Severity, mono: bool = False) -> Text:
    """`CRIT`, `HIGH`, `MED`, `LOW`, `INFO` in colour: fits the table at 80 columns."""
    text = Text()
    text.append(SHORT_NAME[severity], style=severity_style(severity, mono))
    return text
