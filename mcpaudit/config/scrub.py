"""Parsed values Python cannot carry safely: integers past the int-string limit, lone surrogates.

A config comes from any repository the user clones. JSON allows integers of any length
(Node reads them as a Number), but Python refuses to convert more than 4,300 digits; a
`"\\ud800"` escape decodes to a lone surrogate, which no UTF-8 encoder (hashing, writing
a report) accepts. Both must become a finding or a plain value, never a crash.
"""

from __future__ import annotations

import re
import sys
from typing import Any

# The interpreter's limit (0 = unlimited); the default is 4,300 digits.
INT_DIGITS = sys.get_int_max_str_digits() or 4300
_SURROGATE = re.compile("[\ud800-\udfff]")
# A `\uD800`–`\uDFFF` escape in JSON/YAML text: the only way a lone surrogate gets in.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONG_DIGITS = re.compile(rf"[0-9_]{{{INT_DIGITS + 1},}}")


def is_int_limit(exc: BaseException) -> bool:
    """The ValueError Python raises for an integer of too many digits."""
    return isinstance(exc, ValueError) and "integer string conversion" in str(exc)


def parse_int(digits: str) -> int | float:
    """`json`'s parse_int: a number past Python's limit is read as JavaScript reads it."""
    if len(digits.lstrip("-")) <= INT_DIGITS:
        return int(digits)
    return float(digits)  # inf, as JSON.parse gives Infinity: no client sees the digits


def long_number_line(text: str) -> int | None:
    """The line of the first run of more than INT_DIGITS digits, for an error message."""
    m = _LONG_DIGITS.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def text(value: str) -> str:
    """`value` with each lone surrogate written as the escape it came from (`\\ud800`)."""
    if value.isascii() or not _SURROGATE.search(value):
        return value
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", value)


def data(value: Any) -> Any:
    """Every string (keys too) of parsed data made encodable; the same object otherwise."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {text(k) if isinstance(k, str) else k: data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [data(v) for v in value]
    return value


def encodable(value: str) -> bytes:
    """UTF-8 bytes of any str, a lone surrogate included (hashing must never fail)."""
    return value.encode("utf-8", "surrogatepass")
