"""Every known MCP client, one declarative module each (`CLIENT = ClientSpec(...)`).

Facts and their sources are in docs/clients.md; "[doc]" marks vendor documentation,
"[src]" the client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up.
Adding a client = one module here + its line in CLIENTS + a sample home under tests/homes/.
"""

from __future__ import annotations

from mcpaudit.clients.catalog import (
    amazon_q,
    amp,
    antigravity,
    claude_code,
    claude_desktop,
    cline,
    codex,
    continue_dev,
    copilot_cli,
    cursor,
    devin_cli,
    gemini_cli,
    goose,
    junie,
    kiro,
    lm_studio,
    opencode,
    roo_code,
    vscode,
    warp,
    windsurf,
    zed,
)
from mcpaudit.clients.spec import ClientSpec

# In this order the clients are discovered, listed and reported.
CLIENTS: tuple[ClientSpec, ...] = (
    claude_desktop.CLIENT,
    claude_code.CLIENT,
    vscode.CLIENT,
    copilot_cli.CLIENT,
    cursor.CLIENT,
    windsurf.CLIENT,
    devin_cli.CLIENT,
    zed.CLIENT,
    gemini_cli.CLIENT,
    antigravity.CLIENT,
    codex.CLIENT,
    continue_dev.CLIENT,
    cline.CLIENT,
    roo_code.CLIENT,
    goose.CLIENT,
    lm_studio.CLIENT,
    kiro.CLIENT,
    amazon_q.CLIENT,
    junie.CLIENT,
    opencode.CLIENT,
    warp.CLIENT,
    amp.CLIENT,
)

BY_ID = {c.id: c for c in CLIENTS}
# Every variable with which a client moves its config (CODEX_HOME, ...).
RELOCATION_VARS = frozenset(r.var for c in CLIENTS for r in c.relocations)
