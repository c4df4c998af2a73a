"""Parsed arguments -> ScanOptions (and the live/CI parts), with usage errors for bad values."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from mcpaudit.cli.errors import UsageError


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
