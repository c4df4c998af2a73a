"""Every fix's safety matches the documented table (issue 16, point 14): safe means the
client behaves as before. Checked on the fixes the bundled demo really gets."""

from __future__ import annotations

import json
from pathlib import Path

from mcpaudit.demo import DEMO_PROJECT, materialize
from mcpaudit.fix.safety import kind_of, lookup
from tests.conftest import run_cli


def _fixes(tmp_path: Path) -> list[dict]:  # type: ignore[type-arg]
    home = materialize(tmp_path / "demo")
    proc = run_cli(
        "scan",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--project",
        str(home / DEMO_PROJECT),
        home=home,
    )
    assert proc.returncode == 0, proc.stderr
    return [f for f in json.loads(proc.stdout)["findings"] if f["fix"]]


def test_every_fix_has_a_documented_safety_and_honours_it(tmp_path: Path) -> None:
    fixes = _fixes(tmp_path)
    assert len(fixes) >= 20
    for f in fixes:
        kind = kind_of(f["fix"]["id"], f["rule_id"])
        found = lookup(f["rule_id"], f["category"], kind)
        assert found is not None, (f["rule_id"], kind)
        assert f["fix"]["safe"] is found[0], (f["rule_id"], kind, f["fix"]["description"])


def test_fixes_that_change_behaviour_are_unsafe(tmp_path: Path) -> None:
    by_rule = {(f["rule_id"], f["fix"]["description"]): f["fix"]["safe"] for f in _fixes(tmp_path)}
    project = [safe for (rule, d), safe in by_rule.items() if "enableAllProjectMcpServers" in d]
    assert project == [False]  # project servers stop starting until approved
    assert all(not s for (rule, _d), s in by_rule.items() if rule == "MCP603")
    assert any(s for (rule, _d), s in by_rule.items() if rule == "MCP601")


def test_the_rule_pages_say_why(tmp_path: Path) -> None:
    from mcpaudit.rules.docs import pages

    page = pages()["MCP604.md"]
    assert "## Fix safety" in page and "`off` is **unsafe**: project servers" in page
    assert "`chmod` is **safe**" in pages()["MCP110.md"]
