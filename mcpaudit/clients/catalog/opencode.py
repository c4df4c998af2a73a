"""opencode (`opencode`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation

F = FileSpec
E = FileSpec.everywhere
R = Relocation

CLIENT = ClientSpec(
    id="opencode",
    name="opencode",
    files=(
        E(
            "{xdg_config}/opencode/opencode.json",
            "jsonc",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
        E(
            "{xdg_config}/opencode/opencode.jsonc",
            "jsonc",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
        # Extra files read while these variables are set (the global file is still read).
        E("{opencode_config}", "jsonc", servers_at=(("mcp",),), dialect="opencode"),
        E(
            "{opencode_config_dir}/opencode.json",
            "jsonc",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
        E(
            "{opencode_config_dir}/opencode.jsonc",
            "jsonc",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
        E(
            "{project}/opencode.json",
            "jsonc",
            scope="project",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
        E(
            "{project}/opencode.jsonc",
            "jsonc",
            scope="project",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
        F(
            "/etc/opencode/opencode.json",
            "/Library/Application Support/opencode/opencode.json",
            "C:/ProgramData/opencode/opencode.json",
            "jsonc",
            scope="managed",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
        F(
            "/etc/opencode/opencode.jsonc",
            "/Library/Application Support/opencode/opencode.jsonc",
            "C:/ProgramData/opencode/opencode.jsonc",
            "jsonc",
            scope="managed",
            servers_at=(("mcp",),),
            dialect="opencode",
        ),
    ),
    references="{env:NAME}, {file:path}",
    disable="enabled: false",
    relocations=(
        R("opencode_config", "OPENCODE_CONFIG", None),
        R("opencode_config_dir", "OPENCODE_CONFIG_DIR", None),
    ),
    logs=(
        F(
            "{xdg_data}/opencode/log/*.log",
            "{home}/.local/share/opencode/log/*.log",
            "{home}/.local/share/opencode/log/*.log",
            "text",
        ),
    ),
    sources=(
        "[doc] anomalyco/opencode packages/web/src/content/docs/config.mdx, mcp-servers.mdx",
        "[doc] opencode.ai/docs/troubleshooting (log folder)",
        "[doc] opencode.ai/docs/config (OPENCODE_CONFIG, OPENCODE_CONFIG_DIR: merged with,"
        " not replacing, the global file)",
    ),
    unconfirmed=(
        "opencode.json[c] inside OPENCODE_CONFIG_DIR: config.ts loads it per a code study;"
        " anomalyco/opencode#4399 (v1.0.68) says it was not loaded",
        "OPENCODE_CONFIG_CONTENT (inline JSON in the environment) is not audited",
    ),
    env_ref_template="{{env:{name}}}",
)
