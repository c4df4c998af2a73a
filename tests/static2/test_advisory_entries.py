"""Entries added to the advisory table in issue 18 (item 4), through the real CLI: MCP210 names
the advisory with its severity and fix text, a malicious release is critical pinned or not,
and the pin fix (MCP201) never picks a cached version one of them covers."""

from __future__ import annotations

import json
from pathlib import Path

from tests.rules.homes import write
from tests.static2.cli import findings, one, scan_json, where


def _ids(report: dict, server: str) -> dict[str, dict]:
    """MCP210 findings of `server`, by the advisory id the message names."""
    out = {}
    for f in findings(report, "MCP210", server):
        words = [w.strip("():,") for w in f["message"].split()]
        out[next(w for w in words if w[:4] in ("GHSA", "MAL-"))] = f
    return out


def test_new_entries_are_reported_with_severity_and_fix_text(isolated_home: Path) -> None:
    path = write(isolated_home, "claude-desktop", {
        "k8s": {"command": "npx", "args": ["-y", "mcp-server-kubernetes@2.9.6"]},
        "k8s-new": {"command": "npx", "args": ["-y", "mcp-server-kubernetes@4.1.2"]},
        "atlassian": {"command": "uvx", "args": ["mcp-atlassian==0.16.1"]},
        "kube-py": {"command": "uvx", "args": ["mcp-kubernetes-server==0.1.11"]},
    })  # fmt: skip
    report = scan_json(isolated_home)

    k8s = _ids(report, "k8s")
    assert {i: where(f)[3] for i, f in k8s.items()} == {
        "GHSA-wvxp-jp4w-w8wg": "medium",
        "GHSA-cr22-wjx7-2w6m": "high",
        "GHSA-wmg3-h8mf-wgvr": "medium",
    }
    assert all(where(f)[1] == str(path) for f in k8s.values())
    assert "fixed in 3.6.0" in k8s["GHSA-cr22-wjx7-2w6m"]["message"]
    assert k8s["GHSA-cr22-wjx7-2w6m"]["remediation"] == (
        "Upgrade the package to 3.6.0 or later and pin that version."
    )
    assert not findings(report, "MCP210", "k8s-new")

    atl = _ids(report, "atlassian")
    assert len(atl) == 9  # the download-path RCE (< 0.17.0) and eight upload-path reads (< 0.22.0)
    assert where(atl["GHSA-xjgw-4wvw-rgm4"])[3] == "critical"
    assert "0.17.0" in atl["GHSA-xjgw-4wvw-rgm4"]["remediation"]

    kube = _ids(report, "kube-py")
    assert where(kube["GHSA-4hqq-7q79-932p"])[3] == "critical"
    assert "no fixed version yet" in kube["GHSA-4hqq-7q79-932p"]["message"]
    assert kube["GHSA-4hqq-7q79-932p"]["remediation"].startswith("No fixed release is known")


def test_new_malicious_entries_are_critical_and_say_remove(isolated_home: Path) -> None:
    write(isolated_home, "claude-desktop", {
        "chaos": {"command": "npx", "args": ["-y", "chaos-mcp@1.0.0"]},
        "chaos-floating": {"command": "npx", "args": ["-y", "chaos-mcp"]},
        "stealer": {"command": "npx", "args": ["-y", "wealthsimple-mcp-server@99.0.0"]},
        "water-old": {
            "command": "npx", "args": ["-y", "@iflow-mcp/watercrawl-watercrawl-mcp@1.2.0"],
        },
    })  # fmt: skip
    report = scan_json(isolated_home)
    for server, mal in (
        ("chaos", "MAL-2026-11458"),
        ("chaos-floating", "MAL-2026-11458"),
        ("stealer", "MAL-2025-42116"),
    ):
        f = one(report, "MCP210", server)
        assert where(f)[3] == "critical" and mal in f["message"], f["message"]
        assert f["remediation"].startswith("Remove this server and uninstall the package")
        assert f["fix"] is None  # no version to upgrade to
    # The record lists 1.3.0-1.3.4 only: an older pin is outside it.
    assert not findings(report, "MCP210", "water-old")


def _cache(home: Path, run: str, name: str, version: str) -> None:
    manifest = home / ".npm/_npx" / run / "node_modules" / name / "package.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"name": name, "version": version}))


UNPINNED = {"k8s": {"command": "npx", "args": ["-y", "mcp-server-kubernetes"]}}


def test_pin_fix_skips_a_cached_version_a_new_entry_covers(isolated_home: Path) -> None:
    _cache(isolated_home, "a1", "mcp-server-kubernetes", "2.9.6")  # three advisories
    write(isolated_home, "claude-desktop", UNPINNED)
    assert one(scan_json(isolated_home), "MCP201", "k8s")["fix"] is None

    _cache(isolated_home, "b2", "mcp-server-kubernetes", "4.1.2")
    fix = one(scan_json(isolated_home), "MCP201", "k8s")["fix"]
    assert fix is not None and "pin mcp-server-kubernetes to 4.1.2" in fix["description"]
    assert "2.9.6" not in json.dumps(fix)


def test_bump_fix_goes_past_every_new_advisory(isolated_home: Path) -> None:
    write(isolated_home, "claude-desktop", {
        "k8s": {"command": "npx", "args": ["-y", "mcp-server-kubernetes@2.9.6"]},
    })  # fmt: skip
    descriptions = {
        f["fix"]["description"] for f in findings(scan_json(isolated_home), "MCP210", "k8s")
    }
    # The lowest version clear of all three (2.9.8, 3.6.0, 3.9.0), never one still covered.
    assert descriptions == {"upgrade mcp-server-kubernetes to 3.9.0, the first fixed version"}
