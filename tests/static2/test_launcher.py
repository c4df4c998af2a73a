"""`mcpaudit-run` and the keychain fix: a secret leaves a Claude Desktop config for the OS
keychain (a real keyring backend, `tests/keyring_backend`), the entry starts through the
launcher, and a live scan starts the real server through it."""

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
from tests.rules.homes import write
from tests.static2.cli import findings, one, scan_json

SECRET = "sk-proj-" + "Q7vW2xYz9AbCdEfGhJkLmNoP3rStUvWx1234"
LAUNCHER = Path(sys.executable).with_name("mcpaudit-run")
NODE_ENTRY = {"command": "node", "args": ["s.js"], "env": {"OPENAI_API_KEY": SECRET}}


def _run(*args: str, home: Path, **kw) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env |= {"HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [str(LAUNCHER), *args], env=env, capture_output=True, text=True, timeout=60, **kw
    )


def test_keychain_fix_then_live_scan_through_the_launcher(isolated_home: Path) -> None:
    store = configure(isolated_home)
    report = isolated_home / "probe.json"
    probe_args = [str(SERVERS / "secret_probe.py"), "--expect", "OPENAI_API_KEY",
                  "--report", str(report)]  # fmt: skip
    path = write(
        isolated_home,
        "claude-desktop",
        {"notes": {"command": sys.executable, "args": probe_args,
                   "env": {"OPENAI_API_KEY": SECRET, "LOG_LEVEL": "debug"}}},
    )  # fmt: skip
    before = path.read_bytes()
    scanned = scan_json(isolated_home)
    f = one(scanned, "MCP101", "notes")
    assert f["fix"] is not None and "keychain" in f["fix"]["description"]

    fixed = run_cli("fix", "--rule", "MCP101", "--unsafe", "--yes", home=isolated_home)
    assert fixed.returncode == 0, fixed.stderr
    out = fixed.stdout
    assert out.index("+++") < out.index("keyring")  # the diff comes first
    assert "mcpaudit-run" in out and SECRET not in out + fixed.stderr

    text = path.read_text(encoding="utf-8")
    assert SECRET not in text
    entry = json.loads(text)["mcpServers"]["notes"]
    assert entry["command"] == str(LAUNCHER) and Path(entry["command"]).is_absolute()
    assert entry["args"] == [
        "--secret", "OPENAI_API_KEY=keyring:mcpaudit/NOTES_OPENAI_API_KEY",
        "--", sys.executable, *probe_args,
    ]  # fmt: skip
    assert entry["env"] == {"LOG_LEVEL": "debug"}
    assert json.loads(store.read_text())["mcpaudit/NOTES_OPENAI_API_KEY"] == SECRET

    # The live inspection starts the entry as the client would: launcher -> exec -> server.
    live = run_cli("scan", "--live", "--format", "json", "--fail-on", "never", "--no-logs",
                   home=isolated_home, timeout=120)  # fmt: skip
    assert live.returncode == 0, live.stderr
    probe = json.loads(report.read_text())
    assert probe["present"] and probe["sha256"] == hashlib.sha256(SECRET.encode()).hexdigest()
    assert probe["cmdlines_with_secret"] == []  # not in any process's command line
    assert probe["cmdline"][0].endswith("secret_probe.py")  # exec'ed: the launcher is gone
    result = json.loads(live.stdout)
    (server,) = result["servers"]
    assert [t["name"] for t in server["tools"]] == ["noop"]  # inspected through the launcher
    assert not findings(result, "MCP101") and not findings(result, "MCP509")
    for fmt in ("text", "markdown", "sarif"):
        proc = run_cli("scan", "--format", fmt, "--fail-on", "never", home=isolated_home)
        assert SECRET not in proc.stdout + proc.stderr
    assert SECRET not in live.stdout + live.stderr

    undone = run_cli("undo", home=isolated_home)
    assert undone.returncode == 0, undone.stderr
    assert path.read_bytes() == before


def test_keychain_fix_not_offered_where_the_client_reads_env_references(
    isolated_home: Path,
) -> None:
    configure(isolated_home)
    write(isolated_home, "cursor", {"notes": NODE_ENTRY})
    f = one(scan_json(isolated_home), "MCP101", "notes")
    assert "keychain" not in f["fix"]["description"] and "${env:" in f["fix"]["description"]


def test_without_a_keyring_backend_the_chmod_fix_stays(isolated_home: Path) -> None:
    cfg = isolated_home / ".config" / "python_keyring" / "keyringrc.cfg"
    cfg.parent.mkdir(parents=True)
    cfg.write_text("[backend]\ndefault-keyring = keyring.backends.fail.Keyring\n")
    write(isolated_home, "zed", {"notes": NODE_ENTRY})
    f = one(scan_json(isolated_home), "MCP101", "notes")
    assert "chmod" in f["fix"]["id"] and "keychain" not in f["fix"]["description"]


def test_keychain_fix_in_zed_and_cline(isolated_home: Path) -> None:
    configure(isolated_home)
    for client in ("zed", "cline"):
        token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0" * 2
        gh = {
            "command": "npx",
            "args": ["-y", "@acme/gh-mcp@1.2.3"],
            "env": {"GITHUB_TOKEN": token},
        }
        path = write(isolated_home, client, {"gh": gh})
        proc = run_cli("fix", "--rule", "MCP101", "--unsafe", "--yes", home=isolated_home)
        assert proc.returncode == 0, proc.stderr
        data = json.loads(path.read_text())
        entry = data.get("context_servers", data.get("mcpServers"))["gh"]
        assert entry["command"] == str(LAUNCHER) and "ghp_" not in path.read_text()
        assert entry["args"][-4:] == ["--", "npx", "-y", "@acme/gh-mcp@1.2.3"]
        path.unlink()


def test_launcher_reads_the_secrets_file_and_execs(isolated_home: Path) -> None:
    secrets = isolated_home / ".config" / "mcpaudit" / "secrets.env"
    secrets.parent.mkdir(parents=True)
    secrets.write_text(f"export OPENAI_API_KEY='{SECRET}'\n")
    secrets.chmod(0o600)
    code = "import os,sys; v=os.environ['K']; print(len(v), v[:4], os.getpid())"
    proc = _run("--secret", "K=file:OPENAI_API_KEY", "--", sys.executable, "-c", code,
                home=isolated_home)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[:2] == [str(len(SECRET)), SECRET[:4]]
    secrets.chmod(0o644)
    proc = _run("--secret", "K=file:OPENAI_API_KEY", "--", "true", home=isolated_home)
    assert proc.returncode == 2 and "readable by others" in proc.stderr


def test_launcher_errors_name_the_secret_never_its_value(isolated_home: Path) -> None:
    configure(isolated_home)
    proc = _run("--secret", "K=keyring:mcpaudit/NOPE", "--", "true", home=isolated_home)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert "--secret K" in proc.stderr and "NOPE" in proc.stderr
    for bad in (["--", ], ["--secret", "K=vault:x", "--", "true"], ["true"]):  # fmt: skip
        proc = _run(*bad, home=isolated_home)
        assert proc.returncode == 2 and proc.stderr.startswith("mcpaudit-run: ")
    same = run_cli("run", "--secret", "K=keyring:mcpaudit/NOPE", "--", "true", home=isolated_home)
    assert same.returncode == 2 and "NOPE" in same.stderr


def test_launcher_imports_no_textual_and_is_quick(isolated_home: Path) -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import mcpaudit.launcher; "
        "print('textual' in sys.modules, round((time.perf_counter() - t) * 1000))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=True)  # fmt: skip
    textual, ms = proc.stdout.split()
    assert textual == "False" and int(ms) < 100
