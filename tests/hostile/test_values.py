"""Items 1-3 of issue 20: values Python cannot carry (huge integers, lone surrogates, odd
version numbers) in every config format, through the CLI, in every report format.

Each example writes real files in a temp home and runs `mcpaudit scan` (in-process
through `cli.main`, so hypothesis can afford many examples; a few subprocess runs below
prove the same for the installed entry point). The scan must finish with exit 0 or 1,
print a complete report, and never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mcpaudit.cli import main
from tests.conftest import run_cli

FORMATS = ("text", "json", "markdown", "sarif")
HUGE = "1" * 4301
NINES = "9" * 5000

# Strings a hostile repository can put in a name, an env key, a header or a path.
lone_surrogate = st.integers(0xD800, 0xDFFF).map(chr)
hostile_text = st.lists(
    st.one_of(
        lone_surrogate,
        st.sampled_from(["\x1b]52;c;AAAA\x07", "\x1b[2J", "\u202e", "\x9b31m", "\x85", "\x00"]),
        st.text(min_size=0, max_size=4),
    ),
    min_size=1,
    max_size=4,
).map("".join)
hostile_number = st.sampled_from([HUGE, "-" + HUGE, HUGE + ".5", "1e99999", "1" * 4300])


def _json_config(name: str, env_key: str, header: str, number: str) -> str:
    servers = {
        name: {"command": "node", "args": ["server.js"], "env": {env_key: "value"}},
        "remote": {"url": "http://127.0.0.1:1/mcp", "headers": {"X-Key": header}},
    }
    # json.dumps writes a lone surrogate as the `\udXXX` escape a hostile file would hold.
    text = json.dumps({"mcpServers": servers, "n": 0})
    return text.replace('"n": 0', f'"n": {number}')


def _yaml_quote(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _scan_all_formats(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in FORMATS:
        code = main(["scan", "--format", fmt, "--project", str(home / "proj"), "--no-processes"])
        out, err = capsys.readouterr()
        assert code in (0, 1), err
        assert "Traceback" not in err and "could not complete" not in err, err
        assert out.strip(), f"empty {fmt} report"
        if fmt in ("json", "sarif"):
            json.loads(out)  # a complete, valid document
        # No raw escape or lone surrogate reaches the terminal.
        assert "\x1b" not in out and "\x9b" not in out
        out.encode("utf-8")


@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a CLI run takes minutes
)
@given(name=hostile_text, env_key=hostile_text, header=hostile_text, number=hostile_number)
def test_hostile_values_in_every_format(
    name: str,
    env_key: str,
    header: str,
    number: str,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = isolated_home
    monkeypatch.chdir(home)
    proj = home / "proj"
    # JSON (Claude Code project file), JSONC (VS Code), ~/.claude.json with a projects key.
    _write(proj / ".mcp.json", _json_config(name, env_key, header, number))
    _write(proj / ".vscode/mcp.json", "// c\n" + _json_config(name, env_key, header, number))
    projects = {name: {"mcpServers": {"p": {"command": "npx", "args": ["-y", "x@1.0.0"]}}}}
    _write(home / ".claude.json", json.dumps({"projects": projects, "n": 1}))
    # YAML (Goose): the same values, double-quoted with their escapes.
    _write(
        home / ".config/goose/config.yaml",
        "extensions:\n"
        f"  {_yaml_quote(name)}:\n    type: stdio\n    cmd: node\n    enabled: true\n"
        f"    envs: {{{_yaml_quote(env_key)}: v}}\n    timeout: {number}\n",
    )
    # TOML (Codex) cannot hold a lone surrogate; a huge integer it can.
    _write(
        home / ".codex/config.toml",
        f'[mcp_servers.a]\ncommand = "node"\nstartup_timeout_sec = {number.split(".")[0]}\n',
    )
    _scan_all_formats(home, capsys)


@pytest.mark.parametrize("fmt", FORMATS)
def test_huge_integer_and_version_through_the_installed_cli(isolated_home: Path, fmt: str) -> None:
    """The issue's own reproductions, as a user runs them (subprocess)."""
    home = isolated_home
    proj = home / "proj"
    servers = {
        "remote": {"command": "npx", "args": ["-y", f"mcp-remote@{NINES}.0.0"]},
        "git": {"command": "uvx", "args": [f"mcp-server-git=={NINES}"]},
        "\ud800x": {"command": "node", "args": ["a.js"], "env": {"\udc00K": "v"}},
    }
    text = json.dumps({"mcpServers": servers, "n": 0}).replace('"n": 0', f'"n": {HUGE}')
    _write(proj / ".mcp.json", text)
    _write(home / ".codex/config.toml", f'[mcp_servers.a]\ncommand = "x"\nn = {HUGE}\n')
    r = run_cli("scan", "--format", fmt, "--project", str(proj), home=home)
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    if fmt == "json":
        # Every server was audited, the lone surrogate shown as the escape the file holds.
        names = {s["name"] for s in json.loads(r.stdout)["servers"]}
        assert {"remote", "git", "\\ud800x"} <= names
    if fmt == "text":
        assert "3 server(s)" in r.stdout
        # A TOML integer past 64 bits is a parse error a client would hit too: a finding.
        assert "integer of more than 4,300 digits at line 3" in r.stdout
