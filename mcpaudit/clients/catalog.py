"""Every known MCP client, one declarative entry each.

Facts and their sources are in docs/clients.md; "[doc]" marks vendor documentation,
"[src]" the client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up.
Adding a client = one entry here + a sample home under tests/homes/.
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation

F = FileSpec
E = FileSpec.everywhere
R = Relocation

# ~/.claude.json keeps every project Claude Code has opened: it grows large.
CLAUDE_STATE_MAX_BYTES = 128 * 1024 * 1024

CLAUDE_DESKTOP = ClientSpec(
    id="claude-desktop",
    name="Claude Desktop",
    files=(
        F(
            "{appdata}/Claude/claude_desktop_config.json",
            "{appdata}/Claude/claude_desktop_config.json",
            "{appdata}/Claude/claude_desktop_config.json",
            "json",
        ),
    ),
    references="none: values are literal (stdio children inherit only a small env)",
    disable=None,
    logs=(
        F(
            "{xdg_config}/Claude/logs/mcp*.log",
            "{home}/Library/Logs/Claude/mcp*.log",
            "{appdata}/Claude/logs/mcp*.log",
            "text",
        ),
    ),
    sources=(
        "[doc] https://modelcontextprotocol.io/docs/develop/connect-local-servers",
        "[scan] snyk/agent-scan agents/claude_desktop.py",
        "[scan] mcpm.sh managers/claude_desktop.py (Linux path)",
        "[3p] aaddrick/claude-desktop-debian docs/CONFIGURATION.md (unofficial Linux build)",
    ),
    unconfirmed=(
        "Linux config and log paths (official Linux beta documents none)",
        "comment/trailing-comma tolerance (a third-party report says a trailing comma fails)",
    ),
)

CLAUDE_CODE = ClientSpec(
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

_VSCODE_USER = "{appdata}/Code/User"
_VSCODE_INSIDERS = "{appdata}/Code - Insiders/User"
VSCODE = ClientSpec(
    id="vscode",
    name="VS Code",
    files=(
        E(f"{_VSCODE_USER}/mcp.json", "jsonc", servers_at=(("servers",),), dialect="vscode"),
        E(
            f"{_VSCODE_USER}/profiles/*/mcp.json",
            "jsonc",
            servers_at=(("servers",),),
            dialect="vscode",
        ),
        E(f"{_VSCODE_INSIDERS}/mcp.json", "jsonc", servers_at=(("servers",),), dialect="vscode"),
        E(
            f"{_VSCODE_USER}/settings.json",
            "jsonc",
            servers_at=(("mcp", "servers"), ("mcp.servers",)),
            dialect="vscode",
            role="settings",
        ),
        E(
            f"{_VSCODE_INSIDERS}/settings.json",
            "jsonc",
            servers_at=(("mcp", "servers"),),
            dialect="vscode",
            role="settings",
        ),
        E(
            "{home}/.vscode-server/data/User/mcp.json",
            "jsonc",
            servers_at=(("servers",),),
            dialect="vscode",
        ),
        E(
            "{project}/.vscode/mcp.json",
            "jsonc",
            scope="project",
            servers_at=(("servers",),),
            dialect="vscode",
        ),
    ),
    references="${input:id} (promptString with password: true), ${env:NAME}",
    disable=None,
    logs=(
        E("{appdata}/Code/logs/*/window*/mcpServer.*.log", "text"),
        E("{appdata}/Code/logs/*/window*/mcpGateway.log", "text"),
        E("{appdata}/Code - Insiders/logs/*/window*/mcpServer.*.log", "text"),
        E("{home}/.vscode-server/data/logs/*/*/mcpServer.*.log", "text"),
    ),
    sources=(
        "[doc] microsoft/vscode-docs docs/copilot/reference/mcp-configuration.md",
        "[src] microsoft/vscode src/vs/platform/mcp/common/mcpResourceScannerService.ts (JSONC)",
        "[doc] microsoft/vscode-docs docs/copilot/reference/copilot-settings.md",
        "[doc] https://code.visualstudio.com/docs/agents/reference/mcp-configuration",
    ),
    unconfirmed=("storage of per-tool 'Always allow' and per-server enable state",),
    env_ref_template="${{env:{name}}}",
)

COPILOT_CLI = ClientSpec(
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

CURSOR = ClientSpec(
    id="cursor",
    name="Cursor",
    files=(
        E("{home}/.cursor/mcp.json", "json"),
        E("{project}/.cursor/mcp.json", "json", scope="project"),
        E("{home}/.cursor/permissions.json", "jsonc", role="settings", servers_at=()),
        E(
            "{project}/.cursor/permissions.json",
            "jsonc",
            scope="project",
            role="settings",
            servers_at=(),
        ),
        # Agent hooks: shell commands Cursor runs on agent events (MCP340-341)
        E("{home}/.cursor/hooks.json", "json", role="settings", servers_at=()),
        E("{project}/.cursor/hooks.json", "json", scope="project", role="settings", servers_at=()),
    ),
    references="${env:NAME}, ${userHome}, ${workspaceFolder}; envFile",
    disable=None,
    logs=(
        E(
            "{appdata}/Cursor/logs/*/window*/exthost/anysphere.cursor-always-local/Cursor MCP.log",
            "text",
        ),
    ),
    sources=(
        "[doc] https://cursor.com/docs/mcp",
        "[scan] snyk/agent-scan cursor.py, toolhive config.go",
        "[doc] https://cursor.com/docs/reference/permissions (permissions.json, JSONC)",
        "[doc] https://cursor.com/docs/agent/hooks (hooks.json: version, hooks.<event>[].command)",
    ),
    unconfirmed=(
        "comment tolerance of mcp.json",
        "where the per-server toggle is stored",
        "mcp.json paths and ${env:} syntax: only third-party quotes of cursor.com/docs/mcp",
    ),
    env_ref_template="${{env:{name}}}",
)

WINDSURF = ClientSpec(
    id="windsurf",
    name="Windsurf / Devin Desktop",
    files=(
        E("{home}/.codeium/windsurf/mcp_config.json", "json"),
        E("{home}/.codeium/mcp_config.json", "json"),
        F(
            "{xdg_config}/devin/mcp_config.json",
            "{xdg_config}/devin/mcp_config.json",
            "{appdata}/devin/mcp_config.json",
            "json",
        ),
        E("{project}/.devin/mcp_config.json", "json", scope="project"),
        # Cascade hooks (MCP340-341): {hooks: {pre_run_command: [{command, show_output}]}}
        E("{home}/.codeium/windsurf/hooks.json", "json", role="settings", servers_at=()),
        E(
            "{project}/.windsurf/hooks.json",
            "json",
            scope="project",
            role="settings",
            servers_at=(),
        ),
        F(
            "/etc/windsurf/hooks.json",
            "/Library/Application Support/Windsurf/hooks.json",
            "C:/ProgramData/Windsurf/hooks.json",
            "json",
            scope="managed",
            role="settings",
            servers_at=(),
        ),
    ),
    references="${env:NAME}, ${file:/path}",
    disable="disabled: true",
    sources=(
        "[doc] https://docs.windsurf.com/windsurf/cascade/mcp",
        "[3p] docs.devin.ai/desktop/cascade/mcp (2026 rebrand path)",
        "[doc] https://docs.windsurf.com/windsurf/cascade/hooks (system, user and workspace"
        " hooks.json)",
    ),
    unconfirmed=(
        "exact doc wording for disabled / disabledTools",
        "logs",
        "~/.config/devin/mcp_config.json: third-party only; a 2026-06 guide still edits"
        " ~/.codeium/windsurf/mcp_config.json in Devin Desktop",
    ),
    env_ref_template="${{env:{name}}}",
)

DEVIN_CLI = ClientSpec(
    id="devin-cli",
    name="Devin for Terminal (Devin CLI)",
    files=(
        F(
            "{xdg_config}/devin/config.json",
            "{home}/.config/devin/config.json",
            "{appdata}/devin/config.json",
            "jsonc",
        ),
        E("{project}/.devin/config.json", "jsonc", scope="project"),
        E("{project}/.devin/config.local.json", "jsonc", scope="local"),
    ),
    references="none documented (keep keys in the gitignored .devin/config.local.json)",
    disable=None,
    sources=(
        "[doc] https://cli.devin.ai/docs/extensibility/configuration (paths, JSON with comments)",
        "[doc] https://docs.devin.ai/cli/extensibility/mcp/configuration (mcpServers, scopes)",
    ),
    unconfirmed=("older builds used .cognition/config.json", "logs"),
)

ZED = ClientSpec(
    id="zed",
    name="Zed",
    files=(
        F(
            "{xdg_config}/zed/settings.json",
            "{home}/.config/zed/settings.json",
            "{appdata}/Zed/settings.json",
            "jsonc",
            servers_at=(("context_servers",),),
            dialect="zed",
        ),
        E(
            "{project}/.zed/settings.json",
            "jsonc",
            scope="project",
            servers_at=(("context_servers",),),
            dialect="zed",
        ),
    ),
    references="none documented (OAuth client secret in the keychain)",
    disable="enabled: false",
    logs=(
        F(
            "{xdg_data}/zed/logs/Zed.log*",
            "{home}/Library/Logs/Zed/Zed.log*",
            "{localappdata}/Zed/logs/Zed.log*",
            "text",
        ),
    ),
    sources=(
        "[doc] zed-industries/zed docs/src/ai/mcp.md",
        "[src] zed crates/paths/src/paths.rs",
        "[doc] zed docs/src/ai/tool-permissions.md (agent.tool_permissions)",
    ),
    unconfirmed=("trailing-comma tolerance",),
)

GEMINI_CLI = ClientSpec(
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

ANTIGRAVITY = ClientSpec(
    id="antigravity",
    name="Antigravity",
    files=(
        E("{home}/.gemini/antigravity/mcp_config.json", "json"),
        E("{home}/.gemini/config/mcp_config.json", "json"),
        # agy CLI settings: toolPermission "always-proceed" approves every tool call.
        E("{home}/.gemini/antigravity-cli/settings.json", "json", role="settings", servers_at=()),
    ),
    references="none documented",
    disable=None,
    logs=(E("{appdata}/Antigravity/logs/*/window*/mcpServer.*.log", "text"),),
    sources=(
        "[scan] snyk/agent-scan well_known_clients.py",
        "[3p] Antigravity MCP docs quoted by installers",
        "[3p] antigravity.google/docs/mcp quoted in adapter code (~/.gemini/antigravity)",
        "[3p] agy CLI field notes 2026-07 (~/.gemini/config/mcp_config.json)",
        "[3p] promptgenius.net/tools/antigravity-cli/configuration (settings.json toolPermission)",
    ),
    unconfirmed=(
        "workspace-level file",
        "official documentation for either path",
        "whether toolPermission proceed-in-sandbox also auto-approves MCP tool calls",
        "a Windsurf-style disabled: true (not documented: such servers are treated as running)",
    ),
)

CODEX = ClientSpec(
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
        E("{project}/.codex/hooks.json", "json", scope="project", role="settings", servers_at=()),
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

CONTINUE = ClientSpec(
    id="continue",
    name="Continue",
    files=(
        E("{home}/.continue/config.yaml", "yaml", dialect="continue"),
        # User-level block folder: third-party only (docs/clients.md, Continue).
        E("{home}/.continue/mcpServers/*.yaml", "yaml", dialect="continue"),
        E("{home}/.continue/mcpServers/*.json", "json", dialect="continue"),
        E("{project}/.continue/mcpServers/*.yaml", "yaml", scope="project", dialect="continue"),
        E("{project}/.continue/mcpServers/*.json", "json", scope="project", dialect="continue"),
    ),
    references="${{ secrets.NAME }} (resolved from .env files or the hub)",
    disable=None,
    sources=(
        "[doc] continuedev/continue docs/customize/deep-dives/mcp.mdx",
        "[src] continue packages/config-yaml/src/schemas/mcp",
    ),
    logs=(E("{home}/.continue/logs/core.log", "text"),),
    unconfirmed=("a documented disabled key", "log file (core.log is commonly cited)"),
)

_CLINE_LEGACY = (
    "{appdata}/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json"
)
CLINE = ClientSpec(
    id="cline",
    name="Cline",
    files=(
        E("{cline_mcp_settings}", "json"),
        E(_CLINE_LEGACY, "json"),
        # The extension keeps it in its host's user dir: Insiders, Cursor, VSCodium ...
        E(
            "{appdata}/*/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
            "json",
        ),
        E("{home}/.cline/mcp.json", "json"),
        E("{project}/.cline/mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable="disabled: true",
    # resolveMcpSettingsPath(): CLINE_MCP_SETTINGS_PATH, else $CLINE_DATA_DIR/settings/...,
    # else $CLINE_DIR/data/settings/..., else ~/.cline/data/settings/...
    relocations=(
        R("cline_dir", "CLINE_DIR", "{home}/.cline"),
        R("cline_data", "CLINE_DATA_DIR", "{cline_dir}/data"),
        R(
            "cline_mcp_settings",
            "CLINE_MCP_SETTINGS_PATH",
            "{cline_data}/settings/cline_mcp_settings.json",
        ),
    ),
    sources=(
        "[src] cline/cline src/services/mcp/schemas.ts, McpHub.ts",
        "[src] cline/cline sdk/packages/shared/src/storage/paths.ts (resolveMcpSettingsPath)",
    ),
    unconfirmed=(
        "${env:} interpolation",
        "logs",
        "~/.cline/mcp.json and <project>/.cline/mcp.json (docs list them; not in paths.ts)",
        "whether the VS Code extension (not only the CLI/SDK) honours the CLINE_* variables",
        "relative CLINE_* values (Cline resolves them from its cwd; mcpaudit ignores them)",
    ),
)

ROO_CODE = ClientSpec(
    id="roo-code",
    name="Roo Code",
    files=(
        E(
            "{appdata}/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
            "json",
        ),
        E("{project}/.roo/mcp.json", "json", scope="project"),
    ),
    references="${env:NAME}",
    disable="disabled: true",
    sources=("[src] RooCodeInc/Roo-Code src/services/mcp/McpHub.ts, src/utils/config.ts",),
    env_ref_template="${{env:{name}}}",
)

GOOSE = ClientSpec(
    id="goose",
    name="Goose",
    files=(
        F(
            "{xdg_config}/goose/config.yaml",
            "{home}/.config/goose/config.yaml",
            "{appdata}/Block/goose/config/config.yaml",
            "yaml",
            servers_at=(("extensions",),),
            dialect="goose",
        ),
    ),
    references="env_keys (values kept in the OS keyring)",
    disable="enabled: false",
    logs=(
        F(
            "{xdg_state}/goose/logs/**/*.log",
            "{home}/.local/state/goose/logs/**/*.log",
            None,
            "text",
        ),
        F(None, "{appdata}/Goose/logs/main.log", None, "text"),
        F(
            "{xdg_data}/goose/sessions/*.jsonl",
            "{home}/.local/share/goose/sessions/*.jsonl",
            None,
            "text",
        ),
    ),
    sources=("[doc] block/goose documentation/docs/guides/config-files.md, guides/logs.md",),
)

LM_STUDIO = ClientSpec(
    id="lmstudio",
    name="LM Studio",
    files=(
        E("{home}/.lmstudio/mcp.json", "json"),
        # Older installs keep LM Studio's home in ~/.cache/lm-studio.
        E("{home}/.cache/lm-studio/mcp.json", "json"),
    ),
    references="none documented",
    disable=None,
    sources=(
        "[doc] lmstudio-ai/docs 0_app/2_mcp/index.mdx",
        "[scan] toolhive config.go",
        "[issues] lmstudio-ai/lmstudio-bug-tracker#1371 (mcp.json in ~/.cache/lm-studio)",
    ),
    unconfirmed=("whether ~/.cache/lm-studio/mcp.json is read or only a copy",),
)

KIRO = ClientSpec(
    id="kiro",
    name="Kiro",
    files=(
        E("{home}/.kiro/settings/mcp.json", "json"),
        E("{project}/.kiro/settings/mcp.json", "json", scope="project"),
        E("{home}/.kiro/agents/*.json", "json"),
        E("{project}/.kiro/agents/*.json", "json", scope="project"),
    ),
    references="${VAR} in env",
    disable="disabled: true",
    sources=(
        "[doc] https://kiro.dev/docs/mcp/configuration",
        "[doc] kiro.dev/docs/cli/mcp/configuration",
    ),
    env_ref_template="${{{name}}}",
)

AMAZON_Q = ClientSpec(
    id="amazon-q",
    name="Amazon Q Developer",
    files=(
        E("{home}/.aws/amazonq/default.json", "json"),
        E("{home}/.aws/amazonq/mcp.json", "json"),
        E("{home}/.aws/amazonq/cli-agents/*.json", "json"),
        E("{project}/.amazonq/default.json", "json", scope="project"),
        E("{project}/.amazonq/mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable="disabled: true",
    sources=("[doc] docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/mcp-ide.html, qdev-mcp.html",),
)

JUNIE = ClientSpec(
    id="junie",
    name="JetBrains Junie",
    files=(
        E("{home}/.junie/mcp/mcp.json", "json"),
        E("{project}/.junie/mcp/mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable=None,
    sources=("[doc] jetbrains.com/help/junie/model-context-protocol-mcp.html",),
    unconfirmed=("remote server support",),
)

OPENCODE = ClientSpec(
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

WARP = ClientSpec(
    id="warp",
    name="Warp",
    files=(
        E("{home}/.warp/.mcp.json", "json"),
        E("{project}/.warp/.mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable=None,
    sources=(
        "[3p] darktrace-mcp client docs",
        "[src] warpdotdev/warp agent-add-mcp skill (~/.warp/.mcp.json, <repo>/.warp/.mcp.json)",
    ),
    unconfirmed=("the files in docs.warp.dev (only the vendor's agent skill names them)",),
)

AMP = ClientSpec(
    id="amp",
    name="Amp",
    files=(
        F(
            "{xdg_config}/amp/settings.json",
            "{home}/.config/amp/settings.json",
            "{home}/.config/amp/settings.json",
            "jsonc",
            servers_at=(("amp.mcpServers",),),
        ),
        F(
            "{xdg_config}/amp/settings.jsonc",
            "{home}/.config/amp/settings.jsonc",
            "{home}/.config/amp/settings.jsonc",
            "jsonc",
            servers_at=(("amp.mcpServers",),),
        ),
        # Older installers (toolhive) write here on Windows.
        F(None, None, "{appdata}/amp/settings.json", "jsonc", servers_at=(("amp.mcpServers",),)),
        E(
            "{project}/.amp/settings.json",
            "jsonc",
            scope="project",
            servers_at=(("amp.mcpServers",),),
        ),
        E(
            "{project}/.amp/settings.jsonc",
            "jsonc",
            scope="project",
            servers_at=(("amp.mcpServers",),),
        ),
        F(
            "/etc/ampcode/managed-settings.json",
            "/Library/Application Support/ampcode/managed-settings.json",
            "C:/ProgramData/ampcode/managed-settings.json",
            "jsonc",
            scope="managed",
            servers_at=(("amp.mcpServers",),),
        ),
    ),
    references="none documented",
    disable=None,
    sources=(
        "[scan] toolhive config.go AmpCli",
        "[3p] developersdigest.tech/reference/amp/config-files (quotes ampcode.com/manual)",
        "[3p] Amp changelog: workspace .amp/settings.json (amp mcp add --workspace)",
    ),
    unconfirmed=("interpolation", "Windows path (%USERPROFILE% vs %APPDATA%): both scanned"),
)

CLIENTS: tuple[ClientSpec, ...] = (
    CLAUDE_DESKTOP,
    CLAUDE_CODE,
    VSCODE,
    COPILOT_CLI,
    CURSOR,
    WINDSURF,
    DEVIN_CLI,
    ZED,
    GEMINI_CLI,
    ANTIGRAVITY,
    CODEX,
    CONTINUE,
    CLINE,
    ROO_CODE,
    GOOSE,
    LM_STUDIO,
    KIRO,
    AMAZON_Q,
    JUNIE,
    OPENCODE,
    WARP,
    AMP,
)

BY_ID = {c.id: c for c in CLIENTS}
# Every variable with which a client moves its config (CODEX_HOME, ...).
RELOCATION_VARS = frozenset(r.var for c in CLIENTS for r in c.relocations)
