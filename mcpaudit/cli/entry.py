"""`main`: parse, dispatch to the command handlers, and turn failures into exit codes."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from mcpaudit.cli.errors import EXIT_ERROR, EXIT_OK, UsageError
from mcpaudit.cli.options import _options
from mcpaudit.cli.parser import _format_for, build_parser


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
        return cmd.run_restore_command(args.id, args.list, args.dry_run, args.yes)
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
