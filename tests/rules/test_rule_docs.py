"""docs/rules/ is generated from the registry and must be up to date; every rule is documented."""

from __future__ import annotations

import json

from mcpaudit.model import CATEGORIES
from mcpaudit.rules.docs import pages
from mcpaudit.rules.registry import load_all
from tests.conftest import REPO, run_cli

DOCS = REPO / "docs" / "rules"


def test_rule_docs_are_up_to_date() -> None:
    wanted = pages()
    stale = [
        n
        for n, text in wanted.items()
        if not (DOCS / n).exists() or (DOCS / n).read_text(encoding="utf-8") != text
    ]
    extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in wanted)
    assert stale == [] and extra == [], (
        "run `python scripts/gen_rule_docs.py` and commit docs/rules/"
    )


def test_every_rule_is_documented_with_a_stable_id() -> None:
    for r in load_all().values():
        assert r.id.startswith("MCP") and len(r.id) == 6 and r.id[3:].isdigit()
        assert r.category in CATEGORIES
        assert len(r.rationale) > 80 and r.remediation, r.id


def test_rules_command_lists_the_static_families(isolated_home) -> None:
    proc = run_cli("rules", "--format", "json", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    listed = {r["id"]: r for r in json.loads(proc.stdout)}
    for rid in (
        "MCP101",
        "MCP201",
        "MCP210",
        "MCP301",
        "MCP311",
        "MCP320",
        "MCP401",
        "MCP601",
        "MCP610",
    ):
        assert rid in listed
    assert listed["MCP210"]["category"] == "known_vulnerable_package"
    text = run_cli("rules", home=isolated_home).stdout
    assert "MCP302" in text and "download" in text.lower()
