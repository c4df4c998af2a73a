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

import re

from mcpaudit.textscore import command, cross_tool, exfiltration, hidden, intent, steering
from mcpaudit.textscore.base import Context, Fired, Signal, Texts, _regex, _regex_not_own
from mcpaudit.textscore.priors import PRIORS
from mcpaudit.textscore.sentences import mention_masked, orders_only

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
    # Structural signals: the shape of an order, not its wording (intent.py).
    Signal("secrecy", "an order to keep something from the user", "concealment", intent.secrecy),
    Signal(
        "consent_bypass", "skips or presumes the user's consent", "steering", intent.consent_bypass
    ),
    Signal(
        "directs_other_tool",
        "an order about another tool or service",
        "cross_tool",
        intent.directs_other_tool,
    ),
    Signal(
        "collect_into",
        "an order to pass private data the schema does not declare",
        "exfiltration",
        intent.collect_into,
    ),
    Signal(
        "read_unrelated",
        "an order to read private files unrelated to the tool",
        "exfiltration",
        intent.read_unrelated,
    ),
    Signal(
        "order_to_address",
        "an order to send to an address",
        "exfiltration",
        intent.order_to_address,
    ),
    Signal(
        "scope_beyond_call",
        "an order for every later answer or command",
        "steering",
        intent.scope_beyond_call,
    ),
    Signal(
        "rank_claim", "a claim to outrank the user or instructions", "steering", intent.rank_claim
    ),
    Signal(
        "provenance_claim", "a claim to speak for an authority", "steering", intent.provenance_claim
    ),
    Signal("obey_content", "an order to obey returned content", "steering", intent.obey_content),
    Signal(
        "disparage_alternatives",
        "other tools called broken or forbidden",
        "steering",
        intent.disparage_alternatives,
    ),
    Signal("reframe_task", "a claim about the user's real task", "steering", intent.reframe_task),
    Signal("weaken_security", "an order to weaken security", "command", intent.weaken_security),
    Signal("remote_exec", "code that downloads and runs", "command", intent.remote_exec),
    Signal(
        "schema_instruction",
        "schema text that gives orders",
        "hidden",
        intent.schema_instruction,
    ),
    Signal("encoded_text", "base64 that decodes to words", "hidden", intent.encoded_text),
)
SIGNAL_IDS: tuple[str, ...] = tuple(s.id for s in SIGNALS)
BY_ID = {s.id: s for s in SIGNALS}


# Action phrases count only where they are orders, not where the tool describes itself
# ("Sends a payload to https://…" is what a webhook tool does); attack phrases count
# only where they are used, not mentioned as examples ("such as 'ignore previous …'").
_ORDERS_ONLY = frozenset({"send_out", "read_sensitive", "sensitive_path", "alter_other"})
_NOT_MENTIONED = frozenset({"tag", "override", "role", "dangerous_command", "follow_output"})


_MIN_SPACES = 2
_STRUCTURAL = frozenset(
    {
        "secrecy", "consent_bypass", "directs_other_tool", "collect_into", "read_unrelated",
        "order_to_address", "scope_beyond_call", "rank_claim", "provenance_claim", "obey_content",
        "disparage_alternatives", "reframe_task", "weaken_security", "remote_exec",
        "schema_instruction", "encoded_text",
    }
)  # fmt: skip
assert {s.id for s in SIGNALS} >= _STRUCTURAL


def _without_params(texts: Texts, names: tuple[str, ...]) -> Texts:
    """The texts with the tool's own parameter names blanked, and without the parameters' own
    descriptions: a mail tool that documents its `bcc` parameter names it; only a tool
    without one asks for somebody else's."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names if n) + r")\b", re.I)
    return [(w, pattern.sub(" ", t)) for w, t in texts if not w.startswith("parameter ")]


def _without_params(texts: Texts, names: tuple[str, ...]) -> Texts:
    """The texts with the tool's own parameter names blanked, and without the parameters' own
    descriptions: a mail tool that documents its `bcc` parameter names it; only a tool
    without one asks for somebody else's."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names if n) + r")\b", re.I)
    return [(w, pattern.sub(" ", t)) for w, t in texts if not w.startswith("parameter ")]


def fire(texts: Texts, ctx: Context) -> list[Fired]:
    """Every signal that fires on these texts, with its first phrase."""
    out: list[Fired] = []
    # A text of a few words has no sentence to read: the structural signals and the views
    # skip it (a listing of 100,000 one-word descriptions must stay fast).
    prose = [(w, t) for w, t in texts if t.count(" ") >= _MIN_SPACES]
    orders = [(w, orders_only(t)) for w, t in prose]
    used = [(w, mention_masked(t)) for w, t in prose]
    short = [(w, t) for w, t in texts if t.count(" ") < _MIN_SPACES]
    for signal in SIGNALS:
        if signal.id in _STRUCTURAL:
            if not prose:
                continue
            view = prose
        elif signal.id in _ORDERS_ONLY:
            view = orders + short
        elif signal.id in _NOT_MENTIONED:
            view = used + short
        else:
            view = texts
        if signal.id == "alter_other" and ctx.param_names:
            view = _without_params(view, ctx.param_names)
        for phrase, where in signal.check(view, ctx):
            out.append(Fired(signal.id, phrase, where))
            break
    return out


__all__ = ["BY_ID", "PRIORS", "SIGNALS", "SIGNAL_IDS", "Context", "Fired", "Signal", "fire"]
