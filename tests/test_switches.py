"""On/off switches kept outside a server's entry: each turns the right server off, as the
client would, seen through a real scan (the JSON report's server entry, and MCP610).

The lethal-trifecta rule (MCP610) skips disabled servers: `fs` reads private files and
`fetch` reads untrusted pages and sends data out, so together they fire it — and switching
either one off must silence it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcpaudit.clients.catalog import BY_ID
from mcpaudit.clients.discover import Bases, candidates
from mcpaudit.clients.switches import resolve
from mcpaudit.config.validate import load_schema
from mcpaudit.report import render
from mcpaudit.scan import ScanOptions, load_config_file, scan
from tests.conftest import run_cli

FS = {
    "command": "npx",
    "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/srv/app"],
}
FETCH = {"command": "uvx", "args": ["mcp-server-fetch==2025.4.7"]}
PAIR = {"fs": FS, "fetch": FETCH}
SCHEMA = load_schema("report.schema.json")


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    return path


def report(home: Path, project: Path | None = None, **env: str) -> dict[str, Any]:
    """A real scan of `home`, rendered as the JSON report and checked against its schema."""
    result = scan(ScanOptions(env={"HOME": str(home), "PATH": "", **env}, project=project))
    out = json.loads(render(result, "json"))
    jsonschema.validate(out, SCHEMA)
    return out


def servers(rep: dict[str, Any], client: str) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in rep["servers"] if s["client"] == client}


def fired(rep: dict[str, Any], rule: str = "MCP610") -> bool:
    return any(f["rule_id"] == rule for f in rep["findings"])


def notes(rep: dict[str, Any]) -> str:
    return "\n".join(rep["scan"].get("notes", []))


# --- Claude Code: ~/.claude.json projects[<dir>].disabledMcpServers ----------------------


def test_local_servers_switched_off_in_their_project(isolated_home: Path) -> None:
    app, other = str(isolated_home / "app"), str(isolated_home / "other")
    state = {"projects": {app: {"mcpServers": PAIR}, other: {"mcpServers": {"fetch": FETCH}}}}
    write(isolated_home / ".claude.json", state)
    before = report(isolated_home)
    assert fired(before)
    assert not any(s["disabled"] for s in before["servers"])

    state["projects"][app]["disabledMcpServers"] = ["fetch"]
    write(isolated_home / ".claude.json", state)
    after = report(isolated_home)
    by = {(s["project"], s["name"]): s for s in after["servers"]}
    off = by[(app, "fetch")]
    assert off["disabled"] is True
    assert (
        off["disabled_by"] == f"projects[{app}].disabledMcpServers in {isolated_home}/.claude.json"
    )
    # The same name in another project, and the other server of the project, still run.
    assert by[(other, "fetch")]["disabled"] is False
    assert by[(app, "fs")]["disabled"] is False and by[(app, "fs")]["disabled_by"] is None
    assert not fired(after)


def test_user_server_off_in_one_project_stays_active_and_says_where(isolated_home: Path) -> None:
    app, lib = str(isolated_home / "app"), str(isolated_home / "lib")
    state = {
        "mcpServers": PAIR,
        "projects": {
            app: {"disabledMcpServers": ["fetch"]},
            lib: {"disabledMcpServers": ["fetch", "not-configured"]},
            str(isolated_home / "x"): {"disabledMcpServers": []},
        },
    }
    write(isolated_home / ".claude.json", state)
    rep = report(isolated_home)
    fetch, fs = servers(rep, "claude-code")["fetch"], servers(rep, "claude-code")["fs"]
    # A new project would start it: it is not off everywhere it applies.
    assert fetch["disabled"] is False and fetch["disabled_by"] is None
    assert fetch["disabled_in"] == [app, lib]
    assert fs["disabled_in"] == []
    assert fired(rep)


# --- Claude Code: .mcp.json approval ------------------------------------------------------


def _project(home: Path) -> Path:
    project = home / "work" / "app"
    write(project / ".mcp.json", {"mcpServers": PAIR})
    return project


def test_unapproved_mcp_json_servers_are_not_started(isolated_home: Path) -> None:
    project = _project(isolated_home)
    rep = report(isolated_home, project)
    found = servers(rep, "claude-code")
    assert {n: s["disabled"] for n, s in found.items()} == {"fs": True, "fetch": True}
    assert "not approved" in found["fetch"]["disabled_by"]
    # One key press runs them together: the combination is still reported.
    assert fired(rep)


@pytest.mark.parametrize(
    "where, settings",
    [
        (".claude/settings.local.json", {"enabledMcpjsonServers": ["fs", "fetch"]}),
        ("~/.claude/settings.json", {"enableAllProjectMcpServers": True}),
        ("~/.claude.json", None),  # projects[<dir>].enabledMcpjsonServers
    ],
)
def test_approved_mcp_json_servers_run(isolated_home: Path, where: str, settings: Any) -> None:
    project = _project(isolated_home)
    if where == "~/.claude.json":
        # Keys are matched as directories: a trailing slash (or a Windows backslash) is fine.
        state = {"projects": {f"{project}/": {"enabledMcpjsonServers": ["fs", "fetch"]}}}
        write(isolated_home / ".claude.json", state)
    elif where.startswith("~/"):
        write(isolated_home / where[2:], settings)
    else:
        write(project / where, settings)
    rep = report(isolated_home, project)
    assert not any(s["disabled"] for s in servers(rep, "claude-code").values())
    assert fired(rep)


def test_rejected_mcp_json_server_stays_off_even_when_all_are_approved(
    isolated_home: Path,
) -> None:
    project = _project(isolated_home)
    write(isolated_home / ".claude/settings.json", {"enableAllProjectMcpServers": True})
    local = write(project / ".claude/settings.local.json", {"disabledMcpjsonServers": ["fetch"]})
    rep = report(isolated_home, project)
    found = servers(rep, "claude-code")
    assert found["fetch"]["disabled"] is True
    assert found["fetch"]["disabled_by"] == f"disabledMcpjsonServers in {local}"
    assert found["fs"]["disabled"] is False
    assert not fired(rep)


def test_shared_project_settings_approve_only_after_workspace_trust(isolated_home: Path) -> None:
    project = _project(isolated_home)
    write(project / ".claude/settings.json", {"enableAllProjectMcpServers": True})
    untrusted = report(isolated_home, project)
    assert all(s["disabled"] for s in servers(untrusted, "claude-code").values())

    write(
        isolated_home / ".claude.json",
        {"projects": {str(project): {"hasTrustDialogAccepted": True}}},
    )
    trusted = report(isolated_home, project)
    assert not any(s["disabled"] for s in servers(trusted, "claude-code").values())
    assert fired(trusted)


def test_switches_under_claude_config_dir(isolated_home: Path) -> None:
    project, config = _project(isolated_home), isolated_home / "cfg"
    app = str(isolated_home / "app")
    write(
        config / ".claude.json",
        {"projects": {app: {"mcpServers": PAIR, "disabledMcpServers": ["fs"]}}},
    )
    write(config / "settings.json", {"enableAllProjectMcpServers": True})
    rep = report(isolated_home, project, CLAUDE_CONFIG_DIR=str(config))
    state = {(s.get("project"), s["name"]): s["disabled"] for s in servers_list(rep)}
    # The .mcp.json servers say which project they belong to too (issue 14).
    assert state == {
        (app, "fs"): True,
        (app, "fetch"): False,
        (str(project), "fs"): False,
        (str(project), "fetch"): False,
    }


def servers_list(rep: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in rep["servers"] if s["client"] == "claude-code"]


def test_malformed_claude_switches_are_noted_and_ignored(isolated_home: Path) -> None:
    project = _project(isolated_home)
    app = str(isolated_home / "app")
    state = {
        "projects": {
            app: {"mcpServers": PAIR, "disabledMcpServers": "fetch"},
            str(project): {"enabledMcpjsonServers": {"fs": True}, "disabledMcpjsonServers": [1]},
            str(isolated_home / "junk"): "not an object",
            str(isolated_home / "nulls"): {"disabledMcpServers": [None, 3, "nomatch"]},
        }
    }
    write(isolated_home / ".claude.json", state)
    write(project / ".claude/settings.local.json", {"enabledMcpjsonServers": 5})
    rep = report(isolated_home, project)
    local = {s["name"]: s for s in rep["servers"] if s.get("project") == app}
    assert not local["fetch"]["disabled"] and not local["fs"]["disabled"]
    mcpjson = [s for s in rep["servers"] if s["file"].endswith(".mcp.json")]
    assert all(s["disabled"] and "not approved" in s["disabled_by"] for s in mcpjson)
    text = notes(rep)
    assert f"projects[{app}].disabledMcpServers in" in text and "should be a list" in text
    assert "enabledMcpjsonServers in" in text


def test_malformed_projects_through_the_cli(isolated_home: Path) -> None:
    write(isolated_home / ".claude.json", {"mcpServers": PAIR, "projects": ["not", "a", "map"]})
    proc = run_cli("scan", "--format", "json", "--fail-on", "never", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    rep = json.loads(proc.stdout)
    jsonschema.validate(rep, SCHEMA)
    assert not any(s["disabled"] for s in rep["servers"])


# --- Gemini CLI -------------------------------------------------------------------------


def _gemini(home: Path, settings: dict[str, Any], servers_: dict[str, Any] = PAIR) -> Path:
    return write(home / ".gemini/settings.json", {"mcpServers": servers_, **settings})


def test_gemini_excluded_turns_the_server_off(isolated_home: Path) -> None:
    _gemini(isolated_home, {})
    assert fired(report(isolated_home))
    path = _gemini(isolated_home, {"mcp": {"excluded": ["FETCH "]}})  # matched like Gemini
    rep = report(isolated_home)
    found = servers(rep, "gemini-cli")
    assert found["fetch"]["disabled"] is True
    assert found["fetch"]["disabled_by"] == f"mcp.excluded in {path}"
    assert found["fs"]["disabled"] is False
    assert not fired(rep)


def test_gemini_allowed_list_turns_off_everything_else(isolated_home: Path) -> None:
    path = _gemini(isolated_home, {"mcp": {"allowed": ["fs"]}})
    rep = report(isolated_home)
    found = servers(rep, "gemini-cli")
    assert found["fetch"]["disabled_by"] == f"mcp.allowed in {path} does not list it"
    assert found["fs"]["disabled"] is False
    assert not fired(rep)
    _gemini(isolated_home, {"mcp": {"allowed": []}})  # empty: no restriction
    assert not any(s["disabled"] for s in servers(report(isolated_home), "gemini-cli").values())


def test_gemini_enablement_file(isolated_home: Path) -> None:
    _gemini(isolated_home, {}, {"fs": FS, "Fetch": FETCH})
    path = write(
        isolated_home / ".gemini/mcp-server-enablement.json",
        {"fetch": {"enabled": False}, "fs": {"enabled": True}, "gone": {"enabled": False}},
    )
    rep = report(isolated_home)
    found = servers(rep, "gemini-cli")
    assert found["Fetch"]["disabled"] is True
    assert found["Fetch"]["disabled_by"] == f"enabled: false in {path} (gemini mcp disable)"
    assert found["fs"]["disabled"] is False
    assert not fired(rep)


def test_gemini_workspace_list_applies_in_its_project_only(isolated_home: Path) -> None:
    project = isolated_home / "app"
    _gemini(isolated_home, {})
    write(project / ".gemini/settings.json", {"mcp": {"excluded": ["fetch"]}})
    found = servers(report(isolated_home, project), "gemini-cli")
    assert found["fetch"]["disabled"] is False
    assert found["fetch"]["disabled_in"] == [str(project)]

    # The workspace list replaces the user's: excluded everywhere but in this project.
    _gemini(isolated_home, {"mcp": {"excluded": ["fetch"]}})
    write(project / ".gemini/settings.json", {"mcp": {"excluded": []}})
    found = servers(report(isolated_home, project), "gemini-cli")
    assert found["fetch"]["disabled"] is False
    assert found["fetch"]["disabled_in"] == [f"outside {project}"]

    # Off both ways: disabled.
    write(project / ".gemini/settings.json", {"mcp": {"excluded": ["fetch", "fs"]}})
    found = servers(report(isolated_home, project), "gemini-cli")
    assert found["fetch"]["disabled"] is True and found["fs"]["disabled_in"] == [str(project)]


def test_malformed_gemini_switches_are_noted_and_ignored(isolated_home: Path) -> None:
    _gemini(isolated_home, {"mcp": {"excluded": "fetch", "allowed": {"fs": 1}}})
    write(isolated_home / ".gemini/mcp-server-enablement.json", {"fetch": True, "fs": []})
    rep = report(isolated_home)
    assert not any(s["disabled"] for s in servers(rep, "gemini-cli").values())
    assert fired(rep)
    text = notes(rep)
    assert "mcp.excluded in" in text and "mcp.allowed in" in text
    assert "entry 'fetch' in" in text

    _gemini(isolated_home, {"mcp": ["x"]})
    write(isolated_home / ".gemini/mcp-server-enablement.json", ["fetch"])
    rep = report(isolated_home)
    assert not any(s["disabled"] for s in servers(rep, "gemini-cli").values())
    assert "mcp in" in notes(rep)


# --- entry flags: only where the client reads them ----------------------------------------


def test_entry_flags_count_only_for_clients_that_read_them(isolated_home: Path) -> None:
    off = {"fs": FS, "fetch": {**FETCH, "disabled": True}}
    write(isolated_home / ".copilot/mcp-config.json", {"mcpServers": off})
    cline = write(
        isolated_home / ".cline/data/settings/cline_mcp_settings.json", {"mcpServers": off}
    )
    rep = report(isolated_home)
    # Copilot CLI ignores `disabled: true` (github/copilot-cli#3582): it still runs.
    assert servers(rep, "copilot-cli")["fetch"]["disabled"] is False
    assert "copilot-cli: 1 server(s) carry `disabled: true`" in notes(rep)
    assert [f["client"] for f in rep["findings"] if f["rule_id"] == "MCP610"] == ["copilot-cli"]
    fetch = servers(rep, "cline")["fetch"]
    assert fetch["disabled"] is True and fetch["disabled_by"] == f"disabled: true in {cline}"


def test_trifecta_only_among_servers_that_run_together(isolated_home: Path) -> None:
    app, lib = str(isolated_home / "app"), str(isolated_home / "lib")
    # fs in one project, fetch in another: Claude Code never runs them together.
    state = {"projects": {app: {"mcpServers": {"fs": FS}}, lib: {"mcpServers": {"fetch": FETCH}}}}
    write(isolated_home / ".claude.json", state)
    assert not fired(report(isolated_home))

    # A user-scope fs joins every project, except one that switches it off.
    state["mcpServers"] = {"fs": FS}
    write(isolated_home / ".claude.json", state)
    [finding] = [f for f in report(isolated_home)["findings"] if f["rule_id"] == "MCP610"]
    assert f"in project {lib}" in finding["message"] and finding["server"] == "fetch"
    state["projects"][lib]["disabledMcpServers"] = ["fs"]
    write(isolated_home / ".claude.json", state)
    assert not fired(report(isolated_home))


def test_disable_command_uses_the_switch_that_turns_the_server_off(isolated_home: Path) -> None:
    app = str(isolated_home / "app")
    state = {"mcpServers": {"fs": FS}, "projects": {app: {"mcpServers": {"fetch": FETCH}}}}
    path = write(isolated_home / ".claude.json", state)
    proc = run_cli("disable", "fetch", "--yes", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(path.read_text())["projects"][app]["disabledMcpServers"] == ["fetch"]
    fetch = servers(report(isolated_home), "claude-code")["fetch"]
    assert fetch["disabled"] is True and "disabledMcpServers" in fetch["disabled_by"]
    again = run_cli("disable", "fetch", "--yes", home=isolated_home)
    assert again.returncode == 0 and "already disabled: fetch (projects[" in again.stdout

    # A user-scope server would still start in other projects: it is quarantined instead.
    proc = run_cli("disable", "fs", "--yes", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert "fs" not in json.loads(path.read_text()).get("mcpServers", {})
    assert "fs" not in servers(report(isolated_home), "claude-code")


# --- severities: risks that need the server running are lowered when it is off -------------

UNPINNED = {"command": "npx", "args": ["-y", "@acme/mcp-server-tickets"]}
LOWER = {"critical": "high", "high": "medium", "medium": "low", "low": "info"}


def _mcp201(rep: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in rep["findings"] if f["rule_id"] == "MCP201" and f["server"] == name)


def test_runtime_findings_of_a_disabled_server_are_one_step_lower(isolated_home: Path) -> None:
    path = isolated_home / ".cline/data/settings/cline_mcp_settings.json"
    on_off = {"on": UNPINNED, "off": {**UNPINNED, "disabled": True}}
    write(path, {"mcpServers": on_off})
    rep = report(isolated_home)
    on, off = _mcp201(rep, "on"), _mcp201(rep, "off")
    assert off["severity"] == LOWER[on["severity"]]
    assert off["message"].endswith(f"(lowered: the server is off, disabled: true in {path})")
    assert "lowered" not in on["message"]


def test_a_server_waiting_for_approval_keeps_its_severity(isolated_home: Path) -> None:
    project = isolated_home / "app"
    write(project / ".mcp.json", {"mcpServers": {"tickets": UNPINNED}})
    write(isolated_home / ".cursor/mcp.json", {"mcpServers": {"tickets": UNPINNED}})
    rep = report(isolated_home, project)
    pending = next(s for s in servers_list(rep) if s["name"] == "tickets")
    assert pending["disabled"] is True
    found = [f for f in rep["findings"] if f["rule_id"] == "MCP201"]
    assert len(found) == 2 and len({f["severity"] for f in found}) == 1
    assert not any("lowered" in f["message"] for f in found)


# --- any shape in a switch position: never a crash, servers still reported -------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


NAMES = st.lists(st.sampled_from(["fs", "fetch", "FETCH ", "", 1, None]), max_size=4)


@settings(max_examples=60)
@given(
    project_switches=JSON | NAMES,
    settings_value=JSON | NAMES,
    mcp=JSON | st.fixed_dictionaries({"allowed": JSON | NAMES, "excluded": JSON | NAMES}),
    enablement=JSON | st.dictionaries(st.sampled_from(["fs", "fetch", "ext:x:fs"]), JSON),
)
def test_any_switch_shape_is_survived(
    tmp_path_factory: pytest.TempPathFactory,
    project_switches: Any,
    settings_value: Any,
    mcp: Any,
    enablement: Any,
) -> None:
    home = tmp_path_factory.mktemp("home")
    project = home / "app"
    write(project / ".mcp.json", {"mcpServers": PAIR})
    state = {
        "mcpServers": PAIR,
        "projects": {
            str(home / "x"): {"mcpServers": PAIR, "disabledMcpServers": project_switches},
            str(project): {"enabledMcpjsonServers": project_switches, "history": []},
            str(home / "y"): project_switches,
        },
    }
    write(home / ".claude.json", state)
    write(project / ".claude/settings.local.json", {"disabledMcpjsonServers": settings_value})
    write(home / ".gemini/settings.json", {"mcpServers": PAIR, "mcp": mcp})
    write(home / ".gemini/mcp-server-enablement.json", enablement)
    files, found = [], []
    for client in (BY_ID["claude-code"], BY_ID["gemini-cli"]):
        for cand in candidates(Bases.from_env({"HOME": str(home)}), project, "linux", (client,)):
            if not cand.unmatched_glob:
                cfg, servers_ = load_config_file(client, cand.spec, cand.path)
                files.append(cfg)
                found.extend(servers_)
    resolved, _ = resolve(tuple(found), files)
    assert len(resolved) == len(found) == 8
    # A list of names is the only shape that can switch a local server off.
    if not isinstance(project_switches, list):
        assert not any(s.disabled for s in resolved if s.project == str(home / "x"))
