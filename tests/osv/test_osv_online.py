"""`mcpaudit scan --online` end to end: a real config in a temp home, the real CLI, and a
real HTTP server on 127.0.0.1 answering like the OSV API (tests/servers/osv_http.py)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mcpaudit.config.validate import load_schema
from tests.conftest import REPO, run_cli
from tests.servers.osv_http import FakeOsv, ghsa_record

WEATHER_ID = "GHSA-fake-0001-test"  # an advisory only the (fake) OSV knows
SERVERS = {
    "weather": {"command": "npx", "args": ["-y", "@example/mcp-weather@1.2.0"]},
    "weather-new": {"command": "npx", "args": ["-y", "@example/mcp-weather@1.4.0"]},
    "weather-loose": {"command": "npx", "args": ["-y", "@example/mcp-weather"]},
    "linear": {"command": "npx", "args": ["-y", "mcp-remote@0.1.15", "https://mcp.linear.app/sse"]},
    "git": {"command": "uvx", "args": ["mcp-server-git==2025.7.1"]},
}


def records() -> list[dict[str, Any]]:
    return [
        ghsa_record(
            WEATHER_ID,
            "@example/mcp-weather",
            [{"introduced": "0"}, {"fixed": "1.4.0"}],
            aliases=("CVE-2099-0001",),
            severity="HIGH",
            summary="Path traversal in the forecast cache lets a prompt read any file",
            versions=["1.0.0", "1.1.0", "1.2.0", "1.3.9"],
        ),
        # The bundled table's mcp-remote advisory, as OSV serves it.
        ghsa_record(
            "GHSA-6xpm-ggf7-wc3p",
            "mcp-remote",
            [{"introduced": "0.0.5"}, {"fixed": "0.1.16"}],
            aliases=("CVE-2025-6514",),
            severity="CRITICAL",
            versions=["0.1.14", "0.1.15"],
        ),
        # One PyPI flaw under two OSV ids (GHSA and PYSEC, aliases of each other); the
        # bundled table has it as GHSA-vjqx-cfc4-9h6v.
        ghsa_record(
            "GHSA-vjqx-cfc4-9h6v",
            "mcp-server-git",
            [{"introduced": "0"}, {"fixed": "2026.1.14"}],
            ecosystem="PyPI",
            aliases=("CVE-2026-27735", "PYSEC-2026-2630"),
            severity="MODERATE",
            versions=["2025.7.1"],
        ),
        ghsa_record(
            "PYSEC-2026-2630",
            "mcp-server-git",
            [{"introduced": "0"}, {"fixed": "2026.1.14"}],
            ecosystem="PyPI",
            aliases=("CVE-2026-27735", "GHSA-vjqx-cfc4-9h6v"),
            severity=None,
            versions=["2025.7.1"],
        ),
    ]


def write_home(home: Path, servers: dict[str, Any] | None = None) -> Path:
    path = home / ".cursor" / "mcp.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"mcpServers": servers or SERVERS}, indent=2))
    return path


def scan(home: Path, osv_url: str, *extra: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    proc = run_cli("scan", "--format", "json", *extra, home=home, env={"MCPAUDIT_OSV_URL": osv_url})
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    jsonschema.validate(report, load_schema("report.schema.json"))
    return proc, report


def vulns(report: dict, server: str | None = None) -> list[dict]:
    return [
        f
        for f in report["findings"]
        if f["rule_id"] == "MCP210" and (server is None or f["server"] == server)
    ]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_advisory_only_osv_knows_is_reported_with_its_id_severity_and_fix(
    isolated_home: Path,
) -> None:
    path = write_home(isolated_home)
    with FakeOsv(records()) as osv:
        proc, report = scan(isolated_home, osv.base, "--online")
    (f,) = vulns(report, "weather")
    assert f["severity"] == "high" and f["category"] == "known_vulnerable_package"
    assert WEATHER_ID in f["message"] and "CVE-2099-0001" in f["message"]
    assert "fixed in 1.4.0" in f["message"] and "[source: OSV]" in f["message"]
    assert f["evidence"].endswith(f"(https://osv.dev/vulnerability/{WEATHER_ID})")
    assert (f["file"], f["location"]["line"]) == (
        str(path),
        line_of(path, "@example/mcp-weather@1.2.0"),
    )
    assert not vulns(report, "weather-new")  # 1.4.0 is the fixed release
    # Not pinned: one low finding that names the OSV advisory and the version to pin.
    (loose,) = vulns(report, "weather-loose")
    assert loose["severity"] == "low" and WEATHER_ID in loose["message"]
    assert "pin 1.4.0 or later" in loose["message"]
    assert report["scan"]["online"]["osv"] | {"url": None} == {
        "source": "osv",
        "url": None,
        "status": "ok",
        "packages": 5,
        "requests": 1 + 4,  # one querybatch, one record each
        "from_cache": 0,
        "advisories": 3,
    }
    assert f"asking OSV ({osv.base}) about 5 package(s)" in proc.stderr
    # Only package names and versions were sent.
    (batch,) = [body for method, path_, body in osv.seen if method == "POST"]
    assert {
        "package": {"name": "@example/mcp-weather", "ecosystem": "npm"},
        "version": "1.2.0",
    } in (batch["queries"])
    assert {"package": {"name": "@example/mcp-weather", "ecosystem": "npm"}} in batch["queries"]


def test_advisory_in_both_sources_is_reported_once_with_a_stable_fingerprint(
    isolated_home: Path,
) -> None:
    write_home(isolated_home)
    _, offline = scan(isolated_home, "http://127.0.0.1:9", "--fail-on", "never")
    with FakeOsv(records()) as osv:
        _, online = scan(isolated_home, osv.base, "--online", "--fail-on", "never")
    (before,) = vulns(offline, "linear")
    (after,) = vulns(online, "linear")
    assert after["severity"] == "critical" and "CVE-2025-6514" in after["message"]
    assert "refreshed from OSV" in after["message"]
    assert after["fingerprint"] == before["fingerprint"]  # baselines keep matching
    # PyPI: OSV's GHSA and PYSEC copies of one flaw and the bundled entry make one finding.
    git_before = sorted(f["fingerprint"] for f in vulns(offline, "git"))
    git_after = vulns(online, "git")
    # 2025.7.1: argument injection, git_add traversal, git_init, --repository (four flaws)
    assert len(git_after) == 4 == len(git_before)
    assert sorted(f["fingerprint"] for f in git_after) == git_before
    assert sum("GHSA-vjqx-cfc4-9h6v" in f["message"] for f in git_after) == 1


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("down", "ConnectError"),
        ("status500", "HTTP 500"),
        ("garbage", "not JSON"),
        ("wrong_shape", "unexpected querybatch reply"),
        ("huge", "byte cap"),
        ("flood", "byte cap"),
        ("redirect_away", "refused a redirect to another host"),
    ],
)
def test_osv_failure_keeps_the_bundled_findings_and_says_so(
    isolated_home: Path, mode: str, reason: str
) -> None:
    write_home(isolated_home)
    offline_proc, offline = scan(isolated_home, "http://127.0.0.1:9")
    if mode == "down":
        proc, report = scan(isolated_home, f"http://127.0.0.1:{_dead_port()}", "--online")
    else:
        with FakeOsv(records(), mode=mode) as osv:
            proc, report = scan(isolated_home, osv.base, "--online")
        assert osv.seen, "the scan asked the server"
    assert proc.returncode == offline_proc.returncode == 1  # mcp-remote 0.1.15 is critical
    assert [f["fingerprint"] for f in vulns(report)] == [f["fingerprint"] for f in vulns(offline)]
    assert not vulns(report, "weather")
    status = report["scan"]["online"]["osv"]
    assert status["status"] == "failed" and reason in status["error"]
    (note,) = [n for n in report["scan"]["notes"] if n.startswith("online advisory refresh")]
    assert reason in note and "using the bundled table only" in note
    assert "online advisory refresh failed" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_without_online_nothing_is_asked(isolated_home: Path) -> None:
    write_home(isolated_home)
    with FakeOsv(records()) as osv:
        _, report = scan(isolated_home, osv.base)
    assert osv.seen == []
    assert "online" not in report["scan"] and not vulns(report, "weather")


def test_fresh_cache_is_used_then_refreshed_after_a_day(isolated_home: Path) -> None:
    write_home(isolated_home)
    with FakeOsv(records()) as osv:
        _, first = scan(isolated_home, osv.base, "--online")
        asked = len(osv.seen)
        proc, second = scan(isolated_home, osv.base, "--online")
        assert len(osv.seen) == asked  # no second request
        assert "asking OSV" not in proc.stderr and "from the cache" in proc.stderr
        assert second["scan"]["online"]["osv"]["status"] == "cached"
        assert second["scan"]["online"]["osv"]["from_cache"] == 5
        assert vulns(second) == vulns(first)
        (cache,) = (isolated_home / ".cache" / "mcpaudit").glob("osv-*.json")
        data = json.loads(cache.read_text())
        day_ago = time.time() - 25 * 3600
        for kind in ("queries", "records"):
            for entry in data[kind].values():
                entry[0] = day_ago
        cache.write_text(json.dumps(data))
        _, third = scan(isolated_home, osv.base, "--online")
        assert len(osv.seen) == 2 * asked  # stale: asked again
        assert third["scan"]["online"]["osv"]["status"] == "ok"
        cache.write_text(json.dumps(data))  # stale again…
    # …and OSV now down: the older answers are better than none, and the note says so.
    _, fourth = scan(isolated_home, osv.base, "--online")
    assert [f["message"] for f in vulns(fourth, "weather")] == [
        f["message"] for f in vulns(first, "weather")
    ]
    assert fourth["scan"]["online"]["osv"]["status"] == "partial"
    assert any("older cached OSV answers" in n for n in fourth["scan"]["notes"])


def test_osv_ranges_decide_and_hostile_records_stay_harmless(isolated_home: Path) -> None:
    """A record with only an event timeline (no versions list) is evaluated here; ids that
    could leave the API path are never requested; escapes in a summary never get out."""
    servers = {
        "notes-old": {"command": "npx", "args": ["-y", "@example/mcp-notes@2.3.1"]},
        "notes-new": {"command": "npx", "args": ["-y", "@example/mcp-notes@2.4.0"]},
        "notes-pre": {"command": "npx", "args": ["-y", "@example/mcp-notes@1.9.9"]},
    }
    write_home(isolated_home, servers)
    record = ghsa_record(
        "GHSA-fake-0002-test",
        "@example/mcp-notes",
        [{"introduced": "2.0.0"}, {"last_affected": "2.3.1"}],
        severity=None,
        cvss="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        summary="Notes \x1b[31mexfiltration\x1b[0m through shared links",
    )
    # The server names the record for every version asked; the timeline decides.
    answers = {
        ("npm", "@example/mcp-notes", v): ["GHSA-fake-0002-test", "../../admin"]
        for v in ("2.3.1", "2.4.0", "1.9.9")
    }
    with FakeOsv([record], answers=answers) as osv:
        proc, report = scan(isolated_home, osv.base, "--online")
    (f,) = vulns(report)
    assert f["server"] == "notes-old" and f["severity"] == "critical"  # CVSS 9.8
    assert "no fixed version yet" in f["message"]
    assert "\x1b" not in f["message"] and "\\u001b" not in proc.stdout
    assert "exfiltration" in f["message"]
    assert all("admin" not in path for _, path, _ in osv.seen)


NO_SOCKET_PROBE = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(event) if event == "socket.connect" else None)
from mcpaudit.cli import main
import io, contextlib
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
sys.stderr.write("CONNECTS:%d HTTPX:%s\\n" % (len(opened), "httpx2" in sys.modules))
"""


@pytest.mark.parametrize("online", [False, True])
def test_static_scan_opens_no_socket_and_imports_no_http_client(
    isolated_home: Path, online: bool
) -> None:
    write_home(isolated_home)
    with FakeOsv(records()) as osv:
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                NO_SOCKET_PROBE,
                "scan",
                "--format",
                "json",
                *(["--online"] if online else []),
            ],
            capture_output=True,
            text=True,
            cwd=isolated_home,
            env={
                "HOME": str(isolated_home),
                "PATH": "/usr/bin:/bin",
                "PYTHONPATH": str(REPO),
                "MCPAUDIT_OSV_URL": osv.base,
            },
            timeout=60,
        )
    last = proc.stderr.strip().splitlines()[-1]
    if online:  # the probe sees connections when there are some
        assert last.startswith("CONNECTS:") and last != "CONNECTS:0 HTTPX:False", last
        assert osv.seen
    else:
        assert last == "CONNECTS:0 HTTPX:False", proc.stderr[-1000:]
        assert osv.seen == []


def test_paged_querybatch_answers_are_followed(isolated_home: Path) -> None:
    write_home(isolated_home, {"git": SERVERS["git"]})
    with FakeOsv(records(), page_size=1) as osv:
        _, report = scan(isolated_home, osv.base, "--online")
    batches = [body for method, _, body in osv.seen if method == "POST"]
    assert len(batches) == 2 and batches[1]["queries"][0]["page_token"] == "1"
    assert {p for m, p, _ in osv.seen if m == "GET"} == {
        "/v1/vulns/GHSA-vjqx-cfc4-9h6v",
        "/v1/vulns/PYSEC-2026-2630",
    }
    assert report["scan"]["online"]["osv"]["status"] == "ok"


def test_a_reply_that_never_ends_is_cut_at_the_time_limit(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server sending a byte every 0.1 s never trips a read time-out; the per-request
    limit (10 s, lowered here to keep the suite fast) still ends it."""
    from mcpaudit.osv import fetch
    from mcpaudit.scan import ScanOptions
    from mcpaudit.scan import scan as run_scan

    monkeypatch.setattr(fetch, "REQUEST_TIMEOUT", 0.5)
    write_home(isolated_home)
    with FakeOsv(records(), mode="drip") as osv:
        monkeypatch.setenv("MCPAUDIT_OSV_URL", osv.base)
        started = time.monotonic()
        result = run_scan(ScanOptions(online=True, project=isolated_home))
        elapsed = time.monotonic() - started
    assert elapsed < 4
    assert result.online["osv"]["status"] == "failed"
    assert "no answer within 0.5s" in result.online["osv"]["error"]
    assert [f.server for f in result.findings if f.rule_id == "MCP210"].count("linear") == 1


def test_fix_upgrades_to_the_release_osv_names_as_fixed(isolated_home: Path) -> None:
    """An advisory only OSV knows still gets its one-key upgrade: the scan's finding
    carries the fix, and `mcpaudit fix --online` writes the fixed version."""
    path = write_home(isolated_home, {"weather": SERVERS["weather"]})
    # Offline, the bundled table knows nothing of this package: nothing to fix.
    _, offline = scan(isolated_home, "http://127.0.0.1:9")
    assert not vulns(offline, "weather")
    with FakeOsv(records()) as osv:
        _, report = scan(isolated_home, osv.base, "--online")
        (f,) = vulns(report, "weather")
        assert f["fix"] and "upgrade @example/mcp-weather to 1.4.0" in f["fix"]["description"]
        env = {"MCPAUDIT_OSV_URL": osv.base}
        proc = run_cli(
            "fix", "--online", "--rule", "MCP210", "--unsafe", "--yes", home=isolated_home, env=env
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(path.read_text())["mcpServers"]["weather"]["args"] == [
        "-y",
        "@example/mcp-weather@1.4.0",
    ]


def test_a_refused_osv_url_is_named_without_its_password() -> None:
    from mcpaudit.osv.fetch import OsvError, base_url

    password = "s3cretPassw0rdEXAMPLE"
    with pytest.raises(OsvError, match="is not an https URL") as info:
        base_url({"MCPAUDIT_OSV_URL": f"https://bob:{password}@mirror.example/"})
    assert password not in str(info.value)
    assert "mirror.example" in str(info.value)
