"""What the static config rules miss and what they cry wolf about, on real config snippets.

    .venv/bin/python benchmarks/bench_static.py [--fast] [--show]

The corpus is `tests/data/configs/samples.json` (+ `samples/`): real MCP client config
snippets with their source URL, each labelled with the rule ids a careful human expects
(`expect`: must be raised; `allow`: fair but not required). Default mode runs the real
`mcpaudit scan --format json` once per sample, in a temp home where the file sits at its
client's own path; `--fast` runs one scan over every sample with `--config` (what the
regression test does; the cross-server rule MCP610 is left out there, because one scan
would combine servers of unrelated samples).

Printed per rule and overall, for the whole corpus and its held-out part (a fixed quarter
chosen by the hash of the sample id, never looked at while fixing rules):
- recall: expected (sample, rule) pairs that were raised, malicious samples and all;
- false positives: findings >= medium on benign samples that are neither expected nor
  allowed (findings below medium are shown but do not count).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "configs"
COUNTED = {"critical", "high", "medium"}
SCAN_FLAGS = ["--no-logs", "--no-processes", "--no-source", "--no-suppressions", "--no-projects"]
SCAN_FLAGS += ["--format", "json", "-q", "--fail-on", "never"]


def load() -> list[dict]:
    return json.loads((CORPUS / "samples.json").read_text())


def held_out(ident: str) -> bool:
    return hashlib.sha256(ident.encode()).digest()[0] % 4 == 0


def _env(home: Path) -> dict[str, str]:
    drop = ("XDG_", "CLAUDE_", "CODEX_", "COPILOT_", "GOOSE_", "MCPAUDIT_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(HOME=str(home), PYTHONPATH=str(REPO), NO_COLOR="1")
    return env


def lay_out(sample: dict, home: Path) -> list[Path]:
    """Copy the sample's files to their client paths under `home`, private (0600) so the
    permission rules measure the content, not the test machine's umask."""
    placed = []
    for f in sample["files"]:
        dest = home / f["path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / f["src"], dest)
        dest.chmod(0o600)
        placed.append(dest)
    for d in [home, *{p for f in placed for p in f.parents if home in p.parents}]:
        d.chmod(0o700)
    (home / "proj").mkdir(exist_ok=True)
    return placed


def _scan(argv: list[str], home: Path, cwd: Path) -> list[dict]:
    cmd = [sys.executable, "-m", "mcpaudit", "scan", *argv, *SCAN_FLAGS]
    proc = subprocess.run(cmd, env=_env(home), cwd=cwd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)["findings"]


def findings_per_sample(samples: list[dict], fast: bool) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-static-") as tmp:
        root = Path(tmp)
        if not fast:
            for s in samples:
                home = root / s["id"]
                home.mkdir()
                lay_out(s, home)
                out[s["id"]] = _scan(["--project", str(home / "proj")], home, home / "proj")
            return out
        home = root / "home"
        home.mkdir()
        argv: list[str] = ["--no-discover", "--ignore", "MCP610"]
        for s in samples:
            base = root / "s" / s["id"]
            base.mkdir(parents=True)
            for p in lay_out(s, base):
                argv += ["--config", str(p)]
            out[s["id"]] = []
        for f in _scan(argv, home, home):
            path = Path(f.get("file") or f["location"]["path"])
            ident = path.relative_to(root / "s").parts[0]
            out[ident].append(f)
    return out


def evaluate(samples: list[dict], found: dict[str, list[dict]]) -> dict:
    """Per rule: expected, hit, false positives; plus the lists behind them."""
    per_rule: dict[str, Counter] = defaultdict(Counter)
    misses, fps, low = [], [], []
    for s in samples:
        raised = {f["rule_id"] for f in found[s["id"]]}
        for rule in s["expect"]:
            per_rule[rule]["expected"] += 1
            per_rule[rule]["expected_" + s["kind"]] += 1
            if rule in raised:
                per_rule[rule]["hit"] += 1
                per_rule[rule]["hit_" + s["kind"]] += 1
            else:
                misses.append((s["id"], rule))
        if s["kind"] != "benign":
            continue
        ok = set(s["expect"]) | set(s["allow"])
        for f in found[s["id"]]:
            if f["rule_id"] in ok:
                continue
            if f["severity"] in COUNTED:
                per_rule[f["rule_id"]]["fp"] += 1
                fps.append((s["id"], f["rule_id"], f["severity"], f.get("evidence") or ""))
            else:
                low.append((s["id"], f["rule_id"], f["severity"]))
    return {"per_rule": per_rule, "misses": misses, "fps": fps, "low": low}


def report(name: str, samples: list[dict], result: dict, show: bool) -> None:
    kinds = Counter(s["kind"] for s in samples)
    pr = result["per_rule"]
    exp = sum(c["expected"] for c in pr.values())
    hit = sum(c["hit"] for c in pr.values())
    exp_m = sum(c["expected_malicious"] for c in pr.values())
    hit_m = sum(c["hit_malicious"] for c in pr.values())
    fp = len(result["fps"])
    fp_samples = len({i for i, *_ in result["fps"]})
    print(
        f"{name}: {kinds['benign']} benign + {kinds['malicious']} malicious samples | "
        f"recall malicious {hit_m}/{exp_m} = {hit_m / max(exp_m, 1):.3f} | "
        f"recall all labels {hit}/{exp} = {hit / max(exp, 1):.3f} | "
        f"false positives >= medium {fp} on {fp_samples}/{kinds['benign']} benign samples"
    )
    low = Counter(r for _, r, _ in result["low"])
    print(f"  below medium on benign samples (not counted): {dict(sorted(low.items()))}")
    print(f"  {'rule':<8} {'expected':>8} {'hit':>5} {'recall':>7} {'FP':>4}")
    for rule in sorted(pr):
        c = pr[rule]
        rec = f"{c['hit'] / c['expected']:.2f}" if c["expected"] else "-"
        print(f"  {rule:<8} {c['expected']:>8} {c['hit']:>5} {rec:>7} {c['fp']:>4}")
    if show:
        for ident, rule in result["misses"]:
            print(f"  missed: {ident} {rule}")
        for ident, rule, sev, ev in result["fps"]:
            print(f"  false positive: {ident} {rule} {sev} {ev[:60]!r}")


def measure(fast: bool = False, show: bool = False) -> dict[str, dict]:
    samples = load()
    clients = Counter(s["client"] for s in samples if s["kind"] == "benign")
    print(f"benign samples by client: {dict(clients.most_common())}")
    found = findings_per_sample(samples, fast)
    out = {}
    for name, part in (
        ("all", samples),
        ("held-out", [s for s in samples if held_out(s["id"])]),
    ):
        result = evaluate(part, found)
        report(name, part, result, show)
        out[name] = result
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="one scan with --config for all")
    parser.add_argument("--show", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    measure(args.fast, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
