"""The labelled tool-text corpus and the shipped weights: present, sourced, and current."""

from __future__ import annotations

import json

from mcpaudit.textscore.calibrate import calibrate, evaluate, load_corpus, read_jsonl
from mcpaudit.textscore.score import Weights
from tests.conftest import REPO

CORPUS = REPO / "tests" / "data" / "tool_text"
SHIPPED = REPO / "mcpaudit" / "data" / "tool_text_weights.json"


def test_corpus_has_enough_real_and_poisoned_items_with_provenance() -> None:
    negatives = read_jsonl(CORPUS / "negatives.jsonl")
    positives = read_jsonl(CORPUS / "positives.jsonl")
    packages = {r["package"] for r in negatives}
    assert len(negatives) >= 500 and len(packages) >= 40
    assert all(r["version"] and "license" in r and r["definition"]["name"] for r in negatives)
    assert len(positives) >= 150 and all(r["source"] and r["group"] for r in positives)
    examples = load_corpus(CORPUS)
    assert any(e.held_out for e in examples if e.label) and any(
        e.held_out for e in examples if not e.label
    )


def test_shipped_weights_are_current() -> None:
    """Fails when the corpus, the signals or the fitting changed without a re-fit:
    run `python scripts/calibrate_tool_text.py` and commit mcpaudit/data/."""
    shipped = json.loads(SHIPPED.read_text())
    fitted = calibrate(CORPUS)
    assert shipped["corpus_sha256"] == fitted["corpus_sha256"], "stale: re-run the calibration"
    assert shipped == fitted


def test_held_out_targets() -> None:
    shipped = json.loads(SHIPPED.read_text())
    weights = Weights(shipped["weights"], shipped["thresholds"])
    held = [e for e in load_corpus(CORPUS) if e.held_out]
    result = evaluate(held, weights)
    assert result["false_positives"] == 0, result["false_positive_ids"]
    assert result["recall"] >= 0.95, result["misses"]
