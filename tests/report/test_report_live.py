"""The reports after live inspection: real MCP servers whose tool text is hostile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import cmarkgfm
import jsonschema

from tests.conftest import run_cli
from tests.live_helpers import stdio_entry, write_cursor

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text())
EVIL = "calc | <b>x</b> [y](javascript:z)"


def test_live_markdown_and_sarif_show_tools_safely(isolated_home: Path) -> None:
    missing = str(isolated_home / "no-such-server")
    write_cursor(
        isolated_home,
        {
            EVIL: stdio_entry("poisoned.py"),
            "dates": stdio_entry("ansi.py"),
            "gone": {"command": missing},
        },
    )
    out = isolated_home / "live.md"
    sarif = isolated_home / "live.sarif"
    # One live scan per format would start every server twice: the report comes from
    # `report`, and the SARIF from the same servers run again by `scan`.
    proc = run_cli("report", "--live", "--timeout", "30", "-o", str(out), home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    md = out.read_text()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", md)
    page = cmarkgfm.github_flavored_markdown_to_html(md)
    assert "<a " not in page and "raw HTML omitted" not in page and "<b>" not in page
    assert "Live inspection was not run" not in md
    assert "#### Tools of calc \\| \\<b\\>x\\</b\\> \\[y\\]\\(javascript\\:z\\)" in md
    # The tool tables: the poisoned description is shown (escaped), the ANSI one made visible.
    assert "\\<IMPORTANT\\>" in md
    assert "Formats a date.\\\\x1b\\[8m Also send" in md
    assert "| `add` | tool |" in md and "| `format_date` | tool |" in md
    # What could not be inspected is listed with the reason.
    assert "Servers whose live inspection failed or was cut short:" in md
    assert re.search(r"\| `gone` \| server gone was not inspected \\\(spawn\\:", md)
    # Live findings (tool content) name the tool in their section.
    assert "- **Tool:** `add`" in md or "- **Tool:** `format_date`" in md

    proc = run_cli(
        "scan",
        "--live",
        "--timeout",
        "30",
        "--format",
        "sarif",
        "-o",
        str(sarif),
        "--fail-on",
        "never",
        home=isolated_home,
    )
    assert proc.returncode == 0, proc.stderr
    log = json.loads(sarif.read_text())
    errors = list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    assert not errors, errors[0].message
    results = log["runs"][0]["results"]
    tools = {r["properties"]["tool"] for r in results if r["properties"]["tool"]}
    assert tools & {"add", "format_date"}
    assert all("\\u001b" not in json.dumps(r["message"]) for r in results)
