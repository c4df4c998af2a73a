"""What the text outputs show (issue 16, points 8 and 15), through the real CLI: nothing
cut without a sign — fix descriptions and paths whole in `scan`, `undo --list` and a piped
`clients` — and help text for every option."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mcpaudit.cli import build_parser
from tests.conftest import run_cli

TOKEN = "ghp_" + "Lm4k" * 9


def _long_config(home: Path) -> Path:
    """A Cursor-shaped config at a path far past 200 characters, readable by others."""
    folder = home / ("a-very-long-folder-name-" * 4) / ("and-another-one-" * 4) / "cursor"
    folder.mkdir(parents=True)
    cfg = folder / "mcp.json"
    cfg.write_text(json.dumps({"mcpServers": {"gh": {"command": "x", "env": {"T": TOKEN}}}}))
    cfg.chmod(0o644)
    assert len(str(cfg)) > 200
    return cfg


def test_scan_text_and_undo_list_print_fix_descriptions_whole(isolated_home: Path) -> None:
    cfg = _long_config(isolated_home)
    text = run_cli("scan", "--no-discover", "--config", str(cfg), home=isolated_home).stdout
    fixes = [line.strip() for line in text.splitlines() if line.strip().startswith("fix (")]
    chmod = next(line for line in fixes if "chmod 600" in line)
    assert f"chmod 600 {cfg} (now 0644): " in chmod
    assert chmod.endswith("not programs running as you, backups or sync")
    assert not [line for line in fixes if "…" in line]

    applied = run_cli(
        "fix",
        "--no-discover",
        "--config",
        str(cfg),
        "--rule",
        "MCP110",
        "--yes",
        home=isolated_home,
    )
    assert applied.returncode == 0, applied.stderr
    listed = run_cli("undo", "--list", home=isolated_home).stdout
    assert f"    {cfg}  (backup: " in listed
    assert f"- MCP110: chmod 600 {cfg} (now 0644): only you can read and write it" in listed
    assert "…" not in listed


def test_clients_piped_prints_whole_paths(isolated_home: Path) -> None:
    project = isolated_home / ("project-with-a-long-name-" * 6)
    project.mkdir()
    proc = run_cli("clients", "--project", str(project), home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    wanted = f"{project}/.mcp.json"
    assert len(wanted) > 160
    assert any(wanted in line for line in proc.stdout.splitlines())  # one line, not wrapped


def _actions(parser: argparse.ArgumentParser, command: str = "") -> list[tuple[str, str]]:
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += _actions(sub, name)
            out += [(f"{c.dest} (command)", c.help or "") for c in action._choices_actions]
        else:
            name = "/".join(action.option_strings) or action.dest
            out.append((f"{command} {name}".strip(), action.help or ""))
    return out


def test_every_option_and_command_says_what_it_does() -> None:
    helps = dict(_actions(build_parser()))
    assert not [name for name, text in helps.items() if not text.strip()]
    assert "where to write it" in helps["report -o/--output"]
    assert "project-level files" in helps["clients --project"]
    assert "write nothing" in helps["disable --dry-run"]
    assert "without asking" in helps["disable --yes/-y"]
    assert "accept the changed tools" in helps["pins action"]
    assert "write nothing" in helps["restore --dry-run"]


def test_help_explains_bare_mcpaudit(isolated_home: Path) -> None:
    out = " ".join(run_cli("--help", home=isolated_home).stdout.split())
    assert "Without a COMMAND, mcpaudit opens the interactive view" in out
    assert "When stdout is not a terminal it prints the text summary instead" in out
    assert "exits like `scan`: 0, or 1 when a finding is high or worse" in out
