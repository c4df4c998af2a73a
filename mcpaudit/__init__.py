"""mcpaudit: find every MCP server your AI clients start and show what each can do to you."""

# The one place the version lives (pyproject.toml reads it: `dynamic = ["version"]`).
__version__ = "0.1.0"

# The PyPI distribution: "mcpaudit" there is another project, so ours has its own name;
# the command and this import package stay `mcpaudit`.
DISTRIBUTION = "mcp-laptop-audit"
REPOSITORY_URL = "https://github.com/mcp-laptop-audit/mcp-laptop-audit"
PYPI_URL = f"https://pypi.org/project/{DISTRIBUTION}/"


def rule_doc_url(rule_id: str) -> str:
    """The web page of a rule (docs/rules/<ID>.md in the repository)."""
    return f"{REPOSITORY_URL}/blob/main/docs/rules/{rule_id}.md"
