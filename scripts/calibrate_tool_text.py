"""Fit the tool-text scorer on the training split and write mcpaudit/data/tool_text_weights.json.

    .venv/bin/python scripts/calibrate_tool_text.py          # fit and write
    .venv/bin/python scripts/calibrate_tool_text.py --check  # exit 1 if the shipped file is stale

Offline and deterministic. The held-out split (one paraphrase group / package in four)
is never seen here; benchmarks/bench_tool_text.py measures on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mcpaudit.textscore.calibrate import calibrate  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "tool_text"
TARGET = ROOT / "mcpaudit" / "data" / "tool_text_weights.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    fitted = calibrate(CORPUS)
    text = json.dumps(fitted, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = TARGET.exists() and TARGET.read_text() == text
        print("weights are current" if same else f"{TARGET} is stale: run this script")
        return 0 if same else 1
    TARGET.write_text(text)
    weights = ", ".join(
        f"{k}={v}" for k, v in sorted(fitted["weights"].items(), key=lambda x: -x[1])
    )
    print(
        f"wrote {TARGET.relative_to(ROOT)}\nthresholds: {fitted['thresholds']}\nweights: {weights}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
