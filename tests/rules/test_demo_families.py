"""`mcpaudit --demo scan` shows findings from every static rule family."""

from __future__ import annotations

import json

from tests.conftest import run_cli

STATIC_CATEGORIES = {
    "secret_in_config",
    "secret_in_args",
    "unpinned_package",
    "known_vulnerable_package",
    "shell_command",
    "dangerous_docker",
    "broad_filesystem",
    "insecure_transport",
    "auto_approve",
    "toxic_flow",
}


def test_demo_shows_every_static_family(isolated_home) -> None:
    proc = run_cli("--demo", "scan", "--format", "json", "--fail-on", "never", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    families = {f["rule_id"][:4] for f in findings}
    assert {"MCP1", "MCP2", "MCP3", "MCP4", "MCP6"} <= families
    assert {f["category"] for f in findings} >= STATIC_CATEGORIES
    by_rule = {(f["rule_id"], f["server"]): f for f in findings}
    assert by_rule[("MCP302", "devtools-bootstrap")]["severity"] == "high"
    assert by_rule[("MCP310", "devbox")]["location"]["pointer"] == "/mcpServers/devbox/args/3"
    vulnerable = by_rule[("MCP210", "jira-onprem")]
    assert vulnerable["severity"] == "critical" and "CVE-2025-6514" in vulnerable["message"]
    assert by_rule[("MCP401", "jira-onprem")]["location"]["line"] == 30


def test_demo_text_report_names_the_risky_servers(isolated_home) -> None:
    out = run_cli("--demo", "scan", home=isolated_home).stdout
    for needle in ("MCP302", "devtools-bootstrap", "MCP311", "Docker socket", "MCP401", "MCP603"):
        assert needle in out
