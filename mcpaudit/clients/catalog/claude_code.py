"""Claude Code (`claude-code`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation

F = FileSpec
E = FileSpec.everywhere
R = Relocation

# ~/.claude.json keeps every project Claude Code has opened: it grows large.
CLAUDE_STATE_MAX_BYTES = 128 * 1024 * 1024
CLIENT = ClientSpec(
    id="claude-code",
    name="Claude Code",
    files=(
        E(
            "{claude_json_dir}/.claude.json",
            "json",
            servers_at=(("mcpServers",), ("projects", "*", "mcpServers")),
            max_bytes=CLAUDE_STATE_MAX_BYTES,
        ),
        E("{project}/.mcp.json", "json", scope="project"),
        E("{claude_dir}/settings.json", "json", role="settings", servers_at=()),
        E(
            "{project}/.claude/settings.json",
            "json",
            scope="project",
            role="settings",
            servers_at=(),
        ),
        E(
            "{project}/.claude/settings.local.json",
            "json",
            scope="local",
            role="settings",
            servers_at=(),
        ),
        F(
            "/etc/claude-code/managed-mcp.json",
            "/Library/Application Support/ClaudeCode/managed-mcp.json",
            "C:/Program Files/ClaudeCode/managed-mcp.json",
            "json",
            scope="managed",
        ),
    ),
    references="${VAR} and ${VAR:-default} in command, args, env, url, headers",
    disable=(
        "projects[<path>].disabledMcpServers in ~/.claude.json (user and local scope);"
        " .mcp.json servers: enabledMcpjsonServers / enableAllProjectMcpServers approve,"
        " disabledMcpjsonServers rejects (projects[<path>] or .claude/settings*.json)"
    ),
    logs=(
        F(
            "{xdg_cache}/claude-cli-nodejs/*/mcp-logs-*/*",
            "{home}/Library/Caches/claude-cli-nodejs/*/mcp-logs-*/*",
            None,
            "text",
        ),
        E("{claude_dir}/debug/*.txt", "text"),
        E("{claude_dir}/projects/**/*.jsonl", "text"),  # transcripts: tool inputs/outputs
        # Every prompt typed (pasted tokens too), anthropics/claude-code#41263.
        E("{claude_dir}/history.jsonl", "text"),
    ),
    # CLAUDE_CONFIG_DIR moves ~/.claude and the .claude.json kept beside it in $HOME.
    relocations=(
        R("claude_json_dir", "CLAUDE_CONFIG_DIR", "{home}"),
        R("claude_dir", "CLAUDE_CONFIG_DIR", "{home}/.claude"),
    ),
    sources=(
        "[doc] https://code.claude.com/docs/en/mcp (scopes, ${VAR} expansion)",
        "[doc] https://code.claude.com/docs/en/settings (settings files, strict JSON)",
        "[doc] https://code.claude.com/docs/en/managed-mcp",
        "[doc] ericbuess/claude-code-docs docs/mcp.md (republished mcp page, confirmed 2026-11-27)",
        "[3p] CLAUDE_CONFIG_DIR -> $CLAUDE_CONFIG_DIR/.claude.json (tool source that verified it"
        " with `claude mcp list`; snyk agent-scan claude_code.py)",
    ),
    unconfirmed=(
        "comment tolerance of ~/.claude.json and .mcp.json",
        "Windows MCP log folder",
        "whether disabledMcpServers also turns off .mcp.json servers (treated as not)",
        "root-level disabledMcpServers in ~/.claude.json (reported by a third party; ignored)",
        "claude -p loading unapproved .mcp.json servers (older docs; treated as not started)",
        "managed deniedMcpServers/allowedMcpServers (managed-settings.json is not scanned)",
    ),
    env_ref_template="${{{name}}}",
)
