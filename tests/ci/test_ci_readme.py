"""The CI examples in the README are real: valid YAML, and commands the CLI accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from ruamel.yaml import YAML

from mcpaudit.cli import build_parser
from mcpaudit.suppress import load
from tests.conftest import REPO


def readme_blocks(lang: str) -> list[str]:
    text = (REPO / "README.md").read_text()
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def test_github_actions_example_uploads_sarif_from_a_real_command() -> None:
    workflows = [YAML(typ="safe").load(b) for b in readme_blocks("yaml") if "jobs:" in b]
    assert len(workflows) == 1
    steps = next(iter(workflows[0]["jobs"].values()))["steps"]
    scans = [s["run"] for s in steps if "run" in s and s["run"].startswith("mcpaudit scan")]
    assert scans, "the example runs mcpaudit scan"
    args = build_parser().parse_args(shlex.split(scans[0])[1:])
    assert args.format == "sarif" and args.output is not None
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/"))
    assert upload["with"]["sarif_file"] == str(args.output)
    assert workflows[0]["permissions"]["security-events"] == "write"


def test_suppression_example_loads(tmp_path: Path) -> None:
    (block,) = [b for b in readme_blocks("toml") if "[[suppress]]" in b]
    path = tmp_path / ".mcpaudit.toml"
    path.write_text(block)
    (entry,) = load(path)
    assert entry.reason and entry.rule and entry.expires is not None
