"""mcpaudit: find every MCP server your AI clients start and show what each can do to you."""

__version__ = "0.1.0"
