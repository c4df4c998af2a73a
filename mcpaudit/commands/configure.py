"""Fill in what the command line left open from the settings file (CLI > project > user)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mcpaudit import console
from mcpaudit.settings import RuleSelection, Settings, SettingsError, check_rule_patterns

DEFAULT_FAIL_ON = "high"
DEFAULT_TIMEOUT = 15.0


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    """--select A,B --select C -> (A, B, C); None when the flag was not given."""
    if values is None:
        return None
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def _known_rules() -> tuple[list[str], list[str]]:
    from mcpaudit.model import CATEGORIES
    from mcpaudit.rules.registry import load_all

    return sorted(load_all()), sorted(CATEGORIES)


def settings_for(args: argparse.Namespace) -> Settings:
    from mcpaudit.settings import find_file, load

    if getattr(args, "demo", False):
        return Settings()  # the demo is the same everywhere: no project's or user's file
    project = getattr(args, "project", None)
    cwd = Path.cwd()
    path = find_file([project.resolve() if project else cwd, cwd])
    if path is None:
        return Settings()
    rules, categories = _known_rules()
    return load(path, rules, categories)


def apply_settings(args: argparse.Namespace) -> None:
    """Raise SettingsError (exit 2) for a bad file or a bad --select/--ignore."""
    console.set_level(
        console.QUIET
        if getattr(args, "quiet", False)
        else console.VERBOSE
        if getattr(args, "verbose", False)
        else console.NORMAL
    )
    settings = settings_for(args)
    if settings.source is not None:
        console.detail(f"settings from {settings.source}")
    if hasattr(args, "fail_on") and args.fail_on is None:
        args.fail_on = settings.fail_on or DEFAULT_FAIL_ON
    if hasattr(args, "timeout") and args.timeout is None:
        args.timeout = settings.timeout or DEFAULT_TIMEOUT
    if hasattr(args, "format") and args.command == "scan" and args.format is None:
        from mcpaudit.cli import _SUFFIX_FORMATS

        output = getattr(args, "output", None)
        by_suffix = _SUFFIX_FORMATS.get(output.suffix.lower()) if output else None
        if by_suffix is None and settings.format:
            args.format = settings.format
    if hasattr(args, "walk") and not args.walk and settings.walk:
        args.walk = list(settings.walk)  # `--walk` roots (laptop-wide discovery)
    select, ignore = _split(getattr(args, "select", None)), _split(getattr(args, "ignore", None))
    if select or ignore:
        rules, categories = _known_rules()
        check_rule_patterns(
            (*(select or ()), *(ignore or ())), rules, categories, "--select/--ignore"
        )
    chosen = RuleSelection(
        select=settings.select if select is None else select,
        ignore=settings.ignore if ignore is None else ignore,
    )
    args.rule_selection = chosen if (chosen.select or chosen.ignore) else None


__all__ = ["SettingsError", "apply_settings", "settings_for"]
