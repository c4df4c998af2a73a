"""Fit the scorer's weights and thresholds on the labelled corpus (offline, deterministic).

Used by scripts/calibrate_tool_text.py (writes mcpaudit/data/tool_text_weights.json), by
the benchmark (scores the held-out part) and by the test that fails when the shipped
weights are stale. Pure Python: a logistic regression with non-negative weights (a
signal can only add suspicion, never excuse), balanced classes and an L2 penalty, fitted
by gradient descent over the distinct signal patterns. Thresholds are then set so that
no training negative reaches medium.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcpaudit.textscore.score import Weights, features, tool_from_corpus
from mcpaudit.textscore.signals import BY_ID, SIGNAL_IDS

HELD_OUT_EVERY = 4  # one group in four is held out
L2 = 0.002  # pull towards each signal's prior (see signals.PRIORS)
STEPS = 4000
RATE = 0.5


@dataclass(frozen=True)
class Example:
    label: int  # 1 poisoned, 0 real
    key: str  # positives: group of paraphrases; negatives: the package
    id: str
    signals: frozenset[str]
    phrases: tuple[tuple[str, str], ...]  # (signal, phrase) for reports

    @property
    def held_out(self) -> bool:
        digest = hashlib.sha256(self.key.encode()).digest()
        return int.from_bytes(digest[:4], "big") % HELD_OUT_EVERY == 0


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_corpus(directory: Path) -> list[Example]:
    positives = read_jsonl(directory / "positives.jsonl")
    negatives = read_jsonl(directory / "negatives.jsonl")
    siblings: dict[str, set[str]] = {}
    for row in negatives:
        siblings.setdefault(row["package"], set()).add(row["name"])
    # One client holding every real server: what a poisoned tool would sit beside.
    everyone = frozenset(r["name"] for r in negatives if r["kind"] == "tool")
    out: list[Example] = []
    for row in positives:
        fired = features(tool_from_corpus(row), (), everyone)
        out.append(_example(1, row["group"], row["id"], fired))
    for n, row in enumerate(negatives):
        own = siblings[row["package"]]
        fired = features(tool_from_corpus(row), own, everyone - own)
        out.append(_example(0, row["package"], f"n{n:04d}:{row['package']}:{row['name']}", fired))
    # The s14 training portion: new poisoned wordings and hard benign tools (extra.jsonl).
    extra = read_jsonl(directory / "extra.jsonl") if (directory / "extra.jsonl").exists() else []
    groups: dict[str, set[str]] = {}
    for row in extra:
        groups.setdefault(row["group"], set()).add(row["name"])
    for row in extra:
        own = frozenset(groups[row["group"]]) if not row["label"] else frozenset()
        fired = features(tool_from_corpus(row), own, everyone - own)
        out.append(_example(int(row["label"]), row["group"], row["id"], fired))
    return out


def load_fresh(directory: Path, name: str) -> list[Example]:
    """A blind set kept out of calibration (fresh*.jsonl), beside every real tool. Rows are
    poisoned unless they say `"label": 0`; rows sharing a `server` are each other's siblings."""
    negatives = read_jsonl(directory / "negatives.jsonl")
    everyone = frozenset(r["name"] for r in negatives if r["kind"] == "tool")
    rows = read_jsonl(directory / name)
    siblings: dict[str, set[str]] = {}
    for row in rows:
        siblings.setdefault(row.get("server", row["id"]), set()).add(row["name"])
    out = []
    for row in rows:
        own = frozenset(siblings[row.get("server", row["id"])]) if "server" in row else frozenset()
        fired = features(tool_from_corpus(row), own, everyone - own)
        out.append(_example(int(row.get("label", 1)), row["group"], row["id"], fired))
    return out


def _example(label: int, key: str, ident: str, fired: Sequence[Any]) -> Example:
    return Example(
        label,
        key,
        ident,
        frozenset(f.signal for f in fired),
        tuple((f.signal, f.phrase) for f in fired),
    )


def corpus_digest(directory: Path) -> str:
    """A hash of the corpus and of the signal definitions the weights were fitted with."""
    h = hashlib.sha256()
    for name in ("positives.jsonl", "negatives.jsonl", "extra.jsonl"):
        if (directory / name).exists():
            h.update((directory / name).read_bytes())
    # Every module of the package except the scorer: the signals live in several.
    for module in sorted(Path(__file__).parent.glob("*.py")):
        if module.name not in ("__init__.py", "score.py"):
            h.update(module.read_bytes())
    return h.hexdigest()


def fit(train: Iterable[Example]) -> dict[str, Any]:
    """Weights (signal -> w >= 0) and thresholds (severity -> score) from training examples."""
    train = list(train)
    patterns = Counter((e.signals, e.label) for e in train)
    n_pos = sum(c for (_, y), c in patterns.items() if y == 1) or 1
    n_neg = sum(c for (_, y), c in patterns.items() if y == 0) or 1
    weight_of = {1: 0.5 / n_pos, 0: 0.5 / n_neg}
    prior = {s: BY_ID[s].prior for s in SIGNAL_IDS}
    w = dict(prior)
    bias = -2.0  # fixed: it sets the scale (the priors are written for a boundary at 2)
    rows = [(sorted(s), y, c * weight_of[y]) for (s, y), c in sorted(patterns.items(), key=str)]
    for _ in range(STEPS):
        grad = dict.fromkeys(SIGNAL_IDS, 0.0)
        gbias = 0.0
        for sig, y, c in rows:
            z = bias + sum(w[s] for s in sig)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = (p - y) * c
            gbias += err
            for s in sig:
                grad[s] += err
        for s in SIGNAL_IDS:
            w[s] = max(0.0, w[s] - RATE * (grad[s] + L2 * (w[s] - prior[s])))
    weights = {s: round(v, 3) for s, v in w.items()}

    def score(e: Example) -> float:
        return sum(weights[s] for s in e.signals)

    neg = sorted(score(e) for e in train if e.label == 0)
    boundary = -bias  # where the fitted probability crosses one half
    medium = max(boundary, (neg[-1] if neg else 0.0) + 0.05)
    low_cut = neg[int(len(neg) * 0.98)] if neg else 0.0  # at most ~2% of real tools get a low
    thresholds = {
        "low": round(max(medium * 0.5, low_cut + 0.05), 3),
        "medium": round(medium, 3),
        "high": round(max(medium + 1.0, boundary + math.log(9)), 3),
        "critical": round(max(medium + 3.0, boundary + math.log(99)), 3),
    }
    return {"weights": weights, "thresholds": thresholds, "bias": round(bias, 3)}


def evaluate(examples: Iterable[Example], weights: Weights) -> dict[str, Any]:
    """Precision, recall and false positives at >= medium; misses and FPs by id."""
    tp = fp = fn = tn = 0
    misses: list[str] = []
    false_positives: list[str] = []
    low_fp = 0
    for e in examples:
        total = sum(weights.weights.get(s, 0.0) for s in e.signals)
        level = weights.severity(total)
        flagged = level is not None and level.rank >= 2  # medium and above
        if e.label and flagged:
            tp += 1
        elif e.label:
            fn += 1
            misses.append(e.id)
        elif flagged:
            fp += 1
            false_positives.append(e.id)
        else:
            tn += 1
            low_fp += level is not None
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "positives": tp + fn,
        "negatives": fp + tn,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "negatives_at_low": low_fp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "misses": misses,
        "false_positive_ids": false_positives,
    }


def calibrate(directory: Path) -> dict[str, Any]:
    """What scripts/calibrate_tool_text.py writes: fitted on the training split only."""
    examples = load_corpus(directory)
    train = [e for e in examples if not e.held_out]
    fitted = fit(train)
    counts = {
        "train_positives": sum(e.label for e in train),
        "train_negatives": sum(1 - e.label for e in train),
        "held_out_positives": sum(e.label for e in examples if e.held_out),
        "held_out_negatives": sum(1 - e.label for e in examples if e.held_out),
    }
    return {"version": 1, "corpus_sha256": corpus_digest(directory), **counts, **fitted}
