"""The argument parser: every command and flag, with its help text. No logic here."""

from __future__ import annotations

import argparse
from pathlib import Path

from mcpaudit import DISTRIBUTION, __version__
from mcpaudit.cli.errors import SEVERITIES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mcpaudit",
        description="Find every MCP server your AI clients start and show what each can do to you.",
        epilog="Without a COMMAND, mcpaudit opens the interactive view (Tab moves between the "
        "panes, ? lists the keys). When stdout is not a terminal it prints the text summary "
        "instead and exits like `scan`: 0, or 1 when a finding is high or worse.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"mcpaudit {__version__} (distribution {DISTRIBUTION})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="audit the bundled demo home instead of your own configs; its fixes, undo "
        "journal, secret store and pins stay inside the demo copy",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="with --demo: start the demo afresh (its configs and all of its state)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = sub.add_parser("scan", help="audit headless and print a report (for CI)")
    add_scan_options(scan)
    add_live_options(scan)
    add_online_option(scan)
    scan.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="CONFIG",
        help="config files to audit, like --config (what a pre-commit hook passes)",
    )
    scan.add_argument(
        "--format",
        choices=_formats(),
        default=None,
        help="report format (default: from the -o suffix .json/.md/.sarif/.sqlite, else text)",
    )
    scan.add_argument(
        "-o", "--output", type=Path, help="write the report to FILE instead of stdout"
    )
    scan.add_argument(
        "--fail-on",
        default=None,
        type=str.lower,
        choices=(*SEVERITIES, "never"),
        help="exit 1 when a finding at/above this severity exists (default: high, or "
        "fail-on in .mcpaudit.toml)",
    )

    report = sub.add_parser("report", help="write the Markdown report")
    add_scan_options(report)
    add_live_options(report)
    add_online_option(report)
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("mcpaudit-report.md"),
        metavar="FILE",
        help="where to write it (default: mcpaudit-report.md); a .json/.sarif/.txt name "
        "writes that format, like scan -o",
    )

    clients = sub.add_parser("clients", help="known clients, their paths on this OS, which exist")
    clients.add_argument(
        "--project",
        type=Path,
        default=None,
        metavar="DIR",
        help="also list the project-level files of DIR (default: the current directory)",
    )
    clients.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a table (whole paths when piped); json: the same for tools",
    )

    pins = sub.add_parser("pins", help="tool pins kept by live scans: list, accept or reset")
    pins.add_argument(
        "action",
        nargs="?",
        choices=("list", "accept", "reset"),
        default="list",
        help="list the pins (default), accept the changed tools as the new pins, or forget them",
    )
    pins.add_argument(
        "--server",
        action="append",
        default=[],
        metavar="NAME",
        help="only this server (repeatable)",
    )
    pins.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )

    rules = sub.add_parser("rules", help="every rule: id, category, severity, rationale")
    rules.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: id, severity, rationale and what to do; json: every field, for tools",
    )
    add_fix_commands(sub)
    return parser


def add_fix_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fix = sub.add_parser("fix", help="preview and apply fixes (backed up, undoable)")
    add_scan_options(fix)
    add_online_option(fix)  # upgrade fixes also for advisories only OSV knows
    fix.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="ID",
        help="only fixes for this rule id or category; repeatable",
    )
    fix.add_argument(
        "--server",
        action="append",
        default=[],
        metavar="NAME",
        help="only fixes for this server; repeatable",
    )
    fix.add_argument("--dry-run", action="store_true", help="show the diffs, write nothing")
    fix.add_argument(
        "--unsafe",
        action="store_true",
        help="include fixes that may change behaviour (pinning, https, …)",
    )
    fix.add_argument("--yes", "-y", action="store_true", help="apply without asking")
    fix.add_argument(
        "--network", action="store_true", help="allow npm/PyPI look-ups to find a version to pin to"
    )
    fix.add_argument(
        "--secret-store",
        choices=("envfile", "keyring", "manual"),
        default=None,
        help="where moved secrets go (default: envfile, a 0600 file to source)",
    )
    fix.add_argument(
        "--path",
        "--narrow-to",
        dest="narrow_to",
        type=Path,
        default=None,
        metavar="DIR",
        help="MCP320: narrow broad file-system access to DIR (needed: there is no default; "
        "never the home directory or a parent of it)",
    )

    undo = sub.add_parser("undo", help="revert the last applied fix (exact bytes)")
    undo.add_argument("transaction", nargs="?", help="a journal id from --list (default: last)")
    undo.add_argument("--list", action="store_true", help="list applied fixes and backups")
    undo.add_argument(
        "--force", action="store_true", help="restore even if the file changed after the fix"
    )

    restore = sub.add_parser(
        "restore",
        help="bring a quarantined server back (its own bytes, where it was; diff first)",
    )
    restore.add_argument("id", nargs="?", help="quarantine id (see --list)")
    restore.add_argument("--list", action="store_true", help="list quarantined servers")
    restore.add_argument("--dry-run", action="store_true", help="show the diff, write nothing")
    restore.add_argument("--yes", "-y", action="store_true", help="restore without asking")

    run = sub.add_parser(
        "run",
        help="start a server with secrets from the OS keychain (also: mcpaudit-run)",
        description="mcpaudit run --secret NAME=keyring:SERVICE/ACCOUNT [--secret "
        "NAME=file:KEY]... -- COMMAND [ARG...]",
    )
    run.add_argument(
        "rest",
        nargs=argparse.REMAINDER,
        metavar="...",
        help="--secret NAME=keyring:SERVICE/ACCOUNT (or NAME=file:KEY), repeatable, then -- "
        "and the server's command line, which is exec'd with the secrets in its environment",
    )
    disable = sub.add_parser("disable", help="switch servers off the way their client allows")
    add_scan_options(disable)
    disable.add_argument(
        "names", nargs="+", metavar="NAME", help="the server name(s), as `scan` shows them"
    )
    disable.add_argument("--client", default=None, help="only this client's server")
    disable.add_argument("--dry-run", action="store_true", help="show the diffs, write nothing")
    disable.add_argument("--yes", "-y", action="store_true", help="apply without asking")


def add_scan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="also audit this file (client guessed from its shape); repeatable",
    )
    p.add_argument(
        "--no-discover",
        action="store_true",
        help="audit only the --config files, not the clients' usual locations (pre-commit)",
    )
    p.add_argument(
        "--suppressions",
        type=Path,
        metavar="FILE",
        help="read suppressions from FILE instead of .mcpaudit.toml / pyproject.toml",
    )
    p.add_argument(
        "--no-suppressions",
        action="store_true",
        help="ignore every suppression: the clean view, whatever the repository says",
    )
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report only findings not in FILE, a previous JSON report (or SARIF log)",
    )
    p.add_argument(
        "--project",
        type=Path,
        default=None,
        help="project directory whose .mcp.json, .vscode/mcp.json … are audited (default: cwd)",
    )
    p.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS, help="audit the bundled demo home"
    )
    p.add_argument(
        "--walk",
        type=Path,
        nargs="+",
        action="extend",
        default=[],
        metavar="DIR",
        help="also find project configs under these code folders (bounded; no symlinks followed)",
    )
    p.add_argument(
        "--no-projects",
        action="store_true",
        help="do not audit the projects the clients' records name (only --project / the cwd)",
    )
    p.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: ids, id prefixes (MCP2), globs or categories; comma-separated, "
        "repeatable (overrides select in .mcpaudit.toml)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="never these rules (same forms as --select; overrides ignore in .mcpaudit.toml)",
    )
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="say nothing on stderr but errors")
    talk.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also say which settings file applied and what the scan read",
    )
    beyond = p.add_argument_group("beyond the config files (read-only, on by default)")
    beyond.add_argument(
        "--no-logs", action="store_true", help="do not scan the clients' MCP log files for secrets"
    )
    beyond.add_argument(
        "--log-budget",
        type=float,
        default=None,
        metavar="S",
        help="seconds to spend reading logs, newest first (default: 3)",
    )
    beyond.add_argument(
        "--no-processes",
        action="store_true",
        help="do not check running server processes (secrets in arguments, root)",
    )
    beyond.add_argument(
        "--no-source",
        action="store_true",
        help="do not scan the code of stdio servers found on disk for dangerous calls",
    )


def add_live_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--live",
        action="store_true",
        help="start (stdio) or contact (remote) each server to list and audit its tools",
    )
    p.add_argument(
        "--server",
        action="append",
        default=[],
        metavar="NAME",
        help="with --live: inspect only this server (name or id; repeatable)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="with --live: seconds allowed per server (default: 15, or timeout in settings)",
    )
    p.add_argument(
        "--sandbox",
        action="store_true",
        help="with --live: run stdio servers under bubblewrap without network (Linux, best-effort)",
    )
    p.add_argument(
        "--pass-env",
        action="append",
        default=[],
        metavar="NAME",
        help="with --live: expand ${VAR} references in this server's config from your "
        "environment (default: passed as inert placeholders; repeatable)",
    )


def add_online_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--online",
        action="store_true",
        help="refresh known-vulnerability advisories from OSV (osv.dev; $MCPAUDIT_OSV_URL), "
        "cached for 24 h; without it nothing goes to the network",
    )


_SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".sarif": "sarif", ".txt": "text"}
_SUFFIX_FORMATS |= {".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite"}


def _format_for(output: Path | None) -> str:
    """`-o report.sarif` without --format writes SARIF (and .json JSON, .md Markdown)."""
    if output is None:
        return "text"
    return _SUFFIX_FORMATS.get(output.suffix.lower(), "text")


def _formats() -> tuple[str, ...]:
    from mcpaudit.report import FILE_FORMATS, FORMATS

    return (*FORMATS, *FILE_FORMATS)
