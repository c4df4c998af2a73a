"""Launchers followed to the code they run: the source rules (MCP72x) read the real
server code, not only the first script."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

SHELL_SINK = "const cp = require('child_process');\ncp.exec(process.argv[2]);\n"
PY_SINK = "import sys\n\nexec(sys.stdin.read())\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def source_findings(home: Path, servers: dict) -> dict[str, set[str]]:  # type: ignore[type-arg]
    (home / ".cursor").mkdir(exist_ok=True)
    (home / ".cursor" / "mcp.json").write_text(json.dumps({"mcpServers": servers}))
    out = run_cli(
        "scan", "--format", "json", "--no-processes", "--no-logs", "--no-projects",
        "--fail-on", "never", home=home,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    found: dict[str, set[str]] = {}
    for f in json.loads(out.stdout)["findings"]:
        if f["rule_id"].startswith("MCP72") and f["server"]:
            found.setdefault(f["server"], set()).add(f["location"]["path"])
    return found


def test_launchers_are_followed(isolated_home: Path) -> None:
    code = isolated_home / "srv"
    write(code / "wrapper.py", "import runpy, sys\nrunpy.run_path(sys.argv[1])\n")
    real = write(code / "real_server.py", PY_SINK)
    write(code / "server.js", "console.log('benign');\n")
    hook = write(code / "hook.js", SHELL_SINK)
    app = code / "npmapp"
    write(app / "package.json", json.dumps({"scripts": {"start": "node dist/index.js"}}))
    npm_index = write(app / "dist" / "index.js", SHELL_SINK)
    sh_dir = code / "shapp"
    write(
        sh_dir / "start.sh",
        '#!/bin/sh\nDIR="$(cd "$(dirname "$0")" && pwd)"\nexport LOG=1\n'
        'exec node "$DIR/srv.js" --stdio\n',
    )
    sh_srv = write(sh_dir / "srv.js", SHELL_SINK)
    uvp = code / "uvproj"
    write(uvp / "pyproject.toml", "[project]\nname = 'x'\n")
    uv_srv = write(uvp / "main.py", PY_SINK)
    found = source_findings(
        isolated_home,
        {
            "wrapped": {"command": "python3", "args": [str(code / "wrapper.py"), str(real)]},
            "preload": {
                "command": "node",
                "args": ["--require", "./hook.js", "server.js"],
                "cwd": str(code),
            },
            "npm": {"command": "npm", "args": ["--prefix", str(app), "start"]},
            "shell": {"command": "bash", "args": [str(sh_dir / "start.sh")]},
            "uv": {"command": "uv", "args": ["--directory", str(uvp), "run", "main.py"]},
        },
    )
    assert str(real) in found["wrapped"]
    assert str(hook) in found["preload"]
    assert str(npm_index) in found["npm"]
    assert str(sh_srv) in found["shell"]
    assert str(uv_srv) in found["uv"]


def test_a_launcher_that_starts_itself_does_not_loop(isolated_home: Path) -> None:
    loop = write(isolated_home / "loop.sh", '#!/bin/sh\nexec bash "$(dirname "$0")/loop.sh"\n')
    found = source_findings(isolated_home, {"loop": {"command": "sh", "args": [str(loop)]}})
    assert found.get("loop", set()) == set()


def test_world_writable_code_behind_a_launcher(isolated_home: Path, tmp_path: Path) -> None:
    """`bash ~/bin/start.sh` looks safe; the server it execs lives in a world-writable
    folder (the test's own tmp dir is under /tmp)."""
    assert str(tmp_path).startswith("/tmp/")
    srv = write(tmp_path / "drop" / "srv.js", "console.log(1)\n")
    write(isolated_home / "bin" / "start.sh", f"#!/bin/sh\nexec node {srv}\n")
    (isolated_home / ".cursor").mkdir()
    (isolated_home / ".cursor" / "mcp.json").write_text(
        json.dumps({"mcpServers": {"launched": {"command": "bash", "args": ["bin/start.sh"],
                                                "cwd": str(isolated_home)}}})
    )  # fmt: skip
    out = run_cli("scan", "--format", "json", "--no-processes", "--no-logs", "--fail-on",
                  "never", home=isolated_home)  # fmt: skip
    hits = [f for f in json.loads(out.stdout)["findings"] if f["rule_id"] == "MCP304"]
    assert len(hits) == 1 and str(srv) in hits[0]["message"]
    assert "started by start.sh" in hits[0]["message"]
