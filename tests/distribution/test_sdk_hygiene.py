"""The live stack uses only the MCP SDK's public modules, and runs on the SDK the pin allows.

`python scripts/check_sdk_range.py` repeats the import and a live scan against the lowest
and the highest SDK release the pin in pyproject.toml allows (it needs PyPI; not in CI).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement

from tests.conftest import REPO

PACKAGE = REPO / "mcpaudit"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            out.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
    return out


def test_no_private_sdk_module_is_imported_anywhere():
    private = [
        f"{path.relative_to(REPO)}:{line}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "demo/home" not in path.as_posix()
        for line, name in _imports(path)
        if name.split(".")[0] in ("mcp", "mcp_types")
        and any(part.startswith("_") for part in name.split(".")[1:])
    ]
    assert private == [], "private SDK modules (a minor release may move them):\n" + "\n".join(
        private
    )


def _pin(name: str) -> Requirement:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    return next(r for r in map(Requirement, deps) if r.name == name)


def test_the_installed_sdk_is_one_the_pin_allows_and_the_live_stack_imports_on_it():
    for name in ("mcp", "mcp-types", "httpx2", "anyio"):
        assert _pin(name).specifier.contains(version(name)), (name, version(name))
    # A fresh interpreter, as a user's `mcpaudit scan --live` starts: the whole live stack.
    probe = (
        "import mcpaudit.inspect.session, mcpaudit.inspect.launch, mcpaudit.inspect.oauth;"
        "import mcpaudit.osv.fetch, mcpaudit.rules.remote as r;"
        "from mcp.client.auth.utils import issuers_match;"
        "from mcp.shared.auth_utils import check_resource_allowed;"
        "print('ok')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
