"""Report formats. Each module has `render(result) -> str`; FORMATS maps names to them."""

from __future__ import annotations

from importlib import import_module

from mcpaudit.model import ScanResult

FORMATS: dict[str, str] = {
    "text": "mcpaudit.report.text",
    "json": "mcpaudit.report.jsonfmt",
    "markdown": "mcpaudit.report.markdown",
    "sarif": "mcpaudit.report.sarif",
}
# Formats a library writes as a file of its own: `build(result, path)`, needs `-o FILE`.
FILE_FORMATS: dict[str, str] = {
    "sqlite": "mcpaudit.inventory.sqlite",
}


def render(result: ScanResult, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    return import_module(FORMATS[fmt]).render(result)
