"""The `mcpaudit` command. Headless commands never import Textual (a test keeps it so).

`errors` holds the exit codes and UsageError, `parser` the argparse tree, `options` turns
parsed arguments into ScanOptions, and `entry` is `main` and the dispatch to the handlers in
`mcpaudit.commands`.
"""

from __future__ import annotations

from mcpaudit.cli.entry import dispatch, dispatch_fix, main
from mcpaudit.cli.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, SEVERITIES, UsageError
from mcpaudit.cli.parser import (
    _SUFFIX_FORMATS,
    _format_for,
    add_fix_commands,
    add_live_options,
    add_online_option,
    add_scan_options,
    build_parser,
)

__all__ = [
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "SEVERITIES",
    "_SUFFIX_FORMATS",
    "UsageError",
    "_format_for",
    "add_fix_commands",
    "add_live_options",
    "add_online_option",
    "add_scan_options",
    "build_parser",
    "dispatch",
    "dispatch_fix",
    "main",
]
