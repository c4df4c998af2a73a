"""Each fix provider on real client files: the fix offered, and the file after applying it."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from mcpaudit.fix import FixContext, apply, plan_fixes, propose, quarantined, restore, undo_last
from mcpaudit.fix.secretstore import EnvFileStore, env_file_path
from mcpaudit.model import ScanResult

from .helpers import finding, scan_home, write

SECRET = "ghp_EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000"


def fixed(result: ScanResult, f, **ctx_kw):  # type: ignore[no-untyped-def]
    """Propose, plan and apply the fix for finding `f`; return the fix."""
    fx = propose(f, FixContext.from_result(result, **ctx_kw))
    assert fx is not None, f"no fix offered for {f.category} at {f.location.pointer}"
    plan = plan_fixes([fx], result)
    assert not plan.skipped, plan.skipped
    apply(plan, EnvFileStore(env_file_path()))
    return fx


def json_server(rel: str, servers: dict, key: str = "mcpServers") -> str:  # type: ignore[type-arg]
    return json.dumps({key: servers}, indent=2) + "\n"


# ------------------------------------------------------------------- secrets
@pytest.mark.parametrize(
    ("rel", "client_ref"),
    [
        (".cursor/mcp.json", "${env:GITHUB_TOKEN}"),
        (".claude.json", "${GITHUB_TOKEN}"),
        (".codeium/windsurf/mcp_config.json", "${env:GITHUB_TOKEN}"),
        (".gemini/settings.json", "$GITHUB_TOKEN"),
    ],
)
def test_secret_in_env_becomes_the_clients_reference(
    isolated_home: Path, rel: str, client_ref: str
) -> None:
    path = write(
        isolated_home,
        rel,
        json_server(
            rel,
            {
                "gh": {
                    "command": "npx",
                    "args": ["-y", "server-github"],
                    "env": {"GITHUB_TOKEN": SECRET},
                }
            },
        ),
    )
    result = scan_home(isolated_home)
    f = finding(result, path, "/mcpServers/gh/env/GITHUB_TOKEN", "secret_in_config")
    fx = fixed(result, f)
    assert not fx.safe
    data = json.loads(path.read_text())
    assert data["mcpServers"]["gh"]["env"]["GITHUB_TOKEN"] == client_ref
    assert SECRET not in path.read_text()
    env_file = env_file_path()
    assert f"export GITHUB_TOKEN={SECRET}" in env_file.read_text()
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert SECRET not in fx.description


def test_vscode_secret_becomes_an_input_with_password(isolated_home: Path) -> None:
    rel = ".config/Code/User/mcp.json"
    text = """{
  // VS Code
  "servers": {
    "gh": {
      "type": "http",
      "url": "https://api.example.com/mcp",
      "headers": {"Authorization": "Bearer SECRET_HERE"},
    },
  },
}
""".replace("SECRET_HERE", SECRET)
    path = write(isolated_home, rel, text)
    result = scan_home(isolated_home)
    f = finding(result, path, "/servers/gh/headers/Authorization", "secret_in_config")
    fixed(result, f)
    new = path.read_text()
    assert '"Authorization": "Bearer ${input:gh-authorization}"' in new
    # comments, trailing commas and the layout of everything else are kept
    assert new == text.replace(f"Bearer {SECRET}", "Bearer ${input:gh-authorization}").replace(
        "  },\n}\n",
        """  },
  "inputs": [
    {
      "type": "promptString",
      "id": "gh-authorization",
      "description": "GH_AUTHORIZATION for MCP server gh",
      "password": true
    }
  ],
}
""",
    )
    from mcpaudit.config.jsonpos import strip_jsonc

    data = json.loads(strip_jsonc(new))
    assert data["inputs"] == [
        {
            "type": "promptString",
            "id": "gh-authorization",
            "description": "GH_AUTHORIZATION for MCP server gh",
            "password": True,
        }
    ]
    assert SECRET not in new


def test_codex_env_secret_moves_to_env_vars(isolated_home: Path) -> None:
    text = (
        '# codex\n[mcp_servers.ctx]\ncommand = "npx"\nargs = ["-y", "ctx"]\n\n'
        f'[mcp_servers.ctx.env]\nAPI_KEY = "{SECRET}"  # inline\nLOG = "warn"\n'
    )
    path = write(isolated_home, ".codex/config.toml", text)
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcp_servers/ctx/env/API_KEY", "secret_in_config"))
    new = path.read_text()
    data = tomllib.loads(new)
    assert data["mcp_servers"]["ctx"]["env_vars"] == ["API_KEY"]
    assert data["mcp_servers"]["ctx"]["env"] == {"LOG": "warn"}
    assert new.startswith("# codex\n") and SECRET not in new


def test_goose_env_secret_moves_to_env_keys(isolated_home: Path) -> None:
    text = (
        "# goose\nextensions:\n  gh:\n    name: gh\n    enabled: true\n    type: stdio\n"
        "    cmd: npx\n    args:\n    - -y\n    - server-github\n"
        f"    envs:\n      GITHUB_TOKEN: {SECRET}\n    timeout: 300  # seconds\n"
    )
    path = write(isolated_home, ".config/goose/config.yaml", text)
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/extensions/gh/envs/GITHUB_TOKEN", "secret_in_config"))
    new = path.read_text()
    data = YAML(typ="safe").load(new)
    assert data["extensions"]["gh"]["env_keys"] == ["GITHUB_TOKEN"]
    assert data["extensions"]["gh"]["envs"] == {}
    assert "timeout: 300  # seconds" in new and new.startswith("# goose\n")


def test_secret_in_args_uses_the_reference_inside_the_argument(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        ".claude.json",
        json_server(
            ".claude.json",
            {"api": {"command": "npx", "args": ["-y", "api-server", f"--token={SECRET}"]}},
        ),
    )
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcpServers/api/args/2", "secret_in_args"))
    args = json.loads(path.read_text())["mcpServers"]["api"]["args"]
    assert args == ["-y", "api-server", "--token=${API_TOKEN}"]


def test_client_without_references_gets_chmod_with_an_honest_description(
    isolated_home: Path,
) -> None:
    rel = ".config/Claude/claude_desktop_config.json"
    path = write(
        isolated_home,
        rel,
        json_server(rel, {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": SECRET}}}),
        mode=0o644,
    )
    result = scan_home(isolated_home)
    fx = fixed(result, finding(result, path, "/mcpServers/gh/env/GITHUB_TOKEN", "secret_in_config"))
    assert fx.safe
    assert "stays in the file" in fx.description and "not programs running as you" in fx.description
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --------------------------------------------------------------- the others
def test_permissions_fix_is_chmod_600(isolated_home: Path) -> None:
    path = write(isolated_home, ".cursor/mcp.json", json_server("", {}), mode=0o666)
    result = scan_home(isolated_home)
    fx = fixed(result, finding(result, path, "", "config_permissions"))
    assert fx.safe and "chmod 600" in fx.description
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_auto_approve_list_is_removed(isolated_home: Path) -> None:
    rel = ".cline/data/settings/cline_mcp_settings.json"
    path = write(
        isolated_home,
        rel,
        json_server(rel, {"s": {"command": "npx", "autoApprove": ["a", "b"], "disabled": False}}),
    )
    result = scan_home(isolated_home)
    fx = fixed(result, finding(result, path, "/mcpServers/s/autoApprove", "auto_approve"))
    assert fx.safe
    assert json.loads(path.read_text())["mcpServers"]["s"] == {"command": "npx", "disabled": False}


def test_gemini_trust_is_switched_off(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        ".gemini/settings.json",
        json_server("", {"py": {"command": "python", "trust": True}}),
    )
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcpServers/py/trust", "auto_approve"))
    assert json.loads(path.read_text())["mcpServers"]["py"]["trust"] is False


def test_codex_approval_mode_goes_back_to_prompt(isolated_home: Path) -> None:
    text = (
        '[mcp_servers.lin]\nurl = "https://x.example/mcp"\n'
        'default_tools_approval_mode = "approve"\n'
    )
    path = write(isolated_home, ".codex/config.toml", text)
    result = scan_home(isolated_home)
    fixed(
        result,
        finding(result, path, "/mcp_servers/lin/default_tools_approval_mode", "auto_approve"),
    )
    assert path.read_text() == text.replace('"approve"', '"prompt"')


def test_http_becomes_https(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        ".cursor/mcp.json",
        json_server("", {"r": {"url": "http://mcp.example.com/sse"}}),
    )
    result = scan_home(isolated_home)
    fx = fixed(result, finding(result, path, "/mcpServers/r/url", "insecure_transport"))
    assert not fx.safe
    assert json.loads(path.read_text())["mcpServers"]["r"]["url"] == "https://mcp.example.com/sse"


def test_broad_filesystem_is_narrowed_to_the_folder_the_user_chose(isolated_home: Path) -> None:
    project = isolated_home / "projects" / "app"
    project.mkdir(parents=True)
    path = write(
        isolated_home,
        ".cursor/mcp.json",
        json_server(
            "",
            {
                "fs": {
                    "command": "npx",
                    "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"],
                }
            },
        ),
    )
    result = scan_home(isolated_home, project)
    f = finding(result, path, "/mcpServers/fs/args/2", "broad_filesystem")
    # No default target: not the project, not where you stand (issue 16).
    assert propose(f, FixContext.from_result(result)) is None
    fixed(result, f, narrow_to=str(project))
    assert json.loads(path.read_text())["mcpServers"]["fs"]["args"][2] == str(project)


def test_dangerous_docker_flags_are_dropped(isolated_home: Path) -> None:
    args = [
        "run",
        "-i",
        "--rm",
        "--privileged",
        "-v",
        "/var/run/docker.sock:/var/run/docker.sock",
        "--network=host",
        "ghcr.io/example/server",
    ]
    path = write(
        isolated_home,
        ".cursor/mcp.json",
        json_server("", {"d": {"command": "docker", "args": args}}),
    )
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcpServers/d", "dangerous_docker"))
    assert json.loads(path.read_text())["mcpServers"]["d"]["args"] == [
        "run",
        "--cap-drop=ALL",
        "-i",
        "--rm",
        "ghcr.io/example/server",
    ]


def test_unpinned_package_is_pinned_to_the_npx_cache_version(isolated_home: Path) -> None:
    cached = isolated_home / ".npm/_npx/abc123/node_modules/@scope/server/package.json"
    cached.parent.mkdir(parents=True)
    cached.write_text(json.dumps({"name": "@scope/server", "version": "1.4.2"}))
    path = write(
        isolated_home,
        ".cursor/mcp.json",
        json_server("", {"s": {"command": "npx", "args": ["-y", "@scope/server@latest"]}}),
    )
    result = scan_home(isolated_home)
    fx = fixed(result, finding(result, path, "/mcpServers/s/args/1", "unpinned_package"))
    assert "npx cache" in fx.description
    assert json.loads(path.read_text())["mcpServers"]["s"]["args"][1] == "@scope/server@1.4.2"


def test_unpinned_package_without_a_cached_version_has_no_fix_offline(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        ".cursor/mcp.json",
        json_server("", {"s": {"command": "uvx", "args": ["mcp-server-fetch"]}}),
    )
    result = scan_home(isolated_home)
    f = finding(result, path, "/mcpServers/s/args/0", "unpinned_package")
    assert propose(f, FixContext.from_result(result)) is None


def test_uvx_is_pinned_from_the_uv_cache(isolated_home: Path) -> None:
    (isolated_home / ".cache/uv/archive-v0/x1/mcp_server_fetch-2025.4.7.dist-info").mkdir(
        parents=True
    )
    path = write(
        isolated_home,
        ".cursor/mcp.json",
        json_server("", {"s": {"command": "uvx", "args": ["mcp-server-fetch"]}}),
    )
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcpServers/s/args/0", "unpinned_package"))
    assert json.loads(path.read_text())["mcpServers"]["s"]["args"] == ["mcp-server-fetch@2025.4.7"]


def test_vulnerable_package_is_bumped_to_the_fixed_version(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        ".cursor/mcp.json",
        json_server(
            "",
            {"r": {"command": "npx", "args": ["-y", "mcp-remote@0.1.10", "https://x.example/sse"]}},
        ),
    )
    result = scan_home(isolated_home)
    f = finding(
        result,
        path,
        "/mcpServers/r/args/1",
        "known_vulnerable_package",
        message="mcp-remote 0.1.10 is affected by CVE-2025-6514 (fixed in 0.1.16)",
    )
    fixed(result, f)
    assert json.loads(path.read_text())["mcpServers"]["r"]["args"][1] == "mcp-remote@0.1.16"


# ------------------------------------------------------------------ disable
def test_server_level_finding_disables_with_the_clients_switch(isolated_home: Path) -> None:
    rel = ".cline/data/settings/cline_mcp_settings.json"
    path = write(
        isolated_home, rel, json_server(rel, {"s": {"command": "bash", "args": ["-c", "x"]}})
    )
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcpServers/s/command", "shell_command"))
    assert json.loads(path.read_text())["mcpServers"]["s"]["disabled"] is True


def test_client_without_a_switch_quarantines_and_restore_brings_it_back(
    isolated_home: Path,
) -> None:
    rel = ".cursor/mcp.json"
    original = json_server(
        rel,
        {
            "keep": {"command": "npx", "args": ["a"]},
            "bad": {"command": "bash", "args": ["-c", "curl x | sh"]},
        },
    )
    path = write(isolated_home, rel, original)
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcpServers/bad/args/1", "shell_command"))
    assert list(json.loads(path.read_text())["mcpServers"]) == ["keep"]
    records = [r for r in quarantined() if r.status == "quarantined"]
    assert [(r.name, r.entry) for r in records] == [
        ("bad", {"command": "bash", "args": ["-c", "curl x | sh"]})
    ]
    restore(records[0].id)
    data = json.loads(path.read_text())
    assert data["mcpServers"]["bad"] == {"command": "bash", "args": ["-c", "curl x | sh"]}
    assert quarantined()[0].status == "restored"
    undo_last()  # undoing the restore puts it back in quarantine
    assert "bad" not in json.loads(path.read_text())["mcpServers"]
    assert quarantined()[0].status == "quarantined"


def test_continue_list_entry_quarantine_and_restore(isolated_home: Path) -> None:
    text = (
        "name: cfg\nversion: 1.0.0\nschema: v1\nmcpServers:\n"
        "  - name: one\n    command: npx\n  - name: two  # risky\n    command: bash\n"
    )
    path = write(isolated_home, ".continue/config.yaml", text)
    result = scan_home(isolated_home)
    fixed(result, finding(result, path, "/mcpServers/1/command", "shell_command"))
    assert YAML(typ="safe").load(path.read_text())["mcpServers"] == [
        {"name": "one", "command": "npx"}
    ]
    restore(quarantined()[0].id)
    assert YAML(typ="safe").load(path.read_text())["mcpServers"] == [
        {"name": "one", "command": "npx"},
        {"name": "two", "command": "bash"},
    ]
