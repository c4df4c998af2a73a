"""Regenerate the `files` pattern of .pre-commit-hooks.yaml from the client catalogue:
`python scripts/gen_pre_commit_hook.py` (a test fails when the two differ)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mcpaudit.clients.project_files import pre_commit_pattern  # noqa: E402

HOOKS = ROOT / ".pre-commit-hooks.yaml"

if __name__ == "__main__":
    text = HOOKS.read_text()
    new = re.sub(r"(?m)^  files: .*$", lambda _: f"  files: '{pre_commit_pattern()}'", text)
    HOOKS.write_text(new)
    print(
        "updated .pre-commit-hooks.yaml" if new != text else ".pre-commit-hooks.yaml is up to date"
    )
