"""Run the live stack against the lowest and the highest MCP SDK release the pin allows.

    python scripts/check_sdk_range.py [WORK_DIR]

Reads the `mcp` requirement from pyproject.toml, asks PyPI (`pip index versions mcp`) which
releases it allows, and for the lowest and the highest: a scratch venv with the project and
its test extras, that `mcp` (and the `mcp-types` it pins), then the SDK hygiene test and
the live-scan tests. Needs the network; not part of CI (each round installs a venv).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/distribution/test_sdk_hygiene.py", "tests/test_live_scan.py"]


def allowed_releases() -> list[Version]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pin = next(r for r in map(Requirement, deps) if r.name == "mcp")
    out = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", "mcp"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = re.search(r"Available versions: (.*)", out)
    versions = [Version(v.strip()) for v in listed.group(1).split(",")] if listed else []
    return sorted(v for v in versions if pin.specifier.contains(v))


def check(release: Version, work: Path) -> int:
    target = work / f"sdk-{release}"
    if not target.exists():
        venv.create(target, with_pip=True)
    py = str(target / "bin" / "python")
    pins = target / "sdk.txt"
    pins.write_text(f"mcp=={release}\n")
    subprocess.run(
        [py, "-m", "pip", "install", "-q", "-c", str(pins), "-e", f"{ROOT}[test]"], check=True
    )
    print(f"== mcp {release}", flush=True)
    return subprocess.run(
        [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS], cwd=ROOT
    ).returncode


def main(argv: list[str]) -> int:
    work = Path(argv[0]) if argv else ROOT / ".sdk-venvs"
    releases = allowed_releases()
    if not releases:
        print("no release of mcp satisfies the pin", file=sys.stderr)
        return 1
    ends = sorted({releases[0], releases[-1]})
    print("allowed:", ", ".join(map(str, releases)), "- checking", ", ".join(map(str, ends)))
    return max(check(r, work) for r in ends)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
