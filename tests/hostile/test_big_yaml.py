"""Item 15 of issue 20: a large honest YAML file is audited quickly; an alias bomb is not.

The limit counts nodes reached through aliases, not nodes. The audit parses with libyaml
(PyYAML's C extension); ruamel's pure-Python parser is the fallback and must give the same
data and positions. The 9.8 MB case is a benchmark row (`benchmarks/run.py --big-yaml`)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mcpaudit.config import yamlpos
from mcpaudit.scan import ScanOptions, scan
from tests.conftest import run_cli


def _goose(home: Path, text: str) -> Path:
    path = home / ".config" / "goose" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _extensions(count: int) -> list[str]:
    """The benchmark's shape: plain extensions, pinned packages, no anchors."""
    lines = ["GOOSE_PROVIDER: anthropic", "extensions:"]
    for i in range(count):
        lines += [
            f"  ext{i}:",
            f"    name: ext{i}",
            "    enabled: false",
            "    type: stdio",
            "    cmd: npx",
            "    args:",
            '      - "-y"',
            f'      - "@scope/server-{i}@1.0.{i % 50}"',
            "    timeout: 300",
            f"    description: extension number {i} for the audit test of big files",
        ]
    return lines


def test_a_multi_megabyte_goose_config_is_audited_in_seconds(isolated_home: Path) -> None:
    lines = _extensions(12_000)
    # The last one is unpinned and has a literal token: both found, at their lines.
    lines += [
        "  last:",
        "    cmd: npx",
        "    args: [-y, some-mcp-server]",
        "    envs:",
        "      GITHUB_TOKEN: ghp_" + "a1B2" * 9,
    ]
    path = _goose(isolated_home, "\n".join(lines) + "\n")
    assert path.stat().st_size > 2_500_000
    started = time.monotonic()
    r = run_cli(
        "scan",
        "--format",
        "json",
        "--no-processes",
        "--no-logs",
        "--no-source",
        home=isolated_home,
        timeout=300,
    )
    elapsed = time.monotonic() - started
    assert r.returncode == 1, r.stderr
    report = json.loads(r.stdout)
    goose = [s for s in report["servers"] if s["file"] == str(path)]
    assert len(goose) == 12_001
    by_rule = {(f["rule_id"], f["server"]): f for f in report["findings"]}
    assert by_rule[("MCP201", "last")]["location"]["line"] == len(lines) - 2
    secret = by_rule[("MCP101", "last")]
    assert secret["location"]["line"] == len(lines)
    assert "a1B2a1B2" not in r.stdout  # never printed whole
    # The pure-Python parser took about two minutes for this file on the CI machine.
    assert elapsed < 60, f"{elapsed:.1f} s"


def test_an_alias_bomb_is_refused_quickly(isolated_home: Path) -> None:
    # Three levels of 100 aliases: 1,000,000 nodes if expanded, a few hundred bytes.
    bomb = ["a0: &a0 [x, x]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 100) + "]" for i in range(1, 4)
    ]
    path = _goose(isolated_home, "\n".join(bomb) + "\nextensions: {}\n")
    started = time.monotonic()
    r = run_cli("scan", "--format", "json", "--no-processes", "--no-logs", home=isolated_home)
    assert time.monotonic() - started < 30
    assert r.returncode in (0, 1), r.stderr
    (bad,) = [f for f in json.loads(r.stdout)["findings"] if f["file"] == str(path)]
    assert bad["rule_id"] == "MCP900"
    assert "aliases expand to more than 200,000 nodes" in bad["message"]
    assert bad["location"]["line"] == 4  # the alias that crossed the budget


def test_more_plain_nodes_than_the_budget_are_audited(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlpos, "MAX_ALIAS_NODES", 500)
    path = _goose(isolated_home, "\n".join(_extensions(200)) + "\n")  # ~2,000 nodes
    result = scan(ScanOptions(env={"HOME": str(isolated_home)}))
    assert len([s for s in result.servers if s.file == str(path)]) == 200
    # Small aliases are fine too: each costs what it expands to.
    shared = "defaults: &d {type: stdio, enabled: true}\nextensions:\n" + "".join(
        f"  e{i}:\n    <<: *d\n    cmd: npx\n    args: [-y, pkg-{i}]\n" for i in range(100)
    )
    path.write_text(shared)
    result = scan(ScanOptions(env={"HOME": str(isolated_home)}))
    servers = [s for s in result.servers if s.file == str(path)]
    assert len(servers) == 100
    unpinned = {f.server: f.location.line for f in result.findings if f.rule_id == "MCP201"}
    assert unpinned["e99"] == 3 + 99 * 4 + 3


SAMPLE = """\
# a comment
GOOSE_MODE: auto  # yolo
defaults: &d
  type: stdio
  enabled: yes
extensions:
  gh:
    <<: *d
    cmd: npx
    args: ["-y", '@modelcontextprotocol/server-github@1.0.0', 0o17, 1_000, .inf, ~]
    envs: {GITHUB_TOKEN: "${GITHUB_TOKEN}", EMPTY: }
    timeout: 300
    note: |
      two
      lines
  ? [complex, key]
  : value
  "quoted/key~": !!str 12
  tagged: !custom text
list:
  - - nested
  - {a: *d}
"""


def test_the_pure_fallback_gives_the_same_data_and_positions() -> None:
    fast = yamlpos.loads_with_positions(SAMPLE)
    pure = yamlpos.loads_with_positions(SAMPLE, pure=True)
    assert fast[0] == pure[0]
    # libyaml marks an empty value (`EMPTY: }`) one column further on; nothing else differs.
    empty = "/extensions/gh/envs/EMPTY"
    assert fast[1].position(empty)[0] == pure[1].position(empty)[0] == 11
    assert {k: v for k, v in fast[1]._positions.items() if k != empty} == {
        k: v for k, v in pure[1]._positions.items() if k != empty
    }
    data, locator = fast
    gh = data["extensions"]["gh"]
    assert gh["enabled"] == "yes"  # YAML 1.2, as the clients and the fix editor read it
    assert gh["type"] == "stdio" and gh["args"][2:5] == [15, 1000, float("inf")]
    assert gh["args"][5] is None and gh["envs"]["EMPTY"] is None
    assert gh["note"] == "two\nlines\n"
    assert data["extensions"]["quoted/key~"] == "12"
    assert data["extensions"]["tagged"] == "text"
    assert locator.position("/extensions/gh/args/1") == (10, 18)
    assert locator.position("/extensions/quoted~1key~0") == (18, 18)
    assert locator.position("/extensions/gh/type") == (4, 9)  # merged: where it is written
    assert locator.position("/list/1/a/enabled") == (5, 12)


@pytest.mark.parametrize("pure", [False, True])
def test_both_parsers_refuse_the_same_bad_files(pure: bool) -> None:
    cases = {
        "a: 1\na: 2\n": 'duplicate key "a" (first on line 1)',
        "a: [1\n": "at line 2",
        "a: 1\n---\nb: 2\n": "expected a single document",
        "a: " + "[" * 600 + "]" * 600 + "\n": "nesting deeper than 500 levels",
        "a: *nothing\n": "nothing",
        "a: 1" + "0" * 5000 + "\n": "an integer of more than 4,300 digits at line 1",
    }
    for text, message in cases.items():
        with pytest.raises(yamlpos.YamlSyntaxError) as info:
            yamlpos.loads_with_positions(text, pure=pure)
        assert message in str(info.value), (text[:20], str(info.value))


def test_without_the_c_extension_the_scan_is_the_same(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A platform without a PyYAML wheel (or with PyYAML built without libyaml)."""
    from mcpaudit.cli import main

    _goose(isolated_home, SAMPLE)
    argv = ["scan", "--format", "json", "--no-processes", "--no-logs", "--no-source"]
    reports = []
    for c_parser in (yamlpos._CParser, None):
        monkeypatch.setattr(yamlpos, "_CParser", c_parser)
        assert main(argv) in (0, 1)
        report = json.loads(capsys.readouterr().out)
        reports.append(
            (
                sorted(s["name"] for s in report["servers"]),
                sorted(
                    (f["rule_id"], f["server"] or "", f["location"]["line"] or 0)
                    for f in report["findings"]
                ),
            )
        )
    assert reports[0] == reports[1]
    assert "gh" in reports[0][0]
