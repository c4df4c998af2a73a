"""Demo: a home-made MCP server with the mistakes mcpaudit's code scan looks for."""

import subprocess

import yaml
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("local-tools")


@mcp.tool()
def disk_usage(folder: str) -> str:
    """How big is a folder?"""
    return subprocess.run(f"du -sh {folder}", shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def read_settings(text: str) -> dict:
    """Parse a settings snippet."""
    return yaml.load(text, Loader=yaml.Loader)


if __name__ == "__main__":
    mcp.run()
