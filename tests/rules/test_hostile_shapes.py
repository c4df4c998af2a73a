"""Wrong types in every key the static rules read: findings or nothing, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mcpaudit.redact import redact
from mcpaudit.secrets import find_secrets, mask_secrets
from tests.rules.homes import scan_home, write_raw

ODD = [None, 1, 2.5, True, "x", [], {}, ["a", 1, None], {"a": [1, {"b": None}]}]


def test_wrong_types_everywhere_do_not_crash(isolated_home: Path) -> None:
    for i, odd in enumerate(ODD):
        write_raw(
            isolated_home,
            ".claude/settings.json",
            json.dumps(
                {
                    "permissions": odd,
                    "enableAllProjectMcpServers": odd,
                    "enabledMcpjsonServers": odd,
                }
            ),
        )
        write_raw(
            isolated_home,
            ".config/Code/User/settings.json",
            json.dumps(
                {"chat.tools.global.autoApprove": odd, "chat": odd, "chat.permissions.default": odd}
            ),
        )
        write_raw(
            isolated_home,
            ".config/zed/settings.json",
            json.dumps(
                {
                    "agent": {"tool_permissions": odd},
                    "session": odd,
                    "context_servers": {"s": {"command": "x", "args": odd}},
                }
            ),
        )
        write_raw(isolated_home, ".cursor/permissions.json", json.dumps({"mcpAllowlist": odd}))
        write_raw(
            isolated_home,
            ".kiro/agents/a.json",
            json.dumps({"allowedTools": odd, "mcpServers": {}}),
        )
        write_raw(
            isolated_home,
            ".cursor/mcp.json",
            json.dumps(
                {
                    "mcpServers": {
                        "s": {
                            "command": odd,
                            "args": odd,
                            "env": odd,
                            "headers": odd,
                            "url": odd,
                            "autoApprove": odd,
                            "trust": odd,
                            "tools": odd,
                        },
                        "d": {"command": "docker", "args": ["run", "-v", "--mount", "--cap-add"]},
                        "n": {"command": "npx", "args": ["-y"]},
                        "u": {"url": "http://[::1"},
                    }
                }
            ),
        )
        write_raw(
            isolated_home,
            ".config/goose/config.yaml",
            f"GOOSE_MODE: {json.dumps(odd)}\nextensions: {json.dumps(odd)}\n",
        )
        write_raw(
            isolated_home,
            ".codex/config.toml",
            f"approval_policy = {json.dumps(odd) if isinstance(odd, (int, float, str)) else '1'}\n",
        )
        result = scan_home(isolated_home)  # must not raise
        assert result.servers is not None, i


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=30)))
def test_detector_spans_are_exact_and_masking_hides_them(text: str, key: str | None) -> None:
    matches = find_secrets(text, key)
    for m in matches:
        assert text[m.start : m.end] == m.value and m.value
    masked = mask_secrets(text, key)
    for m in matches:
        if len(m.value) >= 8:
            assert redact(m.value) in masked


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"ghp_[A-Za-z0-9]{36}", fullmatch=True),
    st.text(max_size=40),
    st.text(max_size=40),
)
def test_a_token_is_found_wherever_it_sits(token: str, before: str, after: str) -> None:
    text = f"{before} {token} {after}"
    # Placeholders ("xxx…", one repeated character) are skipped by design.
    placeholder = "xxx" in token.lower() or len(set(token[4:])) <= 2
    assert any(m.value == token for m in find_secrets(text)) or placeholder
