"""One command for every benchmark: `python benchmarks/run.py` prints a table.

Figures are wall time (median of N runs) and peak RSS of the whole `mcpaudit scan`
process, side by side with the interpreter's own start-up (`python -c pass`) from the
same run, so ratios hold on a noisy machine. Targets (issue 10):
busy laptop < 0.3 s (with 500 known projects, issue 14: <= 1.5x that, < 100 MB);
10,000 servers < 3 s and < 300 MB; headless import < 150 ms;
TUI first render with 1,000 findings < 1 s, and scrolling that keeps up with a held arrow
key (< 33 ms of CPU per key at 30 keys a second); 20 slow live servers < 3 s. The
`mcpaudit-run` rows time the launcher exec'ing `python -c pass` (bench_launcher.py).
Detection quality of the tool-text scorer (issue 15: recall >= 0.95, no false positive at
medium or above on real tools) is printed after the table by bench_tool_text.py, then the
static rules' misses and false positives on real client configs (bench_static.py --fast).
"""

from __future__ import annotations

import argparse
import compileall
import functools
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import homes  # noqa: E402


def measure(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """(median wall seconds, max peak RSS in MB) of a child process."""
    walls, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)  # Linux reports KB
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err[-2000:]}")
        if proc.stderr:
            proc.stderr.close()
    return statistics.median(walls), max(peaks)


def build_apart(build: Callable[[Path], None], home: Path) -> None:
    """Build a home in a child process. Linux keeps a process's high-water RSS across fork
    and exec, so a builder's peak here (~275 MB for the 35 MB ~/.claude.json) would show
    as the RSS of every scan started after it."""
    module = "run" if build.__module__ == "__main__" else build.__module__
    code = (
        f"import sys; sys.path[:0] = [{str(HERE)!r}, {str(REPO)!r}]; "
        f"from pathlib import Path; import {module}; {module}.{build.__name__}(Path(sys.argv[1]))"
    )
    subprocess.run([sys.executable, "-c", code, str(home)], check=True)


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(REPO), NO_COLOR="1")
    return env


def row(name: str, wall: float, rss: float | None, baseline: float, target: str) -> str:
    rss_text = f"{rss:7.1f}" if rss is not None else "      -"
    return (
        f"| {name:<38} | {wall * 1000:9.1f} | {wall / baseline:8.1f}x | {rss_text} | {target:<16} |"
    )


def import_time_ms(env: dict[str, str]) -> float:
    """Cumulative -X importtime of everything a headless JSON scan imports."""
    code = "import mcpaudit.commands.scan, mcpaudit.report.jsonfmt, mcpaudit.rules.registry"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" ") and not parts[2].startswith("  "):
            try:
                total += int(parts[1])
            except ValueError:
                continue
    return total / 1000


def optional(module_path: Path, name: str = "measure") -> Callable[..., object] | None:
    if not module_path.exists():
        return None
    return getattr(_load(module_path), name, None)


@functools.cache  # one module per script: bench_tui's two figures come from one app run
def _load(module_path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(module_path.stem, module_path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def big_goose_home(home: Path, size: int = 9_800_000) -> None:
    """A legitimate Goose config of ~9.8 MB: plain extensions, no anchors or aliases."""
    out: list[str] = ["GOOSE_PROVIDER: anthropic", "extensions:"]
    total, i = 0, 0
    while total < size:
        block = [
            f"  ext{i}:",
            f"    name: ext{i}",
            "    enabled: false",
            "    type: stdio",
            "    cmd: npx",
            "    args:",
            '      - "-y"',
            f'      - "@scope/server-{i}@1.0.{i % 50}"',
            "    timeout: 300",
            f"    description: extension number {i} for the audit benchmark of big files",
        ]
        total += sum(len(line) + 1 for line in block)
        out += block
        i += 1
    path = home / ".config" / "goose" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(out) + "\n")


def issue_goose_home(home: Path, size: int = 9_800_000, entries: int = 68_765) -> None:
    """The file of issue 20 item 15: 9.8 MB, 68,765 plain entries, no anchors or aliases
    (10 entries an extension, so ~6,900 extensions with long descriptions)."""
    count = entries // 10
    width = size // count - 190  # the description fills what the other lines leave
    words = "reads and writes the team's notes, tickets and build logs; " * (width // 60 + 1)
    out: list[str] = ["GOOSE_PROVIDER: anthropic", "extensions:"]
    for i in range(count):
        out += [
            f"  ext{i}:",
            f"    name: ext{i}",
            "    enabled: false",
            "    type: stdio",
            "    cmd: npx",
            f'    args: ["-y", "@scope/server-{i}@1.0.{i % 50}"]',
            "    timeout: 300",
            "    envs: {LOG_LEVEL: info}",
            f"    description: {words[:width]}",
        ]
    path = home / ".config" / "goose" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(out) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 30 MB home")
    parser.add_argument(
        "--big-yaml",
        action="store_true",
        help="add the 9.8 MB Goose YAML rows (issue 20: the issue's file, and one with 42k "
        "extensions); about a minute without PyYAML's libyaml parser",
    )
    args = parser.parse_args()
    py = sys.executable
    # An installed package has its bytecode compiled by pip; without it (PYTHONDONTWRITEBYTECODE
    # is set on some machines) every run would compile mcpaudit from source again.
    compileall.compile_dir(REPO / "mcpaudit", quiet=1)
    header = (
        "| "
        + " | ".join(
            (
                f"{'benchmark':<38}",
                f"{'wall ms':>9}",
                f"{'vs start':>9}",
                f"{'RSS MB':>7}",
                f"{'target':<16}",
            )
        )
        + " |"
    )
    lines = [header, "|" + "|".join("-" * n for n in (40, 11, 11, 9, 18)) + "|"]
    with tempfile.TemporaryDirectory(prefix="mcpaudit-bench-") as tmp:
        root = Path(tmp)
        empty = root / "empty"
        empty.mkdir()
        baseline, base_rss = measure([py, "-c", "pass"], base_env(empty), args.runs)
        lines.append(row("python -c pass (start-up)", baseline, base_rss, baseline, "reference"))
        scan = [py, "-m", "mcpaudit", "scan", "--format", "json", "--fail-on", "never"]
        cases = [
            ("small home (1 client, 5 servers)", homes.small_home, "-"),
            ("busy laptop (15 clients, 60 servers)", homes.busy_home, "< 300 ms"),
            # Issue 14: + 500 known projects, 100 with configs: <= 1.5x the busy laptop.
            ("busy laptop + 500 known projects", homes.busy_projects_home, "<= 1.5x, 100 MB"),
        ]
        if not args.quick:
            cases.append(
                ("huge ~/.claude.json (10k servers)", homes.huge_claude_home, "< 3000 ms, 300 MB")
            )
        if args.big_yaml:
            # Issue 20 item 15: the issue's file within the 10k-server row's budget; the
            # dense one (42k servers) costs what 42k servers cost in the rules, not in YAML.
            cases.append(("9.8 MB Goose YAML (issue: 6.9k ext.)", issue_goose_home, "< 3000 ms"))
            cases.append(("9.8 MB Goose YAML (42k extensions)", big_goose_home, "4x 10k row"))
        for name, build, target in cases:
            home = root / build.__name__
            home.mkdir()
            build_apart(build, home)
            big = (homes.huge_claude_home, big_goose_home, issue_goose_home)
            runs = args.runs if build not in big else 1
            wall, rss = measure([*scan, "--project", str(home)], base_env(home), runs)
            lines.append(row(name, wall, rss, baseline, target))
        imp = import_time_ms(base_env(empty)) / 1000
        lines.append(row("headless import (-X importtime)", imp, None, baseline, "< 150 ms"))
        for script, func, label, target in (
            ("bench_tui.py", "measure", "TUI first render, 1,000 findings", "< 1000 ms"),
            # CPU per key while the arrow key repeats 30 times a second: under 33 ms keeps up.
            ("bench_tui.py", "measure_scroll", "TUI scrolling, CPU per held key", "< 33 ms"),
            ("bench_live.py", "measure", "live: 20 stdio servers x 1 s each", "< 3000 ms"),
            ("bench_reports.py", "measure", "render Markdown + SARIF, 10k findings", "< 5000 ms"),
            # The launcher starts a second interpreter, then execs the server (here
            # `python -c pass`): compare with 2x the start-up row (bench_launcher.py).
            (
                "bench_launcher.py",
                "measure_file",
                "mcpaudit-run -- python, file secret",
                "~2x start",
            ),
            ("bench_launcher.py", "measure_keyring", "mcpaudit-run -- python, keyring secret", "-"),
        ):
            measure_fn = optional(HERE / script, func)
            if measure_fn is None:
                lines.append(f"| {label:<38} | {'n/a':>9} | {'':>9} | {'':>7} | {target:<16} |")
                continue
            wall = float(measure_fn())  # type: ignore[arg-type]
            lines.append(row(label, wall, None, baseline, target))
    print("\n".join(lines))
    detection = optional(HERE / "bench_tool_text.py", "measure")
    if detection is not None:
        print("\ntool-text detection (benchmarks/bench_tool_text.py):")
        detection()
    static = optional(HERE / "bench_static.py", "measure")
    if static is not None:
        print("\nstatic config rules on real configs (benchmarks/bench_static.py --fast):")
        static(fast=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
