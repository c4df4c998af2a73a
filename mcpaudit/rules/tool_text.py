"""Pure text checks on what a server tells the model (no I/O): used by the MCP5xx rules.

The texts of an item, hidden Unicode, look-alike names and terminal escapes. Each check
returns `Hit`s that say which phrase or character triggered it, so a finding can explain
itself. Instructions hidden in prose are scored by `mcpaudit.textscore` (MCP501/MCP504).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mcpaudit.model import Severity, Tool
from mcpaudit.sanitize import ANSI_RE, BIDI_CONTROLS, is_tag_char, one_line


@dataclass(frozen=True)
class Hit:
    reason: str  # what kind of thing triggered, in words
    phrase: str  # the raw triggering text (sanitize before showing)
    severity: Severity
    where: str = "description"

    def explain(self) -> str:
        return f"{self.reason} in the {self.where}: “{one_line(self.phrase, 120)}”"


# --- the texts of an item ------------------------------------------------------------

_SCHEMA_TEXT_KEYS = ("description", "title", "default", "const", "examples", "enum")


def schema_texts(schema: Any, path: str = "schema", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(where, text) for property names and descriptive strings inside an input schema."""
    if depth > 64:  # schemas are at most 64 KiB; this only guards recursion
        return
    if isinstance(schema, Mapping):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, Mapping):
                for prop, sub in value.items():
                    yield f"parameter {prop!s} name", str(prop)
                    yield from schema_texts(sub, f"parameter {prop!s}", depth + 1)
            elif key in _SCHEMA_TEXT_KEYS:
                yield from _strings(value, f"{path} {key}")
            elif key == "arguments" and isinstance(value, list):  # prompts
                for arg in value:
                    if isinstance(arg, Mapping):
                        name = str(arg.get("name", ""))
                        yield f"argument {name} name", name
                        yield f"argument {name} description", str(arg.get("description", ""))
            elif key == "uri" and isinstance(value, str):
                yield "uri", value
            elif isinstance(value, (Mapping, list)):
                yield from schema_texts(value, path, depth + 1)
    elif isinstance(schema, list):
        for value in schema:
            yield from schema_texts(value, path, depth + 1)


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, str):
                yield where, v


def item_texts(item: Tool) -> list[tuple[str, str]]:
    """Every piece of text of a tool/prompt/resource that reaches the model."""
    out = [("name", item.name)]
    if item.title:
        out.append(("title", item.title))
    if item.description:
        out.append(("description", item.description))
    out.extend((w, t) for w, t in schema_texts(item.input_schema) if t)
    return out


def prose_texts(item: Tool) -> list[tuple[str, str]]:
    """The descriptive texts (not names) where hidden instructions live."""
    return [(w, t) for w, t in item_texts(item) if w != "name" and not w.endswith(" name")]


# --- hidden Unicode --------------------------------------------------------------------

_ZERO_WIDTH_ALWAYS = frozenset("\u200b\u2060\u180e\u2061\u2062\u2063\u2064")
_JOINERS = frozenset("\u200c\u200d")
_MARKS = frozenset("\u200e\u200f\u061c")
_BLACK_FLAG = "\U0001f3f4"
_CONFUSABLE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})


def decode_tags(text: str) -> str:
    """What Unicode tag characters (U+E0020–U+E007E) spell: the invisible ASCII copy."""
    return "".join(chr(ord(c) - 0xE0000) for c in text if 0xE0020 <= ord(c) <= 0xE007E)


def _flag_tag_spans(text: str) -> set[int]:
    """Positions of tag characters inside an emoji subdivision flag (🏴 + tags + U+E007F)."""
    ok: set[int] = set()
    for m in re.finditer(
        "\U0001f3f4([\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,6})\U000e007f", text
    ):
        ok.update(range(m.start() + 1, m.end()))
    return ok


def _is_emojiish(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or ch in "\ufe0f" or 0x1F3FB <= ord(ch) <= 0x1F3FF


def unicode_hits(text: str, where: str) -> list[Hit]:
    hits: list[Hit] = []
    flag_ok = _flag_tag_spans(text) if _BLACK_FLAG in text else set()
    tags = "".join(c for i, c in enumerate(text) if is_tag_char(c) and i not in flag_ok)
    if tags:
        decoded = decode_tags(tags)
        hits.append(
            Hit(
                f"{len(tags)} invisible Unicode tag characters spelling “{one_line(decoded, 200)}”",
                decoded or tags,
                Severity.HIGH,
                where,
            )
        )
    bidi = sorted({c for c in text if c in BIDI_CONTROLS and c not in _MARKS})
    if bidi:
        names = ", ".join(f"U+{ord(c):04X}" for c in bidi)
        hits.append(
            Hit(
                f"bidirectional control characters ({names}, Trojan Source)",
                _around(text, bidi[0]),
                Severity.HIGH,
                where,
            )
        )
    hidden = sorted({c for c in text if c in _ZERO_WIDTH_ALWAYS})
    hidden += sorted(
        {c for i, c in enumerate(text) if c in _JOINERS and _joiner_suspicious(text, i)}
    )
    if "\ufeff" in text[1:]:
        hidden.append("\ufeff")
    if hidden:
        names = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(hidden)))
        hits.append(
            Hit(
                f"zero-width characters ({names})", _around(text, hidden[0]), Severity.MEDIUM, where
            )
        )
    if re.search("[\ufe00-\ufe0f\U000e0100-\U000e01ef]{2,}", text):
        hits.append(
            Hit(
                "a run of variation selectors (can encode hidden bytes)", "", Severity.MEDIUM, where
            )
        )
    marks = [c for c in text if c in _MARKS]
    if marks and not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        hits.append(
            Hit("bidi marks in left-to-right text", _around(text, marks[0]), Severity.LOW, where)
        )
    return hits


def _joiner_suspicious(text: str, i: int) -> bool:
    """A ZWJ/ZWNJ is legitimate inside emoji sequences and in scripts that use it."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before and after and (_is_emojiish(before) or _is_emojiish(after)):
        return False
    return not before or not after or before.isascii() or after.isascii()


def _around(text: str, ch: str) -> str:
    i = text.find(ch)
    return text[max(0, i - 30) : i + 30] if i >= 0 else ""


def scripts_of(name: str) -> set[str]:
    out = set()
    for ch in name:
        if ch.isalpha():
            uname = unicodedata.name(ch, "")
            out.add("FULLWIDTH" if uname.startswith("FULLWIDTH") else uname.split(" ")[0])
    return out


def homoglyph_hit(name: str) -> Hit | None:
    """A name mixing Latin with a look-alike script (Cyrillic `а` for Latin `a`), or fullwidth."""
    scripts = scripts_of(name)
    if "FULLWIDTH" in scripts or ("LATIN" in scripts and scripts & _CONFUSABLE_SCRIPTS):
        mixed = ", ".join(sorted(s.lower() for s in scripts))
        return Hit(
            f"a name mixing scripts ({mixed}): a look-alike of another name",
            name,
            Severity.HIGH,
            "name",
        )
    return None


_CONFUSABLES = str.maketrans(
    "асеіјорхуѕԁһӏАВСЕНІЈКМОРТХՕαοτνρΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "aceijopxysdhlABCEHIJKMOPTXOaotvpABEHIKMNOPTXYZ",
)


def skeleton(name: str) -> str:
    """Key for look-alike names: NFKC, confusables folded, case and separators dropped."""
    folded = unicodedata.normalize("NFKC", name).translate(_CONFUSABLES).casefold()
    return re.sub(r"[\s_\-.]", "", folded)


# --- terminal escapes ------------------------------------------------------------------

_CURSOR_FINALS = set("ABCDEFGHJKSTfsu")


def control_hits(text: str, where: str) -> list[Hit]:
    """ANSI/OSC escape sequences and other control characters, worst first."""
    hits: list[Hit] = []
    for m in ANSI_RE.finditer(text):
        seq = m.group(0)
        hits.append(Hit(_describe_escape(seq), seq, _escape_severity(seq), where))
    rest = ANSI_RE.sub("", text)
    controls = sorted(
        {c for c in rest if (unicodedata.category(c) == "Cc" and c not in "\n\t") or c == "\x7f"}
    )
    if "\r" in controls and not re.search(r"\r(?!\n)", rest):
        controls.remove("\r")  # CRLF line ends are harmless
    if controls:
        names = ", ".join(f"\\x{ord(c):02x}" for c in controls)
        severity = Severity.HIGH if set(controls) & {"\x08", "\r", "\x1b"} else Severity.MEDIUM
        hits.append(
            Hit(
                f"control characters ({names}) that can overwrite what the terminal shows"
                if severity is Severity.HIGH
                else f"control characters ({names})",
                _around(rest, controls[0]),
                severity,
                where,
            )
        )
    hits.sort(key=lambda h: -h.severity.rank)
    return hits


def _escape_severity(seq: str) -> Severity:
    if seq.startswith("\x1b]") or (seq.startswith("\x1b[") and seq[-1] in _CURSOR_FINALS):
        return Severity.HIGH
    if seq.endswith("m") and re.search(r"(?:^|[;\[])(8|30;40|37;47)(?:;|m)", seq):
        return Severity.HIGH
    return Severity.MEDIUM


def _describe_escape(seq: str) -> str:
    if seq.startswith("\x1b]"):
        return "an OSC escape sequence (hyperlink, clipboard or window title)"
    if seq.startswith("\x1b[") and seq.endswith("m"):
        if re.search(r"(?:^|[;\[])8(?:;|m)", seq):
            return "an ANSI escape that conceals text (SGR 8: hidden)"
        return "an ANSI colour/style escape sequence"
    if seq.startswith("\x1b[") and seq[-1] in _CURSOR_FINALS:
        return "an ANSI cursor-movement/erase sequence that can overwrite what is shown"
    return "a terminal escape sequence"
