"""OpenAI Codex (`codex`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation

E = FileSpec.everywhere
R = Relocation

CLIENT = ClientSpec(
    id="codex",
    name="OpenAI Codex",
    files=(
        E("{codex_home}/config.toml", "toml", servers_at=(("mcp_servers",),), dialect="codex"),
        E(
            "{project}/.codex/config.toml",
            "toml",
            scope="project",
            servers_at=(("mcp_servers",),),
            dialect="codex",
        ),
        # Lifecycle hooks (MCP340-341), the Claude Code shape; `[hooks]` and `notify` in
        # config.toml are read from the files above.
        E("{codex_home}/hooks.json", "json", role="settings", servers_at=()),
        E(
            "{project}/.codex/hooks.json",
            "json",
            scope="project",
            role="settings",
            servers_at=(),
        ),
    ),
    references="env_vars = [NAME], bearer_token_env_var, env_http_headers (names, not values)",
    disable="enabled = false",
    logs=(
        E("{codex_home}/log/codex-tui.log", "text"),
        E("{codex_home}/sessions/**/rollout-*.jsonl", "text"),  # tool inputs/outputs
    ),
    relocations=(R("codex_home", "CODEX_HOME", "{home}/.codex"),),
    sources=(
        "[src] openai/codex codex-rs/config/src/mcp_types.rs",
        "[doc] openai/codex docs/config.md",
        "[doc] https://developers.openai.com/codex/environment-variables (CODEX_HOME: config,"
        " logs, sessions)",
        "[src] openai/codex codex-rs/hooks/src/engine/discovery.rs (hooks.json beside each"
        " config layer, [hooks] in config.toml), codex-rs/config hook_config.rs (event names)",
        "[doc] openai/codex docs/config.md (notify: a program run when a turn ends)",
    ),
    unconfirmed=(
        "global approval keys (approval_policy)",
        "default_tools_approval_mode = 'writes' (seen in third-party configs, not in mcp_types.rs)",
    ),
)
