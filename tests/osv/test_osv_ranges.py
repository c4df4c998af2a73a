"""OSV event timelines evaluated exactly (the schema's examples), and records read defensively."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcpaudit.advisories import for_package, merge
from mcpaudit.osv.ranges import OsvRange, affects, first_fixed_after
from mcpaudit.osv.records import severity_of, to_advisory
from tests.servers.osv_http import ghsa_record


def semver(*events: tuple[str, str]) -> list[OsvRange]:
    return [OsvRange("SEMVER", events)]


@pytest.mark.parametrize(
    ("ranges", "version", "expected"),
    [
        # "Every possible version is affected"
        (semver(("introduced", "0")), "0.0.1", True),
        (semver(("introduced", "0")), "99.0.0", True),
        # "Everything before 1.0.2"
        (semver(("introduced", "0"), ("fixed", "1.0.2")), "1.0.1", True),
        (semver(("introduced", "0"), ("fixed", "1.0.2")), "1.0.2", False),
        (semver(("introduced", "0"), ("fixed", "1.0.2")), "1.0.2-rc.1", True),  # pre-release
        # Multiple ranges in one timeline: [1.0.0, 1.0.2) and [3.0.0, 3.2.5)
        (
            semver(
                ("introduced", "1.0.0"),
                ("fixed", "1.0.2"),
                ("introduced", "3.0.0"),
                ("fixed", "3.2.5"),
            ),
            "0.9.0",
            False,
        ),
        (
            semver(
                ("introduced", "1.0.0"),
                ("fixed", "1.0.2"),
                ("introduced", "3.0.0"),
                ("fixed", "3.2.5"),
            ),
            "2.0.0",
            False,
        ),
        (
            semver(
                ("introduced", "1.0.0"),
                ("fixed", "1.0.2"),
                ("introduced", "3.0.0"),
                ("fixed", "3.2.5"),
            ),
            "3.2.4",
            True,
        ),
        # Events out of order are sorted first; 1.10.0 sorts after 1.9.0 (not as text).
        (semver(("fixed", "1.10.0"), ("introduced", "1.9.0")), "1.9.5", True),
        (semver(("fixed", "1.10.0"), ("introduced", "1.9.0")), "1.10.0", False),
        # last_affected is inclusive
        (semver(("introduced", "0"), ("last_affected", "2.1.214")), "2.1.214", True),
        (semver(("introduced", "0"), ("last_affected", "2.1.214")), "2.1.215", False),
        # limit: only versions below it
        (semver(("introduced", "1.0.0"), ("limit", "1.5.0")), "1.4.0", True),
        (semver(("introduced", "1.0.0"), ("limit", "1.5.0")), "1.6.0", False),
        (semver(("introduced", "1.0.0"), ("limit", "*")), "7.0.0", True),
        # Not evaluable here: GIT ranges, a bound that does not parse, no introduced event
        (
            [OsvRange("GIT", (("introduced", "6879efc2c1596d11a6a6ad296f80063b558d5e0f"),))],
            "1.0.0",
            None,
        ),
        (semver(("introduced", "0"), ("fixed", "next")), "1.0.0", None),
        (
            semver(
                ("fixed", "1.0.0"),
            ),
            "0.5.0",
            None,
        ),
    ],
)
def test_npm_timelines(ranges: list[OsvRange], version: str, expected: bool | None) -> None:
    assert affects("npm", ranges, (), version) is expected


def test_pypi_timelines_use_pep440_order() -> None:
    ranges = [OsvRange("ECOSYSTEM", (("introduced", "0"), ("fixed", "2025.12.18")))]
    assert affects("PyPI", ranges, (), "2025.7.1") is True
    assert affects("PyPI", ranges, (), "2025.12.18") is False
    assert affects("PyPI", ranges, (), "2025.12.18rc1") is True
    assert affects("PyPI", ranges, (), "2026.1") is False


def test_explicit_versions_list() -> None:
    git_only = [OsvRange("GIT", (("introduced", "abc"),))]
    assert affects("PyPI", git_only, ("1.0.0", "1.1"), "1.0") is True  # PEP 440: 1.0 == 1.0.0
    assert affects("PyPI", git_only, ("1.0.0", "1.1"), "1.2") is False
    assert affects("npm", (), ("0.3.0",), "v0.3.0") is True
    assert affects("npm", (), ("0.3.0",), "0.3.1") is False


def test_fixed_version_to_move_to() -> None:
    ranges = semver(
        ("introduced", "0"), ("fixed", "0.1.16"), ("introduced", "1.0.0"), ("fixed", "1.0.2")
    )
    assert first_fixed_after("npm", ranges, "0.1.3") == "0.1.16"
    assert first_fixed_after("npm", ranges, "1.0.1") == "1.0.2"
    assert first_fixed_after("npm", ranges, None) == "1.0.2"  # clears every range
    assert (
        first_fixed_after(
            "npm",
            semver(
                ("introduced", "0"),
            ),
            "1.0.0",
        )
        is None
    )


@pytest.mark.parametrize(
    ("database", "cvss", "expected"),
    [
        ("CRITICAL", None, "critical"),
        ("MODERATE", None, "medium"),
        ("LOW", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "low"),  # GitHub's rating wins
        (None, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "high"),  # 8.8
        (None, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "critical"),
        (None, "CVSS:3.1/AV:N/garbage", ""),
        ("UNKNOWN", None, ""),
        (None, None, ""),
    ],
)
def test_severity(database: str | None, cvss: str | None, expected: str) -> None:
    record = ghsa_record(
        "GHSA-fake-0003-test", "x", [{"introduced": "0"}], severity=database, cvss=cvss
    )
    if cvss and cvss.startswith("CVSS:4"):
        record["severity"] = [{"type": "CVSS_V4", "score": cvss}]
    assert severity_of(record) == expected


@pytest.mark.parametrize(
    "record",
    [
        None,
        [],
        "GHSA",
        {"id": 5},
        {"id": "../../etc/passwd", "affected": []},
        {"id": "GHSA-fake-0004-test"},  # names no package
        {"id": "GHSA-fake-0004-test", "affected": "npm"},
        {"id": "GHSA-fake-0004-test", "affected": [{"package": "x"}, 7, None]},
        {
            "id": "GHSA-fake-0004-test",
            "affected": [{"package": {"ecosystem": "PyPI", "name": "x"}}],
        },
        {
            "id": "GHSA-fake-0004-test",
            "withdrawn": "2026-01-01T00:00:00Z",
            "affected": [{"package": {"ecosystem": "npm", "name": "x"}}],
        },
    ],
)
def test_unusable_records_are_skipped(record: object) -> None:
    assert to_advisory(record, "npm", "x") is None


def test_odd_fields_do_not_break_a_usable_record() -> None:
    record = {
        "id": "GHSA-fake-0005-test",
        "aliases": ["CVE-2099-0005", 7, "bad id/with slash"],
        "summary": ["not", "a", "string"],
        "details": "First line of the details\nmore",
        "affected": [
            {
                "package": {"ecosystem": "npm", "name": "x"},
                "ranges": [
                    {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": 3}, "x"]},
                    5,
                ],
                "versions": ["0.1.0", None],
            }
        ],
    }
    adv = to_advisory(record, "npm", "x")
    assert adv is not None
    assert adv.aliases == ("CVE-2099-0005",) and adv.summary == "First line of the details"
    assert adv.affects("0.1.0") and adv.affects("5.0.0")  # fixed: 3 is not a version string
    assert adv.url == "https://osv.dev/vulnerability/GHSA-fake-0005-test"


def test_merge_keeps_the_bundled_identity() -> None:
    (bundled,) = for_package("npm", "mcp-remote")
    osv = to_advisory(
        ghsa_record(
            "GHSA-fake-0006-test",
            "mcp-remote",
            [{"introduced": "0"}, {"fixed": "0.1.17"}],
            aliases=("CVE-2025-6514",),
            severity="HIGH",
        ),
        "npm",
        "mcp-remote",
    )
    assert osv is not None
    (merged,) = merge([bundled], [osv])
    assert (merged.id, merged.url) == (bundled.id, bundled.url)
    assert merged.severity == "high" and merged.fixed_for("0.1.16") == "0.1.17"
    assert merged.affects("0.1.16") and "GHSA-fake-0006-test" in merged.aliases


_semver = st.tuples(*[st.integers(0, 12)] * 3).map(lambda t: ".".join(map(str, t)))


@given(st.lists(_semver, min_size=2, max_size=6, unique=True), _semver)
def test_timeline_agrees_with_the_equivalent_semver_range(bounds: list[str], version: str) -> None:
    """A sorted introduced/fixed timeline is the union of half-open ranges: node-semver,
    given the same intervals as a range string, must agree on every version."""
    import nodesemver

    ordered = sorted(bounds, key=nodesemver.full_key_function)
    pairs = list(zip(ordered[::2], ordered[1::2], strict=False))
    events = tuple(e for lo, hi in pairs for e in (("introduced", lo), ("fixed", hi)))
    as_range = " || ".join(f">={lo} <{hi}" for lo, hi in pairs)
    expected = nodesemver.satisfies(version, as_range, loose=False)
    shuffled = [OsvRange("SEMVER", tuple(reversed(events)))]  # order must not matter
    assert affects("npm", shuffled, (), version) is bool(expected)
