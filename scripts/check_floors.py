"""Install every runtime dependency at its declared floor in a scratch venv and run tests.

    python scripts/check_floors.py [VENV_DIR] [-- PYTEST_ARGS...]

The floors in pyproject.toml must be true: this pins each `name>=X` to `name==X`
(packages without a floor float), installs the project with its test extras under those
pins, and runs pytest (default: the TUI, CLI, live and OSV tests, where old releases
break first).
Needs the network (PyPI). Not part of CI: it takes minutes and downloads old releases.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)")


def floors() -> list[str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return [f"{m[1]}=={m[2]}" for d in deps if (m := FLOOR.match(d))]


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv and argv[0] != "--" else ROOT / ".floors-venv"
    # SVG snapshots are drawn by one Textual release (constraints.txt): left out here.
    default = ["tests/tui", "tests/test_cli.py", "tests/distribution", "tests/test_live_scan.py"]
    default += ["tests/osv", "--deselect", "tests/tui/test_snapshots.py"]
    pytest_args = argv[argv.index("--") + 1 :] if "--" in argv else default
    pins = target / "floors.txt"
    if not target.exists():
        venv.create(target, with_pip=True)
    pins.write_text("\n".join(floors()) + "\n")
    py = str(target / "bin" / "python")
    subprocess.run(
        [py, "-m", "pip", "install", "-q", "-c", str(pins), "-e", f"{ROOT}[test]"], check=True
    )
    subprocess.run([py, "-m", "pip", "list", "--format=freeze"], check=True)
    return subprocess.run(
        [py, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *pytest_args], cwd=ROOT
    ).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
