"""Secrets in arguments leave the config too: the keychain fix stores them in the keychain
(the real test backend, `tests/keyring_backend`) and leaves a `{secret:NAME}` placeholder
that `mcpaudit-run` fills in before the `exec`. Also: undo takes back only what it stored,
and a remote server's header secret gets no launcher fix, with a remediation that says why."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, run_cli
from tests.keyring_backend.mcpaudit_test_keyring import configure
from tests.live_helpers import SERVERS
from tests.rules.homes import line_of, write, write_raw
from tests.static2.cli import findings, one, scan_json, where

SECRET = "sk-proj-" + "Q7vW2xYz9AbCdEfGhJkLmNoP3rStUvWx1234"
PASSWORD = "p4ss$w0rd;Xq"
DB_URL = f"postgres://admin:{PASSWORD}@db.example.com:5432/app"
LAUNCHER = Path(sys.executable).with_name("mcpaudit-run")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _line(lines: list[str], needle: str) -> int:
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def _launch(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env |= {"HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [str(LAUNCHER), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_arg_secret_moves_to_the_keychain_and_the_live_scan_fills_it_in(
    isolated_home: Path,
) -> None:
    store = configure(isolated_home)
    report = isolated_home / "probe.json"
    probe = str(SERVERS / "secret_probe.py")
    args = [probe, "--expect", "NONE", "--report", str(report), "--expect-arg", "8",
            "--api-key", SECRET, "--db", DB_URL]  # fmt: skip
    path = write(isolated_home, "claude-desktop", {"probe": {"command": sys.executable,
                                                             "args": args}})  # fmt: skip
    before = path.read_bytes()
    scanned = scan_json(isolated_home)
    both = findings(scanned, "MCP104", "probe")
    lines = before.decode().splitlines()
    for needle in ("sk-proj", "postgres://"):
        (f,) = [g for g in both if g["location"]["line"] == _line(lines, needle)]
        assert where(f) == ("probe", str(path), _line(lines, needle), "high")
        assert f["fix"] is not None and "keychain" in f["fix"]["description"]
        assert "process list" in f["fix"]["description"]  # says what the fix does not hide
    assert len(both) == 2 and len({g["fix"]["id"] for g in both}) == 1  # one fix, one wrap

    fixed = run_cli("fix", "--rule", "MCP104", "--unsafe", "--yes", home=isolated_home)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.index("+++") < fixed.stdout.index("keyring")  # diff first
    assert SECRET not in fixed.stdout + fixed.stderr and PASSWORD not in fixed.stdout
    text = path.read_text(encoding="utf-8")
    assert SECRET not in text and PASSWORD not in text
    entry = json.loads(text)["mcpServers"]["probe"]
    assert entry["command"] == str(LAUNCHER)
    assert entry["args"] == [
        "--arg-secret", "PROBE_API_KEY=keyring:mcpaudit/PROBE_API_KEY",
        "--arg-secret", "PROBE_URL_PASSWORD=keyring:mcpaudit/PROBE_URL_PASSWORD",
        "--", sys.executable, *args[:8], "{secret:PROBE_API_KEY}", "--db",
        "postgres://admin:{secret:PROBE_URL_PASSWORD}@db.example.com:5432/app",
    ]  # fmt: skip
    kept = json.loads(store.read_text())
    assert kept == {"mcpaudit/PROBE_API_KEY": SECRET, "mcpaudit/PROBE_URL_PASSWORD": PASSWORD}
    after = scan_json(isolated_home)
    assert not findings(after, "MCP104") and not findings(after, "MCP103")

    live = run_cli("scan", "--live", "--format", "json", "--fail-on", "never", "--no-logs",
                   home=isolated_home, timeout=120)  # fmt: skip
    assert live.returncode == 0, live.stderr
    seen = json.loads(report.read_text())
    assert seen["sha256"] == _sha(SECRET)  # the server got the value in its argv
    # It is on the server's own command line (that is what an argument is), on no other
    # process's (mcpaudit's, the launcher's: it exec'ed), and not in its environment.
    assert seen["cmdlines_with_secret"] == [seen["pid"]]
    assert not seen["env_has_secret"]
    assert seen["cmdline"][0].endswith("secret_probe.py") and seen["cmdline"][-1] == DB_URL
    result = json.loads(live.stdout)
    assert [t["name"] for t in result["servers"][0]["tools"]] == ["noop"]
    assert not findings(result, "MCP104") and not findings(result, "MCP509")
    for fmt in ("text", "markdown", "sarif", "json"):
        proc = run_cli("scan", "--format", fmt, "--fail-on", "never", home=isolated_home)
        assert SECRET not in proc.stdout + proc.stderr and PASSWORD not in proc.stdout
    assert SECRET not in live.stdout + live.stderr and PASSWORD not in live.stdout

    undone = run_cli("undo", home=isolated_home)
    assert undone.returncode == 0, undone.stderr
    assert path.read_bytes() == before
    assert json.loads(store.read_text()) == {}  # undo took both entries out again
    assert "PROBE_API_KEY removed from the OS keyring" in undone.stdout


def test_env_and_arg_secrets_of_one_server_are_one_fix_in_zed_and_cline(
    isolated_home: Path,
) -> None:
    configure(isolated_home)
    token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0" * 2
    gh = {"command": "npx", "args": ["-y", "@acme/gh-mcp@1.2.3", f"--token={token}"],
          "env": {"OPENAI_API_KEY": SECRET}}  # fmt: skip
    for client in ("zed", "cline"):
        path = write(isolated_home, client, {"gh": gh})
        fixed = run_cli("fix", "--rule", "MCP101", "--rule", "MCP104", "--unsafe", "--yes",
                        home=isolated_home)  # fmt: skip
        assert fixed.returncode == 0, fixed.stderr
        assert fixed.stdout.count("mcpaudit-run") >= 1 and "overlaps" not in fixed.stdout
        data = json.loads(path.read_text())
        entry = data.get("context_servers", data.get("mcpServers"))["gh"]
        assert "ghp_" not in path.read_text() and "sk-proj" not in path.read_text()
        assert entry["command"] == str(LAUNCHER)
        assert entry["args"] == [
            "--secret", "OPENAI_API_KEY=keyring:mcpaudit/GH_OPENAI_API_KEY",
            "--arg-secret", "GH_TOKEN=keyring:mcpaudit/GH_TOKEN",
            "--", "npx", "-y", "@acme/gh-mcp@1.2.3", "--token={secret:GH_TOKEN}",
        ]  # fmt: skip
        assert "env" not in entry or not entry["env"]
        assert run_cli("undo", home=isolated_home).returncode == 0
        path.unlink()


def test_undo_leaves_a_keychain_entry_the_user_changed(isolated_home: Path) -> None:
    store = configure(isolated_home)
    entry = {"command": "node", "args": ["s.js", "--api-key", SECRET]}
    path = write(isolated_home, "claude-desktop", {"notes": entry})
    before = path.read_bytes()
    assert (
        run_cli("fix", "--rule", "MCP104", "--unsafe", "--yes", home=isolated_home).returncode == 0
    )
    data = json.loads(store.read_text())
    data["mcpaudit/NOTES_API_KEY"] = "sk-rotated-" + "x" * 30  # the user rotated it since
    store.write_text(json.dumps(data))
    undone = run_cli("undo", home=isolated_home)
    assert undone.returncode == 0, undone.stderr
    assert path.read_bytes() == before
    assert "NOTES_API_KEY left in the OS keyring: its value changed" in undone.stdout
    assert json.loads(store.read_text())["mcpaudit/NOTES_API_KEY"].startswith("sk-rotated-")


def test_launcher_fills_placeholders_and_keeps_arg_secrets_out_of_the_env(
    isolated_home: Path,
) -> None:
    secrets = isolated_home / ".config" / "mcpaudit" / "secrets.env"
    secrets.parent.mkdir(parents=True)
    secrets.write_text(f"export PW='{PASSWORD}'\nexport TOKEN='{SECRET}'\n")
    secrets.chmod(0o600)
    code = (
        "import os, sys, hashlib; h = lambda s: hashlib.sha256(s.encode()).hexdigest(); "
        "print(h(sys.argv[1]), h(sys.argv[2]), 'PW' in os.environ, h(os.environ['T']))"
    )
    proc = _launch("--arg-secret", "PW=file:PW", "--secret", "T=file:TOKEN", "--",
                   sys.executable, "-c", code, "u:{secret:PW}@h", "{secret:T}",
                   home=isolated_home)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [_sha(f"u:{PASSWORD}@h"), _sha(SECRET), "False", _sha(SECRET)]
    bad = _launch("--secret", "T=file:TOKEN", "--", "echo", "{secret:NOPE}", home=isolated_home)
    assert bad.returncode == 2 and "{secret:NOPE} names no --secret" in bad.stderr
    assert bad.stdout == "" and SECRET not in bad.stderr
    twice = _launch("--secret", "T=file:TOKEN", "--arg-secret", "T=file:PW", "--", "true",
                    home=isolated_home)  # fmt: skip
    assert twice.returncode == 2 and "declared twice" in twice.stderr


def test_a_header_secret_in_a_client_without_references_gets_no_launcher_fix(
    isolated_home: Path,
) -> None:
    configure(isolated_home)
    remote = {"url": "https://mcp.example.com/mcp",
              "headers": {"Authorization": f"Bearer {SECRET}"}}  # fmt: skip
    for client in ("zed", "cline", "lmstudio"):
        if client == "lmstudio":
            path = write_raw(isolated_home, ".lmstudio/mcp.json",
                             json.dumps({"mcpServers": {"remote": remote}}, indent=2))  # fmt: skip
        else:
            path = write(isolated_home, client, {"remote": remote})
        f = one(scan_json(isolated_home), "MCP102", "remote")
        assert where(f) == ("remote", str(path), line_of(path, "Authorization"), "high")
        assert "keychain" not in (f["fix"] or {}).get("description", "")
        assert "mcpaudit-run cannot start a remote server" in f["remediation"]
        assert "mcp-remote" in f["remediation"] and SECRET not in f["remediation"]
        path.unlink()
    path = write(isolated_home, "cursor", {"remote": remote})  # a client with references
    f = one(scan_json(isolated_home), "MCP102", "remote")
    assert "${env:" in f["fix"]["description"] and "cannot start" not in f["remediation"]
