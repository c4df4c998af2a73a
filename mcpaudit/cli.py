"""The `mcpaudit` command. Headless commands never import Textual (a test keeps it so)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mcpaudit import DISTRIBUTION, __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("critical", "high", "medium", "low", "info")


class UsageError(Exception):
    """A problem with what the user asked for: exit code 2 with a clear message."""


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
    clients.add_argument("--format", choices=("text", "json"), default="text")

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
    pins.add_argument("--format", choices=("text", "json"), default="text")

    rules = sub.add_parser("rules", help="every rule: id, category, severity, rationale")
    rules.add_argument("--format", choices=("text", "json"), default="text")
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

    restore = sub.add_parser("restore", help="bring a quarantined server back")
    restore.add_argument("id", nargs="?", help="quarantine id (see --list)")
    restore.add_argument("--list", action="store_true", help="list quarantined servers")

    run = sub.add_parser(
        "run",
        help="start a server with secrets from the OS keychain (also: mcpaudit-run)",
        description="mcpaudit run --secret NAME=keyring:SERVICE/ACCOUNT [--secret "
        "NAME=file:KEY]... -- COMMAND [ARG...]",
    )
    run.add_argument("rest", nargs=argparse.REMAINDER)
    disable = sub.add_parser("disable", help="switch servers off the way their client allows")
    add_scan_options(disable)
    disable.add_argument("names", nargs="+", metavar="NAME")
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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["run"]:  # the launcher: its own small parser, nothing else imported
        from mcpaudit.launcher import main as run_main

        return run_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    _tolerant_streams()
    try:
        return dispatch(args)
    except UsageError as exc:
        print(f"mcpaudit: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # RecursionError and MemoryError included
        # The scan could not complete: one line and exit 2, never a traceback read as
        # "findings" (exit 1). MCPAUDIT_DEBUG=1 shows the traceback for a bug report.
        if os.environ.get("MCPAUDIT_DEBUG"):
            raise
        what = _one_line(f"{type(exc).__name__}: {exc}")
        print(
            f"mcpaudit: error: the {args.command or 'scan'} could not complete: {what}",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _one_line(text: str) -> str:
    from mcpaudit.sanitize import one_line

    return one_line(text, 300)


def _tolerant_streams() -> None:
    """A lone surrogate (a non-UTF-8 file name) is written as an escape, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if getattr(args, "reset", False) and not getattr(args, "demo", False):
        raise UsageError("--reset needs --demo (it starts the demo home afresh)")
    if getattr(args, "demo", False):
        # Before any command: undo, restore and pins must see the demo's state, not yours.
        from mcpaudit.demo import demo_env

        args.demo_env = demo_env(reset=getattr(args, "reset", False))
    if command in ("scan", "report", "fix", "disable", None):
        from mcpaudit.commands.configure import SettingsError, apply_settings

        try:
            apply_settings(args)  # .mcpaudit.toml / [tool.mcpaudit] fill what flags left open
        except SettingsError as exc:
            raise UsageError(str(exc)) from None
    if command == "rules":
        from mcpaudit.commands.rules import run_rules_command

        return run_rules_command(args.format)
    if command == "pins":
        from mcpaudit.commands.pins import run_pins_command

        return run_pins_command(args.action, tuple(args.server), args.format)
    if command == "clients":
        from mcpaudit.commands.clients import run_clients_command

        return run_clients_command(_options(args, with_configs=False), args.format)
    if command in ("scan", "report"):
        from mcpaudit.commands.scan import run_report_command, run_scan_command

        options = _options(args)
        if command == "report":
            return run_report_command(options, args.output)
        fmt = args.format or _format_for(args.output)
        return run_scan_command(options, fmt, args.output, args.fail_on)
    if command in ("fix", "undo", "restore", "disable"):
        return dispatch_fix(args)
    # No command: the interactive view (falls back to the text report without a terminal).
    from mcpaudit.commands.scan import run_default

    return run_default(_options(args))


def dispatch_fix(args: argparse.Namespace) -> int:
    from mcpaudit.commands import fix as cmd

    if args.command == "undo":
        return cmd.run_undo_command(args.transaction, args.list, args.force)
    if args.command == "restore":
        return cmd.run_restore_command(args.id, args.list)
    options = _options(args)
    if args.command == "disable":
        return cmd.run_disable_command(options, args.names, args.client, args.dry_run, args.yes)
    fix_options = {"network": args.network}
    if args.narrow_to is not None:
        fix_options["narrow_to"] = str(args.narrow_to.resolve())
    from dataclasses import replace

    options = replace(options, fix_options=fix_options)
    return cmd.run_fix_command(
        options, args.rule, args.server, args.dry_run, args.unsafe, args.yes, args.secret_store
    )


def _options(args: argparse.Namespace, with_configs: bool = True):  # type: ignore[no-untyped-def]
    from mcpaudit.scan import ScanOptions

    env = dict(os.environ)
    project = getattr(args, "project", None)
    if getattr(args, "demo", False):
        from mcpaudit.demo import demo_env

        env, demo_project = getattr(args, "demo_env", None) or demo_env()
        env = dict(env)
        project = project or demo_project
    project = (project or Path.cwd()).resolve()
    if not project.is_dir():
        raise UsageError(f"--project {project} is not a directory")
    configs = (
        (*(getattr(args, "config", []) or ()), *(getattr(args, "paths", []) or ()))
        if with_configs
        else ()
    )
    for path in configs:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"--config {path}: no such file")
    live = _live_options(args, env)
    from mcpaudit.collect import CollectOptions
    from mcpaudit.collect.logs import LogLimits

    budget = getattr(args, "log_budget", None)
    if budget is not None and not budget > 0:
        raise UsageError("--log-budget must be a positive number of seconds")
    collect = CollectOptions(
        log_limits=LogLimits() if budget is None else LogLimits(time_budget_s=budget),
        logs=not getattr(args, "no_logs", False),
        # The process table is this machine's, not the demo home's: the demo skips it.
        processes=not getattr(args, "no_processes", False) and not getattr(args, "demo", False),
        source=not getattr(args, "no_source", False),
    )
    walk = tuple(getattr(args, "walk", []) or ())
    for root in walk:
        if not root.is_dir():
            raise UsageError(f"--walk {root} is not a directory")
    options = ScanOptions(
        known_projects=not getattr(args, "no_projects", False),
        walk=tuple(p.absolute() for p in walk),
        env=env,
        project=project,
        extra_configs=tuple(p.absolute() for p in configs),
        collect=collect,
        live=live is not None,
        inspect=live,
        online=getattr(args, "online", False),
        rules=getattr(args, "rule_selection", None),
    )
    return _ci_options(args, options) if with_configs else options


def _ci_options(args: argparse.Namespace, options):  # type: ignore[no-untyped-def]
    """--no-discover, --suppressions and --baseline: read here so problems exit 2."""
    import dataclasses

    from mcpaudit.baseline import BaselineError, load_baseline
    from mcpaudit.suppress import SuppressionError, discover, load_given

    changes: dict[str, object] = {}
    if getattr(args, "no_discover", False):
        if not options.extra_configs:
            raise UsageError("--no-discover needs at least one config file (--config PATH)")
        changes["clients"] = ()
        # Nor the machine's client logs and processes: only what the given files configure.
        changes["collect"] = dataclasses.replace(options.collect, logs=False, processes=False)
    try:
        if getattr(args, "no_suppressions", False):
            changes["suppressions"] = ()
        elif getattr(args, "suppressions", None) is not None:
            if not args.suppressions.is_file():
                raise UsageError(f"--suppressions {args.suppressions}: no such file")
            changes["suppressions"] = tuple(load_given(args.suppressions, options.project))
        else:
            changes["suppressions"] = discover(options.project, Path.cwd())
        if getattr(args, "baseline", None) is not None:
            changes["baseline"] = load_baseline(args.baseline)
    except (SuppressionError, BaselineError) as exc:
        raise UsageError(str(exc)) from None
    return dataclasses.replace(options, **changes)


def _live_options(args: argparse.Namespace, env: dict[str, str]):  # type: ignore[no-untyped-def]
    """InspectOptions when --live was given (and makes sense), else None."""
    if not hasattr(args, "live"):
        return None  # `fix --server` and `pins --server` choose servers, they do not inspect
    if not args.live:
        for flag in ("server", "sandbox", "pass_env"):
            if getattr(args, flag, None):
                raise UsageError(f"--{flag.replace('_', '-')} needs --live")
        return None
    if getattr(args, "demo", False):
        raise UsageError("--live cannot be used with --demo: the demo servers are not real")
    if not args.timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds")
    from mcpaudit.inspect.options import InspectOptions

    if args.sandbox:
        from mcpaudit.inspect.sandbox import sandbox_unavailable_reason

        reason = sandbox_unavailable_reason()
        if reason:
            raise UsageError(reason)
    return InspectOptions(
        timeout=args.timeout,
        sandbox=args.sandbox,
        servers=tuple(args.server),
        env=env,
        pass_env=tuple(args.pass_env),
    )
