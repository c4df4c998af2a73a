"""A finding's remediation fits its client (issue 16, point 4), through the real CLI.

The same literal token in five clients' real config files: each MCP101 tells the user the
way its own client refers to a secret kept elsewhere, and Claude Desktop (which passes
`env` literally) is sent to the keychain launcher instead of a `${env:NAME}` it cannot
read. After the partial fix (chmod 600), every output says what was done and what
remains: `fix`, the text report and the JSON report.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

TOKEN = "ghp_" + "Q7w3" * 9
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # chmod fix only


def _write(home: Path, rel: str, data: dict) -> Path:
    path = home / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2))
    path.chmod(0o644)
    return path


def _homes(home: Path) -> dict[str, Path]:
    entry = {"command": "gh-mcp", "env": {"GITHUB_TOKEN": TOKEN}}
    return {
        "claude-desktop": _write(
            home, ".config/Claude/claude_desktop_config.json", {"mcpServers": {"gh": entry}}
        ),
        "claude-code": _write(home, ".claude.json", {"mcpServers": {"gh": entry}}),
        "vscode": _write(home, ".config/Code/User/mcp.json", {"servers": {"gh": entry}}),
        "cursor": _write(home, ".cursor/mcp.json", {"mcpServers": {"gh": entry}}),
        "zed": _write(
            home,
            ".config/zed/settings.json",
            {"context_servers": {"gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": TOKEN}}}},
        ),
    }


def _mcp101(home: Path) -> dict[str, dict]:
    proc = run_cli("scan", "--format", "json", "--no-logs", home=home, env=NO_KEYRING)
    assert proc.returncode == 1, proc.stderr
    found = [f for f in json.loads(proc.stdout)["findings"] if f["rule_id"] == "MCP101"]
    return {f["client"]: f for f in found}


def test_each_client_is_told_its_own_reference_syntax(isolated_home: Path) -> None:
    _homes(isolated_home)
    by_client = _mcp101(isolated_home)
    assert set(by_client) == {"claude-desktop", "claude-code", "vscode", "cursor", "zed"}
    remedy = {c: f["remediation"] for c, f in by_client.items()}
    assert "`${NAME}`" in remedy["claude-code"] and "${env:" not in remedy["claude-code"]
    assert "`${input:name}`" in remedy["vscode"] and "`${env:NAME}`" in remedy["vscode"]
    assert "`${env:NAME}`" in remedy["cursor"] and "${input:" not in remedy["cursor"]
    for client in ("claude-desktop", "zed"):
        text = remedy[client]
        # No reference syntax at all for a client that would pass it on as literal text.
        assert "${" not in text and "{env:" not in text, text
        assert "passes `env` values to the server literally" in text
        assert "`mcpaudit run`" in text and "--rule MCP101" in text
        assert "until then `chmod 600` the file" in text


def test_after_the_chmod_every_output_says_what_was_done_and_what_remains(
    isolated_home: Path,
) -> None:
    homes = _homes(isolated_home)
    cfg = homes["claude-desktop"]
    for client, other in homes.items():
        if client != "claude-desktop":
            other.unlink()
    before = _mcp101(isolated_home)["claude-desktop"]
    assert before["fix"]["safe"] and "chmod 600" in before["fix"]["description"]

    fixed = run_cli(
        "fix", "--yes", "--rule", "MCP101", "--server", "gh", home=isolated_home, env=NO_KEYRING
    )
    assert fixed.returncode == 0, fixed.stderr
    assert cfg.stat().st_mode & 0o777 == 0o600
    said = fixed.stdout
    assert f"partly fixed: 1 secret(s) stay in their file ({cfg})" in said
    assert "Done: the file is now 0600, so other accounts cannot read it" in said
    assert "What remains: `mcpaudit fix --unsafe --rule MCP101`" in said

    after = _mcp101(isolated_home)["claude-desktop"]
    assert after["severity"] == "high" and after["fix"] is None  # the secret is still there
    assert after["remediation"].startswith(
        "The file is already private to you (0600): other accounts cannot read it, but the "
        "secret is still in it."
    )
    assert "`mcpaudit run`" in after["remediation"]
    assert "until then `chmod 600`" not in after["remediation"]  # that part is done

    text = run_cli("scan", "--no-logs", home=isolated_home, env=NO_KEYRING).stdout
    block = text[text.index("MCP101 Literal secret in a server's env [claude-desktop/gh]") :]
    todo = next(line for line in block.splitlines() if line.strip().startswith("to do:"))
    # The text report says what remains, whole, without Markdown's backticks.
    assert "already private to you (0600)" in todo and "mcpaudit run (mcpaudit fix" in todo
    assert "`" not in todo and "…" not in todo


def test_approval_remediation_names_only_the_clients_own_switch(isolated_home: Path) -> None:
    _write(isolated_home, ".config/goose/config.yaml", {})  # a JSON object is valid YAML
    (isolated_home / ".config/goose/config.yaml").write_text(
        "GOOSE_MODE: auto\nextensions:\n  gh:\n    type: stdio\n    cmd: gh-mcp\n"
    )
    _write(isolated_home, ".codex/config.toml", {})
    (isolated_home / ".codex/config.toml").write_text('approval_policy = "never"\n')
    proc = run_cli("scan", "--format", "json", "--no-logs", home=isolated_home)
    found = {
        f["client"]: f["remediation"]
        for f in json.loads(proc.stdout)["findings"]
        if f["rule_id"] == "MCP603"
    }
    assert found["goose"] == "Set `GOOSE_MODE` to `approve` or `smart_approve`."
    assert found["codex"] == 'Set `approval_policy = "on-request"`.'
