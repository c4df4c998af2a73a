"""Regenerate docs/rules/ from the rule registry: `python scripts/gen_rule_docs.py`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mcpaudit.rules.docs import write_pages  # noqa: E402

if __name__ == "__main__":
    changed = write_pages(ROOT / "docs" / "rules")
    print("\n".join(f"updated docs/rules/{name}" for name in changed) or "docs/rules is up to date")
