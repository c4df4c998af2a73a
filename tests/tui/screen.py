"""What a Pilot test's terminal shows: the screen's rendered lines, text and styles, after
Textual's filters (NO_COLOR turns colours grey there), as a person's terminal gets them."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip


def strip_text(strip: Strip) -> str:
    return "".join(seg.text for seg in strip)


def screen_strips(app) -> list[Strip]:  # type: ignore[no-untyped-def]
    """Every line of the current screen, composed (the same render as a screenshot)."""
    return app.screen._compositor.render_strips()


def screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [strip_text(s) for s in screen_strips(app)]


def segments(app) -> list[Segment]:  # type: ignore[no-untyped-def]
    return [seg for strip in screen_strips(app) for seg in strip if seg.text]


def _rgb(color: Color | None) -> tuple[int, int, int]:
    assert color is not None, "a cell without an explicit colour: cannot judge its contrast"
    t = color.get_truecolor()
    return t.red, t.green, t.blue


def shown_colours(style: Style) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(foreground, background) as the terminal paints them (reverse swaps them)."""
    fg, bg = _rgb(style.color), _rgb(style.bgcolor)
    return (bg, fg) if style.reverse else (fg, bg)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio of two sRGB colours (1 = the same, 21 = black on white)."""

    def lum(rgb: tuple[int, int, int]) -> float:
        def ch(v: int) -> float:
            c = v / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = (ch(v) for v in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def attributes(style: Style) -> tuple[bool, bool, bool, bool]:
    return (bool(style.bold), bool(style.reverse), bool(style.underline), bool(style.italic))
