"""Item 15 of issue 20: a large honest YAML file is not an alias bomb.

The limit counts nodes reached through aliases, not nodes: a Goose config with more plain
nodes than the alias budget is audited, an alias bomb of the same budget is refused.
The full-size case (9.8 MB) is a benchmark row (benchmarks/bench_big_yaml.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpaudit.config import yamlpos
from mcpaudit.scan import ScanOptions, scan


def _goose(home: Path, text: str) -> Path:
    path = home / ".config" / "goose" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    return path


def test_many_plain_nodes_are_audited_and_aliases_are_counted(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlpos, "MAX_ALIAS_NODES", 500)
    lines = ["extensions:"]
    for i in range(200):  # ~2,000 plain nodes: four times the (lowered) budget
        lines += [
            f"  ext{i}:",
            "    type: stdio",
            "    enabled: true",
            "    cmd: npx",
            f"    args: [{json.dumps('-y')}, {json.dumps(f'srv-{i}')}]",
        ]
    path = _goose(isolated_home, "\n".join(lines) + "\n")
    result = scan(ScanOptions(env={"HOME": str(isolated_home)}))
    assert len([s for s in result.servers if s.file == str(path)]) == 200
    unpinned = {f.server for f in result.findings if f.rule_id == "MCP201"}
    assert {"ext0", "ext199"} <= unpinned

    bomb = ["a0: &a0 {k: [x, x]}"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 4)
    ]
    path.write_text("\n".join(bomb) + "\nextensions: {}\n")
    result = scan(ScanOptions(env={"HOME": str(isolated_home)}))
    (cfg,) = [f for f in result.files if f.path == str(path)]
    assert cfg.error and "aliases expand to more than 500 nodes" in cfg.error
