"""Score one item's text: the weighted sum of the signals that fire, and a severity from it.

The weights and the severity thresholds are fitted offline on the labelled corpus under
tests/data/tool_text/ by scripts/calibrate_tool_text.py and shipped in
mcpaudit/data/tool_text_weights.json. No I/O apart from reading that file once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from mcpaudit.model import Severity, Tool
from mcpaudit.textscore.intent import decoded_runs
from mcpaudit.textscore.signals import BY_ID, SIGNAL_IDS, Context, Fired, fire

WEIGHTS_FILE = "tool_text_weights.json"
_LEVELS = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)


@dataclass(frozen=True)
class Weights:
    weights: Mapping[str, float]
    thresholds: Mapping[str, float]  # severity value -> lowest score at that severity

    def severity(self, score: float) -> Severity | None:
        for level in _LEVELS:
            if score >= self.thresholds.get(level.value, float("inf")):
                return level
        return None


@lru_cache(maxsize=1)
def shipped_weights() -> Weights:
    data = json.loads(files("mcpaudit.data").joinpath(WEIGHTS_FILE).read_text("utf-8"))
    return Weights(data["weights"], data["thresholds"])


@dataclass(frozen=True)
class Score:
    score: float
    severity: Severity | None
    fired: tuple[Fired, ...]

    def contributions(self, weights: Weights) -> list[tuple[Fired, float]]:
        """The fired signals that carry weight, heaviest first."""
        pairs = [(f, weights.weights.get(f.signal, 0.0)) for f in self.fired]
        return sorted((p for p in pairs if p[1] > 0), key=lambda p: -p[1])

    def families(self, weights: Weights) -> set[str]:
        return {BY_ID[f.signal].family for f, _ in self.contributions(weights)}


def texts_of(item: Tool) -> list[tuple[str, str]]:
    """The prose the model reads for an item (names are checked by their own signals)."""
    from mcpaudit.rules.tool_text import decode_tags, prose_texts

    if item.kind == "instructions":
        return [("server instructions", item.description)] if item.description else []
    texts = [(w, t) for w, t in prose_texts(item) if t]
    # What invisible tag characters spell is read by the model too: score it as text.
    hidden = [(f"{w} (hidden in tag characters)", decode_tags(t)) for w, t in texts]
    # So is what a base64 run spells, when it spells words (Elastic's obfuscated orders).
    encoded = [(f"{w} (base64)", " ".join(decoded_runs(t))) for w, t in texts if len(t) >= 20]
    return texts + [(w, t) for w, t in hidden + encoded if t]


def param_names(item: Tool) -> tuple[str, ...]:
    props = item.input_schema.get("properties") if isinstance(item.input_schema, Mapping) else None
    return tuple(str(k) for k in props) if isinstance(props, Mapping) else ()


def features(
    item: Tool, own_names: Iterable[str] = (), other_names: Iterable[str] = ()
) -> list[Fired]:
    ctx = Context(
        name=item.name,
        own_names=frozenset(own_names),
        other_names=frozenset(other_names),
        param_names=param_names(item),
    )
    return fire(texts_of(item), ctx)


def score_item(
    item: Tool,
    own_names: Iterable[str] = (),
    other_names: Iterable[str] = (),
    weights: Weights | None = None,
) -> Score:
    weights = weights or shipped_weights()
    fired = features(item, own_names, other_names)
    total = sum(weights.weights.get(f.signal, 0.0) for f in fired)
    return Score(round(total, 4), weights.severity(total), tuple(fired))


def tool_from_corpus(row: Mapping[str, Any]) -> Tool:
    """A corpus row (tests/data/tool_text/*.jsonl) as the Tool the rules would see."""
    d = row["definition"]
    kind = row.get("kind", "tool")
    if kind == "prompt":
        args = d.get("arguments") or []
        return Tool(
            d["name"],
            d.get("description") or "",
            {"arguments": args} if args else {},
            kind="prompt",
            title=d.get("title") or "",
        )
    if kind == "instructions":
        return Tool("instructions", d.get("description") or "", {}, kind="instructions")
    hints = {k: v for k, v in (d.get("annotations") or {}).items() if isinstance(v, bool)}
    return Tool(
        d["name"],
        d.get("description") or "",
        d.get("inputSchema") or {},
        kind="tool",
        title=d.get("title") or "",
        annotations=hints,
    )


__all__ = ["SIGNAL_IDS", "Score", "Weights", "features", "score_item", "shipped_weights"]
