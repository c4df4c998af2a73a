"""What a user of the published package sees: its name, metadata, README and sdist."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import mcpaudit
from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
README = (REPO / "README.md").read_text()
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def test_distribution_name_is_ours_everywhere():
    project = PYPROJECT["project"]
    assert project["name"] == mcpaudit.DISTRIBUTION != "mcpaudit"
    assert project["scripts"] == {
        "mcpaudit": "mcpaudit.cli:main",
        "mcpaudit-run": "mcpaudit.launcher:main",  # the keychain launcher
    }
    assert project["dynamic"] == ["version"] and "version" not in project
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mcpaudit.__version__"}
    assert all(url.startswith(mcpaudit.REPOSITORY_URL) for url in project["urls"].values())
    # The README says why the command and the distribution differ, and never tells anyone
    # to `pip install mcpaudit` (that is another project).
    assert f"pipx install {mcpaudit.DISTRIBUTION}" in README
    assert "`pip install mcpaudit` installs *that* tool" in README
    assert not re.search(r"^\s*(- run: )?pip install mcpaudit\b", README, re.M)


def test_readme_links_work_on_pypi():
    """PyPI renders the README without the repository: every link must be absolute, and
    those into this repository must name a file that exists."""
    links = LINK.findall(README)
    assert links
    relative = [u for u in links if not u.startswith(("https://", "http://", "#"))]
    assert relative == []
    raw = mcpaudit.REPOSITORY_URL.replace("github.com", "raw.githubusercontent.com")
    ours = (f"{mcpaudit.REPOSITORY_URL}/blob/main/", f"{raw}/main/")
    for url in links:
        for prefix in ours:
            if url.startswith(prefix):
                assert (REPO / url.removeprefix(prefix)).exists(), url


def test_readme_test_command_is_what_ci_runs():
    (block,) = [b for b in re.findall(r"```sh\n(.*?)```", README, re.S) if "pytest" in b]
    install, _, test = block.strip().partition(" && ")
    ci = (REPO / ".ci" / "run").read_text()
    assert install.replace("pip install", "python -m pip install --quiet") in ci
    assert ci.rstrip().endswith(test)
    pinned = (REPO / "constraints.txt").read_text()
    assert re.search(r"^textual==\d", pinned, re.M)


def test_package_data_globs_each_match_a_file():
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["mcpaudit"]
    for pattern in globs:
        assert [p for p in (REPO / "mcpaudit").glob(pattern) if p.is_file()], pattern


def _build(kind: str, out: Path) -> Path:
    code = f"import sys; from setuptools import build_meta as b;print(b.build_{kind}(sys.argv[1]))"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "Cannot import `packaging.licenses`" in proc.stderr:
        # setuptools reads `license = "MIT"` with packaging >= 24.2; `python -m build`
        # brings its own, an environment at the runtime floor (packaging 23) does not.
        pytest.skip("this environment's packaging is too old for setuptools to build")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out / proc.stdout.strip().splitlines()[-1]


def _suite() -> set[str]:
    tracked = subprocess.run(["git", "ls-files", "tests"], cwd=REPO, capture_output=True, text=True)
    if tracked.returncode == 0 and tracked.stdout:
        return {line for line in tracked.stdout.splitlines() if (REPO / line).is_file()}
    pytest.skip("not a git checkout: the tracked test files are unknown")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    return {"sdist": _build("sdist", out), "wheel": _build("wheel", out)}


def test_sdist_ships_the_whole_test_suite_and_the_licence(built):
    with tarfile.open(built["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    missing = _suite() - names
    assert missing == set(), f"the sdist lacks {len(missing)} test files: {sorted(missing)[:5]}"
    for needed in ("LICENSE", "README.md", "constraints.txt", ".pre-commit-hooks.yaml"):
        assert needed in names
    assert not [n for n in names if "__pycache__" in n or n.startswith("docs/notes/")]


def test_wheel_carries_the_licence_metadata_and_data_files(built):
    with zipfile.ZipFile(built["wheel"]) as whl:
        names = set(whl.namelist())
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = whl.read(meta).decode()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert f"Name: {mcpaudit.DISTRIBUTION}" in metadata
    assert f"Version: {mcpaudit.__version__}" in metadata
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Topic :: Security" in metadata
    assert "Project-URL: Source, " in metadata
    assert "Keywords: " in metadata
    for data in ("mcpaudit/tui/mcpaudit.tcss", "mcpaudit/data/advisories.json"):
        assert data in names
    assert any(n.startswith("mcpaudit/demo/home/") for n in names)
    assert not [n for n in names if n.startswith("tests/")]


def test_the_installed_wheel_runs_the_readme_command_on_the_demo(built, tmp_path):
    """`pip install .` then `mcpaudit`: the wheel alone (not this checkout) audits the demo."""
    target = tmp_path / "site"
    install = ["install", "--quiet", "--no-deps", "--no-index", "--target", str(target)]
    pip = subprocess.run(
        [sys.executable, "-m", "pip", *install, str(built["wheel"])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    script = target / "bin" / "mcpaudit"
    assert script.is_file(), "the wheel installs no `mcpaudit` console script"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({"PYTHONPATH": str(target), "NO_COLOR": "1"})
    run = {"cwd": tmp_path, "env": env, "capture_output": True, "text": True, "timeout": 300}
    where = subprocess.run([sys.executable, str(script), "--version"], **run)
    assert where.returncode == 0, where.stderr[-2000:]
    probe = "import mcpaudit, sys; sys.stdout.write(mcpaudit.__file__)"
    origin = subprocess.run([sys.executable, "-c", probe], **run)
    assert origin.stdout.startswith(str(target)), f"imported from {origin.stdout}, not the wheel"
    demo = [sys.executable, str(script), "--demo", "scan", "--format", "json"]
    scan = subprocess.run(demo, **run)
    assert scan.returncode == 1, scan.stderr[-2000:]  # the demo holds high findings
    report = json.loads(scan.stdout)
    assert len(report["servers"]) > 20 and len(report["findings"]) > 50
    assert {f["rule_id"] for f in report["findings"]} >= {"MCP101", "MCP201"}
