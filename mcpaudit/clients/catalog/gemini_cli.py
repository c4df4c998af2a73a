"""Gemini CLI (`gemini-cli`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation

F = FileSpec
E = FileSpec.everywhere
R = Relocation

CLIENT = ClientSpec(
    id="gemini-cli",
    name="Gemini CLI",
    files=(
        E("{gemini_home}/.gemini/settings.json", "jsonc", dialect="gemini"),
        E("{project}/.gemini/settings.json", "jsonc", scope="project", dialect="gemini"),
        F(
            "/etc/gemini-cli/settings.json",
            "/Library/Application Support/GeminiCli/settings.json",
            "C:/ProgramData/gemini-cli/settings.json",
            "jsonc",
            scope="managed",
            dialect="gemini",
        ),
        F(
            "/etc/gemini-cli/system-defaults.json",
            "/Library/Application Support/GeminiCli/system-defaults.json",
            "C:/ProgramData/gemini-cli/system-defaults.json",
            "jsonc",
            scope="managed",
            dialect="gemini",
        ),
        E("{gemini_home}/.gemini/extensions/*/gemini-extension.json", "json", dialect="gemini"),
        # `gemini mcp disable <name>`: {"<name, lower-cased>": {"enabled": false}}.
        E(
            "{gemini_home}/.gemini/mcp-server-enablement.json",
            "json",
            dialect="gemini",
            role="settings",
            servers_at=(),
        ),
    ),
    references="$VAR, ${VAR} (and %VAR% on Windows) in env",
    disable=(
        "gemini mcp disable <name> -> ~/.gemini/mcp-server-enablement.json"
        " {name: {enabled: false}}; mcp.excluded: [name]"
    ),
    logs=(E("{gemini_home}/.gemini/tmp/*/logs/*", "text"),),
    # GEMINI_CLI_HOME replaces the home directory: files live in $GEMINI_CLI_HOME/.gemini.
    relocations=(R("gemini_home", "GEMINI_CLI_HOME", "{home}"),),
    sources=(
        "[doc] google-gemini/gemini-cli docs/tools/mcp-server.md, docs/reference/configuration.md",
        "[src] gemini-cli packages/cli/src/config/settings.ts (strip-json-comments)",
        "[doc] https://geminicli.com/docs/cli/configuration, /docs/cli/enterprise (system files)",
        "[src] gemini-cli packages/core/src/utils/paths.ts homedir() (GEMINI_CLI_HOME), quoted"
        " by several tools; [3p] developersdigest.tech gemini-cli env-vars",
        "[src] gemini-cli packages/cli/src/config/mcp/mcpServerEnablement.ts (canLoadServer)",
    ),
    unconfirmed=(
        "merge of mcp.allowed/mcp.excluded across files: replace (upstream schema) assumed;"
        " some versions concatenate",
        "the id of extension servers in mcp-server-enablement.json (ext:<extension>:<name>?)",
        "workspace settings are read only in trusted folders (not checked)",
    ),
    env_ref_template="${name}",
)
