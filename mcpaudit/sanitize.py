"""Make untrusted text safe to show: no escape sequences, no invisible characters.

Server- and config-provided text may carry ANSI/OSC sequences, C0/C1 controls,
bidi overrides or Unicode tag characters. Before any display it goes through
`clean`, which turns each into a visible placeholder such as `\\x1b` or `<U+202E>`.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences (CSI, OSC, DCS, single-char) and 8-bit CSI.
ANSI_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC … BEL/ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS/SOS/PM/APC
    r"|\x1b[@-Z\\-_]"  # 2-char sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"
)

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e\u2061\u2062\u2063\u2064")


_PLAIN = re.compile(r"[\x20-\x7e\t\n]*")
_PLAIN_ONE_LINE = re.compile(r"[\x20-\x7e\t]*")


def is_tag_char(ch: str) -> bool:
    return 0xE0000 <= ord(ch) <= 0xE007F


def _placeholder(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def _is_unsafe(ch: str) -> bool:
    if ch in "\n\t":
        return False
    if ch in BIDI_CONTROLS or ch in ZERO_WIDTH or is_tag_char(ch):
        return True
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cf", "Cs", "Co") or cat == "Zl" or cat == "Zp"


def clean(text: str, *, keep_newlines: bool = True, max_len: int | None = None) -> str:
    """Return `text` with every control/invisible character made visible."""
    if max_len is not None and len(text) > max_len:
        text = text[:max_len] + "…"
    # Fast path (reports render every string): plain printable ASCII needs no change.
    if (_PLAIN if keep_newlines else _PLAIN_ONE_LINE).fullmatch(text):
        return text
    out: list[str] = []
    for ch in text:
        if ch == "\n" and not keep_newlines:
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch.isprintable() or ch in "\n\t" or not _is_unsafe(ch):
            out.append(ch)
        else:
            out.append(_placeholder(ch))
    return "".join(out)


def one_line(text: str, max_len: int = 200) -> str:
    """Clean text for a single-line cell (table, evidence)."""
    return clean(text, keep_newlines=False, max_len=max_len)


def clean_tree(value: object) -> object:
    """Parsed-JSON-like data with every string (keys too) passed through `clean`.

    For machine-readable reports: `json.dumps` escapes C0 controls, yet `jq -r` turns
    them back into raw bytes on a terminal, and C1 controls and bidi characters pass
    through `ensure_ascii=False` as they are. Cleaned, no value can steer a terminal.
    """
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_tree(v) for v in value]
    return value
