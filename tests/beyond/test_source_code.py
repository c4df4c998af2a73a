"""untrusted_source_code: the code each stdio server runs, found on disk and read for sinks."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import jsonschema

from mcpaudit.collect.source import SourceLimits
from mcpaudit.config.validate import load_schema
from mcpaudit.model import Severity
from tests.beyond.helpers import (
    FIXTURES,
    claude_desktop_config,
    install_npx,
    line_of,
    run_scan,
)
from tests.conftest import run_cli

SOURCE_RULES = {"MCP720", "MCP721", "MCP722", "MCP723", "MCP724", "MCP725"}


def _by_rule(result, server: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in result.findings:
        if f.server == server and f.rule_id in SOURCE_RULES:
            out.setdefault(f.rule_id, []).append(f)
    return out


def test_npx_cached_package_with_sinks_is_reported_at_the_right_lines(isolated_home):
    pkg = install_npx(isolated_home, "npx-evil", "mcp-server-evil")
    claude_desktop_config(
        isolated_home, {"evil": {"command": "npx", "args": ["-y", "mcp-server-evil@1.0.0"]}}
    )
    result = run_scan(isolated_home, logs=False, processes=False)
    found = _by_rule(result, "evil")
    index = pkg / "dist" / "index.js"

    shell = {(f.location.line, f.severity) for f in found["MCP721"]}
    assert (line_of(index, "cp.execSync(command)"), Severity.CRITICAL) in shell
    assert (line_of(index, 'cp.exec("uptime "'), Severity.MEDIUM) in shell
    [evaluated] = found["MCP720"]
    assert evaluated.severity == Severity.CRITICAL
    assert evaluated.location.line == line_of(index, "eval(args.expression)")
    assert evaluated.file == str(index)
    assert "eval(args.expression)" in evaluated.evidence
    harvest = {(f.location.line, f.severity) for f in found["MCP723"]}
    assert (line_of(index, '".ssh", "id_rsa"'), Severity.HIGH) in harvest
    assert (line_of(index, "JSON.stringify(process.env)"), Severity.HIGH) in harvest
    # The minified vendor bundle is opaque, not scanned line by line.
    [opaque] = found["MCP724"]
    assert opaque.severity == Severity.INFO and "minified" in opaque.message
    # Dependencies under the package's own node_modules are out of scope.
    assert not any("left-pad" in (f.file or "") for f in result.findings)


def test_benign_package_and_script_are_not_flagged_at_medium_or_above(isolated_home):
    install_npx(isolated_home, "npx-benign", "@example/mcp-server-notes")
    script = isolated_home / "servers" / "py-benign" / "server.py"
    shutil.copytree(FIXTURES / "py-benign", script.parent)
    claude_desktop_config(
        isolated_home,
        {
            "notes": {"command": "npx", "args": ["-y", "@example/mcp-server-notes@2.1.0"]},
            "py": {"command": "python3", "args": [str(script)]},
        },
    )
    result = run_scan(isolated_home, logs=False, processes=False)
    assert any("code of 2 server(s) found" in n for n in result.notes)
    serious = [
        f
        for f in result.findings
        if f.rule_id in SOURCE_RULES and f.severity.rank >= Severity.MEDIUM.rank
    ]
    assert serious == []


def test_python_script_sinks_are_graded_by_how_tool_input_reaches_them(isolated_home):
    script = isolated_home / "code" / "py-evil" / "server.py"
    shutil.copytree(FIXTURES / "py-evil", script.parent)
    claude_desktop_config(
        isolated_home,
        {"py": {"command": "uv", "args": ["--directory", str(script.parent), "run", "server.py"]}},
    )
    result = run_scan(isolated_home, logs=False, processes=False)
    found = _by_rule(result, "py")
    shell = {f.location.line: f.severity for f in found["MCP721"]}
    assert shell[line_of(script, "sp.run(full, shell=True")] == Severity.CRITICAL
    assert shell[line_of(script, 'os.system("uptime")')] == Severity.LOW
    deser = {f.location.line: f.severity for f in found["MCP722"]}
    assert deser[line_of(script, "pickle.loads(blob)")] == Severity.HIGH
    assert deser[line_of(script, "yaml.load(fh)")] == Severity.MEDIUM
    [dump] = found["MCP723"]
    assert dump.location.line == line_of(script, "json=dict(os.environ)")
    assert dump.severity == Severity.HIGH


def test_typescript_request_handler_taint(isolated_home):
    root = isolated_home / "src" / "ts-evil"
    shutil.copytree(FIXTURES / "ts-evil", root)
    claude_desktop_config(
        isolated_home, {"ts": {"command": "npx", "args": ["tsx", str(root / "src" / "index.ts")]}}
    )
    # `npx tsx file` and `tsx file` both run the local file.
    result = run_scan(isolated_home, logs=False, processes=False)
    assert {f.rule_id for f in _by_rule(result, "ts")["MCP720"]} == {"MCP720"}
    claude_desktop_config(
        isolated_home, {"ts": {"command": "tsx", "args": [str(root / "src" / "index.ts")]}}
    )
    result = run_scan(isolated_home, logs=False, processes=False)
    found = _by_rule(result, "ts")
    index = root / "src" / "index.ts"
    assert [(f.location.line, f.severity) for f in found["MCP720"]] == [
        (line_of(index, "vm.runInNewContext"), Severity.CRITICAL)
    ]
    assert [(f.location.line, f.severity) for f in found["MCP721"]] == [
        (line_of(index, "exec(`open"), Severity.CRITICAL)
    ]


def test_uv_tool_entry_point_is_found_through_its_dist_info(isolated_home):
    site = isolated_home / ".local/share/uv/tools/mcp-server-pyevil/lib/python3.12/site-packages"
    package = site / "mcp_server_pyevil"
    shutil.copytree(FIXTURES / "py-evil", package)
    (package / "server.py").rename(package / "__init__.py")
    info = site / "mcp_server_pyevil-0.3.0.dist-info"
    info.mkdir()
    (info / "RECORD").write_text(
        "mcp_server_pyevil/__init__.py,sha256=x,1\n"
        "mcp_server_pyevil-0.3.0.dist-info/RECORD,,\n"
        "../../../bin/mcp-server-pyevil,sha256=y,2\n"
    )
    claude_desktop_config(isolated_home, {"uvx": {"command": "uvx", "args": ["mcp-server-pyevil"]}})
    result = run_scan(isolated_home, logs=False, processes=False)
    found = _by_rule(result, "uvx")
    assert {f.file for f in found["MCP721"]} == {str(package / "__init__.py")}


def test_console_script_on_path_leads_to_its_venv_package(isolated_home):
    venv = isolated_home / ".local/share/pipx/venvs/mcp-server-pyevil"
    site = venv / "lib/python3.11/site-packages"
    shutil.copytree(FIXTURES / "py-evil", site / "pyevil")
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    entry = venv / "bin" / "mcp-server-pyevil"
    entry.write_text(
        f"#!{venv}/bin/python\nimport sys\nfrom pyevil.server import mcp\nsys.exit(mcp.run())\n"
    )
    entry.chmod(0o755)
    (isolated_home / "bin").mkdir()
    (isolated_home / "bin" / "mcp-server-pyevil").symlink_to(entry)
    claude_desktop_config(isolated_home, {"pipx": {"command": "mcp-server-pyevil"}})
    result = run_scan(isolated_home, logs=False, processes=False)
    found = _by_rule(result, "pipx")
    assert found["MCP721"][0].file == str(site / "pyevil" / "server.py")


def test_file_limit_is_reported_instead_of_silently_skipping(isolated_home):
    install_npx(isolated_home, "npx-evil", "mcp-server-evil")
    claude_desktop_config(isolated_home, {"evil": {"command": "npx", "args": ["mcp-server-evil"]}})
    from mcpaudit.collect import CollectOptions
    from mcpaudit.scan import ScanOptions, scan

    options = ScanOptions(
        env={"HOME": str(isolated_home), "PATH": ""},
        project=isolated_home,
        collect=CollectOptions(
            logs=False, processes=False, source_limits=SourceLimits(max_files_per_root=1)
        ),
    )
    found = _by_rule(scan(options), "evil")
    [incomplete] = found["MCP725"]
    assert incomplete.severity == Severity.INFO
    assert "file limit" in incomplete.message


def test_cli_no_source_switches_the_code_scan_off(isolated_home):
    install_npx(isolated_home, "npx-evil", "mcp-server-evil")
    claude_desktop_config(isolated_home, {"evil": {"command": "npx", "args": ["mcp-server-evil"]}})
    on = run_cli("scan", "--format", "json", "--no-processes", home=isolated_home)
    off = run_cli("scan", "--format", "json", "--no-source", "--no-processes", home=isolated_home)
    jsonschema.validate(json.loads(on.stdout), load_schema("report.schema.json"))
    rules_on = {f["rule_id"] for f in json.loads(on.stdout)["findings"]}
    rules_off = {f["rule_id"] for f in json.loads(off.stdout)["findings"]}
    assert {"MCP720", "MCP721", "MCP723"} <= rules_on
    assert on.returncode == 1  # critical findings fail the default --fail-on high
    assert not rules_off & SOURCE_RULES
    evidence = [f["evidence"] for f in json.loads(on.stdout)["findings"]]
    assert all("\x1b" not in e for e in evidence)


def test_unreadable_and_hostile_files_never_crash_the_scan(isolated_home):
    pkg = install_npx(isolated_home, "npx-evil", "mcp-server-evil")
    (pkg / "dist" / "broken.py").write_text("def (:\n    eval(x)\n")
    (pkg / "dist" / "binary.js").write_bytes(b"\x00\xff\xfe" * 1000)
    (pkg / "dist" / "loop").symlink_to(pkg / "dist")
    (pkg / "dist" / "ansi.js").write_text("eval(x); // \x1b]0;pwned\x07\n")
    claude_desktop_config(isolated_home, {"evil": {"command": "npx", "args": ["mcp-server-evil"]}})
    result = run_scan(isolated_home, logs=False, processes=False)
    found = _by_rule(result, "evil")
    assert any("does not parse" in f.message for f in found["MCP724"])
    ansi = [f for f in found["MCP720"] if f.file and f.file.endswith("ansi.js")]
    assert ansi and "\x1b" not in ansi[0].evidence and "\\x1b" in ansi[0].evidence


def test_relative_path_and_missing_script_are_notes_not_findings(isolated_home):
    claude_desktop_config(
        isolated_home,
        {
            "rel": {"command": "node", "args": ["build/index.js"]},
            "gone": {"command": "python3", "args": [str(Path("/nonexistent/server.py"))]},
        },
    )
    result = run_scan(isolated_home, logs=False, processes=False)
    assert not [f for f in result.findings if f.rule_id in SOURCE_RULES]
    assert any("2 server(s) have no local copy" in n for n in result.notes)
