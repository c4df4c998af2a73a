"""Build mcpaudit/data/advisories.json from the transcribed public records.

    python scripts/build_advisories.py [--check]

`scripts/advisories/sources.json` holds one record per advisory as its public source
states it (id, aliases, ecosystem, package, affected range, fixed version, severity,
summary, source URL) plus two example versions: one the source says is affected and one
it says is not (a malicious package with no clean release has only the affected one).
Each record is validated — the range must parse in its ecosystem's syntax (node-semver
for npm, PEP 440 for PyPI), the affected example must fall inside it and the other
outside — and the table is written sorted by ecosystem, package and id. `--check` only
says whether the shipped table is up to date (exit 1 when not).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "advisories" / "sources.json"
TABLE = ROOT / "mcpaudit" / "data" / "advisories.json"
REQUIRED = ("id", "ecosystem", "package", "affected", "severity", "summary", "url")
SEVERITIES = {"critical", "high", "medium", "low"}


def validate(record: dict) -> list[str]:
    """Problems with one record (empty when it is sound)."""
    sys.path.insert(0, str(ROOT))
    from mcpaudit.advisories import in_range

    problems = [f"missing {k}" for k in REQUIRED if not record.get(k)]
    if problems:
        return problems
    if record["ecosystem"] not in ("npm", "PyPI"):
        problems.append(f"unknown ecosystem {record['ecosystem']!r}")
    if record["severity"] not in SEVERITIES:
        problems.append(f"unknown severity {record['severity']!r}")
    if not record["url"].startswith("https://"):
        problems.append("the source URL is not https")
    examples = record.get("examples") or {}
    affected, clear = examples.get("affected"), examples.get("not_affected")
    malicious = bool(record.get("malicious")) or record["id"].startswith("MAL-")
    # A malicious package often has no clean release at all (the registry removed it):
    # then `not_affected` is null, and there must be no fixed version either.
    if not affected or (not clear and not malicious):
        problems.append("needs examples.affected and examples.not_affected")
        return problems
    if malicious and not clear and record.get("fixed"):
        problems.append("a fixed version but no clean example")
    eco, rng = record["ecosystem"], record["affected"]
    if not in_range(eco, rng, affected):
        problems.append(f"{affected} is not inside {rng!r}")
    if clear and in_range(eco, rng, clear):
        problems.append(f"{clear} is inside {rng!r}")
    fixed = record.get("fixed")
    if fixed and in_range(eco, rng, fixed):
        problems.append(f"the fixed version {fixed} is inside {rng!r}")
    return problems


def build() -> dict:
    sources = json.loads(SOURCES.read_text(encoding="utf-8"))
    records = sources["advisories"]
    errors = {r.get("id", "?"): validate(r) for r in records}
    errors = {k: v for k, v in errors.items() if v}
    ids = [r["id"] for r in records]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if errors or dupes:
        for rid, problems in errors.items():
            print(f"{rid}: {'; '.join(problems)}", file=sys.stderr)
        for rid in dupes:
            print(f"{rid}: listed twice", file=sys.stderr)
        raise SystemExit(2)
    records = sorted(records, key=lambda r: (r["ecosystem"], r["package"].lower(), r["id"]))
    current = json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else {}
    return {
        "about": current.get("about", sources.get("about", "")),
        "updated": sources.get("updated") or current.get("updated", ""),
        "sources": "scripts/advisories/sources.json, built by scripts/build_advisories.py",
        "advisories": records,
    }


def main(argv: list[str]) -> int:
    table = build()
    text = json.dumps(table, indent=2, ensure_ascii=False) + "\n"
    if "--check" in argv:
        same = TABLE.read_text(encoding="utf-8") == text
        print("advisory table is up to date" if same else "advisory table is stale")
        return 0 if same else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {len(table['advisories'])} advisories to {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
