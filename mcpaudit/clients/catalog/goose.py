"""Goose (`goose`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

F = FileSpec

CLIENT = ClientSpec(
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
