"""The signals of the tool-text scorer: each says *what* in a text reads like an attack.

A signal is a named check over the texts of one item (a tool, prompt, resource or the
server's instructions). It returns the phrases that fired it, so a finding can quote
them. Signals are deliberately broad: real servers also say "you must" and name paths,
and the calibrated weights (mcpaudit/data/tool_text_weights.json) decide how much each
counts. No I/O here.

This module only assembles them. The families live in their own modules: steering.py,
cross_tool.py, exfiltration.py (with concealment), command.py and hidden.py; shared word
lists in vocab.py, the building blocks in base.py and the priors in priors.py.
"""

from __future__ import annotations

from mcpaudit.textscore import command, cross_tool, exfiltration, hidden, steering
from mcpaudit.textscore.base import Context, Fired, Signal, Texts, _regex, _regex_not_own
from mcpaudit.textscore.priors import PRIORS

_FAMILIES = (steering, cross_tool, exfiltration, command, hidden)

PATTERNS: dict[str, tuple[str, str, str]] = {}
for _module in _FAMILIES:
    PATTERNS.update(_module.PATTERNS)
# The broader phrasings are alternatives of the same signal: BROADER from the misses of
# fresh.jsonl, BROADER2 from those of fresh2.jsonl (ideas, not those sentences).
for _table in ("BROADER", "BROADER2"):
    for _module in _FAMILIES:
        for _sid, _extra in getattr(_module, _table).items():
            _family, _label, _pattern = PATTERNS[_sid]
            PATTERNS[_sid] = (_family, _label, f"(?:{_pattern})|(?:{_extra})")

# The order findings list signals in (ties in weight keep it).
_ORDER = (
    "tag", "override", "role", "addressed", "absolute", "tool_choice", "every_request",
    "before_after", "other_tool", "alter_other", "conceal", "read_sensitive", "sensitive_path",
    "harvest_secrets", "capture_conversation", "side_channel", "send_out", "trigger",
    "authority", "follow_output", "shell_prefix", "dangerous_command",
)  # fmt: skip
assert set(_ORDER) == set(PATTERNS), set(_ORDER) ^ set(PATTERNS)

# Signals whose phrase usually points at a tool: naming one of the server's own is normal.
_POINTS_AT_TOOLS = {"before_after", "tool_choice", "every_request", "alter_other"}

SIGNALS: tuple[Signal, ...] = (
    *(
        Signal(
            sid,
            PATTERNS[sid][1],
            PATTERNS[sid][0],
            (_regex_not_own if sid in _POINTS_AT_TOOLS else _regex)(PATTERNS[sid][2]),
        )
        for sid in _ORDER
    ),
    Signal(
        "param_name",
        "a parameter named like an instruction",
        "exfiltration",
        exfiltration._param_name_instruction,
    ),
    Signal("names_tool", "names another server's tool", "cross_tool", cross_tool._names_other_tool),
    Signal("hidden_text", "invisible characters", "hidden", hidden._hidden_text),
    Signal("escape", "terminal escape sequences", "hidden", hidden._terminal_escape),
    Signal("homoglyph", "a look-alike tool name", "hidden", hidden._homoglyph),
    Signal("padding", "padding that hides text", "shape", hidden._padding),
)
SIGNAL_IDS: tuple[str, ...] = tuple(s.id for s in SIGNALS)
BY_ID = {s.id: s for s in SIGNALS}


def fire(texts: Texts, ctx: Context) -> list[Fired]:
    """Every signal that fires on these texts, with its first phrase."""
    out: list[Fired] = []
    for signal in SIGNALS:
        for phrase, where in signal.check(texts, ctx):
            out.append(Fired(signal.id, phrase, where))
            break
    return out


__all__ = ["BY_ID", "PRIORS", "SIGNALS", "SIGNAL_IDS", "Context", "Fired", "Signal", "fire"]
