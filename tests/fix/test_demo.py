"""End to end on the bundled demo home: `mcpaudit fix --yes --unsafe`, then rescan."""

from __future__ import annotations

import json
from pathlib import Path

from mcpaudit.demo import DEMO_PROJECT, materialize
from tests.conftest import run_cli


def _scan(home: Path) -> list[dict]:  # type: ignore[type-arg]
    return _scan_report(home)["findings"]


def _scan_report(home: Path) -> dict:  # type: ignore[type-arg]
    proc = run_cli(
        "scan",
        "--format",
        "json",
        "--project",
        str(home / DEMO_PROJECT),
        "--fail-on",
        "never",
        home=home,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _key(f: dict) -> tuple[str, str, str, str]:  # type: ignore[type-arg]
    return (f["rule_id"], f["file"], f["location"]["pointer"], f["server"] or "")


def test_fix_yes_then_rescan_no_longer_shows_the_fixed_findings(tmp_path: Path) -> None:
    home = materialize(tmp_path / "demo")
    before = _scan(home)
    fixable = [f for f in before if f["fix"]]
    assert len(fixable) >= 20, "the demo home should exercise most providers"
    originals = {f["file"]: Path(f["file"]).read_text() for f in before}

    proc = run_cli("fix", "--yes", "--unsafe", "--project", str(home / DEMO_PROJECT), home=home)
    assert proc.returncode == 0, proc.stderr
    assert "applied" in proc.stdout
    assert "EXAMPLE-pass" not in proc.stdout  # the moved secret is never printed whole

    rescan = _scan_report(home)
    after = {_key(f) for f in rescan["findings"]}
    disabled = {(s["file"], s["name"]) for s in rescan["servers"] if s.get("disabled")}
    # A secret a client cannot reference elsewhere stays in its (now 0600) file; a
    # disabled server may still be reported, but it no longer runs.
    skipped = {
        line.split()[1].rstrip(":")
        for line in proc.stdout.splitlines()
        if line.startswith("skipped ")
    }
    expected_gone = [
        f
        for f in fixable
        if "-chmod-secret-" not in f["fix"]["id"] and f["fix"]["id"] not in skipped
    ]
    still_there = [
        _key(f)
        for f in expected_gone
        if _key(f) in after and (f["file"], f["server"]) not in disabled
    ]
    assert not still_there
    assert len(expected_gone) >= 15
    assert len(originals) > 5

    undone = run_cli("undo", home=home)
    assert undone.returncode == 0, undone.stderr
    for path, text in originals.items():
        assert Path(path).read_text() == text
    assert {_key(f) for f in _scan(home)} == {_key(f) for f in before}
