"""GitHub Copilot CLI (`copilot-cli`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation

E = FileSpec.everywhere
R = Relocation

CLIENT = ClientSpec(
    id="copilot-cli",
    name="GitHub Copilot CLI",
    files=(
        E("{copilot_home}/mcp-config.json", "json"),
        # Per-repository file besides .mcp.json (which Claude Code's entry already covers):
        # [3p] developersdigest.tech quoting docs.github.com add-mcp-servers; docs/clients.md.
        E("{project}/.github/mcp.json", "json", scope="project"),
        # Agent hooks (MCP340-341): {version, hooks: {event: [{type, bash, powershell}]}}
        E("{copilot_home}/hooks/*.json", "json", role="settings", servers_at=()),
        E(
            "{project}/.github/hooks/*.json",
            "json",
            scope="project",
            role="settings",
            servers_at=(),
        ),
    ),
    references="$VAR, ${VAR}, ${VAR:-default}",
    disable=None,
    logs=(E("{copilot_home}/logs/*", "text"),),
    relocations=(R("copilot_home", "COPILOT_HOME", "{home}/.copilot"),),
    sources=(
        "[doc] docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/add-mcp-servers",
        "[doc] docs.github.com/en/copilot/reference/copilot-cli-reference/cli-config-dir-reference",
        "[src] microsoft/vscode mcpConfigPaths.ts, mcpCopilotConfiguration.ts",
        "[doc] code.visualstudio.com agents MCP reference: $COPILOT_HOME/mcp-config.json",
        "[issues] github/copilot-cli#3000 (COPILOT_HOME isolates the whole config dir)",
        "[doc] docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference"
        " (.github/hooks/*.json; ~/.copilot/hooks/*.json per docs.github.com concepts/hooks)",
    ),
    unconfirmed=(
        "persistence of --allow-tool approvals",
        "XDG_CONFIG_HOME (older docs; github/copilot-cli#1954 says 1.0.4 ignores it): not followed",
        "where /mcp disable is stored; an entry's disabled: true is ignored"
        " (github/copilot-cli#3582)",
    ),
    env_ref_template="${{{name}}}",
)
