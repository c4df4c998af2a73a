"""Adversarial sweep: mutated configs of every format through `mcpaudit scan`.

    python scripts/sweep_hostile.py --cases 400 --seed 20

Each case is a fresh temp home with one mutated config (JSON, JSONC, TOML or YAML) plus
hostile extras (huge integers, lone surrogates, escapes in names, deep nesting, byte
flips, truncation, FIFOs, symlink loops), scanned in-process through `cli.main` in a
random report format. A failure is: an exit code other than 0/1, "could not complete"
or a traceback on stderr, an empty report, or a raw ESC/C1/bidi character in the output.
Prints a summary and every failing case (its seed) so it can be replayed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mcpaudit.cli import main

FORMATS = ("text", "json", "markdown", "sarif")
HOSTILE = [
    "1" * 4301,
    "\\ud800",
    "\\udfff x",
    "\\u001b]52;c;aGk=\\u0007",
    "\\u001b[2J",
    "\\u009b31m",
    "\\u202e",
    "\\u0000",
    "9" * 5000 + ".0.0",
]


def _value(rng: random.Random) -> str:
    return rng.choice(HOSTILE) + rng.choice(["", "x", "sk-proj-" + "a" * 40])


def _json_config(rng: random.Random) -> str:
    name, key, header = (_value(rng) for _ in range(3))
    version = rng.choice(["1.0.0", "9" * 5000 + ".0.0", "latest", "\\ud800"])
    servers = (
        f'"{name}": {{"command": "npx", "args": ["-y", "mcp-remote@{version}"],'
        f' "env": {{"{key}": "v"}}}},'
        f' "r": {{"url": "http://127.0.0.1/{_value(rng)}", "headers": {{"A": "{header}"}}}}'
    )
    text = f'{{"mcpServers": {{{servers}}}, "n": {rng.choice(["1" * 4301, "0", "1e99999"])}}}'
    if rng.random() < 0.2:
        text = "[" * rng.randint(900, 6000) + "]" * rng.randint(0, 6000)
    return text


def _mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.choice([0, 0, 1, 3, 10])):
        if not chars:
            break
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[i] = rng.choice('{}[]":,\\\n\t #=-*&!|>')
        elif op < 0.7:
            del chars[i]
        else:
            chars.insert(i, rng.choice(['"', "{", "\\u", "1" * 50]))
    out = "".join(chars)
    if rng.random() < 0.1:
        out = out[: rng.randrange(len(out) + 1)]
    return out


def build_case(home: Path, rng: random.Random) -> str:
    kind = rng.choice(["json", "jsonc", "toml", "yaml", "projects", "fs"])
    proj = home / "proj"
    proj.mkdir(parents=True)
    if kind in ("json", "jsonc"):
        path = proj / (".mcp.json" if kind == "json" else ".vscode/mcp.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _json_config(rng)
        if kind == "jsonc":
            text = "// c\n" + text.replace('"mcpServers"', '"servers"')
        path.write_text(_mutate(text, rng), "utf-8")
    elif kind == "projects":
        (home / ".claude.json").write_text(
            _mutate(f'{{"projects": {{"{_value(rng)}": {{"mcpServers": {{}}}}}}}}', rng), "utf-8"
        )
    elif kind == "toml":
        (home / ".codex").mkdir()
        n = rng.choice(["1" * 4301, "3", '"\\ud800"'])
        text = f'[mcp_servers."{_value(rng)}"]\ncommand = "npx"\nargs = ["-y", "x"]\nn = {n}\n'
        (home / ".codex" / "config.toml").write_text(_mutate(text, rng), "utf-8")
    elif kind == "yaml":
        goose = home / ".config" / "goose"
        goose.mkdir(parents=True)
        v = json.dumps(_value(rng).encode().decode("unicode_escape", "ignore"))
        timeout = rng.choice(["1" * 4301, "3"])
        text = f"extensions:\n  {v}:\n    type: stdio\n    cmd: npx\n    timeout: {timeout}\n"
        if rng.random() < 0.2:
            text = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
                f"a{i}: &a{i} [" + ", ".join(["*a" if i == 0 else f"*a{i - 1}"] * 9) + "]\n"
                for i in range(8)
            )
        (goose / "config.yaml").write_text(_mutate(text, rng), "utf-8")
    else:
        logs = home / ".claude" / "projects"
        logs.mkdir(parents=True)
        (logs / "root").symlink_to("/")
        (logs / "a").symlink_to(logs / "b")
        (logs / "b").symlink_to(logs / "a")
        os.mkfifo(proj / ".mcp.json")
        (home / ".cursor").mkdir()
        (home / ".cursor" / "mcp.json").symlink_to(rng.choice(["/proc/self/status", "/dev/zero"]))
    return kind


def run(cases: int, seed: int) -> int:
    failures: list[str] = []
    kinds: dict[str, int] = {}
    codes: dict[int, int] = {}
    started = time.monotonic()
    for n in range(cases):
        rng = random.Random(seed * 100_000 + n)
        with tempfile.TemporaryDirectory(prefix="mcpaudit-sweep-") as tmp:
            home = Path(tmp)
            kind = build_case(home, rng)
            kinds[kind] = kinds.get(kind, 0) + 1
            fmt = rng.choice(FORMATS)
            os.environ["HOME"] = str(home)
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(
                        ["scan", "--format", fmt, "--project", str(home / "proj"), "--no-processes"]
                    )
                except BaseException as exc:
                    code = -1
                    err.write(f"escaped main: {type(exc).__name__}: {exc}")
            codes[code] = codes.get(code, 0) + 1
            text, errors = out.getvalue(), err.getvalue()
            bad = []
            if code not in (0, 1):
                bad.append(f"exit {code}")
            if "Traceback" in errors or "could not complete" in errors:
                bad.append(errors.strip()[:200])
            if not text.strip():
                bad.append("empty report")
            if any(ch in text for ch in "\x1b\x9b\x07\u202e"):
                bad.append("raw control in output")
            if bad:
                failures.append(f"case {n} ({kind}, {fmt}, seed {seed}): {'; '.join(bad)}")
    elapsed = time.monotonic() - started
    print(f"{cases} cases in {elapsed:.0f}s; kinds {kinds}; exit codes {codes}")
    print(f"{len(failures)} failure(s)")
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    raise SystemExit(run(args.cases, args.seed))
