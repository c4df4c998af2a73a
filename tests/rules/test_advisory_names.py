"""PyPI names are matched the way pip matches them (PEP 503), npm names case-insensitively."""

from __future__ import annotations

from mcpaudit.advisories import for_package


def test_pypi_spellings_of_one_package_find_the_same_advisories() -> None:
    expected = [a.id for a in for_package("PyPI", "mcp-server-git")]
    assert expected  # the bundled table lists mcp-server-git
    for spelling in ("MCP_Server.Git", "mcp__server-git", "mcp-server--git", " mcp.server_git "):
        assert [a.id for a in for_package("PyPI", spelling)] == expected, spelling


def test_npm_names_are_not_rewritten() -> None:
    assert for_package("npm", "mcp-remote")
    assert for_package("npm", "MCP-Remote") == for_package("npm", "mcp-remote")
    assert not for_package("npm", "mcp_remote")  # a different npm package
