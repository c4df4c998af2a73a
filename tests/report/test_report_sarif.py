"""SARIF 2.1.0, validated against the official schema shipped in tests/data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from mcpaudit.report import render
from mcpaudit.rules.registry import load_all
from tests.conftest import run_cli
from tests.report.hostile import hostile_result

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text())
URI_REF = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def validate(log: dict) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_the_shipped_schema_is_the_official_one() -> None:
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    # And it rejects what it should (so a pass below means something).
    errors = list(
        jsonschema.Draft4Validator(SCHEMA).iter_errors({"version": "2.1.0", "runs": [{"tool": {}}]})
    )
    assert errors


def test_demo_sarif_is_valid_and_matches_the_json_report(isolated_home: Path) -> None:
    out = isolated_home / "mcpaudit.sarif"
    proc = run_cli(
        "--demo",
        "scan",
        "--format",
        "sarif",
        "-o",
        str(out),
        "--fail-on",
        "never",
        home=isolated_home,
    )
    assert proc.returncode == 0, proc.stderr
    log = json.loads(out.read_text())
    validate(log)
    report = json.loads(run_cli("--demo", "scan", "--format", "json", home=isolated_home).stdout)

    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mcpaudit" and driver["version"] == report["tool"]["version"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == set(load_all())  # every rule, not only those that fired
    for rule in load_all().values():
        d = rules[rule.id]
        assert d["shortDescription"]["text"] == rule.title
        assert d["fullDescription"]["text"] == " ".join(rule.rationale.split())
        assert rule.remediation in d["help"]["text"]
        score = float(d["properties"]["security-severity"])
        assert 0.0 <= score <= 10.0
    assert len(run["results"]) == len(report["findings"])
    for result, finding in zip(run["results"], report["findings"], strict=True):
        assert result["ruleId"] == finding["rule_id"]
        assert driver["rules"][result["ruleIndex"]]["id"] == finding["rule_id"]
        assert result["partialFingerprints"]["mcpaudit/v1"] == finding["fingerprint"]
        loc = result["locations"][0]["physicalLocation"]
        assert URI_REF.fullmatch(loc["artifactLocation"]["uri"])
        if finding["location"]["line"]:
            assert loc["region"]["startLine"] == finding["location"]["line"]
    bases = run["originalUriBaseIds"]
    assert bases["PROJECTROOT"]["uri"].startswith("file:///") and bases["PROJECTROOT"][
        "uri"
    ].endswith("projects/demo-app/")
    assert bases["HOME"]["uri"].endswith("/")


@pytest.mark.parametrize(
    ("severity", "level", "low", "high"),
    [
        ("critical", "error", 9.0, 10.0),
        ("high", "error", 7.0, 8.9),
        ("medium", "warning", 4.0, 6.9),
        ("low", "note", 0.1, 3.9),
        ("info", "note", 0.0, 0.0),
    ],
)
def test_levels_and_security_severity_follow_github_bands(
    severity: str, level: str, low: float, high: float
) -> None:
    from mcpaudit.model import Severity
    from mcpaudit.report.sarif import LEVEL, SECURITY_SEVERITY

    sev = Severity(severity)
    assert LEVEL[sev] == level
    assert low <= float(SECURITY_SEVERITY[sev]) <= high


def test_locations_are_relative_to_the_project_and_home(hostile_home: Path) -> None:
    result = hostile_result(hostile_home)
    log = json.loads(render(result, "sarif"))
    validate(log)
    run = log["runs"][0]
    by_rule: dict[str, list[dict]] = {}
    for r in run["results"]:
        by_rule.setdefault(r["ruleId"], []).append(r)
    # The unparsable project file: relative to PROJECTROOT, percent-encoded, with its line.
    (syntax,) = by_rule["MCP900"]
    phys = syntax["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": ".mcp.json", "uriBaseId": "PROJECTROOT"}
    assert phys["region"] == {"startLine": 3}
    assert run["originalUriBaseIds"]["PROJECTROOT"]["uri"].endswith("/dir%20with%20space%20%231/")
    # The user's Cursor config: relative to HOME.
    cursor = [
        r
        for r in by_rule["MCP901"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".cursor/mcp.json"
    ]
    assert len(cursor) == 2 and all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "HOME"
        for r in cursor
    )
    # The file that could not be parsed is also a tool execution notification.
    assert (
        run["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"
        ]["uriBaseId"]
        == "PROJECTROOT"
    )


def test_hostile_text_is_neutralised_in_sarif(hostile_home: Path) -> None:
    result = hostile_result(hostile_home)
    text = render(result, "sarif")
    log = json.loads(text)
    validate(log)
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e\u200b]", m) for m in messages)
    evil = next(m for m in messages if "evil |" in m)
    assert "\\x1b[31mred" in evil
    # not even JSON-escaped (a visible `\u202e` that a message spells out is `\\u202e` here)
    assert not re.search(r"(?<!\\)\\u(?:001b|202e)", text)


def test_a_file_outside_project_and_home_gets_an_absolute_uri(
    tmp_path: Path, isolated_home: Path
) -> None:
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    cfg = elsewhere / "mcp.json"
    cfg.write_text('{"mcpServers": {"x": {"command": 5}}}\n')
    project = isolated_home / "p"
    project.mkdir()
    proc = run_cli(
        "scan",
        "--format",
        "sarif",
        "--config",
        str(cfg),
        "--project",
        str(project),
        home=isolated_home,
    )
    log = json.loads(proc.stdout)
    validate(log)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "MCP901"]
    loc = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": cfg.as_uri()}
